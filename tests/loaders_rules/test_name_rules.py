"""Entity-recognition rules written in code (not data): each on an invented sentence, with the
case it must not fire on."""

from __future__ import annotations

import pytest

from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document


def _entities(loader: NewsArticleLoader, text: str) -> dict[str, str]:
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    return {e.label: e.cls for e in ex.entities.values()}


@pytest.mark.parametrize(("text", "name", "cls"), [
    ("九江市工信局公布名单，庐山视觉的质检系统入选。", "庐山视觉", "Company"),  # county short form + suffix
    # 帮 bounds
    ("最初只做一件事：帮青禾锂电新能源有限公司解决缺陷漏检。", "青禾锂电新能源有限公司", "Company"),
    # a campus
    ("岚港机器人由哈尔滨工业大学（威海）海洋工程团队创办。", "哈尔滨工业大学（威海）", "Organization"),
    # a county's short form before a zone is the zone's own place prefix (not replaced by the city)
    ("山东省德州市齐河县来说，产业的主要承载地是齐河经济开发区。", "齐河经济开发区", "IndustrialPark"),
    # 国企 bounds
    ("齐河经济开发区由县属国企岚川发展集团有限公司投资建设。", "岚川发展集团有限公司", "Company"),
    # place + brand + suffix
    ("南通市工信局公布名单，启东瀚洋生物医药入选名单。", "启东瀚洋生物医药", "Company"),
    ("土默特左旗和托克托县的牧场用上了无人机。", "土默特左旗", "Place"),  # county-level divisions
    # a county-level city of the region
    ("泉州市企业众多，比如晋江的闽织智能推出了新品。", "晋江市", "Place"),
    ("温州数智港现已入驻阿里云区域创新中心。", "阿里云区域创新中心", "InnovationCenter"),  # 区域 is a word
    ("岚峰智能科技有限公司申报的“云雀焊缝质检系统”入选。", "云雀焊缝质检系统", "Product"),  # own head
    ("2026中国（鹤壁）智能制造大会在淇滨区开幕。", "2026中国（鹤壁）智能制造大会", "Event"),  # host city
    ("由鹤壁市人民政府和淇县人民政府共同出资设立基金。", "淇县人民政府", "GovernmentBody"),  # two bodies
    ("鹤壁城市算力中心采用华为昇腾芯片。", "华为", "Company"),  # a short known name before another known name
    ("已在三一重工长沙产业园的车间使用。", "三一重工", "Company"),  # a known name inside a name
    ("岚岳特钢与北岭大学联合开发了钢铁大模型。", "岚岳特钢", "Company"),  # an industry suffix
    # a maker before a generic product
    ("云岭智能、岚川精密谐波减速器等零部件进入供应链。", "岚川精密", "Company"),
    # a city in brackets
    ("东方云岭（德阳）智能科技有限公司成立。", "东方云岭（德阳）智能科技有限公司", "Company"),
    # 国有 is no 有
    ("由岚峰集团和滨江国有资本投资运营有限公司共建。", "滨江国有资本投资运营有限公司", "Company"),
    ("由岚峰集团、澄川智算科技和北岭大学共建。", "澄川智算科技", "Company"),  # the longest brand + suffix
    ("“小岚”的大脑是SkyReef自研的对话模型Reef-2。", "SkyReef", "Company"),  # a Latin maker before 自研的
    ("岚峰科技发布了对话模型“云杉”。", "云杉", "AIModel"),  # a quoted name after 模型
    ("岚峰科技董事长韩若谷表示，订单已排满。", "韩若谷", "Person"),  # a name ending like a park (谷)
    ("岚峰科技与北岭学院共建实验室。", "北岭学院", "Organization"),  # a college of its own name
    ("岚峰科技与北岭大学计算机学院共建实验室。", "北岭大学计算机学院", "Organization"),  # a school
    ("岚峰科技推出“云析”评论分析平台。", "云析", "Platform"),  # a descriptor before a platform head
    ("岚峰科技与北岭大学共建江岸市人工智能与智能制造研究院。", "江岸市人工智能与智能制造研究院",
     "InnovationCenter"),  # 与 between two sector words
    ("中国（江苏）自由贸易试验区苏州片区管委会发布计划。", "中国（江苏）自由贸易试验区苏州片区管委会",
     "GovernmentBody"),  # 由 inside 自由 bounds nothing
    ("华为昇腾（德阳）人工智能生态创新中心揭牌。", "华为昇腾（德阳）人工智能生态创新中心",
     "InnovationCenter"),  # 华为's 为
    # the longest head; 建有 ends a name
    ("园区建有人工智能应用场景展示厅。", "人工智能应用场景展示厅", "Venue"),
    ("对新引进企业按注册资本的2%给予落户奖励，单个企业最高500万元。", "落户奖励", "Subsidy"),  # after 给予
    ("由云岭研究院与本地企业松涛数智联合研发的文物大模型发布。", "松涛数智", "Company"),  # 联 of 联合
    # 对 inside a common word (对接) bounds nothing
    ("8月2日，2026云岭人工智能与装备产业对接大会在云岭举行。", "2026云岭人工智能与装备产业对接大会", "Event"),
    ("岚峰数科投资2亿元在云岭设立油气行业大模型研发中心。", "油气行业大模型研发中心", "InnovationCenter"),
    ("位于云岭经开区的云岭智能网联汽车测试场同日揭牌。", "云岭智能网联汽车测试场", "Venue"),
    ("该基地由县属国资企业云岭数智城市运营有限公司负责运营。", "云岭数智城市运营有限公司", "Company"),
    ("园区由云岭智谷建设发展有限公司负责开发和运营。", "云岭智谷建设发展有限公司", "Company"),  # 建设 inside
    # a quoted name after a 系统 descriptor; 凭借 bounds the company before it
    ("云岭区的岚屿智能凭借集装箱智能识别系统“鹭眼”位列榜首。", "鹭眼", "Product"),
    ("云岭区的岚屿智能凭借集装箱智能识别系统“鹭眼”位列榜首。", "岚屿智能", "Company"),
    # a name glossed in English: 2+ capitalized words in brackets after it
    ("另一家走向海外的企业是岚溪智矿（Lanxi MineMind）。", "岚溪智矿", "Company"),
    ("本轮由泊峰资本（Cypress Peak Capital）领投。", "泊峰资本", "Company"),
    ("机器人眼睛里的深度相机TV-Scan 3来自青禾视觉。", "TV-Scan 3", "Product"),  # a Latin name after 相机
    # 据 opening a source clause is no part of the name
    ("据云岭高新区管委会统计，区内企业58家。", "云岭高新区管委会", "GovernmentBody"),
    ("依托江岸高新区建设云杉人工智能创新港。", "云杉人工智能创新港", "IndustrialPark"),
    ("应用单位：江岸市舜耕实验学校", "江岸市舜耕实验学校", "Organization"),
    ("“良知”文博大模型已在良渚博物院等12家文博场馆上线。", "良渚博物院", "Venue"),
    # a descriptor that begins with a word that is no product tail (城市) before 系统
    ("岚峰智驾科技有限公司的“径山-D3”城市领航辅助驾驶系统实现量产上车。", "径山-D3", "Product"),
    ("公司由常思齐（Sage Chang）于2021年创办。", "常思齐", "Person"),  # a person's name glossed
    ("核心产品叫“晶眸”，是一套电芯外观缺陷检测系统。", "晶眸", "Product"),  # named with 叫
    ("领投方是江岸金江投资集团，老股东川江创投继续跟投。", "川江创投", "Company"),
    ("该研究院由江岸大学共建，院长为柏知秋。", "柏知秋", "Person"),  # a title, 为, a name
    ("澜睿的主力产品是嵌入式视觉模组Lumora EyeCore 5。", "Lumora EyeCore 5", "Product"),  # a version
    ("它推出的茶叶分级设备TeaLens Grader X1基于Dabie-7B开发。", "TeaLens Grader X1", "Product"),
    ("该机器人的激光雷达来自深圳的Aurorix Sensing。", "Aurorix Sensing", "Company"),
    ("另一家企业江岸茗眸智能科技有限公司瞄准茶叶。", "江岸茗眸智能科技有限公司", "Company"),  # 一家 before
    ("这里也是邢台智能装备产业链的“链主”所在地。", "邢台智能装备产业链", "IndustryCluster"),
    # people named without a title before them: who speaks, who holds an office, who leads
    ("“刚回江岸的时候，很多人觉得是烧钱。”鲁望川说。", "鲁望川", "Person"),
    ("岚峰智能科技有限公司成立于2021年，闵晓岚现任公司首席技术官。", "闵晓岚", "Person"),
    ("站在田埂上的鲁望川今年41岁，是岚峰智能的创始人、董事长兼首席执行官。", "鲁望川", "Person"),
    ("本轮由岚峰创业投资有限公司领投，滇中星河资本跟投。", "滇中星河资本", "Company"),  # an investor
    ("澄江市天使投资引导基金和骆马湖创投参与了投资。", "骆马湖创投", "Company"),
    ("应用单位：江岸市12345政务服务便民热线中心", "江岸市12345政务服务便民热线中心", "GovernmentBody"),
    ("基于衡焰智能的“焰算”燃烧优化模型，实时调节风煤配比。", "焰算", "AIModel"),  # a descriptor + 模型
    ("行淮科技投放“淮小递”L4级无人配送车20辆。", "淮小递", "Product"),
    ("书香智教的课堂行为分析平台覆盖48间教室。", "课堂行为分析平台", "Platform"),  # 为 inside 行为
    ("岚海智航科技有限公司成立于2019年，创始人、董事长申屠远此前在港口工作。", "申屠远", "Person"),  # 申屠
    ("由江岸市大数据管理中心统筹建设平台。", "江岸市大数据管理中心", "GovernmentBody"),
    ("江岸煤化安全AI监测中心揭牌。", "江岸煤化安全AI监测中心", "InnovationCenter"),
    ("江岸算力调度中心已投运。", "江岸算力调度中心", "Infrastructure"),
    # a legal name followed by the list's count (A、B3家企业) is still a name
    ("岚峰电子有限公司、澄海智能终端有限公司2家企业被评为标杆企业。", "澄海智能终端有限公司", "Company"),
    # a quoted name before a descriptor with Latin letters and a product head
    ("岚峰智芯研发的“云杉视界”PCB缺陷检测系统投入使用。", "云杉视界", "Product"),
    # a name after an organization field's label, without a suffix of its own
    ("江岸安全AI监测中心（依托单位：澄海智安）", "澄海智安", "Company"),
    ("确定“焦炉智能配煤”等6个项目为揭榜挂帅项目。", "焦炉智能配煤", "Program"),  # a counted project
    # the issuer of a list after 入选 is no part of the title
    ("园区入选江岸省发展和改革委员会公布的第四批省级数字经济集聚区。", "江岸省发展和改革委员会",
     "GovernmentBody"),
])
def test_recognized(loader: NewsArticleLoader, text: str, name: str, cls: str) -> None:
    found = _entities(loader, text)
    assert found.get(name) == cls, found


