"""Benchmark stages, each run in its own process by ``bench.stage_runner.run_stage``.

    python -m bench.stages STAGE '{"json": "arguments"}'

A stage prints JSON lines on stdout: ``{"event": "begin", …}`` before each timed unit that may
run long, ``{"event": "run" | "result", …}`` with its figures, and last ``{"event": "done",
"rss_kb": …, "children_rss_kb": …}``: the peak resident set size of the stage process and of
the processes it waited for (``resource.getrusage``). Times are wall-clock
(``time.perf_counter``). Library code of ecokg is called as the CLI calls it.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


def emit(event: str, **fields: Any) -> None:
    sys.stdout.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def peak_rss() -> dict[str, int]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"rss_kb": own, "children_rss_kb": children}


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of the processes it waited for."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def corpus_files(folder: str) -> list[Path]:
    return sorted(Path(folder).glob("*.txt"))


# -- 1. ingest ---------------------------------------------------------------------------------
def ingest(corpus: str, store: str, jobs: int = 1) -> None:
    """``ecokg build --store STORE --jobs N`` on every article: read, clean, segment, recognize,
    extract, build, stream into a new store in batches (``KG.build`` without the progress bar).

    Set-up (gazetteer, lexicon and jieba's dictionary; with ``jobs > 1`` starting the worker
    processes, each warmed on the first article) is timed apart.
    """
    from ecokg import api
    from ecokg.batch import Extractor, Options, load_dictionaries, start_workers, stream_docs

    files = [str(f) for f in corpus_files(corpus)]
    t0 = time.perf_counter()
    workers = None
    if jobs > 1:
        workers = start_workers(Options(), jobs, warm=files[0])
    else:
        load_dictionaries()  # jieba's, whatever the first article's region (the workers' start does it too)
        list(Extractor(Options()).entry(files[0]))  # loads the shared dictionaries of this process
    setup_s = time.perf_counter() - t0
    report = api.BuildReport(sources=len(files))
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    with api.open(store, wait=0) as kg:
        ing = kg.store.ingest(report.count(d) for d in stream_docs(files, Options(), report.failed, jobs=jobs,
                                                                      workers=workers))
    seconds = time.perf_counter() - t0
    if workers is not None:
        workers.close()  # waits for the workers, so that their CPU time is counted
    cpu_s = cpu_seconds() - cpu0
    chars = sum(len(f_.read_text(encoding="utf-8")) for f_ in map(Path, files))
    emit("result", jobs=jobs, documents=report.articles, failed=len(report.failed), characters=chars,
         setup_s=setup_s, seconds=seconds, cpu_s=cpu_s, quads=ing.quads, entities=ing.entities)


def segment(corpus: str) -> None:
    """The floor: jieba's own segmentation (HMM off) of the same texts, dictionary loaded first."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [f.read_text(encoding="utf-8") for f in corpus_files(corpus)]
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    words = sum(len(jieba.lcut(t, HMM=False)) for t in texts)
    seconds = time.perf_counter() - t0
    emit("result", characters=sum(map(len, texts)), words=words, seconds=seconds, cpu_s=cpu_seconds() - cpu0)


# -- 2. load -----------------------------------------------------------------------------------
def load_store(nq: str, store: str) -> None:
    """Bulk-load an N-Quads file into a new ecokg store (ontology loaded by EcoStore.open first), then
    its class closure (``graph/closure.py``, as ``ecokg load`` makes it; timed in, and apart)."""
    import pyoxigraph as ox

    from ecokg.graph.closure import materialize_class_closure
    from ecokg.graph.store import EcoStore

    st = EcoStore.open(store, create=True)
    before = len(st.ox)
    t0 = time.perf_counter()
    st.ox.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
    t1 = time.perf_counter()
    added, _removed = materialize_class_closure(st.ox)
    closure_s = time.perf_counter() - t1
    st.close()  # flush to disk is part of loading
    seconds = time.perf_counter() - t0
    ro = EcoStore.open(store, read_only=True)
    quads = len(ro.ox) - before - added
    ro.close()
    emit("result", quads=quads, seconds=seconds, closure_s=closure_s, closure_quads=added)


