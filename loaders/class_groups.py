"""Class groups from the ontology's subclass axioms, by local name.

The rules name ontology classes (``Organization``, ``Place``, ``Product`` …); a group is a class
with all its subclasses, read from ``ontology/ecokg.ttl``, so adding a subclass there puts it in
every group of its superclasses without touching a rule. Only local names are used here: the
loaders know the vocabulary's words, not its IRIs (those are in ``graph/namespaces.py``).
"""

from __future__ import annotations

from functools import cache

from ecokg.resources import ontology_file

_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?sub ?sup WHERE { ?sub a owl:Class . OPTIONAL { ?sub rdfs:subClassOf ?sup } }
"""
_PROPERTIES = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p ?range WHERE { ?p a owl:ObjectProperty . OPTIONAL { ?p rdfs:range ?range } }
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@cache
def _ontology() -> tuple[dict[str, set[str]], frozenset[str], dict[str, str]]:
    import pyoxigraph

    store = pyoxigraph.Store()
    with ontology_file().open("rb") as fh:
        store.load(fh, format=pyoxigraph.RdfFormat.TURTLE)
    ns = None
    parents: dict[str, set[str]] = {}
    for row in store.query(_QUERY):  # type: ignore[union-attr]
        sub = row["sub"]
        if not isinstance(sub, pyoxigraph.NamedNode):
            continue
        iri = sub.value
        if ns is None and iri.endswith("#Organization") and "ecokg" in iri:
            ns = iri[: -len("Organization")]
        parents.setdefault(iri, set())
        sup = row["sup"]
        if isinstance(sup, pyoxigraph.NamedNode):
            parents[iri].add(sup.value)
    own = {iri for iri in parents if ns and iri.startswith(ns)}
    local_parents = {_local(i): {_local(p) for p in ps if p in own} for i, ps in parents.items() if i in own}
    props: set[str] = set()
    ranges: dict[str, str] = {}  # property -> its range class, where the range is one named class
    for r in store.query(_PROPERTIES):  # type: ignore[union-attr]
        if isinstance(r["p"], pyoxigraph.NamedNode) and ns and r["p"].value.startswith(ns):
            props.add(_local(r["p"].value))
            if isinstance(r["range"], pyoxigraph.NamedNode) and r["range"].value.startswith(ns):
                ranges[_local(r["p"].value)] = _local(r["range"].value)
    return local_parents, frozenset(props), ranges


def classes() -> frozenset[str]:
    """Every class of the ontology, by local name."""
    return frozenset(_ontology()[0])


def properties() -> frozenset[str]:
    """Every object property of the ontology, by local name."""
    return _ontology()[1]


def ranged(name: str) -> frozenset[str]:
    """The object properties whose range is the class ``name`` (one named class, not a union)."""
    return frozenset(p for p, r in _ontology()[2].items() if r == name)


@cache
def group(name: str) -> frozenset[str]:
    """``name`` and all its subclasses (transitively); unknown names raise ``KeyError``."""
    parents = _ontology()[0]
    if name not in parents:
        raise KeyError(name)
    out = {name}
    changed = True
    while changed:
        changed = False
        for cls, sups in parents.items():
            if cls not in out and sups & out:
                out.add(cls)
                changed = True
    return frozenset(out)
