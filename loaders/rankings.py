"""Rankings in Chinese prose as ``Quantity`` records with unit ``rank``.

位列全国第12位, 居全省首位, 排名前十, 全国第三、全省第一 (a listed second ranking), 获第2名.
The span starts at the scope word (全国, 全省 …) when one comes right before the ordinal;
前N gives qualifier ``AtMost``. Ordinals of batches and editions (第一批, 第二届) are not ranks.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ecokg.loaders.numerals import parse_number
from ecokg.loaders.quantity import Quantity, is_per_year

__all__ = ["find_ranks"]

_SCOPES = ("全国", "全省", "全市", "全球", "全区", "全国同类城市", "国内", "省内", "世界", "全行业")
_ORD = (r"(?:第(?P<n>[0-9]+|[一二三四五六七八九十百]+)(?P<suffix>位|名)?"
        r"(?![批期届次个家款项号轮代类级部季方梯档阵时步线产章条])"
        r"|(?P<first>首位|榜首|之首)"
        r"|前(?P<top>[0-9]+|[一二三四五六七八九十]+)(?:位|名|强)?(?![季个月年批天周届次期]))")
_RANK = re.compile(r"(?:位列|位居|排名|排在|排行|名列|居于|居|列)(?P<mid>[^，,。；;！？!?、\n]{0,16}?)"
                   + _ORD)
_RANK_SCOPE = re.compile(r"(?P<mid>" + "|".join(_SCOPES) + r")" + _ORD)
_RANK_NEXT = re.compile(r"、(?P<mid>[^，,。；;！？!?、\n]{0,10}?)" + _ORD)
_RANK_NAME = re.compile(r"第(?P<n>[0-9]+|[一二三四五六七八九十]+)名")


def _rank_from(t: str, m: re.Match[str], mask: list[bool]) -> Quantity | None:
    ord_start = m.start("mid") + len(m.group("mid")) if "mid" in m.groupdict() else m.start()
    if mask[ord_start] if ord_start < len(mask) else True:
        return None
    qualifier = "Exactly"
    if m.group("first"):
        value: Decimal | None = Decimal(1)
    elif m.group("top"):
        value, qualifier = parse_number(m.group("top")), "AtMost"
    else:
        value = parse_number(m.group("n"))
    if value is None or value < 1:
        return None
    start, mid = ord_start, m.group("mid") or ""
    for scope in _SCOPES:
        if mid.endswith(scope):
            start = ord_start - len(scope)
            break
    return Quantity(value, "rank", qualifier, start, m.end(), t[start:m.end()], None, is_per_year(t, start))


def find_ranks(t: str, mask: list[bool]) -> list[Quantity]:
    """Every ranking of ``t`` (width-normalized) outside the ``mask``ed positions; may overlap."""
    found: list[Quantity] = []
    for pattern in (_RANK, _RANK_SCOPE):
        for m in pattern.finditer(t):
            q = _rank_from(t, m, mask)
            if q is None:
                continue
            found.append(q)
            pos = m.end()
            while (nxt := _RANK_NEXT.match(t, pos)) is not None:
                q2 = _rank_from(t, nxt, mask)
                if q2 is not None:
                    found.append(q2)
                pos = nxt.end()
    for m in _RANK_NAME.finditer(t):
        if not mask[m.start()]:
            value = parse_number(m.group("n"))
            if value is not None and value >= 1:
                found.append(Quantity(value, "rank", "Exactly", m.start(), m.end(), m.group(0), None,
                                      is_per_year(t, m.start())))
    return found