# -- 3. query (store side) ---------------------------------------------------------------------
def _timed_runs(name: str, run: Callable[[], int], runs: int, budget: float,
                mode: str = "complete") -> Iterator[dict[str, Any]]:
    """One warm-up run, then up to ``runs`` timed runs while their total stays under ``budget``."""
    emit("begin", query=name, mode=mode, run=0)
    t0 = time.perf_counter()
    rows = run()
    warm = time.perf_counter() - t0
    times: list[float] = []
    if warm > budget / 2:  # slow: the warm-up run is the measurement
        yield {"query": name, "rows": rows, "warmup_s": warm, "times": [warm], "median_s": warm,
               "single": True}
        return
    while len(times) < runs and (not times or sum(times) + warm < budget):
        emit("begin", query=name, mode=mode, run=len(times) + 1)
        t0 = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - t0)
    yield {"query": name, "rows": rows, "warmup_s": warm, "times": times,
           "median_s": statistics.median(times)}


def query_store(store: str, queries: list[str], params: dict[str, dict[str, str]], runs: int, budget: float,
                values: dict[str, str] | None = None, no_param: list[str] | None = None,
                param_only: list[str] | None = None) -> None:
    """Each named query as ``ecokg query`` runs it (LocalBackend: scoped to the document graphs), three ways:

    ``param``: with each declared parameter bound to ``values[name]`` (a park, a region, an entity),
    if the query has one; ``complete``: the whole answer (only required parameters bound, from
    ``params``); ``first100``: the first 100 rows as ``ecokg query --limit 100`` gives them;
    ``param_only`` queries run with their parameter only.
    Parameters are bound once, before the timed runs (the bind time is reported apart).
    """
    from ecokg.queries.runner import LocalBackend, bind_params, combinations, load_query

    backend = LocalBackend(store)
    try:
        for name in queries:
            q = load_query(name)
            given = {p.name: values[p.name] for p in q.params if values and p.name in values}
            modes = [("param", given)] if given and name not in (no_param or []) else []
            # (param_only: a query whose complete answer is known to be past the limit)
            if name not in (param_only or []):
                # the first rows before the complete answer: measured even when that one is past the limit
                modes += [("first100", params.get(name, {})), ("complete", params.get(name, {}))]
            for mode, chosen in modes:
                emit("begin", query=name, mode=mode, run="bind")
                t0 = time.perf_counter()
                bound = bind_params(q, chosen, backend)
                bind_s = time.perf_counter() - t0
                subs = combinations(bound) or [{}]
                limit = 100 if mode == "first100" else None

                def run(q: Any = q, subs: list[dict[str, Any]] = subs, limit: int | None = limit) -> int:
                    return sum(len(backend.run(q.text, s, limit, first=True).rows) for s in subs)

                for res in _timed_runs(name, run, runs, budget, mode):
                    emit("run", mode=mode, bind_s=bind_s,
                         bindings={k: str(v) for s in subs for k, v in s.items()}, **res, **peak_rss())
    finally:
        backend.close()


# -- 2/3/4 rdflib baseline ---------------------------------------------------------------------
class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _Timeout


def rdflib_baseline(nq: str, queries: list[str], bindings: dict[str, dict[str, str]], limit: float, runs: int,
                    budget: float, turtle: str | None) -> None:
    """Plain rdflib in memory: parse the same file, run the same queries, serialize Turtle.

    Each query run and the serialization stop after ``limit`` seconds (SIGALRM; rdflib's engine
    is pure Python, so the alarm interrupts it).
    """
    import rdflib
    from rdflib import URIRef

    from ecokg.graph.namespaces import ONTOLOGY_GRAPH
    from ecokg.queries.runner import load_query
    from ecokg.resources import ontology_file

    signal.signal(signal.SIGALRM, _alarm)
    ds = rdflib.Dataset(default_union=True)
    t0 = time.perf_counter()
    ds.parse(nq, format="nquads")
    seconds = time.perf_counter() - t0
    emit("load", quads=sum(1 for _ in ds.quads((None, None, None, None))), triples=len(ds), seconds=seconds,
         **peak_rss())
    with ontology_file().open("rb") as fh:
        ds.graph(ONTOLOGY_GRAPH).parse(fh, format="turtle")

    def limited(fn: Callable[[], Any]) -> tuple[Any, float | None]:
        signal.setitimer(signal.ITIMER_REAL, limit)
        t = time.perf_counter()
        try:
            value = fn()
        except _Timeout:
            return None, None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return value, time.perf_counter() - t

    for name in queries:
        q = load_query(name)
        init = {k: URIRef(v) for k, v in bindings.get(name, {}).items()}

        def run(q: Any = q, init: dict[str, Any] = init) -> int:
            return len(list(ds.query(q.text, initBindings=init)))

        emit("begin", query=name, run=0)
        rows, warm = limited(run)
        if warm is None:
            emit("run", query=name, timeout=True, limit=limit)
            continue
        if warm > budget / 2:  # slow: the warm-up run is the measurement
            emit("run", query=name, rows=rows, warmup_s=warm, times=[warm], median_s=warm, single=True,
                 **peak_rss())
            continue
        times: list[float] = []
        while len(times) < runs and (not times or sum(times) + warm < budget):
            rows2, took = limited(run)
            if took is None:
                break
            rows, times = rows2, [*times, took]
        if not times:
            emit("run", query=name, timeout=True, limit=limit, warmup_s=warm)
            continue
        emit("run", query=name, rows=rows, warmup_s=warm, times=times, median_s=statistics.median(times),
             **peak_rss())
    emit("queries_done", **peak_rss())
    if turtle:
        emit("begin", export=True)
        data, took = limited(lambda: ds.serialize(format="turtle", encoding="utf-8"))
        if took is None:
            emit("export", timeout=True, limit=limit)
        else:
            Path(turtle).write_bytes(data)
            emit("export", triples=len(ds), seconds=took, bytes=len(data))


