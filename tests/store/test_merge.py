"""One entity across articles: merging is evidence-based, deterministic and order-independent."""

from __future__ import annotations

import itertools
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from ecokg.graph.builder import doc_graphs
from ecokg.graph.merge import Occurrence, resolve
from ecokg.graph.namespaces import ECO, RDF, RDFS, SKOS
from ecokg.graph.store import EcoStore
from ecokg.names import name_key as normalize

ID = "https://w3id.org/ecokg/id/"


def union(path: Path):
    """The stated union: the class closure's superclass types (tests/store/test_closure.py) left out."""
    import pyoxigraph as ox

    from ecokg.graph.namespaces import INFERRED_GRAPH
    from ecokg.graph.oxconvert import from_ox

    with EcoStore.open(path, read_only=True) as store:
        g = store.union_graph(ontology=False)
        for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(INFERRED_GRAPH))):
            g.remove((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g


def test_any_order_and_twice_gives_isomorphic_graphs(tmp_path, make_store, articles):
    graphs = []
    for n, order in enumerate(itertools.permutations(["qd1", "qd2", "wh"])):
        path = make_store(tmp_path / f"s{n}", list(order))
        if n == 0:  # the same articles again change nothing
            make_store(path, list(order))
        graphs.append(union(path))
    with EcoStore.open(tmp_path / "batch", create=True) as store:  # one ingest call for all
        store.ingest(doc_graphs([articles["wh"](), articles["qd1"](), articles["qd2"]()]))
    graphs.append(union(tmp_path / "batch"))
    assert len(graphs[0]) > 150
    for g in graphs[1:]:
        assert isomorphic(graphs[0], g)


def test_shared_company_is_one_node_with_all_its_names(tmp_path, make_store):
    g = union(make_store(tmp_path / "s", ["qd1", "qd2", "wh"]))
    ubtech = URIRef(ID + "org/优必选")
    assert set(g.objects(ubtech, RDFS.label)) == {Literal("优必选", lang="zh"), Literal("UBTech", lang="en")}
    assert Literal("优必选科技", lang="zh") in set(g.objects(ubtech, SKOS.altLabel))
    assert set(g.objects(ubtech, RDF.type)) == {ECO.Company}  # most specific of Organization/Company
    assert len(set(g.objects(ubtech, ECO.mentionedIn))) == 3
    assert (None, None, URIRef(ID + "org/优必选科技")) not in g
    assert (URIRef(ID + "org/优必选科技"), None, None) not in g
    # reifications and mentions point at the merged node
    stmts = set(g.subjects(RDF.subject, ubtech))
    assert len(stmts) >= 3
    about = set(g.subjects(ECO.about, ubtech))
    assert len(about) >= 3


def test_every_entity_has_one_label_per_language_and_one_type(tmp_path, make_store):
    g = union(make_store(tmp_path / "s", ["wh", "qd2", "qd1"]))
    entities = {s for s in g.subjects(RDF.type, None)
                if any(str(s).startswith(f"{ID}{kind}/") for kind in ("org", "place", "product"))}
    assert len(entities) == 9
    for e in entities:
        langs = [lb.language for lb in g.objects(e, RDFS.label)]
        assert sorted(langs) == sorted(set(langs)), (e, langs)
        assert "zh" in langs or "en" in langs
        assert len(set(g.objects(e, RDF.type))) == 1, e


def test_two_cities_parks_stay_two_and_the_qingdao_short_name_merges(tmp_path, make_store):
    g = union(make_store(tmp_path / "s", ["qd1", "qd2", "wh"]))
    qd = URIRef(ID + "place/青岛人工智能产业园")
    parks = set(g.subjects(RDF.type, ECO.IndustrialPark))
    assert qd in parks
    wuhan = [p for p in parks if (p, ECO.locatedIn, URIRef(ID + "place/武汉市")) in g
             and p != URIRef(ID + "place/光谷软件园")]
    assert len(wuhan) == 1 and wuhan[0] != qd
    assert (wuhan[0], RDFS.label, Literal("人工智能产业园", lang="zh")) in g
    # Qingdao's second outlet calls it 人工智能产业园: merged into the Qingdao park
    assert (URIRef(ID + "org/优必选"), ECO.locatedIn, qd) in g
    assert (URIRef(ID + "org/优必选"), ECO.locatedIn, wuhan[0]) in g
    assert (URIRef(ID + "place/光谷软件园"), RDF.type, ECO.IndustrialPark) in g
    assert len(parks) == 3


def occ(doc, name, cls="Company", alts=(), regions=(), wikidata=()):
    kind = {"Company": "org", "Place": "place", "IndustrialPark": "place"}[cls]
    return Occurrence(doc=doc, iri=f"{ID}{kind}/{name}", cls=cls, label=name, alts=tuple(alts),
                      regions=tuple(regions), wikidata=tuple(wikidata))


def test_alt_alt_and_shared_prefix_never_merge():
    res = resolve([occ("d1", "甲科技", alts=["甲"]), occ("d2", "甲集团", alts=["甲"]),
                   occ("d3", "光谷软件园", "IndustrialPark"),
                   occ("d4", "光谷人工智能产业园", "IndustrialPark")])
    assert len({r.iri for r in res.values()}) == 4


def test_label_alt_and_gazetteer_id_merge_within_a_family_only():
    res = resolve([occ("d1", "乙科技", alts=["乙"]), occ("d2", "乙"),
                   occ("d3", "丙公司", wikidata=["Q1"]), occ("d4", "丙", wikidata=["Q1"]),
                   occ("d5", "乙", "Place")])
    assert res[("d1", ID + "org/乙科技")] == res[("d2", ID + "org/乙")]
    assert res[("d3", ID + "org/丙公司")] == res[("d4", ID + "org/丙")]
    assert res[("d5", ID + "place/乙")].iri == ID + "place/乙"


def test_resolution_does_not_depend_on_input_order():
    items = [occ("d1", "乙科技", alts=["乙"]), occ("d2", "乙"), occ("d3", "青岛市", "Place"),
             occ("d3", "青岛人工智能产业园", "IndustrialPark", alts=["人工智能产业园"], regions=["青岛市"]),
             occ("d4", "人工智能产业园", "IndustrialPark", regions=["青岛市"]),
             occ("d5", "人工智能产业园", "IndustrialPark", regions=["武汉市"])]
    first = resolve(items)
    for perm in itertools.islice(itertools.permutations(items), 0, 720, 37):
        assert resolve(perm) == first
    assert first[("d4", ID + "place/人工智能产业园")] == first[("d3", ID + "place/青岛人工智能产业园")]
    assert first[("d5", ID + "place/人工智能产业园")].iri != first[("d4", ID + "place/人工智能产业园")].iri


def test_normalize():
    assert normalize(" “优必选” ") == normalize("优必选")
    assert normalize("ＵＢＴｅｃｈ") == normalize("ubtech")
