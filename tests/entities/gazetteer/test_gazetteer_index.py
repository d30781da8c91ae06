"""Form lookups (newsnlp.entities.gazetteer.index): exact, without the article, folded, with
the restrictions that keep common words out."""

from __future__ import annotations

import pytest

from newsnlp.entities.gazetteer.index import (
    FormIndex,
    drop_initial_accent,
    has_upper,
    normalise,
    strip_article,
)


@pytest.fixture
def index():
    idx = FormIndex()
    idx.add("États-Unis", "US")
    idx.add("La Haye", "NL-city")
    idx.add("Chine", "CN")
    idx.add("EAU", "AE", acronym=True)
    return idx


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("États-Unis", ["US"]),
        ("les États-Unis", ["US"]),
        ("ETATS-UNIS", ["US"]),  # folded
        ("etats unis", ["US"]),
        ("La Haye", ["NL-city"]),  # an article that is part of the name
        ("EAU", ["AE"]),
        ("eau", []),  # an acronym only as written
        ("Eau", []),
        ("chine", []),  # a common word in lower case
        ("Chine", ["CN"]),
        ("", []),
    ],
)
def test_find(index, query, found):
    assert index.find(query) == found


def test_one_word_names_need_a_capital_when_asked():
    idx = FormIndex(single_word_needs_capital=True)
    idx.add("Sénat", "senate")
    idx.add("Nations unies", "un")
    assert idx.find("sénat") == [] and idx.find("Sénat") == ["senate"]
    assert idx.find("nations unies") == ["un"]


def test_long_acronyms_match_in_title_case():
    idx = FormIndex()
    idx.add("UNESCO", "unesco", acronym=True, title_ok=True)
    idx.add("PAM", "pam", acronym=True, title_ok=True)
    assert idx.find("Unesco") == ["unesco"] and idx.find("unesco") == []
    assert idx.find("Pam") == []  # three letters: capitals only


def test_a_record_is_indexed_once_per_form():
    idx = FormIndex()
    idx.add("Maroc", "MA")
    idx.add("Maroc", "MA")
    idx.add("MAROC", "MA")
    assert idx.find("maroc") == ["MA"]


def test_helpers():
    assert normalise("  l'ONU \u00a0 ") == "l’ONU"
    assert strip_article("l’ONU") == "ONU" and strip_article("Le Caire") == "Caire"
    assert drop_initial_accent("Égypte") == "Egypte" and drop_initial_accent("") == ""
    assert has_upper("ok") is False and has_upper("oK") is True
