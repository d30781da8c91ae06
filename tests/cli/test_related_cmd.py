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
    topics = {  # three write-ups per topic: related, not near-duplicates
        "budget": (
            "Le gouvernement présente son budget ; la dette publique inquiète les députés.",
            "Budget : les députés dénoncent un déficit record et une dette qui se creuse.",
            "Finances publiques : le déficit du budget dépasse les prévisions du gouvernement.",
        ),
        "foot": (
            "Le club de football a gagné son match ; l'entraîneur salue les joueurs.",
            "Football : victoire du club au stade, les supporters fêtent les joueurs.",
            "L'entraîneur du club savoure le match gagné devant ses supporters au stade.",
        ),
        "climat": (
            "La sécheresse inquiète les agriculteurs ; les pluies manquent aux récoltes.",
            "Climat : les agriculteurs redoutent la sécheresse, les récoltes menacées.",
            "Sans pluies, les récoltes souffrent : la sécheresse frappe les agriculteurs.",
        ),
    }
    words = "ville région maire conseil habitants réunion projet école hôpital route pont marché prix".split()
    for i in range(12):
        topic = list(topics)[i % 3]
        extra = " ".join(words[(i * 4) % len(words) :][:2])  # makes articles distinct
        record = {
            "id": f"a{i}",
            "title": topic,
            "text": f"{topics[topic][(i // 3) % 3]} {extra}.",
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
    err = capsys.readouterr().err
    assert err.startswith("newsnlp related: id 'nope' is not in the index"), err  # no repr quotes
    assert "--text FILE" in err


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


def test_related_fit_says_article_or_articles(tmp_path, capsys):
    corpus = tmp_path / "one.jsonl"
    nio.write_records(RECORDS[:1], corpus)
    assert main(["related", "fit", str(corpus), "-o", str(tmp_path / "m1")]) == 0
    assert "indexed 1 article, " in capsys.readouterr().err
    nio.write_records(RECORDS, tmp_path / "all.jsonl")
    assert main(["related", "fit", str(tmp_path / "all.jsonl"), "-o", str(tmp_path / "m")]) == 0
    assert "indexed 12 articles, " in capsys.readouterr().err


def test_related_fit_takes_an_annotate_output_as_is(tmp_path, capsys):
    corpus, annotated = tmp_path / "corpus.jsonl", tmp_path / "annotated.jsonl"
    nio.write_records([*RECORDS[:6], {"id": "broken", "text": None}], corpus)
    assert main(["annotate", str(corpus), "-o", str(annotated), "--no-entities", "-q"]) == 0
    records = [json.loads(line) for line in annotated.read_text("utf-8").splitlines()]
    assert records[-1]["error"] and "title" in records[0]  # an error record, article records
    for record in records[:6]:  # as if annotated with entities: an ORG in every article
        record["entities"] = [
            {"text": "ONU", "label": "ORG", "start": 0, "end": 3,
             "canonical": "Organisation des Nations unies", "kind": "institution"}
        ]  # fmt: skip
    annotated.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    model = tmp_path / "m"
    assert main(["related", "fit", str(annotated), "-o", str(model), "--entities"]) == 0
    err = capsys.readouterr().err
    assert "indexed 6 articles" in err and "(1 error record skipped)" in err
    loaded = RelatedArticles.load(model)
    assert loaded.entities and "@org:organisation des nations unies" in loaded.vocabulary_
    assert loaded.ids_ == [r["id"] for r in RECORDS[:6]]
    assert main(["related", "fit", str(annotated), "-o", str(tmp_path / "plain")]) == 0
    assert not any(t.startswith("@") for t in RelatedArticles.load(tmp_path / "plain").vocabulary_)


@pytest.mark.parametrize("action", ["fit", "query"])
def test_related_help_describes_and_shows_defaults(action):
    proc = run("related", action, "--help")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    description = out.split("\n\n")[1]
    assert description.strip().endswith(".")  # one sentence, under the usage
    options = out[out.index("options:") :]
    for option in {"fit": ("--min-df", "--max-df", "--text-field"), "query": ("-k", "--since")}[
        action
    ]:
        line = options[options.index(f"  {option} ") :].split("\n  -")[0]
        assert "default" in line, (option, line)
