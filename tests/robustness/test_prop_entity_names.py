"""Any string as an entity name survives Turtle, TriG and JSON-LD: rdflib's writers and ecokg's
own exporter, read back by rdflib, give an isomorphic graph holding the name unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from ecokg.graph.builder import GraphBuilder
from ecokg.graph.export import export_dataset
from ecokg.graph.namespaces import RDFS
from ecokg.loaders.records import Document, Entity, Extraction, Sentence

HOSTILE = st.sampled_from(['"', "'", "\\", "}", "{", "\n", "\r", "\t", "<", ">", "&", "#", "@", "^^", '"""',
                           "'''", "\\u0022", "%", "\x00", "\x7f", "\u2028", "青岛", "公司", " ", "_:b"])
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
NAMES = st.one_of(st.text(min_size=1, max_size=30),
                  st.lists(HOSTILE, min_size=1, max_size=12).map("".join))


def extraction(name: str) -> Extraction:
    text = f"{name}落户青岛市。"
    doc = Document(text=text, title=f"标题{name}", source_path="names.txt", issued="2025-01-01")
    return Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)],
                      entities={name: Entity(name, "Company", alt_labels={name + "集团"}, sentences={0})})


def union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _labels(g: Graph) -> set[str]:
    return {str(o) for o in g.objects(None, RDFS.label) if isinstance(o, Literal)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES)
def test_entity_name_round_trips(name: str) -> None:
    assume(name.strip() == name and name)
    ds = GraphBuilder().build([extraction(name)])
    expected = union(ds)
    assert name in _labels(expected)
    for fmt in ("turtle", "trig", "json-ld"):
        data = ds.serialize(format=fmt) if fmt != "turtle" else expected.serialize(format="turtle")
        back = Dataset(default_union=True)
        back.parse(data=data, format=fmt)
        assert isomorphic(union(back), expected), fmt
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, fmt in ((".ttl", "turtle"), (".trig", "trig"), (".jsonld", "json-ld"), (".nq", "nquads")):
            out = Path(tmp) / f"out{suffix}"
            export_dataset(ds, out, ontology=False)
            back = Dataset(default_union=True)
            back.parse(out, format=fmt)
            assert isomorphic(union(back), expected), suffix
            assert name in _labels(union(back))
