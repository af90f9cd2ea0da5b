"""Deeply nested HTML: 10,000 levels of <div> neither crash nor hang; the result is the article
or one clear line."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error

PARA = "<p>青岛市人工智能产业园今年新增企业二十家，全年营业收入超过一百亿元。</p>"


def _page(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + PARA + "</div>" * depth + "</body></html>"


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deep_nesting_is_built_or_refused_in_one_line(tmp_path, ecokg, depth: int) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_page(depth), encoding="utf-8")
    out = tmp_path / "deep.ttl"
    proc = ecokg("build", "-q", "-o", str(out), str(page))
    if proc.returncode == 0:
        assert "青岛市人工智能产业园" in out.read_text(encoding="utf-8")
    else:
        assert_one_line_error(proc, "deep.html")
        assert not out.exists()


def test_unclosed_nesting(tmp_path, ecokg) -> None:
    page = tmp_path / "unclosed.html"
    page.write_text("<html><body>" + "<span><b><i>" * 5000 + PARA, encoding="utf-8")
    out = tmp_path / "unclosed.ttl"
    proc = ecokg("build", "-q", "-o", str(out), str(page))
    if proc.returncode != 0:
        assert_one_line_error(proc, "unclosed.html")


def test_text_under_300_levels_is_found(tmp_path, ecokg) -> None:
    page = tmp_path / "deep300.html"
    page.write_text(_page(300), encoding="utf-8")
    out = tmp_path / "deep300.ttl"
    proc = ecokg("build", "-q", "-o", str(out), str(page))
    assert proc.returncode == 0, proc.stderr
