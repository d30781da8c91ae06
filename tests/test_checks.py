"""newsnlp.checks: the argument checks every public function shares."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsnlp.checks import REPLACEMENT_CHARACTER, check_int, check_k, ensure_text

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
ANY_CHARACTER = st.characters(blacklist_categories=())  # surrogates and controls included


@given(st.text(alphabet=ANY_CHARACTER, max_size=200))
def test_ensure_text_always_returns_encodable_text_of_the_same_length(text):
    out = ensure_text(text)
    out.encode("utf-8")  # never raises
    assert len(out) == len(text)
    assert all(a == b or b == REPLACEMENT_CHARACTER for a, b in zip(text, out, strict=True))


@given(st.text(max_size=50), SURROGATES, st.text(max_size=50))
def test_a_lone_surrogate_becomes_the_replacement_character(before, surrogate, after):
    assert ensure_text(before + surrogate + after).index(REPLACEMENT_CHARACTER) <= len(before)


def test_valid_text_is_returned_as_is():
    text = "Côte d’Ivoire 🇨🇮 — l’ONU"
    assert ensure_text(text) is text


class Sub(str):
    pass


def test_str_subclass_becomes_plain_str():
    assert type(ensure_text(Sub("abc"))) is str


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (b"x", "decode it first"),
        (None, "pass ''"),
        (3, r"str\(value\)"),
        (["a"], "pass the article text as a string"),
    ],
)
def test_ensure_text_refuses_non_strings_with_advice(value, message):
    with pytest.raises(TypeError, match=message):
        ensure_text(value, name="text")


def test_check_int():
    assert check_int(np.int64(3), "n", 1) == 3 and type(check_int(np.int64(3), "n", 1)) is int
    assert check_int(None, "n", 1, allow_none=True) is None
    with pytest.raises(TypeError, match="n must be an int, not bool"):
        check_int(True, "n", 1)
    with pytest.raises(TypeError, match="not NoneType"):
        check_int(None, "n", 1)
    with pytest.raises(ValueError, match="n must be >= 1, not 0"):
        check_int(0, "n", 1)


def test_check_k():
    assert check_k(5) == 5
    with pytest.raises(ValueError, match="k must be >= 1"):
        check_k(0)
