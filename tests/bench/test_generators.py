"""The synthetic graph and article generators, at the smallest scale."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from bench.gen_articles import parse_size, plan_article, render, write_corpus
from bench.gen_graph import write_graph
from bench.world import World
from ecokg.graph.namespaces import ECO, ENTITY_GRAPH, RDF
from ecokg.resources import ontology_file


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    path = tmp_path_factory.mktemp("graph") / "g.nq"
    return path, write_graph(path, 3000, seed=7)


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def test_graph_is_deterministic_by_seed(small: tuple[Path, object], tmp_path: Path) -> None:
    path, _info = small
    again = write_graph(tmp_path / "again.nq", 3000, seed=7)
    other = write_graph(tmp_path / "other.nq", 3000, seed=8)
    assert Path(again.path).read_bytes() == path.read_bytes()
    assert Path(other.path).read_bytes() != path.read_bytes()


def test_graph_reaches_its_size_and_grows_by_appending(small: tuple[Path, object], tmp_path: Path) -> None:
    path, info = small
    lines = path.read_text(encoding="utf-8").splitlines()
    assert info.quads == len(lines) >= 3000  # type: ignore[attr-defined]
    assert len(set(lines)) == len(lines)
    bigger = write_graph(tmp_path / "big.nq", 8000, seed=7)
    big_lines = Path(bigger.path).read_text(encoding="utf-8").splitlines()
    assert big_lines[: len(lines)] == lines
    assert bigger.entities > info.entities  # type: ignore[attr-defined]


def test_graph_parses_and_uses_only_ontology_terms(small: tuple[Path, object]) -> None:
    path, info = small
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == info.quads  # type: ignore[attr-defined]
    onto = Graph().parse(ontology_file().open("rb"), format="turtle")
    declared = {str(s) for s in onto.subjects() if isinstance(s, URIRef)}
    used = {q.predicate.value for q in quads if q.predicate.value.startswith(str(ECO))}
    used |= {q.object.value for q in quads
             if q.predicate.value == str(RDF.type) and q.object.value.startswith(str(ECO))}
    assert used, "no eco: terms used"
    assert used <= declared, f"not in the ontology: {sorted(used - declared)}"
    # one named graph per document, named by the document, and the entity graph
    graphs = {q.graph_name.value for q in quads} - {str(ENTITY_GRAPH)}
    docs = {q.subject.value for q in quads
            if q.predicate.value == str(RDF.type) and q.object.value == str(ECO.SourceDocument)}
    assert graphs == docs and len(docs) == info.documents  # type: ignore[attr-defined]


def test_mentions_point_at_their_sentence_in_the_content(small: tuple[Path, object]) -> None:
    store = _store(small[0])
    rows = store.query("""
        PREFIX eco: <https://w3id.org/ecokg/ontology#>
        SELECT ?text ?start ?end ?content WHERE { GRAPH ?g {
          ?m a eco:Mention ; eco:text ?text ; eco:start ?start ; eco:end ?end ; eco:inDocument ?g .
          ?g eco:content ?content } }""")
    checked = 0
    for row in rows:
        assert row["content"].value[int(row["start"].value):int(row["end"].value)] == row["text"].value
        checked += 1
    assert checked > 20


def test_every_statement_is_reified_with_its_mention(small: tuple[Path, object]) -> None:
    store = _store(small[0])
    missing = list(store.query("""
        PREFIX eco: <https://w3id.org/ecokg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s ?p ?o WHERE {
          ?s ?p ?o . ?s a ?c . ?o a ?c2 .
          FILTER(STRSTARTS(STR(?p), STR(eco:)) && ?p NOT IN (eco:about, eco:mentionedIn, eco:inDocument,
                 eco:observedEntity, eco:indicator, eco:qualifier, eco:level))
          FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?m .
                              ?m a eco:Mention } }""", use_default_graph_as_union=True))
    assert missing == []


def test_articles_are_deterministic_and_sized(tmp_path: Path) -> None:
    a = write_corpus(tmp_path / "a", 20_000, seed=3)
    b = write_corpus(tmp_path / "b", 20_000, seed=3)
    assert a.bytes >= 20_000 and a.files == b.files > 1
    for fa, fb in zip(sorted((tmp_path / "a").iterdir()), sorted((tmp_path / "b").iterdir()), strict=True):
        assert fa.read_bytes() == fb.read_bytes()
    assert sum(f.stat().st_size for f in (tmp_path / "a").iterdir()) == a.bytes


def test_articles_read_as_articles_of_the_genre(tmp_path: Path) -> None:
    """The real loader finds the planned region, title, date and the park the article is about."""
    from ecokg.loaders.news_loader import NewsArticleLoader
    from ecokg.loaders.reader import iter_sources

    w = World(5)
    loader = NewsArticleLoader()
    for i in range(3):
        plan = plan_article(w, i)
        path = tmp_path / f"a{i}.txt"
        path.write_text(render(plan), encoding="utf-8")
        ex = loader.load(next(iter_sources([str(path)])))
        assert ex.document.region == plan.region.name
        assert ex.document.title == plan.title
        assert (ex.document.issued or "")[:10] == plan.issued[:10]
        park = plan.sentences[1].entities[0].name
        assert park in ex.entities and ex.entities[park].cls == "IndustrialPark"
        assert ex.observations, "no figure found"


def test_invented_names_are_unique() -> None:
    w = World(1)
    brands = [w.brand() for _ in range(5000)]
    assert len(set(brands)) == len(brands)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", b) for b in brands)


def test_parse_size() -> None:
    assert parse_size("1MB") == 1_000_000
    assert parse_size("10k") == 10_000
    assert parse_size("2.5M") == 2_500_000
    with pytest.raises(ValueError, match="not like"):
        parse_size("lots")
