"""SHACL validation of RDF data with the ecokg shapes (``ontology/shapes.ttl``), by pySHACL.

No inference: the ontology's ``rdfs:subClassOf`` triples are in the data graph, so
``sh:targetClass`` reaches subclass instances.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ecokg.graph.check_report import Violation, label_of, short
from ecokg.graph.namespaces import RDF, RDFS, SH


def run_shacl(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    """Validate ``data`` (which should include the ontology) with the ecokg shapes."""
    import pyshacl

    if shapes is None:
        from ecokg.resources import ontology_file

        shapes = Graph()
        with ontology_file("shapes.ttl").open("rb") as fh:
            shapes.parse(fh, format="turtle")
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                 advanced=False, allow_warnings=True)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(r, SH.sourceShape)
        focus = results.value(r, SH.focusNode)
        shape_label = next((str(lit) for lit in shapes.objects(shape, RDFS.label)
                            if isinstance(lit, Literal) and lit.language == "en"), None)
        message = results.value(r, SH.resultMessage)
        path = results.value(r, SH.resultPath)
        severity = results.value(r, SH.resultSeverity)
        out.append(Violation(
            shape=short(shape) or "", shape_label=shape_label or short(shape) or "",
            focus=short(focus) or "", focus_label=label_of(data, focus) if focus is not None else None,
            message=str(message) if message else "does not conform",
            path=short(path) if isinstance(path, URIRef) else None,
            value=short(results.value(r, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        ))
    return sorted(out, key=lambda v: (v.shape_label, v.focus_label or "", v.focus, v.message))


__all__ = ["run_shacl"]
