"""Who a figure belongs to, on invented sentences of other constructions of the genre: a provincial
overview, an event report, a company piece, a park's signing news (entity spans made by hand)."""

from __future__ import annotations

from datetime import date

from ecokg.loaders.figures import extract_figures
from ecokg.loaders.numbers import find_quantities
from ecokg.loaders.records import Entity, Observation
from tests.loaders_figures.spans import sentence_with_spans as _doc

BASE = date(2026, 2, 10)
REGION = "南京市"


def _subjects(text: str, names: dict[str, tuple[str, str]], *, earlier: list[Entity] | None = None,
              region: str | None = REGION) -> dict[str, tuple[str | None, str]]:
    """figure text -> (subject, rule)."""
    sentence, spans, ents = _doc(text, names, entities={e.key: e for e in earlier or []})
    obs: list[Observation] = extract_figures(sentence, spans, ents, base=BASE, region=region)
    return {o.text: (o.subject, o.rule) for o in obs}


def _only_subjects(found: dict[str, tuple[str | None, str]]) -> dict[str, str | None]:
    return {k: v[0] for k, v in found.items()}


# --------------------------------------------------------------------------- 全省: the province

PROVINCE = Entity("江苏省", "Place", sentences={0})


def test_province_words_name_the_province_not_the_city() -> None:
    text = "2025年全省人工智能核心产业营业收入达到2600亿元，同比增长18%，产业规模居全国第5位。"
    found = _subjects(text, {}, earlier=[PROVINCE, Entity(REGION, "Place", sentences={0})])
    assert _only_subjects(found) == {"2600亿元": "江苏省", "18%": "江苏省", "全国第5位": "江苏省"}
    assert found["2600亿元"][1] == "region-word"


def test_city_words_still_name_the_region_in_a_provincial_article() -> None:
    found = _subjects("全市现有人工智能企业约900家。", {}, earlier=[PROVINCE])
    assert _only_subjects(found) == {"约900家": REGION}


def test_province_word_without_a_province_entity_falls_back_to_the_region() -> None:
    found = _subjects("全省现有人工智能企业约3100家，其中规上企业超过700家。", {})
    assert _only_subjects(found) == {"约3100家": REGION, "超过700家": REGION}


def test_the_one_named_province_when_the_region_is_not_in_it() -> None:
    found = _subjects("截至2025年底，全省累计建成智能工厂42家。", {}, earlier=[PROVINCE], region="苏州市")
    assert _only_subjects(found) == {"42家": "江苏省"}  # 苏州 is in 江苏省: the same province


def test_a_target_after_a_goal_verb_belongs_to_the_province() -> None:
    text = "江苏省人民政府办公厅近日印发行动方案，提出到2028年全省人工智能产业规模突破8000亿元。"
    found = _subjects(text, {"江苏省人民政府办公厅": ("江苏省人民政府办公厅", "GovernmentBody")},
                      earlier=[PROVINCE])
    assert _only_subjects(found) == {"突破8000亿元": "江苏省"}


def test_a_share_of_the_province_stays_with_the_city() -> None:
    text = "2025年南京人工智能产业营收约1300亿元，占全省比重超过五成。"
    found = _subjects(text, {"南京": (REGION, "Place")}, earlier=[PROVINCE])
    assert _only_subjects(found) == {"约1300亿元": REGION, "超过五成": REGION}


def test_places_of_an_enumeration_get_their_own_figures() -> None:
    text = "共有52个项目上榜，其中南京20个、苏州12个、无锡8个。"
    found = _subjects(text,
                      {"南京": (REGION, "Place"), "苏州": ("苏州市", "Place"), "无锡": ("无锡市", "Place")})
    assert _only_subjects(found) == {"52个": REGION, "20个": REGION, "12个": "苏州市", "8个": "无锡市"}
    assert found["12个"][1] == "enumerated-place"


# --------------------------------------------------------------------------- event reports

EXPO = Entity("第三届长江数字经济博览会", "Event", sentences={0, 1})
MATCHING = Entity("算力供需对接会", "Event", sentences={4})


def test_an_event_name_after_its_edition_is_the_topic() -> None:
    text = "第三届长江数字经济博览会在南京开幕 现场签约项目25个金额180亿元"
    found = _subjects(text, {"第三届长江数字经济博览会": (EXPO.key, "Event"), "南京": (REGION, "Place")})
    assert _only_subjects(found) == {"25个": EXPO.key, "180亿元": EXPO.key}


