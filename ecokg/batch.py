"""Many articles in one run: each read and extracted on its own, so one bad article is one failure.

``list_sources`` turns the sources a user names into one entry per article (directories are
expanded here, so a bad file in one does not end the directory); ``extract_each`` reads and
extracts them one at a time, keeping what worked and a ``Failure`` (source and one-line reason)
for what did not. With ``keep_going`` it goes on past failures; without it, it stops at the first
and ``KG.build`` stores the articles before it, then raises ``BuildStopped``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from ecokg.errors import EcokgError, InputError

if TYPE_CHECKING:
    from ecokg.graph.ingest import DocGraph
    from ecokg.loaders.reader import RawArticle
    from ecokg.loaders.records import Extraction

T = TypeVar("T")

#: ``progress(source, done, total, entities)``: before each article (``done`` read so far) and after the last.
Progress = Callable[[str, int, int, int], None]


@dataclass(frozen=True)
class Failure:
    """An article that could not be built: which one, and why (one line)."""

    source: str
    reason: str
    error: BaseException = field(repr=False, compare=False)

    def line(self) -> str:
        """``SOURCE: REASON``, the reason alone when it names the source already."""
        return self.reason if self.source in self.reason else f"{self.source}: {self.reason}"


class BuildStopped(InputError):
    """A build without ``keep_going`` met a bad article; ``kept`` says what became of the ones before it."""

    def __init__(self, failure: Failure, kept: str) -> None:
        cause = failure.error
        hint = cause.hint if isinstance(cause, EcokgError) else None
        stop = f"stopped at this article, {kept}; fix or remove it and run again, or use --keep-going"
        message = cause.message if isinstance(cause, EcokgError) else failure.reason
        if failure.source not in message:
            message = f"{failure.source}: {message}"
        super().__init__(message, hint=f"{hint}; {stop}" if hint else stop)
        self.failure = failure
        if isinstance(cause, EcokgError):
            self.exit_code = cause.exit_code


def list_sources(sources: Sequence[str | os.PathLike[str]]) -> list[str]:
    """One entry per article: files as given, directories expanded (recursively, sorted), ``-`` kept.

    A directory without article files, a missing path or an unsupported file stays an entry of
    its own, so reading it reports the problem in its place.
    """
    from ecokg.loaders import reader

    out: list[str] = []
    for source in map(str, sources):
        path = Path(source)
        # the reader's own listing (same order, same hidden-file and suffix rules as iter_sources)
        files = reader._article_files(path) if source != "-" and path.is_dir() else []
        out.extend([str(f) for f in files] or [source])
    return out


def each_record(entry: str, make: Callable[[RawArticle, str], T], *, stdin: BinaryIO | None = None,
                keep_going: bool = True) -> Iterator[T | Failure]:
    """``make(raw, source)`` for one article (a file or standard input), or for each record of a
    WARC or JSON Lines file, in order; a record that cannot be read or made is a ``Failure`` (an
    article's failure, a bug or not, is that article's), after which nothing more comes without
    ``keep_going``."""
    from ecokg.loaders.reader import iter_sources

    records = iter_sources([entry], stdin=stdin)
    while True:
        source = "standard input" if entry == "-" else entry
        try:
            raw = next(records, None)  # after a reading error the file has no more records
            if raw is None:
                return
            if raw.source not in (entry, "-"):
                source = raw.source
            made = make(raw, source)
        except Exception as exc:
            reason = (exc.one_line() if isinstance(exc, EcokgError)
                      else f"internal error: {type(exc).__name__}: {exc}")
            yield Failure(source, reason, exc)
            if not keep_going:
                return
        else:
            yield made


def extract_each(entries: Sequence[str], *, stdin: BinaryIO | None = None, title: str | None = None,
                 publisher: str | None = None, date: str | None = None, url: str | None = None,
                 gazetteer: Iterable[str | os.PathLike[str]] = (), keep_going: bool = False,
                 progress: Progress | None = None,
                 on_failure: Callable[[Failure], None] | None = None,
                 ) -> tuple[list[Extraction], list[Failure]]:
    """Read and extract each entry of ``list_sources`` on its own; stop at the first failure
    unless ``keep_going``. Returns the extractions and the failures, in source order."""
    from ecokg.loaders.news_loader import NewsArticleLoader

    if len(entries) > 1 and (title or url):
        raise InputError("title and url describe one article; give one source with them")
    loader = NewsArticleLoader([str(g) for g in gazetteer])
    failed: list[Failure] = []

    def extract(raw: RawArticle, _source: str) -> Extraction:
        return loader.load(raw, title=title, publisher=publisher, date=date, url=url)

    results = (each_record(entry, extract, stdin=stdin, keep_going=keep_going) for entry in entries)
    done = list(_gathered(entries, results, lambda ex: len(ex.entities), keep_going=keep_going,
                          failed=failed, progress=progress, on_failure=on_failure))
    return done, failed


def _gathered(entries: Sequence[str], results: Iterable[Iterable[T | Failure]],
              entities_of: Callable[[T], int], *, keep_going: bool, failed: list[Failure],
              progress: Progress | None, on_failure: Callable[[Failure], None] | None) -> Iterator[T]:
    """What each entry made, in entry order. A failure goes to ``failed`` (and ``on_failure``) and,
    without ``keep_going``, ends the run; ``progress`` is called before each entry and at the end."""
    entities = 0
    stopped = False
    for i, (entry, items) in enumerate(zip(entries, results, strict=False)):
        if progress:
            progress(Path(entry).name, i, len(entries), entities)
        for item in items:
            if isinstance(item, Failure):
                failed.append(item)
                if on_failure:
                    on_failure(item)
                stopped = not keep_going
                if stopped:
                    break
                continue
            entities += entities_of(item)
            yield item
        if stopped:
            break
    if progress:
        progress("", len(entries), len(entries), entities)


@dataclass(frozen=True)
class Options:
    """How articles are read and turned into graphs (the same in every worker process)."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    gazetteer: tuple[str, ...] = ()
    base: str | None = None
    generated_at: str | None = None  # prov:generatedAtTime of the graphs (graph/generated.py)


