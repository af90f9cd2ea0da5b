"""The indicator a figure measures (营业收入, 企业数量 …), from the cue words of ``data/indicators.yaml``.

In order: a rank; a fund's or subsidy's amount; the figure's measure word (``by_counter``) or
unit (``by_unit``); the earliest cue in the noun right after a count; the nearest cue before the
figure in its clause; for a percent, the last "…率" before it; for a count, the noun after it
plus ``count_suffix``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ecokg.errors import EcokgError
from ecokg.loaders.normalize import normalize_width
from ecokg.loaders.quantity import Quantity
from ecokg.resources import loader_data

__all__ = ["IndicatorRule", "IndicatorTable", "indicator_for", "indicator_table"]

_RATE = re.compile(r"([\u4e00-\u9fff]{2}率)")
_HEAD_STOP = set("的和与及等在为被将已是达于了入获参进并均，,、。；;：:（(“”\"《》")


@dataclass(frozen=True)
class IndicatorRule:
    indicator: str
    units: frozenset[str]
    cues: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorTable:
    rank: str
    count_suffix: str
    fund: dict[str, str]
    by_counter: dict[str, str]
    by_unit: dict[str, str]
    rules: tuple[IndicatorRule, ...]


@lru_cache(maxsize=1)
def indicator_table() -> IndicatorTable:
    """The cue words of ``data/indicators.yaml``."""
    try:
        data = yaml.safe_load(loader_data("indicators.yaml").read_text(encoding="utf-8"))
        rules = tuple(IndicatorRule(str(r["indicator"]), frozenset(r.get("units") or ()), tuple(r["cues"]))
                      for r in data["rules"])
        return IndicatorTable(str(data["rank"]), str(data["count_suffix"]), dict(data["fund"]),
                              dict(data["by_counter"]), dict(data["by_unit"]), rules)
    except (OSError, KeyError, TypeError, ValueError, AttributeError, yaml.YAMLError) as exc:
        raise EcokgError(f"the packaged indicator table indicators.yaml is unreadable or malformed: {exc}",
                         hint="reinstall ecokg or fix loaders/data/indicators.yaml") from exc


def _head_noun(t: str, end: int) -> str:
    out = []
    for ch in t[end:end + 6]:
        if ch in _HEAD_STOP or not ("\u4e00" <= ch <= "\u9fff" or ch.isalnum()):
            break
        out.append(ch)
    return "".join(out)


def indicator_for(t: str, q: Quantity, clause_start: int, fund_cls: str | None) -> str | None:
    """The indicator of figure ``q`` of sentence ``t``; ``fund_cls``: the class of its fund, if any."""
    table = indicator_table()
    if q.unit == "rank":
        return table.rank
    if fund_cls is not None:
        return table.fund.get(fund_cls)
    if q.counter in table.by_counter:
        return table.by_counter[q.counter]
    if q.unit in table.by_unit:
        return table.by_unit[q.unit]
    head = _head_noun(t, q.end) if q.unit == "count" else ""
    best: tuple[int, int, str] | None = None
    for order, rule in enumerate(table.rules):
        if rule.units and q.unit not in rule.units:
            continue
        for cue in rule.cues:
            pos = head.find(cue)
            if pos >= 0 and (best is None or (pos, order) < best[:2]):
                best = (pos, order, rule.indicator)
    if best:
        return best[2]
    before = normalize_width(t[clause_start:q.start])
    for order, rule in enumerate(table.rules):
        if rule.units and q.unit not in rule.units:
            continue
        for cue in rule.cues:
            pos = before.rfind(cue)
            if pos >= 0:
                dist = len(before) - pos - len(cue)
                if best is None or (dist, order) < best[:2]:
                    best = (dist, order, rule.indicator)
    if best:
        return best[2]
    if q.unit == "percent":
        rates = _RATE.findall(before)
        return rates[-1] if rates else None
    if q.unit == "count" and len(head) >= 2:
        return head[:4] + table.count_suffix
    return None
