"""Reliability benchmarks: build time against the length of ONE article (the linear-time curve),
and query latency of ``ecokg serve`` while builds write its store.

    python -m bench --only curve --curve 10kB,100kB,1MB,5MB
    python -m bench --only during-build --during-build 200

``curve``: for each size, ``bench.gen_articles.long_article`` (ordinary paragraphs glued into
one page), read + extracted (``NewsArticleLoader``, set-up timed apart) and then added to a new
store (``KG.ingest``: graph building, merge, the store write), each size in its own process.
The exponent is the least-squares slope of log(time) against log(characters) over the sizes of
100 kB and more (below that the fixed cost of an article dominates).
``during-build``: ``bench.during_build.run``, 8 clients, the articles in 4 builds.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

CURVE_FIT_FROM = 100_000  # bytes: the smallest size the exponent is fitted on


# -- stages (run by bench.stages in their own process) ------------------------------------------
def curve_point(size: int, workdir: str, seed: int) -> None:
    """One size of the curve: extraction, then the store write, each wall-clock and CPU time."""
    from bench.gen_articles import long_article
    from bench.stages import emit, peak_rss
    from ecokg import api
    from ecokg.loaders.news_loader import NewsArticleLoader
    from ecokg.loaders.reader import iter_sources

    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"long-{size}.txt"
    text = long_article(size, seed)
    path.write_text(text, encoding="utf-8")
    warm = work / "warm.txt"
    warm.write_text(long_article(2_000, seed + 1), encoding="utf-8")
    t0 = time.perf_counter()
    loader = NewsArticleLoader()
    loader.load(next(iter_sources([str(warm)])))
    setup_s = time.perf_counter() - t0
    emit("begin", size=size, part="extract")
    w0, c0 = time.perf_counter(), time.process_time()
    ex = loader.load(next(iter_sources([str(path)])))
    w1, c1 = time.perf_counter(), time.process_time()
    emit("begin", size=size, part="store")
    with api.open(work / f"store-{size}", wait=0) as kg:
        report = kg.ingest([ex])
    w2, c2 = time.perf_counter(), time.process_time()
    emit("result", bytes=len(text.encode("utf-8")), characters=len(text), sentences=len(ex.sentences),
         entities=len(ex.entities), quads=report.quads, setup_s=setup_s, extract_s=w1 - w0,
         extract_cpu_s=c1 - c0, store_s=w2 - w1, store_cpu_s=c2 - c1, seconds=w2 - w0, cpu_s=c2 - c0,
         **peak_rss())


def during_build_stage(articles: int, batches: int, clients: int, workdir: str, seed: int) -> None:
    import shutil
    import sys

    from bench import during_build
    from bench.stages import emit
    from ecokg.graph.store import EcoStore

    work = Path(workdir)
    shutil.rmtree(work, ignore_errors=True)
    files = during_build.write_articles(work / "articles", articles, seed)
    store = work / "store"
    EcoStore.open(store, create=True).close()
    ecokg = [sys.executable, "-m", "ecokg"]  # this interpreter's ecokg, whatever PATH finds first
    emit("begin", articles=articles)
    result = during_build.run(ecokg, store, during_build.batched(files, batches), clients, work)
    emit("result", articles=articles, **result.summary())


STAGES = {"curve_point": curve_point, "during_build": during_build_stage}


# -- the runner's side --------------------------------------------------------------------------
def exponent(points: list[dict[str, Any]], key: str, min_bytes: int = CURVE_FIT_FROM) -> float | None:
    """Least-squares slope of log(points[key]) against log(characters), sizes >= ``min_bytes``."""
    xy = [(math.log(p["characters"]), math.log(p[key])) for p in points
          if p.get(key) and p.get("characters") and p.get("bytes", 0) >= min_bytes]
    if len(xy) < 2:
        return None
    mx = sum(x for x, _ in xy) / len(xy)
    my = sum(y for _, y in xy) / len(xy)
    sxx = sum((x - mx) ** 2 for x, _ in xy)
    return sum((x - mx) * (y - my) for x, y in xy) / sxx if sxx else None


def bench_curve(sizes: list[str], cfg: Any) -> dict[str, Any]:
    from bench.gen_articles import parse_size
    from bench.stage_runner import _failure, _log, run_stage

    points: list[dict[str, Any]] = []
    for label in sizes:
        _log(f"curve {label}: one article")
        r = run_stage("curve_point", {"size": parse_size(label), "workdir": str(cfg.workdir / "curve"),
                                      "seed": cfg.seed}, timeout=cfg.stage_limit)
        points.append({"size": label, **(r.first("result") or {**_failure(r), "stopped_in": r.pending})})
    keys = ("extract_s", "extract_cpu_s", "store_s", "store_cpu_s", "seconds", "cpu_s")
    return {"points": points, "exponent": {k: exponent(points, k) for k in keys},
            "fit_from_bytes": CURVE_FIT_FROM}


def bench_during_build(articles: int, cfg: Any, batches: int = 4, clients: int = 8) -> dict[str, Any]:
    from bench.stage_runner import _failure, _log, run_stage

    _log(f"during-build: {articles} articles in {batches} builds, {clients} clients")
    r = run_stage("during_build", {"articles": articles, "batches": batches, "clients": clients,
                                   "workdir": str(cfg.workdir / "during-build"), "seed": cfg.seed},
                  timeout=cfg.stage_limit)
    return r.first("result") or _failure(r)


# -- the report ---------------------------------------------------------------------------------
def _s(x: float | None) -> str:
    return "–" if x is None else (f"{x:.2f} s" if x < 10 else f"{x:.0f} s")


def _run_note(run: dict[str, Any] | None) -> str:
    """When a stage ran in a later run (``--only``) than the rest of the page: its start and load."""
    if not run:
        return ""
    load = ", ".join(f"{x:.2f}" for x in run.get("load_average_at_start", []))
    return f"Run {run.get('started', '?')}, load average at its start {load}.\n\n"


def curve_section(r: dict[str, Any]) -> str:
    c = r.get("curve")
    if not c or not c.get("points"):
        return ""
    from bench.report_format import table

    rows = []
    for p in c["points"]:
        if "status" in p:
            rows.append([p["size"], "–", "–", "–", "–", "–", "–", f"{p['status']}: {p.get('message', '')}"])
            continue
        rows.append([p["size"], f"{p['characters']:,}", f"{p['quads']:,}",
                     f"{_s(p['extract_s'])} ({_s(p['extract_cpu_s'])})",
                     f"{_s(p['store_s'])} ({_s(p['store_cpu_s'])})",
                     f"{_s(p['seconds'])} ({_s(p['cpu_s'])})", f"{p['rss_kb'] / 1024:,.0f} MB"])
    ex = c.get("exponent", {})
    fit_kb = c.get("fit_from_bytes", CURVE_FIT_FROM) // 1000

    def k(name: str) -> str:
        return "–" if ex.get(name) is None else f"{ex[name]:.2f}"

    return ("## Build time against article length\n\n"
            "One article of ordinary paragraphs (`bench.gen_articles.long_article`) per size, each in its "
            "own process: read and extracted (set-up timed apart), then added to a new store "
            "(`KG.ingest`: graph, merge, store write). Goal: time linear in the length (exponent ≤ 1.1), "
            "5 MB in ≤ 60 s. A document of 100,000 quads or more is written by pyoxigraph's bulk loader "
            "in one ingestion (`graph/bulkload.py`), a smaller one in one transaction.\n\nWall-clock "
            "time, CPU time of the process in brackets, its threads included (the machine is "
            "shared: see the load average).\n\n" + _run_note(r.get("curve_run"))
            + table(["size", "characters", "quads", "extract", "store write", "total", "peak RSS"], rows)
            + f"\n\nFitted exponent (time ∝ characters^k, sizes ≥ {fit_kb} kB): "
            f"extraction k = {k('extract_s')} (CPU time: {k('extract_cpu_s')}), "
            f"store write k = {k('store_s')} "
            f"({k('store_cpu_s')}), total k = {k('seconds')} ({k('cpu_s')}).\n")


def during_build_section(r: dict[str, Any]) -> str:
    d = r.get("during_build")
    if not d:
        return ""
    from bench.report_format import table

    if "status" in d:
        return f"## Queries during builds\n\n{d['status']}: {d.get('message', '')}\n"
    row = [str(d.get("articles")), str(d["builds"]), str(d["clients"]), f"{d['answers']:,}",
           f"{d['answers_during_builds']:,}", str(d["errors"]), str(d["inconsistent"]),
           f"{d['p50_ms']:.0f} ms", f"{d['p99_ms']:.0f} ms", f"{d['max_ms']:.0f} ms"]
    return ("## Queries during builds\n\n"
            "`ecokg serve` on 127.0.0.1 while the articles are added by consecutive `ecokg build --store` "
            "runs; "
            "each client asks for the statement count of every named graph, again and again "
            "(`bench/during_build.py`). An answer that is not a committed state of the store (a document "
            "graph with part of its statements) is counted as "
            "inconsistent.\n\n" + _run_note(r.get("during_build_run"))
            + table(["articles", "builds", "clients", "answers", "during builds", "errors", "inconsistent",
                     "p50", "p99", "max"], [row]) + "\n")
