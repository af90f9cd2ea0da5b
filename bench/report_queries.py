"""The named queries before and after their rewrite (issue 13), on the benchmark's largest graph.

``results["query_before"]`` holds the earlier measurements, taken on the same generated graph
(same seed and size) with the queries as they were (``tests/queries/reference/*.rq``) and the
runner of that time; the "after" figures and rdflib's are this run's (section 3).
"""

from __future__ import annotations

from typing import Any


def _cell(ev: dict[str, Any] | None) -> tuple[str, float | None]:
    from bench.report_format import secs

    if not ev:
        return "–", None
    if ev.get("timeout"):
        return (f"not run: {ev['skipped']}" if ev.get("skipped") else f"> {ev['limit']:g} s"), None
    if "median_s" in ev:
        return secs(ev["median_s"]), ev["median_s"]
    return ev.get("status", "–"), None


def before_after_section(r: dict[str, Any]) -> str:
    from bench.report_format import ratio, table

    before = r.get("query_before")
    if not before:
        return ""
    sc = next((s for s in r.get("scales", []) if s.get("scale") == before["scale"]), None)
    if sc is None:
        return ""
    modes = (sc.get("query_store") or {}).get("modes") or {}
    rdf = (sc.get("rdflib") or {}).get("queries") or {}
    rows = []
    for name in sorted(set(before["queries"]) | set(modes)):
        was, now = before["queries"].get(name, {}), modes.get(name, {})
        row = [f"`{name}`"]
        after_s = None
        for mode in ("complete", "param", "first100"):
            b_txt = _cell(was.get(mode))[0]
            a_txt, a_s = _cell(now.get(mode))
            if mode == "param" and not was.get(mode) and not now.get(mode):
                b_txt = a_txt = "–"
            row += [b_txt, a_txt]
            if mode == "complete":
                after_s = a_s
                base_txt, base_s = _cell(rdf.get(name))
                row.append(base_txt)
                row.append(ratio(base_s / after_s) if base_s and after_s else "–")
        rows.append(row)
    head = ["query", "complete before", "complete after", "rdflib", "rdflib ÷ after", "with parameter before",
            "with parameter after", "first 100 before", "first 100 after"]
    return "\n\n".join([
        f"## 3b. Named queries before and after the rewrite (issue 13), {before['scale']}",
        f"Before: {before['note']}. After and rdflib: this run (section 3). Goals: with a parameter "
        "≤ 100 ms; complete ≤ 1 s and ≥ 20× rdflib; first 100 rows ≤ 100 ms.",
        table(head, rows)])


def previous_section(r: dict[str, Any]) -> str:
    """``results["query_previous"]``: the figures of an earlier run of the same stage, set beside this
    run's, to show what changed between two versions of the queries and runner."""
    from bench.report_format import table

    prev = r.get("query_previous")
    sc = next((s for s in r.get("scales", []) if prev and s.get("scale") == prev["scale"]), None)
    if not prev or sc is None:
        return ""
    modes = (sc.get("query_store") or {}).get("modes") or {}
    rows = []
    for name in sorted(set(prev["modes"]) | set(modes)):
        row = [f"`{name}`"]
        for mode in ("complete", "param", "first100"):
            row += [_cell(prev["modes"].get(name, {}).get(mode))[0], _cell(modes.get(name, {}).get(mode))[0]]
        rows.append(row)
    head = ["query", "complete, previous run", "complete, this run", "with parameter, previous run",
            "with parameter, this run", "first 100, previous run", "first 100, this run"]
    return "\n\n".join([f"## 3c. Named queries: the previous run and this one, {prev['scale']}",
                         f"Previous run: {prev['note']}. This run: section 3.", table(head, rows)])


def goals_section(r: dict[str, Any]) -> str:
    """Issue 13's goals at 1M quads (queries) and for ingest: which this run meets, and the distance
    (measured ÷ goal) to those it does not; computed from the figures of the page."""
    from bench.report_format import secs

    sc = next((s for s in r.get("scales", []) if s.get("scale") == "1M"), None)
    lines: list[str] = []
    if sc is not None:
        modes = (sc.get("query_store") or {}).get("modes") or {}
        goals = (("param", 0.1, "with its parameter ≤ 100 ms"), ("complete", 1.0, "complete ≤ 1 s"),
                 ("first100", 0.1, "first 100 rows ≤ 100 ms"))
        for mode, goal, what in goals:
            met, missed = [], []
            for name in sorted(modes):
                ev = modes[name].get(mode)
                if not ev:
                    continue
                if "median_s" in ev and ev["median_s"] <= goal:
                    met.append(f"`{name}`")
                elif "median_s" in ev:
                    missed.append(f"`{name}` {secs(ev['median_s'])} ({ev['median_s'] / goal:.1f}×)")
                else:
                    missed.append(f"`{name}` past the limit")
            lines.append(f"- 1M, {what}: met by {len(met)} of {len(met) + len(missed)}"
                         + (f" ({', '.join(met)})" if met else "")
                         + (f"; not yet: {', '.join(missed)}" if missed else "") + ".")
    for ing in r.get("ingest") or []:
        jobs = ing.get("ingest_jobs") or {}
        one, two = jobs.get("1"), jobs.get("2")
        if not one:
            continue
        rate = one["characters"] / one["seconds"]
        cpu_rate = one["characters"] / one["cpu_s"] if one.get("cpu_s") else None
        text = (f"- ingest {ing['size']}, `--jobs 1`: {rate:,.0f} characters/s "
                f"(goal ≥ 30,000: {rate / 30000:.2f}×)")
        if cpu_rate:
            text += f", {cpu_rate:,.0f} per CPU second"
        if two:
            text += f"; `--jobs 2`: {one['seconds'] / two['seconds']:.2f}× `--jobs 1` (goal ≥ 1.8×)"
        peak = max(one.get("main_rss_kb", 0), (two or {}).get("main_rss_kb", 0)) / 1024
        lines.append(text + f"; peak RSS of the main process {peak:,.0f} MB (goal ≤ 600 MB).")
    if not lines:
        return ""
    return "\n\n".join(["## Goals of issue 13: met, and the distance to the others",
                        "\n".join(lines)])


def first_keys_section(r: dict[str, Any]) -> str:
    """``results["first_rows_ab"]`` (``bench/first_keys.py``): the first 100 rows of each query with a
    first-keys plan, with it and without it, taken in turn in one process."""
    from bench.report_format import ratio, secs, table

    ab = r.get("first_rows_ab")
    if not ab:
        return ""
    rows = []
    for name, q in sorted(ab["queries"].items()):
        was, now = q["without_s"], q["plan_s"]
        rows.append([f"`{name}`", secs(was), secs(now), ratio(was / now)])
    load = ", ".join(f"{x:.1f}" for x in ab["load_average_before"])
    return "\n\n".join([
        f"## 3d. First 100 rows with a first-keys plan and without, {ab['scale']}",
        f"`python -m bench.first_keys` on the store of this run's {ab['scale']} scale "
        f"(finished {ab['finished']}, load average {load} before): for each query with a plan in "
        "`queries/first-keys.yaml`, `--limit 100` "
        "with the plan (`queries/firstkey.py`) and without it (the complete answer evaluated, ordered in "
        "Python and cut, as before the plans), taken in turn in one process, median of "
        f"{ab['runs']} warm runs each; the rows of both are equal. Both figures meet the same load, so "
        "their ratio is the change; the absolute times are those of a shared machine.",
        table(["query", "first 100, without the plan", "first 100, with the plan", "ratio"], rows)])
