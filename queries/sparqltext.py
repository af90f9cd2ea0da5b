"""SPARQL text without a full parser: the query form, where the WHERE group opens, VALUES injection,
syntax checks with line and column (pyoxigraph's parser).

The scanner skips comments, strings and IRIs, so braces or keywords inside them never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rdflib.term import Node

from ecokg.errors import QueryError

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


_TOKEN = re.compile(
    r'(?P<comment>#[^\n]*)|(?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\')'
    r'|(?P<string>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<brace>[{}])|(?P<word>[A-Za-z_][\w-]*)|(?P<other>\S)",
    re.DOTALL,
)


def _tokens(text: str) -> Iterable[tuple[str, str, int]]:
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind != "comment":
            yield kind, m.group(), m.start()


#: The scanner (kind, text, offset; comments left out), for the query layer's other text tools.
tokens = _tokens


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or the first keyword of an update (INSERT, DELETE …)."""
    for kind, value, _ in _tokens(text):
        if kind == "word" and value.upper() in QUERY_FORMS + UPDATE_FORMS:
            return value.upper()
    return ""


def _where_brace(text: str) -> tuple[int, bool]:
    """Offset just after the ``{`` that opens the WHERE group; whether a FROM clause precedes it."""
    form, depth, template_skipped, has_from, last_word = "", 0, False, False, ""
    for kind, value, pos in _tokens(text):
        if kind == "word":
            upper = value.upper()
            if not form and upper in QUERY_FORMS:
                form = last_word = upper
            elif form and depth == 0:
                has_from = has_from or upper == "FROM"
                last_word = upper
        elif kind == "brace" and value == "{":
            if depth == 0 and form:
                if form == "CONSTRUCT" and not template_skipped and last_word != "WHERE":
                    template_skipped = True  # the CONSTRUCT template
                else:
                    return pos + 1, has_from
            depth += 1
        elif kind == "brace":
            depth -= 1
    raise QueryError(
        "cannot find the WHERE clause of the query", hint="write the query as 'SELECT ... WHERE { ... }'"
    )


def has_dataset_clause(text: str) -> bool:
    """Whether the query names its own dataset (FROM / FROM NAMED)."""
    try:
        return _where_brace(text)[1]
    except QueryError:
        return False


_PLACEHOLDER = re.compile(r"VALUES\s+\?(?P<var>[A-Za-z_]\w*)\s*\{(?P<body>[^{}]*)\}", re.IGNORECASE)
_CONSTANT = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>|"(?:[^"\\\n]|\\.)*"')


def _code_offsets(text: str) -> set[int]:
    """Offsets of the words outside comments, strings and IRIs."""
    return {pos for kind, _value, pos in _tokens(text) if kind == "word"}


def push_values(text: str, bindings: dict[str, Sequence[Node]]) -> str:
    """Bind a parameter where the query marks it: each ``VALUES ?var { UNDEF }`` block becomes the bound
    values, and a block of constants keeps only those among the bound values (``{ }`` if none).

    A named query puts such a block at the start of each union branch (never inside OPTIONAL, MINUS
    or EXISTS) that the parameter narrows, so the planner starts that branch from the bound entity.
    Without a parameter the block is a no-op (``UNDEF`` joins with anything). The caller still adds
    the top-level block (``inject_values``): pushing a join into a branch keeps the answer the same.
    """
    if not bindings:
        return text
    words = _code_offsets(text)
    out, last = [], 0
    for m in _PLACEHOLDER.finditer(text):
        var, body = m.group("var"), m.group("body").strip()
        if var not in bindings or m.start() not in words:
            continue
        wanted = [t.n3() for t in bindings[var]]
        if body.upper() == "UNDEF":
            kept = wanted
        else:
            consts = _CONSTANT.findall(body)
            if _CONSTANT.sub("", body).strip():
                continue  # prefixed names or other terms: leave the block as written
            kept = [c for c in consts if c in wanted]
        out += [text[last:m.start()], f"VALUES ?{var} {{ {' '.join(kept)} }}"]
        last = m.end()
    return "".join(out) + text[last:]


def inject_values(text: str, bindings: dict[str, Sequence[Node]]) -> str:
    """Insert ``VALUES ?var { term ... }`` blocks at the start of the WHERE group (and bind the
    query's own placeholder blocks, ``push_values``).

    Terms are serialized by rdflib's ``.n3()`` (escaped), never taken from raw user text.
    """
    if not bindings:
        return text
    for var in bindings:
        if not re.fullmatch(r"[A-Za-z_]\w*", var):
            raise QueryError(f"bad parameter name {var!r}", hint="parameter names are letters, digits and _")
    text = push_values(text, bindings)
    at, _ = _where_brace(text)
    blocks = [f"VALUES ?{var} {{ {' '.join(t.n3() for t in terms)} }}" for var, terms in bindings.items()]
    return f"{text[:at]}\n  {' '.join(blocks)}\n{text[at:]}"


def syntax_error(exc: Exception, source: str, text: str) -> QueryError:
    """A pyoxigraph SyntaxError as a one-line message with line and column."""
    msg = str(exc)
    m = re.search(r"error at (\d+):(\d+):\s*(.*)", msg)
    if not m:
        return QueryError(f"SPARQL syntax error in {source}: {msg}", hint="fix the query text")
    line, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = text.splitlines()
    near = lines[line - 1][max(col - 1, 0):][:30].strip() if 0 < line <= len(lines) else ""
    where = f" near {near!r}" if near else ""
    return QueryError(f"SPARQL syntax error in {source} at line {line}, column {col}{where}: {detail}",
                      hint="fix the query text")


def check_syntax(text: str, source: str) -> str:
    """Parse the query (pyoxigraph) without running it on data; return its form."""
    import pyoxigraph as ox

    form = query_form(text)
    if form in UPDATE_FORMS:
        raise QueryError(f"{source} is a SPARQL update ({form}), expected a query",
                         hint="ecokg query runs SELECT, ASK, CONSTRUCT and DESCRIBE only")
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise syntax_error(exc, source, text) from exc
    except (ValueError, OSError, RuntimeError):
        pass  # parsed; it failed on the empty store only
    return form
