"""newsnlp.related.inputs: texts, ids, titles, dates and thresholds, checked with messages that
say what to pass."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest

from newsnlp.related.inputs import (
    NAT,
    check_articles,
    check_dates,
    check_ids,
    check_texts,
    check_threshold,
    check_titles,
    check_unique_ids,
    ids_from_y,
    parse_date,
    parse_since,
)


def test_dates():
    paris = dt.timezone(dt.timedelta(hours=2))
    assert parse_date("2020-07-02T19:09:00+02:00", "d") == np.datetime64("2020-07-02T17:09:00")
    assert parse_date("2020-07-02T19:09:00Z", "d") == np.datetime64("2020-07-02T19:09:00")
    assert parse_date(dt.datetime(2020, 7, 2, 19, 9, tzinfo=paris), "d") == np.datetime64(
        "2020-07-02T17:09:00"
    )
    assert parse_date(dt.datetime(2020, 7, 2, 19, 9), "d") == np.datetime64("2020-07-02T19:09")
    assert parse_date(dt.date(2020, 7, 2), "d") == np.datetime64("2020-07-02T00:00:00")
    assert parse_date(np.datetime64("2020-07-02"), "d").dtype == np.dtype("datetime64[s]")
    assert np.isnat(parse_date(None, "d")) and np.isnat(parse_date("  ", "d"))
    with pytest.raises(ValueError, match="d='hier' is not an ISO 8601 date"):
        parse_date("hier", "d")
    with pytest.raises(TypeError, match="d must be an ISO string"):
        parse_date(20200702, "d")
    assert check_dates(None, 2).tolist() == [None, None]
    with pytest.raises(ValueError, match=r"dates\[1\]='x'"):
        check_dates(["2020-01-01", "x"], 2)
    assert parse_since(None) is None and parse_since("2024-05-04") == np.datetime64("2024-05-04")
    with pytest.raises(ValueError, match="pass None for no filter"):
        parse_since("")
    assert np.isnat(NAT) and NAT.dtype == np.dtype("datetime64[s]")


def test_ids():
    assert check_ids(None, 2, 5) == [5, 6]
    ids = check_ids([np.int64(5), "b", np.str_("c"), 7], 4)
    assert ids == [5, "b", "c", 7] and type(ids[0]) is int and type(ids[2]) is str
    for bad in (True, 1.5, ("a",), None):
        with pytest.raises(TypeError, match=r"ids\[0\] must be a str or an int"):
            check_ids([bad], 1)
    with pytest.raises(ValueError, match="ids has 1 values for 2 texts"):
        check_ids(["a"], 2)
    check_unique_ids(["a", "b"], {"c": 0})
    with pytest.raises(ValueError, match=r"duplicate ids: 'c'; every"):
        check_unique_ids(["a", "c"], {"c": 0})
    with pytest.raises(ValueError, match=r"'x0', .* 'x9' \(and 2 more\)"):
        check_unique_ids([f"x{i}" for i in range(12)] * 2)


def test_texts_and_titles():
    assert check_texts(iter(["a", "b"])) == ["a", "b"]
    with pytest.raises(TypeError, match=r"wrap it in a list, e.g. \[text\]"):
        check_texts("a")
    with pytest.raises(TypeError, match="must be a list"):
        check_texts(None)
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not bytes"):
        check_texts(["a", b"b"])
    assert check_titles(["T", None], 2) == ["T", ""] and check_titles(None, 1) == [""]
    with pytest.raises(TypeError, match="not a single str"):
        check_titles("T", 1)


def test_articles_in_order():
    texts, ids, titles, dates = check_articles(["a"], None, None, None, start=3)
    assert (texts, ids, titles, dates.tolist()) == (["a"], [3], [""], [None])
    with pytest.raises(ValueError, match="empty corpus"):
        check_articles([], ["x"], None, None, fit=True)  # before the ids' length
    assert check_articles([], None, None, None)[0] == []  # add: nothing to add
    with pytest.raises(ValueError, match="duplicate ids: 'a'"):
        check_articles(["x"], ["a"], None, ["hier"], existing={"a": 0})  # before the dates


def test_threshold():
    assert check_threshold(1, "t") == 1.0
    for bad, error in ((0, ValueError), (1.01, ValueError), (True, TypeError), ("1", TypeError)):
        with pytest.raises(error, match="t must"):
            check_threshold(bad, "t")


def test_positional_ids_are_deprecated():
    with pytest.warns(DeprecationWarning, match="pass the ids by keyword"):
        assert ids_from_y(["a"], None) == ["a"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ids_from_y(None, ["b"]) == ["b"] and ids_from_y(["a"], ["b"]) == ["b"]
