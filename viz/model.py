"""The view model: what a page shows, independent of RDF and of HTML.

``ecokg.viz.network.build_view`` makes one from an rdflib graph; ``ecokg.viz.page`` writes it
as a self-contained HTML page. Every string in it may come from an article: hostile text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentInfo:
    """A source document, referred to by index from ``SourceRef.doc``."""

    iri: str
    title: str
    date: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """One sentence that states something, and the document it is in."""

    text: str
    doc: int | None = None
    inferred: bool = False


@dataclass
class Figure:
    """A reported figure (an ``eco:Observation``) folded into its entity's details."""

    label: str
    value: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    period: str | None = None
    indicator: str | None = None
    inferred: bool = False
    sources: list[SourceRef] = field(default_factory=list)


@dataclass
class DesignationInfo:
    """A title granted to an entity (an ``eco:Designation``) folded into its details."""

    title: str
    level: str | None = None
    batch: str | None = None
    granted_by: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)


@dataclass
class ViewNode:
    """A drawn node: an entity, or (aggregated views) a group of entities."""

    key: str  # the IRI, or a group key
    label: str
    cls: str  # local name of its class
    names: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    designations: list[DesignationInfo] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # labels of grouped entities
    count: int = 1
    degree: int = 0
    x: float | None = None
    y: float | None = None


@dataclass
class ViewEdge:
    """A drawn, directed edge labelled by its property."""

    source: str
    target: str
    prop: str  # the property IRI
    label: str
    sources: list[SourceRef] = field(default_factory=list)
    inferred: bool = False
    count: int = 1


@dataclass
class ViewModel:
    """Everything one page shows."""

    title: str
    lang: str = "zh"
    nodes: list[ViewNode] = field(default_factory=list)
    edges: list[ViewEdge] = field(default_factory=list)
    class_labels: dict[str, str] = field(default_factory=dict)
    documents: list[DocumentInfo] = field(default_factory=list)
    physics: bool = True
    aggregated: bool = False
    note: str | None = None


__all__ = ["DesignationInfo", "DocumentInfo", "Figure", "SourceRef", "ViewEdge", "ViewModel", "ViewNode"]
