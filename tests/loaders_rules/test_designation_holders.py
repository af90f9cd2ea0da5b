"""Who holds a title: the subject before 被…认定为 with a date between, an anaphor (园区, 公司, 我县)
before the 被-phrase. Invented sentences."""

from __future__ import annotations

import pytest

from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document


def _held(loader: NewsArticleLoader, text: str) -> set[tuple[str, str]]:
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label.get(d.holder, d.holder), d.title) for d in ex.designations}


@pytest.mark.parametrize(("text", "holder", "title"), [
    ("淳安县位于浙江西部。2022年，我县被浙江省经济和信息化厅认定为浙江省人工智能创新发展先导区。",
     "淳安县", "浙江省人工智能创新发展先导区"),
    ("云杉智谷位于江岸区。2023年12月，园区被四川省经济和信息化厅认定为第三批省级特色产业园区。",
     "云杉智谷", "第三批省级特色产业园区"),
    ("此前，新乡高新区已于今年9月被河南省工业和信息化厅认定为第二批“河南省人工智能产业特色园区”。",
     "新乡高新区", "第二批“河南省人工智能产业特色园区”"),
    ("岚峰智能科技有限公司成立于2016年。2019年，公司被认定为国家高新技术企业。",
     "岚峰智能科技有限公司", "国家高新技术企业"),
    # 园区 is a park (anaphora.yaml), not the computing centre named last
    ("云杉数字经济港位于江岸区，澄海智算中心已投运。今年3月，园区又被云岭省工业和信息化厅认定为云岭省首批数字经济示范园区。",
     "云杉数字经济港", "云岭省首批数字经济示范园区"),
    # A的“B”入选: the company whose quoted project is named
    ("岚辰智能装备有限公司的“汽车车身焊装智能产线”入选云岭省人工智能十大标杆场景。",
     "岚辰智能装备有限公司", "云岭省人工智能十大标杆场景"),
    # the subject of the sentence, a clause before the trigger, with a month in between
    ("岚峰数智科技有限公司是一家从新加坡回迁的企业，今年5月入选云岭省专精特新中小企业名单。",
     "岚峰数智科技有限公司", "云岭省专精特新中小企业名单"),
    ("云杉数智产业园已集聚岚峰智能、青禾视觉等68家企业，今年4月入选云岭省第二批未来产业先导区。",
     "云杉数智产业园", "云岭省第二批未来产业先导区"),
    # a bare head noun names the one named so before it
    ("云杉崖州湾科技城已集聚企业1100家。今年，科技城获批云岭省人工智能产业示范园区。",
     "云杉崖州湾科技城", "云岭省人工智能产业示范园区"),
    # who published the list is no part of its title
    ("岚峰智能科技有限公司入选了工业和信息化部等四部门联合公布的2025年度卓越级智能工厂名单。",
     "岚峰智能科技有限公司", "2025年度卓越级智能工厂名单"),
])
def test_holders(loader: NewsArticleLoader, text: str, holder: str, title: str) -> None:
    held = _held(loader, text)
    assert (holder, title) in held, held


def test_items_after_a_colon_hold_the_announced_list(loader: NewsArticleLoader) -> None:
    text = ("日前，云岭省工业和信息化厅公布了第二批云岭省人工智能领航企业名单。\n本次入选的企业分别是：\n"
            "- 岚峰智能科技有限公司\n- 青禾视觉科技有限公司\n")
    held = _held(loader, text)
    assert ("岚峰智能科技有限公司", "第二批云岭省人工智能领航企业") in held, held
    assert ("青禾视觉科技有限公司", "第二批云岭省人工智能领航企业") in held, held


