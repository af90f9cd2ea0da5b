"""The boilerplate rules of ``loaders/data/boilerplate.yaml``, compiled once.

Which lines of a page are furniture (roles such as ``chrome``, ``drop``, ``end``), the byline
patterns, the metadata labels (来源, 编辑, 文号 …) and which of them make a line page metadata,
the document-number pattern, organisation and issuer suffixes, title separators and site-name
endings, how an unlabelled outlet in a date line looks, and the HTML ``<meta>`` keys. The cleaner
and the metadata harvester read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ecokg.errors import InputError


@dataclass(frozen=True)
class _Rule:
    role: str
    pattern: re.Pattern[str]
    max_len: int | None


@dataclass(frozen=True)
class Rules:
    """``boilerplate.yaml``, compiled."""

    rules: tuple[_Rule, ...]  # one combined pattern per (role, max_len)
    byline_line_re: re.Pattern[str]
    menu_sep: re.Pattern[str]
    menu_min: int
    label_re: re.Pattern[str]
    label_cell_re: re.Pattern[str]  # a label followed by ":" or by a space (a table cell)
    label_only_re: re.Pattern[str]
    label_field: dict[str, str]
    line_fields: frozenset[str]
    line_label_min_len: int
    doc_number_re: re.Pattern[str]
    issuer_suffixes: tuple[str, ...]
    bylines: tuple[tuple[str, re.Pattern[str]], ...]
    byline_roles: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    title_separators: tuple[str, ...]
    site_name_endings: tuple[str, ...]
    outlet_endings: tuple[str, ...]
    outlet_min_cjk: int
    outlet_exclude: re.Pattern[str]
    html_meta: dict[str, tuple[str, ...]]


def _scoped(pattern: str) -> str:
    """A leading global flag such as ``(?i)`` made local, so patterns can be joined."""
    m = re.match(r"^\(\?([aiLmsux]+)\)", pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else pattern


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile ``boilerplate.yaml`` (once)."""
    import yaml

    from ecokg.resources import loader_data

    try:
        raw = yaml.safe_load(loader_data("boilerplate.yaml").read_text(encoding="utf-8"))
        grouped: dict[tuple[str, int | None], list[str]] = {}
        for r in raw["rules"]:
            re.compile(r["pattern"])  # report a bad pattern on its own
            grouped.setdefault((r["role"], r.get("max_len")), []).append(_scoped(r["pattern"]))
        rules = tuple(_Rule(role, re.compile("|".join(f"(?:{p})" for p in pats)), max_len)
                      for (role, max_len), pats in grouped.items())
        label_field = {label: name for name, labels in raw["meta_labels"].items() for label in labels}
        labels = "|".join(sorted(map(re.escape, label_field), key=len, reverse=True))
        bylines = tuple((b["kind"], re.compile(b["pattern"])) for b in raw["bylines"])
        return Rules(
            rules=rules,
            byline_line_re=re.compile("|".join(
                f"(?:{b.pattern.replace('(?P<names>', '(?:')})" for kind, b in bylines if kind == "line")),
            menu_sep=re.compile(raw["menu_separators"]),
            menu_min=int(raw["menu_min_separators"]),
            label_re=re.compile(rf"(?<![\u4e00-\u9fff])({labels})\s*[:：]\s*"),
            label_cell_re=re.compile(rf"(?<![\u4e00-\u9fff])({labels})(?:\s*[:：]\s*|\s+(?=\S))"),
            label_only_re=re.compile(rf"^[\[【(（·•\-\s]*({labels})[\]】)）·•\-\s:：]*$"),
            label_field=label_field,
            line_fields=frozenset(raw["line_fields"]),
            line_label_min_len=int(raw["line_label_min_len"]),
            doc_number_re=re.compile(raw["doc_number"]),
            issuer_suffixes=tuple(sorted(raw["issuer_suffixes"], key=len, reverse=True)),
            bylines=bylines,
            byline_roles=tuple(sorted(raw["byline_roles"], key=len, reverse=True)),
            org_suffixes=tuple(raw["org_suffixes"]),
            title_separators=tuple(raw["title_separators"]),
            site_name_endings=tuple(raw["site_name_endings"]),
            outlet_endings=tuple(raw["outlet_endings"]),
            outlet_min_cjk=int(raw["outlet_min_cjk"]),
            outlet_exclude=re.compile(raw["outlet_exclude"]),
            html_meta={k: tuple(v) for k, v in raw["html_meta"].items()},
        )
    except (KeyError, TypeError, ValueError, re.error, yaml.YAMLError) as exc:
        raise InputError(f"loaders/data/boilerplate.yaml is malformed: {exc}",
                         hint="fix the file; every rule needs a role and a pattern") from exc
