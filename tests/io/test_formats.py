"""newsnlp.io.formats: format detection, strict one-line JSON, text cells."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from newsnlp import io as nio
from newsnlp.io.formats import as_text


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


def test_as_text_cells():
    np = pytest.importorskip("numpy")
    assert as_text(None) == "" and as_text(float("nan")) == "" and as_text("é") == "é"
    assert as_text(True) == "true" and as_text({"k": [1]}) == '{"k": [1]}'
    assert as_text(np.int64(3)) == "3" and as_text(2.5) == "2.5"


def test_bad_record_is_frozen():
    bad = nio.BadRecord("JSONDecodeError: line 2: x", 2)
    with pytest.raises(AttributeError):
        bad.line = 3  # type: ignore[misc]


def test_detect_format_names_the_callers_option():
    from newsnlp.errors import command_line_options

    with pytest.raises(ValueError, match=r"pass input_format='jsonl' \(or csv, parquet\)"):
        nio.detect_format("data.txt", option_name="input_format")
    with command_line_options(), pytest.raises(ValueError, match="pass --output-format jsonl"):
        nio.detect_format("data.txt", option_name="output_format")


def test_check_encoding():
    from newsnlp.io.formats import check_encoding

    assert check_encoding("Latin-1") == "iso8859-1" and check_encoding("UTF8") == "utf-8"
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        check_encoding("klingon")
    with pytest.raises(TypeError, match="encoding must be a str"):
        check_encoding(None)


def test_decoding_error_names_the_byte_the_line_and_the_option():
    from newsnlp.io.formats import decoding_error

    bad = decoding_error(b'{"t": "caf\xe9"}', 7, "utf-8")
    assert bad.line == 7
    assert bad.error.startswith("UnicodeDecodeError: line 7: byte 0xe9 at position 10 ")
    assert "encoding='cp1252' (--encoding cp1252)" in bad.error  # data: both spellings
    escaped = decoding_error("caf\udce9", 3, "utf-8", last=5)
    assert escaped.error.startswith("UnicodeDecodeError: lines 3-5: byte 0xe9 is not valid")


def test_too_deep_measures_without_recursion():
    from newsnlp.io.formats import MAX_DEPTH, too_deep

    deep: list = []
    node = deep
    for _ in range(100_000):  # far beyond Python's recursion limit
        node.append([])
        node = node[0]
    assert too_deep(deep) and not too_deep("[[[[") and not too_deep({"a": 1})
    nested: object = "x"
    for _ in range(MAX_DEPTH):
        nested = {"k": nested}
    assert not too_deep(nested) and too_deep([nested])
