"""newsnlp.cli.text_cmd: newsnlp clean / analyze, from a file or standard input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsnlp import clean
from newsnlp.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-article.txt"


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "newsnlp", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_clean_file(capsys):
    assert main(["clean", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == clean(SAMPLE.read_text("utf-8")) + "\n"


def test_analyze_file_json(capsys):
    assert main(["analyze", str(SAMPLE), "--compact"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    data = json.loads(out)
    assert data["language"] == "fr" and data["reading_time"]["minutes"] >= 1


def test_python_m_reads_stdin():
    proc = run("clean", "-", stdin=b"Partager\nLe Maroc et l'Espagne signent un accord.\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "Le Maroc et l’Espagne signent un accord.\n"
    proc = run("analyze", "-", stdin=SAMPLE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"].startswith("Pêche")


def test_encoding_option(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le député a présenté le texte à l'Assemblée.".encode("cp1252"))
    assert main(["clean", str(path), "--encoding", "cp1252"]) == 0
    assert capsys.readouterr().out == "Le député a présenté le texte à l’Assemblée.\n"
    assert main(["clean", str(path)]) == 1  # not UTF-8: a clear error, not a traceback
    assert "cannot read" in capsys.readouterr().err


def test_analyze_says_it_is_loading_the_model():
    """It waited 5–9 s in silence."""
    proc = run("analyze", str(SAMPLE), "--compact")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode() == (
        "newsnlp analyze: loading the spaCy model (a few seconds; --no-entities skips it)…\n"
    )
    assert json.loads(proc.stdout)["entities"]


def test_analyze_no_entities_like_annotate():
    proc = run("analyze", str(SAMPLE), "--no-entities")
    assert proc.returncode == 0 and proc.stderr == b""  # no model, nothing to wait for
    data = json.loads(proc.stdout)
    assert data["entities"] == [] and data["ministers"] == [] and data["language"] == "fr"


def test_a_decoding_error_suggests_the_encoding_flag(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le député a présenté le texte.".encode("cp1252"))
    proc = run("analyze", str(path))
    assert proc.returncode == 1
    assert proc.stderr.decode().endswith(
        "invalid continuation byte: the file is not utf-8: pass --encoding cp1252 (French "
        "sites) or the file's encoding\n"
    )
    assert b"Traceback" not in proc.stderr
