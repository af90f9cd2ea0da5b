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
import contextlib
import json
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.gen_articles import parse_size, write_corpus
from bench.gen_graph import write_graph
from bench.reliability import bench_curve, bench_during_build
from bench.report import render_markdown, render_text

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results.json"
DOC = REPO / "docs" / "benchmarks.md"
DEFAULT_SCALES = "10k,100k,1M"


# -- running stages ----------------------------------------------------------------------------
@dataclass
class StageRun:
    name: str
    events: list[dict[str, Any]] = field(default_factory=list)
    status: str = "ok"  # ok | timeout | error
    message: str = ""
    pending: dict[str, Any] | None = None  # the "begin" event of a unit that did not finish
    seconds: float = 0.0

    def of(self, event: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("event") == event]

    def first(self, event: str) -> dict[str, Any] | None:
        found = self.of(event)
        return found[0] if found else None

    @property
    def rss_kb(self) -> int | None:
        done = self.first("done")
        return max(done["rss_kb"], done["children_rss_kb"]) if done else None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_stage(name: str, args: dict[str, Any], timeout: float, unit_timeout: float | None = None) -> StageRun:
    """Run ``bench.stages NAME`` and collect its events; stop it after ``timeout`` s in total or
    ``unit_timeout`` s after a ``begin`` event without its result."""
    run = StageRun(name)
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "bench.stages", name,
                                 json.dumps(args, ensure_ascii=False)],
                                stdout=subprocess.PIPE, stderr=err, cwd=REPO, env=_env(),
                                start_new_session=True)
        lines: queue.Queue[bytes | None] = queue.Queue()

        def pump() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        try:
            _follow(run, proc, lines, started, timeout, unit_timeout)
        finally:
            if proc.poll() is None:  # stopped by the limit, or the runner itself was interrupted
                _kill(proc)
        proc.wait()
        if run.status == "ok" and proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()
            run.status, run.message = "error", (tail[-1] if tail else f"exit code {proc.returncode}")
    run.seconds = time.monotonic() - started
    return run


def _follow(run: StageRun, proc: subprocess.Popen[bytes], lines: queue.Queue[bytes | None], started: float,
            timeout: float, unit_timeout: float | None) -> None:
    """Collect the stage's events until it ends or a limit passes."""
    begun_at = 0.0
    while True:
        now = time.monotonic()
        wait = started + timeout - now
        if run.pending is not None and unit_timeout is not None:
            wait = min(wait, begun_at + unit_timeout - now)
        try:
            line = lines.get(timeout=max(wait, 0.0))
        except queue.Empty:
            run.status = "timeout"
            run.message = (f"stopped after {unit_timeout:g} s (unit limit)" if run.pending is not None and
                           unit_timeout is not None and time.monotonic() < started + timeout
                           else f"stopped after {timeout:g} s (stage limit)")
            _kill(proc)
            break
        if line is None:
            break
        try:
            event = json.loads(line)
        except ValueError:
            continue
        run.events.append(event)
        if event.get("event") == "begin":
            run.pending, begun_at = event, time.monotonic()
        else:
            run.pending = None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Stop the stage process and what it started (its own session), nothing else."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, 9)


def _failure(run: StageRun) -> dict[str, Any]:
    return {"status": run.status, "message": run.message}


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- machine -----------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    from importlib import metadata

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    mem_kb = 0
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    chromium = ""
    if shutil.which("chromium"):
        try:
            chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True,
                                      timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            chromium = "unknown"
    return {
        "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
        "os": platform.platform(), "python": platform.python_version(),
        "load_average_at_start": list(os.getloadavg()),
        "libraries": {d: version(d) for d in ("ecokg", "rdflib", "pyoxigraph", "jieba", "pyvis",
                                              "playwright")},
        "chromium": chromium,
    }


# -- stages at one scale -----------------------------------------------------------------------
QUERIES_CACHE: list[str] = []


def query_names() -> list[str]:
    if not QUERIES_CACHE:
        from ecokg.queries.runner import list_queries

        QUERIES_CACHE.extend(q.name for q in list_queries())
    return QUERIES_CACHE


def required_entity() -> list[str]:
    """The named queries that cannot run without an entity (their complete answer is about one)."""
    from ecokg.queries.runner import list_queries

    return [q.name for q in list_queries() if any(p.name == "entity" and p.default is None and not p.optional
                                                  for p in q.params)]


def parameterized() -> set[str]:
    """The named queries with a parameter (park, region or entity)."""
    from ecokg.queries.runner import list_queries

    return {q.name for q in list_queries() if q.params}


@dataclass
class Settings:
    limit: float
    stage_limit: float
    runs: int
    budget: float
    workdir: Path
    seed: int
    memory_kb: int


