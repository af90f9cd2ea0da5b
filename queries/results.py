"""Query results: the engine-neutral ``Result`` (rdflib terms), and as text: an aligned table
(Chinese-width aware), Markdown, and the SPARQL 1.1 results formats (JSON, XML, CSV, TSV); graph
results (CONSTRUCT/DESCRIBE) as Turtle or JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ecokg.errors import QueryError
from ecokg.graph.namespaces import XSD

_XSD_STRING = str(XSD.string)


def plain(term: Node) -> Node:
    """RDF 1.1 simple literals one way: ``"x"^^xsd:string`` as ``"x"`` (engines differ here)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


@dataclass
class Result:
    """The answer of a query, as rdflib terms (picklable, engine-neutral)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    truncated: bool = False

    def row_set(self) -> set[tuple[Node | None, ...]]:
        return set(self.rows)

    def merge(self, other: Result) -> None:
        if self.form == "ASK":
            self.boolean = bool(self.boolean) or bool(other.boolean)
            return
        seen = set(self.rows)
        self.rows += [r for r in other.rows if r not in seen and not seen.add(r)]  # type: ignore[func-returns-value]
        have = set(self.triples)
        self.triples += [t for t in other.triples if t not in have]
        self.truncated = self.truncated or other.truncated


FORMATS = ("table", "csv", "tsv", "json", "md", "ttl", "xml")
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
MAX_CELL = 60  # display columns of one table cell


def _namespaces() -> list[tuple[str, str]]:
    """(prefix, namespace) pairs for display, longest namespace first."""
    from ecokg.graph.namespaces import DEFAULT_BASE, PREFIXES

    pairs = [(p, str(ns)) for p, ns in PREFIXES.items()] + [("id", DEFAULT_BASE)]
    return sorted(pairs, key=lambda pair: -len(pair[1]))


def display(term: Node | None, nm: list[tuple[str, str]] | None = None) -> str:
    """A short human form: prefixed IRIs, literal values without quotes or datatypes."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in nm or ():
            if term.startswith(ns) and len(term) > len(ns):
                return f"{prefix}:{term[len(ns):]}"
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def width(text: str) -> int:
    """Terminal columns of a string: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 0 if unicodedata.combining(ch) else 1
               for ch in text)


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters (ESC, BEL …) and bidi overrides shown escaped."""
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if ch in _BIDI or unicodedata.category(ch) == "Cc" else ch for ch in text)


def _clip(text: str, limit: int = MAX_CELL) -> str:
    text = terminal_safe(" ".join(text.split()))
    if width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def to_table(result: Result) -> str:
    if result.form == "ASK":
        return "true\n" if result.boolean else "false\n"
    nm = _namespaces()
    cells = [[_clip(display(t, nm)) for t in row] for row in result.rows]
    widths = [max([width(v)] + [width(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(result.variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    tail = (f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
            f"{', truncated' if result.truncated else ''})")
    return "\n".join([*lines, tail]) + "\n"


def to_markdown(result: Result) -> str:
    if result.form == "ASK":
        return "| result |\n|---|\n| " + ("true" if result.boolean else "false") + " |\n"
    nm = _namespaces()

    def cell(t: Node | None) -> str:
        return terminal_safe(" ".join(display(t, nm).split()).replace("\\", "\\\\").replace("|", "\\|"))

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: Result) -> str:
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


_XML_CR = {"\r": "&#13;"}  # a raw carriage return would reach the reader as a line feed


def to_xml(result: Result) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.form == "ASK":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for v, t in zip(result.variables, row, strict=True):
            if t is None:
                continue
            if isinstance(t, URIRef):
                inner = f"<uri>{escape(str(t))}</uri>"
            elif isinstance(t, BNode):
                inner = f"<bnode>{escape(str(t))}</bnode>"
            else:
                assert isinstance(t, Literal)
                attr = (f" xml:lang={quoteattr(t.language)}" if t.language
                        else f" datatype={quoteattr(str(t.datatype))}" if t.datatype else "")
                inner = f"<literal{attr}>{escape(str(t), _XML_CR)}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def to_csv(result: Result) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return buf.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and not term.language and term.datatype is None:
        text = str(term)
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
            "\r", "\\r").replace("\t", "\\t") + '"'
    text = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 Query Results TSV: terms in Turtle syntax."""
    if result.form == "ASK":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_rdf(result: Result, fmt: str = "turtle") -> str:
    from rdflib import Graph

    from ecokg.graph.namespaces import bind_prefixes

    g = Graph()
    bind_prefixes(g.namespace_manager)
    for t in result.triples:
        g.add(t)
    return g.serialize(format=fmt)


def render(result: Result, fmt: str) -> str:
    """The result in one of ``FORMATS`` (graph results: ttl, or json as JSON-LD)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("ttl", "table", "md"):
            return to_rdf(result, "turtle")
        if fmt == "json":
            return to_rdf(result, "json-ld")
        raise QueryError(f"a {result.form} query returns a graph; --format {fmt} is for tables",
                         hint="use --format ttl or json")
    if fmt == "ttl":
        raise QueryError(f"a {result.form} query returns a table; --format ttl is for CONSTRUCT/DESCRIBE",
                         hint="use table, csv, tsv, json, md or xml")
    return {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "md": to_markdown,
            "xml": to_xml}[fmt](result)
