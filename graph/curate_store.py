"""Changing a store's curation: check a decision against the store, write the file, re-commit.

``add_decision`` is all or nothing: the new file is parsed and checked (names that must name
entities of the store, families that must agree) before anything is written; the store is then
re-committed with the decisions applied (one transaction), and when that fails the old file is
put back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecokg.graph.commit import RawFiles, commit, load_state
from ecokg.graph.curation import FILE, Curation, Decision

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore


def apply_curation(store: EcoStore) -> list[str]:
    """Rewrite every document graph, the entity graph and the curation graph under the current file."""
    raw = RawFiles(store.path)
    state = load_state(store, raw)
    written, _quads = commit(store, raw, state, state, set(state), set())
    return written


def change_curation(store: EcoStore, curation: Curation, new: list[Decision] | None = None) -> Curation:
    """Check ``curation`` against the store, make it the store's file and apply it (all or nothing)."""
    path = store.path / "ecokg-meta" / FILE
    # a whole file is checked with its own line numbers; new decisions with those of the store's file
    checked = curation if new is None else Curation.parse(curation.dump(), str(path))
    checked.validate()
    raw = RawFiles(store.path)
    state = load_state(store, raw)
    checked.check_against((o for r in state.values() for o in r.occurrences), new)
    old = path.read_bytes() if path.is_file() else None
    checked.write(store.path)
    try:
        commit(store, raw, state, state, set(state), set())
    except BaseException:
        if old is None:
            path.unlink(missing_ok=True)
        else:
            from ecokg.graph.storefs import atomic_write

            atomic_write(path, old)
        raise
    return checked


def add_decision(store: EcoStore, decision: Decision) -> Curation:
    """Append one decision to the store's curation and apply it."""
    current = Curation.read(store.path)
    if any(d.action == decision.action and d.args == decision.args for d in current.decisions):
        return current
    return change_curation(store, Curation([*current.decisions, decision], current.file), [decision])


__all__ = ["add_decision", "apply_curation", "change_curation"]
