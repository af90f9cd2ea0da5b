"""Parameters pushed into the branches a named query marks with ``VALUES ?var { UNDEF }``."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from ecokg.queries.runner import LocalBackend, execute, load_query
from ecokg.queries.sparqltext import inject_values, push_values

A, B = URIRef("http://example.org/a"), URIRef("http://example.org/b")
TEXT = 'SELECT * WHERE {\n  { VALUES ?e { UNDEF } ?s ?p ?e }\n  UNION { VALUES ?e { "" } ?s ?p ?o }\n}'


def test_undef_becomes_the_bound_values() -> None:
    out = push_values(TEXT, {"e": [A, B]})
    assert "VALUES ?e { <http://example.org/a> <http://example.org/b> }" in out
    assert "UNDEF" not in out


def test_constants_keep_only_the_bound_ones() -> None:
    assert 'VALUES ?e {  }' in push_values(TEXT, {"e": [A]})
    assert 'VALUES ?e { "" }' in push_values(TEXT, {"e": [Literal("")]})


def test_other_variables_comments_and_strings_are_left_alone() -> None:
    text = '# VALUES ?e { UNDEF }\nSELECT * WHERE { VALUES ?x { UNDEF } ?s ?p "VALUES ?e { UNDEF }" }'
    assert push_values(text, {"e": [A]}) == text
    assert push_values(TEXT, {}) == TEXT


def test_a_top_level_block_is_still_added() -> None:
    out = inject_values(TEXT, {"e": [A]})
    assert out.count("VALUES ?e { <http://example.org/a> }") == 2


def test_placeholders_change_no_answer(mini_store: Path) -> None:
    """Without a parameter, ``VALUES ?entity { UNDEF }`` joins with anything; with one, pushing it
    into the branches gives the rows the top-level block alone gives."""
    backend = LocalBackend(mini_store)
    try:
        q = load_query("fact-provenance")
        plain_text = q.text.replace("VALUES ?entity { UNDEF }", "")
        everything = execute(q, {}, backend)
        assert everything.rows and everything.row_set() == backend.run(plain_text).row_set()
        entity = next(r[0] for r in everything.rows if isinstance(r[0], URIRef))
        pushed = backend.run(q.text, {"entity": entity})
        top_only = backend.run(plain_text, {"entity": entity})
        assert pushed.rows and pushed.row_set() == top_only.row_set()
        assert {r[0] for r in pushed.rows} == {entity}
    finally:
        backend.close()
