"""newsnlp.io.csvfile: CSV / TSV (plain or gzip) rows in, records out."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp import io as nio
from newsnlp.io import BadRecord

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


def _csv(data: bytes, **kwargs) -> list:
    return list(nio.read_csv(io.BytesIO(data), **kwargs))


def test_an_invalid_byte_is_a_bad_record_and_reading_goes_on():
    """Issue 14: one byte that is not UTF-8 stopped the CSV reader: 0 records."""
    rows = _csv(b'id,text\na,Bonjour\nb,caf\xe9\nc,"deux\nlign\xe9s"\nd,Fin\n')
    assert rows[0] == {"id": "a", "text": "Bonjour"} and rows[3] == {"id": "d", "text": "Fin"}
    assert rows[1] == BadRecord(
        "UnicodeDecodeError: line 3: byte 0xe9 is not valid utf-8: give the file's encoding, "
        "e.g. encoding='cp1252' (--encoding cp1252) for French sites",
        3,
    )
    assert rows[2].error.startswith("UnicodeDecodeError: lines 4-5: byte 0xe9 ")
    assert _csv("id,text\nb,café\n".encode("cp1252"), encoding="cp1252") == [
        {"id": "b", "text": "café"}
    ]


def test_a_header_that_cannot_be_read_stops_before_any_record():
    with pytest.raises(ValueError, match=r"the header cannot be read: .* line 1: byte 0xe9"):
        _csv(b"id,t\xe9xt\n1,2\n")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a quote never closed: the rest of the file is one field
        (
            b'id,text\na,Bonjour\nb,"pas ferm\xc3\xa9\nc,Fin\nd,encore\n',
            ["a", "csv.Error: lines 3-5: unexpected end of data"],
        ),
        # closed by the opening quote of a later field: CSV says where it went wrong
        (
            b'id,text\na,Bonjour\nb,"pas ferm\xc3\xa9\nc,Fin\nd,"encore"\ne,apr\xc3\xa8s\n',
            ["a", "csv.Error: lines 3-5: ',' expected after '\"'", "e"],
        ),
    ],
)
def test_an_unbalanced_quote_is_one_bad_record_naming_the_lines(data, expected):
    """Issue 14: an unbalanced quote merged rows into one record, silently."""
    rows = _csv(data)
    got = [r["id"] if isinstance(r, dict) else r.error for r in rows]
    assert [g.split(" (a quote")[0] for g in got] == expected
    assert all("check the quotes of these lines" in g for g in got if g.startswith("csv.Error"))


def test_rows_with_more_fields_than_the_header_are_bad_records():
    rows = _csv(b"id,text\n1,un,deux\n2\n3,trois\n")
    assert rows[0] == BadRecord(
        "ValueError: line 2: 3 fields where the header has 2: quote the fields that hold the "
        "delimiter",
        2,
    )
    assert rows[1:] == [{"id": "2", "text": None}, {"id": "3", "text": "trois"}]


def test_a_truncated_gzip_csv_ends_with_a_bad_record(tmp_path):
    import gzip

    data = gzip.compress(b"id,text\n" + b"".join(b"%d,mot %d\n" % (i, i) for i in range(5000)))
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    rows = list(nio.read_csv(path))
    assert isinstance(rows[-1], BadRecord) and rows[-1].error.startswith("EOFError: after line")
    assert [r["id"] for r in rows[:-1]] == [str(i) for i in range(len(rows) - 1)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(exclude_categories=["Cs"])), min_size=3, max_size=3
        ),
        max_size=8,
    )
)
def test_what_the_writer_writes_is_read_back_without_bad_records(rows):
    """The strict reader never flags valid CSV: quotes, delimiters, newlines, any text."""
    records = [dict(zip(["id", "text", "url"], row, strict=True)) for row in rows]
    buffer = io.BytesIO()
    writer = csv.writer(io.TextIOWrapper(buffer, "utf-8", newline="", write_through=True))
    writer.writerow(["id", "text", "url"])
    writer.writerows(rows)
    assert _csv(buffer.getvalue()) == records


def test_blank_lines_are_skipped_before_and_after_the_header():
    assert _csv(b"\nid,text\n\n1,un\n\n") == [{"id": "1", "text": "un"}]
