"""A place named as the agent of an organization-range relation acts through its government."""

from __future__ import annotations

from ecokg.loaders.class_groups import group, ranged
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document


def _relations(loader: NewsArticleLoader, text: str) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    label = {k: e.label for k, e in ex.entities.items()}
    cls = {e.label: e.cls for e in ex.entities.values()}
    return {(label[r.subject], r.predicate, label[r.object]) for r in ex.relations}, cls


def test_a_city_that_sets_up_a_fund_does_it_through_its_government(loader: NewsArticleLoader) -> None:
    rels, cls = _relations(loader, "鹤壁市还设立了规模20亿元的鹤壁市智能产业基金。")
    assert ("鹤壁市智能产业基金", "establishedBy", "鹤壁市人民政府") in rels, rels
    assert cls["鹤壁市人民政府"] == "GovernmentBody"


def test_the_named_government_is_used_when_the_article_names_it(loader: NewsArticleLoader) -> None:
    text = "鹤壁市人民政府召开会议。鹤壁市还设立了规模20亿元的鹤壁市智能产业基金。"
    rels, _ = _relations(loader, text)
    assert ("鹤壁市智能产业基金", "establishedBy", "鹤壁市人民政府") in rels, rels


def test_no_relation_of_an_organization_range_points_at_a_place(loader: NewsArticleLoader) -> None:
    text = ("鹤壁市还设立了规模20亿元的鹤壁市智能产业基金。浚县联合鹤壁云链科技有限公司共建了浚县算力中心。"
            "由淇县投资建设的淇县智算中心投入使用。")
    rels, cls = _relations(loader, text)
    places, org_range = group("Place"), ranged("Organization")
    assert rels and not [r for r in rels if r[1] in org_range and cls[r[2]] in places], rels