def test_a_quoted_abbreviation_that_is_a_class_word_names_the_full_name(loader: NewsArticleLoader) -> None:
    text = "云岭旅顺南路人工智能产业园（以下简称“产业园”）位于江岸区。产业园已引进企业46家。"
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    parks = [e for e in ex.entities.values() if e.cls == "IndustrialPark"]
    assert [p.label for p in parks] == ["云岭旅顺南路人工智能产业园"], [p.label for p in parks]


@pytest.mark.parametrize(("text", "name"), [
    ("推动晋江智能制造发展。", "晋江智能"),  # the suffix begins a sector word
    ("绍兴市副市长周沐川出席。", "沐川县"),  # a county's short form outside its city is a given name
    ("绍兴市滨海工业区已集聚企业。", "滨海县"),  # … or another place
    ("着力构建以云岭产业园为主承载区的格局。", "主承载区"),  # a zone named by its function
    ("一台机器人需要的关节、减速器、传感器和控制器都能配齐。", "减速器"),  # a bare head is no name
    ("岚峰智能是澄海电气集团的全资子公司。", "全资子公司"),  # a generic relation word
    ("近日，苏州市工业和信息化局会同苏州市财政局印发《措施》。", "会同县"),  # 会同 is a verb here
    ("现场，青禾机器人的四足巡检机器人RoverX吸引了观众。", "四足巡检机器人"),  # a description, no company
    ("岚峰数智发布的工业大模型CloudMind基于通义千问训练。", "工业大模型"),  # a description before a name
    ("对新购置智能装备的企业给予补贴。", "新购置智能"),  # common words in a row are no brand
    ("已应用于万山海洋开发试验区的海洋牧场。", "万"),  # a bare 万 is no figure
    ("温州数智港现已入驻阿里云区域创新中心。", "阿里云区"),
    ("首批入驻企业有岚峰智能科技有限公司等11家，此后澄海数据集团等相继落户。", "等相继落户"),
    ("对人工智能大会给予补贴。", "对人工智能大会"),  # 对 as a preposition still bounds
    ("产品销往欧洲（European Union）。", "产品销往欧洲"),  # common words glossed are no name
    ("它进入了智利矿业公司Cordillera Copper的铜矿。", "智利矿业公司"),  # a description of a Latin name
    ("全年兑现各类奖补资金1.6亿元。", "类奖补资金"),  # 各类 bounds
    ("公司建设了生产线，主打产品“鹭行AMR-300”仓储分拣机器人。", "主打产品"),  # no maker's name
    ("它基于开源大模型开发，也用到了能源大模型。", "源2.0"),  # 源大模型 inside 开源大模型, 能源大模型
    ("专家认为，江岸汽车产业链配套基础好。", "江岸汽车产业链"),  # a chain without its 链长/链主
    ("让“澄江制造”带着中国模型走向海外。", "澄江制造"),  # a verb phrase is no descriptor before 模型
    ("比方说岚峰智控科技有限公司，这家企业做控制系统。", "比方说岚峰智控科技有限公司"),  # 比方说 bounds
    ("经专家评审，现确定云岭智能研究院等5家单位为创新平台。", "现确定云岭智能研究院"),  # 确定 bounds
])
def test_not_recognized(loader: NewsArticleLoader, text: str, name: str) -> None:
    found = _entities(loader, text)
    assert not any(label == name or label.endswith(f" {name}") for label in found), found


