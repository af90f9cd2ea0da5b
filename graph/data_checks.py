"""Data checks: the SPARQL queries ``queries/checks/*-violation.rq``; every row they return fails."""

from __future__ import annotations

from rdflib import Graph
from rdflib.query import ResultRow

from ecokg.errors import QueryError
from ecokg.graph.check_report import Violation, label_of, short


def run_data_checks(data: Graph) -> list[Violation]:
    """Run ``queries/checks/*-violation.rq``; each returned row (``?focus``, ``?detail``) fails.

    A check's first ``#`` comment line is its message.
    """
    from ecokg.resources import check_files

    out = []
    for f in check_files():
        text = f.read_text(encoding="utf-8")
        name = f.name.removesuffix("-violation.rq")
        message = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), name)
        try:
            rows = list(data.query(text))
        except Exception as exc:
            raise QueryError(f"data check {f.name} failed: {exc}", hint="fix the query file") from None
        for row in rows:
            values = row.asdict() if isinstance(row, ResultRow) else {}
            focus, detail = values.get("focus"), values.get("detail")
            out.append(Violation(shape=name, shape_label=name.replace("-", " "), focus=short(focus) or "",
                                 focus_label=label_of(data, focus) if focus is not None else None,
                                 message=message, value=str(detail) if detail is not None else None))
    return sorted(out, key=lambda v: (v.shape, v.focus_label or "", v.focus))


__all__ = ["run_data_checks"]