def test_this_edition_of_the_event_is_the_event_its_noun_names() -> None:
    text = "本届博览会吸引了来自各地的2000余名观众到场，150多家企业参展。"
    found = _subjects(text, {}, earlier=[EXPO, MATCHING])  # the 对接会 is named later, but is no 博览会
    assert _only_subjects(found) == {"2000余名": EXPO.key, "150多家": EXPO.key}
    assert found["2000余名"][1] == "anaphor"


def test_organizers_and_hosts_are_agents_not_topics() -> None:
    text = ("博览会由江苏省工业和信息化厅、南京市人民政府主办，南京江北新区管理委员会、"
            "江苏省人工智能学会承办，"
            "已连续五届在南京举办。")
    names = {"江苏省工业和信息化厅": ("江苏省工业和信息化厅", "GovernmentBody"),
             "南京市人民政府": ("南京市人民政府", "GovernmentBody"),
             "南京江北新区": ("南京江北新区", "IndustrialPark"),
             "江苏省人工智能学会": ("江苏省人工智能学会", "Organization"),
             "南京": (REGION, "Place")}
    found = _subjects(text, names, earlier=[EXPO])
    assert _only_subjects(found) == {"五届": EXPO.key}


def test_figures_of_a_signing_session_belong_to_the_event() -> None:
    text = "在重大项目集中签约环节，40个项目现场签约，总金额360亿元，涵盖算力、机器人等领域。"
    found = _subjects(text, {}, earlier=[EXPO])
    assert _only_subjects(found) == {"40个": EXPO.key, "360亿元": EXPO.key}
    assert found["40个"][1] == "event-frame"


def test_a_frame_word_without_any_event_gives_no_subject() -> None:
    found = _subjects("仪式上，7家企业现场签约落户。", {})
    assert _only_subjects(found) == {"7家": REGION}


def test_on_the_spot_figures_belong_to_the_side_event() -> None:
    text = "同期举办的算力供需对接会上，市工业和信息化局发布了首批30个应用场景清单，现场促成合作意向60项。"
    found = _subjects(text, {"算力供需对接会": (MATCHING.key, "Event"),
                             "市工业和信息化局": ("南京市工业和信息化局", "GovernmentBody")}, earlier=[EXPO])
    assert _only_subjects(found) == {"30个": "南京市工业和信息化局", "60项": MATCHING.key}
    assert found["60项"][1] == "at-event"


def test_a_count_that_starts_a_name_is_a_category_not_the_subject() -> None:
    text = "博览会将持续至5月20日，期间还将举办具身智能、低空经济等6场平行论坛。"
    found = _subjects(text, {"6场平行论坛": ("6场平行论坛", "Event")}, earlier=[EXPO, MATCHING])
    assert _only_subjects(found) == {"6场": EXPO.key}


# --------------------------------------------------------------------------- companies and products

COMPANY = Entity("南京云岫机器人有限公司", "Company", alt_labels={"云岫机器人"}, sentences={0, 1, 2, 3})


def test_the_investors_are_not_what_the_valuation_is_about() -> None:
    text = ("今年5月，云岫机器人完成B轮融资，融资金额8亿元，由紫峰创投基金领投、江宁产业引导基金跟投，"
            "投后估值超过60亿元。")
    names = {"云岫机器人": (COMPANY.key, "Company"), "紫峰创投基金": ("紫峰创投基金", "Fund"),
             "江宁产业引导基金": ("江宁产业引导基金", "Fund")}
    found = _subjects(text, names, earlier=[COMPANY])
    assert _only_subjects(found) == {"8亿元": COMPANY.key, "超过60亿元": COMPANY.key}


def test_a_bare_company_anaphor_is_the_company_of_the_article() -> None:
    other = Entity("栖霞精工", "Company", sentences={3})
    text = "公司预计，2026年全年交付量有望突破5000台，营业收入同比增长80%以上。"
    found = _subjects(text, {}, earlier=[COMPANY, other])  # both last named in sentence 3: the one named most
    assert _only_subjects(found) == {"突破5000台": COMPANY.key, "80%以上": COMPANY.key}


def test_a_described_product_opens_its_clause() -> None:
    text = "上一代产品“云岫M1”已部署于多家车企的总装车间，累计部署超过500台。"
    found = _subjects(text, {"“云岫M1”": ("云岫M1", "Robot")}, earlier=[COMPANY])
    assert _only_subjects(found) == {"超过500台": "云岫M1"}
    assert found["超过500台"][1] == "carried-described-head"