def test_the_region_put_before_a_name_is_the_name_with_the_region_inside(loader: NewsArticleLoader) -> None:
    found = _entities(loader, "松涛鹤壁数据中心位于鹤壁经开区。鹤壁市新建项目中，松涛数据中心规划机架4万架。")
    assert "松涛鹤壁数据中心" in found and "鹤壁松涛数据中心" not in found, found


def test_a_full_company_name_implies_its_short_name(loader: NewsArticleLoader) -> None:
    text = "山东岚辰智能装备有限公司生产焊装机器人。今年，岚辰智能的出货量突破1100台。"
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    ent = next(e for e in ex.entities.values() if e.label == "山东岚辰智能装备有限公司")
    assert "岚辰智能" in ent.alt_labels and len(ent.sentences) == 2, (ent.alt_labels, ent.sentences)


def test_a_list_item_defines_the_name_before_its_colon(loader: NewsArticleLoader) -> None:
    text = ("论坛现场发布了一批成果：\n- WaveLM 2.0：岚峰智能科技有限公司推出的海洋大模型，可用于海况预报；\n"
            "- Sea Compute Hub（云岭海洋智算枢纽）：澄海集团与云杉科技城共建的智算中心，首期算力400P。\n"
            "宋子衡：去年底投运的冰城智算中心，一期算力800P。")
    ents = _entities(loader, text)
    assert ents.get("WaveLM 2.0") == "AIModel" and ents.get("Sea Compute Hub") == "Infrastructure", ents
    assert "海洋大模型" not in ents and "云岭海洋智算枢纽" not in ents, ents  # a description, an alias
    assert "宋子衡" not in ents or ents["宋子衡"] == "Person", ents  # an interview answer defines nothing


