"""Relations whose object must be an organization, when a sentence names a place.

``苏州市设立了…基金``, ``由浦东新区建设``: a city or district acts through its government, and the
ontology says so (``establishedBy``, ``issuedBy`` … have the range ``Organization``, which is
disjoint with ``Place``). This component keeps such a fact and gives it a consistent object: the
place's government when the article names it (``苏州市人民政府``; a park's management committee,
``X管委会``), else a government entity inferred from the place. ``partOf`` a place is ``locatedIn``
it. Any other relation whose object cannot be of its range is dropped, so the graph never
contradicts the ontology.
"""

from __future__ import annotations

from dataclasses import replace

from ecokg.loaders.class_groups import group, ranged
from ecokg.loaders.pipeline import DocState
from ecokg.loaders.records import Entity, Relation

#: What a place does through its government (the others, e.g. suppliesTo, a place cannot be).
ACTS_THROUGH_GOVERNMENT = frozenset({"establishedBy", "issuedBy", "developedBy", "operatedBy",
                                     "organizedBy", "grantedBy"})
GOVERNMENT_SUFFIXES = ("人民政府", "政府")


PARK_SUFFIXES = ("管委会", "管理委员会", "管理局", "管理办公室", "管理处")


def government_of(place: str, entities: dict[str, Entity], sentence: int) -> str:
    """The key of ``place``'s government (a park's: its management committee): the one the article
    names, else a new inferred entity."""
    ent = entities.get(place)
    park = ent is not None and ent.cls in group("IndustrialPark")
    suffixes = PARK_SUFFIXES if park else GOVERNMENT_SUFFIXES
    names = [place, *sorted(ent.alt_labels)] if ent is not None else [place]
    for name in names:
        for suffix in suffixes:
            if name + suffix in entities:
                return name + suffix
            found = next((k for k, e in entities.items() if e.cls in group("GovernmentBody")
                          and name + suffix in e.alt_labels), None)
            if found:
                return found
    key = place + suffixes[0]
    entities[key] = Entity(key=key, cls="GovernmentBody", sentences={sentence}, source="inferred")
    return key


def agents(state: DocState) -> None:
    """Give every relation with an organization range an object of that range."""
    org_range = ranged("Organization")
    places = group("Place")
    out: list[Relation] = []
    for r in state.relations:
        obj = state.entities.get(r.object)
        if r.predicate not in org_range or obj is None or obj.cls not in places:
            out.append(r)
        elif r.predicate in ACTS_THROUGH_GOVERNMENT:
            gov = government_of(r.object, state.entities, r.sentence)
            if gov != r.subject:
                out.append(replace(r, object=gov, implicit=True))
        elif r.predicate == "partOf":
            out.append(replace(r, predicate="locatedIn"))
    state.relations = out
