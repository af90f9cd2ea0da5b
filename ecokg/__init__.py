"""ecokg: a knowledge graph of a region's AI industry ecosystem, built from Chinese articles.

The import package gathers the project's top-level folders as subpackages:
``ecokg.ontology`` (OWL + SHACL), ``ecokg.loaders`` (articles to records),
``ecokg.graph`` (records to RDF, store, CLI), ``ecokg.queries`` (SPARQL) and ``ecokg.viz``.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
