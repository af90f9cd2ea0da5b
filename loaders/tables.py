"""Tables in articles: a header row of column names, then one row per line (cells joined by "，"
by the cleaner). Knows which column holds the company, the product and the place of use, so that
rows give entities and relations the sentence rules cannot see (企业名称，产品，应用场景)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ecokg.loaders.records import EntitySpan, Relation, Sentence

_SITES = {"Organization", "GovernmentBody", "Company", "InnovationCenter", "Place", "IndustrialPark", "Venue",
          "Infrastructure"}

_ROLE_WORDS = {
    "company": ("企业", "公司", "单位", "厂商", "申报主体", "承担单位", "牵头单位"),
    # the title each row holds in a list of honours (入选类别: 省级示范工厂 / 优秀场景)
    "title": ("入选类别", "认定类别", "入选类型", "认定类型", "入选称号", "认定称号", "称号", "荣誉",
              "入选方向"),
    # what the row's company builds, runs or carries out (项目名称: 智能工厂, 数据中心, 应用场景)
    "project": ("项目名称", "项目", "场景名称", "案例名称", "工厂名称"),
    "product": ("产品", "系统", "平台", "模型", "成果", "解决方案", "名称"),
    "site": ("应用场景", "场景", "应用单位", "应用地点", "部署", "客户", "用户", "落地", "应用情况",
             "应用案例"),
    "tenure": ("入驻时间", "入驻年份", "入园时间", "落户时间", "入驻日期", "签约时间", "入驻"),
    "place": ("所在地", "所在区", "所在县", "所属区", "所属地", "所在园区", "所属园区", "区县", "县区",
              "县市区", "地区", "区域", "属地", "位置", "地址", "园区"),
}
#: A column of the side that asks (发榜单位, 需求单位): where the row's solution is used, not its maker.
_DEMAND_WORDS = ("发榜", "需求单位", "需求方", "出题", "场景提供", "客户", "用户单位")
#: What a place column locates first: the physical thing a row names (a data centre, a park), else
#: its company (a software platform stays unlocated).
_LOCATED = ("Infrastructure", "Venue", "IndustrialPark", "InnovationCenter")
_PLACES = ("Place", "IndustrialPark")
_GENERIC_LATIN = frozenset({"AI", "AR", "VR", "XR", "MR", "IOT", "GPT", "APP", "AIGC", "IT", "5G", "LLM"})
_UNIT_NOTE = re.compile(r"^\d{4}年(?:度)?|[（(][^）)]{1,6}[）)]$")  # 2024年营收（亿元）: a column named 营收
_PRODUCTS = ("Product", "AIModel", "Robot", "Platform")
#: Projects that are places built and run (工厂, 数据中心): built by a 建设单位, else run by the row's
#: company.
_BUILT = ("Venue", "Infrastructure", "InnovationCenter", "IndustrialPark")
_BUILDER_WORDS = ("建设", "投资", "承建", "出资")
PROJECT_CLASSES = (*_PRODUCTS, *_BUILT, "Program")


def project_relation(cls: str, company_header: str) -> str | None:
    """How a project cell relates to the row's company: a site is established by a 建设单位 and
    operated by any other company; a product, system or undertaking (场景, 揭榜项目) is developed by it."""
    if cls in _BUILT:
        return "establishedBy" if any(w in company_header for w in _BUILDER_WORDS) else "operatedBy"
    return "developedBy" if cls in PROJECT_CLASSES else None


@dataclass(frozen=True)
class Row:
    """One table row: the cells' offsets in the document, by column role."""

    sentence: int
    cells: dict[str, tuple[int, int]]
    headers: dict[str, str] = field(default_factory=dict)  # role -> the column's name (建设单位)


def _cells(sent: Sentence) -> list[tuple[int, int]]:
    out, start = [], 0
    text = sent.text.rstrip("。")
    for m in re.finditer("，", text):
        out.append((sent.start + start, sent.start + m.start()))
        start = m.end()
    out.append((sent.start + start, sent.start + len(text)))
    return out


def _header_cells(sent: Sentence) -> list[str]:
    return [sent.text[a - sent.start:b - sent.start] for a, b in _cells(sent)]


def _roles(sent: Sentence) -> dict[int, str] | None:
    """Column roles if the sentence is a header row (short cells naming columns)."""
    cells = _header_cells(sent)
    if len(cells) < 2 or any(len(_UNIT_NOTE.sub("", c)) > 8 or not c for c in cells):
        return None
    roles: dict[int, str] = {}
    for i, cell in enumerate(cells):
        if "site" not in roles.values() and any(w in cell for w in _DEMAND_WORDS):
            roles[i] = "site"
            continue
        for role, words in _ROLE_WORDS.items():
            if role not in roles.values() and any(w in cell for w in words):
                # 企业名称: "名称" is the company's; 产品名称 the product's
                if role == "product" and any(w in cell for w in _ROLE_WORDS["company"]):
                    continue
                roles[i] = role
                break
    ranked = [(k, i) for i, c in enumerate(cells) if roles.get(i, "title") == "title"
              for k, w in enumerate(_ROLE_WORDS["title"]) if w in c]
    if ranked:  # 入选方向 … 入选类别: the title is the column named by the stronger word
        roles = {i: r for i, r in roles.items() if r != "title"}
        roles[min(ranked)[1]] = "title"
    return roles if "company" in roles.values() and len(roles) >= 2 else None


