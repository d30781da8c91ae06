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
