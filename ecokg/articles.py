"""Articles without a store: read them, extract them one at a time (a bad one is a failure, not
the end), write the graph of exactly these articles to a file; and the report of a build.

Part of the library entry point: ``ecokg.api`` re-exports all of it (``ecokg.extract`` …).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ecokg.batch import Failure, Progress
from ecokg.errors import EcokgError, InputError

if TYPE_CHECKING:
    from ecokg.graph.diff import Diff
    from ecokg.graph.export import ExportReport
    from ecokg.graph.ingest import DocGraph
    from ecokg.graph.store import IngestReport
    from ecokg.loaders.reader import RawArticle
    from ecokg.loaders.records import Extraction


@dataclass
class BuildReport:
    """What ``KG.build`` read and what the store made of it.

    ``extractions`` holds the records only where nothing is stored (``extract_articles``); a
    build into a store streams them and keeps the counts (``articles``, ``characters`` …).
    """

    extractions: list[Extraction] = field(default_factory=list)
    ingest: IngestReport | None = None
    failed: list[Failure] = field(default_factory=list)  # articles that could not be read or extracted
    sources: int = 0  # articles the sources named (files after expanding directories)
    changes: Diff | None = None  # what the build changed in the store (new entities, facts, revised figures)
    counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0, 0])  # streamed: see ``count``
    notes: list[tuple[str, str]] = field(default_factory=list)  # streamed: (source, what the loader noted)

    def count(self, doc: DocGraph) -> DocGraph:
        """Add a streamed document's figures (articles, characters, entities, relations, designations,
        figures)."""
        for i, n in enumerate((1, doc.characters, *doc.counts)):
            self.counts[i] += n
        self.notes.extend((doc.source, note) for note in doc.notes)
        return doc

    def _figures(self) -> list[int]:
        ex = self.extractions
        if not ex:
            return self.counts
        return [len(ex), sum(len(e.document.text) for e in ex), sum(len(e.entities) for e in ex),
                sum(len(e.relations) for e in ex), sum(len(e.designations) for e in ex),
                sum(len(e.observations) for e in ex)]

    @property
    def articles(self) -> int:
        """Articles read and extracted (stored or not)."""
        return self._figures()[0]

    @property
    def entities(self) -> int:
        return self._figures()[2]

    def raise_if_stopped(self, keep_going: bool, kept: str | None = None) -> None:
        """Without ``keep_going``, a failure ends the build: ``BuildStopped`` naming the file and
        saying what became of the articles before it (``kept``; default: they were stored)."""
        from ecokg.batch import BuildStopped

        if self.failed and not keep_going:
            error = self.failed[0].error
            if self.sources <= 1 and isinstance(error, EcokgError):
                raise error  # one article: its own error, nothing to say about others
            n = self.articles
            if kept is None:
                kept = (f"the {n} article{'s' if n != 1 else ''} before it were stored (a re-run skips them)"
                        if n else "nothing was stored")
            raise BuildStopped(self.failed[0], kept) from self.failed[0].error

    def summary(self) -> str:
        """``3 articles (5120 characters): 80 entities, 40 relations, 6 designations, 12 figures``."""
        n, chars, _entities, rels, des, obs = self._figures()
        failed = f", {len(self.failed)} failed" if self.failed else ""
        return (f"{n} article{'s' if n != 1 else ''} ({chars} characters): {self.entities} entities, "
                f"{rels} relations, {des} designations, {obs} figures{failed}")


# -- reading articles (no store needed) -------------------------------------------------------------
def read_sources(sources: Sequence[str | os.PathLike[str]], *,
                 stdin: BinaryIO | None = None) -> list[RawArticle]:
    """The articles ``sources`` name: files, directories (recursively) or ``-`` (``stdin``)."""
    from ecokg.loaders.reader import iter_sources

    return list(iter_sources([str(s) for s in sources], stdin=stdin))


@contextmanager
def sample_files() -> Iterator[list[str]]:
    """Paths of the bundled sample articles (valid inside the ``with``)."""
    from importlib.resources import as_file

    from ecokg.resources import sample_articles

    with ExitStack() as stack:
        yield [str(stack.enter_context(as_file(f))) for f in sample_articles()]


def extract_articles(sources: Sequence[str | os.PathLike[str]], *, stdin: BinaryIO | None = None,
                     title: str | None = None, publisher: str | None = None, date: str | None = None,
                     url: str | None = None, gazetteer: Iterable[str | os.PathLike[str]] = (),
                     keep_going: bool = False, progress: Progress | None = None,
                     on_failure: Callable[[Failure], None] | None = None) -> BuildReport:
    """Read and extract the articles ``sources`` name one at a time, without a store.

    The report holds the extractions and the ``failed`` articles; without ``keep_going`` it stops
    at the first failure (``report.raise_if_stopped`` then raises). See ``KG.build``.
    """
    from ecokg.batch import extract_each, list_sources

    entries = list_sources(sources)
    extractions, failed = extract_each(entries, stdin=stdin, title=title, publisher=publisher,
                                       date=date, url=url, gazetteer=gazetteer, keep_going=keep_going,
                                       progress=progress, on_failure=on_failure)
    return BuildReport(extractions, None, failed, len(entries))


def extract(raws: Sequence[RawArticle], *, title: str | None = None, publisher: str | None = None,
            date: str | None = None, url: str | None = None, gazetteer: Iterable[str | os.PathLike[str]] = (),
            progress: Progress | None = None) -> list[Extraction]:
    """Extract entities, relations, designations and figures from each article (the loaders)."""
    from ecokg.loaders.news_loader import NewsArticleLoader

    if len(raws) > 1 and (title or url):
        raise InputError("title and url describe one article; give one source with them")
    loader = NewsArticleLoader([str(g) for g in gazetteer])
    out: list[Extraction] = []
    entities = 0
    for raw in raws:
        if progress:
            progress(Path(raw.source).name, len(out), len(raws), entities)
        out.append(loader.load(raw, title=title, publisher=publisher, date=date, url=url))
        entities += len(out[-1].entities)
    if progress:
        progress("", len(out), len(raws), entities)
    return out


def write_graph(extractions: Iterable[Extraction], path: str | os.PathLike[str], fmt: str | None = None, *,
                base: str | None = None, ontology: bool = False,
                generated_at: str | None = None) -> ExportReport:
    """The graph of exactly these articles, written to a file without any store.

    ``generated_at``: the extraction's ``prov:generatedAtTime`` (ISO 8601), else
    ``$SOURCE_DATE_EPOCH``, else now (``ecokg.graph.generated``)."""
    from ecokg.graph.builder import GraphBuilder
    from ecokg.graph.export import export_dataset
    from ecokg.graph.generated import generation_time
    from ecokg.graph.namespaces import DEFAULT_BASE

    ds = GraphBuilder(base or DEFAULT_BASE, generation_time(generated_at)).build(extractions)
    return export_dataset(ds, path, fmt, ontology=ontology, colours=_colours())


def _colours() -> Callable[[str], str]:
    from ecokg.viz.style import class_colour

    return class_colour
