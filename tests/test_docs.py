"""README.md and docs/*.md tell the truth: their examples are run or checked here.

* A ``python`` block written as a doctest (``>>>``) runs, and the output it shows is compared
  with the real one (``ELLIPSIS``, ``NORMALIZE_WHITESPACE``). The blocks of one file share
  their names, in order, like the cells of a notebook.
* A ``python`` block without prompts needs what a test cannot have (a Spark cluster, a corpus
  on disk, Dask or Ray): it must compile, and every name it takes from newsnlp must exist.
* A ``console`` line running ``newsnlp`` must name subcommands and flags the CLI has.
"""

from __future__ import annotations

import argparse
import ast
import doctest
import importlib
import re
import shlex
from pathlib import Path

import pytest

from newsnlp.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.S | re.M)


def blocks(path: Path, lang: str) -> list[tuple[int, str]]:
    """The ``lang`` fenced blocks of *path*, with the line each starts on."""
    text = path.read_text("utf-8")
    return [
        (text.count("\n", 0, m.start()) + 2, m.group(2))
        for m in BLOCK.finditer(text)
        if m.group(1) == lang
    ]


def ids(paths):
    return [p.name for p in paths]


def test_blocks_are_found():
    """The extractor sees the README's examples (a regex that matched nothing would pass all)."""
    assert len(blocks(ROOT / "README.md", "python")) >= 4
    assert len(blocks(ROOT / "README.md", "console")) >= 3
    line, code = blocks(ROOT / "README.md", "python")[0]  # the line numbers in failures are right
    assert (ROOT / "README.md").read_text("utf-8").splitlines()[line - 1] == code.splitlines()[0]


@pytest.mark.parametrize("path", DOCS, ids=ids(DOCS))
def test_doctest_blocks_print_what_they_show(path, tmp_path, monkeypatch):
    examples = [(line, code) for line, code in blocks(path, "python") if ">>>" in code]
    if not examples:
        pytest.skip(f"{path.name} has no doctest block")
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # files as the README names them
    monkeypatch.chdir(tmp_path)  # what the examples write lands in a temporary directory
    parser = doctest.DocTestParser()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags)
    globs: dict = {}
    for line, code in examples:
        test = parser.get_doctest(code, globs, f"{path.name}:{line}", str(path), line - 1)
        runner.run(test, clear_globs=False)
        globs = test.globs
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) of {path.name} differ (see stdout)"


def _newsnlp_names(tree: ast.AST) -> list[tuple[str, str]]:
    """(module, name) pairs a block takes from newsnlp: imports and ``newsnlp.x`` attributes."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "newsnlp":
            found += [(node.module, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(a.name, "") for a in node.names if a.name.split(".")[0] == "newsnlp"]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "newsnlp"
        ):
            found.append(("newsnlp", node.attr))
    return found


@pytest.mark.parametrize("path", DOCS, ids=ids(DOCS))
def test_other_python_blocks_name_what_exists(path):
    for line, code in blocks(path, "python"):
        if ">>>" in code:
            continue
        tree = ast.parse(code, f"{path.name}:{line}")  # a SyntaxError names the block
        for module, name in _newsnlp_names(tree):
            mod = importlib.import_module(module)
            assert not name or hasattr(mod, name), f"{path.name}:{line}: {module}.{name} is gone"


def _subparsers(parser: argparse.ArgumentParser) -> dict:
    """The subcommands of *parser*, by name."""
    for action in parser._actions:
        choices = action.choices if isinstance(action.choices, dict) else {}
        if choices and all(isinstance(p, argparse.ArgumentParser) for p in choices.values()):
            return choices
    return {}


def _check_command(words: list[str], where: str) -> None:
    parser = build_parser()
    rest = words[1:]
    while rest and rest[0] in _subparsers(parser):
        parser, rest = _subparsers(parser)[rest[0]], rest[1:]
    assert not _subparsers(parser) or not rest, f"{where}: no subcommand {rest[:1]} in {words}"
    options = {o for a in parser._actions for o in a.option_strings}
    for word in rest:
        if word.startswith("-") and word != "-":
            assert word.split("=")[0] in options, f"{where}: {word} is not an option of {words[:3]}"


@pytest.mark.parametrize("path", DOCS, ids=ids(DOCS))
def test_console_lines_use_flags_the_cli_has(path):
    checked = 0
    for line, code in blocks(path, "console"):
        for k, text in enumerate(code.splitlines()):
            command = text.split("#")[0]
            for part in command.split("|"):
                words = shlex.split(part)
                if words[:1] == ["newsnlp"] or words[:3] == ["python", "-m", "newsnlp"]:
                    words = words[2:] if words[0] == "python" else words
                    words = words if words[0] == "newsnlp" else ["newsnlp", *words]
                    _check_command(words, f"{path.name}:{line + k}")
                    checked += 1
    if path.name == "README.md":
        assert checked >= 5


def test_check_command_refuses_a_flag_the_cli_lacks():
    with pytest.raises(AssertionError, match="--no-such-flag"):
        _check_command(["newsnlp", "annotate", "a.jsonl", "--no-such-flag"], "here")


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")


#: A placeholder left for figures to be filled in (``MEMORY_TABLE``, ``QUALITY_FIGURES``): an
#: ALL_CAPS word ending in one of these, which no real name in the docs does.
PLACEHOLDER = re.compile(r"\b[A-Z][A-Z0-9]*_(?:TABLES?|FIGURES?|NUMBERS|RESULTS)\b")


#: Every text a user reads: the docs and the modules' docstrings.
TEXTS = [*DOCS, *sorted((ROOT / "src" / "newsnlp").rglob("*.py"))]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_placeholder_is_left(path):
    text = path.read_text("utf-8")
    left = [
        f"{path.name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group()}"
        for m in PLACEHOLDER.finditer(text)
    ]
    assert not left, "placeholders never replaced by their figures: " + ", ".join(left)


def test_placeholder_pattern_finds_the_old_ones():
    assert PLACEHOLDER.findall("per article: MEMORY_TABLE. SCALING_TABLE QUALITY_FIGURES") == [
        "MEMORY_TABLE",
        "SCALING_TABLE",
        "QUALITY_FIGURES",
    ]
    assert not PLACEHOLDER.findall("OMP_NUM_THREADS, NEWSNLP_DATA, BATCH_CHARS, SCHEMA_VERSION")
