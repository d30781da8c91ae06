"""newsnlp.io.csvfile: CSV / TSV (plain or gzip) rows in, records out."""

from __future__ import annotations

import io
import json

import pytest

from newsnlp import io as nio

RECORDS = [
    {"id": 1, "text": "Le Maroc et l’Espagne « signent » un accord.\nDeuxième ligne.", "n": 1.5},
    {"id": "b", "text": 'Émoji 🙂, tabulation\tet guillemets "doubles"', "n": None},
    {"id": 3, "text": "", "tags": ["a", "b"], "meta": {"k": 1}},
]


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


def test_read_csv_from_a_stream_with_a_byte_order_mark():
    data = "\ufeffid;text\n1;Bonjour\n".encode()
    assert list(nio.read_csv(io.BytesIO(data), delimiter=";")) == [{"id": "1", "text": "Bonjour"}]