def store_queries(store: Path, params: dict[str, dict[str, str]], names: list[str], cfg: Settings,
                  values: dict[str, str] | None = None, param_only: list[str] | None = None
                  ) -> tuple[dict[str, dict[str, Any]], int | None, dict[str, dict[str, Any]]]:
    """Each query on the store, three ways (``bench.stages.query_store``; ``param_only`` queries,
    which have a parameter, only with it); a run past the limit stops the worker, which restarts on
    the rest. Returns the complete answers' runs, the peak RSS, and every mode's run per query."""
    param_only = param_only or []
    out: dict[str, dict[str, Any]] = {}
    modes: dict[str, dict[str, Any]] = {}
    rss: list[int] = []
    no_param: list[str] = []
    remaining = list(names)
    while remaining:
        r = run_stage("query_store", {"store": str(store), "queries": remaining, "params": params,
                                      "runs": cfg.runs, "budget": cfg.budget,
                                      "values": {k: v for k, v in (values or {}).items()},
                                      "no_param": no_param, "param_only": param_only},
                      timeout=cfg.stage_limit, unit_timeout=cfg.limit)
        for ev in r.of("run"):
            mode = ev.get("mode", "complete")
            modes.setdefault(ev["query"], {})[mode] = ev
            if mode == "complete":
                out[ev["query"]] = ev
                rss.append(ev.get("rss_kb", 0))
            _log(f"  store {ev['query']} ({mode}): {secs_text(ev['median_s'])}, {ev['rows']} rows")
        if r.rss_kb:
            rss.append(r.rss_kb)
        if r.status == "timeout" and r.pending is not None:
            q, mode = r.pending["query"], r.pending.get("mode", "complete")
            _log(f"  store {q} ({mode}): > {cfg.limit:g} s")
            over = {"query": q, "timeout": True, "limit": cfg.limit, "at_run": r.pending.get("run")}
            modes.setdefault(q, {})[mode] = over
            if mode == "param":
                no_param.append(q)
            elif mode == "complete":
                out[q] = over  # ordered answers: the first 100 rows wait for the whole evaluation too
                modes[q]["first100"] = {**over, "skipped": f"the complete answer is past {cfg.limit:g} s"}
        elif r.status != "ok":
            for q in remaining:
                out.setdefault(q, {"query": q, **_failure(r)})
        remaining = [q for q in remaining if q not in out and not (
            q in param_only and ("param" in modes.get(q, {}) or r.status not in ("ok", "timeout")))]
    return out, max(rss) if rss else None, modes


def _extrapolate(times: dict[str, tuple[str, int, float]], skip: dict[str, str], quads: int, label: str,
                 limit: float) -> None:
    """Queries whose time at the previous scale, grown linearly with the data, passes the limit."""
    for q, (prev_label, prev_quads, seconds) in times.items():
        est = seconds * quads / prev_quads
        if q not in skip and est > limit:
            skip[q] = f"≥ {est:.0f} s extrapolated from {secs_text(seconds)} at {prev_label}"


def _settle(found: dict[str, dict[str, Any]], names: list[str], skip: dict[str, str],
            times: dict[str, tuple[str, int, float]], label: str, quads: int, limit: float) -> None:
    """Mark skipped queries; remember timeouts and times for the next scale."""
    for q in names:
        ev = found.get(q)
        if q in skip and (ev is None or ev.get("skipped")):
            found[q] = {"query": q, "timeout": True, "limit": limit, "skipped": skip[q]}
        elif ev and ev.get("timeout"):
            skip[q] = f"> {limit:g} s at {label}"
        elif ev and "median_s" in ev:
            times[q] = (label, quads, ev["median_s"])


def secs_text(x: float) -> str:
    return f"{x:.1f} s" if x >= 1 else f"{x * 1000:.0f} ms"


