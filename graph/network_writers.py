"""GEXF and GraphML writers of the format registry (networkx, for Gephi).

Nodes are the entities (label zh and en, class, a colour per class from the selection's
``colours`` function, else a stable hash; GEXF also as ``viz:color``); edges are the ``eco:``
properties between two entities (label = local name and zh label of the property).
"""

from __future__ import annotations

import hashlib
import io
from typing import Any, BinaryIO

from ecokg.graph.export_selection import ExportSelection
from ecokg.graph.iris import KIND_BY_CLASS
from ecokg.graph.namespaces import ECO, RDF, RDFS

_ENTITY = {str(ECO[c]): c for c in KIND_BY_CLASS}
_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)


def class_colour(cls: str) -> str:
    """The default colour of a class: a stable hash of its name (the views' legend is passed in)."""
    return "#" + hashlib.sha256(cls.encode("utf-8")).hexdigest()[:6]


class NetworkWriter:
    """Entities and their relations as a networkx graph, written by ``nx.write_<fmt>``."""

    fmt = "gexf"

    def write(self, selection: ExportSelection, out: BinaryIO) -> int:
        import networkx as nx

        g = _network(selection, self.fmt)
        buf = io.BytesIO()
        if self.fmt == "gexf":
            nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
        else:
            nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
        out.write(buf.getvalue().replace(b"\r", b"&#13;"))
        return int(g.number_of_nodes() + g.number_of_edges())


class GexfWriter(NetworkWriter):
    fmt = "gexf"


class GraphMLWriter(NetworkWriter):
    fmt = "graphml"


def _network(selection: ExportSelection, fmt: str) -> Any:
    import networkx as nx
    import pyoxigraph as ox

    from ecokg.graph.merge import class_depth

    colours = selection.colours or class_colour
    classes: dict[str, set[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    links: set[tuple[str, str, str]] = set()
    props: set[str] = set()
    eco = str(ECO)
    for q in selection.quads():
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == _TYPE and isinstance(o, ox.NamedNode) and o.value in _ENTITY:
            classes.setdefault(s.value, set()).add(_ENTITY[o.value])
        elif p == _LABEL and isinstance(o, ox.Literal):
            lang = o.language or ""
            cur = labels.setdefault(s.value, {})
            if lang not in cur or o.value < cur[lang]:
                cur[lang] = o.value
        elif p.startswith(eco) and isinstance(o, ox.NamedNode):
            links.add((s.value, p, o.value))
            props.add(p)
    prop_labels = _property_labels(selection.ox_store, props)
    g = nx.MultiDiGraph()
    for node in sorted(classes):
        cls = sorted(classes[node], key=lambda c: (-class_depth(c), c))[0]
        colour = colours(cls)
        r, gg, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        names = labels.get(node, {})
        attrs: dict[str, Any] = {"label": names.get("zh") or names.get("") or node.rsplit("/", 1)[-1],
                                 "label_en": names.get("en", ""), "class": cls, "color": colour, "iri": node}
        if fmt == "gexf":
            attrs["viz"] = {"color": {"r": r, "g": gg, "b": b, "a": 1.0}}
        else:
            attrs.update({"r": r, "g": gg, "b": b})
        g.add_node(node, **attrs)
    for s, p, o in sorted(e for e in links if e[0] in classes and e[2] in classes):
        local = p[len(eco):]
        zh = prop_labels.get(p, "")
        g.add_edge(s, o, key=local, label=f"{local} {zh}".strip(), property=p)
    return g


def _property_labels(ox_store: Any, props: set[str]) -> dict[str, str]:
    import pyoxigraph as ox

    out: dict[str, str] = {}
    for p in sorted(props):
        for q in ox_store.quads_for_pattern(ox.NamedNode(p), ox.NamedNode(_LABEL), None, None):
            if isinstance(q.object, ox.Literal) and q.object.language == "zh":
                out[p] = min(out.get(p, q.object.value), q.object.value)
    return out


__all__ = ["GexfWriter", "GraphMLWriter", "NetworkWriter", "class_colour"]
