"""The stages outside the graph scales: building generated articles (ingest, corpus, with 1 and 2
worker processes), writing and drawing views, and process start-up."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.gen_articles import parse_size, write_corpus
from bench.gen_graph import write_graph
from bench.stage_runner import Settings, _env, _failure, _log, run_stage


def _ingest_runs(corpus: Path, label: str, cfg: Settings, jobs: list[int]) -> dict[str, Any]:
    """The ingest stage on ``corpus`` once per number of worker processes."""
    out: dict[str, Any] = {}
    for n in jobs:
        _log(f"{label}: build --jobs {n}")
        store = cfg.workdir / f"ingest-store-{label}-{n}"
        shutil.rmtree(store, ignore_errors=True)
        r = run_stage("ingest", {"corpus": str(corpus), "store": str(store), "jobs": n},
                      timeout=cfg.stage_limit)
        done = r.first("done") or {}
        out[str(n)] = {**(r.first("result") or _failure(r)), "rss_kb": r.rss_kb,
                       "main_rss_kb": done.get("rss_kb"), "workers_rss_kb": done.get("children_rss_kb")}
        shutil.rmtree(store, ignore_errors=True)
    return out


def bench_ingest(size_label: str, cfg: Settings) -> dict[str, Any]:
    corpus = cfg.workdir / f"articles-{size_label}"
    shutil.rmtree(corpus, ignore_errors=True)
    info = write_corpus(corpus, parse_size(size_label), seed=cfg.seed)
    out: dict[str, Any] = {"size": size_label, "files": info.files, "bytes": info.bytes,
                           "characters": info.characters}
    _log(f"ingest {size_label}: jieba floor")
    r = run_stage("segment", {"corpus": str(corpus)}, timeout=cfg.stage_limit)
    out["segment"] = {**(r.first("result") or _failure(r)), "rss_kb": r.rss_kb}
    _log(f"ingest {size_label}: {info.files} articles through the pipeline into a store")
    runs = _ingest_runs(corpus, f"ingest {size_label}", cfg, [1, 2])
    out["ingest"] = runs["1"]
    out["ingest_jobs"] = runs
    return out


def bench_corpus(articles: int, cfg: Settings) -> dict[str, Any]:
    """A corpus of ``articles`` generated articles built with --jobs 1 and --jobs 2: time and peak memory."""
    corpus = cfg.workdir / f"corpus-{articles}"
    shutil.rmtree(corpus, ignore_errors=True)
    info = write_corpus(corpus, None, seed=cfg.seed, articles=articles)
    out: dict[str, Any] = {"articles": info.files, "bytes": info.bytes, "characters": info.characters}
    out["jobs"] = _ingest_runs(corpus, f"corpus {articles}", cfg, [1, 2])
    shutil.rmtree(corpus, ignore_errors=True)
    return out


def bench_view(n_label: str, draw: bool, cfg: Settings) -> dict[str, Any]:
    n = parse_size(n_label)
    nq = cfg.workdir / f"view-{n_label}.nq"
    # a little under n entities: industries and indicators add a few nodes, and above
    # viz.network.AGGREGATE_ABOVE (5000) the view would group them instead of drawing each
    info = write_graph(nq, None, seed=cfg.seed, entities=n - n // 50)
    store = cfg.workdir / f"view-store-{n_label}"
    shutil.rmtree(store, ignore_errors=True)
    html = cfg.workdir / f"view-{n_label}.html"
    _log(f"view {n_label}: {info.entities} entities, {info.quads} quads")
    r = run_stage("view", {"nq": str(nq), "store": str(store), "html": str(html), "browser": draw,
                           "draw_limit": 2 * cfg.limit}, timeout=cfg.stage_limit, unit_timeout=cfg.limit + 60)
    out: dict[str, Any] = {"nodes_asked": n_label, "entities": info.entities, "quads": info.quads,
                           **(r.first("result") or _failure(r)), "rss_kb": r.rss_kb}
    if draw:
        out["draw"] = r.first("draw") or _failure(r)
    shutil.rmtree(store, ignore_errors=True)
    return out


def _time_cmd(cmd: list[str], cwd: Path, timeout: float) -> float | None:
    t0 = time.perf_counter()
    try:
        subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, timeout=timeout, check=True)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None
    return time.perf_counter() - t0


def bench_startup(store: str | None, cfg: Settings, repeats: int = 5) -> dict[str, Any]:
    """Process start-up, each command in a fresh process: the first run and the median of ``repeats``."""
    exe = shutil.which("ecokg")
    ecokg = [exe] if exe else [sys.executable, "-m", "ecokg"]
    cmds: dict[str, list[str]] = {"python -c pass": [sys.executable, "-c", "pass"],
                                  "ecokg --help": [*ecokg, "--help"]}
    if store:
        cmds[f"ecokg query designations ({Path(store).name} store)"] = [
            *ecokg, "query", "designations", "--store", store, "--limit", "5"]
    out: dict[str, Any] = {}
    for name, cmd in cmds.items():
        times = [_time_cmd(cmd, cfg.workdir, cfg.limit) for _ in range(repeats + 1)]
        ok = [t for t in times if t is not None]
        out[name] = {"first_s": times[0], "median_s": statistics.median(ok[1:]) if len(ok) > 1 else None,
                     "runs": len(ok)}
    demo_dir = cfg.workdir / "demo"
    shutil.rmtree(demo_dir, ignore_errors=True)
    demo_dir.mkdir(parents=True)
    out["ecokg demo"] = {"first_s": _time_cmd([*ecokg, "demo", "--store", str(demo_dir / "store"),
                                               "--out-dir", str(demo_dir)], demo_dir, cfg.stage_limit)}
    return out
