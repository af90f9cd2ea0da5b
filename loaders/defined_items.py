"""Items that define a name: a list item or line that opens with a name, a colon, and a description
whose first clause ends in what the name is (- TideGPT 2.0：X推出的海洋大模型，… → an AIModel;
云杉智算中心：由X运营的算力平台 → a Platform). The name takes the class of that head; the relations
the description states are left to the frames (``frames.yaml``: item-made-by, item-run-by …)."""

from __future__ import annotations

import re

from ecokg.loaders.candidates import FUNCTION_CHARS, Candidate
from ecokg.loaders.lexicon import Lexicon

_ITEM = re.compile(r"^(?P<mark>[-·•*]\s*|\d{1,2}[.、．]\s*)?"
                   r"(?P<name>[^\s:：，。；（(“”][^:：，。；（(]{1,38}?)\s*"
                   r"(?:[（(](?P<gloss>[^）)]{1,40})[）)])?\s*[:：]\s*(?P<desc>[^，。；]{2,60})")
#: What an item may define: things with names of their own (not the speaker of an interview answer).
_DEFINED = frozenset({"AIModel", "Robot", "Product", "Platform", "Infrastructure", "Venue",
                      "InnovationCenter", "IndustrialPark", "Program"})
#: Product heads the last word of a description may end in (besides the lexicon's heads).
_PRODUCT_HEADS = (("大模型", "AIModel"), ("模型", "AIModel"), ("机器人", "Robot"), ("机器狗", "Robot"),
                  ("平台", "Platform"), ("操作系统", "Product"), ("系统", "Product"), ("芯片", "Product"),
                  ("软件", "Product"), ("无人机", "Product"), ("终端", "Product"), ("设备", "Product"),
                  ("智能体", "Product"), ("助手", "Product"))
_VERSION = re.compile(r"\s*(?:[Vv]?\d+(?:\.\d+)*|Pro|Max|Plus|Ultra)$")


def _head_class(lex: Lexicon, clause: str) -> str | None:
    for head, cls in _PRODUCT_HEADS:
        if clause.endswith(head):
            return cls
    found = lex.head_at_end(clause, len(clause))
    return found[1] if found else None


def define_items(lex: Lexicon, text: str, cands: list[Candidate]) -> None:
    """The name a list item (or a line opening with a Latin name) defines, typed by the head its
    description ends in after a 的: added to ``cands``, with its bracketed other name as an alias;
    the described head (海洋大模型) and the bracketed name are no names of their own and leave."""
    m = _ITEM.match(text)
    if m is None or "的" not in m["desc"] or not (m["mark"] or re.search(r"[A-Za-z]", m["name"])):
        return
    name = m["name"].strip()
    cut = m["desc"].rindex("的") + 1
    cls = _head_class(lex, m["desc"][cut:])
    if cls not in _DEFINED or len(name) < 2 or name[0] in FUNCTION_CHARS \
            or re.search(r"^[\d\s.]+$|\d+[年月]", name) \
            or lex.classify(name) not in (None, cls) or any(len(b) > 1 and b in name for b in lex.boundaries):
        return
    s, e = m.start("name"), m.start("name") + len(name)
    aliases = {name}
    short = _VERSION.sub("", name)
    if short != name and len(short) >= 3:
        aliases.add(short)  # TideGPT 2.0 is TideGPT, version 2.0
    drop = [(m.start("desc") + cut, m.end("desc"))]  # the description's head: 海洋大模型, 智算中心
    if m["gloss"] and re.search(r"[\u4e00-\u9fff]", m["gloss"]):
        aliases.add(m["gloss"])  # Hainan Ocean Compute Hub（海南海洋智算枢纽）
        drop.append((m.start("gloss"), m.end("gloss")))
    cands[:] = [c for c in cands if not any(a <= c.start and c.end <= b for a, b in drop)
                and not (c.start < e and s < c.end)]
    cands.append(Candidate(s, e, cls, name, aliases, 4, region_ok=False))
