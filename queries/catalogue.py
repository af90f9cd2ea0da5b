"""The catalogue of named queries: find the packaged ``queries/<name>.rq`` files and read their headers.

A named query's header comment says what it answers::

    # title: 园区内的企业 | Companies located in a park
    # description: CQ1. Which companies are located in a given park ...
    # param: park = 青岛人工智能产业园      (a parameter with a default)
    # param: entity                       (required)
    # param: entity (optional)            (may stay unbound)
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ecokg.errors import QueryError


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None = None
    optional: bool = False

    def describe(self) -> str:
        if self.default is not None:
            return f"{self.name}={self.default}"
        return f"{self.name} (optional)" if self.optional else f"{self.name} (required)"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    title_zh: str = ""
    title_en: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    source: str = ""


_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*(?:=\s*(?P<default>.*?)|\((?P<opt>optional)\))?\s*$")


def parse_header(text: str, name: str, source: str = "") -> NamedQuery:
    """Read the ``# key: value`` comment lines at the top of a query."""
    title_zh = title_en = description = ""
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, sep, value = stripped.lstrip("#").strip().partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "title":
            zh, _, en = value.partition("|")
            title_zh, title_en = zh.strip(), (en.strip() or zh.strip())
        elif key == "description":
            description = value
        elif key == "param":
            m = _PARAM.match(value)
            if not m:
                raise QueryError(
                    f"bad '# param:' line in {source or name}: {value!r}",
                    hint="write '# param: NAME = DEFAULT', '# param: NAME' or '# param: NAME (optional)'",
                )
            default = m.group("default")
            params.append(Param(m.group("name"), default if default else None, bool(m.group("opt"))))
    return NamedQuery(name, text, title_zh, title_en, description, tuple(params), source)


def list_queries() -> list[NamedQuery]:
    """Every packaged named query, sorted by name."""
    from ecokg.resources import query_files

    out = []
    for f in query_files():
        stem = f.name[: -len(".rq")]
        out.append(parse_header(f.read_text(encoding="utf-8"), stem, f"queries/{f.name}"))
    return out


def load_query(spec: str | None = None, expression: str | None = None) -> NamedQuery:
    """A named query (``companies-in-park``), a ``.rq`` file, or the text of ``-e``."""
    if expression is not None:
        if spec:
            raise QueryError("give either a query name/file or -e 'SPARQL', not both")
        return parse_header(expression, "-e", "-e")
    if not spec:
        raise QueryError("no query given", hint="name one of 'ecokg queries', a .rq file, or -e 'SPARQL'")
    path = Path(spec)
    if spec.endswith(".rq") or path.suffix == ".sparql" or "/" in spec:
        if not path.is_file():
            raise QueryError(f"query file {spec} not found", hint="check the path")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {spec}: {exc}", hint="it must be UTF-8 text") from exc
        return parse_header(text, path.stem, str(path))
    named = {q.name: q for q in list_queries()}
    if spec in named:
        return named[spec]
    close = difflib.get_close_matches(spec, list(named), n=3, cutoff=0.4)
    close += [n for n in named if spec in n and n not in close]
    hint = f"did you mean {', '.join(close[:4])}?" if close else "'ecokg queries' lists them"
    raise QueryError(
        f"unknown query {spec!r}: expected one of the {len(named)} named queries, a .rq file or -e", hint=hint
    )
