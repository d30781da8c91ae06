"""Build the notebooks of ``notebooks/`` from their sources, and render their figures.

Each notebook is written from a Python file in ``scripts/notebooks/`` in the "percent" format
(the one of Jupytext, VS Code and Spyder): ``# %%`` starts a code cell, ``# %% [markdown]`` a
markdown cell whose lines are comments, and ``# %% tags=["figure:NAME"]`` a code cell whose
figure is saved as ``docs/img/NAME.png`` by ``--figures``. Text before the first marker is a
header, not a cell. Edit the sources (they are linted like the rest of the code), then rebuild;
the committed notebooks carry no outputs, and a test fails when they are not up to date.

Usage::

    .venv/bin/python scripts/build_notebooks.py            # write notebooks/*.ipynb, no outputs
    .venv/bin/python scripts/build_notebooks.py --check    # exit 1 if one is not up to date
    .venv/bin/python scripts/build_notebooks.py --figures  # also execute them: save the tagged
                                                           # figures, print each run time
    .venv/bin/python scripts/build_notebooks.py --figures --executed /tmp/nb  # and keep the
                                                           # executed copies to look at

``--figures`` runs every notebook top to bottom in a fresh kernel (this interpreter, working
directory ``notebooks/``) and leaves the ``.ipynb`` files without outputs.
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "notebooks"
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "docs" / "img"
#: Largest PNG written by --figures without a warning (bytes).
MAX_FIGURE_BYTES = 150_000

logger = logging.getLogger("build_notebooks")

#: The Jupyter kernel the notebooks name: the one docs/notebooks.md registers with
#: ``python -m ipykernel install --user --name newsnlp --display-name "Python 3 (newsnlp)"``,
#: and the one :func:`execute` runs them in (this interpreter).
KERNEL = {"display_name": "Python 3 (newsnlp)", "language": "python", "name": "newsnlp"}

_MARKER = re.compile(r"^# %%(?P<md> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")


def parse_source(text: str) -> list[tuple[str, str, list[str]]]:
    """Split a percent-format source into ``(cell_type, source, tags)``, in order."""
    cells: list[tuple[str, list[str], list[str]]] = []
    for line in text.splitlines():
        m = _MARKER.match(line)
        if m:
            tags = json.loads(m.group("tags")) if m.group("tags") else []
            cells.append(("markdown" if m.group("md") else "code", [], tags))
        elif cells:
            cells[-1][1].append(line)
    out = []
    for kind, lines, tags in cells:
        if kind == "markdown":
            bad = [x for x in lines if x.strip() and not x.startswith("#")]
            if bad:
                raise ValueError(f"markdown cell line is not a comment: {bad[0]!r}")
            lines = [x[2:] if x.startswith("# ") else x.lstrip("#") for x in lines]
        source = "\n".join(lines).strip("\n")
        if source.strip():
            out.append((kind, source, tags))
    return out


def build(source: Path) -> nbformat.NotebookNode:
    """The notebook of one source file, without outputs, with stable cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}}
    for i, (kind, text, tags) in enumerate(parse_source(source.read_text("utf-8"))):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cell = make(text)
        cell.id = f"{source.stem[:50]}-{i:02d}"
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    """The notebook file's text, as committed."""
    return nbformat.writes(nb) + "\n"


def sources() -> list[Path]:
    """The notebook sources, in order."""
    return sorted(SOURCES.glob("[0-9][0-9]-*.py"))


def target(source: Path) -> Path:
    """The ``.ipynb`` built from *source*."""
    return NOTEBOOKS / f"{source.stem}.ipynb"


def kernel_manager(kernel_dir: Path):
    """A kernel manager whose ``newsnlp`` kernel (:data:`KERNEL`) is this interpreter, whatever
    kernels the machine has registered."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    spec_dir = kernel_dir / KERNEL["name"]
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": KERNEL["display_name"],
        "language": KERNEL["language"],
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), "utf-8")
    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    km = AsyncKernelManager(kernel_name=KERNEL["name"], kernel_spec_manager=ksm)
    if km.kernel_spec.argv[0] != sys.executable:  # pragma: no cover - a safety net
        raise RuntimeError(f"kernel resolves to {km.kernel_spec.argv[0]}, not {sys.executable}")
    return km


def execute(
    nb: nbformat.NotebookNode, *, env: dict[str, str] | None = None, timeout: int = 600
) -> tuple[nbformat.NotebookNode, float]:
    """Run *nb* top to bottom in a fresh kernel of this interpreter, in ``notebooks/``.

    Returns the executed notebook and the wall time in seconds. A failing cell raises
    ``nbclient.exceptions.CellExecutionError``; a cell running longer than *timeout* seconds
    raises ``CellTimeoutError``.
    """
    from nbclient import NotebookClient

    env = dict(os.environ if env is None else env)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # no debugger warning on 3.11+
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a copy: outputs go there
    with tempfile.TemporaryDirectory(prefix="newsnlp-kernel-") as tmp:
        client = NotebookClient(
            nb,
            km=kernel_manager(Path(tmp)),
            timeout=timeout,
            kernel_name=KERNEL["name"],
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        start = time.perf_counter()
        client.execute(env=env)
        seconds = time.perf_counter() - start
    return nb, seconds


def save_figures(nb: nbformat.NotebookNode, folder: Path = FIGURES) -> list[Path]:
    """Write the last PNG output of every cell tagged ``figure:NAME`` to ``folder/NAME.png``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for cell in nb.cells:
        names = [
            t.split(":", 1)[1] for t in cell.metadata.get("tags", []) if t.startswith("figure:")
        ]
        if not names:
            continue
        pngs = [
            o["data"]["image/png"]
            for o in cell.get("outputs", [])
            if "image/png" in o.get("data", {})
        ]
        if not pngs:
            raise RuntimeError(f"cell tagged {names[0]!r} produced no PNG (is MPLBACKEND set?)")
        path = folder / f"{names[0]}.png"
        path.write_bytes(base64.b64decode(pngs[-1]))
        size = path.stat().st_size
        if size > MAX_FIGURE_BYTES:
            logger.warning("%s is %d KB (> %d KB)", path, size // 1000, MAX_FIGURE_BYTES // 1000)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a notebook is stale")
    parser.add_argument(
        "--figures", action="store_true", help="execute the notebooks, save docs/img/*.png"
    )
    parser.add_argument(
        "--executed",
        metavar="DIR",
        type=Path,
        help="with --figures: also write the executed notebooks (with outputs) to DIR",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    stale = []
    for source in sources():
        nb, path = build(source), target(source)
        text = render(nb)
        if args.check:
            if not path.exists() or path.read_text("utf-8") != text:
                stale.append(path)
            continue
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            logger.info("wrote %s", path.relative_to(ROOT))
        if args.figures:
            env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # inline figures
            executed, seconds = execute(nb, env=env)
            logger.info("ran %s in %.1f s", path.name, seconds)
            if args.executed:
                args.executed.mkdir(parents=True, exist_ok=True)
                (args.executed / path.name).write_text(render(executed), "utf-8")
            for fig in save_figures(executed):
                logger.info("  saved %s (%d KB)", fig.relative_to(ROOT), fig.stat().st_size // 1000)
    if stale:
        for path in stale:
            logger.error("%s is not up to date: run scripts/build_notebooks.py", path)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
