"""Every named query's answer on a fixed graph: the three samples built into one store.

``python tests/queries/answers/record.py`` builds the samples, writes the store's export to
``store.nq`` and every named query's answer to ``recorded.json`` beside this file.
``test_answers.py`` loads ``store.nq`` into a fresh store and compares the answers: query
rewrites and store changes must keep them, whatever the extraction rules do meanwhile. Run it
again only when the stored layout changes on purpose (and review the diff of recorded.json).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = [ROOT / "samples" / n for n in ("qingdao-ai-brief.txt", "chengdu-ai-brief.html",
                                          "wuhan-ai-brief.md")]
RECORDED = Path(__file__).with_name("recorded.json")
FIXTURE = Path(__file__).with_name("store.nq")
#: (query name, parameters): every named query with its defaults, and the parameter ones with an entity.
RUNS: list[tuple[str, dict[str, str]]] = [
    ("committees", {}), ("companies-in-park", {}), ("designations", {}), ("events", {}),
    ("fact-provenance", {}), ("fact-provenance", {"entity": "青岛市"}), ("figures", {}),
    ("figures", {"entity": "青岛市"}), ("innovation-centers", {}), ("models-robots-platforms", {}),
    ("parks-and-venues", {}), ("parks-and-venues", {"region": "成都市"}), ("policies-and-funds", {}),
    ("supply-chains", {}), ("entity-profile", {"entity": "青岛市"}),
    ("entity-profile", {"entity": "青岛人工智能产业园"}),
    ("chain-coverage", {}), ("chain-gaps", {}), ("key-players", {}),
]


def articles() -> list[Path]:
    return list(SAMPLES)


def build(store: Path) -> None:
    """The samples, extracted by today's rules (only ``record.py`` does this)."""
    import ecokg

    with ecokg.open(store) as kg:
        kg.build([str(p) for p in articles()])
        kg.place_chain()  # the industry chain placements, which the chain queries read


def load(store: Path) -> None:
    """The recorded graph, into a fresh store."""
    import ecokg

    with ecokg.open(store) as kg:
        kg.load(FIXTURE)


def answers(store: Path) -> dict[str, list[list[str | None]]]:
    """``name?param=value`` → sorted rows (each term in N3, None for unbound)."""
    from ecokg.queries.runner import load_query, run_local

    out: dict[str, list[list[str | None]]] = {}
    for name, params in RUNS:
        key = name + "".join(f"?{k}={v}" for k, v in sorted(params.items()))
        result = run_local(load_query(name), params, str(store))
        rows = {tuple(None if t is None else t.n3() for t in row) for row in result.rows}
        out[key] = [list(r) for r in sorted(rows, key=lambda r: [x or "" for x in r])]
    return out


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        build(store)
        import ecokg

        with ecokg.open(store) as kg:
            kg.export(FIXTURE)
        fresh = Path(tmp) / "fresh"
        load(fresh)
        data = {"articles": [p.name for p in articles()], "answers": answers(fresh)}
    RECORDED.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {RECORDED}: {sum(len(v) for v in data['answers'].values())} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
