"""``--as-of DATE``: the store as it was known on a date, for code that reads the whole union.

Named queries restrict their scope themselves (``queries/runner.LocalBackend(as_of=…)``); pages
that read the union (``ecokg report``) get ``scoped_copy``: an in-memory read-only store holding
the documents issued by the date (an undated document is left out: nothing says it was known
then) and every graph that is not a document graph (entities, ontology, derived graphs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecokg.graph.namespaces import DCTERMS, ECO

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

_DOCS = f"""SELECT ?g ?d WHERE {{ GRAPH ?g {{
    ?g a <{ECO.SourceDocument}> OPTIONAL {{ ?g <{DCTERMS.issued}> ?d }} }} }}"""


def later_documents(store: EcoStore, as_of: str) -> set[str]:
    """Document graphs issued after ``as_of`` (YYYY-MM-DD) or undated."""
    out = set()
    for r in store.ox.query(_DOCS):
        issued = r["d"].value[:10] if r["d"] is not None else None
        if issued is None or issued > as_of:
            out.add(r["g"].value)
    return out


def scoped_copy(store: EcoStore, as_of: str) -> EcoStore:
    """A read-only in-memory copy of ``store`` without the documents issued after ``as_of``."""
    import pyoxigraph as ox

    from ecokg.graph.store import EcoStore

    later = later_documents(store, as_of)
    mem = ox.Store()
    mem.extend(q for q in store.ox
               if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in later))
    return EcoStore(store.path, mem, True)


__all__ = ["later_documents", "scoped_copy"]
