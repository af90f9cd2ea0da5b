"""The reliability benchmark's arithmetic and page (no timing): the fitted exponent, the long
article generator, the sections."""

from __future__ import annotations

import pytest

from bench.gen_articles import long_article
from bench.reliability import curve_section, during_build_section, exponent


def _points(power: float) -> list[dict[str, float]]:
    return [{"bytes": 3 * n, "characters": n, "seconds": 1e-5 * n**power} for n in (50_000, 200_000, 800_000)]


@pytest.mark.parametrize("power", [1.0, 1.5, 2.0])
def test_exponent_is_the_slope_on_log_log(power: float) -> None:
    assert exponent(_points(power), "seconds") == pytest.approx(power)


def test_exponent_ignores_small_sizes_and_needs_two_points() -> None:
    pts = [*_points(1.0), {"bytes": 10_000, "characters": 3_000, "seconds": 5.0}]  # fixed cost dominates
    assert exponent(pts, "seconds") == pytest.approx(1.0)
    assert exponent(pts[:1], "seconds") is None


def test_long_article_has_the_size_asked() -> None:
    text = long_article(200_000)
    assert 200_000 <= len(text.encode("utf-8")) < 210_000
    assert text == long_article(200_000)  # deterministic
    assert text.count("\n\n") > 100  # paragraphs, not one line


def test_sections() -> None:
    point = {"size": "1MB", "bytes": 1_000_000, "characters": 360_000, "quads": 1000, "extract_s": 9.0,
             "extract_cpu_s": 8.0, "store_s": 3.0, "store_cpu_s": 2.5, "seconds": 12.0, "cpu_s": 10.5,
             "rss_kb": 2048}
    page = curve_section({"curve": {"points": [point,
                                               {"size": "5MB", "status": "timeout", "message": "stopped"}],
                                    "exponent": {"seconds": 1.02}}})
    assert "| 1MB | 360,000 |" in page and "timeout: stopped" in page and "total k = 1.02" in page
    assert curve_section({}) == ""
    db = {"articles": 200, "builds": 4, "clients": 8, "answers": 1500, "answers_during_builds": 1400,
          "errors": 0, "inconsistent": 0, "p50_ms": 240.0, "p99_ms": 4300.0, "max_ms": 5500.0}
    assert "| 200 | 4 | 8 | 1,500 | 1,400 | 0 | 0 | 240 ms | 4300 ms | 5500 ms |" in during_build_section(
        {"during_build": db})
