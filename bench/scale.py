"""The stages at one graph scale: the store's named queries against rdflib in memory, loading
and exporting, each query past the limit extrapolated to the next scale rather than run again."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from bench.gen_graph import write_graph
from bench.stage_runner import Settings, _failure, _log, run_stage

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
                out[q] = over  # (its first 100 rows were measured before it)
                past = f"the complete answer is past {cfg.limit:g} s"
                modes[q].setdefault("first100", {**over, "skipped": past})
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
        took = f"> {cfg.limit:g} s" if ev.get("timeout") else secs_text(ev["median_s"])
        _log(f"  rdflib {ev['query']}: {took}")
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
