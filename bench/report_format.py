"""How the benchmark tables write numbers, durations, memory, ratios, failures and tables."""

from __future__ import annotations

from typing import Any


def num(x: float | int | None, digits: int = 0) -> str:
    if x is None:
        return "–"
    if digits == 0:
        return f"{round(x):,}"
    return f"{x:,.{digits}f}"


def secs(x: float | None) -> str:
    if x is None:
        return "–"
    if x < 0.01:
        return f"{x * 1000:.2f} ms"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    return f"{x:.1f} s"


def mb(kb: int | None) -> str:
    return "–" if not kb else f"{kb / 1024:,.0f} MB"


def ratio(x: float | None, lower_bound: bool = False) -> str:
    if x is None:
        return "–"
    text = f"{x:.2g}×" if x < 1 else f"{x:,.1f}×" if x < 100 else f"{x:,.0f}×"
    return ("≥ " + text) if lower_bound else text


def _fail(d: dict[str, Any] | None) -> str | None:
    if not d:
        return "not run"
    if d.get("status") in ("timeout", "error", "skipped"):
        return f"{d['status']}: {d.get('message', '')}".strip()
    return None


def table(head: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)
