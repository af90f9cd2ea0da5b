"""Reads during writes: ``ecokg serve`` answers concurrent clients while builds write its store.

``run`` starts ``ecokg serve`` on 127.0.0.1 (port 0) over a store, lets ``clients`` threads ask
it, again and again, for the number of statements of every named graph, and meanwhile runs one
``ecokg build --store`` per batch of articles, one after the other. After each build (no writer
running) it asks once more: that answer is a *committed state*. Every answer a client got must
equal one of the committed states (the state before the first build included): a document whose
graph is visible with only part of its statements, or a state between two commits, is an
inconsistent answer. Used by ``tests/robustness/test_serve_during_build.py`` and by the
benchmark (``python -m bench --during-build N``), which records the latencies.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ecokg.testing import serve_ecokg

#: Statements per named graph: documents (one graph each), the entity graph, the ontology.
#: Statements per graph. The conflicts graph and the class closure (graph/inferred) are derived
#: from the documents; the conflicts are refreshed in the transaction right after a build's commit
#: and a store's first closure is built whole after it, so either may lag one transaction behind:
#: both are left out (document graphs and the entity graph, what a build writes, change together).
STATE_QUERY = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
               "FILTER(?g NOT IN (<https://w3id.org/ecokg/id/graph/conflicts>, "
               "<https://w3id.org/ecokg/id/graph/inferred>)) } GROUP BY ?g")

State = frozenset[tuple[str, int]]


@dataclass
class DuringBuild:
    """What the clients saw while the builds ran."""

    clients: int
    builds: int = 0
    build_failures: list[str] = field(default_factory=list)
    answers: int = 0
    answers_during_builds: int = 0
    errors: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, in order of arrival
    states: list[State] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, p: float) -> float | None:
        lat = sorted(self.latencies)
        return lat[min(len(lat) - 1, int(p * len(lat)))] if lat else None

    def summary(self) -> dict[str, object]:
        def ms(x: float | None) -> float | None:
            return None if x is None else round(1000 * x, 1)

        return {"clients": self.clients, "builds": self.builds, "build_failures": self.build_failures[:3],
                "answers": self.answers, "answers_during_builds": self.answers_during_builds,
                "errors": len(self.errors), "first_errors": self.errors[:3],
                "inconsistent": len(self.inconsistent), "first_inconsistent": self.inconsistent[:3],
                "documents": max((len(s) for s in self.states), default=0),
                "p50_ms": ms(self.percentile(0.50)), "p99_ms": ms(self.percentile(0.99)),
                "max_ms": ms(max(self.latencies, default=None) if self.latencies else None),
                "mean_ms": ms(statistics.fmean(self.latencies)) if self.latencies else None,
                "seconds": round(self.seconds, 2)}


def ask_state(url: str, timeout: float = 120) -> State:
    """Statements per named graph, as the endpoint answers (HTTP errors raise)."""
    req = urllib.request.Request(f"{url}?query={urllib.parse.quote(STATE_QUERY)}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        doc = json.loads(resp.read())
    return frozenset((b["g"]["value"], int(b["n"]["value"])) for b in doc["results"]["bindings"])


def run(ecokg: Sequence[str], store: Path, batches: Sequence[Sequence[Path]], clients: int, workdir: Path,
        build_timeout: float = 600) -> DuringBuild:
    """Serve ``store`` (which must exist), build ``batches`` into it one after the other while
    ``clients`` threads query it; see the module docstring."""
    result = DuringBuild(clients)
    answers: list[tuple[State, bool]] = []
    lock = threading.Lock()
    stop = threading.Event()
    building = threading.Event()
    started = time.monotonic()
    with serve_ecokg(ecokg, store, workdir / "serve.log") as (url, _proc):
        result.states.append(ask_state(url))

        def client() -> None:
            while not stop.is_set():
                during = building.is_set()
                t0 = time.perf_counter()
                try:
                    state = ask_state(url)
                except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
                    with lock:
                        result.errors.append(f"{type(exc).__name__}: {exc}"[:300])
                    continue
                took = time.perf_counter() - t0
                with lock:
                    result.latencies.append(took)
                    answers.append((state, during or building.is_set()))

        threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
        for t in threads:
            t.start()
        try:
            for n, batch in enumerate(batches):
                building.set()
                proc = subprocess.run([*ecokg, "build", "-q", "--store", str(store), *map(str, batch)],
                                      capture_output=True, text=True, timeout=build_timeout)
                building.clear()
                result.builds += 1
                if proc.returncode != 0:
                    result.build_failures.append(
                        f"batch {n}: exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
                result.states.append(ask_state(url))
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=180)
    result.seconds = time.monotonic() - started
    known = set(result.states)
    result.answers = len(answers)
    result.answers_during_builds = sum(1 for _, during in answers if during)
    for state, _ in answers:
        if state not in known:
            result.inconsistent.append(_describe(state, result.states))
    return result


def _describe(state: State, states: Sequence[State]) -> str:
    """An inconsistent answer: the graphs whose counts no committed state has."""
    seen = {g: {dict(s).get(g) for s in states} for g, _ in state}
    odd = sorted(f"{g} has {n} statements (committed: {sorted(x for x in seen[g] if x is not None)})"
                 for g, n in state if n not in seen[g])
    return "; ".join(odd[:3]) or f"a mix of committed states ({len(state)} graphs)"


def write_articles(folder: Path, count: int, seed: int = 42) -> list[Path]:
    """``count`` generated articles (``bench.gen_articles``), one file each."""
    from bench.gen_articles import World, plan_article, render

    folder.mkdir(parents=True, exist_ok=True)
    w = World(seed)
    out = []
    for i in range(count):
        path = folder / f"article-{i:06d}.txt"
        path.write_text(render(plan_article(w, i)), encoding="utf-8")
        out.append(path)
    return out


def batched(items: Sequence[Path], batches: int) -> list[list[Path]]:
    size = max(1, -(-len(items) // max(1, batches)))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]
