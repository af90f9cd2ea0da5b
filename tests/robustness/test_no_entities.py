"""An article that names nothing: it WORKS, giving a graph with the document and little else."""

from __future__ import annotations

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from ecokg.graph.iris import KIND_BY_CLASS
from ecokg.graph.namespaces import ECO

TEXT = "今天天气很好，我们一起去散步。\n大家都很开心，晚上吃了饺子。\n明天还要早起。\n"


def test_article_without_entities(tmp_path, ecokg) -> None:
    article = tmp_path / "weather.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "weather.trig"
    proc = ecokg("build", "-q", "-o", str(out), str(article))
    assert proc.returncode == 0, proc.stderr
    ds = Dataset(default_union=True)
    ds.parse(out, format="trig")
    docs = set(ds.subjects(RDF.type, ECO.SourceDocument))
    assert len(docs) == 1
    entity_classes = {ECO[c] for c in KIND_BY_CLASS}
    entities = {s for s, o in ds.subject_objects(RDF.type) if o in entity_classes}
    assert not entities - {s for s in entities if isinstance(s, URIRef) and "/place/" in str(s)}
    assert not set(ds.subjects(RDF.type, ECO.Observation))
    proc = ecokg("check", "--no-reasoner", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
