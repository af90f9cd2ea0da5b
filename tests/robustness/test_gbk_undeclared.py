"""GBK text with no declaration must WORK: the article is read and built."""

from __future__ import annotations

from ecokg.graph.namespaces import ECO
from ecokg.graph.store import EcoStore

TEXT = ("青岛市人工智能产业园今年新增企业二十家。\n"
        "青岛澜峰智能科技有限公司落户青岛市人工智能产业园，全年营业收入超过一百亿元。\n")


def test_gbk_without_declaration_builds(tmp_path, store, ecokg) -> None:
    article = tmp_path / "gbk-article.txt"
    article.write_bytes(TEXT.encode("gbk"))
    proc = ecokg("build", "-q", "--store", str(store), str(article))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    with EcoStore.open(store, read_only=True) as s:
        docs = {d.file_name: d for d in s.documents()}
        assert "gbk-article.txt" in docs
        rows = s.select(f"SELECT ?t WHERE {{ ?d <{ECO.content}> ?t }}")
    assert any(str(r["t"]).startswith("青岛市人工智能产业园") for r in rows)


def test_gbk_html_without_declaration_builds(tmp_path, ecokg) -> None:
    page = ("<html><head><title>青岛人工智能产业园</title></head><body><article><p>"
            + TEXT.replace("\n", "</p><p>") + "</p></article></body></html>")
    article = tmp_path / "gbk-page.html"
    article.write_bytes(page.encode("gbk"))
    out = tmp_path / "out.ttl"
    proc = ecokg("build", "-q", "-o", str(out), str(article))
    assert proc.returncode == 0, proc.stderr
    assert "青岛澜峰智能科技有限公司" in out.read_text(encoding="utf-8")
