"""Tables: a place column locates what each row names; a table pasted as tab-separated text is a
table. Invented rows."""

from __future__ import annotations

from pathlib import Path

from ecokg.api import extract_articles

MD = """# 云岭市公布2026年智能工厂名单

云岭市工业和信息化局近日公布2026年智能工厂名单，共3家企业入选。

| 序号 | 企业名称 | 工厂名称 | 所在县区 |
|---|---|---|---|
| 1 | 岚峰智能科技有限公司 | 焊装智能工厂 | 黄浦区 |
| 2 | 青禾视觉科技有限公司 | 光学检测智能工厂 | 徐汇区 |
"""

TXT = """云岭市新建数据中心一览

记者从市数据局获悉，今年全市新开工数据中心项目2个。

项目\t建设单位\t所在区域\t规划机架
松涛智算中心\t澄海数据集团\t徐汇区\t2万架
北岭算力枢纽\t岚峰智能科技有限公司\t黄浦区\t1万架
"""


def _located(tmp_path: Path, name: str, text: str) -> set[tuple[str, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ex = extract_articles([path]).extractions[0]
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label[r.subject], label[r.object]) for r in ex.relations if r.predicate == "locatedIn"}


def test_a_place_column_locates_each_rows_company(tmp_path: Path) -> None:
    found = _located(tmp_path, "a.md", MD)
    assert ("岚峰智能科技有限公司", "黄浦区") in found and ("青禾视觉科技有限公司", "徐汇区") in found, found


def test_a_place_column_locates_the_facility_not_its_builder(tmp_path: Path) -> None:
    found = _located(tmp_path, "b.txt", TXT)
    assert any(s.endswith("松涛智算中心") and o == "徐汇区" for s, o in found), found
    assert not any(s == "澄海数据集团" for s, _ in found), found
