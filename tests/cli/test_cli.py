"""The command line: newsnlp clean / analyze, and python -m newsnlp."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsnlp import __version__, clean
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


def test_related_fit_and_query(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    topics = {
        "budget": "Le gouvernement présente son budget ; la dette publique et le déficit inquiètent les députés.",
        "foot": "Le club de football a gagné son match ; l'entraîneur salue les joueurs et le stade.",
        "climat": "La sécheresse et le climat inquiètent les agriculteurs ; les pluies manquent aux récoltes.",
    }
    words = "lundi mardi ville région maire conseil habitants réunion projet école hôpital route pont marché prix".split()
    words = "ville région maire conseil habitants réunion projet école hôpital route pont marché prix".split()
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(12):
            topic = list(topics)[i % 3]
            extra = " ".join(words[(i * 4) % len(words) :][:4])  # makes articles distinct
            record = {
                "id": f"a{i}",
                "title": topic,
                "text": f"{topics[topic]} {extra}.",
                "date": f"2024-01-{i + 1:02d}",
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    model = tmp_path / "models" / "demo"
    assert main(["related", "fit", str(corpus), "-o", str(model), "--min-df", "1"]) == 0
    assert (model / "manifest.json").exists()
    capsys.readouterr()
    assert main(["related", "query", str(model), "--id", "a0", "-k", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and lines[0]["id"] in {"a3", "a6", "a9"}  # same topic first
    proc = run(
        "related",
        "query",
        str(model),
        "--text",
        "-",
        "-k",
        "1",
        stdin="Le déficit et la dette du budget".encode(),
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] in {"a0", "a3", "a6", "a9"}
    assert main(["related", "query", str(model), "--id", "nope"]) == 1
    assert "nope" in capsys.readouterr().err
