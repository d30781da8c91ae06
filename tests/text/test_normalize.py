"""Character-level normalisation functions."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsnlp.text.normalize import (
    fix_mojibake,
    normalize_apostrophes,
    normalize_line_breaks,
    normalize_spaces,
    normalize_text,
    remove_invisible,
)

FUNCS = [
    fix_mojibake,
    normalize_apostrophes,
    normalize_line_breaks,
    normalize_spaces,
    normalize_text,
    remove_invisible,
]


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("rÃ©affirmÃ©", "réaffirmé"),
        ("lâ€™ONU", "l’ONU"),
        ("Â«\u00a0Nous\u00a0Â»", "«\u00a0Nous\u00a0»"),
        ("Å“uvre", "œuvre"),
        ("Ã\u00a0 Rabat", "à Rabat"),
        ("Ã©tÃ© Ã  Paris", "été à Paris"),  # "à" whose no-break space became a plain space
        ("rÃƒÂ©affirmÃƒÂ©", "réaffirmé"),  # encoded twice
        ("Å’uvre", "Œuvre"),
    ],
)
def test_fix_mojibake(broken, fixed):
    assert fix_mojibake(broken) == fixed


@pytest.mark.parametrize(
    "clean_text",
    ["Ça coûte 3 € à Noël", "Â l’évidence", "pâte Ã  la crème?", "ÉTÉ — Œuvre « x »", "Ã "],
)
def test_fix_mojibake_leaves_real_text_alone(clean_text):
    assert fix_mojibake(clean_text) == clean_text


def test_apostrophes():
    assert normalize_apostrophes("l'ONU, d'Espagne, aujourd'hui") == "l’ONU, d’Espagne, aujourd’hui"
    assert normalize_apostrophes("l‘ONU aujourd´hui lʼÉtat") == "l’ONU aujourd’hui l’État"
    # a left quote that is a quotation mark stays
    assert normalize_apostrophes("‘Brexit’ ») ") == "‘Brexit’ ») "


def test_spaces_keep_french_no_break_spaces():
    assert normalize_spaces("a  b\t\tc") == "a b c"
    assert normalize_spaces("«\u00a0 oui \u00a0»") == "«\u00a0oui\u00a0»"
    assert normalize_spaces("78\u2009000 ; x\u2003y") == "78\u202f000 ; x y"
    assert normalize_spaces("  ligne 1  \n  ligne 2 ") == "ligne 1\nligne 2"


def test_line_breaks_and_invisible():
    assert normalize_line_breaks("a\r\nb\rc\u2028d\u2029e\x0cf") == "a\nb\nc\nd\ne\nf"
    assert remove_invisible("pré\u00adsi\u200bdent\ufeff\x07") == "président"
    assert remove_invisible("👩\u200d💻") == "👩\u200d💻"  # ZWJ sequences stay


def test_normalize_text_repairs_mojibake_completed_by_apostrophes():
    assert normalize_text("Å'uvre d'art") == "Œuvre d’art"


def test_normalize_text_superscripts_kept_nfc_applied():
    assert normalize_text("79\u1d49 e\u0301dition") == "79ᵉ édition"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_every_normalisation_is_idempotent_and_total(text):
    for func in FUNCS:
        once = func(text)
        assert func(once) == once, func.__name__


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_fast_path_equals_composition(text):
    """normalize_text's shortcuts give the same result as composing the functions."""
    assume(not any(lead in text for lead in "ÂÃÄÅËâ"))  # no mojibake: one round suffices
    composed = text
    composed = fix_mojibake(composed)
    composed = remove_invisible(normalize_line_breaks(composed))
    import unicodedata

    composed = unicodedata.normalize("NFC", composed)
    composed = normalize_spaces(normalize_apostrophes(composed))
    assert normalize_text(text) == composed


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("bad", "advice"),
    [(["Ã©"], "must be str, not list"), (b"caf\xc3\xa9", "decode it first"), (None, "pass ''")],
)
def test_non_text_raises_a_clear_type_error(func, bad, advice):
    with pytest.raises(TypeError, match=advice):
        func(bad)


# Text as scrapers deliver it: lone surrogates, C0/C1 controls, bidi marks, mojibake leads.
_hostile = st.text(
    alphabet=st.sampled_from(
        [
            "\ud800",
            "\udfff",
            "\x00",
            "\x08",
            "\x1b",
            "\x85",
            "\x9f",
            "\u202e",
            "\ufeff",
            "Ã",
            "â",
            "©",
            "’",
            "'",
            " ",
            "\u00a0",
            "\n",
            "\r",
            "a",
            "É",
        ]
    )
    | st.characters(),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(_hostile)
def test_hostile_text_gives_encodable_idempotent_output(text):
    for func in FUNCS:
        once = func(text)
        once.encode("utf-8")
        assert func(once) == once, func.__name__