class Extractor:
    """Reads one entry (a file, or each record of a WARC/JSON Lines file) into document graphs."""

    def __init__(self, options: Options) -> None:
        from ecokg.graph.builder import GraphBuilder
        from ecokg.graph.namespaces import DEFAULT_BASE
        from ecokg.loaders.news_loader import NewsArticleLoader

        self.options = options
        self.loader = NewsArticleLoader(list(options.gazetteer))
        self.builder = GraphBuilder(options.base or DEFAULT_BASE, options.generated_at)

    def entry(self, entry: str, stdin: BinaryIO | None = None, keep_going: bool = True
              ) -> Iterator[DocGraph | Failure]:
        """Each document of ``entry`` as a ``DocGraph``, or a ``Failure``; after a failure without
        ``keep_going`` nothing more."""
        o = self.options

        def graph(raw: RawArticle, source: str) -> DocGraph:
            ex = self.loader.load(raw, title=o.title, publisher=o.publisher, date=o.date, url=o.url)
            return self.builder.doc_graph(ex, source)

        yield from each_record(entry, graph, stdin=stdin, keep_going=keep_going)


_WORKER: Extractor | None = None


def load_dictionaries() -> None:
    """jieba's dictionary and word tags, which the loaders open at their first use (a warm-up
    article whose region needs neither would leave them to the first real one)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    _ = jieba.posseg.dt.word_tag_tab


def _init_worker(options: Options, warm: str | None = None) -> None:
    global _WORKER
    _WORKER = Extractor(options)
    if warm is not None:  # dictionaries loaded before the first task
        load_dictionaries()
        for _ in _WORKER.entry(warm):
            pass


def _ready() -> int:
    import os

    return os.getpid()


def extract_entry(entry: str, keep_going: bool, options: Options) -> list[DocGraph | Failure]:
    """In a worker process (local or on a Dask cluster): one entry's documents, with failures made
    plain (message, hint, exit code) so that they travel back whatever the error's class."""
    if _WORKER is None or replace(_WORKER.options, generated_at=None) != replace(options, generated_at=None):
        _init_worker(options)
    elif _WORKER.options != options:  # another run's time: the loader stays, the stamp changes
        _WORKER.options, _WORKER.builder.generated_at = options, options.generated_at
    assert _WORKER is not None
    out: list[DocGraph | Failure] = []
    for item in _WORKER.entry(entry, keep_going=keep_going):
        if isinstance(item, Failure):
            err = item.error
            plain = InputError(err.message if isinstance(err, EcokgError) else item.reason,
                               hint=err.hint if isinstance(err, EcokgError) else None)
            plain.exit_code = getattr(err, "exit_code", plain.exit_code)
            item = Failure(item.source, item.reason, plain)
        out.append(item)
    return out


