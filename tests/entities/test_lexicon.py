"""French word classes without a tagger (newsnlp.entities.lexicon)."""

from __future__ import annotations

import pytest

from newsnlp.entities.lexicon import Lexicon, adjective_lemmas

LEX = Lexicon(
    common_nouns=frozenset({"budget", "état"}), adjectives=frozenset({"général", "étranger"})
)


@pytest.mark.parametrize(
    ("word", "noun"), [("Budget", True), ("budgets", True), ("États", True), ("Maroc", False)]
)
def test_common_nouns(word, noun):
    assert LEX.is_common_noun(word) is noun


@pytest.mark.parametrize(
    ("word", "adjective"),
    [
        ("générale", True),
        ("étrangères", True),
        ("publique", True),  # listed: no tell-tale ending
        ("appelle", False),  # an ending, but not a known adjective
        ("anticorruption", True),  # an invariable compound: its prefix tells
        ("anti", False),
        ("Générale", False),  # capitalised
        ("sera", False),
        ("dans", False),
    ],
)
def test_adjectives(word, adjective):
    assert LEX.is_adjective(word) is adjective


def test_without_a_list_endings_decide():
    assert Lexicon().is_adjective("appelle") and not Lexicon().is_common_noun("budget")


def test_adjective_lemmas():
    assert {"général"} <= adjective_lemmas("générales")
    assert {"national"} <= adjective_lemmas("nationaux")
    assert {"actif"} <= adjective_lemmas("actives")
