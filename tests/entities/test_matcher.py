"""The gazetteer as the layer reads it (newsnlp.entities.matcher)."""

from __future__ import annotations

from handmade import matcher

from newsnlp.entities.matcher import KIND_LABEL
from newsnlp.entities.state import words_of


def test_longest_form_at_a_word():
    words = words_of("la Guinée-Bissau et la Guinée équatoriale, la Guinée.")
    assert matcher().match_at(words, 1)[:2] == (1, "country")
    n, kind, record = matcher().match_at(words, 4)
    assert (n, kind, record.country) == (2, "country", "GQ")
    assert matcher().match_at(words, 0) is None  # "la": no form


def test_forms_must_be_contiguous_words():
    words = words_of("Nations, unies")
    assert matcher().match_at(words, 0) is None


def test_match_takes_the_whole_text_only():
    assert matcher().match("Côte d’Ivoire")[1].country == "CI"
    assert matcher().match("Côte d'Ivoire") is None  # as written: texts are normalised first
    assert matcher().match("Côte d’Ivoire du Nord") is None
    assert matcher().match("") is None


def test_adjectives_and_demonyms():
    assert matcher().adjective("marocaines").country == "MA"
    assert matcher().adjective("Marocaines") is None  # adjectives are lower case
    assert matcher().demonym("Marocains").pos == "noun"


def test_every_gazetteer_type_has_a_label():
    kinds = {kind for _, kind, _ in matcher().gazetteer.surface_forms()}
    assert kinds == set(KIND_LABEL)


def test_an_organ_with_its_own_name_and_the_organisation_are_two_names():
    assert matcher().match("Conseil de sécurité de l’ONU") is None
    assert matcher().match("Conseil de sécurité")[1].canonical == (
        "Conseil de sécurité des Nations unies"
    )
    assert matcher().match("Conseil de l’UE")[1].canonical == "Conseil de l’Union européenne"


def test_a_lower_case_generic_head_is_also_found_capitalised():
    assert matcher().match("palais Rénovation")[1].country == "GA"
    assert matcher().match("Palais Rénovation")[1].canonical == "Présidence de la République"
    assert matcher().match("Place Beauvau")[1].country == "FR"


def test_an_institution_matches_whatever_the_case_of_its_later_words():
    m = matcher()
    assert m.match("Organisation mondiale de la Santé")[1].canonical == (
        m.match("Organisation mondiale de la santé")[1].canonical
    )
    assert m.match("organisation mondiale de la santé") is None  # the first word keeps its case
    assert m.match("Côte D’Ivoire") is None  # countries keep theirs
