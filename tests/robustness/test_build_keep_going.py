"""Batch isolation: 40 generated articles of the genre and 5 poisoned ones in one directory.

With ``keep_going`` every bad article is one failure naming its file, the 40 good ones are
stored exactly as a build of them alone would store them, and a re-run after fixing the bad
files adds only those. Without it the build stops at the first bad article with one line, the
store keeps the articles before it and nothing of the bad one. Library in-process, CLI once each.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ecokg
from bench.gen_articles import plan_article, render
from bench.world import World
from ecokg.batch import BuildStopped, Failure

from .conftest import assert_one_line_error

GOOD = 40
#: poisoned files, sorted among the good ones (``article-000020-…`` sorts before ``article-000020.txt``)
POISONS = ("article-000008-binary.txt", "article-000016-gbk.txt", "article-000024-huge.txt",
           "article-000032-bomb.html", "article-000039-empty.txt")
FIRST_BAD = 8  # articles stored before the first poison when the build stops there


def _texts(n: int) -> list[str]:
    w = World(18)
    return [render(plan_article(w, i)) for i in range(n)]


TEXTS = _texts(GOOD + len(POISONS))


def write_corpus(folder: Path, *, poisoned: bool = True) -> Path:
    folder.mkdir(parents=True)
    for i, text in enumerate(TEXTS[:GOOD]):
        (folder / f"article-{i:06d}.txt").write_text(text, encoding="utf-8")
    if not poisoned:
        return folder
    binary, gbk, huge, bomb, empty = (folder / name for name in POISONS)
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    gbk.write_bytes(TEXTS[GOOD].rstrip().encode("gbk")[:-1])  # cut inside the last character （）
    with huge.open("wb") as fh:  # sparse: over the 50 MB limit without using the disk
        fh.truncate(51 * 1024 * 1024)
    depth = 100_000
    bomb.write_text("<html><body>" + "<div>" * depth + "<p>园区新增企业二十家。</p>" + "</div>" * depth
                    + "</body></html>", encoding="utf-8")
    empty.write_bytes(b"")
    return folder


def fix(folder: Path) -> None:
    """Each poisoned file replaced by a good article of its own (new text, so a new document)."""
    for name, text in zip(POISONS, TEXTS[GOOD:], strict=True):
        (folder / name).unlink()
        (folder / name).with_suffix(".txt").write_text(text, encoding="utf-8")


def export(kg: ecokg.KG, path: Path) -> bytes:
    kg.export(path, "nq")
    return path.read_bytes()


def test_keep_going_stores_the_good_ones_and_names_each_bad_one(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "articles")
    heard: list[Failure] = []
    with ecokg.open(tmp_path / "store") as kg:
        report = kg.build([folder], keep_going=True, on_failure=heard.append)
        assert [Path(f.source).name for f in report.failed] == list(POISONS)
        assert heard == report.failed
        for failure, why in zip(report.failed, ("binary", "decode", "limit", "no article text", "empty"),
                                strict=True):
            line = failure.line()
            assert "\n" not in line and Path(failure.source).name in line and why in line, line
        assert report.articles == GOOD and report.ingest is not None
        assert len(report.ingest.added) == GOOD and "5 failed" in report.summary()
        names = sorted(d.file_name or "" for d in kg.documents())
        assert names == [f"article-{i:06d}.txt" for i in range(GOOD)]
        kept = export(kg, tmp_path / "kept.nq").decode("utf-8")
        assert not [name for name in POISONS if name.split(".")[0] in kept]  # no trace of a bad one

    fix(folder)
    with ecokg.open(tmp_path / "store") as kg:
        again = kg.build([folder], keep_going=True)
        assert again.failed == []
        assert again.ingest is not None
        assert (len(again.ingest.added), len(again.ingest.unchanged)) == (len(POISONS), GOOD)
        assert len(kg.documents()) == GOOD + len(POISONS)


def test_without_keep_going_the_build_stops_at_the_first_bad_one(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "articles")
    with ecokg.open(tmp_path / "store") as kg:
        with pytest.raises(BuildStopped) as caught:
            kg.build([folder])
        line = caught.value.one_line()
        assert POISONS[0] in line and "binary" in line and f"the {FIRST_BAD} articles before it" in line
        assert caught.value.exit_code in (1, 2)
        names = sorted(d.file_name or "" for d in kg.documents())
        assert names == [f"article-{i:06d}.txt" for i in range(FIRST_BAD)]

        fix(folder)
        again = kg.build([folder])
        assert again.ingest is not None
        assert len(again.ingest.unchanged) == FIRST_BAD
        assert len(again.ingest.added) == GOOD + len(POISONS) - FIRST_BAD


def test_cli_keep_going_one_line_each_and_a_summary(tmp_path: Path, cli) -> None:
    folder = tmp_path / "articles"
    write_corpus(folder)
    for name in POISONS[2:]:  # a shorter run: 20 good articles, 2 poisons
        (folder / name).unlink()
    for i in range(20, GOOD):
        (folder / f"article-{i:06d}.txt").unlink()
    store = tmp_path / "store"
    proc = cli("build", "-q", "--keep-going", "--store", str(store), str(folder))
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 3, proc.stderr
    for line, name in zip(lines, POISONS[:2], strict=False):
        assert line.startswith("ecokg: error: ") and name in line, line
    assert lines[-1] == "ecokg: 20 built, 2 failed"

    shutil.rmtree(store)
    stopped = cli("build", "-q", "--store", str(store), str(folder))
    assert_one_line_error(stopped, POISONS[0], f"the {FIRST_BAD} articles before it were stored")
    assert "--keep-going" in cli("build", "--help").stdout
