"""The facts of the machine a benchmark ran on (cores, memory, CPU, libraries, load average)."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    from importlib import metadata

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    mem_kb = 0
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    chromium = ""
    if shutil.which("chromium"):
        try:
            chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True,
                                      timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            chromium = "unknown"
    return {
        "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
        "os": platform.platform(), "python": platform.python_version(),
        "load_average_at_start": list(os.getloadavg()),
        "libraries": {d: version(d) for d in ("ecokg", "rdflib", "pyoxigraph", "jieba", "pyvis",
                                              "playwright")},
        "chromium": chromium,
    }
