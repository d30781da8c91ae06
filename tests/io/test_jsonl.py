"""newsnlp.io.jsonl: JSON Lines (plain or gzip) read and written as a stream; torn-line repair."""

from __future__ import annotations

import gzip
import io
import sys

import pytest

from newsnlp import io as nio
from newsnlp.io import BadRecord
from newsnlp.io.formats import MAX_DEPTH
from newsnlp.io.jsonl import count_jsonl, truncate_file

RECORDS = [
    {"id": 1, "text": "Le Maroc et l’Espagne « signent » un accord.\nDeuxième ligne.", "n": 1.5},
    {"id": "b", "text": 'Émoji 🙂, tabulation\tet guillemets "doubles"', "n": None},
    {"id": 3, "text": "", "tags": ["a", "b"], "meta": {"k": 1}},
]


@pytest.mark.parametrize("name", ["r.jsonl", "r.jsonl.gz", "r.ndjson"])
def test_jsonl_round_trip(tmp_path, name):
    path = tmp_path / name
    assert nio.write_records(RECORDS, path) == 3
    assert list(nio.read_records(path)) == RECORDS
    if name.endswith(".gz"):
        assert path.read_bytes()[:2] == b"\x1f\x8b"
        assert nio.count_records(path) is None
    else:
        assert path.read_text("utf-8").count("\n") == 3
        assert nio.count_records(path) == 3


def test_jsonl_gzip_detected_from_content(tmp_path):
    path = tmp_path / "no-suffix.jsonl"
    path.write_bytes(gzip.compress(b'{"id": 1}\n'))
    assert list(nio.read_jsonl(path)) == [{"id": 1}]


