"""Ingest rate and build-time curve before and after the extraction speed-ups (issues 13 and 18).

``results["speed_before"]`` holds the ingest and curve figures of an earlier run (its commit, start
and load average), copied from that run's ``bench/results.json``; the "after" figures are this
page's sections 1 and "Build time against article length". The extraction output is the same
before and after (every article of ``tests/articles`` and the generated ones, graphs compared).
"""

from __future__ import annotations

from typing import Any


def _ingest_rates(r: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """--jobs → (characters per second, per CPU second) of the first ingest size."""
    out: dict[str, tuple[float, float]] = {}
    for it in r.get("ingest", [])[:1]:
        for jobs, ing in (it.get("ingest_jobs") or {"1": it.get("ingest", {})}).items():
            if ing.get("seconds") and ing.get("cpu_s"):
                out[jobs] = (it["characters"] / ing["seconds"], it["characters"] / ing["cpu_s"])
    return out


def _curve(r: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["size"]: p for p in (r.get("curve") or {}).get("points", []) if "seconds" in p}


def speed_section(r: dict[str, Any]) -> str:
    from bench.report_format import num, ratio, table

    before = r.get("speed_before")
    if not before:
        return ""
    rows = []
    was, now = _ingest_rates(before), _ingest_rates(r)
    for jobs in sorted(set(was) | set(now), key=int):
        b, a = was.get(jobs), now.get(jobs)
        rows.append([f"ingest 1MB, `--jobs {jobs}`, characters/s (per CPU s)",
                     f"{num(b[0])} ({num(b[1])})" if b else "–", f"{num(a[0])} ({num(a[1])})" if a else "–",
                     ratio(a[0] / b[0]) if a and b else "–", ratio(a[1] / b[1]) if a and b else "–"])
    cb, ca = _curve(before), _curve(r)
    for size in [s for s in ca if s in cb]:
        b, a = cb[size], ca[size]
        rows.append([f"one {size} article: extract + store write (CPU)",
                     f"{b['seconds']:.1f} s ({b['cpu_s']:.1f} s)",
                     f"{a['seconds']:.1f} s ({a['cpu_s']:.1f} s)",
                     ratio(b["seconds"] / a["seconds"]), ratio(b["cpu_s"] / a["cpu_s"])])
    kb = (before.get("curve") or {}).get("exponent", {})
    ka = (r.get("curve") or {}).get("exponent", {})
    for key, cpu, label in (("seconds", "cpu_s", "total"), ("extract_s", "extract_cpu_s", "extraction"),
                            ("store_s", "store_cpu_s", "store write")):
        if kb.get(key) is not None and ka.get(key) is not None:
            rows.append([f"fitted exponent, {label} (CPU)", f"{kb[key]:.2f} ({kb.get(cpu) or 0:.2f})",
                         f"{ka[key]:.2f} ({ka.get(cpu) or 0:.2f})", "–", "–"])
    return ("## Ingest and build time before and after the speed-ups (issues 13, 18)\n\n"
            f"Before: {before.get('commit', '?')} ({before.get('note', '')}); after: this page's runs. "
            "The speed-ups change no output: the graphs of every article under `tests/articles` and of "
            "generated articles are the same before and after. Wall-clock times on a shared machine; "
            "the ratios are after ÷ before for rates and before ÷ after for times (above 1× is faster).\n\n"
            + table(["figure", "before", "after", "wall", "CPU"], rows) + "\n")


__all__ = ["speed_section"]
