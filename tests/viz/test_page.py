"""The HTML page as text: self-contained, hostile strings escaped, written atomically."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecokg.errors import InputError
from ecokg.viz.model import ViewModel
from ecokg.viz.network import build_view
from ecokg.viz.page import page_data, render_html, script_json, write_html
from tests.viz.fixtures import NASTY, SCRIPT_XSS, XSS, malicious_graph, sample_graph

SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)


@pytest.fixture(scope="module")
def evil_html() -> str:
    return render_html(build_view(malicious_graph(), title=f"{SCRIPT_XSS}{XSS}"))


@given(st.text())
def test_script_json_round_trips_without_markup(text: str) -> None:
    out = script_json({"k": [text]})
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(out) == {"k": [text]}


def test_hostile_strings_never_appear_raw(evil_html: str) -> None:
    for payload in (XSS, SCRIPT_XSS, "<svg onload", '<a href="javascript'):
        assert payload not in evil_html
    # the page has exactly its three script elements: data, vis-network, the app
    assert evil_html.count("</script>") == 3
    assert "<title>&lt;/script&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;" in evil_html
    data = json.loads(SCRIPT.findall(evil_html)[0][1])
    names = {n for node in data["nodes"] for n in node["names"]}
    assert set(NASTY) <= names  # the data still holds the names, as text


def test_page_is_self_contained_and_locked_down(evil_html: str) -> None:
    head = evil_html.split("<body>", 1)[0]
    assert re.search(r"<(link|img|iframe|object|embed)\b", head) is None
    body_markup = SCRIPT.sub("", evil_html)
    assert re.search(r"<[a-zA-Z][^>]*\s(src|href|on[a-z]+)\s*=", body_markup) is None  # no fetch, no handler
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', evil_html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    scripts = SCRIPT.findall(evil_html)
    assert scripts[0][0] == ' type="application/json" id="ecokg-data"'
    for _attrs, code in scripts[1:]:
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp, "an inline script without its hash would not run"


def test_page_data_counts_and_legend() -> None:
    view = build_view(sample_graph())
    data = page_data(view)
    assert len(data["nodes"]) == len(view.nodes) and len(data["edges"]) == len(view.edges)
    assert sum(c["count"] for c in data["classes"]) == len(view.nodes)
    assert {c["key"] for c in data["classes"]} == {n.cls for n in view.nodes}
    assert all(c["color"].startswith("#") for c in data["classes"])
    ubtech = next(n for n in data["nodes"] if n["label"] == "优必选")
    assert "UBTech" in ubtech["names"]
    assert data["docs"][0]["title"] == "示例市人工智能产业快讯"


def test_write_html_is_atomic_and_refuses_folders(tmp_path: Path) -> None:
    view = ViewModel(title="空图")
    out = write_html(view, tmp_path / "v.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.html"]
    with pytest.raises(InputError, match="is a directory"):
        write_html(view, tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        write_html(view, tmp_path / "missing" / "v.html")
