"""The answer of ``KG.query``: rows as dicts of Python values, for scripts and notebooks.

``result.rows`` is a list of dicts (column → value: IRIs and blank nodes as ``str``, literals as
their Python value, unbound as ``None``); ``result.columns`` the variables in order; iterating
gives the rows (the triples of a CONSTRUCT/DESCRIBE); ``result.boolean`` answers an ASK.
``result.to_pandas()`` makes a DataFrame when pandas is installed; ``result.render("csv")``
writes the same text as ``ecokg query --format csv``; ``result.raw`` keeps the rdflib terms.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ecokg.errors import EcokgError

if TYPE_CHECKING:
    from rdflib.term import Node

    from ecokg.queries.runner import Result


def python_value(term: Node | None) -> Any:
    """An rdflib term as a plain Python value: IRIs and blank nodes as str, literals converted."""
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(value) if isinstance(value, Literal) else value
    return str(term)


@dataclass
class QueryResult:
    """One query's answer (see module doc)."""

    raw: Result
    name: str = ""

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return self.raw.form

    @property
    def columns(self) -> list[str]:
        return list(self.raw.variables) if self.raw.form == "SELECT" else ["subject", "predicate", "object"]

    @property
    def rows(self) -> list[dict[str, Any]]:
        cols = self.columns
        if self.raw.form == "SELECT":
            return [dict(zip(cols, map(python_value, row), strict=True)) for row in self.raw.rows]
        return [dict(zip(cols, map(python_value, t), strict=True)) for t in self.raw.triples]

    @property
    def boolean(self) -> bool | None:
        """The answer of an ASK query (None for the other forms)."""
        return self.raw.boolean

    @property
    def truncated(self) -> bool:
        """Whether ``limit`` cut the answer."""
        return self.raw.truncated

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.raw.rows) if self.raw.form == "SELECT" else len(self.raw.triples)

    def render(self, fmt: str = "table") -> str:
        """The text ``ecokg query --format FMT`` prints (table, csv, tsv, json, md, ttl, xml)."""
        from ecokg.queries.results import render

        return render(self.raw, fmt)

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (columns in query order)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise EcokgError("to_pandas() needs pandas, which is not installed",
                             hint="pip install pandas, or use result.rows (a list of dicts)") from exc
        return pd.DataFrame(self.rows, columns=self.columns)

    def __repr__(self) -> str:
        if self.form == "ASK":
            return f"<QueryResult {self.name} ASK {self.boolean}>"
        return f"<QueryResult {self.name} {self.form}: {len(self)} rows, columns {self.columns}>"


__all__ = ["QueryResult", "python_value"]