def bench_scale(label: str, quads: int, cfg: Settings, state: dict[str, Any]) -> dict[str, Any]:
    """Load, query and export at one scale, each with its baseline."""
    res: dict[str, Any] = {"scale": label, "target_quads": quads}
    nq = cfg.workdir / f"graph-{label}.nq"
    _log(f"{label}: generating {quads} quads")
    t0 = time.monotonic()
    info = write_graph(nq, quads, seed=cfg.seed)
    res["graph"] = {"quads": info.quads, "documents": info.documents, "entities": info.entities,
                    "bytes": nq.stat().st_size, "generate_s": time.monotonic() - t0, "params": info.params}
    store = cfg.workdir / f"store-{label}"
    shutil.rmtree(store, ignore_errors=True)

    _log(f"{label}: load into the store")
    r = run_stage("load_store", {"nq": str(nq), "store": str(store)}, timeout=cfg.stage_limit)
    load = r.first("result")
    res["load_store"] = {**(load or _failure(r)), "rss_kb": r.rss_kb}
    if load is None:
        return res
    state.setdefault("stores", {})[label] = str(store)

    # bindings the same for both engines: resolved once by the store side (bind_params)
    names = query_names()
    skip_store = state.setdefault("store_over", {})
    _extrapolate(state.setdefault("store_times", {}), skip_store, info.quads, label, cfg.limit)
    run_names = [q for q in names if q not in skip_store]
    _log(f"{label}: {len(run_names)} named queries on the store")
    # the parameter of each query, where it has one
    values = {"park": info.params["companies-in-park"]["park"],
              "region": info.params["parks-and-venues"]["region"],
              "entity": info.params["entity-profile"]["entity"]}
    # past the limit: parameter only
    with_param = [q for q in names if q not in run_names and q in parameterized()]
    found, rss, modes = store_queries(store, {q: {"entity": values["entity"]} for q in required_entity()},
                                      run_names + with_param, cfg, values, with_param)
    found = {q: ev for q, ev in found.items() if q not in with_param}
    for q in skip_store:  # the first rows of an ordered answer wait for all of it
        modes.setdefault(q, {})["first100"] = {"query": q, "timeout": True, "limit": cfg.limit,
                                               "skipped": skip_store[q]}
    _settle(found, names, skip_store, state["store_times"], label, info.quads, cfg.limit)
    res["query_store"] = {"queries": found, "rss_kb": rss, "modes": modes, "values": values}
    bindings = {q: ev.get("bindings", {}) for q, ev in found.items()}

    _log(f"{label}: export from the store")
    ttl = cfg.workdir / f"export-{label}.ttl"
    r = run_stage("export_store", {"store": str(store), "out": str(ttl)}, timeout=cfg.stage_limit)
    res["export_store"] = {**(r.first("result") or _failure(r)), "rss_kb": r.rss_kb}
    ttl.unlink(missing_ok=True)

    # rdflib: parse (load baseline), the same queries, Turtle serialization, in one process
    prev = state.get("rdflib_prev")
    reason = None
    if prev:
        factor = info.quads / prev["quads"]
        est_s, est_kb = prev["load_s"] * factor, prev["rss_kb"] * factor
        if est_s > cfg.stage_limit:
            reason = (f"not run: parsing would take ~{est_s:.0f} s (from {prev['scale']}), "
                      f"over the {cfg.stage_limit:g} s stage limit")
        elif est_kb > cfg.memory_kb / 2:
            reason = (f"not run: would need ~{est_kb / 1024 / 1024:.1f} GB (from {prev['scale']}), "
                      f"over half the machine's memory")
    if reason:
        res["rdflib"] = {"status": "skipped", "message": reason}
        _log(f"{label}: rdflib {reason}")
        return res
    skip_rdf = state.setdefault("rdflib_over", {})
    _extrapolate(state.setdefault("rdflib_times", {}), skip_rdf, info.quads, label, cfg.limit)
    rdf_names = [q for q in names if q not in skip_rdf]
    _log(f"{label}: rdflib baseline (parse, {len(rdf_names)} queries, Turtle)")
    rdf_ttl = cfg.workdir / f"rdflib-{label}.ttl"
    r = run_stage("rdflib", {"nq": str(nq), "queries": rdf_names, "bindings": bindings, "limit": cfg.limit,
                             "runs": cfg.runs, "budget": cfg.budget, "turtle": str(rdf_ttl)},
                  timeout=cfg.stage_limit + len(rdf_names) * cfg.limit, unit_timeout=cfg.limit + 60)
    rdf_ttl.unlink(missing_ok=True)
    for ev in r.of("run"):
        _log("  rdflib "
             f"{ev['query']}: " + (f"> {cfg.limit:g} s" if ev.get("timeout") else secs_text(ev["median_s"])))
    load_ev = r.first("load")
    qdone = r.first("queries_done")
    rq = {ev["query"]: ev for ev in r.of("run")}
    if r.status == "timeout" and r.pending is not None and r.pending.get("query") in names:
        rq[r.pending["query"]] = {"query": r.pending["query"], "timeout": True, "limit": cfg.limit,
                                  "note": r.message}
    for q in names:
        if q not in rq and q not in skip_rdf:
            rq[q] = {"query": q, **_failure(r)}
    _settle(rq, names, skip_rdf, state["rdflib_times"], label, info.quads, cfg.limit)
    export_ev = r.first("export")
    if export_ev is None and r.status == "timeout" and r.pending is not None and r.pending.get("export"):
        # rdflib did not even reach its own alarm: stopped by the runner
        export_ev = {"timeout": True, "limit": cfg.limit, "note": r.message}
    res["rdflib"] = {
        "load": load_ev or _failure(r),
        "queries": rq,
        "queries_rss_kb": qdone["rss_kb"] if qdone else max((e.get("rss_kb", 0) for e in r.of("run")),
                                                            default=None),
        "export": export_ev or _failure(r), "rss_kb": r.rss_kb,
        "status": r.status, "message": r.message,
    }
    if load_ev:
        state["rdflib_prev"] = {"scale": label, "quads": info.quads, "load_s": load_ev["seconds"],
                                "rss_kb": load_ev["rss_kb"]}
    return res


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
        cmds[f"ecokg query designations ({Path(store).name} store)"] = [*ecokg, "query", "designations",
                                                                        "--store", store,
                                                        "--limit", "5"]
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
            results["startup"] = bench_startup(small, cfg)
    finally:
        if not args.workdir:
            shutil.rmtree(scratch, ignore_errors=True)
    save()
    if args.doc:
        atomic_write(Path(args.doc), render_markdown(results))
    print(render_text(results))
    return 0
