"""newsnlp.batch.job: file-to-file runs, in every format, that resume after kill -9 with no
record lost or duplicated."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from batch_corpus import corpus, write_jsonl

from newsnlp import io as nio
from newsnlp.batch import BatchConfig, Summary, annotate, output_fields, run


def test_run_jsonl_in_place(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    records = corpus(20)
    write_jsonl(src, records)
    summary = run(src, dst, keep=["url"], batch_size=4, progress=False)
    assert isinstance(summary, Summary)
    assert (summary.records, summary.errors, summary.resumed) == (20, 1, 0)
    out = list(nio.read_jsonl(dst))
    assert out == list(annotate(records, keep=("url",), progress=False))
    assert summary.words == sum(r["reading_time"]["words"] for r in out if "error" not in r)
    assert set(summary.to_dict()) == {
        "records", "errors", "words", "seconds", "resumed", "words_per_second"
    }  # fmt: skip
    with pytest.raises(FileExistsError, match="resume=True"):
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
    records = corpus(12)
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
    write_jsonl(src, corpus(30))
    run(src, full, batch_size=8, progress=False)
    lines = full.read_bytes().splitlines(keepends=True)
    cut.write_bytes(b"".join(lines[:11]) + lines[11][: len(lines[11]) // 2])  # killed mid-write
    summary = run(src, cut, resume=True, batch_size=8, progress=False)
    assert (summary.resumed, summary.records) == (11, 19)
    assert cut.read_bytes() == full.read_bytes()


def test_resume_refuses_the_output_of_another_input(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, corpus(5))
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
    records = corpus(200)
    write_jsonl(src, records)
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


def test_run_takes_a_config_and_reads_csv(tmp_path):
    records = corpus(6)
    src = tmp_path / "in.csv"
    nio.write_records(records, src, fieldnames=["id", "text", "url", "body"])
    config = BatchConfig(keep=("url",), batch_size=4, entities=False)
    assert run(src, tmp_path / "a.jsonl", config=config, progress=False).records == 6
    run(src, tmp_path / "b.jsonl", keep=("url",), batch_size=4, entities=False, progress=False)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    out = list(nio.read_jsonl(tmp_path / "a.jsonl"))
    assert out == list(annotate(list(nio.read_csv(src)), config=config, progress=False))
    with pytest.raises(TypeError, match="unexpected keyword argument 'memory_zone'"):
        run(src, tmp_path / "c.jsonl", memory_zone=False)
    with pytest.raises(ValueError, match="cannot resume when writing to standard output"):
        run(src, "-", resume=True)


# --------------------------------------------------------------------------- issue 14
DEEP = '{"id": "deep", "text": ' + "[" * 1000 + "]" * 1000 + "}"  # a 2 KB line
BAD_LINES = [
    (b'{"id": "s-text", "text": "Le Maroc \\ud800 et l\\u2019Espagne."}', "s-text", None),
    (b'{"id": "s-id\\ud800", "text": "Le Maroc et l\\u2019Espagne."}', "s-id\ufffd", None),
    (b'{"id": "s-keep", "url": "u\\udc00", "text": "Bonjour."}', "s-keep", None),
    (DEEP.encode(), "@", "ValueError: line {n}: JSON nested more than 100 levels deep"),
    (b'{"id": "latin", "text": "D\xe9put\xe9"}', "@", "UnicodeDecodeError: line {n}: byte 0xe9"),
    (b"{cass\xc3\xa9", "@", "JSONDecodeError: line {n}:"),
]


def _bad_input(path, n_good: int = 4) -> list[tuple[str, str | None]]:
    """A JSONL file of good records and the bad lines of issue 14; (id, error) expected."""
    lines, expected = [], []
    for i in range(n_good):
        lines.append(json.dumps({"id": f"g{i}", "text": f"Dépêche {i}. Le ministre a parlé."}))
        expected.append((f"g{i}", None))
        line, out_id, error = BAD_LINES[i % len(BAD_LINES)]
        lines.append(line.decode("utf-8", "surrogateescape"))
        n = len(lines)
        expected.append((n - 1 if out_id == "@" else out_id, error and error.format(n=n)))
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n")
    return expected


@pytest.mark.parametrize("entities", [True, False])
def test_one_bad_record_never_stops_the_job(tmp_path, entities):
    """Issue 14: a lone surrogate (text, id, kept field), JSON nested 1,000 levels deep, a byte
    that is not UTF-8: each is one record, valid UTF-8, and the job goes on."""
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    expected = _bad_input(src, n_good=len(BAD_LINES))
    summary = run(src, dst, keep=("url",), entities=entities, batch_size=4, progress=False)
    out = [json.loads(line) for line in dst.read_bytes().decode("utf-8").splitlines()]  # strict
    assert summary.records == len(out) == len(expected)
    assert [r["id"] for r in out] == [i for i, _ in expected]
    for record, (_, error) in zip(out, expected, strict=True):
        assert record.get("error", "").startswith(error or "\0") or (
            not error and "error" not in record
        )
    by_id = {r["id"]: r for r in out}
    assert "\ufffd" in by_id["s-text"]["text"] and by_id["s-keep"]["url"] == "u\ufffd"
    assert summary.errors == 3


def test_bad_records_resume_byte_for_byte(tmp_path):
    src, full, cut = tmp_path / "in.jsonl", tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    _bad_input(src, n_good=12)
    run(src, full, keep=("url",), batch_size=4, entities=False, progress=False)
    for kept in (3, 8, 13, 20):  # after each kind of bad record, a torn line
        lines = full.read_bytes().splitlines(keepends=True)
        cut.write_bytes(b"".join(lines[:kept]) + lines[kept][:7])
        summary = run(src, cut, resume=True, keep=("url",), batch_size=4, entities=False, progress=False)  # fmt: skip
        assert summary.resumed == kept and cut.read_bytes() == full.read_bytes()


def test_bad_csv_rows_are_error_records_and_resume(tmp_path):
    """Issue 14: an invalid byte in a CSV wrote 0 records; an unbalanced quote merged rows
    silently."""
    src, full, cut = tmp_path / "in.csv", tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    src.write_bytes(
        b"id,text,url\n"
        b"a,Le Maroc et l\xe2\x80\x99Espagne.,u1\n"
        b"b,D\xe9put\xe9,u2\n"  # cp1252
        b'c,"Un texte\nsur deux lignes",u3\n'
        b'd,"guillemet jamais ferm\xc3\xa9,u4\n'
        b"e,Suite,u5\n"
        b'f,"fin",u6\n'
        b"g,Bonjour.,u7\n"
    )
    summary = run(src, full, keep=("url",), entities=False, progress=False)
    out = list(nio.read_jsonl(full))
    assert [r["id"] for r in out] == ["a", 1, "c", 3, "g"] and summary.errors == 2
    assert out[1]["error"].startswith("UnicodeDecodeError: line 3: byte 0xe9")
    assert out[3]["error"].startswith("csv.Error: lines 6-8: ")  # d, e, f: one record
    lines = full.read_bytes().splitlines(keepends=True)
    cut.write_bytes(b"".join(lines[:2]) + lines[2][:5])
    run(src, cut, resume=True, keep=("url",), entities=False, progress=False)
    assert cut.read_bytes() == full.read_bytes()


def _same_file(kind: str, src):
    folder = src.parent
    if kind == "same":
        return src
    if kind == "dot":
        return folder / "." / src.name
    if kind == "symlink":
        (folder / "link.jsonl").symlink_to(src)
        return folder / "link.jsonl"
    os.link(src, folder / "hard.jsonl")
    return folder / "hard.jsonl"


@pytest.mark.parametrize("kind", ["same", "dot", "symlink", "hardlink"])
@pytest.mark.parametrize("flag", ["overwrite", "resume"])
def test_the_output_is_never_the_input(tmp_path, kind, flag):
    """Issue 14: -o a.jsonl --overwrite on a.jsonl truncated the input to 0 bytes."""
    src = tmp_path / "a.jsonl"
    write_jsonl(src, corpus(3))
    before = src.read_bytes()
    with pytest.raises(ValueError, match="is the input file"):
        run(src, _same_file(kind, src), progress=False, **{flag: True})
    assert src.read_bytes() == before


def test_a_gzip_input_is_not_replaced_by_its_output(tmp_path):
    src = tmp_path / "a.jsonl.gz"
    nio.write_records(corpus(3), src)
    before = src.read_bytes()
    with pytest.raises(ValueError, match="is the input file"):
        run(src, src, overwrite=True, progress=False)
    assert src.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl.gz"]  # fmt: skip


@pytest.mark.parametrize("names", [("in.jsonl", "out.parquet"), ("in.parquet", "out.jsonl")])
def test_parquet_without_pyarrow_fails_before_anything_is_written(tmp_path, monkeypatch, names):
    """Issue 15: -o out.parquet without pyarrow annotated everything, then failed, leaving a
    spool that the next run took for an interrupted job."""
    src, dst = tmp_path / names[0], tmp_path / names[1]
    src.write_bytes(b"PAR1" if names[0].endswith(".parquet") else b'{"id": 1, "text": "x"}\n')
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r'pip install "newsnlp\[parquet\]"'):
        run(src, dst, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [names[0]]


def test_resume_of_a_finished_output_does_not_load_the_model(tmp_path, monkeypatch):
    """Issue 15: --resume on a finished output loaded the model before saying 0 records."""
    import newsnlp.entities.spacy_component as component

    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, corpus(3))
    run(src, dst, progress=False)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(component, "load_pipeline", no_model)
    summary = run(src, dst, resume=True, progress=False)
    assert (summary.records, summary.resumed) == (0, 3)
    assert list(annotate([], progress=False)) == []  # nothing to annotate: no model either


def test_an_unreadable_input_fails_before_the_output_is_touched(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.jsonl"
    src.write_bytes(b"id,t\xe9xt\n1,Bonjour\n")  # the header is not UTF-8
    dst.write_bytes(b'{"id": "earlier work"}\n')
    with pytest.raises(ValueError, match="the header cannot be read"):
        run(src, dst, overwrite=True, progress=False)
    assert dst.read_bytes() == b'{"id": "earlier work"}\n'
    assert run(src, dst, overwrite=True, encoding="cp1252", entities=False, progress=False).records == 1  # fmt: skip


def test_kill_9_then_resume_with_bad_records(tmp_path):
    """The crash-safety of issue 13 holds with the bad records of issue 14 in the input."""
    src, reference, out = tmp_path / "in.jsonl", tmp_path / "ref.jsonl", tmp_path / "out.jsonl"
    _bad_input(src, n_good=1500)
    cmd = [sys.executable, "-m", "newsnlp", "annotate", str(src), "--no-entities", "-q"]
    cmd += ["--keep", "url", "--batch-size", "8"]
    subprocess.run([*cmd, "-o", str(reference)], check=True)
    proc = subprocess.Popen([*cmd, "-o", str(out)])
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 100:
                break
            time.sleep(0.001)
        assert proc.poll() is None, "the job finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert out.read_bytes().count(b"\n") < 3000
    subprocess.run([*cmd, "-o", str(out), "--resume"], check=True)
    assert out.read_bytes() == reference.read_bytes()
