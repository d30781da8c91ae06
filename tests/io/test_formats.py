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
