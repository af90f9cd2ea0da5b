"""What a region report shows, read from a store: every item carries the index of its sentence.

``report_data(store, region)`` returns plain JSON-able data: the region's articles and sentences, the
industry chain (segments with the region's actors, gaps with the regions that have them), key
players (``graph.analysis``), parks with their members, policies/funds/subsidies with amounts,
designations with their article's date, and figures. Items point into ``sentences`` by index, and
each sentence names its article, so the page can show where every number and name comes from.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from ecokg.graph.namespaces import sparql_prefixes

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

_SENTENCES = """SELECT ?m ?text ?doc ?title ?issued ?url ?file WHERE {
  ?doc dcterms:spatial ?region . ?m a eco:Mention ; eco:inDocument ?doc ; eco:text ?text ; eco:start ?start .
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?doc dcterms:source ?url } OPTIONAL { ?doc eco:fileName ?file } } ORDER BY ?issued ?doc ?start"""
_POLICIES = """SELECT ?p ?label ?type ?amount ?unit ?perYear ?period ?issuer ?m WHERE {
  ?doc dcterms:spatial ?region . ?m eco:inDocument ?doc ; eco:about ?p ; eco:start ?start .
  VALUES ?type { eco:PolicyDocument eco:Fund eco:Subsidy eco:Policy } ?p a ?type ; rdfs:label ?label .
  FILTER(lang(?label) = "zh")
  OPTIONAL { ?p eco:amount ?amount } OPTIONAL { ?p eco:unit ?unit } OPTIONAL { ?p eco:perYear ?perYear }
  OPTIONAL { ?p eco:periodLabel ?period }
  OPTIONAL { ?p eco:issuedBy|eco:establishedBy ?i . ?i rdfs:label ?issuer FILTER(lang(?issuer) = "zh") }
} ORDER BY ?doc ?start"""
_DESIGNATIONS = """SELECT ?d ?title ?holder ?level ?batch ?grantor ?issued ?m WHERE {
  ?doc dcterms:spatial ?region . ?d a eco:Designation ; eco:title ?title ; prov:wasDerivedFrom ?m .
  ?m eco:inDocument ?doc . ?h eco:hasDesignation ?d ; rdfs:label ?holder . FILTER(lang(?holder) = "zh")
  OPTIONAL { ?d eco:level ?lv . ?lv rdfs:label ?level FILTER(lang(?level) = "zh") }
  OPTIONAL { ?d eco:batch ?batch } OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?d eco:grantedBy ?g . ?g rdfs:label ?grantor FILTER(lang(?grantor) = "zh") } }
  ORDER BY ?issued ?title"""
_FIGURES = """SELECT ?o ?label ?value ?unit ?qualifier ?indicator ?whose ?period ?target ?m WHERE {
  ?doc dcterms:spatial ?region .
  ?o a eco:Observation ; eco:value ?value ; eco:unit ?unit ; prov:wasDerivedFrom ?m .
  ?m eco:inDocument ?doc ; eco:start ?start .
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { ?o eco:qualifier ?q . ?q rdfs:label ?qualifier FILTER(lang(?qualifier) = "zh") }
  OPTIONAL { ?o eco:indicator ?i . ?i skos:prefLabel ?indicator FILTER(lang(?indicator) = "zh") }
  OPTIONAL { ?o eco:observedEntity ?e . ?e rdfs:label ?whose FILTER(lang(?whose) = "zh") }
  OPTIONAL { ?o eco:periodLabel ?period } OPTIONAL { ?o eco:isTarget ?target }
  FILTER NOT EXISTS { ?o eco:extractionRule "analysis:networkx" } } ORDER BY ?doc ?start"""
_PARKS = """SELECT ?park ?parkLabel ?member ?memberLabel ?m WHERE {
  ?doc dcterms:spatial ?region . ?pm eco:inDocument ?doc ; eco:about ?park .
  ?park a eco:IndustrialPark ; rdfs:label ?parkLabel . FILTER(lang(?parkLabel) = "zh")
  OPTIONAL { ?st rdf:subject ?member ; rdf:predicate eco:locatedIn ; rdf:object ?park ;
                 prov:wasDerivedFrom ?m .
             ?member rdfs:label ?memberLabel . FILTER(lang(?memberLabel) = "zh")
             FILTER NOT EXISTS { ?member a eco:IndustrialPark } } } ORDER BY ?parkLabel ?memberLabel"""
_PLACEMENTS = """SELECT ?actor ?label ?segment ?rule ?m ?spatial ?spatialLabel WHERE {
  ?st rdf:subject ?actor ; rdf:predicate eco:inSegment ; rdf:object ?segment ; prov:wasDerivedFrom ?m .
  OPTIONAL { ?st eco:extractionRule ?rule }
  ?m eco:inDocument ?doc . ?doc dcterms:spatial ?spatial . ?spatial rdfs:label ?spatialLabel .
  FILTER(lang(?spatialLabel) = "zh") ?actor rdfs:label ?label . FILTER(lang(?label) = "zh") }
  ORDER BY ?label"""


def _s(row: dict[str, Any], key: str) -> str:
    v = row.get(key)
    return "" if v is None else str(v)


def report_data(store: EcoStore, region: URIRef) -> dict[str, Any]:
    from ecokg.graph.analysis import analyze
    from ecokg.graph.chain import load_chain

    pre = sparql_prefixes()

    def rows(q: str) -> list[dict[str, Any]]:
        return store.select(pre + q.replace("?region", f"<{region}>"))

    docs: dict[str, dict[str, str]] = {}
    sentences: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for r in rows(_SENTENCES):
        doc = _s(r, "doc")
        if doc not in docs:
            docs[doc] = {"title": _s(r, "title"), "issued": _s(r, "issued")[:10], "url": _s(r, "url"),
                         "file": _s(r, "file")}
        if _s(r, "m") not in index:
            index[_s(r, "m")] = len(sentences)
            sentences.append({"text": _s(r, "text"), "doc": list(docs).index(doc)})

    def at(row: dict[str, Any]) -> int:
        return index.get(_s(row, "m"), -1)

    scheme = load_chain()
    segs = scheme.ordered()
    here: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    elsewhere: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.select(pre + _PLACEMENTS):
        seg = URIRef(_s(r, "segment"))
        chain = [seg]
        while chain[-1] in scheme.segments and scheme.segments[chain[-1]].broader is not None:
            chain.append(scheme.segments[chain[-1]].broader or seg)
        for s in chain:
            if r["spatial"] == region:
                actor = here[str(s)].setdefault(_s(r, "actor"), {"label": _s(r, "label"), "evidence": []})
                actor["evidence"].append({"rule": _s(r, "rule"), "sentence": at(r)})
            else:
                elsewhere[str(s)][_s(r, "spatialLabel")].add(_s(r, "label"))
    chain_rows = []
    for seg in segs:
        actors = sorted(here[str(seg.iri)].values(), key=lambda a: a["label"])
        chain_rows.append({"iri": str(seg.iri), "label": seg.zh, "en": seg.en, "notation": seg.notation,
                           "depth": seg.depth, "layer": scheme.layer_of(seg.iri).zh,
                           "broader": str(seg.broader) if seg.broader else "",
                           "actors": actors,
                           "elsewhere": {k: sorted(v) for k, v in sorted(elsewhere[str(seg.iri)].items())}})
    analysis = analyze(store, region)
    players = [{"label": p.label, "cls": p.cls, "degree": p.degree, "betweenness": p.betweenness,
                "community": p.community, "links": p.links, "sentence": index.get(p.mention, -1)}
               for p in analysis.players[:15]]
    parks: dict[str, dict[str, Any]] = {}
    for r in rows(_PARKS):
        park = parks.setdefault(_s(r, "park"), {"label": _s(r, "parkLabel"), "members": []})
        if r.get("member") is not None and all(m["label"] != _s(r, "memberLabel") for m in park["members"]):
            park["members"].append({"label": _s(r, "memberLabel"), "sentence": at(r)})
    policies: dict[str, dict[str, Any]] = {}
    for r in rows(_POLICIES):
        p = policies.setdefault(_s(r, "p"), {"label": _s(r, "label"), "types": [], "amount": _s(r, "amount"),
                                             "unit": _s(r, "unit"), "perYear": _s(r, "perYear") == "true",
                                             "period": _s(r, "period"), "issuer": _s(r, "issuer"),
                                             "sentence": at(r)})
        kind = _s(r, "type").rsplit("#", 1)[-1]
        if kind not in p["types"]:
            p["types"].append(kind)
    designations = []
    for r in rows(_DESIGNATIONS):
        item = {"title": _s(r, "title"), "holder": _s(r, "holder"), "level": _s(r, "level"),
                "batch": _s(r, "batch"), "grantor": _s(r, "grantor"), "date": _s(r, "issued")[:10],
                "sentence": at(r)}
        if item not in designations:
            designations.append(item)
    figures: dict[str, dict[str, Any]] = {}
    for r in rows(_FIGURES):
        figures.setdefault(_s(r, "o"), {
            "label": _s(r, "label"), "value": _s(r, "value"), "unit": _s(r, "unit"),
            "qualifier": _s(r, "qualifier"), "indicator": _s(r, "indicator"), "whose": _s(r, "whose"),
            "period": _s(r, "period"), "target": _s(r, "target") == "true", "sentence": at(r)})
    label = next((str(r["l"]) for r in store.select(
        pre + f'SELECT ?l WHERE {{ <{region}> rdfs:label ?l FILTER(lang(?l) = "zh") }}')), str(region))
    return {"region": label, "iri": str(region), "documents": list(docs.values()), "sentences": sentences,
            "chain": chain_rows, "players": players, "communities": len(analysis.communities),
            "bridges": [{"label": b.label, "parks": b.parks} for b in analysis.bridges],
            "parks": sorted(parks.values(), key=lambda p: (-len(p["members"]), p["label"])),
            "policies": list(policies.values()), "designations": designations,
            "figures": list(figures.values())}


__all__ = ["report_data"]
