"""Tables in articles: a header row of column names, then one row per line (cells joined by "，"
by the cleaner). Knows which column holds the company, the product and the place of use, so that
rows give entities and relations the sentence rules cannot see (企业名称，产品，应用场景)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ecokg.loaders.records import EntitySpan, Relation, Sentence

_SITES = {"Organization", "GovernmentBody", "Company", "InnovationCenter", "Place", "IndustrialPark", "Venue",
          "Infrastructure"}

_ROLE_WORDS = {
    "company": ("企业", "公司", "单位", "厂商", "申报主体", "承担单位", "牵头单位"),
    "product": ("产品", "系统", "平台", "模型", "成果", "解决方案", "名称"),
    "site": ("应用场景", "场景", "应用单位", "应用地点", "部署", "客户", "用户", "落地", "应用情况", "应用案例"),
    "tenure": ("入驻时间", "入驻年份", "入园时间", "落户时间", "入驻日期", "签约时间", "入驻"),
    "place": ("所在地", "所在区", "所在县", "所属区", "所属地", "所在园区", "所属园区", "区县", "县区", "县市区",
              "地区", "区域", "属地", "位置", "地址", "园区"),
}
#: What a place column locates first: the physical thing a row names (a data centre, a park), else
#: its company (a software platform stays unlocated).
_LOCATED = ("Infrastructure", "Venue", "IndustrialPark", "InnovationCenter")
_PLACES = ("Place", "IndustrialPark")


@dataclass(frozen=True)
class Row:
    """One table row: the cells' offsets in the document, by column role."""

    sentence: int
    cells: dict[str, tuple[int, int]]


def _cells(sent: Sentence) -> list[tuple[int, int]]:
    out, start = [], 0
    text = sent.text.rstrip("。")
    for m in re.finditer("，", text):
        out.append((sent.start + start, sent.start + m.start()))
        start = m.end()
    out.append((sent.start + start, sent.start + len(text)))
    return out


def _roles(sent: Sentence) -> dict[int, str] | None:
    """Column roles if the sentence is a header row (short cells naming columns)."""
    cells = [sent.text[a - sent.start:b - sent.start] for a, b in _cells(sent)]
    if len(cells) < 2 or any(len(c) > 8 or not c for c in cells):
        return None
    roles: dict[int, str] = {}
    for i, cell in enumerate(cells):
        for role, words in _ROLE_WORDS.items():
            if role not in roles.values() and any(w in cell for w in words):
                # 企业名称: "名称" is the company's; 产品名称 the product's
                if role == "product" and any(w in cell for w in _ROLE_WORDS["company"]):
                    continue
                roles[i] = role
                break
    return roles if "company" in roles.values() and len(roles) >= 2 else None


def find_rows(sentences: Sequence[Sentence]) -> list[Row]:
    """The rows of every table in the article."""
    rows: list[Row] = []
    roles: dict[int, str] | None = None
    width = 0
    for sent in sentences:
        header = _roles(sent)
        if header is not None:
            roles, width = header, len(_cells(sent))
            continue
        if roles is None:
            continue
        cells = _cells(sent)
        if len(cells) != width or any(b - a > 40 for a, b in cells) or sent.text.endswith(("；", "！", "？")) \
                or (sent.text.endswith("。") and len(sent.text) > 60):  # prose after the table, not a row
            roles = None
            continue
        rows.append(Row(sent.index, {role: cells[i] for i, role in roles.items()}))
    return rows


def product_name(cell: str) -> str:
    """The name in a product cell: the quoted name, else a leading Latin model name, else the cell."""
    q = re.search(r"“([^”]{1,20})”", cell)
    if q:
        return q.group(1)
    latin = re.match(r"[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+", cell) \
        or re.match(r"[A-Z][A-Za-z0-9]+(?=[\u4e00-\u9fff])", cell)  # EnOS智能物联操作系统 → EnOS
    if latin:
        return latin.group(0)
    return cell.strip()


def product_class(cell: str) -> str:
    if re.search(r"大模型|模型|GPT", cell):
        return "AIModel"
    if "机器人" in cell:
        return "Robot"
    if re.search(r"平台|云$|社区", cell):
        return "Platform"
    return "Product"


def row_relations(rows: Sequence[Row], spans_of: dict[int, list[EntitySpan]],
                  cls_of: Callable[[str], str]) -> list[Relation]:
    """Each row: its product developedBy its company; deployedAt the first site in its site cell;
    what it names locatedIn the place of its place column (所在地, 所在区域, 所在园区)."""
    out: list[Relation] = []
    for row in rows:
        spans = spans_of.get(row.sentence, [])

        def in_cell(role: str, row: Row = row, spans: list[EntitySpan] = spans) -> list[EntitySpan]:
            if role not in row.cells:
                return []
            a, b = row.cells[role]
            return [sp for sp in spans if a <= sp.start and sp.end <= b]

        company = [sp for sp in in_cell("company") if cls_of(sp.key) in ("Company", "Organization")]
        product = [sp for sp in in_cell("product") if cls_of(sp.key) in ("Product", "AIModel", "Robot", "Platform")]
        sites = [sp for sp in in_cell("site") if cls_of(sp.key) in _SITES]
        if company and product:
            out.append(Relation(product[0].key, "developedBy", company[0].key, row.sentence, False, "table-row"))
        if product and sites:
            out.append(Relation(product[0].key, "deployedAt", sites[0].key, row.sentence, False, "table-row"))
        places = [sp for sp in in_cell("place") if cls_of(sp.key) in _PLACES]
        if places:
            a, b = row.cells["place"]
            things = [sp for sp in spans if not a <= sp.start < b and cls_of(sp.key) in _LOCATED]
            located = things[0] if things else (company[0] if company else None)
            if located is not None and located.key != places[0].key:
                out.append(Relation(located.key, "locatedIn", places[0].key, row.sentence, False, "table-place"))
    return out


def row_holders(rows: Sequence[Row], spans_of: dict[int, list[EntitySpan]], after: int) -> list[tuple[str, int]]:
    """The company of each row after sentence ``after``: holders of a list the article announced."""
    out = []
    for row in rows:
        if row.sentence <= after or "company" not in row.cells:
            continue
        a, b = row.cells["company"]
        found = [sp for sp in spans_of.get(row.sentence, []) if a <= sp.start and sp.end <= b]
        if found:
            out.append((found[0].key, row.sentence))
    return out
