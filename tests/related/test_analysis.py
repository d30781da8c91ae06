"""newsnlp.related.analysis: French index terms, the analyzers and their saved names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.lang.fr.elision import ELIDED_CLITICS
from newsnlp.lang.fr.stop_words import STOP_WORDS
from newsnlp.related.analysis import (
    ANALYZERS,
    FRENCH_STOP_WORDS,
    analyzer_name,
    french_analyzer,
    french_analyzer_all_numbers,
    french_analyzer_no_numbers,
    french_tokens,
)


def test_elisions_all_apostrophes():
    for apostrophe in ("’", "'", "ʼ", "‘"):
        text = f"L{apostrophe}ONU s{apostrophe}inquiète qu{apostrophe}elle n{apostrophe}ait pas jusqu{apostrophe}à présent d{apostrophe}accord lorsqu{apostrophe}il parle"
        assert french_tokens(text) == ["onu", "inquiete", "present", "accord", "parle"], apostrophe


def test_elisions_stripped_without_stop_words_and_one_letter_tokens():
    toks = french_tokens("L’ONU qu’il jusqu’à lorsqu’elle d’Ivoire", stop_words=False, min_len=1)
    assert toks == ["onu", "il", "a", "elle", "ivoire"]
    assert french_tokens("qu’il jusqu’au lorsqu’on", stop_words=False) == ["il", "au", "on"]


def test_accents_folded_and_kept():
    assert french_tokens("Etats") == french_tokens("ÉTATS") == french_tokens("États") == ["etats"]
    assert french_tokens("Cœur Noël Ærø") == ["coeur", "noel", "aero"]
    assert french_tokens("États", strip_accents=False) == ["états"]
    assert french_tokens("Άθήνα") == ["αθηνα"]  # beyond Latin too


def test_stop_words_and_punctuation():
    text = "Selon lui, il a été élu après deux ans, et il y a aussi plus de voix : « — … » !!"
    assert french_tokens(text) == ["elu", "voix"]
    kept = french_tokens(text, stop_words=False)
    assert {"selon", "ete", "apres", "ans", "aussi", "plus"} <= set(kept)
    for word in ("a", "été", "selon", "après", "plus", "aussi", "ans", "le", "nous", "sont"):
        assert word in STOP_WORDS
    assert 400 <= len(STOP_WORDS) <= 700
    assert all(w == w.lower() and " " not in w for w in STOP_WORDS)
    assert "ete" in FRENCH_STOP_WORDS and "premier" not in FRENCH_STOP_WORDS


def test_numbers_policy():
    text = "En 2019, 228 morts, 3,5 % et le vol AF447 ; la 5G en 1789."
    assert french_tokens(text) == ["2019", "morts", "vol", "af447", "5g", "1789"]
    assert french_tokens(text, numbers="none") == ["morts", "vol", "af447", "5g"]
    assert french_tokens(text, numbers="all") == [
        "2019",
        "228",
        "morts",
        "vol",
        "af447",
        "5g",
        "1789",
    ]
    assert french_analyzer_no_numbers(text) == french_tokens(text, numbers="none")
    with pytest.raises(ValueError, match="numbers"):
        french_tokens(text, numbers="some")
    with pytest.raises(ValueError, match="min_len"):
        french_tokens(text, min_len=0)


def test_min_len_and_underscores():
    assert french_tokens("Loi ELAN, loi n°3 et __init__", min_len=4) == ["elan", "init"]
    assert french_tokens("a_b __ cd_ef") == ["cd", "ef"]


@pytest.mark.parametrize("func", [french_analyzer, french_tokens])
@pytest.mark.parametrize("bad", [b"texte", None, 3, ["texte"]])
def test_analyzer_rejects_non_str(func, bad):
    with pytest.raises(TypeError, match="must be str"):
        func(bad)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(list("’'ʼʻ‘`´-_ «»ÉéèçœŒÆ0123456789")),
        ),
        max_size=80,
    ),
    st.booleans(),
    st.booleans(),
    st.integers(1, 3),
    st.sampled_from(["none", "years", "all"]),
)
def test_analyzer_property(text, stop_words, strip_accents, min_len, numbers):
    toks = french_tokens(
        text, stop_words=stop_words, strip_accents=strip_accents, min_len=min_len, numbers=numbers
    )
    assert isinstance(toks, list)
    for t in toks:
        assert t and t == t.lower(), t
        assert not any(c in t for c in "'’ʼʻ‘ \t\n-_"), t
        assert len(t) >= min_len or not strip_accents
        if stop_words:
            assert t not in (FRENCH_STOP_WORDS if strip_accents else STOP_WORDS)
    if strip_accents and min_len == 2 and stop_words and numbers == "years":
        assert french_analyzer(text) == toks


def test_analyzer_names_are_the_saved_model_format():
    """Saved models name their analyzer: the names are the format's, not the functions' paths."""
    assert {
        "newsnlp.similarity.french_analyzer": french_analyzer,
        "newsnlp.similarity.french_analyzer_all_numbers": french_analyzer_all_numbers,
        "newsnlp.similarity.french_analyzer_no_numbers": french_analyzer_no_numbers,
    } == ANALYZERS
    for name, func in ANALYZERS.items():
        assert analyzer_name(func) == name
    assert analyzer_name(french_tokens) == "newsnlp.related.analysis.french_tokens"  # not saved


def test_elisions_are_french_data():
    """The clitics come from newsnlp.lang.fr.elision: one-letter tokens keep their apostrophe
    rule (min_len=1), and clitics that only exist elided are never terms."""
    assert {"qu", "jusqu", "lorsqu"} <= ELIDED_CLITICS
    toks = french_tokens("c’est l’État qu’on jusqu’ici", stop_words=False, min_len=1)
    assert toks == ["est", "etat", "on", "ici"]
