"""由 X 建设运营 / 由 A 建设、B 运营 / 委托 X 负责运营 / 该中心位于…，由 X 建设: the agents of
passive clauses, on invented sentences, with the case each must not fire on."""

from __future__ import annotations

import pytest

from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document
from tests.loaders_rules.conftest import relations


@pytest.mark.parametrize(("text", "expected"), [
    ("云杉智算中心：由澄海数字产业集团建设运营，采用国产芯片。",
     {("云杉智算中心", "establishedBy", "澄海数字产业集团"),
      ("云杉智算中心", "operatedBy", "澄海数字产业集团")}),
    ("云杉智算中心揭牌，由澄海数据集团建设、中国移动江岸公司运营，首期算力500P。",
     {("云杉智算中心", "establishedBy", "澄海数据集团"), ("云杉智算中心", "operatedBy", "中国移动江岸公司")}),
    ("云杉智谷由江岸区管委会投资建设，委托澄海发展控股集团有限公司（以下简称“澄海发展”）负责运营。",
     {("云杉智谷", "operatedBy", "澄海发展控股集团有限公司")}),
    ("云杉智算中心已投运。该中心位于江岸经济技术开发区，由澄海数智集团（以下简称“数智集团”）投资建设并运营。",
     {("云杉智算中心", "establishedBy", "澄海数智集团"), ("云杉智算中心", "operatedBy", "澄海数智集团")}),
    ("云杉数智产业园已建成投用，该园由澄海城市建设投资集团有限公司投资建设，澄海数字产业运营有限公司负责运营。",
     {("云杉数智产业园", "establishedBy", "澄海城市建设投资集团有限公司"),
      ("云杉数智产业园", "operatedBy", "澄海数字产业运营有限公司")}),
])
def test_agents_of_passive_clauses(loader: NewsArticleLoader, text: str, expected: set) -> None:
    got = relations(loader, text)
    assert expected <= got, got


def test_the_place_of_a_where_phrase_is_not_what_was_built(loader: NewsArticleLoader) -> None:
    got = relations(loader, "云杉智算中心已投运。该中心位于江岸经济技术开发区，由澄海数智集团投资建设。")
    assert ("江岸经济技术开发区", "establishedBy", "澄海数智集团") not in got, got


def test_a_construction_builder_is_not_its_operator(loader: NewsArticleLoader) -> None:
    got = relations(loader, "云杉智算中心揭牌，由澄海数据集团建设、中国移动江岸公司运营。")
    assert ("云杉智算中心", "operatedBy", "澄海数据集团") not in got, got


