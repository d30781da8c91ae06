"""newsnlp.cli.related_cmd: newsnlp related fit / query; the corpus is read through newsnlp.io,
in every format newsnlp annotate reads."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsnlp import io as nio
from newsnlp.cli import main
from newsnlp.related import RelatedArticles


def _records():
    records = []
    topics = {
        "budget": "Le gouvernement présente son budget ; la dette publique et le déficit inquiètent les députés.",
        "foot": "Le club de football a gagné son match ; l'entraîneur salue les joueurs et le stade.",
        "climat": "La sécheresse et le climat inquiètent les agriculteurs ; les pluies manquent aux récoltes.",
    }
    words = "ville région maire conseil habitants réunion projet école hôpital route pont marché prix".split()
    for i in range(12):
        topic = list(topics)[i % 3]
        extra = " ".join(words[(i * 4) % len(words) :][:4])  # makes articles distinct
        record = {
            "id": f"a{i}",
            "title": topic,
            "text": f"{topics[topic]} {extra}.",
            "date": f"2024-01-{i + 1:02d}",
        }
        records.append(record)
    return records


RECORDS = _records()


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "newsnlp", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_related_fit_and_query(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    nio.write_records(RECORDS, corpus)
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


@pytest.mark.parametrize(
    "name", ["corpus.csv", "corpus.jsonl.gz", "corpus.tsv.gz", "corpus.parquet"]
)
def test_related_fit_reads_every_format_of_annotate(tmp_path, name):
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    nio.write_records(RECORDS, tmp_path / "corpus.jsonl")
    nio.write_records(RECORDS, tmp_path / name)
    for corpus, folder in ((tmp_path / "corpus.jsonl", "a"), (tmp_path / name, "b")):
        code = main(["related", "fit", str(corpus), "-o", str(tmp_path / folder), "--min-df", "1"])
        assert code == 0
    a, b = RelatedArticles.load(tmp_path / "a"), RelatedArticles.load(tmp_path / "b")
    assert a.ids_ == b.ids_ == [r["id"] for r in RECORDS]
    assert a.vocabulary_ == b.vocabulary_ and (a.matrix_ != b.matrix_).nnz == 0
    assert a.related("a0", k=3) == b.related("a0", k=3)


def test_related_fit_refuses_bad_records(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n{oops\n', "utf-8")
    assert main(["related", "fit", str(bad), "-o", str(tmp_path / "m")]) == 1
    assert "not JSON (JSONDecodeError: line 2" in capsys.readouterr().err
    bad.write_text('{"id": 1, "text": "x"}\n"texte seul"\n', "utf-8")
    assert main(["related", "fit", str(bad), "-o", str(tmp_path / "m")]) == 1
    assert "record 2 is a str, not an object" in capsys.readouterr().err
    assert main(["related", "fit", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "m")]) == 1
