"""The first 100 rows of each named query with a plan in ``queries/first-keys.yaml``, with the plan and
without it (the complete evaluation, ordered in Python and cut: what ``--limit`` did before), taken in
turn in one process on one store, so that both figures meet the same machine load. The rows must be
equal. Stored in the results file (``first_rows_ab``); ``python -m bench --render`` writes the page.

    python -m bench.first_keys STORE --scale 1M [--results bench/results.json] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def measure(store: str, runs: int) -> dict[str, Any]:
    import ecokg.queries.local as local
    from ecokg.queries.firstkey import plans
    from ecokg.queries.runner import LocalBackend, load_query

    backend = LocalBackend(store)
    backend.scope()
    planned = local.plan_for
    out: dict[str, Any] = {"load_average_before": list(os.getloadavg()), "queries": {}}
    try:
        for name in sorted(plans()):
            text = load_query(name).text
            times: dict[str, list[float]] = {"plan": [], "without": []}
            for i in range(runs + 1):  # the first round warms up
                rows: dict[str, Any] = {}
                for mode in ("plan", "without"):
                    local.plan_for = planned if mode == "plan" else (lambda _text: None)
                    t0 = time.perf_counter()
                    rows[mode] = backend.run(text, {}, 100, first=True).rows
                    if i:
                        times[mode].append(time.perf_counter() - t0)
                if rows["plan"] != rows["without"]:
                    raise SystemExit(f"{name}: the plan's first rows differ from the complete answer's")
            out["queries"][name] = {f"{m}_s": statistics.median(ts) for m, ts in times.items()}
            print(f"{name}: {out['queries'][name]}", file=sys.stderr, flush=True)
    finally:
        local.plan_for = planned
        backend.close()
    out["load_average_after"] = list(os.getloadavg())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.first_keys", description=__doc__.split("\n\n")[0])
    ap.add_argument("store")
    ap.add_argument("--scale", required=True, help="the label of the store's scale (e.g. 1M)")
    ap.add_argument("--results", default="bench/results.json")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    got = measure(args.store, args.runs)
    path = Path(args.results)
    results = json.loads(path.read_text(encoding="utf-8"))
    results["first_rows_ab"] = {"scale": args.scale, "runs": args.runs,
                                "finished": datetime.now(UTC).isoformat(timespec="seconds"), **got}
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
