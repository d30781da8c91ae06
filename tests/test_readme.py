"""The README's quickstart runs as written."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_quickstart_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"## Quickstart\n\n```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Pêche : Rabat et Lisbonne signent un accord")
    assert out[1] == "fr 2 min"


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
