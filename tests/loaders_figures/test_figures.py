"""Figures of invented sentences in the genre (another city), with hand-made entity spans."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.loaders.figures import extract_figures, fund_amounts
from ecokg.loaders.records import Entity, Observation
from tests.loaders_figures.spans import OFFSET
from tests.loaders_figures.spans import sentence_with_spans as _doc

BASE = date(2025, 11, 20)
REGION = "合肥市"


def _figures(text: str, names: dict[str, tuple[str, str]], **kw: object) -> list[Observation]:
    sentence, spans, ents = _doc(text, names)
    return extract_figures(sentence, spans, ents, base=kw.get("base", BASE), region=kw.get("region", REGION))


def _by_text(obs: list[Observation]) -> dict[str, Observation]:
    return {o.text: o for o in obs}


def test_revenue_and_growth_share_the_period_and_the_region() -> None:
    text = "今年前三季度，全市人工智能产业规上企业实现营业收入超800亿元，同比增长12.5%。"
    obs = _figures(text, {})
    assert [(o.value, o.unit, o.qualifier) for o in obs] == [
        (Decimal("80000000000"), "CNY", "MoreThan"), (Decimal("12.5"), "percent", "Exactly")]
    for o in obs:
        assert (o.subject, o.implicit) == (REGION, False)
        assert (o.period_start, o.period_end, o.period_label) == (date(2025, 1, 1), date(2025, 9, 30),
                                                                  "今年前三季度")
        assert o.sentence == 5
        assert text[o.start - OFFSET:o.end - OFFSET] == o.text
    assert [o.indicator for o in obs] == ["营业收入", "同比增长"]


def test_park_gathers_companies_then_its_revenue() -> None:
    text = "目前，合肥高新区汇聚了科大讯飞、华米科技等200余家企业，2024年营收达150亿元，承载能力显著提升。"
    obs = _by_text(_figures(text, {"合肥高新区": ("合肥高新区", "IndustrialPark"),
                                   "科大讯飞": ("科大讯飞", "Company"), "华米科技": ("华米科技", "Company")}))
    assert obs["200余家"].subject == "合肥高新区"
    assert obs["200余家"].qualifier == "MoreThan"
    assert obs["200余家"].indicator == "企业数量"
    assert obs["200余家"].period_start is None
    assert obs["150亿元"].subject == "合肥高新区"
    assert (obs["150亿元"].period_start, obs["150亿元"].period_end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_figure_after_completion_belongs_to_what_is_built() -> None:
    text = "开工建设合肥国际通信出入口局，建成后访问国际网络时延将降低5毫秒，带动跨境电商发展。"
    (o,) = _figures(text, {"合肥国际通信出入口局": ("合肥国际通信出入口局", "Infrastructure")})
    assert (o.value, o.unit, o.subject, o.indicator) == (Decimal(5), "ms", "合肥国际通信出入口局", "时延降低")


def test_funds_and_subsidies_get_their_amounts() -> None:
    text = ("设立总规模50亿元的人工智能产业基金和每年总额最高1000万元的“模型券”奖补政策，"
            "谋划推出第二批政策清单。")
    names = {"人工智能产业基金": ("人工智能产业基金", "Fund"), "模型券": ("模型券", "Subsidy")}
    sentence, spans, ents = _doc(text, names)
    assert fund_amounts(sentence, spans, ents) == [
        ("人工智能产业基金", Decimal("5000000000"), "CNY", False),
        ("模型券", Decimal("10000000"), "CNY", True)]
    obs = _by_text(extract_figures(sentence, spans, ents, base=BASE, region=REGION))
    assert (obs["50亿元"].subject, obs["50亿元"].indicator) == ("人工智能产业基金", "基金规模")
    assert (obs["最高1000万元"].subject, obs["最高1000万元"].qualifier) == ("模型券", "AtMost")


def test_fund_named_before_its_amount() -> None:
    text = "合肥还设立了庐州人工智能母基金，总规模30亿元，重点投向早期项目。"
    sentence, spans, ents = _doc(text,
                                 {"庐州人工智能母基金": ("庐州人工智能母基金", "Fund"),
                                  "合肥": ("合肥市", "Place")})
    expected = [("庐州人工智能母基金", Decimal("3000000000"), "CNY", False)]
    assert fund_amounts(sentence, spans, ents) == expected


def test_subsidy_amount_two_clauses_later_and_its_rate() -> None:
    text = ("同时推出“机器人首购补贴”，对首次采购本地机器人的企业按采购金额的20%给予补贴，"
            "单个企业最高100万元。")
    sentence, spans, ents = _doc(text, {"机器人首购补贴": ("机器人首购补贴", "Subsidy")})
    assert fund_amounts(sentence, spans, ents) == [("机器人首购补贴", Decimal("1000000"), "CNY", False)]
    obs = _by_text(extract_figures(sentence, spans, ents, base=BASE, region=REGION))
    assert obs["20%"].subject == "机器人首购补贴"


def test_a_money_figure_without_fund_cue_is_not_an_amount() -> None:
    text = "设立庐州人工智能母基金，带动社会投资超100亿元。"
    sentence, spans, ents = _doc(text, {"庐州人工智能母基金": ("庐州人工智能母基金", "Fund")})
    assert fund_amounts(sentence, spans, ents) == []


def test_event_results_belong_to_the_event() -> None:
    text = ("加强长三角联动，连续5年举办长三角“千企千景”对接会，累计发布场景需求清单800项，"
            "促成合作意向超200项。")
    obs = _by_text(_figures(text, {"长三角“千企千景”对接会": ("长三角“千企千景”对接会", "Event")}))
    assert obs["800项"].subject == "长三角“千企千景”对接会"
    assert obs["800项"].indicator == "解决方案数量"
    assert obs["超200项"].subject == "长三角“千企千景”对接会"
    assert obs["超200项"].indicator == "合作意向数量"
    assert (obs["连续5年"].value, obs["连续5年"].unit, obs["连续5年"].indicator) == (5, "count", "年数")


def test_rank_of_a_company_and_its_years_at_the_top() -> None:
    text = ("星瞳科技在工业视觉领域市场份额居全国首位，云枢科技连续五年居国家级平台首位，依托“云枢”"
            "大模型开发了60款智能体。")
    obs = _figures(text, {"星瞳科技": ("星瞳科技", "Company"), "云枢科技": ("云枢科技", "Company"),
                          "云枢": ("云枢", "AIModel")})
    assert [(o.text, o.value, o.unit, o.subject, o.indicator) for o in obs] == [
        ("全国首位", 1, "rank", "星瞳科技", "排名"),
        ("连续五年", 5, "count", "云枢科技", "年数"),
        ("首位", 1, "rank", "云枢科技", "排名"),
        ("60款", 60, "count", "云枢科技", "智能体数量"),
    ]


def test_a_figure_opening_its_clause_is_about_the_region() -> None:
    text = "遴选发布十大典型应用场景，合肥港获批建设智慧港口基地，2个案例入选工信部典型应用案例。"
    (o,) = _figures(text, {"合肥港": ("合肥港", "Company"), "工信部": ("工业和信息化部", "GovernmentBody")})
    assert (o.value, o.subject, o.implicit, o.indicator) == (2, REGION, True, "案例数量")


def test_the_authority_after_a_verb_is_not_the_subject() -> None:
    text = "出台《加快大模型发展行动方案(2025-2027)》，培育大模型产品40余个，通过中央网信办备案5个。"
    obs = _figures(text, {"中央网信办": ("中央网信办", "GovernmentBody"),
                          "加快大模型发展行动方案(2025-2027)": ("加快大模型发展行动方案(2025-2027)",
                                                     "PolicyDocument")})
    assert [(o.value, o.subject, o.implicit, o.indicator) for o in obs] == [
        (40, REGION, True, "产品数量"), (5, REGION, True, "备案数量")]
    assert all(o.period_start is None for o in obs)  # the period of a policy title is not the figures'


def test_size_modifier_of_a_park() -> None:
    text = "规划建设千亩级智能产业园，推动产业集聚。"
    (o,) = _figures(text, {"智能产业园": ("庐州智能产业园", "IndustrialPark")})
    assert (o.value, o.unit, o.subject, o.indicator) == (1000, "mu", "庐州智能产业园", "面积")


def test_city_rankings_in_one_clause() -> None:
    text = "在某机构城市数字化排名中，合肥位列全国第8位、全省第一。"
    obs = _figures(text, {"合肥": ("合肥市", "Place")})
    assert [(o.value, o.unit, o.subject, o.implicit) for o in obs] == [
        (8, "rank", "合肥市", False), (1, "rank", "合肥市", False)]


def test_place_prefix_names_the_park() -> None:
    text = "合肥庐州人工智能产业园去年营收90亿元。"
    (o,) = _figures(text,
                    {"合肥": ("合肥市", "Place"),
                     "庐州人工智能产业园": ("庐州人工智能产业园", "IndustrialPark")})
    assert o.subject == "庐州人工智能产业园"
    assert (o.period_start, o.period_end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_park_anaphor_resolves_to_the_latest_park() -> None:
    park = Entity("庐州人工智能产业园", "IndustrialPark", sentences={2})
    other = Entity("滨湖软件园", "IndustrialPark", sentences={1})
    text = "今年1—8月，园区企业累计申请发明专利900余件，较上年同期增加近两成。"
    sentence, spans, ents = _doc(text, {}, entities={park.key: park, other.key: other})
    obs = extract_figures(sentence, spans, ents, base=BASE, region=REGION)
    assert [(o.value, o.unit, o.subject, o.indicator) for o in obs] == [
        (900, "count", "庐州人工智能产业园", "专利数量"), (20, "percent", "庐州人工智能产业园", "同比增长")]
    for o in obs:  # 上年同期 is the base of the comparison, not the period of the figure
        assert (o.period_start, o.period_end) == (date(2025, 1, 1), date(2025, 8, 31))


def test_relative_head_and_event_figures() -> None:
    text = "由合肥市人民政府主办的中国声谷大会已连续举办6届，今年的大会吸引了300余家企业参展。"
    obs = _figures(text,
                   {"合肥市人民政府": ("合肥市人民政府", "GovernmentBody"),
                    "中国声谷大会": ("中国声谷大会", "Event")})
    assert [(o.value, o.subject) for o in obs] == [(6, "中国声谷大会"), (300, "中国声谷大会")]


def test_a_list_is_not_a_topic() -> None:
    text = ("合肥地区高校每年培养相关专业毕业生约1.5万人，科大讯飞、华米科技等企业的研发团队中，"
            "本地毕业生占比在五成以上。")
    obs = _figures(text,
                   {"合肥": ("合肥市", "Place"), "科大讯飞": ("科大讯飞", "Company"),
                    "华米科技": ("华米科技", "Company")})
    assert [(o.value, o.unit, o.qualifier, o.subject) for o in obs] == [
        (15000, "count", "Approximately", "合肥市"), (50, "percent", "AtLeast", "合肥市")]


def test_current_state_stops_the_period_carry() -> None:
    text = "今年前三季度，新开通5G基站3000个，截至目前，全市数据中心标准机架总数近5万架。"
    obs = _by_text(_figures(text, {}))
    assert obs["3000个"].period_label == "今年前三季度"
    assert obs["3000个"].indicator == "5G基站数量"
    assert obs["近5万架"].period_start is None
    assert (obs["近5万架"].subject, obs["近5万架"].implicit) == (REGION, False)


def test_locative_frame_is_the_topic() -> None:
    text = "在合肥高新区，人工智能企业达300家，比上年增长20%。"
    obs = _figures(text, {"合肥高新区": ("合肥高新区", "IndustrialPark")})
    assert [(o.value, o.subject, o.indicator, o.period_start) for o in obs] == [
        (300, "合肥高新区", "企业数量", None), (20, "合肥高新区", "同比增长", None)]


def test_decline_is_its_own_indicator() -> None:
    (o,) = _figures("全市工业能耗同比下降3.2%。", {})
    assert (o.value, o.indicator, o.subject, o.implicit) == (Decimal("3.2"), "同比下降", REGION, False)


def test_without_base_date_or_region() -> None:
    text = "今年前三季度，培育大模型产品40余个。"
    (o,) = _figures(text, {}, base=None, region=None)
    assert (o.value, o.subject, o.implicit, o.period_start) == (40, None, False, None)


def test_every_observation_names_its_rule() -> None:
    text = "目前，合肥高新区汇聚了200余家企业，今年前三季度，全市营收超800亿元，培育产品40余个。"
    obs = _figures(text, {"合肥高新区": ("合肥高新区", "IndustrialPark")})
    assert len(obs) == 3
    assert all(o.rule for o in obs)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="合肥高新区汇聚了企业家个超近余0123456789亿万元%，。、今年前三季度全市营收增长第位居全国首“”《》",
               max_size=40))
def test_extract_figures_never_crashes(s: str) -> None:
    names = {"合肥高新区": ("合肥高新区", "IndustrialPark")}
    sentence, spans, ents = _doc(s, names)
    for o in extract_figures(sentence, spans, ents, base=BASE, region=REGION):
        assert s[o.start - OFFSET:o.end - OFFSET] == o.text
    fund_amounts(sentence, spans, ents)


def test_indicator_labels_name_ontology_concepts() -> None:
    from ecokg.graph.builder import known_indicators
    from ecokg.loaders.indicators import indicator_table

    table = indicator_table()
    labels = {table.rank, *table.fund.values(), *table.by_counter.values(), *table.by_unit.values(),
              *(r.indicator for r in table.rules)}
    known = known_indicators()
    core = {"营业收入", "同比增长", "企业数量", "排名", "5G基站数量", "标准机架数量", "时延降低", "覆盖率",
            "产品数量",
            "备案数量", "入选数量", "场景数量", "解决方案数量", "合作意向数量", "智能体数量", "案例数量",
            "市场份额", "面积",
            "年数", "算力规模", "规模", "基金规模"}
    assert core <= labels
    assert {label for label in core if label not in known} == set()
