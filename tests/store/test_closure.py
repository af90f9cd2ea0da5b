"""The class closure (graph/closure.py): superclass types of every entity in the inferred graph.

Not yet written by ingest (see the module doc); these tests materialize it on a built store."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [ROOT / "samples" / n for n in ("qingdao-ai-brief.txt", "chengdu-ai-brief.html",
                                          "wuhan-ai-brief.md")]
ECO = "https://w3id.org/ecokg/ontology#"
INFERRED = "https://w3id.org/ecokg/id/graph/inferred"


def _select(store: object, text: str) -> set[tuple[str, ...]]:
    rows = store.ox.query(text, use_default_graph_as_union=True)  # type: ignore[attr-defined]
    return {tuple(str(t.value) for t in row) for row in rows}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    import ecokg
    from ecokg.graph.closure import materialize_class_closure

    with ecokg.open(tmp_path / "store") as kg:
        kg.build([str(p) for p in SAMPLES])
        added, removed = materialize_class_closure(kg.store.ox)
        assert added > 0 and removed == 0
        assert materialize_class_closure(kg.store.ox) == (0, 0)  # up to date: nothing to write
    return tmp_path / "store"


def test_every_entity_has_its_superclasses(built: Path) -> None:
    from ecokg.graph.closure import class_closure
    from ecokg.graph.store import EcoStore

    with EcoStore.open(built, read_only=True) as st:
        asserted = _select(
            st, "SELECT ?s ?c WHERE { GRAPH <https://w3id.org/ecokg/id/graph/entities> { ?s a ?c } }")
        inferred = _select(st, f"SELECT ?s ?c WHERE {{ GRAPH <{INFERRED}> {{ ?s a ?c }} }}")
        companies = {s for s, c in asserted if c == ECO + "Company"}
        assert companies and all((s, ECO + "Organization") in inferred for s in companies)
        assert all((s, "https://schema.org/Organization") in inferred for s in companies)  # two steps up
        assert not inferred & asserted  # only what no graph states
        assert {q for q in st.ox.quads_for_pattern(None, None, None,
                                                   None) if str(q.graph_name.value) == INFERRED} \
            == class_closure(st.ox)  # up to date
        union = _select(st, f"SELECT ?s WHERE {{ ?s a <{ECO}Organization> }}")  # no rdfs:subClassOf* needed
        assert {(s,) for s in companies} <= union


def test_removing_a_document_takes_its_entities_types(built: Path) -> None:
    from ecokg.graph.closure import materialize_class_closure
    from ecokg.graph.store import EcoStore

    with EcoStore.open(built) as st:
        before = _select(st, f"SELECT ?s WHERE {{ GRAPH <{INFERRED}> {{ ?s a ?c }} }}")
        st.remove_document("wuhan-ai-brief.md")
        assert materialize_class_closure(st.ox)[1] > 0  # the removed entities' types go
        after = _select(st, f"SELECT ?s WHERE {{ GRAPH <{INFERRED}> {{ ?s a ?c }} }}")
        entities = _select(st,
                           "SELECT ?s WHERE { GRAPH <https://w3id.org/ecokg/id/graph/entities> { ?s a ?c } }")
    assert after < before
    assert after - {(INFERRED,)} <= entities
