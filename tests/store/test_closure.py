"""The class closure (graph/closure.py): superclass types of every entity in the inferred graph,
kept by every commit (build, removal, curation, re-ingest) and made by ``load``."""

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
        kg.build([str(SAMPLES[0])])
        kg.build([str(p) for p in SAMPLES[1:]])  # the second commit adds to the closure incrementally
        assert materialize_class_closure(kg.store.ox) == (0, 0)  # the build made it: nothing to write
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
        assert materialize_class_closure(st.ox) == (0, 0)  # the removal took the removed entities' types
        after = _select(st, f"SELECT ?s WHERE {{ GRAPH <{INFERRED}> {{ ?s a ?c }} }}")
        entities = _select(st,
                           "SELECT ?s WHERE { GRAPH <https://w3id.org/ecokg/id/graph/entities> { ?s a ?c } }")
    assert after < before
    assert after - {(INFERRED,)} <= entities


def test_a_changed_hierarchy_or_an_older_store_gets_the_whole_closure(built: Path) -> None:
    import json

    import pyoxigraph as ox

    from ecokg.graph.closure import class_closure
    from ecokg.graph.store import EcoStore

    meta = built / "ecokg-meta" / "store.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["closure"] = "an-older-hierarchy"
    meta.write_text(json.dumps(data), encoding="utf-8")
    with EcoStore.open(built) as st:
        st.ox.remove_graph(ox.NamedNode(INFERRED))  # as a store from before the closure
        assert not class_closure(st.ox) <= set(st.ox)
        st.remove_document("wuhan-ai-brief.md")  # any commit
        assert {q for q in st.ox if str(q.graph_name.value) == INFERRED} == class_closure(st.ox)
    assert json.loads(meta.read_text(encoding="utf-8"))["closure"] != "an-older-hierarchy"


def test_load_makes_the_closure_and_a_file_store_has_it(built: Path, tmp_path: Path) -> None:
    import pyoxigraph as ox

    import ecokg
    from ecokg.graph.closure import class_closure
    from ecokg.graph.load import memory_store

    out = tmp_path / "all.nq"
    with ecokg.open(built) as kg:
        kg.export(out)
        want = class_closure(kg.store.ox)
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert want and want <= set(quads)  # exported as any graph
    with ecokg.open(tmp_path / "copy") as kg:
        kg.load(out)  # skips the file's closure, makes it again
        assert {q for q in kg.store.ox if str(q.graph_name.value) == INFERRED} == want
    skip = ("https://w3id.org/ecokg/ontology", INFERRED)
    mem = memory_store([q for q in quads if str(getattr(q.graph_name, "value", "")) not in skip], "all.nq")
    assert {q for q in mem.ox if str(q.graph_name.value) == INFERRED} == want


def test_curation_retypes_and_rejects_keep_the_closure(built: Path) -> None:
    import pyoxigraph as ox

    from ecokg.graph.closure import class_closure
    from ecokg.graph.curate_store import add_decision
    from ecokg.graph.curation import Decision
    from ecokg.graph.store import EcoStore

    corporation, government = "https://schema.org/Corporation", "https://schema.org/GovernmentOrganization"
    with EcoStore.open(built) as st:
        rows = _select(st, "SELECT ?s ?l WHERE { GRAPH <https://w3id.org/ecokg/id/graph/entities> "
                           f"{{ ?s a <{ECO}Company> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l "
                           "FILTER(lang(?l) = 'zh') } } ORDER BY ?s")
        (company, name), (other, other_name) = sorted(rows)[:2]
        inferred = f"SELECT ?c WHERE {{ GRAPH <{INFERRED}> {{ <{company}> a ?c }} }}"
        assert (corporation,) in _select(st, inferred)
        add_decision(st, Decision("type", (name, "GovernmentBody")))
        assert (government,) in _select(st, inferred) and (corporation,) not in _select(st, inferred)
        add_decision(st, Decision("reject", (other_name,)))
        assert not _select(st, f"SELECT ?c WHERE {{ GRAPH <{INFERRED}> {{ <{other}> a ?c }} }}")
        graph = ox.NamedNode(INFERRED)
        assert set(st.ox.quads_for_pattern(None, None, None, graph)) == class_closure(st.ox)
