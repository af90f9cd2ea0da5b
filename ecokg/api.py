"""The library: one entry point for scripts, notebooks, the CLI, the server, bench and tests.

::

    import ecokg

    with ecokg.open() as kg:                         # a temporary store; ecokg.open("DIR") persists
        kg.build(["articles/"])                      # .txt/.md/.html files or directories
        result = kg.query("companies-in-park", park="青岛人工智能产业园")
        result.rows                                  # [{"company": "https://…", "label": "…"}, …]
        kg.export("kg.nq")                           # ttl trig nt nq jsonld xml gexf graphml csv
    with ecokg.open("other-store") as kg2:
        kg2.load("kg.nq")                            # what export wrote, bulk-loaded, all or nothing

``KG`` wraps one ``EcoStore`` (``kg.store``); opening for writing takes the store's lock (other
writers wait up to ``wait`` seconds), ``read_only=True`` never waits. Everything here raises
``ecokg.errors.EcokgError`` subclasses whose ``one_line()`` is what the CLI prints.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

from ecokg.batch import Failure, Progress
from ecokg.errors import EcokgError, InputError
from ecokg.timeline import TimeAndIdentity, check_date, diff, snapshot

if TYPE_CHECKING:
    from ecokg.graph.analysis import Analysis
    from ecokg.graph.describe import EntityDescription
    from ecokg.graph.diff import Diff
    from ecokg.graph.export import ExportReport
    from ecokg.graph.ingest import DocGraph
    from ecokg.graph.load import LoadReport, Survey
    from ecokg.graph.placement import Placement
    from ecokg.graph.store import DocumentInfo, EcoStore, IngestReport, StoreStats
    from ecokg.loaders.reader import RawArticle
    from ecokg.loaders.records import Extraction
    from ecokg.queries.answer import Answer
    from ecokg.queries.runner import NamedQuery
    from ecokg.result import QueryResult

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
                base: str | None = None, ontology: bool = False) -> ExportReport:
    """The graph of exactly these articles, written to a file without any store."""
    from ecokg.graph.builder import GraphBuilder
    from ecokg.graph.export import export_dataset
    from ecokg.graph.namespaces import DEFAULT_BASE

    ds = GraphBuilder(base or DEFAULT_BASE).build(extractions)
    return export_dataset(ds, path, fmt, ontology=ontology, colours=_colours())


def named_query(spec: str | None = None, expression: str | None = None) -> NamedQuery:
    """A named query, a ``.rq`` file, or SPARQL text (``expression``): what ``KG.query`` runs."""
    from ecokg.queries.runner import load_query

    return load_query(spec, expression)


def store_path(option: str | os.PathLike[str] | None) -> Path:
    """The store the CLI means: ``option``, else ``$ECOKG_STORE``, else ``./ecokg-data``."""
    from ecokg.graph.store import resolve_store_path

    return resolve_store_path(option)


def _colours() -> Callable[[str], str]:
    from ecokg.viz.style import class_colour

    return class_colour


def _as_query(spec: str | NamedQuery) -> NamedQuery:
    import re

    from ecokg.queries.runner import NamedQuery, load_query

    if isinstance(spec, NamedQuery):
        return spec
    if re.fullmatch(r"[\w.-]+", spec) or spec.endswith((".rq", ".sparql")) or Path(spec).is_file():
        return load_query(spec)
    return load_query(None, spec)


# -- a store ----------------------------------------------------------------------------------------
def open(path: str | os.PathLike[str] | None = None, *, read_only: bool = False, create: bool = True,
         wait: float = 30.0, on_wait: Callable[[str], None] | None = None) -> KG:
    """The knowledge graph at ``path`` (a store directory, made if missing), or a temporary one.

    ``path=None``: a new store in a temporary directory, removed by ``close()``. Another writer
    holding the store: wait up to ``wait`` seconds (``on_wait(pid)`` is called when waiting
    starts), then ``StoreError``.
    """
    from ecokg.graph.store import EcoStore

    if path is None:
        tmp = Path(tempfile.mkdtemp(prefix="ecokg-"))
        try:
            return KG(EcoStore.open(tmp / "store", create=True), temporary=tmp)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    if read_only:
        return KG(EcoStore.open(path, read_only=True))
    return KG(EcoStore.open(path, create=create, wait=wait, on_wait=on_wait))


class KG(TimeAndIdentity):
    """A knowledge graph in a store: build, load, query, export (see module doc)."""

    def __init__(self, store: EcoStore, *, temporary: Path | None = None) -> None:
        self.store = store
        self._temporary = temporary

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # -- writing ---------------------------------------------------------------------------
    def build(self, sources: Sequence[str | os.PathLike[str]], *, title: str | None = None,
              publisher: str | None = None, date: str | None = None, url: str | None = None,
              gazetteer: Iterable[str | os.PathLike[str]] = (), base: str | None = None,
              progress: Progress | None = None, stdin: BinaryIO | None = None, keep_going: bool = False,
              on_failure: Callable[[Failure], None] | None = None, jobs: int = 1,
              scheduler: str | None = None) -> BuildReport:
        """Read the articles ``sources`` name and add them to the store, streamed in batches.

        ``jobs``: worker processes that read and extract articles (the store is written here);
        ``scheduler``: a Dask cluster does it instead (``tcp://HOST:8786`` or ``local:N``, see
        ``ecokg.cluster``).
        Each batch of documents is committed before the next is read, so memory does not grow
        with the corpus and an interrupted build keeps the batches before it.
        An article that cannot be read or extracted (binary, undecodable, too large, empty …) is a
        ``Failure`` (``on_failure`` hears of it at once). With ``keep_going`` the others are stored
        and the report lists the failures in ``failed``; without it the articles before the first
        bad one are stored and ``ecokg.batch.BuildStopped`` (an ``InputError`` naming the file) is
        raised. Articles already in the store (same text) are skipped, so a re-run after fixing
        the bad ones adds only those.
        """
        from ecokg.batch import list_sources

        entries = list_sources(sources)
        report = BuildReport(sources=len(entries))
        docs = self.stream(entries, report, title=title, publisher=publisher, date=date, url=url,
                           gazetteer=gazetteer, base=base, progress=progress, stdin=stdin,
                           keep_going=keep_going, on_failure=on_failure, jobs=jobs, scheduler=scheduler)
        before = self.snapshot()
        report.ingest = self.store.ingest(docs)
        if report.ingest.added or report.ingest.replaced:
            self.refresh_conflicts()
        report.changes = self.changes_since(before)
        report.raise_if_stopped(keep_going)
        return report

    @staticmethod
    def stream(entries: Sequence[str], report: BuildReport, *, title: str | None = None,
               publisher: str | None = None, date: str | None = None, url: str | None = None,
               gazetteer: Iterable[str | os.PathLike[str]] = (), base: str | None = None,
               progress: Progress | None = None, stdin: BinaryIO | None = None, keep_going: bool = False,
               on_failure: Callable[[Failure], None] | None = None, jobs: int = 1,
               scheduler: str | None = None) -> Iterator[DocGraph]:
        """The document graphs of ``entries`` (``ecokg.batch.list_sources``), counted into ``report``
        (failures into ``report.failed``), for ``store.ingest``."""
        from ecokg.batch import Options, stream_docs

        options = Options(title, publisher, date, url, tuple(str(g) for g in gazetteer), base)
        with ExitStack() as stack:
            workers = None
            if scheduler:
                from ecokg.cluster import dask_workers

                workers = stack.enter_context(dask_workers(scheduler))
            for doc in stream_docs(entries, options, report.failed, jobs=jobs, stdin=stdin,
                                   keep_going=keep_going,
                                   progress=progress, on_failure=on_failure, workers=workers):
                yield report.count(doc)

    def ingest(self, extractions: Iterable[Extraction], *, base: str | None = None) -> IngestReport:
        """Add extracted articles, merging their entities with the store's (streamed in batches);
        the conflicts between figures are recomputed (``graph/conflicts.py``)."""
        from ecokg.graph.builder import GraphBuilder
        from ecokg.graph.namespaces import DEFAULT_BASE

        report = self.store.ingest(GraphBuilder(base or DEFAULT_BASE).doc_graphs(extractions))
        if report.added or report.replaced:
            self.refresh_conflicts()
        return report

    def load(self, file: str | os.PathLike[str], format: str | None = None, *,
             checked: Survey | None = None) -> LoadReport:
        """Bulk-load an RDF file (N-Quads, TriG, Turtle … as ``export`` writes them), all or nothing.

        ``checked``: ``ecokg.graph.load.survey(file)`` when already made (it parses the whole file).
        """
        from ecokg.graph.load import load_file

        report = load_file(self.store, file, format, checked=checked)
        self.refresh_conflicts()
        return report

    def remove(self, doc: str) -> str:
        """Drop a document (IRI, sha256 prefix, file name or title); returns its IRI."""
        iri = self.store.remove_document(doc)
        self.refresh_conflicts()
        return iri

    # -- reading ---------------------------------------------------------------------------
    def query(self, query: str | NamedQuery, /, *, limit: int | None = None, timeout: float | None = None,
              params: Mapping[str, Any] | None = None, as_of: str | None = None,
              **kwargs: Any) -> QueryResult:
        """Run a named query (``ecokg queries``), a ``.rq`` file or SPARQL text.

        Parameters (entity names or IRIs) come as keywords or ``params``; ``limit`` caps the rows;
        ``timeout`` (seconds) runs the query in a worker process that is stopped at the limit;
        ``as_of`` (YYYY-MM-DD) sees only the documents issued by that date.
        """
        from ecokg.queries.runner import LocalBackend, execute, local_job, run_with_deadline
        from ecokg.result import QueryResult

        named = _as_query(query)
        bound = {k: str(v) for k, v in {**(params or {}), **kwargs}.items()}
        if timeout is not None:
            result = run_with_deadline(local_job, (str(self.path), named, bound, limit, check_date(as_of)),
                                       timeout, f"query {named.name}")
        else:
            result = execute(named, bound, LocalBackend.from_store(self.store, check_date(as_of)), limit)
        return QueryResult(result, named.name)

    def ask(self, question: str, *, limit: int | None = 50) -> Answer:
        """A question in Chinese → the named query it maps to, run, rows with their sentences.

        ``answer.declined`` with ``answer.interpretation.reason`` and ``.suggestions`` when the
        question does not map to a named query (never a guess).
        """
        from ecokg.queries.answer import ask
        from ecokg.queries.runner import LocalBackend

        return ask(question, LocalBackend.from_store(self.store), limit=limit)

    def export(self, path: str | os.PathLike[str], format: str | None = None, *, document: str | None = None,
               ontology: bool = True, inferred: bool = False) -> ExportReport:
        """Write the store (or one ``document``) to a file; the format follows the suffix by default."""
        from ecokg.graph.export import export_store

        return export_store(self.store, path, format, document=document, ontology=ontology, inferred=inferred,
                            colours=_colours())

    def stats(self) -> StoreStats:
        """Documents, triples, entities by class, figures and designations."""
        return self.store.stats()

    def documents(self) -> list[DocumentInfo]:
        return self.store.documents()

    def describe(self, name: str) -> EntityDescription:
        """Everything known about one entity (a name or an IRI); ``AmbiguousName`` lists candidates."""
        from ecokg.graph.describe import describe, resolve_entity

        return describe(self.store, resolve_entity(self.store, name))

    # -- industry chain, analysis, reports --------------------------------------------------
    def place_chain(self, chain: Sequence[str | os.PathLike[str]] = ()) -> list[Placement]:
        """Place the actors in the industry chain (``ontology/chain.ttl`` + ``chain`` files) and
        write the scheme and the traced placements into their own graphs (replacing earlier ones)."""
        from ecokg.graph.chain import load_chain
        from ecokg.graph.placement import write_placements

        return write_placements(self.store, load_chain(chain))

    def analyze(self, region: str | None = None, *, write: bool = False) -> Analysis:
        """Key players (centrality), communities and bridges between parks of the relation graph;
        ``write`` stores the scores as observations in their own graph."""
        from ecokg.graph.analysis import analyze, resolve_region, write_analysis

        result = analyze(self.store, resolve_region(self.store, region) if region else None)
        if write:
            write_analysis(self.store, result)
        return result

    def report(self, region: str, path: str | os.PathLike[str], *,
               chain: Sequence[str | os.PathLike[str]] = (), as_of: str | None = None) -> Path:
        """The region's offline HTML report (chain map, gaps, players, parks, policies, designations);
        ``as_of`` (YYYY-MM-DD): only what documents issued by that date state."""
        from ecokg.graph.analysis import resolve_region
        from ecokg.viz.report import write_report

        if not self.read_only:
            self.place_chain(chain)
        store = self.store
        if as_of is not None:
            from ecokg.graph.asof import scoped_copy

            store = scoped_copy(self.store, check_date(as_of) or "")
        return write_report(store, resolve_region(store, region), Path(path))

    # -- lifetime --------------------------------------------------------------------------
    def close(self) -> None:
        self.store.close()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def __enter__(self) -> KG:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        kind = "temporary" if self._temporary else "read-only" if self.read_only else "store"
        return f"<ecokg.KG {kind} {self.path}>"


__all__ = ["KG", "BuildReport", "Failure", "Progress", "check_date", "diff", "extract", "extract_articles",
           "named_query", "open", "read_sources", "sample_files", "snapshot", "store_path", "write_graph"]
