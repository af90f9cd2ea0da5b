"""Batches of first-look articles (``batchN/``): pooled scores may not fall below the floors.

Each batch was scored once before any rule was written for it (LEDGER.md, the generality
figure). Later rule changes must not lose what the batches already get: the floors below are the
pooled after-rules scores when they were set, less a small margin. Raise a floor when the rules
improve; never lower one to make a change pass (fix the change). Runs ``../shared/eval/pool.py``,
the way hidden articles are pooled, with its ``--build`` command taking each article's Turtle
file from a build made just before by ``ecokg build ARTICLE -o FILE -q`` in this process (the
same command; a new process per article spent ~3 s starting and loading the dictionaries, the
extraction itself ~0.1 s).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
POOL = REPO.parent / "shared" / "eval" / "pool.py"
ONTOLOGY = REPO / "ontology" / "ecokg.ttl"

# batch -> (entities R, relations R, designations R, observations R), set 2026-12-03 (after rules, fifth
# session, commit aead261), the pooled scores less a margin
FLOORS: dict[str, tuple[float, float, float, float]] = {
    "batch3": (0.84, 0.69, 0.69, 0.93),
    "batch4": (0.89, 0.67, 0.74, 0.93),
    "batch5": (0.92, 0.78, 0.73, 0.96),
    "batch6": (0.91, 0.7, 0.69, 0.96),
    "batch7": (0.89, 0.66, 0.65, 0.9),
    "batch8": (0.92, 0.67, 0.83, 0.97),
    "batch9": (0.88, 0.66, 0.72, 0.96),
    "batch10": (0.83, 0.61, 0.59, 0.89),
    "batch11": (0.86, 0.63, 0.77, 0.95),
    "batch12": (0.93, 0.81, 0.82, 0.95),
    "batch13": (0.91, 0.66, 0.86, 0.93),
    "batch14": (0.91, 0.74, 0.97, 0.95),
    "batch15": (0.91, 0.67, 0.83, 0.97),
    "batch16": (0.9, 0.76, 0.85, 0.93),
    "batch17": (0.88, 0.4, 0.32, 0.95),  # first look less 0.03
}
_LINE = re.compile(
    r"entities R=([\d.]+).*?relations R=([\d.]+).*?designations R=([\d.n/a]+).*?observations R=([\d.]+)"
)


def test_every_batch_has_a_floor() -> None:
    batches = sorted(p.name for p in HERE.glob("batch*") if p.is_dir())
    assert batches == sorted(FLOORS), "a new batch needs a floor (after its first look is in LEDGER.md)"
    assert all(len(list((HERE / b).glob("*.gold.yaml"))) >= 8 for b in batches), "batches have >= 8 articles"


@pytest.mark.slow
@pytest.mark.parametrize("batch", sorted(FLOORS))
def test_batch_pooled_scores_keep_their_floors(batch: str, tmp_path: Path) -> None:
    if not POOL.is_file():
        pytest.skip(f"shared pool.py not found at {POOL} (../shared is absent)")
    built = tmp_path / "built"
    built.mkdir()
    for article in sorted((HERE / batch).iterdir()):
        if article.suffix in (".txt", ".md", ".html"):  # a failed build leaves no file: pool counts it failed
            run_cli("build", str(article), "-o", str(built / f"{article.name}.ttl"), "-q")
    take = f'cp {shlex.quote(str(built))}/"$(basename {{article}})".ttl {{out}}'
    proc = subprocess.run([sys.executable, str(POOL), str(HERE / batch), "--ontology", str(ONTOLOGY),
                           "--build", take], capture_output=True, text=True, timeout=900)
    line = proc.stdout.strip().splitlines()[-1]
    print(f"\n{batch}: {line}")
    assert proc.returncode == 0 and "0 failed" in line, proc.stdout + proc.stderr
    m = _LINE.search(line)
    assert m, line
    got = tuple(float(x) if x != "n/a" else 1.0 for x in m.groups())
    names = ("entities R", "relations R", "designations R", "observations R")
    below = [f"{n} {g:.2f} < {f:.2f}" for n, g, f in zip(names, got, FLOORS[batch], strict=True) if g < f]
    assert not below, f"{batch}: {', '.join(below)} ({line})"