def test_a_latin_brand_before_a_chinese_company_name_is_one_name(loader: NewsArticleLoader) -> None:
    ents = _entities(loader, "DeepWave深浪科技今年完成2亿元融资，MedArc骨科手术机器人获批上市。")
    assert ents.get("DeepWave深浪科技") == "Company", ents
    assert "MedArc骨科手术机器人" not in ents, ents  # a product after its brand, not a company


def test_an_english_gloss_in_brackets_names_nothing(loader: NewsArticleLoader) -> None:
    text = "2025云岭人工智能论坛（Yunling International Forum on AI and Ocean Technology）开幕。"
    assert not any("Technology" in n for n in _entities(loader, text))


def test_a_latin_model_and_its_versioned_name_are_one(loader: NewsArticleLoader) -> None:
    text = "DeepWave：懂航运的大模型\n\n岚峰科技的DeepWave-7B航运大模型已上线。"
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    models = [e for e in ex.entities.values() if e.label.startswith("DeepWave")]
    assert len(models) == 1 and "DeepWave" in models[0].alt_labels | {models[0].label}, models


@pytest.mark.parametrize("text", [
    "对获评国家级、省级人工智能产业园的，给予最高100万元奖励。",  # a category granted, no park
])
def test_a_levelled_category_is_no_name(loader: NewsArticleLoader, text: str) -> None:
    assert not any(n.startswith(("国家级", "省级")) for n in _entities(loader, text))


