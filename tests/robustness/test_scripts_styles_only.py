"""An HTML page of scripts and styles only, with Chinese inside the scripts: refused, and the
script text never becomes article text."""

from __future__ import annotations

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>body { font-family: "青岛"; } .a::after { content: "人工智能产业园"; }</style>
<script>var title = "青岛市人工智能产业园新增企业二十家。"; document.write(title);</script>
</head><body><script type="text/javascript">alert("营业收入超过一百亿元。")</script>
<noscript></noscript><style>p{color:red}</style></body></html>"""


def test_scripts_and_styles_only(tmp_path, build_must_fail) -> None:
    page = tmp_path / "scripts.html"
    page.write_text(PAGE, encoding="utf-8")
    build_must_fail(page, "no article text")
