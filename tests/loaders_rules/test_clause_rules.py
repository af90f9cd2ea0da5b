"""Clause rules written in code (loaders/relation_frames.py, loaders/by_phrases.py): each on an
invented sentence, with the reading it must not give."""

from __future__ import annotations

import pytest

from ecokg.loaders.news_loader import NewsArticleLoader
from tests.loaders_rules.conftest import relations


def test_the_head_of_an_investment_clause_settles_not_the_investor(loader: NewsArticleLoader) -> None:
    rels = relations(loader, "岚峰集团投资48亿元建设的云岭智算产业园落户江岸区。")
    assert ("云岭智算产业园", "establishedBy", "岚峰集团") in rels, rels
    assert ("云岭智算产业园", "locatedIn", "江岸区") in rels, rels
    assert ("岚峰集团", "locatedIn", "江岸区") not in rels, rels


def test_companies_that_settle_themselves_are_located(loader: NewsArticleLoader) -> None:
    rels = relations(loader, "岚峰集团和澄海科技签约落户江岸区。")
    assert {("岚峰集团", "locatedIn", "江岸区"), ("澄海科技", "locatedIn", "江岸区")} <= rels, rels


def test_the_owner_of_the_agent_is_no_agent(loader: NewsArticleLoader) -> None:
    rels = relations(loader, "江岸智算中心将由澄海数据集团下属的云岭算力科技有限公司负责运营。")
    assert ("江岸智算中心", "operatedBy", "云岭算力科技有限公司") in rels, rels
    assert ("江岸智算中心", "operatedBy", "澄海数据集团") not in rels, rels
    assert ("云岭算力科技有限公司", "partOf", "澄海数据集团") in rels, rels


def test_maintained_by_is_operated_by(loader: NewsArticleLoader) -> None:
    rels = relations(loader, "江岸智算中心投入使用，中心由岚峰数据集团负责运维。")
    assert ("江岸智算中心", "operatedBy", "岚峰数据集团") in rels, rels


def test_handed_over_to_an_operator(loader: NewsArticleLoader) -> None:
    rels = relations(loader,
                      "江岸智算中心已投用，中心由岚峰数字集团投资建设、交由澄海数据科技有限公司运营。")
    assert ("江岸智算中心", "operatedBy", "澄海数据科技有限公司") in rels, rels
    assert ("岚峰数字集团", "operatedBy", "澄海数据科技有限公司") not in rels, rels


def test_a_part_supplied_for_a_product_goes_to_the_company_the_passage_is_about(
        loader: NewsArticleLoader) -> None:
    text = ("岚鲸科技推出了“鲸眼R2”巡检机器人。岚鲸科技今年营收增长。客户澄江物流有限公司采购了40台。"
            "“鲸眼R2”的关节电机由澄海动力供应。")
    rels = relations(loader, text)
    assert ("澄海动力", "suppliesTo", "岚鲸科技") in rels, rels



def test_a_second_by_phrase_runs_the_same_thing_and_its_owner_is_named(loader: NewsArticleLoader) -> None:
    text = "云杉产业园位于江岸开发区，由岚峰发展有限公司投资建设，并由其下属的云杉园区运营公司负责日常运营。"
    rels = relations(loader, text)
    assert ("云杉产业园", "operatedBy", "云杉园区运营公司") in rels, rels
    assert ("云杉园区运营公司", "partOf", "岚峰发展有限公司") in rels, rels
    assert ("岚峰发展有限公司", "operatedBy", "云杉园区运营公司") not in rels, rels


def test_the_park_anaphor_skips_the_zone_a_park_lies_in(loader: NewsArticleLoader) -> None:
    text = "云杉产业园位于江岸经济技术开发区南片。在园区里，岚鲸智能科技有限公司签约入驻园区。"
    rels = relations(loader, text)
    assert ("岚鲸智能科技有限公司", "locatedIn", "云杉产业园") in rels, rels


def test_a_gloss_after_a_name_and_a_product_anaphor_leave_the_frames_whole(loader: NewsArticleLoader) -> None:
    text = ("在车间里，“云豹”表面检测系统正在运转。这套系统由岚钛智能科技有限公司（Lantai AI）开发，"
            "目前已部署于澄海钛材股份有限公司。")
    rels = relations(loader, text)
    assert ("云豹", "developedBy", "岚钛智能科技有限公司") in rels, rels
    assert ("云豹", "deployedAt", "澄海钛材股份有限公司") in rels, rels


def test_a_company_title_after_a_quote_names_the_head_of_the_company_the_piece_is_about(
        loader: NewsArticleLoader) -> None:
    text = ("岚鲸智能科技有限公司成立于2019年。岚鲸智能科技有限公司推出了“鲸语”大模型。"
            "“那时候我们就想做AI。”董事长唐睿回忆。")
    rels = relations(loader, text)
    assert ("岚鲸智能科技有限公司", "ledBy", "唐睿") in rels, rels


