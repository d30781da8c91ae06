"""newsnlp.batch.job: file-to-file runs, in every format, that resume after kill -9 with no
record lost or duplicated."""

from __future__ import annotations

import json
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
