"""The packaged gazetteer: every name or alias belongs to one entry (a repeated name would be
resolved silently by whichever entry comes first)."""

from __future__ import annotations

from collections import Counter

import yaml

from ecokg.resources import loader_data


def test_no_name_names_two_entries() -> None:
    with loader_data("gazetteer.yaml").open("r", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    counts = Counter(n for e in data["entities"] for n in {e["name"], *(e.get("aliases") or [])})
    assert [n for n, k in counts.items() if k > 1] == []
