"""The workbench's entity page (``/entity/<key>``): one entity's names, types, facts with their
sentences and articles, figures, designations and links to its neighbours. Plain HTML, no script;
every string from the graph is escaped."""

from __future__ import annotations

import urllib.parse
from html import escape
from typing import Any

from ecokg.graph.namespaces import DEFAULT_BASE

CSS = "/static/workbench.css"


def entity_href(iri: str) -> str | None:
    """The workbench link of an entity IRI minted under the data base, else None."""
    if not iri.startswith(DEFAULT_BASE) or len(iri) == len(DEFAULT_BASE):
        return None
    return "/entity/" + urllib.parse.quote(iri[len(DEFAULT_BASE):], safe="/")


def _link(iri: str, label: str) -> str:
    href = entity_href(iri)
    text = escape(label or iri.rsplit("/", 1)[-1])
    return f'<a href="{escape(href)}">{text}</a>' if href else text


def _sources(sources: list[Any]) -> str:
    if not sources:
        return ""
    items = "".join(f'<li><q class="sentence">{escape(s.sentence)}</q> <span class="doc">— '
                    f'{escape(s.title or s.document)}'
                    f'{" · " + escape(str(s.issued)) if s.issued else ""}</span></li>'
                    for s in sources)
    return f'<ul class="sources">{items}</ul>'


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)} · ecokg</title><link rel=\"stylesheet\" href=\"{CSS}\"></head>"
            f"<body class=\"entity\"><header><a href=\"/\">ecokg workbench</a></header><main>{body}</main>"
            "</body></html>\n")


def render_entity(d: Any) -> str:
    """HTML for an ``ecokg.graph.describe.EntityDescription``."""
    name = d.label_zh or d.label_en or d.iri
    parts = [f'<h1 id="name">{escape(name)}</h1>']
    if d.label_en:
        parts.append(f'<p class="en" lang="en">{escape(d.label_en)}</p>')
    parts.append(f'<p class="iri"><code>{escape(d.iri)}</code></p>')
    if d.alt_labels:
        parts.append("<p>别名 · also called: " + "、".join(f"<span class=alias>{escape(a)}</span>"
                                                        for a in d.alt_labels) + "</p>")
    parts.append('<p class="types">类型 · types: ' + ", ".join(escape(t) for t in d.types) + "</p>")
    if d.attributes:
        rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(', '.join(v))}</td></tr>"
                       for k, v in sorted(d.attributes.items()))
        parts.append(f"<table class=attrs>{rows}</table>")
    if d.facts:
        rows = "".join(
            f"<tr><td>{'→' if f.direction == 'out' else '←'} {escape(f.property)}</td>"
            f"<td>{_link(f.other, f.other_label)}</td><td>{_sources(f.sources)}</td></tr>" for f in d.facts)
        parts.append(f'<h2>事实 · facts</h2><table id="facts"><tr><th>property</th><th>entity</th>'
                     f"<th>sentence · article</th></tr>{rows}</table>")
    if d.figures:
        rows = "".join(
            f"<tr><td>{escape(f.indicator or '')}</td><td>{escape(f.label)}</td><td>{escape(f.value)}</td>"
            f"<td>{escape(f.unit or '')}</td><td>{escape(f.qualifier or '')}</td>"
            f"<td>{escape(f.period or '')}</td>"
            f"<td>{_sources(f.sources)}</td></tr>" for f in d.figures)
        parts.append('<h2>数据 · figures</h2><table id="figures"><tr><th>indicator</th><th>as written</th>'
                     f"<th>value</th><th>unit</th><th>qualifier</th><th>period</th><th>sentence</th></tr>{rows}</table>")
    if d.designations:
        rows = "".join(
            f"<tr><td>{escape(x.title)}</td><td>{escape(x.level or '')}</td><td>{escape(x.batch or '')}</td>"
            f"<td>{escape(x.grantor or '')}</td><td>{_sources(x.sources)}</td></tr>" for x in d.designations)
        parts.append('<h2>称号 · designations</h2><table id="designations"><tr><th>title</th><th>level</th>'
                     f"<th>batch</th><th>granted by</th><th>sentence</th></tr>{rows}</table>")
    if d.documents:
        items = "".join(f"<li>{escape(s.title or s.document)}"
                        f"{' · ' + escape(str(s.issued)) if s.issued else ''}</li>" for s in d.documents)
        parts.append(f'<h2>文章 · articles</h2><ul id="documents">{items}</ul>')
    return page(name, "\n".join(parts))
