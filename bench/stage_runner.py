"""Running one benchmark stage: ``bench.stages NAME`` in its own process (so its peak memory is
its own), its JSON events collected, stopped at the stage limit or a unit's limit; the settings
every stage reads."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


# -- running stages ----------------------------------------------------------------------------
@dataclass
class StageRun:
    name: str
    events: list[dict[str, Any]] = field(default_factory=list)
    status: str = "ok"  # ok | timeout | error
    message: str = ""
    pending: dict[str, Any] | None = None  # the "begin" event of a unit that did not finish
    seconds: float = 0.0

    def of(self, event: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("event") == event]

    def first(self, event: str) -> dict[str, Any] | None:
        found = self.of(event)
        return found[0] if found else None

    @property
    def rss_kb(self) -> int | None:
        done = self.first("done")
        return max(done["rss_kb"], done["children_rss_kb"]) if done else None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_stage(name: str, args: dict[str, Any], timeout: float, unit_timeout: float | None = None) -> StageRun:
    """Run ``bench.stages NAME`` and collect its events; stop it after ``timeout`` s in total or
    ``unit_timeout`` s after a ``begin`` event without its result."""
    run = StageRun(name)
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "bench.stages", name,
                                 json.dumps(args, ensure_ascii=False)],
                                stdout=subprocess.PIPE, stderr=err, cwd=REPO, env=_env(),
                                start_new_session=True)
        lines: queue.Queue[bytes | None] = queue.Queue()

        def pump() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        try:
            _follow(run, proc, lines, started, timeout, unit_timeout)
        finally:
            if proc.poll() is None:  # stopped by the limit, or the runner itself was interrupted
                _kill(proc)
        proc.wait()
        if run.status == "ok" and proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()
            run.status, run.message = "error", (tail[-1] if tail else f"exit code {proc.returncode}")
    run.seconds = time.monotonic() - started
    return run


def _follow(run: StageRun, proc: subprocess.Popen[bytes], lines: queue.Queue[bytes | None], started: float,
            timeout: float, unit_timeout: float | None) -> None:
    """Collect the stage's events until it ends or a limit passes."""
    begun_at = 0.0
    while True:
        now = time.monotonic()
        wait = started + timeout - now
        if run.pending is not None and unit_timeout is not None:
            wait = min(wait, begun_at + unit_timeout - now)
        try:
            line = lines.get(timeout=max(wait, 0.0))
        except queue.Empty:
            run.status = "timeout"
            run.message = (f"stopped after {unit_timeout:g} s (unit limit)" if run.pending is not None and
                           unit_timeout is not None and time.monotonic() < started + timeout
                           else f"stopped after {timeout:g} s (stage limit)")
            _kill(proc)
            break
        if line is None:
            break
        try:
            event = json.loads(line)
        except ValueError:
            continue
        run.events.append(event)
        if event.get("event") == "begin":
            run.pending, begun_at = event, time.monotonic()
        else:
            run.pending = None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Stop the stage process and what it started (its own session), nothing else."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, 9)


def _failure(run: StageRun) -> dict[str, Any]:
    return {"status": run.status, "message": run.message}


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


@dataclass
class Settings:
    limit: float
    stage_limit: float
    runs: int
    budget: float
    workdir: Path
    seed: int
    memory_kb: int