# -- 4. export ---------------------------------------------------------------------------------
def export_store(store: str, out: str) -> None:
    """``ecokg export OUT.ttl``: the store's document graphs (and ontology) as sorted Turtle."""
    from ecokg import api

    kg = api.open(store, read_only=True)
    t0 = time.perf_counter()
    report = kg.export(out)
    seconds = time.perf_counter() - t0
    kg.close()
    emit("result", triples=report.statements, seconds=seconds, bytes=os.path.getsize(out))


# -- 5. view -----------------------------------------------------------------------------------
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM = "/usr/bin/chromium"


def view(nq: str, store: str, html: str, browser: bool, draw_limit: float) -> None:
    """Graph from a store as ``ecokg view`` gets it, then build_view + write_html, then first draw."""
    import pyoxigraph as ox

    from ecokg.graph.store import EcoStore
    from ecokg.viz.network import build_view
    from ecokg.viz.page import write_html

    with EcoStore.open(store, create=True) as st:
        st.ox.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
    ro = EcoStore.open(store, read_only=True)
    t0 = time.perf_counter()
    graph = ro.union_graph(ontology=False)
    graph_s = time.perf_counter() - t0
    ro.close()
    t0 = time.perf_counter()
    v = build_view(graph, title="ecokg bench")
    model_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_html(v, html)
    html_s = time.perf_counter() - t0
    emit("result", triples=len(graph), nodes=len(v.nodes), edges=len(v.edges), aggregated=v.aggregated,
         graph_s=graph_s, model_s=model_s, write_s=html_s, seconds=model_s + html_s,
         bytes=os.path.getsize(html))
    if browser:
        emit("begin", browser=True)
        emit("draw", **first_draw(html, draw_limit))


def first_draw(html: str, limit: float) -> dict[str, Any]:
    """Seconds from navigation to the page's first ``afterDrawing`` (window.ecokg.drawn) in Chromium."""
    if not Path(CHROMIUM).is_file():
        return {"skipped": f"no Chromium at {CHROMIUM}"}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = b.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(Path(html).resolve().as_uri(), timeout=limit * 1000)
            loaded = time.perf_counter() - t0
            # polled from here: wait_for_function evals its predicate in the page, which the page's
            # CSP (no 'unsafe-eval') forbids once it has to poll
            while not page.evaluate("window.ecokg && window.ecokg.drawn === true"):
                if time.perf_counter() - t0 > limit:
                    return {"timeout": True, "limit": limit, "load_s": loaded}
                page.wait_for_timeout(50)
            drawn = time.perf_counter() - t0
            nodes = page.evaluate("ecokg.network.body.nodeIndices.length")
        finally:
            b.close()
    return {"load_s": loaded, "seconds": drawn, "drawn_nodes": nodes}


STAGES: dict[str, Callable[..., None]] = {
    "ingest": ingest, "segment": segment, "load_store": load_store, "query_store": query_store,
    "rdflib": rdflib_baseline, "export_store": export_store, "view": view,
}


def _reliability_stages() -> dict[str, Callable[..., None]]:
    from bench.reliability import STAGES as more

    return more


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    STAGES.update(_reliability_stages())
    if len(args) != 2 or args[0] not in STAGES:
        print(f"usage: python -m bench.stages {{{'|'.join(STAGES)}}} JSON", file=sys.stderr)
        return 2
    STAGES[args[0]](**json.loads(args[1]))
    emit("done", **peak_rss())
    return 0


if __name__ == "__main__":
    sys.exit(main())
