"""One line of 5 MB with no punctuation at all: it is built (bounded time, no crash)."""

from __future__ import annotations

import random

import pytest

from ecokg.graph.store import EcoStore

# phrases of the genre without punctuation, drawn at random: the splitter must cut the line
# into pieces and every stage must stay linear
PHRASES = ("人工智能技术发展迅速", "带动经济转型升级", "数据要素加快流通", "算力规模持续扩大",
           "应用场景不断丰富", "创新能力显著增强", "人才队伍日益壮大", "开放合作走深走实", "营商环境持续优化",
           "新质生产力加快形成")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_five_megabyte_line_builds(tmp_path, store, ecokg) -> None:
    rng = random.Random(5)
    parts: list[str] = []
    size = 0
    while size < 5 * 1024 * 1024:
        phrase = rng.choice(PHRASES)
        parts.append(phrase)
        size += 3 * len(phrase)
    text = "".join(parts)
    article = tmp_path / "one-line.txt"
    article.write_text(text, encoding="utf-8")
    assert article.stat().st_size >= 5 * 1024 * 1024 and "\n" not in text
    proc = ecokg("build", "-q", "--store", str(store), str(article), timeout=280)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with EcoStore.open(store, read_only=True) as s:
        assert "one-line.txt" in {d.file_name for d in s.documents()}
