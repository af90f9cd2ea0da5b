"""Numerals and quantities: normalization, units, qualifiers, rankings, and what is not a figure."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.loaders.normalize import normalize_width
from ecokg.loaders.numbers import Quantity, find_quantities
from ecokg.loaders.numerals import parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("592.5", "592.5"), ("1,400", "1400"), ("1400", "1400"), ("十二", "12"), ("两千万", "20000000"),
    ("一百二十", "120"), ("三", "3"), ("六", "6"), ("〇点五", "0.5"), ("百分之十五点八", "15.8"),
    ("15.8%", "15.8"), ("4.6万", "46000"), ("592.5亿", "59250000000"), ("1.2万亿", "1200000000000"),
    ("3千", "3000"), ("１２３", "123"), ("４．６万", "46000"), ("十", "10"), ("一十", "10"),
    ("一百零五", "105"), ("一千零五十", "1050"), ("一万零一十", "10010"), ("三千五", "3500"),
    ("一万五", "15000"), ("三亿五千万", "350000000"), ("一万亿", "1000000000000"), ("二〇二五", "2025"),
    ("十五点八", "15.8"), ("一点二万", "12000"), ("2000万", "20000000"), ("-3.5", "-3.5"),
])
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text",
                         ["", "abc", "十百", "万万", "一一", "五G", "1.2.3", "点", "百分之", "%", "1e400"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_normalize_width_keeps_offsets() -> None:
    text = "营收１２３．５亿元，增长１５％"
    out = normalize_width(text)
    assert len(out) == len(text)
    assert out == "营收123.5亿元，增长15%"


def _one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("sentence", "value", "unit", "qualifier", "counter", "written"), [
    ("全市规上企业实现营业收入超592.5亿元", "59250000000", "CNY", "MoreThan", None, "超592.5亿元"),
    ("同比增长15.8%", "15.8", "percent", "Exactly", None, "15.8%"),
    ("同比增长15.8％", "15.8", "percent", "Exactly", None, "15.8％"),
    ("增幅达百分之十二点五", "12.5", "percent", "Exactly", None, "百分之十二点五"),
    ("园区汇聚了甲、乙等300余家重点企业", "300", "count", "MoreThan", "家", "300余家"),
    ("开通5G基站数4.6万个", "46000", "count", "Exactly", "个", "4.6万个"),
    ("标准机架总数近10万架", "100000", "count", "Approximately", "架", "近10万架"),
    ("时延将降低9.3毫秒", "9.3", "ms", "Exactly", None, "9.3毫秒"),
    ("培育大模型产品70余个", "70", "count", "MoreThan", "个", "70余个"),
    ("规划建设千亩级产业园", "1000", "mu", "Approximately", None, "千亩级"),
    ("每年给予1亿元支持", "100000000", "CNY", "Exactly", None, "1亿元"),
    ("每年总额最高2000万元的奖补政策", "20000000", "CNY", "AtMost", None, "最高2000万元"),
    ("单个企业最高可获得500万元补贴", "5000000", "CNY", "AtMost", None, "最高可获得500万元"),
    ("集聚企业600家以上", "600", "count", "AtLeast", "家", "600家以上"),
    ("参会企业约500家", "500", "count", "Approximately", "家", "约500家"),
    ("融资金额约6亿元", "600000000", "CNY", "Approximately", None, "约6亿元"),
    ("出货量超过8万套", "80000", "count", "MoreThan", "套", "超过8万套"),
    ("引进重大项目230余个", "230", "count", "MoreThan", "个", "230余个"),
    ("营收逾1.2万亿元", "1200000000000", "CNY", "MoreThan", None, "逾1.2万亿元"),
    ("投资3千万美元", "30000000", "USD", "Exactly", None, "3千万美元"),
    ("算力规模达到1200P", "1200", "PFLOPS", "Exactly", None, "1200P"),
    ("算力规模达到300PFLOPS", "300", "PFLOPS", "Exactly", None, "300PFLOPS"),
    ("装机容量50兆瓦", "50", "MW", "Exactly", None, "50兆瓦"),
    ("占地面积12平方公里", "12", "km2", "Exactly", None, "12平方公里"),
    ("建筑面积8万平方米", "80000", "m2", "Exactly", None, "8万平方米"),
    ("毕业生占比在六成以上", "60", "percent", "AtLeast", None, "六成以上"),
    ("较上年同期增加近三成", "30", "percent", "Approximately", None, "近三成"),
    ("连续7年举办对接会", "7", "count", "Exactly", "年", "连续7年"),
    ("已连续举办5届", "5", "count", "Exactly", "届", "5届"),
    ("毕业生约2.3万人", "23000", "count", "Approximately", "人", "约2.3万人"),
    ("两款量产车型", "2", "count", "Exactly", "款", "两款"),
    ("发布需求清单1,400项", "1400", "count", "Exactly", "项", "1,400项"),
    ("新增企业十二家", "12", "count", "Exactly", "家", "十二家"),
    ("产业规模突破百亿元", "10000000000", "CNY", "MoreThan", None, "突破百亿元"),
    ("近百家企业参展", "100", "count", "Approximately", "家", "近百家"),
    ("产业规模达220亿", "22000000000", "CNY", "Exactly", None, "220亿"),
    ("从业人员4.6万", "46000", "count", "Exactly", None, "4.6万"),
    ("成本下降100多亿元", "10000000000", "CNY", "MoreThan", None, "100多亿元"),
    ("新增10-20家", "20", "count", "AtMost", "家", "10-20家"),
    ("提高3个百分点", "3", "pp", "Exactly", None, "3个百分点"),
    ("建设周期18个月", "18", "month", "Exactly", None, "18个月"),
    ("10年来累计引进企业", "10", "count", "Exactly", "年", "10年"),
    ("亿元以上项目20个", "20", "count", "Exactly", "个", "20个"),
    ("签约额超亿元", "100000000", "CNY", "MoreThan", None, "超亿元"),
    ("打造千亿级产业集群", "100000000000", "CNY", "Approximately", None, "千亿级"),
    ("上千家企业参与", "1000", "count", "AtLeast", "家", "上千家"),
])
def test_quantities(sentence: str, value: str, unit: str, qualifier: str, counter: str | None,
                    written: str) -> None:
    q = _one(sentence)
    assert (q.value, q.unit, q.qualifier, q.counter, q.text) == (Decimal(value), unit, qualifier, counter,
                                                                 written)
    assert sentence[q.start:q.end] == written


@pytest.mark.parametrize(("sentence", "value", "written"), [
    ("青岛位列全国第12位", 12, "全国第12位"),
    ("排名全国第12", 12, "全国第12"),
    ("覆盖率达95.9%，居全省第一位", 1, "全省第一位"),
    ("居全国首位", 1, "全国首位"),
    ("市场份额位居同类企业首位", 1, "首位"),
    ("连续六年居国家“双跨”平台首位", 1, "首位"),
    ("荣获第一名", 1, "第一名"),
    ("综合排名第3", 3, "第3"),
    ("位居行业榜首", 1, "榜首"),
])
def test_rankings(sentence: str, value: int, written: str) -> None:
    ranks = [q for q in find_quantities(sentence) if q.unit == "rank"]
    assert len(ranks) == 1, ranks
    assert ranks[0].value == value
    assert ranks[0].text == written


def test_ranking_continues_after_a_list_mark() -> None:
    found = find_quantities("在某榜单中，合肥位列全国第8位、全省第一，居中部地区首位")
    assert [(q.value, q.text) for q in found] == [(8, "全国第8位"), (1, "全省第一"), (1, "首位")]


def test_top_n_is_an_upper_bound() -> None:
    q = _one("位列全国前十")
    assert (q.unit, q.value, q.qualifier) == ("rank", 10, "AtMost")


def test_continuous_years_and_rank_together() -> None:
    found = find_quantities("星瞳科技连续六年居国家级平台首位")
    assert [(q.value, q.unit, q.counter) for q in found] == [(6, "count", "年"), (1, "rank", None)]


def test_per_year_only_after_meinian_in_the_same_clause() -> None:
    found = find_quantities("设立总规模50亿元的产业基金和每年总额最高1000万元的奖补政策，另安排300万元")
    assert [(q.value, q.per_year) for q in found] == [(5000000000, False), (10000000, True), (3000000, False)]


@pytest.mark.parametrize("sentence", [
    "2024年营收增长", "2025-2027", "（2025—2027年）", "12月11日", "2025年12月", "1-9月", "前10个月",
    "开通5G基站", "4K超高清", "优必选Walker S2", "GPT-4大模型", "发布第一批政策清单", "首批省级园区",
    "谋划推出第二批政策清单", "第三届大会", "打造“10+1”创新型产业体系", "构建“1+8+N”发展体系",
    "10+1产业体系", "“一核多点”发展格局", "一核多点", "启动训练场一场三区建设", "梳理出三张清单",
    "“一图四清单”试点", "双千兆城市", "百企百景对接会", "十大典型示范应用场景", "在2025数字百强市排名中",
    "鲁ICP备14028146号-1", "百家争鸣", "打造一个平台", "关键零部件", "“5%”行动", "网址%20编码",
    "全国首个城市节点",
    "围绕算力、模型、场景三条主线", "资金与算力是企业最关心的两件事", "二期投用", "一成不变", "阅读量3208",
    "第12位", "数十家企业", "“十四五”期间", "万家灯火", "千家万户", "打造“两中心三平台”", "一流营商环境",
    "二次开发", "星期三", "10周年", "1号线", "唯一一家", "三维建模", "2023年以来",
    "居民收入前三季度增幅", "居全国第一方阵", "亿元以上项目", "建成万卡集群", "数千家企业", "两三家",
    "7×24小时服务",
])
def test_not_figures(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_figures_in_quotes_are_left_out_but_the_rest_is_kept() -> None:
    found = find_quantities("发布“三年行动计划”，培育企业“100家”，新增企业50家")
    assert [q.text for q in found] == ["50家"]


def test_quantities_are_in_order_and_do_not_overlap() -> None:
    s = "今年前三季度，营收超500亿元，同比增长12%，企业300余家，居全国第5位。"
    found = find_quantities(s)
    assert [q.text for q in found] == ["超500亿元", "12%", "300余家", "全国第5位"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


# --------------------------------------------------------------------------- properties

_GENRE = ("0123456789.,%一二两三四五六七八九十百千万亿零〇点超近约余多以上左右元美元家个项款年月日第届位名"
          "首连续居全国省市前强级亩毫秒P G+-—“”《》、，。；每年最高不超过百分之")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_GENRE, max_size=40) | st.text(max_size=40))
def test_find_quantities_never_crashes_and_spans_hold(s: str) -> None:
    found = find_quantities(s)
    last_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(s)
        assert q.text == s[q.start:q.end]
        assert q.start >= last_end
        last_end = q.end
        assert q.qualifier in ("Exactly", "MoreThan", "Approximately", "AtMost", "AtLeast")
        assert q.value.is_finite()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_parse_number_never_crashes(s: str) -> None:
    value = parse_number(s)
    assert value is None or value.is_finite()


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_parse_number_round_trips_integers(n: int) -> None:
    assert parse_number(str(n)) == n


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_parse_number_round_trips_decimals(n: Decimal) -> None:
    assert parse_number(str(n)) == n


_CN = "零一二三四五六七八九"


def _cn_section(x: int, two: bool) -> str:
    """A Chinese numeral for 0 < x < 10000 (standard form, 零 for gaps)."""
    out, gap = "", False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = x // power % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += ("两" if two and d == 2 and unit in ("千", "百") else _CN[d]) + unit
    return out


def to_chinese(n: int, two: bool = False, short_ten: bool = True) -> str:
    """A small writer of Chinese numerals for 0 … 99999, for the round-trip test."""
    if n == 0:
        return "零"
    if n >= 10000:
        high, low = divmod(n, 10000)
        text = _cn_section(high, two) + "万"
        if low:
            text += ("零" if low < 1000 else "") + _cn_section(low, two)
    else:
        text = _cn_section(n, two)
    if short_ten and text.startswith("一十"):
        text = text[1:]
    return text


@pytest.mark.parametrize(("n", "written"), [(10, "十"), (15, "十五"), (105, "一百零五"), (1050, "一千零五十"),
                                            (10010, "一万零一十"), (20000, "二万"),
                                            (99999, "九万九千九百九十九")])
def test_writer(n: int, written: str) -> None:
    assert to_chinese(n) == written


@given(st.integers(min_value=0, max_value=99999), st.booleans(), st.booleans())
def test_chinese_numerals_round_trip(n: int, two: bool, short_ten: bool) -> None:
    assert parse_number(to_chinese(n, two, short_ten)) == n
