"""Subsidies a policy names by what they reward: 给予落户奖励, 按10%给予研发补助.

The head rule finds a name ending in 奖励/补助/补贴 by walking left to a boundary; a policy item
often names its subsidy with a boundary word inside (落户奖励, 研发补助), right after 给予. Such a
name (2 to 8 characters before the head) is a Subsidy; a generic one (资金补助, 一定奖励) is not.
"""

from __future__ import annotations

import re

from ecokg.loaders.candidates import Candidate

_GRANTED = re.compile(r"给予(?:其|企业|一次性|最高)?((?:[\u4e00-\u9fff]{2,8}?)(?:奖励|补助|补贴|奖补|资助))")
_GENERIC = ("资金", "一定", "适当", "相应", "一次性", "最高", "定额", "财政", "专项", "政策", "资金支持")


def granted_subsidies(text: str, known: list[Candidate]) -> list[Candidate]:
    """Subsidies named right after 给予 that no other candidate covers."""
    out: list[Candidate] = []
    for m in _GRANTED.finditer(text):
        name, s, e = m.group(1), m.start(1), m.end(1)
        modifier = name[:-2]
        if modifier in _GENERIC or modifier.startswith(("一定", "适当", "相应")) or re.search(r"\d", name):
            continue
        if any(k.start <= s and e <= k.end for k in known):
            continue
        out.append(Candidate(s, e, "Subsidy", name, {name}, 2))
    return out
