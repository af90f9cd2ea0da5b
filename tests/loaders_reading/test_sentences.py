"""Sentence segmentation with offsets."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.loaders.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_basic_terminators_and_headings() -> None:
    text = "壮大产业集群\n园区开园。企业入驻！效果如何？成效显著；继续推进"
    assert texts(text) == ["壮大产业集群", "园区开园。", "企业入驻！", "效果如何？", "成效显著；", "继续推进"]


def test_quotes_and_brackets_are_not_split() -> None:
    text = "他说：“要发展。要创新！”随后离开。出台《关于加快发展的意见。》（详见附件。）完。"
    assert texts(text) == ["他说：“要发展。要创新！”", "随后离开。", "出台《关于加快发展的意见。》",
                           "（详见附件。）", "完。"]
    assert texts("出台《加快大模型创新发展 打造“模力青岛”行动方案（2025-2027）》，加快构建。") == \
        ["出台《加快大模型创新发展 打造“模力青岛”行动方案（2025-2027）》，加快构建。"]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert texts("他说“好。”我们走。") == ["他说“好。”", "我们走。"]
    assert texts("（他说“好。”）下一句。") == ["（他说“好。”）", "下一句。"]


def test_runs_stay_together() -> None:
    assert texts("真的吗？！是的……等等。走吧!?好") == ["真的吗？！", "是的……等等。", "走吧!?", "好"]
    assert texts("人工智能、机器人……等领域。完") == ["人工智能、机器人……等领域。", "完"]


def test_ascii_terminators_only_before_cjk_or_end() -> None:
    assert texts("营收5.8亿元。Walker S.进入工厂. 好的") == ["营收5.8亿元。", "Walker S.", "进入工厂.",
                                                  "好的"]
    assert texts("访问 www.example.cn 了解") == ["访问 www.example.cn 了解"]
    assert texts("AI is here. 结束.") == ["AI is here.", "结束."]


def test_unclosed_quote_does_not_swallow_the_line() -> None:
    assert texts("未闭合的“引号。这里应该切开。") == ["未闭合的“引号。", "这里应该切开。"]


def test_whitespace_is_stripped_with_offsets() -> None:
    text = "  前后空白。 \n\n\t第二段。  "
    sents = split_sentences(text)
    assert [(s.start, s.end, s.text) for s in sents] == [(2, 7, "前后空白。"), (11, 15, "第二段。")]


def test_long_sentence_without_punctuation_is_cut() -> None:
    text = "人工智能产业" * 500  # 3,000 characters, no punctuation
    sents = split_sentences(text)
    assert len(sents) == 6 and all(len(s.text) <= 500 for s in sents)
    assert "".join(s.text for s in sents) == text


def test_long_sentence_is_cut_after_commas() -> None:
    text = "园区发展人工智能产业，" * 250  # 2,750 characters, commas only
    sents = split_sentences(text)
    assert len(sents) > 5 and all(s.text.endswith("，") and len(s.text) <= 500 for s in sents)


def test_five_megabyte_line() -> None:
    text = "人工智能产业园区建设" * 500_000
    sents = split_sentences(text)
    assert sents[-1].end == len(text) and len(sents) == 10_000


ALPHABET = st.sampled_from(list("人工智能园区企业ab1. \n\t。！？；!?;…“”‘’《》（）()「」『』【】，、"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet=ALPHABET, max_size=200), st.text(max_size=200)))
def test_offsets_property(text: str) -> None:
    sents = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert all(s.text and s.text == s.text.strip() for s in sents)
    assert [s.index for s in sents] == list(range(len(sents)))
    assert all(a.end <= b.start for a, b in itertools.pairwise(sents))
    covered = "".join(s.text for s in sents)
    assert "".join(covered.split()) == "".join(text.split())  # nothing but whitespace is lost


def test_ascii_period_before_a_comma_continues_the_sentence() -> None:
    assert texts("星河智能 Inc.，大模型，星河港\n他来了.我们走。Co., Ltd.、银河公司") == \
        ["星河智能 Inc.，大模型，星河港", "他来了.", "我们走。", "Co., Ltd.、银河公司"]
