"""newsnlp.batch.items: an input record reduced to an item, items processed into output or error
records (entities off: no spaCy here; the spaCy paths are tested through annotate)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsnlp import analyze
from newsnlp.batch import BatchConfig, describe_error
from newsnlp.batch.items import (
    Item,
    error_record,
    extract,
    groups,
    is_missing,
    process,
    record_id,
    valid,
)
from newsnlp.io import BadRecord

CONFIG = BatchConfig(keep=("url",), max_chars=50, entities=False)


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({"id": "a", "url": "u", "text": "Bonjour à tous."}, None),
        ("Un texte seul.", None),
        ({"id": "a", "body": "x"}, "KeyError: record has no 'text' field (fields: id, body)"),
        ({"id": "a", "text": None}, "TypeError: text must be str, not None"),
        ({"id": "a", "text": math.nan}, "TypeError: text is missing (NaN)"),
        ({"id": "a", "text": b"x"}, "TypeError: text must be str, not bytes"),
        (
            {"id": "a", "text": "mot " * 20},
            "ValueError: text has 80 characters, more than max_chars=50",
        ),
        (b"bytes", "TypeError: record must be a dict or a str, not bytes: decode it first"),
        (3.5, "TypeError: record must be a dict or a str, not float"),
        (BadRecord("JSONDecodeError: line 3: x", 3), "JSONDecodeError: line 3: x"),
    ],
)
def test_extract(record, error):
    item = extract(4, record, CONFIG)
    assert item.head["id"] == (record["id"] if isinstance(record, dict) else 4)
    assert list(item.head) == ["id", "url"]
    if error is None:
        assert item.error is None and isinstance(item.text, str)
    else:
        assert item.text is None and item.error.startswith(error)


def test_record_id_and_missing_values():
    assert record_id({"id": 0}, 9, "id") == 0  # a falsy id is an id
    assert record_id({"id": math.nan}, 9, "id") == 9
    assert record_id({"key": "k"}, 9, "key") == "k" and record_id({"key": "k"}, 9, None) == 9
    assert is_missing(math.nan) and not is_missing(None) and not is_missing("")


def test_process_gives_analyze_records_and_error_records():
    items = [extract(0, "Bonjour à tous les lecteurs.", CONFIG), Item({"id": 1}, error="E: x")]
    out = process(items, CONFIG)
    assert out[0] == {"id": 0, "url": None, **analyze(items[0].text, entities=False).to_dict()}
    assert out[1] == error_record({"id": 1}, "E: x") == {"id": 1, "error": "E: x"}


def test_groups_are_aligned_on_positions():
    items = [Item({"id": i}) for i in range(10)]
    assert [len(g) for g in groups(items, 4, first=0)] == [4, 4, 2]
    assert [len(g) for g in groups(items, 4, first=6)] == [2, 4, 4]
    assert [[i.head["id"] for i in g] for g in groups(items[:3], 2, first=1)] == [[0], [1, 2]]


def test_describe_error_is_short():
    assert describe_error(KeyError("x")) == "KeyError: 'x'"
    long = describe_error(ValueError("é" * 1000))
    assert len(long) == 500 and long.endswith("…")


def test_lone_surrogates_in_ids_kept_fields_and_errors_become_u_fffd():
    """Issue 14: the policy of ensure_text (texts) applied to the rest of the record, so that
    every writer can encode it."""
    config = BatchConfig(keep=("url", "meta"), entities=False)
    record = {"id": "b\ud800", "url": "u\udc00", "meta": {"k\ud83d": ["\udfff"]}, "text": "x\ud800"}
    item = extract(0, record, config)
    assert item.head == {"id": "b\ufffd", "url": "u\ufffd", "meta": {"k\ufffd": ["\ufffd"]}}
    assert item.text == "x\ufffd"
    no_text = extract(1, {"id": 1, "t\ud800xt": "x"}, config)
    out = process([item, no_text], config)
    for r in out:
        json.dumps(r, ensure_ascii=False).encode("utf-8")  # encodable: no exception
    assert "t\ufffdxt" in out[1]["error"] and record_id(record, 0, "id") == "b\ufffd"


_TEXT = st.text(alphabet=st.sampled_from("ab é\ud800\udc00\udfff\ud83d🙂") | st.characters())
_VALUES = st.recursive(
    _TEXT | st.integers() | st.none(),
    lambda kids: st.lists(kids) | st.dictionaries(_TEXT, kids),
    max_leaves=20,
)


def _encodable(value) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@given(_VALUES)
def test_valid_is_encodable_and_changes_nothing_else(value):
    fixed = valid(value)
    assert _encodable(fixed) and valid(fixed) == fixed
    assert (fixed == value) is _encodable(value)
    if _encodable(value):
        assert fixed is value  # no copy of a sound record


def test_kept_title_replaces_the_cleaners_title():
    config = BatchConfig(keep=("title", "url"), entities=False)
    text = "Le titre trouvé par le nettoyeur\nLe gouvernement a présenté son budget mardi."
    items = [
        extract(0, {"id": "a", "title": "Le titre du site", "url": "u", "text": text}, config),
        extract(1, {"id": "b", "title": " ", "text": text}, config),  # empty: the cleaner's
        extract(2, {"id": "c", "title": "Titre", "body": "pas de texte"}, config),
    ]
    out = process(items, config)
    article = analyze(text, entities=False).to_dict()
    assert out[0] == {"id": "a", "url": "u", **article, "title": "Le titre du site"}
    assert list(out[0]) == ["id", "url", *article]  # title in its place
    assert out[1]["title"] == article["title"] != "Le titre du site"
    assert out[2]["title"] == "Titre" and out[2]["error"].startswith("KeyError")