def test_jsonl_bad_lines_become_bad_records(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": 1}\n\n{oops\n"chaine"\n\xff\xfe\n[1, 2]\n')
    out = list(nio.read_jsonl(path))
    assert out[0] == {"id": 1} and out[2] == "chaine" and out[4] == [1, 2]
    assert isinstance(out[1], BadRecord) and out[1].line == 3
    assert out[1].error.startswith("JSONDecodeError: line 3")
    assert isinstance(out[3], BadRecord) and out[3].error.startswith("UnicodeDecodeError: line 5")
    with pytest.raises(ValueError, match="line 3"):
        list(nio.read_jsonl(path, errors="raise"))


def test_truncated_gzip_keeps_the_records_before(tmp_path):
    data = gzip.compress(b"".join(b'{"id": %d}\n' % i for i in range(2000)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    out = list(nio.read_jsonl(path))
    assert isinstance(out[-1], BadRecord) and out[-1].error.startswith("EOFError")
    good = out[:-1]
    assert good and good == [{"id": i} for i in range(len(good))]


def test_gzip_writer_flushes_at_record_boundaries(tmp_path):
    """A reader sees every complete record of a gzip file still being written."""
    path = tmp_path / "live.jsonl.gz"
    writer = nio.JsonlWriter(path)
    for record in RECORDS:
        writer.write(record)
    live = list(nio.read_jsonl(path))
    assert live[:3] == RECORDS and isinstance(live[3], BadRecord)  # no end-of-stream yet
    writer.close()
    assert list(nio.read_jsonl(path)) == RECORDS


def test_jsonl_append(tmp_path):
    path = tmp_path / "a.jsonl"
    with nio.JsonlWriter(path) as w:
        w.write({"id": 0})
    with nio.JsonlWriter(path, append=True) as w:
        w.write({"id": 1})
    assert list(nio.read_jsonl(path)) == [{"id": 0}, {"id": 1}]
    with pytest.raises(ValueError, match="plain JSONL"):
        nio.open_writer(tmp_path / "a.csv", append=True)


def test_repair_jsonl(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"id": 0}\n{"id": 1}\n')
    assert nio.repair_jsonl(path) == (2, 0)
    path.write_bytes(b'{"id": 0}\n{"id": 1}\n{"id": 2, "text": "coup')
    assert nio.repair_jsonl(path) == (2, 23)
    assert path.read_bytes() == b'{"id": 0}\n{"id": 1}\n'
    path.write_bytes(b'{"id": 0}\n{"id": 1, "te\n')  # a complete line that is not JSON
    assert nio.repair_jsonl(path) == (1, 14)
    path.write_bytes(b"")
    assert nio.repair_jsonl(path) == (0, 0)


def test_iter_jsonl_prefix_offsets(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes('{"id": 0}\n{"id": "é"}\n{"id"'.encode())
    assert list(nio.iter_jsonl_prefix(path)) == [(10, {"id": 0}), (23, {"id": "é"})]


def test_truncate_file_and_count(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"id": 0}\n\n{"id": 1}\n{"id"')
    assert count_jsonl(path) == 3  # non-blank lines, the torn one too
    assert truncate_file(path, 100) == 0 and path.stat().st_size == 26
    assert truncate_file(path, 10) == 16
    assert path.read_bytes() == b'{"id": 0}\n'
    path.write_bytes(gzip.compress(b'{"id": 0}\n'))
    assert count_jsonl(path) is None


def _deep(depth: int) -> bytes:
    return b'{"id": "deep", "text": ' + b"[" * depth + b"]" * depth + b"}"


def test_json_nested_too_deep_is_a_bad_record_and_reading_goes_on():
    """Issue 14: a 2 KB line nested 1,000 levels deep raised RecursionError: 0 records."""
    data = b'{"id": 1}\n' + _deep(1000) + b'\n{"id": 3}\n'
    assert len(_deep(1000)) < 2100
    out = list(nio.read_jsonl(io.BytesIO(data)))
    assert out[0] == {"id": 1} and out[2] == {"id": 3}
    assert out[1] == BadRecord("ValueError: line 2: JSON nested more than 100 levels deep", 2)
    within = list(nio.read_jsonl(io.BytesIO(_deep(MAX_DEPTH - 1))))  # + the record's object
    assert within[0]["id"] == "deep"
    assert isinstance(next(nio.read_jsonl(io.BytesIO(_deep(MAX_DEPTH)))), BadRecord)
    with pytest.raises(ValueError, match="nested more than 100 levels"):
        list(nio.read_jsonl(io.BytesIO(data), errors="raise"))


def test_deep_json_gives_the_same_record_however_deep_the_call_stack():
    """Python's own limit depends on the stack: the record must not."""

    def read_at_depth(n: int):
        if n:
            return read_at_depth(n - 1)
        return list(nio.read_jsonl(io.BytesIO(_deep(990))))

    shallow = list(nio.read_jsonl(io.BytesIO(_deep(990))))
    assert read_at_depth(sys.getrecursionlimit() - 100) == shallow
    assert isinstance(shallow[0], BadRecord)


def test_lone_surrogates_escaped_in_json_are_read_as_written():
    """A JSON line may write a lone surrogate as \\ud800: it is valid JSON, read as is (the
    batch job replaces it, newsnlp.batch.items.valid)."""
    line = b'{"id": "a\\ud800", "text": "x\\udc00y"}\n'
    assert list(nio.read_jsonl(io.BytesIO(line))) == [{"id": "a\ud800", "text": "x\udc00y"}]


def test_jsonl_in_another_encoding(tmp_path):
    path = tmp_path / "cp1252.jsonl"
    path.write_bytes('{"id": 1, "text": "Député"}\n'.encode("cp1252"))
    bad = next(iter(nio.read_jsonl(path)))
    assert isinstance(bad, BadRecord) and "byte 0xe9 at position 20" in bad.error
    assert "encoding='cp1252'" in bad.error
    assert list(nio.read_records(path, encoding="cp1252")) == [{"id": 1, "text": "Député"}]
    with pytest.raises(ValueError, match="convert the file to UTF-8"):
        list(nio.read_jsonl(path, encoding="utf-16"))
    with pytest.raises(ValueError, match="unknown encoding"):
        list(nio.read_jsonl(path, encoding="nope"))


def test_iter_jsonl_prefix_stops_at_a_deep_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"id": 0}\n' + _deep(500) + b'\n{"id": 2}\n')
    assert list(nio.iter_jsonl_prefix(path)) == [(10, {"id": 0})]
