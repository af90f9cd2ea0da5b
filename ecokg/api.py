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
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

from ecokg.articles import (
    BuildReport,
    _colours,
    extract,
    extract_articles,
    read_sources,
    sample_files,
    write_graph,
)
from ecokg.batch import Failure, Progress
from ecokg.timeline import TimeAndIdentity, check_date, diff, snapshot

if TYPE_CHECKING:
    from ecokg.graph.analysis import Analysis
    from ecokg.graph.describe import EntityDescription
    from ecokg.graph.export import ExportReport
    from ecokg.graph.ingest import DocGraph
    from ecokg.graph.load import LoadReport, Survey
    from ecokg.graph.placement import Placement
    from ecokg.graph.store import DocumentInfo, EcoStore, IngestReport, StoreStats
    from ecokg.loaders.records import Extraction
    from ecokg.queries.answer import Answer
    from ecokg.queries.runner import NamedQuery
    from ecokg.result import QueryResult

def named_query(spec: str | None = None, expression: str | None = None) -> NamedQuery:
    """A named query, a ``.rq`` file, or SPARQL text (``expression``): what ``KG.query`` runs."""
    from ecokg.queries.runner import load_query

    return load_query(spec, expression)


def store_path(option: str | os.PathLike[str] | None) -> Path:
    """The store the CLI means: ``option``, else ``$ECOKG_STORE``, else ``./ecokg-data``."""
    from ecokg.graph.store import resolve_store_path

    return resolve_store_path(option)


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
              scheduler: str | None = None, generated_at: str | None = None) -> BuildReport:
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
        the bad ones adds only those. ``generated_at``: the ``prov:generatedAtTime`` of this run's
        extractions (ISO 8601), else ``$SOURCE_DATE_EPOCH``, else now (``ecokg.graph.generated``).
        """
        from ecokg.batch import list_sources

        entries = list_sources(sources)
        report = BuildReport(sources=len(entries))
        docs = self.stream(entries, report, title=title, publisher=publisher, date=date, url=url,
                           gazetteer=gazetteer, base=base, progress=progress, stdin=stdin,
                           keep_going=keep_going, on_failure=on_failure, jobs=jobs, scheduler=scheduler,
                           generated_at=generated_at)
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
               scheduler: str | None = None, generated_at: str | None = None) -> Iterator[DocGraph]:
        """The document graphs of ``entries`` (``ecokg.batch.list_sources``), counted into ``report``
        (failures into ``report.failed``), for ``store.ingest``."""
        from ecokg.batch import Options, stream_docs
        from ecokg.graph.generated import generation_time

        options = Options(title, publisher, date, url, tuple(str(g) for g in gazetteer), base,
                          generation_time(generated_at))
        with ExitStack() as stack:
            workers = None
            if scheduler:
                from ecokg.cluster import dask_workers

                workers = stack.enter_context(dask_workers(scheduler))
            for doc in stream_docs(entries, options, report.failed, jobs=jobs, stdin=stdin,
                                   keep_going=keep_going,
                                   progress=progress, on_failure=on_failure, workers=workers):
                yield report.count(doc)

    def ingest(self, extractions: Iterable[Extraction], *, base: str | None = None,
               generated_at: str | None = None) -> IngestReport:
        """Add extracted articles, merging their entities with the store's (streamed in batches);
        the conflicts between figures are recomputed (``graph/conflicts.py``). ``generated_at`` as
        for ``build``."""
        from ecokg.graph.builder import GraphBuilder
        from ecokg.graph.generated import generation_time
        from ecokg.graph.namespaces import DEFAULT_BASE

        builder = GraphBuilder(base or DEFAULT_BASE, generation_time(generated_at))
        report = self.store.ingest(builder.doc_graphs(extractions))
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
