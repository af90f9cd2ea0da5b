"""The before/after section of the benchmark page (bench/report_speed.py)."""

from __future__ import annotations

from typing import Any

from bench.report_speed import speed_section


def _run(chars_per_s: float, curve_s: float, k: float) -> dict[str, Any]:
    ing = {"seconds": 1000 / chars_per_s, "cpu_s": 1000 / chars_per_s}
    return {"ingest": [{"size": "1MB", "characters": 1000, "ingest_jobs": {"1": ing, "2": ing}}],
            "curve": {"points": [{"size": "5MB", "seconds": curve_s, "cpu_s": curve_s / 2}],
                      "exponent": {"seconds": k, "cpu_s": k}}}


def test_speed_section_compares_this_run_with_the_recorded_one() -> None:
    r = {**_run(30_000, 50.0, 1.0), "speed_before": {**_run(10_000, 100.0, 1.3), "commit": "abc1234",
                                                     "note": "earlier run"}}
    text = speed_section(r)
    assert text.startswith("## Ingest and build time before and after")
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ")}
    jobs1 = rows["ingest 1MB, `--jobs 1`, characters/s (per CPU s)"]
    assert jobs1[1].startswith("10,000") and jobs1[2].startswith("30,000") and jobs1[3] == "3.0×"
    five = rows["one 5MB article: extract + store write (CPU)"]
    assert five[1] == "100.0 s (50.0 s)" and five[2] == "50.0 s (25.0 s)" and five[3] == "2.0×"
    assert rows["fitted exponent, total (CPU)"][1:3] == ["1.30 (1.30)", "1.00 (1.00)"]
    assert "abc1234" in text


def test_no_section_without_recorded_figures() -> None:
    assert speed_section(_run(30_000, 50.0, 1.0)) == ""
