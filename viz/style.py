"""Colour and shape of each class in a view (the legend), and the page's own words in zh/en.

Shapes are vis-network shapes that draw the label below the node, so that node size can
follow degree. Classes outside the contract get a colour picked by a stable hash of the name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class ClassStyle:
    color: str
    shape: str


#: The contract's classes (local names of eco:), grouped by family so related classes look alike.
CLASS_STYLES: dict[str, ClassStyle] = {
    "Organization": ClassStyle("#4e79a7", "dot"),
    "Company": ClassStyle("#4e79a7", "dot"),
    "GovernmentBody": ClassStyle("#e15759", "diamond"),
    "InnovationCenter": ClassStyle("#76b7b2", "hexagon"),
    "Committee": ClassStyle("#b07aa1", "triangle"),
    "Person": ClassStyle("#ff9da7", "star"),
    "Place": ClassStyle("#59a14f", "square"),
    "IndustrialPark": ClassStyle("#2f7d32", "triangleDown"),
    "Venue": ClassStyle("#8cd17d", "square"),
    "IndustryCluster": ClassStyle("#f28e2b", "hexagon"),
    "Platform": ClassStyle("#edc948", "diamond"),
    "Product": ClassStyle("#9c755f", "triangle"),
    "AIModel": ClassStyle("#d37295", "star"),
    "Robot": ClassStyle("#a0522d", "star"),
    "Policy": ClassStyle("#79706e", "square"),
    "PolicyDocument": ClassStyle("#79706e", "square"),
    "Fund": ClassStyle("#c9a227", "square"),
    "Subsidy": ClassStyle("#ffbe7d", "square"),
    "Program": ClassStyle("#86bcb6", "triangle"),
    "Event": ClassStyle("#d4a6c8", "star"),
    "Infrastructure": ClassStyle("#499894", "hexagon"),
    "Industry": ClassStyle("#b6992d", "diamond"),
    "Designation": ClassStyle("#f1ce63", "triangleDown"),
    "Observation": ClassStyle("#bab0ac", "dot"),
    "SourceDocument": ClassStyle("#555555", "square"),
}

_EXTRA_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                 "#7f7f7f", "#bcbd22", "#17becf")
_EXTRA_SHAPES = ("dot", "diamond", "square", "triangle", "hexagon", "star", "triangleDown")


def class_colour(name: str) -> str:
    """The legend colour of a class (by local name), ``#rrggbb``: what GEXF and GraphML exports use."""
    return class_style(name).color


def class_style(name: str) -> ClassStyle:
    """The legend entry of a class (by local name)."""
    if name in CLASS_STYLES:
        return CLASS_STYLES[name]
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return ClassStyle(_EXTRA_COLORS[digest[0] % len(_EXTRA_COLORS)],
                      _EXTRA_SHAPES[digest[1] % len(_EXTRA_SHAPES)])


#: Words of the page itself (not data), per ``--lang``.
UI_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "search": "搜索名称…",
        "classes": "类别",
        "physics": "物理布局",
        "details": "详情",
        "class": "类别",
        "names": "名称",
        "figures": "数据",
        "designations": "荣誉与认定",
        "sources": "来源句子",
        "attributes": "属性",
        "members": "成员",
        "relation": "关系",
        "from": "从",
        "to": "到",
        "inferred": "推断",
        "no_match": "没有匹配的名称",
        "hint": "点击节点或连线查看详情",
        "nodes": "节点",
        "edges": "连线",
        "all": "全选",
        "none": "全不选",
        "value": "数值",
        "unit": "单位",
        "qualifier": "限定",
        "period": "时期",
        "indicator": "指标",
        "level": "级别",
        "batch": "批次",
        "granted_by": "授予方",
    },
    "en": {
        "search": "Search a name…",
        "classes": "Classes",
        "physics": "Physics",
        "details": "Details",
        "class": "Class",
        "names": "Names",
        "figures": "Figures",
        "designations": "Designations",
        "sources": "Source sentences",
        "attributes": "Attributes",
        "members": "Members",
        "relation": "Relation",
        "from": "From",
        "to": "To",
        "inferred": "inferred",
        "no_match": "No name matches",
        "hint": "Click a node or an edge for its details",
        "nodes": "nodes",
        "edges": "edges",
        "all": "all",
        "none": "none",
        "value": "value",
        "unit": "unit",
        "qualifier": "qualifier",
        "period": "period",
        "indicator": "indicator",
        "level": "level",
        "batch": "batch",
        "granted_by": "granted by",
    },
}


__all__ = ["CLASS_STYLES", "UI_TEXT", "ClassStyle", "class_colour", "class_style"]
