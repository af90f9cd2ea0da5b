"""Named SPARQL queries, run locally: the one import point of the query layer's parts.

- ``catalogue``: find the packaged ``.rq`` files and read their headers;
- ``binding``: parameters (entity names or IRIs) to bound values;
- ``local``: the embedded store as a backend (scope, ``VALUES`` injection, rows as rdflib terms);
- ``deadline``: a query with a time limit in a worker process;
- ``results``: the engine-neutral ``Result``.
"""

from __future__ import annotations

from ecokg.queries.binding import (
    LABELS_QUERY,
    Backend,
    bind_params,
    combinations,
    exact_entities,
    resolve_name,
)
from ecokg.queries.catalogue import NamedQuery, Param, list_queries, load_query, parse_header
from ecokg.queries.deadline import local_job, run_local, run_with_deadline
from ecokg.queries.local import SCOPE_QUERY, LocalBackend, execute
from ecokg.queries.results import Result, plain

__all__ = [
    "LABELS_QUERY", "SCOPE_QUERY", "Backend", "LocalBackend", "NamedQuery", "Param", "Result", "bind_params",
    "combinations", "exact_entities", "execute", "list_queries", "load_query", "local_job", "parse_header",
    "plain", "resolve_name", "run_local", "run_with_deadline",
]
