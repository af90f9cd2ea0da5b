"""Names in a table's rows: the company, product and project cells of a row are names (the columns
are found by ``loaders/tables.py``)."""

from __future__ import annotations

import re

from ecokg.loaders.candidates import Candidate
from ecokg.loaders.lexicon import Lexicon
from ecokg.loaders.tables import Row, product_class, product_name


def row_candidates(lex: Lexicon, text: str, base: int, row: Row) -> list[Candidate]:
    """A table row's company, product and project cells are names (offsets relative to the sentence)."""
    out = []
    if "company" in row.cells:
        a, b = row.cells["company"]
        name = text[a - base:b - base].strip()
        if 2 <= len(name) <= 20:
            out.append(Candidate(a - base, b - base, "Company", name, {name}, 4))
    if "product" in row.cells:
        a, b = row.cells["product"]
        cell = text[a - base:b - base].strip()
        name = product_name(cell)
        if 2 <= len(name) <= 24:
            own = lex.classify(name)  # 代表产品: 云杉智算中心 is a site, by its head
            cls = own if own in ("Infrastructure", "Venue", "InnovationCenter", "IndustrialPark") \
                else product_class(cell)
            out.append(Candidate(a - base, b - base, cls, name, {name, cell}, 4, region_ok=False))
    if "project" in row.cells:
        a, b = row.cells["project"]
        cell = text[a - base:b - base].strip()
        q = re.search(r"“([^”]{1,20})”", cell)
        name = q.group(1) if q else re.sub(r"（[^（）]*）$", "", cell)  # 永清智算中心（昇腾集群）
        if 2 <= len(name) <= 30 and not re.search(r"[、，/]|和|及", name):  # one project, not a list
            out.append(Candidate(a - base, b - base, project_class(lex, name), name, {name, cell}, 1,
                                 "project-cell", region_ok=False))
    return out


def project_class(lex: Lexicon, name: str) -> str:
    """A project cell's class: by its head (智能工厂 a Venue, 数据中心 Infrastructure), a product by its
    words (系统, 平台, 大模型), else an undertaking (Program: 小龙虾养殖水质智能调控)."""
    cls = lex.classify(name)
    if cls and cls != "Product":
        return cls
    guess = product_class(name)
    if guess != "Product" or re.search(r"系统|装备|设备|产品|终端|软件|芯片|[机器仪柜车]$", name):
        return guess
    return "Program"
