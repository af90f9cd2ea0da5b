"""Control characters in an article (ANSI escapes, BEL, bidi overrides) never reach the terminal
raw through ``ecokg query`` tables/Markdown or ``ecokg show``: they are shown escaped."""

from __future__ import annotations

import pytest

EVIL = "\x1b]0;pwned\x07\x1b[2J\u202e"
TEXT = (f"青岛澜峰智能科技有限公司落户青岛市人工智能产业园{EVIL}。\n"
        "青岛市人工智能产业园今年新增企业二十家，营业收入超过一百亿元，"
        "园区企业数量快速增长，产业规模不断扩大。\n") * 3
QUERY = "PREFIX eco: <https://w3id.org/ecokg/ontology#> SELECT ?t WHERE { ?d eco:content ?t }"


@pytest.fixture(scope="module")
def esc_store(tmp_path_factory):
    from tests.conftest import run_cli

    root = tmp_path_factory.mktemp("esc")
    article = root / "esc.txt"
    article.write_text(TEXT, encoding="utf-8")
    proc = run_cli("build", "-q", "--store", str(root / "store"), str(article))
    assert proc.returncode == 0, proc.stderr
    return root / "store"


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_query_output_is_terminal_safe(esc_store, ecokg, fmt: str) -> None:
    proc = ecokg("query", "--store", str(esc_store), "-e", QUERY, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert "\\x1b" in proc.stdout  # the text is there, escaped
    assert not {"\x1b", "\x07", "\u202e"} & set(proc.stdout)


def test_json_keeps_the_exact_text(esc_store, ecokg) -> None:
    import json

    proc = ecokg("query", "--store", str(esc_store), "-e", QUERY, "--format", "json")
    value = json.loads(proc.stdout)["results"]["bindings"][0]["t"]["value"]
    assert EVIL in value  # machine formats are exact; only terminal formats escape


def test_show_is_terminal_safe(esc_store, ecokg) -> None:
    proc = ecokg("show", "--store", str(esc_store), "青岛市人工智能产业园")
    assert proc.returncode == 0, proc.stderr
    assert "\\x1b" in proc.stdout  # the source sentence is shown, escaped
    assert not {"\x1b", "\x07", "\u202e"} & set(proc.stdout)
