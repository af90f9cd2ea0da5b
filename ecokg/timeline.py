"""Time and identity on a store: what changed, conflicting figures, curation (a part of ``ecokg.api.KG``).

``KG`` inherits these methods; the module-level functions work without an open store.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ecokg.errors import InputError

if TYPE_CHECKING:
    from ecokg.graph.curation import Curation
    from ecokg.graph.diff import Diff, Snapshot
    from ecokg.graph.store import EcoStore


def check_date(value: str | None, what: str = "--as-of") -> str | None:
    """An ISO date (YYYY-MM-DD) as given, or InputError."""
    import re
    from datetime import date

    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date",
                         hint="write it as YYYY-MM-DD, e.g. 2025-06-30") from None


def snapshot(source: str | os.PathLike[str]) -> Snapshot:
    """What ``diff`` compares, from a store directory or an export file (.nq .trig .ttl .nt)."""
    from ecokg.graph.diff import snapshot_file, snapshot_store

    path = Path(source)
    if path.is_dir():
        from ecokg.graph.store import EcoStore

        with EcoStore.open(path, read_only=True) as store:
            return snapshot_store(store)
    if not path.exists():
        raise InputError(f"{path} does not exist", hint="give a store directory or an exported file")
    return snapshot_file(path)


def diff(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> Diff:
    """Entities, relations, designations and figures added, removed and changed from ``old`` to ``new``."""
    from ecokg.graph.diff import diff as diff_snapshots

    return diff_snapshots(snapshot(old), snapshot(new))


class TimeAndIdentity:
    """Methods of ``KG`` about time and identity (``self.store`` is its ``EcoStore``)."""

    store: EcoStore

    @property
    def path(self) -> Path:
        return self.store.path

    def snapshot(self) -> Snapshot:
        """Entities, relations, designations and figures of the store now (for ``changes_since``)."""
        from ecokg.graph.diff import snapshot_store

        return snapshot_store(self.store)

    def changes_since(self, before: Snapshot) -> Diff:
        """What changed in the store since ``before`` (new entities, new facts, revised figures …)."""
        from ecokg.graph.diff import diff as diff_snapshots

        return diff_snapshots(before, self.snapshot())

    def refresh_conflicts(self) -> int:
        """Recompute the conflicting figures and their ranks; returns the number of conflicts."""
        from ecokg.graph.conflicts import refresh_conflicts

        return len(refresh_conflicts(self.store).conflicts)

    # -- curation --------------------------------------------------------------------------
    def curation(self) -> Curation:
        """The store's curation decisions (``STORE/ecokg-meta/curation.yaml``)."""
        from ecokg.graph.curation import Curation

        return Curation.read(self.path)

    def curate(self, action: str, *names: str, by: str | None = None, note: str = "") -> Curation:
        """Add a decision (``same A B``, ``distinct A B``, ``label A NAME``, ``type A CLASS``, ``reject A``
        or ``reject S PROPERTY O``) and apply it to the store at once; it holds for every later build.
        A decision the store contradicts is a ``CurationError`` and changes nothing."""
        from ecokg.graph.curate_store import add_decision
        from ecokg.graph.curation import DEFAULT_CURATOR, Curation, Decision

        line = f"- {action}: [{', '.join(names)}]"
        Curation.parse(f"decisions:\n{line}\n", "the decision")  # checks the action and its names
        out = add_decision(self.store,
                           Decision(action, tuple(n.strip() for n in names), by or DEFAULT_CURATOR,
                                                note))
        self.refresh_conflicts()
        return out

    def apply_curation(self, curation: Curation) -> Curation:
        """Replace the store's curation with ``curation`` (checked against the store) and apply it."""
        from ecokg.graph.curate_store import change_curation

        out = change_curation(self.store, curation)
        self.refresh_conflicts()
        return out



__all__ = ["TimeAndIdentity", "check_date", "diff", "snapshot"]
