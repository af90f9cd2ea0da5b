"""A county article's region, joined activities inside names, park-like brands, zones and bases
(invented sentences; real places only)."""

from __future__ import annotations

import pytest

from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document
from ecokg.loaders.regions import detect_region
from tests.loaders_rules.conftest import relations


def _doc(text: str, title: str = "示例") -> Document:
    return Document(text=text, title=title, issued="2025-06-01")


def _entities(loader: NewsArticleLoader, text: str) -> dict[str, str]:
    return {e.label: e.cls for e in loader.extract(_doc(text)).entities.values()}


@pytest.mark.parametrize(("title", "text", "city"), [
    # a county-level city named more often than any prefecture city is the region
    ("常熟市人工智能产业发展情况", "常熟今年新增人工智能企业12家。常熟市工信局表示，将继续支持。", "常熟市"),
    # a county is the region of a county report
    ("德清县数字经济工作总结", "德清县全年实现数字经济核心产业增加值80亿元，德清将建设智算中心。", "德清县"),
    # the form the article writes (a county that became a city) wins over older data
    ("澄江市算力券管理办法", "澄江市发展和改革委员会负责解释。澄江市企业可申请。", "澄江市"),
    # a district is part of its city: the city stays the region
    ("浦东新区人工智能产业", "上海浦东新区建设人工智能小镇，浦东新区企业集聚，上海将支持。", "上海市"),
    # the prefecture city named as often as its county stays the region
    ("苏州发布人工智能政策", "苏州市与常熟市共建算力平台，苏州将给予补贴。", "苏州市"),
])
def test_the_region_of_an_article(title: str, text: str, city: str) -> None:
    region = detect_region(_doc(text, title), lexicon())
    assert region is not None and region.city == city, region


def test_the_city_bureau_of_a_county_level_city_article_is_that_city_s(loader: NewsArticleLoader) -> None:
    ex = loader.extract(_doc("常熟今年推出算力券，由市工业和信息化局负责兑付。常熟企业可申请。",
                             title="常熟市算力券实施细则"))
    assert "常熟市工业和信息化局" in {e.label for e in ex.entities.values()}, sorted(ex.entities)


@pytest.mark.parametrize(("text", "name", "cls"), [
    # two activities joined by 与 inside a model's name
    ("支持岚舟重工建设船舶设计与仿真大模型，推动其在船厂应用。", "船舶设计与仿真大模型", "AIModel"),
    # a park-like brand followed by a company suffix is a company
    ("支持云杉电子联合江岸智谷科技建设检测平台。", "江岸智谷科技", "Company"),
    # bases where vehicles or goods are made are sites
    ("该模型已在桐川整车基地投入使用。", "桐川整车基地", "Venue"),
    # a 新城 is a zone of its city
    ("支持柳湾新城建设箱包设计服务平台。", "柳湾新城", "Place"),
])
def test_names(loader: NewsArticleLoader, text: str, name: str, cls: str) -> None:
    found = _entities(loader, text)
    assert found.get(name) == cls, found


def test_a_joined_name_keeps_its_makers(loader: NewsArticleLoader) -> None:
    got = relations(loader, "支持岚舟重工联合江岸智谷科技建设船舶设计与仿真大模型，"
                            "推动其在桐川整车基地应用。")
    assert {("船舶设计与仿真大模型", "developedBy", "岚舟重工"),
            ("船舶设计与仿真大模型", "developedBy", "江岸智谷科技"),
            ("船舶设计与仿真大模型", "deployedAt", "桐川整车基地")} <= got, sorted(got)


def test_a_park_stays_a_park_before_a_common_word(loader: NewsArticleLoader) -> None:
    found = _entities(loader, "江岸智谷智能制造企业达到30家。")
    assert "江岸智谷智能" not in found, found


def test_a_short_name_another_entity_holds_is_not_derived(loader: NewsArticleLoader) -> None:
    """禾穗 is the model's name: the company 禾穗农业科技有限公司 does not take it as its short name."""
    text = ("岚县禾穗农业科技有限公司发布“禾穗”农业大模型。“禾穗”已覆盖农田20万亩。"
            "禾穗农业科技有限公司还计划扩建。")
    ex = loader.extract(_doc(text))
    holders = [e.label for e in ex.entities.values() if "禾穗" in e.alt_labels | {e.label}]
    assert len(holders) == 1, holders


def test_a_place_in_brackets_inside_a_legal_name_locates_nothing(loader: NewsArticleLoader) -> None:
    got = relations(loader, "岚峰位置网络（浙江）有限公司在德清县设立研发中心。")
    assert not any(p == "locatedIn" and o == "浙江省" for _, p, o in got), sorted(got)


def test_a_ranking_list_s_items_hold_its_title(loader: NewsArticleLoader) -> None:
    """发布了“2026X市人工智能企业20强”榜单, then numbered items: each item's company holds the title
    (without the year), at the city's level."""
    text = ("会上发布了“2026江城市人工智能企业10强”榜单。\n榜单如下\n"
            "1. 岚峰智能科技有限公司（江北区）——主要产品：“鹭行”巡检机器人\n"
            "2. 澄海精工有限公司（渝北区）\n3. 将乐云竹科技有限公司（将乐县）\n")
    ex = loader.extract(_doc(text))
    held = {(ex.entities[d.holder].label, d.title, d.level) for d in ex.designations}
    assert {("岚峰智能科技有限公司", "江城市人工智能企业10强", "Municipal"),
            ("澄海精工有限公司", "江城市人工智能企业10强", "Municipal"),
            ("将乐云竹科技有限公司", "江城市人工智能企业10强", "Municipal")} <= held, held
