"""The benchmark runner: every stage at every scale, each against its baseline, in one run.

    python -m bench [--scales 10k,100k,1M] [--ingest 1MB] [--limit 60] [--workdir DIR]

Writes ``bench/results.json`` (all figures) and ``docs/benchmarks.md`` (tables generated from
them, machine facts, how to reproduce), both atomically, and prints the tables. Each stage runs
in its own process (``bench.stages``) so its peak memory is its own; a stage that runs past
``--stage-limit`` is stopped and reported with the figure that stopped it. A baseline query or
serialization that runs past ``--limit`` is reported as "> limit" and its ratio is then a lower
bound. A query past the limit at one scale is not run again at larger scales (the larger
graphs contain the smaller ones: the generator is deterministic and grows by appending
articles), and an rdflib baseline whose time or memory, extrapolated from the previous scale,
would not fit is not started.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.gen_articles import parse_size
from bench.machine import machine
from bench.measure import bench_corpus, bench_ingest, bench_startup, bench_view
from bench.reliability import bench_curve, bench_during_build
from bench.report import render_markdown, render_text
from bench.scale import bench_scale
from bench.stage_runner import REPO, Settings, _log

RESULTS = REPO / "bench" / "results.json"
DOC = REPO / "docs" / "benchmarks.md"
DEFAULT_SCALES = "10k,100k,1M"


# -- main --------------------------------------------------------------------------------------
def _terminate(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _labels(text: str) -> list[str]:
    return [s.strip() for s in text.split(",") if s.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default=DEFAULT_SCALES, help="graph sizes in quads (10M is opt-in)")
    ap.add_argument("--ingest", default="1MB",
                    help="article text sizes for the ingest stage (10MB is opt-in)")
    ap.add_argument("--corpus", default="200",
                    help="generated articles built with --jobs 1 and 2 (1000,2000 as measured; 10k opt-in; "
                         "'' for none)")
    ap.add_argument("--views", default="1k,5k,20k", help="view sizes in nodes")
    ap.add_argument("--draw", default="1k,5k", help="view sizes drawn in headless Chromium")
    ap.add_argument("--limit", type=float, default=20.0, help="seconds per query run / serialization / draw")
    ap.add_argument("--stage-limit", type=float, default=600.0, help="seconds per stage process")
    ap.add_argument("--runs", type=int, default=5, help="timed warm runs per query (median reported)")
    ap.add_argument("--budget", type=float, default=6.0,
                    help="seconds of timed runs per query before stopping early")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--workdir", help="scratch folder (default: a temporary folder, removed afterwards)")
    ap.add_argument("--results", default=str(RESULTS), help="JSON results file")
    ap.add_argument("--doc", default=str(DOC), help="Markdown page with the tables ('' for none)")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up stage")
    ap.add_argument("--startup-runs", type=int, default=5,
                    help="timed runs of each start-up command after the first (median reported)")
    ap.add_argument("--render", action="store_true",
                    help="only write the Markdown page again from the results file")
    ap.add_argument("--curve", default="",
                    help="sizes of ONE article for the build-time curve (10kB,100kB,1MB,5MB)")
    ap.add_argument("--during-build", type=int, default=0,
                    help="articles built while 8 clients query ecokg serve")
    ap.add_argument("--only", default="",
                    help="run only these stages (ingest,corpus,scales,views,startup,curve,during-build)"
                    " and keep the other figures of the results file")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render:
        results = json.loads(Path(args.results).read_text(encoding="utf-8"))
        atomic_write(Path(args.doc), render_markdown(results))
        return 0
    try:
        scales = [(s, parse_size(s)) for s in _labels(args.scales)]
        for s in (_labels(args.ingest) + _labels(args.views) + _labels(args.draw) + _labels(args.curve)
                  + _labels(args.corpus)):
            parse_size(s)
    except ValueError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2
    started = time.monotonic()
    signal.signal(signal.SIGTERM, _terminate)  # so that the current stage is stopped too
    scratch = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="ecokg-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    facts = machine()
    cfg = Settings(args.limit, args.stage_limit, args.runs, args.budget, scratch, args.seed,
                   int(facts["memory_gb"] * 1024 * 1024))
    only = set(_labels(args.only))
    kept: dict[str, Any] = {}
    if only and Path(args.results).is_file():  # the stages not run keep their figures
        kept = json.loads(Path(args.results).read_text(encoding="utf-8"))
    results: dict[str, Any] = {
        **kept,
        "generated_by": "python -m bench", "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": facts,
        "settings": {"scales": [s for s, _ in scales], "ingest": _labels(args.ingest),
                     "corpus": _labels(args.corpus), "views": _labels(args.views),
                     "draw": _labels(args.draw), "limit_s": args.limit, "stage_limit_s": args.stage_limit,
                     "runs": args.runs, "budget_s": args.budget, "seed": args.seed},
    }
    results["settings"].update(curve=_labels(args.curve), during_build_articles=args.during_build)
    if kept:
        results["settings"] = {**kept.get("settings", {}), "curve": _labels(args.curve),
                               "during_build_articles": args.during_build}
        results["command"] = f"{kept.get('command', '')}; then {results['command']}"
    for key, empty in (("ingest", []), ("corpus", []), ("scales", []), ("views", []), ("startup", {})):
        if not only or key in only or key not in results:
            results[key] = empty

    def wanted(stage: str) -> bool:
        return not only or stage in only
    state: dict[str, Any] = {}

    def save() -> None:  # after every stage, so that a stopped run keeps what it measured
        results["total_s"] = time.monotonic() - started
        atomic_write(Path(args.results), json.dumps(results, ensure_ascii=False, indent=1) + "\n")

    try:
        for size in _labels(args.ingest) if wanted("ingest") else []:
            results["ingest"].append(bench_ingest(size, cfg))
            save()
        for n in _labels(args.corpus) if wanted("corpus") else []:
            results["corpus"].append(bench_corpus(parse_size(n), cfg))
            save()
        if args.curve and wanted("curve"):
            results["curve"] = bench_curve(_labels(args.curve), cfg)
            results["curve_run"] = {"started": results["started"],
                                    "load_average_at_start": facts["load_average_at_start"]}
            save()
        for label, quads in scales if wanted("scales") else []:
            results["scales"].append(bench_scale(label, quads, cfg, state))
            results["limit_rows"] = "first"  # --limit: the first rows of the ordered answer
            save()
        if args.during_build and wanted("during-build"):
            results["during_build"] = bench_during_build(args.during_build, cfg)
            results["during_build_run"] = {"started": results["started"],
                                           "load_average_at_start": facts["load_average_at_start"]}
            save()
        draw = set(_labels(args.draw))
        for n in _labels(args.views) if wanted("views") else []:
            results["views"].append(bench_view(n, n in draw, cfg))
            save()
        if not args.no_startup and wanted("startup"):
            _log("start-up and demo")
            small = state.get("stores", {}).get(scales[0][0]) if scales else None
            results["startup"] = bench_startup(small, cfg, repeats=args.startup_runs)
    finally:
        if not args.workdir:
            shutil.rmtree(scratch, ignore_errors=True)
    save()
    if args.doc:
        atomic_write(Path(args.doc), render_markdown(results))
    print(render_text(results))
    return 0
