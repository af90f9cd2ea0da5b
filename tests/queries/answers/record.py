"""Every named query's answer on the corpus article and the three samples, built into one store.

``python tests/queries/answers/record.py`` writes ``recorded.json`` beside this file (run it on
the commit whose answers are the reference); ``test_answers.py`` compares against it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = Path("/work/shared/corpus/qingdao-ai-2025-12-11.txt")
SAMPLES = [ROOT / "samples" / n for n in ("qingdao-ai-brief.txt", "chengdu-ai-brief.html", "wuhan-ai-brief.md")]
RECORDED = Path(__file__).with_name("recorded.json")
#: (query name, parameters): every named query with its defaults, and the parameter ones with an entity.
RUNS: list[tuple[str, dict[str, str]]] = [
    ("committees", {}), ("companies-in-park", {}), ("designations", {}), ("events", {}),
    ("fact-provenance", {}), ("fact-provenance", {"entity": "青岛市"}), ("figures", {}),
    ("figures", {"entity": "青岛市"}), ("innovation-centers", {}), ("models-robots-platforms", {}),
    ("parks-and-venues", {}), ("parks-and-venues", {"region": "成都市"}), ("policies-and-funds", {}),
    ("supply-chains", {}), ("entity-profile", {"entity": "青岛市"}),
    ("entity-profile", {"entity": "青岛人工智能产业园"}),
]


def articles() -> list[Path]:
    return [CORPUS, *SAMPLES] if CORPUS.is_file() else list(SAMPLES)


def build(store: Path) -> None:
    from ecokg.graph.store import EcoStore
    from ecokg.loaders.news_loader import NewsArticleLoader
    from ecokg.loaders.reader import iter_sources

    loader = NewsArticleLoader()
    with EcoStore.open(store, create=True) as s:
        s.ingest(loader.load(raw) for raw in iter_sources([str(p) for p in articles()]))


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
        data = {"articles": [p.name for p in articles()], "answers": answers(store)}
    RECORDED.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {RECORDED}: {sum(len(v) for v in data['answers'].values())} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
