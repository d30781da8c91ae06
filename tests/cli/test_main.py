"""newsnlp.cli.main: the one argparse tree of every command, python -m newsnlp, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsnlp import __version__
from newsnlp.cli import main
from newsnlp.cli.main import build_parser


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "newsnlp", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_missing_file_and_usage_errors(capsys):
    assert main(["clean", "/nonexistent/article.txt"]) == 1
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert __version__ in proc.stdout.decode()


def test_one_tree_for_every_command(capsys):
    parser = build_parser()
    for argv in (
        ["clean", "a.txt"],
        ["analyze", "-", "--compact"],
        ["annotate", "in.csv", "-o", "out.parquet", "--keep", "url"],
        ["related", "fit", "corpus.csv", "-o", "models/x"],
        ["related", "query", "models/x", "--id", "3"],
    ):
        args = parser.parse_args(argv)
        assert callable(args.handler), argv
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in ("clean", "analyze", "annotate", "related"))


def test_annotate_usage_errors_are_returned(capsys):
    """As before the one tree: ``annotate``'s usage errors and help are exit codes."""
    assert main(["annotate", "in.jsonl"]) == 2
    assert "the following arguments are required: -o/--output" in capsys.readouterr().err
    assert main(["annotate", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: newsnlp annotate [-h] -o OUTPUT")


def _commands(parser, path=()):
    """(command path, parser) of every command and subcommand of *parser*."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def test_every_command_has_a_one_line_description_and_shows_its_defaults():
    commands = dict(_commands(build_parser()))
    assert {" ".join(c) for c in commands} >= {
        "clean", "analyze", "annotate", "related", "related fit", "related query"
    }  # fmt: skip
    for path, parser in commands.items():
        assert parser.description and "\n" not in parser.description, path
        text = parser.format_help()
        for action in parser._actions:
            shown = action.default not in (None, False, [], "==SUPPRESS==")
            if action.option_strings and shown and action.help:
                assert f"default: {action.default}" in " ".join(text.split()), (path, action.dest)
    annotate = " ".join(commands[("annotate",)].format_help().split())
    assert "--batch-size B records per spaCy batch (default: 32)" in annotate
    assert "--progress, --no-progress progress on standard error (default: a bar" in annotate


def test_analyze_output_to_a_closed_pipe_ends_quietly(tmp_path):
    """``newsnlp analyze FILE | head -c 100`` ended with a BrokenPipeError traceback, exit 1."""
    page = tmp_path / "a.txt"
    page.write_text("Le Maroc et l'Espagne signent un accord de pêche à Rabat.\n" * 50, "utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsnlp", "analyze", str(page), "--no-entities"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before the first byte is written
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141 and err == b""


def test_related_query_speaks_in_flags(tmp_path):
    """``use by='text'`` named the Python argument; the command's flag is --text FILE."""
    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus-fr.jsonl"
    assert run("related", "fit", str(corpus), "-o", str(tmp_path / "m")).returncode == 0
    proc = run("related", "query", str(tmp_path / "m"), "--id", "nope")
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "use --text FILE to query with a text" in err and "by=" not in err
