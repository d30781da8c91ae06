"""newsnlp.io.records: any format by its file name; standard input and output."""

from __future__ import annotations

import io
import sys

import pytest

from newsnlp import io as nio


def test_stdin_and_stdout(monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": 1}\n{"id": 2}\n')))
    assert list(nio.read_records("-")) == [{"id": 1}, {"id": 2}]
    with nio.open_writer("-") as writer:
        writer.write({"id": 1, "text": "é"})
    assert capsysbinary.readouterr().out == '{"id": 1, "text": "é"}\n'.encode()


def test_count_records_only_when_cheap(tmp_path):
    nio.write_records([{"id": 1}, {"id": 2}], tmp_path / "a.jsonl")
    nio.write_records([{"id": 1}], tmp_path / "a.csv")
    assert nio.count_records(tmp_path / "a.jsonl") == 2
    assert nio.count_records(tmp_path / "a.csv") is None
    assert nio.count_records("-") is None


def test_open_writer_appends_plain_jsonl_only(tmp_path):
    with pytest.raises(ValueError, match="plain JSONL"):
        nio.open_writer(tmp_path / "a.jsonl.gz", append=True)
    assert isinstance(nio.open_writer(tmp_path / "b.csv", fieldnames=["id"]), nio.CsvWriter)


def test_names_of_the_old_single_module_still_work():
    from newsnlp.io import records

    with pytest.warns(DeprecationWarning, match=r"newsnlp\.io\.records\.dumps moved"):
        assert records.dumps({"a": 1}) == '{"a": 1}'
    with pytest.warns(DeprecationWarning):
        assert records.BadRecord is nio.BadRecord