@pytest.mark.parametrize("text", [
    "全省共62家企业入选，其中鹤壁有7家企业上榜，入选数量居全省第二位。",  # a count, not a title
    "另一家入选园区云杉科技城位于淇县，已吸引企业32家入驻。",  # a clause, not a title
    "对新获评省级领航企业的给予一次性奖励50万元。",  # a condition of a subsidy
    "对新入选省级人工智能产业重点企业的，市级财政再给予奖励。",  # a condition, the title ends in 的
])
def test_clauses_are_no_titles(loader: NewsArticleLoader, text: str) -> None:
    held = _held(loader, text)
    assert not any(w in t for _, t in held for w in ("数量", "位于", "给予")), held
    assert not any(t.endswith("的") for _, t in held), held


def test_every_name_of_a_list_before_the_trigger_holds_the_title(loader: NewsArticleLoader) -> None:
    held = _held(loader, "云杉经济技术开发区和北岭循环经济产业园被认定为2025年度江岸省“智赋万企”标杆园区。")
    assert {("云杉经济技术开发区", "2025年度江岸省“智赋万企”标杆园区"),
            ("北岭循环经济产业园", "2025年度江岸省“智赋万企”标杆园区")} <= held, held


def test_the_names_after_fenbie_shi_in_a_list_hold_its_title(loader: NewsArticleLoader) -> None:
    text = ("在第二批省级人工智能创新企业名单中，本市有3家企业位列其中，"
            "分别是岚峰智能科技有限公司、澄海数联和青禾视觉。")
    held = _held(loader, text)
    assert {("岚峰智能科技有限公司", "省级人工智能创新企业"), ("澄海数联", "省级人工智能创新企业"),
            ("青禾视觉", "省级人工智能创新企业")} <= held, held


def test_the_names_a_list_sentence_ends_with_hold_the_title_announced_before(
        loader: NewsArticleLoader) -> None:
    text = ("江岸市经济和信息化局公布了第二批“江岸市人工智能标杆企业”名单。云岭区共有3家企业上榜。"
            "云岭区的入选者覆盖大模型等方向，岚峰智能科技有限公司、澄海数联、青禾视觉等均在其列。")
    held = {h for h, _ in _held(loader, text)}
    assert {"岚峰智能科技有限公司", "澄海数联", "青禾视觉"} <= held and "云岭区" not in held, held


def test_a_place_before_its_count_or_its_companies_holds_nothing(loader: NewsArticleLoader) -> None:
    text = ("江岸省公布第二批人工智能示范名单。全省共有36家企业入选，其中云岭市入选14个。"
            "在“人工智能示范企业”类别中，云岭市的岚峰智能科技有限公司和澄海数联榜上有名。")
    held = {h for h, _ in _held(loader, text)}
    assert "云岭市" not in held and "岚峰智能科技有限公司" in held, held


def test_what_a_body_names_as_a_title_holds_it(loader: NewsArticleLoader) -> None:
    text = ("经专家评审，认定岚峰智能科技有限公司“云杉质检系统”等3个项目为"
            "2025年江岸市人工智能示范项目（第一批），认定云岭信息产业园、北岭科技产业园为江岸市人工智能特色产业园区。")
    held = _held(loader, text)
    parks = "江岸市人工智能特色产业园区"
    assert {("云岭信息产业园", parks), ("北岭科技产业园", parks),
            ("岚峰智能科技有限公司", "2025年江岸市人工智能示范项目")} <= held, held


def test_the_names_after_a_count_and_fenbie_shi_hold_the_list_announced_before(
        loader: NewsArticleLoader) -> None:
    text = ("另据江岸省工业和信息化厅公布的第三批省级人工智能应用先导企业名单，全省共40家企业入选，"
            "云岭市有3家，分别是：岚峰智能科技有限公司、澄海数联和青禾视觉。")
    held = _held(loader, text)
    title = "第三批省级人工智能应用先导企业"
    assert {("岚峰智能科技有限公司", title), ("澄海数联", title), ("青禾视觉", title)} <= held, held
    assert not any(h.startswith(("江岸省", "云岭市")) for h, _ in held), held