def test_a_company_described_by_its_cluster_and_trade() -> None:
    text = "集群内整机企业栖霞精工的工业机器人年出货量超过1万台。"
    found = _subjects(text, {"栖霞精工": ("栖霞精工", "Company")})
    assert _only_subjects(found) == {"超过1万台": "栖霞精工"}


def test_a_company_introduced_by_what_it_makes() -> None:
    text = "研发激光雷达的秦淮感知拟投资9亿元，在园区北区建设研发生产基地，用地约60亩；"
    found = _subjects(text, {"秦淮感知": ("秦淮感知", "Company"), "研发生产基地": ("研发生产基地", "Venue")})
    assert _only_subjects(found) == {"9亿元": "秦淮感知", "约60亩": "研发生产基地"}


def test_a_count_inside_the_relative_clause_of_a_name() -> None:
    text = ("此外，由云岫机器人牵头，联合东南工学院、"
            "栖霞精工等15家单位组建的南京具身智能创新联合体已于4月揭牌。")
    names = {"云岫机器人": (COMPANY.key, "Company"), "东南工学院": ("东南工学院", "Organization"),
             "栖霞精工": ("栖霞精工", "Company"),
             "南京具身智能创新联合体": ("南京具身智能创新联合体", "InnovationCenter")}
    found = _subjects(text, names, earlier=[COMPANY])
    assert found["15家"] == ("南京具身智能创新联合体", "relative-head")


# --------------------------------------------------------------------------- parks and what they build

PARK = Entity("南京麒麟人工智能产业园", "IndustrialPark", alt_labels={"麒麟人工智能产业园"},
              sentences={0, 1, 2})


def test_what_a_clause_builds_owns_the_next_figures() -> None:
    text = "其中，澜石数科与江宁开发区签约建设紫金智算中心，投资额约30亿元，规划算力2000P；"
    names = {"澜石数科": ("澜石数科", "Company"), "江宁开发区": ("江宁开发区", "IndustrialPark"),
             "紫金智算中心": ("紫金智算中心", "Infrastructure")}
    found = _subjects(text, names)
    assert _only_subjects(found) == {"约30亿元": "紫金智算中心", "2000P": "紫金智算中心"}
    assert found["约30亿元"][1] == "carried-built-object"


def test_a_built_object_is_not_carried_past_a_clause_without_figures() -> None:
    text = "规划建设麒麟人工智能产业园，推动产业集聚发展，市级财政每年给予5000万元支持园区公共平台建设。"
    found = _subjects(text, {"麒麟人工智能产业园": (PARK.key, "IndustrialPark")})
    assert _only_subjects(found) == {"5000万元": REGION}


def test_a_facility_inside_the_park_owns_its_figures_and_the_operator_is_an_agent() -> None:
    text = ("配套方面，园区内的麒麟智算中心一期已上线运行，算力规模达到800P，由澜石数科负责运营，"
            "目前为园区60余家企业提供服务。")
    names = {"麒麟智算中心": ("麒麟智算中心", "Infrastructure"), "澜石数科": ("澜石数科", "Company")}
    found = _subjects(text, names, earlier=[PARK])
    assert _only_subjects(found) == {"800P": "麒麟智算中心", "60余家": "麒麟智算中心"}


def test_the_park_anaphor_still_holds_without_a_named_facility() -> None:
    found = _subjects("园区内企业今年累计申请专利300余件。", {}, earlier=[PARK])
    assert _only_subjects(found) == {"300余件": PARK.key}


# --------------------------------------------------------------------------- 席

def test_seats_on_a_list_are_a_count() -> None:
    (q,) = find_quantities("榜单中，南京企业占据28席，澜石数科位列榜首。")[:1]
    assert (q.value, q.unit, q.counter, q.text) == (28, "count", "席", "28席")
    found = _subjects("榜单中，南京企业占据28席。", {"南京": (REGION, "Place")}, region="苏州市")
    assert _only_subjects(found) == {"28席": REGION}


def test_a_seat_idiom_is_no_figure() -> None:
    assert find_quantities("在全国算力版图中占有一席之地。") == []


def test_a_generic_company_count_is_not_the_company_of_the_article() -> None:
    found = _subjects("公司数量达到1200家，较上年增加150家。", {}, earlier=[COMPANY])
    assert _only_subjects(found) == {"1200家": REGION, "150家": REGION}


def test_a_counted_category_after_a_list_is_no_enumerated_place() -> None:
    text = "截至2025年底，累计建成智能工厂、数字化车间300余个。"
    found = _subjects(text, {"智能工厂": ("智能工厂", "Venue"), "数字化车间": ("数字化车间", "Venue")})
    assert _only_subjects(found) == {"300余个": REGION}