@dataclass
class Workers:
    """Where extraction runs: processes of this machine (``start_workers``) or a Dask cluster
    (``ecokg.cluster.dask_workers``). ``submit(fn, *args)`` returns a future with ``result()``."""

    submit: Callable[..., Any]
    width: int  # tasks that run at once
    close: Callable[[], None]


def start_workers(options: Options, jobs: int, warm: str | None = None) -> Workers:
    """``jobs`` extraction processes (spawned), for ``stream_docs(workers=…)``; with ``warm`` (an
    article file) each has read it once when this returns, so dictionaries are loaded."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(options, warm))
    if warm is not None:  # every worker started (one per task submitted while none is idle) and warmed
        for f in [pool.submit(_ready) for _ in range(jobs)]:
            f.result()
    return Workers(pool.submit, jobs, lambda: pool.shutdown(wait=True, cancel_futures=True))


def stream_docs(entries: Sequence[str], options: Options, failed: list[Failure], *, jobs: int = 1,
                stdin: BinaryIO | None = None, keep_going: bool = False, progress: Progress | None = None,
                on_failure: Callable[[Failure], None] | None = None, workers: Workers | None = None
                ) -> Iterator[DocGraph]:
    """The document graphs of ``entries`` in source order, extracted in ``jobs`` processes.

    Failures go to ``failed`` (and ``on_failure``); without ``keep_going`` the stream ends at the
    first. With ``jobs > 1`` worker processes (spawned) read and extract whole entries, at most a
    few per worker ahead of the consumer, so memory stays bounded; standard input is read here.
    ``workers``: processes already started (``start_workers``) or a Dask cluster; the caller
    closes them.
    """
    if len(entries) > 1 and (options.title or options.url):
        raise InputError("title and url describe one article; give one source with them")
    results: Iterator[Iterable[DocGraph | Failure]]
    own = None
    if (jobs <= 1 and workers is None) or "-" in entries:
        local = Extractor(options)
        results = (local.entry(e, stdin, keep_going) for e in entries)
    else:
        if workers is None:
            workers = own = start_workers(options, jobs)
        results = _pooled(workers, entries, keep_going, options)
    try:
        yield from _gathered(entries, results, lambda dg: dg.counts[0], keep_going=keep_going, failed=failed,
                             progress=progress, on_failure=on_failure)
    finally:
        if own is not None:
            own.close()


def _pooled(workers: Workers, entries: Sequence[str], keep_going: bool, options: Options
            ) -> Iterator[list[DocGraph | Failure]]:
    """Each entry's results in order, a few entries per worker in flight (bounded memory, no idle worker)."""
    from collections import deque

    ahead: deque[Any] = deque()
    todo = iter(entries)
    try:
        for entry in todo:
            ahead.append(workers.submit(extract_entry, entry, keep_going, options))
            if len(ahead) >= 3 * workers.width:
                break
        while ahead:
            done = ahead.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                ahead.append(workers.submit(extract_entry, nxt, keep_going, options))
            yield done
    finally:
        for f in ahead:
            f.cancel()


__all__ = ["BuildStopped", "Extractor", "Failure", "Options", "Progress", "Workers", "extract_each",
           "extract_entry", "list_sources", "start_workers", "stream_docs"]