def test_numbered_items_under_a_list_heading_hold_the_list_announced_before(
        loader: NewsArticleLoader) -> None:
    """…公示了X名单，云岭共有3家企业的工厂入选 / 入选名单（云岭部分） / 1. A——工厂: each item's first name
    holds X; the place before its count holds nothing."""
    text = ("12月18日，江岸省工业和信息化厅公示了2024年江岸省智能制造示范工厂名单，"
            "云岭共有3家企业的工厂入选。\n入选名单（云岭部分）\n1. 岚峰重工集团——海洋装备智能焊接工厂\n"
            "2. 澄海新能源科技有限公司——动力电芯数字化工厂\n3. 青禾电机——高效电机黑灯工厂\n"
            "在这些工厂里，人工智能正成为标配，企业普遍引入了视觉检测和排产优化系统。")
    held = _held(loader, text)
    title = "2024年江岸省智能制造示范工厂"
    assert {("岚峰重工集团", title), ("澄海新能源科技有限公司", title)} <= held, held
    assert not any(h.startswith("云岭") for h, _ in held), held


def test_a_plaque_names_its_title_and_those_also_granted_hold_it(loader: NewsArticleLoader) -> None:
    text = ("会上，云杉科技城被长三角区域合作办公室授予“长三角人工智能产业协同发展示范园区”牌匾，"
            "同时获授的还有江岸工业园区人工智能产业园和北岭高新区中国光谷。")
    held = {h for h, t in _held(loader, text) if "示范园区" in t and not t.endswith("牌匾")}
    assert held == {"云杉科技城", "江岸工业园区人工智能产业园", "北岭高新区中国光谷"}, held


def test_a_list_heading_over_an_enumeration_ending_in_a_full_stop(loader: NewsArticleLoader) -> None:
    text = ("江岸市经济和信息化局认定岚峰机器人等3家企业为2026年度江岸市机器人产业重点培育企业。"
            "现将名单公布如下：\n"
            "一、机器人产业重点培育企业（共3家）\n"
            "江岸岚峰机器人科技有限公司、青禾伺服技术有限公司、澄海协作机器人。\n")
    held = {h for h, t in _held(loader, text) if t.endswith("机器人产业重点培育企业")}
    assert {"青禾伺服技术有限公司", "澄海协作机器人"} <= held, held


def test_what_is_determined_is_a_title_only_with_a_title_word(loader: NewsArticleLoader) -> None:
    """确定X为Y holds Y when Y is a title (a head word, a batch); 有关要求 is no list lead."""
    held = _held(loader, "按照有关要求，作为国家确定的8个枢纽节点之一，"
                         "云岭枢纽以江岸数据中心集群为核心承载区。")
    assert not held, held
    held = _held(loader, "经评审，确定江岸智算科技有限公司等2家企业为第三批云岭市算力服务标杆企业。")
    assert ("江岸智算科技有限公司", "云岭市算力服务标杆企业") in held, held


def test_a_list_with_its_count_before_the_trigger_holds_the_title_each(loader: NewsArticleLoader) -> None:
    """A、B、C3家企业被评为X: each; 云岭市12家企业入选X: not the place."""
    held = _held(loader, "岚峰电子有限公司、青禾线路板有限公司、澄海终端有限公司3家企业"
                         "被评为江岸省智能制造标杆企业。")
    assert {h for h, _ in held} == {"岚峰电子有限公司", "青禾线路板有限公司", "澄海终端有限公司"}, held
    held = _held(loader, "今年，云岭市12家企业入选江岸省智能制造标杆企业。")
    assert not any(h.startswith("云岭") for h, _ in held), held


def test_a_product_listed_in_a_catalogue_holds_it(loader: NewsArticleLoader) -> None:
    held = _held(loader, "岚峰智能推出了机器人“云豹”。今年9月，“云豹”入选江岸省经济和信息化厅公布的"
                         "首批具身智能创新产品目录。")
    assert ("云豹", "首批具身智能创新产品目录") in held or ("云豹", "具身智能创新产品目录") in held, held