@pytest.mark.parametrize(("text", "expected"), [
    # a verb inside a name (管理局) is no verb of the by-phrase
    ("2025云岭人工智能论坛开幕。论坛由云杉科技城管理局、青禾大学联合主办。",
     ("2025云岭人工智能论坛", "organizedBy", "云杉科技城管理局")),
    # 由X牵头设立…的Y: Y is established by X
    ("计划提出由云岭产业投资集团有限公司牵头设立规模10亿元的云岭市数字经济产业基金。",
     ("云岭市数字经济产业基金", "establishedBy", "云岭产业投资集团有限公司")),
    # 这座…的园区…，由X负责运营: the park the sentence is about
    ("从市区驱车半小时就到了云杉数智港。这座2021年开园的园区占地860亩，由岚峰投资发展有限公司负责运营。",
     ("云杉数智港", "operatedBy", "岚峰投资发展有限公司")),
    ("云杉数智产业园2021年动工建设，由岚峰投资控股集团有限公司负责开发和运营，规划用地1200亩。",
     ("云杉数智产业园", "operatedBy", "岚峰投资控股集团有限公司")),
    # a company's short name (its full name less place and legal form) is the company
    ("岚峰云脑科技股份有限公司入驻园区。岚峰云脑是园区的头部企业。该公司自主研发的“南岭”医疗大模型已部署于医院。",
     ("南岭", "developedBy", "岚峰云脑科技股份有限公司")),
    # 园区 after X位于Y: X, not the zone it lies in; 负责开发建设和招商运营: built and run
    ("云杉数字经济港位于云岭经济技术开发区东部。园区于2019年开工，由岚峰数港投资发展有限公司负责开发建设和招商运营。",
     ("云杉数字经济港", "operatedBy", "岚峰数港投资发展有限公司")),
    # 前者由X与Y共同组建: the first of the pair named before
    ("园区建有云杉人工智能公共服务平台和青禾中试基地，前者由岚峰城发集团与云岭海洋大学共同组建。",
     ("云杉人工智能公共服务平台", "establishedBy", "云岭海洋大学")),
    # 投资建设并负责运营: built and run; 位于A市B新区: the most specific place
    ("岚峰数智产业园位于湛江市海东新区核心区，由岚峰城市发展集团有限公司投资建设并负责运营。",
     ("湛江岚峰数智产业园", "operatedBy", "岚峰城市发展集团有限公司")),
    ("岚峰数智产业园位于湛江市海东新区核心区，由岚峰城市发展集团有限公司投资建设并负责运营。",
     ("湛江岚峰数智产业园", "locatedIn", "海东新区")),
    # 园区由X负责运营: the clause's anaphor, not the company listed before it
    ("云杉智能装备产业园已集聚岚峰智能、青禾视觉等企业53家，园区由云岭开发区城投有限公司负责运营。",
     ("云杉智能装备产业园", "operatedBy", "云岭开发区城投有限公司")),
])
def test_agents_of_by_phrases(loader: NewsArticleLoader, text: str, expected: tuple) -> None:
    assert expected in relations(loader, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("岚峰智能科技有限公司成立于2022年。公司创始人兼CEO唐睿（Ryan Tang）曾在德国工作八年。",
     ("岚峰智能科技有限公司", "ledBy", "唐睿")),
    ("岚峰智能科技有限公司成立于2022年。公司联合创始人兼CTO宋亦舟说，巡检效率提高了。",
     ("岚峰智能科技有限公司", "ledBy", "宋亦舟")),
    # a list of offices before the name
    ("岚峰智能科技有限公司创始人、董事长兼首席执行官唐睿是一名博士。",
     ("岚峰智能科技有限公司", "ledBy", "唐睿")),
    # 该公司 after a company named earlier in the same sentence: that company
    ("云岭机器人公司今年与园区签约。Rarebolt Robotics创始人邱立峰介绍，"
     "该公司的JM-9关节模组已进入云岭机器人公司的供应链。",
     ("JM-9关节模组", "developedBy", "Rarebolt Robotics")),
    # 其 after a list of the company's customers: the company the text is about
    ("岚峰智能科技有限公司成立于2019年。此后，该系统进入青禾电池、澄海储能等企业的供应链。"
     "其自主研发的“云雀G1”四足巡检机器人已在变电站上岗。",
     ("云雀G1", "developedBy", "岚峰智能科技有限公司")),
])
def test_leaders_named_with_their_office(loader: NewsArticleLoader, text: str, expected: tuple) -> None:
    assert expected in relations(loader, text)


@pytest.mark.parametrize(("text", "person"), [
    ("市长赵晓峰宣布，鹤壁市获批先导区。", "赵晓峰"),
    ("岚峰电池首席制造官邓强表示，项目全面达产。", "邓强"),
    ("电子信息产业科科长 邓闻溪　联系电话：0377-6000000", "邓闻溪"),
])
def test_persons_after_an_office(loader: NewsArticleLoader, text: str, person: str) -> None:
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    assert ex.entities.get(person) is not None and ex.entities[person].cls == "Person", sorted(ex.entities)


def test_a_government_opening_the_clause_is_not_what_the_by_phrase_builds(loader: NewsArticleLoader) -> None:
    text = ("云岭市江岸区人民政府发布总结。区财政安排专项资金3000万元；"
            "区政府牵头，由江岸区国有资产运营有限公司出资设立了规模5亿元的江岸区产业基金。")
    got = relations(loader, text)
    assert ("江岸区产业基金", "establishedBy", "江岸区国有资产运营有限公司") in got, got
    assert not any(p == "establishedBy" and s.endswith("人民政府") for s, p, _ in got), got
