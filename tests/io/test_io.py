"""newsnlp.io: JSONL / JSONL.gz / CSV / Parquet readers and writers, torn-line repair."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import math
import sys

import pytest

from newsnlp import io as nio
from newsnlp.io import BadRecord

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


def test_stdin_and_stdout(monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": 1}\n{"id": 2}\n')))
    assert list(nio.read_records("-")) == [{"id": 1}, {"id": 2}]
    with nio.open_writer("-") as writer:
        writer.write({"id": 1, "text": "é"})
    assert capsysbinary.readouterr().out == '{"id": 1, "text": "é"}\n'.encode()


def test_jsonl_append(tmp_path):
    path = tmp_path / "a.jsonl"
    with nio.JsonlWriter(path) as w:
        w.write({"id": 0})
    with nio.JsonlWriter(path, append=True) as w:
        w.write({"id": 1})
    assert list(nio.read_jsonl(path)) == [{"id": 0}, {"id": 1}]
    with pytest.raises(ValueError, match="plain JSONL"):
        nio.open_writer(tmp_path / "a.csv", append=True)


@pytest.mark.parametrize("name", ["r.csv", "r.csv.gz", "r.tsv"])
def test_csv_round_trip(tmp_path, name):
    path = tmp_path / name
    long_text = "mot " * 100_000  # larger than the csv module's default field limit
    records = [*RECORDS, {"id": 4, "text": long_text}]
    fields = ["id", "text", "n", "tags", "meta"]
    assert nio.write_records(records, path, fieldnames=fields) == 4
    back = list(nio.read_records(path))
    assert [r["id"] for r in back] == ["1", "b", "3", "4"]  # CSV values are text
    assert [r["text"] for r in back] == [r["text"] for r in records]
    assert back[0]["n"] == "1.5" and back[1]["n"] == ""
    assert json.loads(back[2]["tags"]) == ["a", "b"] and json.loads(back[2]["meta"]) == {"k": 1}


def test_csv_writer_refuses_unknown_columns(tmp_path):
    with nio.CsvWriter(tmp_path / "x.csv") as w:
        w.write({"id": 1})
        with pytest.raises(ValueError, match="fieldnames"):
            w.write({"id": 2, "other": 3})


def test_parquet_round_trip_with_newsnlp_fields(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "r.parquet"
    records = [
        {
            "id": 1,
            "url": "u1",
            "reading_time": {"words": 3, "seconds": 1.0, "minutes": 1, "wpm": 204.0, "lang": "fr"},
            "entities": [
                {
                    "text": "Maroc",
                    "label": "LOC",
                    "start": 3,
                    "end": 8,
                    "canonical": "Maroc",
                    "kind": "country",
                    "country": "MA",
                    "role": None,
                }
            ],
            "countries": {"MA": 2, "ES": 1},
            "institutions": [],
            "error": None,
        },
        {"id": 2, "url": None, "error": "TypeError: text must be str, not None"},
        {"id": 3, "url": 7, "countries": {}, "extra": {"nested": True}},
    ]
    assert nio.write_records(records, path) == 3
    back = list(nio.read_records(path))
    assert back[0]["countries"] == {"MA": 2, "ES": 1}  # map → dict again
    assert back[0]["entities"] == records[0]["entities"]
    assert back[0]["reading_time"] == records[0]["reading_time"]
    assert back[1]["error"] == records[1]["error"] and back[1]["entities"] is None
    assert [r["id"] for r in back] == [1, 2, 3]
    assert [r["url"] for r in back] == ["u1", None, "7"]  # mixed column → string
    assert json.loads(back[2]["extra"]) == {"nested": True}
    assert nio.count_records(path) == 3


def test_parquet_empty_and_row_groups(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    empty = tmp_path / "empty.parquet"
    nio.ParquetWriter(empty, fieldnames=["id", "error"]).close()
    assert list(nio.read_parquet(empty)) == []
    many = tmp_path / "many.parquet"
    with nio.ParquetWriter(many, row_group_size=10) as w:
        for i in range(25):
            w.write({"id": i, "text": str(i)})
    assert pq.ParquetFile(many).metadata.num_row_groups == 3
    assert [r["id"] for r in nio.read_parquet(many, batch_size=7)] == list(range(25))


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


def test_dumps_strict_json_for_data_pipeline_values():
    np = pytest.importorskip("numpy")
    line = nio.dumps(
        {
            "a": float("nan"),
            "b": [math.inf],
            "c": np.int64(3),
            "d": np.float32(0.5),
            "e": dt.date(2024, 1, 2),
            "f": {1, 2},
            "g": "€",
        }
    )
    assert json.loads(line) == {
        "a": None, "b": [None], "c": 3, "d": 0.5, "e": "2024-01-02", "f": [1, 2], "g": "€"
    }  # fmt: skip
    assert "\n" not in line and "€" in line


def test_detect_format():
    assert nio.detect_format("a.JSONL.GZ") == ("jsonl", True)
    assert nio.detect_format("a.csv") == ("csv", False)
    assert nio.detect_format("a.pq") == ("parquet", False)
    assert nio.detect_format("data.txt", "csv") == ("csv", False)
    with pytest.raises(ValueError, match="extension"):
        nio.detect_format("data.txt")
    with pytest.raises(ValueError, match="unknown format"):
        nio.detect_format("a.jsonl", "xml")
    with pytest.raises(ValueError, match=r"drop the \.gz"):
        nio.detect_format("a.parquet.gz")
    with pytest.raises(TypeError):
        nio.detect_format(3)  # type: ignore[arg-type]