def test_a_bare_company_word_refers_to_the_company_named_before(loader: NewsArticleLoader) -> None:
    rels = relations(loader, "岚鲸智能科技有限公司成立于2019年。公司推出了“鲸眼”巡检机器人。")
    assert ("鲸眼", "developedBy", "岚鲸智能科技有限公司") in rels, rels


def test_every_agent_joined_by_lianhe_builds_it(loader: NewsArticleLoader) -> None:
    text = "会上为江岸人工智能创新中心揭牌。该创新中心由北岭学院联合岚峰智驾、澄海数联共同组建。"
    rels = relations(loader, text)
    assert {("江岸人工智能创新中心", "establishedBy", "北岭学院"),
            ("江岸人工智能创新中心", "establishedBy", "岚峰智驾"),
            ("江岸人工智能创新中心", "establishedBy", "澄海数联")} <= rels, rels


def test_a_project_that_settles_a_clause_after_its_company(loader: NewsArticleLoader) -> None:
    rels = relations(loader, "其中，岚峰智驾科技有限公司总部项目投资15亿元，落户江岸高新区。")
    assert ("岚峰智驾科技有限公司", "locatedIn", "江岸高新区") in rels, rels


def test_women_without_an_introduced_speaker_refers_to_nobody(loader: NewsArticleLoader) -> None:
    """我们 is the body the speaker was introduced with (X局局长Y); with none, no relation is guessed."""
    got = relations(loader, "澄海数据集团发布了新平台。我们和江岸理工学院共建了江岸人工智能产业学院。")
    assert ("江岸人工智能产业学院", "establishedBy", "澄海数据集团") not in got, got
    got = relations(loader, "澄海数据集团董事长何砚青说，我们和江岸理工学院共建了江岸人工智能产业学院。")
    assert ("江岸人工智能产业学院", "establishedBy", "澄海数据集团") in got, got


def test_partners_joined_by_a_lead_found_what_they_form(loader: NewsArticleLoader) -> None:
    got = relations(loader, "由岚峰数科牵头，联合北疆云图、澄海机器人等23家单位组建的云岭产业联盟成立。")
    made = "云岭产业联盟"
    assert {(made, "establishedBy", x) for x in ("岚峰数科", "北疆云图", "澄海机器人")} <= got, got
    assert (made, "ledBy", "北疆云图") not in got, got


@pytest.mark.parametrize(("text", "expected"), [
    ("其中，岚峰具身科技研发的“云犬”四足巡检机器人，搭载了澄海传感的六轴惯性测量单元，已在产线巡检。",
     ("澄海传感", "suppliesTo", "岚峰具身科技")),
    ("这台名为“鹰眼-3”的机器人由本地企业岚峰机器人研发。“鹰眼-3”搭载的激光检测模组由淄博企业澄海传感配套。",
     ("澄海传感", "suppliesTo", "岚峰机器人")),
])
def test_the_maker_of_a_part_supplies_the_products_maker(loader: NewsArticleLoader, text: str,
                                                         expected: tuple) -> None:
    assert expected in relations(loader, text)


def test_a_company_a_product_only_uses_is_no_supplier(loader: NewsArticleLoader) -> None:
    got = relations(loader, "岚峰具身科技研发的“云犬”机器人已在澄海传感的车间巡检。")
    assert ("澄海传感", "suppliesTo", "岚峰具身科技") not in got, got


def test_a_maker_that_proposed_a_solution_developed_it(loader: NewsArticleLoader) -> None:
    got = relations(loader, "在各揭榜方案中，岚峰视觉提出的“本草眼”饮片智能分拣系统识别准确率达到98.5%。")
    assert ("本草眼", "developedBy", "岚峰视觉") in got, got


@pytest.mark.parametrize(("text", "expected"), [
    # the mayor of a place leads its people's government, when the article names it
    ("2026德州人工智能大会由德州市人民政府主办。德州市市长欧阳岚在致辞中介绍了情况。",
     ("德州市人民政府", "ledBy", "欧阳岚")),
    ("会上，德州市人民政府与岚峰集团签署协议。德州市委副书记、市长易知行在致辞中表示将设立基金。",
     ("德州市人民政府", "ledBy", "易知行")),
    # a short name declared in brackets between the company and its leader's title
    ("岚峰湖畔智能装备有限公司（以下简称“湖畔智能”）总经理邵启帆告诉记者，关节已在本地配套。",
     ("岚峰湖畔智能装备有限公司", "ledBy", "邵启帆")),
    # a company's leader named in the clause after the company
    ("岚海智航科技有限公司成立于2019年，创始人、董事长申屠远此前在港口领域工作了十五年。",
     ("岚海智航科技有限公司", "ledBy", "申屠远")),
])
def test_leaders_named_by_their_office(loader: NewsArticleLoader, text: str, expected: tuple) -> None:
    assert expected in relations(loader, text)


def test_a_leader_after_two_organizations_leads_neither(loader: NewsArticleLoader) -> None:
    got = relations(loader, "岚海智航科技有限公司与澄海集团有限公司签约，董事长申屠远出席。")
    assert not any(p == "ledBy" for _, p, _ in got), got
