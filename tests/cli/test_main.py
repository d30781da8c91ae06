"""newsnlp.cli.main: the one argparse tree of every command, python -m newsnlp, exit codes."""

from __future__ import annotations

import subprocess
import sys

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