def find_rows(sentences: Sequence[Sentence]) -> list[Row]:
    """The rows of every table in the article."""
    rows: list[Row] = []
    roles: dict[int, str] | None = None
    width = 0
    names: dict[str, str] = {}
    for sent in sentences:
        header = _roles(sent)
        if header is not None:
            roles, width = header, len(_cells(sent))
            header_cells = _header_cells(sent)
            names = {role: header_cells[i] for i, role in header.items()}
            continue
        if roles is None:
            continue
        cells = _cells(sent)
        if len(cells) != width or any(b - a > 40 for a, b in cells) \
                or sent.text.endswith(("；", "！", "？")) \
                or (sent.text.endswith("。") and len(sent.text) > 60):  # prose after the table, not a row
            roles = None
            continue
        rows.append(Row(sent.index, {role: cells[i] for i, role in roles.items()}, names))
    return rows


def product_name(cell: str) -> str:
    """The name in a product cell: the quoted name, else a leading Latin model name, else the cell."""
    q = re.search(r"“([^”]{1,20})”", cell)
    if q:
        return q.group(1)
    latin = re.match(r"[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+", cell) \
        or re.match(r"[A-Z][A-Za-z0-9]+(?=[\u4e00-\u9fff])", cell)  # EnOS智能物联操作系统 → EnOS
    if latin and latin.group(0).upper() not in _GENERIC_LATIN:  # AI绘本机: no name
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
    """Each row: its product developedBy its company; its project (项目名称) related to the company by
    ``project_relation``; the product deployedAt the first site in its site cell; what it names
    locatedIn the place of its place column (所在地, 所在区域, 所在园区): the site it names, else its
    company; the company in a list of honours (a table with a title column); of a project and its
    company, the one in the earlier column (项目, 建设单位, 所在区域: the project)."""
    out: list[Relation] = []
    for row in rows:
        spans = spans_of.get(row.sentence, [])

        def in_cell(role: str, row: Row = row, spans: list[EntitySpan] = spans) -> list[EntitySpan]:
            if role not in row.cells:
                return []
            a, b = row.cells[role]
            return [sp for sp in spans if a <= sp.start and sp.end <= b]

        company = [sp for sp in in_cell("company") if cls_of(sp.key) in ("Company", "Organization")]
        product = [sp for sp in in_cell("product") if cls_of(sp.key) in _PRODUCTS]
        project = [sp for sp in in_cell("project") if cls_of(sp.key) in PROJECT_CLASSES] \
            or [sp for sp in in_cell("product") if cls_of(sp.key) in _BUILT]  # 代表产品: 黄海智算中心
        sites = [sp for sp in in_cell("site") if cls_of(sp.key) in _SITES]
        if company and product:
            out.append(Relation(product[0].key, "developedBy", company[0].key, row.sentence, False,
                                "table-row"))
        if company and project and project[0].key != company[0].key:
            pred = project_relation(cls_of(project[0].key), row.headers.get("company", ""))
            if pred:
                out.append(Relation(project[0].key, pred, company[0].key, row.sentence, False,
                                    "table-project"))
            if not product and cls_of(project[0].key) in _PRODUCTS:
                product = project
        if product and sites:
            out.append(Relation(product[0].key, "deployedAt", sites[0].key, row.sentence, False, "table-row"))
        if company and sites and cls_of(sites[0].key) == "Company" and sites[0].key != company[0].key \
                and any(w in row.headers.get("site", "") for w in _DEMAND_WORDS):
            out.append(Relation(company[0].key, "suppliesTo", sites[0].key, row.sentence, False,
                                "table-demand"))
        places = [sp for sp in in_cell("place") if cls_of(sp.key) in _PLACES]
        if places:
            a, b = row.cells["place"]
            things = [sp for sp in spans if not a <= sp.start < b and cls_of(sp.key) in _LOCATED]
            # a list of honours (the place column is the holder's), or a place column named after the
            # company column (揭榜单位所在地)
            if "title" in row.cells or (company and _names_company(row)):
                things = []
            elif company and project and "project" in row.cells:  # the row is keyed by its first column
                things = [project[0]] if row.cells["project"][0] < row.cells["company"][0] else []
            located = things[0] if things else (company[0] if company else None)
            if located is not None and located.key != places[0].key:
                out.append(Relation(located.key, "locatedIn", places[0].key, row.sentence, False,
                                    "table-place"))
    return out


def _names_company(row: Row) -> bool:
    """The place column is named after the company column (揭榜单位 → 揭榜单位所在地)."""
    company = row.headers.get("company", "")
    return len(company) >= 2 and row.headers.get("place", "").startswith(company)


def row_holders(rows: Sequence[Row], spans_of: dict[int, list[EntitySpan]],
                after: int) -> list[tuple[str, int]]:
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
