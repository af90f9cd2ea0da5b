"""ecokg: a knowledge graph of a region's AI industry ecosystem, built from Chinese articles.

The library API (``ecokg.api``) is re-exported here, imported only when first used so that
``import ecokg`` and ``ecokg --help`` stay fast::

    import ecokg

    with ecokg.open("my-store") as kg:     # ecokg.open() alone: a temporary store
        kg.build(["articles/"])
        kg.query("companies-in-park").to_pandas()

The import package gathers the project's top-level folders as subpackages, in layers that
import downwards only: ``ecokg.loaders`` (articles to records), ``ecokg.graph`` (records to RDF,
the store, export, load), ``ecokg.queries`` (SPARQL), ``ecokg.viz`` (views), and the
application on top: ``ecokg.api``, ``ecokg.cli``, ``ecokg.server`` (see docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = ("KG", "BuildReport", "open", "extract", "read_sources", "write_graph", "named_query", "sample_files",
        "diff")
_MODULES = ("api", "result", "errors", "names", "resources", "cli", "server",
            "graph", "loaders", "queries", "viz")

if TYPE_CHECKING:
    from ecokg import api as api
    from ecokg import errors as errors
    from ecokg import result as result
    from ecokg.api import (
        KG,
        BuildReport,
        diff,
        extract,
        named_query,
        open,
        read_sources,
        sample_files,
        write_graph,
    )
    from ecokg.result import QueryResult

__all__ = ["KG", "BuildReport", "QueryResult", "__version__", "diff", "extract", "named_query", "open",
           "read_sources", "sample_files", "write_graph"]


def __getattr__(name: str) -> Any:
    if name in _API:
        from ecokg import api

        return getattr(api, name)
    if name in _MODULES:
        from importlib import import_module

        return import_module(f"ecokg.{name}")
    if name == "QueryResult":
        from ecokg.result import QueryResult

        return QueryResult
    raise AttributeError(f"module 'ecokg' has no attribute {name!r}")
