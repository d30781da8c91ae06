"""The notebooks of notebooks/: committed without outputs, up to date, and they run.

Executing them takes a few minutes (spaCy, the 33,000 OrangeSum articles when the shared data
is there): the execution tests are marked ``notebook``; deselect them with
``pytest -m "not notebook"``. Each runs in a fresh kernel of this interpreter, from
``notebooks/``, with matplotlib's non-interactive Agg backend.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Seconds a single cell may run before the test fails.
CELL_TIMEOUT = 300


def _load_builder():
    spec = importlib.util.spec_from_file_location(
        "build_notebooks", ROOT / "scripts" / "build_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_notebooks", module)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()
ids = [p.stem for p in NOTEBOOKS]


def test_there_are_notebooks_for_every_source():
    assert [p.stem for p in builder.sources()] == ids
    assert {"01-quickstart", "02-annotate-a-corpus", "03-related-articles"} <= set(ids)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_committed_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} of {path.name} has outputs: strip them"
            assert cell.execution_count is None, f"cell {i} of {path.name} has an execution count"
    assert nb.metadata["kernelspec"] == builder.KERNEL


def test_kernelspec_is_the_kernel_the_docs_register():
    """The notebooks name the kernel docs/notebooks.md tells the user to register."""
    docs = (ROOT / "docs" / "notebooks.md").read_text("utf-8")
    name, display = builder.KERNEL["name"], builder.KERNEL["display_name"]
    assert f'ipykernel install --user --name {name} --display-name "{display}"' in docs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_is_built_from_its_source(path):
    source = builder.SOURCES / f"{path.stem}.py"
    assert path.read_text("utf-8") == builder.render(builder.build(source)), (
        f"{path.name} differs from {source.relative_to(ROOT)}: run scripts/build_notebooks.py"
    )


def test_parse_source_cells_and_tags():
    text = (
        "# header, not a cell\n\n"
        "# %% [markdown]\n# # Title\n#\n# Some *text*.\n\n"
        "# %%\nx = 1\n\n\ny = 2\n\n"
        '# %% tags=["figure:demo"]\nplot(x)\n'
    )
    assert builder.parse_source(text) == [
        ("markdown", "# Title\n\nSome *text*.", []),
        ("code", "x = 1\n\n\ny = 2", []),
        ("code", "plot(x)", ["figure:demo"]),
    ]
    with pytest.raises(ValueError, match="not a comment"):
        builder.parse_source("# %% [markdown]\nnot a comment\n")


def test_kernel_is_this_interpreter(tmp_path):
    km = builder.kernel_manager(tmp_path)
    assert km.kernel_name == builder.KERNEL["name"]
    assert km.kernel_spec.argv[0] == sys.executable


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "MPLBACKEND": "Agg", **extra}


def _run(path: Path, env: dict[str, str]) -> float:
    nb = nbformat.read(path, as_version=4)
    executed, seconds = builder.execute(nb, env=env, timeout=CELL_TIMEOUT)
    errors = [
        o
        for cell in executed.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if o.output_type == "error"
    ]
    assert not errors, errors
    return seconds


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_runs(path, record_property):
    """Top to bottom, with the shared evaluation data when it is on this machine."""
    seconds = _run(path, _env())
    record_property("seconds", round(seconds, 1))


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_runs_on_the_bundled_fallback(path, tmp_path):
    """Top to bottom without the shared data: the bundled examples stand in for it."""
    _run(path, _env(NEWSNLP_DATA=str(tmp_path)))
