"""Run a benchmark's worker in a fresh interpreter (one system per process: clean timings and
peak RSS). Not a package module: the ``bench_*.py`` scripts import it from their folder."""

from __future__ import annotations

import json
import subprocess
import sys


def spawn(script: str, spec: dict, timeout: float = 7200) -> dict:
    """``python SCRIPT --worker JSON``; return the JSON object of its last stdout line, or
    ``{"error": ...}`` with the tail of its output when it fails."""
    proc = subprocess.run(
        [sys.executable, script, "--worker", json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"error": f"exit {proc.returncode}: " + " | ".join(tail)}
    return json.loads(lines[-1])
