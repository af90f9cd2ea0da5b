"""The README's curation round trip runs as written (in this process, on a temporary store)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.conftest import run_ecokg

REPO = Path(__file__).resolve().parents[2]


def test_readme_curation_round_trip(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### Time, conflicts and curation", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block
    lines = [ln for ln in block.group(1).splitlines() if ln.strip()]
    assert len(lines) >= 8
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tests").symlink_to(REPO / "tests")
    outputs = []
    for line in lines:
        args = shlex.split(line)
        assert args[0] == "ecokg"
        code, out, err = run_ecokg(*args[1:])
        assert code == 0, f"{line}: {err}"
        outputs.append(out + err)
    joined = "\n".join(outputs)
    assert "PreferredRank" in outputs[1] and "NormalRank" in outputs[1]
    assert "1260000000" not in outputs[2]  # as of 2025-02-01 the later report was not out
    assert "same" in outputs[5] and "李工" in outputs[5]
    assert "云启智能科技" in outputs[8]  # the curated name, after the rebuild
    assert "same" in outputs[9] and "label" in outputs[9]
    export = (tmp_path / "kg.nq").read_text(encoding="utf-8")
    assert "CurationDecision" in export and "1 revised figure" in joined
