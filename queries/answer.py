"""Answer a Chinese question: interpret it (``queries.ask``), run the named query, attach sentences.

A declined question gets the closest questions the graph can answer, never rows. Rows of a query
that takes no parameter for an entity the question names are narrowed to the rows that name it
(and say so); every row carries the sentences that state its facts (``fact-provenance``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef

from ecokg.queries.ask import Interpretation, Linker, interpret, linker_for, norm
from ecokg.queries.runner import NamedQuery, Result, execute, load_query

MAX_SENTENCES = 3


@dataclass
class Answer:
    interpretation: Interpretation
    query: NamedQuery | None = None
    params: dict[str, str] = field(default_factory=dict)  # parameter → entity label (for people)
    result: Result | None = None
    sentences: list[list[str]] = field(default_factory=list)  # per row of result
    narrowed_to: list[str] = field(default_factory=list)  # labels the rows were narrowed to
    total_rows: int = 0

    @property
    def declined(self) -> bool:
        return self.interpretation.declined

    def to_json(self) -> dict[str, Any]:
        it = self.interpretation
        out: dict[str, Any] = {"question": it.question, "declined": it.declined}
        if it.declined:
            out.update(reason=it.reason, suggestions=it.suggestions)
            return out
        assert self.query is not None and self.result is not None
        out.update(query=self.query.name, title=self.query.title_zh or self.query.name,
                   params=self.params, iris=it.params, sparql=self.query.text,
                   narrowed_to=self.narrowed_to, total_rows=self.total_rows,
                   columns=self.result.variables,
                   rows=[[python_value(t) for t in row] for row in self.result.rows],
                   sentences=self.sentences)
        return out


def python_value(term: Any) -> Any:
    """A term as JSON-able Python: IRIs as str, literals as their value (str when not JSON-able)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return (
            value if isinstance(value, int | float | bool) and not isinstance(value, Literal) else str(term)
        )
    return str(term)


def _index(backend: Any) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
    """Sentences by fact IRI / subject IRI, and by (subject, object) of a statement."""
    from ecokg.queries.runner import execute as run

    result = run(load_query("fact-provenance"), {}, backend)
    cols = result.variables
    by_node: dict[str, list[str]] = {}
    by_pair: dict[tuple[str, str], list[str]] = {}
    for row in result.rows:
        r = dict(zip(cols, row, strict=True))
        sentence = str(r.get("sentence") or "")
        if not sentence:
            continue
        for key in (r.get("fact"), r.get("entity")):
            if isinstance(key, URIRef):
                by_node.setdefault(str(key), []).append(sentence)
        if isinstance(r.get("entity"), URIRef) and isinstance(r.get("object"), URIRef):
            by_pair.setdefault((str(r["entity"]), str(r["object"])), []).append(sentence)
    return by_node, by_pair


def row_sentences(result: Result, backend: Any) -> list[list[str]]:
    """The sentences behind each row: its own ``?sentence``, else those of the facts it joins."""
    by_node, by_pair = _index(backend)
    cols = result.variables
    out: list[list[str]] = []
    for row in result.rows:
        found: list[str] = []
        own = dict(zip(cols, row, strict=True)).get("sentence")
        if own is not None:
            found.append(str(own))
        iris = [str(t) for t in row if isinstance(t, URIRef)]
        for a in iris:
            for b in iris:
                found += by_pair.get((a, b), [])
        for iri in iris if not found else []:
            if iri in by_node:
                found += by_node[iri]
                break
        out.append(list(dict.fromkeys(found))[:MAX_SENTENCES])
    return out


def _narrow(result: Result, about: list[str], linker: Linker) -> tuple[Result, list[str]]:
    """Only the rows naming one of the ``about`` entities (by IRI or in a label), if any do."""
    keys = {iri: {norm(linker.label(iri))} for iri in about}
    for lk in linker.entities.values():
        if lk.iri in keys:
            keys[lk.iri].add(norm(lk.label))

    def names(row: tuple[Any, ...]) -> bool:
        for t in row:
            if isinstance(t, URIRef) and str(t) in keys:
                return True
            if isinstance(t, Literal) and any(k and k in norm(str(t)) for ks in keys.values() for k in ks):
                return True
        return False

    kept = [r for r in result.rows if names(r)]
    if not kept:
        return result, []
    return Result(result.form, result.variables, kept, truncated=result.truncated), \
        [linker.label(i) for i in about]


def ask(question: str, backend: Any, limit: int | None = 50, linker: Linker | None = None) -> Answer:
    """Interpret ``question`` and, unless declined, run its named query on ``backend``."""
    linker = linker or linker_for(backend)
    it = interpret(question, linker)
    answer = Answer(it)
    if it.declined or it.query is None:
        return answer
    query = load_query(it.query)
    result = execute(query, dict(it.params), backend)
    answer.total_rows = len(result.rows)
    if it.about:
        result, answer.narrowed_to = _narrow(result, it.about, linker)
    if limit is not None and len(result.rows) > limit:
        result = Result(result.form, result.variables, result.rows[:limit], truncated=True)
    answer.query = query
    answer.params = {k: linker.label(v) for k, v in it.params.items()}
    answer.result = result
    answer.sentences = row_sentences(result, backend)
    return answer
