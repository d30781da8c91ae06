"""The text benchmarks without their evaluation data: one line on stderr and exit code 2."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("bench", ["bench_clean", "bench_html", "bench_lang", "bench_boilerplate"])
def test_missing_data_is_one_line_and_exit_2(bench, tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / f"{bench}.py"), "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "not found" in lines[0] and "--data" in lines[0], proc.stderr
