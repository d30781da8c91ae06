"""Word counting and reading time."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp import ReadingTime, count_words, reading_time
from newsnlp.text.readtime import DEFAULT_WPM, READING_RATES


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("l’ONU", 1),
        ("aujourd’hui la 58ᵉ session", 4),
        ("« Nous verrons » : 2,75 % – oui ! ?", 4),
        ("« » : ; ! ? – % …", 0),
        ("Le\u00a0Maroc\u202fet\tl’Espagne\n2030", 5),
        ("___ --- ***", 0),
        ("", 0),
    ],
)
def test_count_words(text, words):
    assert count_words(text) == words


def test_count_words_matches_dev_set_annotation(data_path):
    path = data_path("newsnlp-dev", "articles.jsonl")
    for line in path.read_text("utf-8").splitlines():
        art = json.loads(line)
        assert count_words(art["clean"]) == art["words"], art["id"]


def test_default_rate_is_french_silent_reading():
    # 238 wpm (English silent reading) × 195 / 228 (IReST French / English, read aloud)
    assert DEFAULT_WPM == READING_RATES["fr"] == round(238 * 195 / 228) == 204
    assert READING_RATES["en"] == 238
    assert READING_RATES["fr"] < READING_RATES["es"] < READING_RATES["en"]


def test_reading_time_values():
    rt = reading_time("mot " * 408)  # exactly 2 minutes at 204 wpm
    assert (rt.words, rt.seconds, rt.minutes, str(rt)) == (408, 120.0, 2, "2 min")
    assert reading_time("mot " * 409).minutes == 3
    assert reading_time("mot").minutes == 1  # at least 1 for non-empty text
    assert reading_time("").minutes == 0 and reading_time("").seconds == 0
    assert reading_time("« » !").minutes == 0  # no words at all


def test_rate_options():
    text = "word " * 476
    assert reading_time(text, lang="en").minutes == 2  # 476 / 238
    assert reading_time(text, wpm=100).seconds == pytest.approx(285.6)
    assert reading_time(text, lang="xx").wpm == reading_time(text, lang="yy").wpm  # fallback rate


def test_images_add_time():
    base = reading_time("mot " * 100).seconds
    assert reading_time("mot " * 100, images=1).seconds == pytest.approx(base + 12)
    assert reading_time("mot " * 100, images=3).seconds == pytest.approx(base + 12 + 11 + 10)
    assert reading_time("mot " * 100, images=12).seconds == pytest.approx(base + 72 + 3 * 3)


@pytest.mark.parametrize(
    "kwargs",
    [{"wpm": 0}, {"wpm": -5}, {"wpm": math.inf}, {"wpm": "fast"}, {"images": -1}, {"images": 1.5}],
)
def test_bad_options(kwargs):
    with pytest.raises(ValueError):
        reading_time("texte", **kwargs)


@pytest.mark.parametrize("bad", [None, b"texte", 3.5])
def test_bad_text(bad):
    with pytest.raises(TypeError):
        reading_time(bad)


def test_result_is_frozen_and_serialisable():
    rt = reading_time("Le Maroc et l’Espagne.")
    assert isinstance(rt, ReadingTime)
    assert json.loads(json.dumps(rt.to_dict())) == rt.to_dict()
    with pytest.raises(AttributeError):
        rt.words = 3


_words = st.lists(
    st.sampled_from(["mot", "l’ONU", "«", "»", ":", "2,75", "%", "58ᵉ", "–"]), max_size=400
)


@settings(max_examples=200, deadline=None)
@given(_words, _words)
def test_reading_time_is_monotone_in_text_length(a, b):
    short = " ".join(a)
    longer = " ".join(a + b)
    assert reading_time(longer).words >= reading_time(short).words
    assert reading_time(longer).seconds >= reading_time(short).seconds
    assert reading_time(longer).minutes >= reading_time(short).minutes


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_count_words_is_the_annotation_rule(text):
    expected = len([t for t in text.split() if any(ch.isalnum() for ch in t)])
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("lang", "wpm"),
    [
        ("fr", 204),
        ("FR", 204),
        ("fr-CA", 204),
        ("fr_BE", 204),
        ("de", 187),
        ("xx", 192),
        ("und", 192),
        ("deu", 192),
    ],
)
def test_lang_selects_the_rate_and_is_stored(lang, wpm):
    rt = reading_time("mot " * 100, lang=lang)
    assert rt.wpm == wpm
    assert rt.lang == lang.lower().replace("_", "-")


@pytest.mark.parametrize("bad", [None, 3, b"fr", ["fr"]])
def test_non_str_lang_is_refused(bad):
    with pytest.raises(TypeError, match="lang must be a str language code"):
        reading_time("texte", lang=bad)


@pytest.mark.parametrize("bad", ["", "français", "f", "fr-", "12", "fr CA", "fr-CA-toolongsubtag"])
def test_malformed_lang_is_refused(bad):
    with pytest.raises(ValueError, match="lang must be an ISO 639 language code"):
        reading_time("texte", lang=bad)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(["\ud800", "\x00", "\x1b", "\u202e", "m", " ", "«"])
        | st.characters(),
        max_size=300,
    )
)
def test_hostile_text_is_counted_without_error(text):
    rt = reading_time(text)
    assert rt.words == count_words(text) >= 0
    assert rt.to_dict()["lang"] == "fr"
