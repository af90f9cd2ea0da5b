"""Figures in constructions first met in the held-out articles, on invented sentences: fund amounts
right after the name or under a heading sentence, counts that are not money (参数规模为70亿), the
periods of an annual report published early the next year, and whose a figure is (a district, the
product a relative clause describes, a park named by its tail, what money is spent building)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ecokg.loaders.figures import extract_figures, fund_amounts
from ecokg.loaders.numbers import find_quantities
from ecokg.loaders.periods import find_periods, reported_year
from ecokg.loaders.records import Entity, Observation
from tests.loaders_figures.spans import sentence_with_spans as _doc

BASE = date(2027, 3, 20)
REGION = "南京市"


def _obs(text: str, names: dict[str, tuple[str, str]], *, earlier: list[Entity] | None = None,
         base: date = BASE, report: int | None = None) -> dict[str, Observation]:
    sentence, spans, ents = _doc(text, names, entities={e.key: e for e in earlier or []})
    return {o.text: o for o in extract_figures(sentence, spans, ents, base=base, region=REGION,
                                               report=report)}


def _subjects(text: str, names: dict[str, tuple[str, str]], *,
              earlier: list[Entity] | None = None) -> dict[str, str | None]:
    return {k: o.subject for k, o in _obs(text, names, earlier=earlier).items()}


def _amounts(text: str, names: dict[str, tuple[str, str]], *, earlier: list[Entity] | None = None,
             index: int = 5) -> list[tuple[str, Decimal, str, bool]]:
    sentence, spans, ents = _doc(text, names, index=index, entities={e.key: e for e in earlier or []})
    return fund_amounts(sentence, spans, ents)


# --------------------------------------------------------------------------- amounts

FUND = "数字经济发展专项资金"


def test_a_fund_amount_right_after_the_name() -> None:
    text = f"区财政每年安排{FUND}3亿元，重点支持算力、模型和场景三个方向。"
    assert _amounts(text, {FUND: (FUND, "Fund")}) == [(FUND, Decimal("300000000"), "CNY", True)]


def test_a_fund_set_up_with_its_amount_after_it() -> None:
    text = f"市里设立{FUND}10亿元，用于支持重点项目。"
    assert _amounts(text, {FUND: (FUND, "Fund")}) == [(FUND, Decimal("1000000000"), "CNY", False)]


def test_a_figure_after_the_fund_and_another_noun_is_not_its_amount() -> None:
    text = f"{FUND}今年已拨付企业5亿元。"
    assert _amounts(text, {FUND: (FUND, "Fund")}) == []


def test_the_cap_of_a_subsidy_named_by_the_heading_sentence_before() -> None:
    heading = Entity("数据券", "Subsidy", sentences={2, 4})
    text = "对在园区采购数据服务的企业，按实际费用的30%给予补贴，每家企业每年最高200万元。"
    assert _amounts(text, {}, earlier=[heading]) == [("数据券", Decimal("2000000"), "CNY", True)]
    obs = _obs(text, {}, earlier=[heading])
    assert obs["最高200万元"].subject == "数据券" and obs["30%"].subject == REGION


def test_no_heading_amount_when_the_sentence_before_names_two_subsidies_or_none() -> None:
    text = "对采购训练语料的企业，按实际支出的50%给予补贴，最高100万元。"
    two = [Entity("数据券", "Subsidy", sentences={4}), Entity("模型券", "Subsidy", sentences={4})]
    assert _amounts(text, {}, earlier=two) == []
    assert _amounts(text, {}, earlier=[Entity("数据券", "Subsidy", sentences={1})]) == []


def test_no_heading_amount_without_a_cap() -> None:
    text = "园区企业去年营收达到5亿元。"
    assert _amounts(text, {}, earlier=[Entity("数据券", "Subsidy", sentences={4})]) == []


# --------------------------------------------------------------------------- units

def test_a_bare_magnitude_after_a_count_noun_is_a_count() -> None:
    (q,) = find_quantities("该模型参数规模为130亿，")
    assert (q.value, q.unit) == (Decimal("13000000000"), "count")
    (q,) = find_quantities("平台用户规模突破2亿")
    assert q.unit == "count"


def test_a_bare_magnitude_after_a_money_cue_stays_money() -> None:
    assert [q.unit for q in find_quantities("产业规模达220亿，用户数达到1200万")] == ["CNY", "count"]
    assert [q.unit for q in find_quantities("下载量达500万次后营收3亿")] == ["count", "CNY"]


# --------------------------------------------------------------------------- annual reports

REPORT = ("南京市数据局2026年工作总结\n2026年，市数据局全力推进人工智能产业发展。一年来，"
          "各项指标均超额完成。\n"
          "全年全市人工智能核心产业营业收入900亿元。")


def test_an_annual_report_published_early_next_year_reports_on_the_year_before() -> None:
    assert reported_year(REPORT, date(2027, 1, 25)) == 2026
    assert reported_year(REPORT, date(2027, 4, 30)) == 2026


def test_no_reported_year_late_in_the_year_or_without_the_year_before() -> None:
    assert reported_year(REPORT, date(2027, 8, 1)) is None
    assert reported_year(REPORT, date(2028, 2, 1)) is None  # two years later
    assert reported_year(REPORT.replace("2026", "2027"), date(2027, 1, 25)) is None  # this year's plan
    assert reported_year("2027年工作要点\n2026年全年营收增长。", date(2027, 1, 25)) is None  # own year first
    assert reported_year("2026年，全市新增企业30家。", date(2027, 1, 25)) is None  # no word of a report
    assert reported_year(REPORT, None) is None


def test_whole_year_and_sub_periods_without_a_year_are_in_the_reported_year() -> None:
    found = {p.label: (p.start, p.end) for p in find_periods("一年来，全年营收增长，上半年，年底，2027年全年",
                                                             BASE, 2026)}
    assert found == {
        "一年来": (date(2026, 1, 1), date(2026, 12, 31)),
        "全年": (date(2026, 1, 1), date(2026, 12, 31)),
        "上半年": (date(2026, 1, 1), date(2026, 6, 30)),
        "年底": (date(2026, 12, 31), date(2026, 12, 31)),
        "2027年全年": (date(2027, 1, 1), date(2027, 12, 31)),
    }


def test_without_a_report_whole_year_is_the_publication_year_and_one_year_since_no_period() -> None:
    found = {p.label: (p.start, p.end) for p in find_periods("一年来，全年", BASE)}
    assert found == {"全年": (date(2027, 1, 1), date(2027, 12, 31))}


def test_figures_of_an_annual_report_carry_the_reported_year() -> None:
    obs = _obs("全年全市人工智能核心产业营业收入900亿元，同比增长20.5%，完成年度目标的105%。", {},
               report=2026)
    assert {k: (o.period_start, o.period_end) for k, o in obs.items()} == {
        k: (date(2026, 1, 1), date(2026, 12, 31)) for k in ("900亿元", "20.5%", "105%")}
    obs = _obs("全年全市人工智能核心产业营业收入900亿元。", {})
    assert obs["900亿元"].period_start == date(2027, 1, 1)


# --------------------------------------------------------------------------- whose figure

def test_a_place_modifier_gives_the_figure_to_the_entity_it_modifies() -> None:
    text = "试行期间，其中江宁区的云栖智能获得研发补助800万元。"
    found = _subjects(text, {"江宁区": ("江宁区", "Place"), "云栖智能": ("云栖智能", "Company")})
    assert found == {"800万元": "云栖智能"}


def test_a_product_after_a_relative_clause_of_its_maker() -> None:
    text = "青禾科技研发的质检大模型“青眸”已在本地工厂部署使用，缺陷检出率提升了25%。"
    found = _subjects(text, {"青禾科技": ("青禾科技", "Company"), "青眸": ("青眸", "AIModel")})
    assert found == {"25%": "青眸"}


def test_the_company_anaphor_then_its_product() -> None:
    earlier = [Entity("青禾科技", "Company", sentences={4})]
    text = "公司推出的巡检机器人QH-2定位精度达到0.05毫米，去年出货量超过3000台。"
    found = _subjects(text, {"QH-2": ("QH-2", "Robot")}, earlier=earlier)
    assert found == {"0.05毫米": "QH-2", "超过3000台": "QH-2"}


def test_a_title_between_an_organisation_and_a_person_bridges_to_what_the_person_leads() -> None:
    text = "中国科学院院士周衡领衔的周衡院士工作站揭牌，首期组建研究团队25人。"
    found = _subjects(text, {"中国科学院": ("中国科学院", "Organization"), "周衡": ("周衡", "Person"),
                             "周衡院士工作站": ("周衡院士工作站", "InnovationCenter")})
    assert found == {"25人": "周衡院士工作站"}


def test_a_described_head_after_a_relative_clause_and_a_noun() -> None:
    found = _subjects("面向医疗的行业版本青眸-Med已在5家医院上线。", {"青眸-Med": ("青眸-Med", "Product")})
    assert found == {"5家": "青眸-Med"}


def test_a_subject_before_a_preposition_is_not_a_relative_clause() -> None:
    text = "青禾科技将向本地企业的工厂开放20条产线。"
    found = _subjects(text, {"青禾科技": ("青禾科技", "Company"), "工厂": ("工厂", "Venue")})
    assert found == {"20条": "青禾科技"}


def test_a_clause_opening_with_the_tail_of_a_recent_name_is_about_it() -> None:
    town = Entity("“秦淮”人工智能小镇", "IndustrialPark", sentences={3})
    center = Entity("南京江北人工智能创新中心", "InnovationCenter", sentences={1})
    found = _subjects("目前小镇已入驻人工智能企业64家，其中大模型企业15家。", {}, earlier=[town, center])
    assert found == {"64家": town.key, "15家": town.key}
    found = _subjects("到2029年，创新中心将累计孵化企业80家以上。", {}, earlier=[town, center])
    assert found == {"80家以上": center.key}


def test_a_tail_word_that_names_no_recent_entity_leaves_the_region() -> None:
    found = _subjects("目前小镇已入驻人工智能企业64家。", {},
                      earlier=[Entity("江北智算中心", "Infrastructure", sentences={3})])
    assert found == {"64家": REGION}


DISTRICT = Entity("江宁区", "Place", sentences={2})


def test_district_words_name_the_district_named_before() -> None:
    text = "江宁区经信局局长介绍，全区现有人工智能企业超过200家，2026年产业规模约300亿元。"
    found = _subjects(text, {"江宁区经信局": ("江宁区经信局", "GovernmentBody")}, earlier=[DISTRICT])
    assert found == {"超过200家": "江宁区", "约300亿元": "江宁区"}
    found = _subjects("到2030年，带动区内人工智能产业规模突破500亿元。", {}, earlier=[DISTRICT])
    assert found == {"突破500亿元": "江宁区"}


def test_district_words_without_a_district_name_the_region() -> None:
    found = _subjects("全区现有人工智能企业超过200家。", {},
                      earlier=[Entity("苏州工业园区", "Place", sentences={1})])
    assert found == {"超过200家": REGION}


def test_money_spent_building_something_is_that_things() -> None:
    text = "青禾集团负责平台的日常运营，首期投入8亿元建设江北智算中心，规划算力规模1000P。"
    found = _subjects(text,
                      {"青禾集团": ("青禾集团", "Company"),
                       "江北智算中心": ("江北智算中心", "Infrastructure")})
    assert found == {"8亿元": "江北智算中心", "1000P": "江北智算中心"}


def test_a_phase_after_a_clause_that_builds_something_is_about_it() -> None:
    text = "金陵大学将与创新中心共建机器人联合实验室，首批派驻研究人员40名。"
    found = _subjects(text,
                      {"金陵大学": ("金陵大学", "Organization"),
                       "机器人联合实验室": ("机器人联合实验室", "InnovationCenter")})
    assert found == {"40名": "机器人联合实验室"}
    found = _subjects("金陵大学将建设机器人联合实验室，派驻研究人员40名。",
                      {"金陵大学": ("金陵大学", "Organization"),
                       "机器人联合实验室": ("机器人联合实验室", "InnovationCenter")})
    assert found == {"40名": "金陵大学"}


def test_the_contents_of_a_list_issued_in_the_clause_before() -> None:
    text = "会上，市数据局发布首批数据开放清单，涵盖交通、医疗等领域共60个场景，需求总金额约3亿元。"
    found = _subjects(text,
                      {"市数据局": ("南京市数据局", "GovernmentBody"),
                       "首批数据开放清单": ("首批数据开放清单", "Program")})
    assert found == {"60个": "首批数据开放清单", "约3亿元": "首批数据开放清单"}


def test_no_heading_amount_for_a_fund_whose_amount_the_sentence_before_gave() -> None:
    fund = Entity("天使基金", "Fund", sentences={4}, amount=Decimal("1000000000"), amount_sentence=4)
    text = "对入驻园区的企业，给予最高500万元奖励。"
    assert _amounts(text, {}, earlier=[fund]) == []


def test_a_place_after_a_relative_clause_is_a_modifier_not_the_head() -> None:
    text = "青禾科技的南京研发中心去年营收增长30%。"
    found = _subjects(text, {"青禾科技": ("青禾科技", "Company"), "南京": (REGION, "Place")})
    assert found == {"30%": "青禾科技"}


def test_one_year_since_is_no_count_but_ten_years_since_is() -> None:
    assert [q.text for q in find_quantities("一年来，全市新增企业58家")] == ["58家"]
    assert [q.text for q in find_quantities("10年来累计引进企业300家")] == ["10年", "300家"]


def test_a_name_tail_finds_an_entity_named_long_before() -> None:
    town = Entity("“秦淮”人工智能小镇", "IndustrialPark", sentences={3})
    other = Entity("江北人工智能小镇", "IndustrialPark", sentences={150})  # named only later
    sentence, spans, ents = _doc("目前小镇已入驻人工智能企业64家。", {}, index=120,
                                 entities={e.key: e for e in (town, other)})
    (o,) = extract_figures(sentence, spans, ents, base=BASE, region=REGION)
    assert (o.subject, o.rule) == (town.key, "anaphor")
