"""figure-series and conflicts answer the same locally and on a real Oxigraph server."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.queries.remote import Endpoint, run_remote
from ecokg.queries.runner import load_query, run_local

pytestmark = pytest.mark.server

ARTICLES = Path(__file__).resolve().parents[1] / "time" / "articles"
RUNS = [("figure-series", {}), ("figure-series", {"entity": "澄湾云启智能科技有限公司"}), ("conflicts", {}),
        ("conflicts", {"entity": "澄湾云启智能科技有限公司"})]


def test_time_queries_equal_on_a_server(cli, tmp_path: Path, oxigraph_server: str) -> None:  # type: ignore[no-untyped-def]
    import ecokg

    store = tmp_path / "store"
    with ecokg.open(store) as kg:
        kg.build([str(ARTICLES / "gov-annual-review.txt"), str(ARTICLES / "media-reprint.txt")])
    proc = cli("push", "--endpoint", f"{oxigraph_server}/store", "--store", str(store), timeout=120)
    assert proc.returncode == 0, proc.stderr
    for name, params in RUNS:
        local = run_local(load_query(name), params, str(store))
        remote = run_remote(load_query(name), params, Endpoint(f"{oxigraph_server}/query"))
        assert local.rows, f"{name} {params} has no rows: the comparison would prove nothing"
        assert local.variables == remote.variables, name
        missing, extra = local.row_set() - remote.row_set(), remote.row_set() - local.row_set()
        diffs = [(v, a, b) for m in missing for e in extra for v, a,
                 b in zip(local.variables, m, e, strict=True)
                 if a != b and m[-1] == e[-1]]
        assert not missing and not extra, (name, diffs[:3], len(missing), len(extra))
