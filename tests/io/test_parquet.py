"""newsnlp.io.parquet: Parquet rows in, records out, the newsnlp fields with their nested types."""

from __future__ import annotations

import json
import sys

import pytest

from newsnlp import io as nio
from newsnlp.schema import FIELD_NAMES


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


def test_newsnlp_fields_get_the_arrow_types_of_the_schema():
    pytest.importorskip("pyarrow")
    from newsnlp.schema import arrow_schema

    inferred = nio.infer_arrow_schema([], ["id", *FIELD_NAMES, "error", "url"])
    types = arrow_schema()
    assert [f.name for f in inferred] == ["id", *FIELD_NAMES, "error", "url"]
    for name in [*FIELD_NAMES, "error"]:
        assert inferred.field(name).type == types[name], name
    assert str(inferred.field("countries").type) == "map<string, int64>"


def test_missing_pyarrow_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"newsnlp\[parquet\]"):
        nio.ParquetWriter(tmp_path / "x.parquet")
    with pytest.raises(ImportError, match=r"newsnlp\[parquet\]"):
        list(nio.read_parquet(tmp_path / "x.parquet"))


def test_integers_beyond_int64_make_a_string_column(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "big.parquet"
    records = [{"id": 2**70, "n": 1}, {"id": 3, "n": -(2**63)}]
    assert nio.write_records(records, path) == 2
    assert [(r["id"], r["n"]) for r in nio.read_parquet(path)] == [("1180591620717411303424", 1), ("3", -(2**63))]  # fmt: skip


def test_a_corrupt_row_group_gives_one_bad_record_per_row(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "corrupt.parquet"
    with nio.ParquetWriter(path, row_group_size=100) as writer:
        for i in range(500):
            writer.write({"id": i, "text": f"mot {i} " * 20})
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 200] = b"\x55" * 200  # inside one row group's pages
    path.write_bytes(bytes(data))
    rows = list(nio.read_parquet(path))
    assert len(rows) == 500  # positions kept: one record per row, read or not
    bad = [i for i, row in enumerate(rows) if isinstance(row, nio.BadRecord)]
    assert bad and len(bad) % 100 == 0 and bad == list(range(bad[0], bad[0] + len(bad)))
    assert f": row {bad[0] + 1}: its row group (" in rows[bad[0]].error
    assert [row["id"] for i, row in enumerate(rows) if i not in bad] == [
        i for i in range(500) if i not in bad
    ]