def test_a_title_after_a_company_is_no_latin_product(loader: NewsArticleLoader) -> None:
    ents = _entities(loader, "岚峰科技CEO唐睿介绍了新品。")
    assert "CEO" not in ents and ents.get("唐睿") == "Person", ents


def test_a_generic_phrase_before_a_quoted_product_is_no_maker(loader: NewsArticleLoader) -> None:
    ents = _entities(loader, "公司主打产品“云雀R3”仓储机器人已量产，这家公司成立于2019年。"
                             "高炉“炉火”系统上线。")
    assert ents.get("云雀R3") == "Robot" and "公司主打产品" not in ents and "这家公司" not in ents, ents
    assert "高炉" not in ents, ents


def test_a_short_name_that_begins_the_full_name_after_its_city_is_the_same_company(
        loader: NewsArticleLoader) -> None:
    ents = _entities(loader, "柳州岚鹭智能科技有限公司成立于2019年。岚鹭智能有两条产品线。")
    assert "岚鹭智能" not in ents and ents.get("柳州岚鹭智能科技有限公司") == "Company", ents




def test_a_count_before_a_platform_head_is_no_descriptor(loader: NewsArticleLoader) -> None:
    ents = _entities(loader, "园区设有“智能装备中试基地”和“人工智能场景展示厅”两个公共平台。")
    assert not any(v == "Platform" for v in ents.values()), ents


def test_a_name_in_the_other_script_in_brackets_is_another_name(loader: NewsArticleLoader) -> None:
    text = ("岚鲸科技（Bluewhale Technologies）成立于2021年。Bluewhale推出了“鲸眼”巡检机器人。"
            "外壳由代工厂SeaForge Precision（海铸精密）生产。")
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    names = {e.label: e for e in ex.entities.values()}
    assert "Bluewhale Technologies" not in names and "Bluewhale" not in names, sorted(names)
    assert {"Bluewhale Technologies", "Bluewhale"} <= names["岚鲸科技"].alt_labels
    label = {k: e.label for k, e in ex.entities.items()}
    assert ("鲸眼", "developedBy", "岚鲸科技") in {(label[r.subject], r.predicate, label[r.object])
                                                 for r in ex.relations}
    assert any("SeaForge Precision" in e.alt_labels for e in names.values()), names


def test_peitao_bounds_a_product_name(loader: NewsArticleLoader) -> None:
    ents = _entities(loader, "澄海精工为岚峰智能配套谐波减速器。")
    assert "配套谐波减速器" not in ents, ents



def test_a_name_given_a_short_form_and_its_short_mentions_are_one(loader: NewsArticleLoader) -> None:
    """X（以下简称“Y”）: a later mention of Y (the region's Y too) is X; 楚澜智能 is 楚澜智能科技; an official
    name with 新技术开发区 is the 高新区 of the same place."""
    text = ("这里就是云岭新技术开发区的滨湖智谷人工智能产业园（以下简称“滨湖智谷”）。"
            "滨湖智谷已入驻企业112家。云岭高新区把人工智能列为重点产业。楚澜智能科技入驻园区，楚澜智能计划今年交付200台。")
    found = _entities(loader, text)
    assert not any(k.endswith("滨湖智谷") for k in found), found
    assert sum(k.startswith("楚澜智能") for k in found) == 1, found
    assert sum("云岭" in k and k.endswith(("新技术开发区", "高新区")) for k in found) == 1, found


def test_a_brand_no_dictionary_knows_is_the_company_s_short_name(loader: NewsArticleLoader) -> None:
    text = "德州澜睿光电科技有限公司成立于2018年。今年10月，澜睿完成A+轮融资2亿元。"
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    subjects = {ex.entities[o.subject].label for o in ex.observations if o.subject and o.unit == "CNY"}
    assert subjects == {"德州澜睿光电科技有限公司"}, subjects
