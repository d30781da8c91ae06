"""Pass 8, country references and the home country (newsnlp.entities.countries), on hand-made
mentions."""

from __future__ import annotations

import pytest
from handmade import layer, matcher, mentions, state

from newsnlp.entities.countries import country_refs, dominant_country, foreign_countries, kingdom
from newsnlp.entities.resolution import add_gazetteer_matches
from newsnlp.entities.types import CountryReference


def _refs(text: str, *items: tuple) -> list[tuple[str, str]]:
    st = state(text, *items)
    add_gazetteer_matches(st, matcher())
    return [(r.text, r.country) for r in country_refs(st, matcher())]


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Le président chinois et les Marocains.", [("chinois", "CN"), ("Marocains", "MA")]),
        ("Il parle en français et l’arabe.", []),  # languages
        ("Un accord européen.", []),  # a regional adjective
        ("Le Maroc et le Royaume-Uni.", [("Maroc", "MA"), ("Royaume-Uni", "GB")]),
        ("Le Royaume et Rabat.", [("Royaume", "MA")]),  # "le Royaume" alone
        ("Le Royaume du Maroc.", [("Royaume du Maroc", "MA")]),
        ("Le Royaume et Madrid.", [("Royaume", "ES")]),
        ("Le Royaume et Paris.", []),  # no kingdom named
    ],
)
def test_country_references(text, refs):
    assert _refs(text) == refs


def test_an_adjective_inside_a_mention_is_not_a_reference():
    text = "L’Association culturelle marocaine de Lyon."
    assert _refs(text, ("Association culturelle marocaine de Lyon", "ORG")) == []
    assert _refs(text) == [("marocaine", "MA")]


def test_kingdom():
    es = CountryReference(0, 7, "Espagne", "ES")
    assert kingdom([es], []) == "ES"
    assert kingdom([es], ["MA"]) == "MA"  # Morocco whenever it is named
    assert kingdom([es, CountryReference(9, 16, "Belgique", "BE")], []) is None  # a tie
    assert kingdom([CountryReference(0, 6, "France", "FR")], ["FR"]) is None


def test_foreign_countries():
    text = "Le ministre français a reçu l’ambassadeur de Chine, venu de Rabat, et un président."
    assert foreign_countries(text, matcher()) == {"FR", "CN", "MA"}


def _dominant(text: str, *items: tuple, default: str | None = None) -> str | None:
    st = state(text, *items)
    add_gazetteer_matches(st, matcher())
    return dominant_country(country_refs(st, matcher()), st, matcher(), default)


def test_dominant_country():
    assert _dominant("À Dakar et à Paris.") == "SN"  # a tie: the first named
    assert _dominant("À Dakar, en France, en France et en France.") == "FR"
    assert _dominant("À Dakar, à Lyon et à Marseille.") == "SN"  # a capital counts twice
    assert _dominant("Le ministre français à Dakar, en France, en France et en France.") == "SN"
    assert _dominant("Le ministre français en France.") == "FR"  # nothing else remains
    assert _dominant("Rien de connu.", default="MA") == "MA"


def test_the_home_country_of_a_minister_through_the_layer():
    text = "Le ministre de l’Intérieur, Ahmed Diallo, à Dakar et à Paris."
    ann = layer()(text, mentions(text, ("Ahmed Diallo", "PER")))
    assert [(m.name, m.country) for m in ann.ministers] == [("Ahmed Diallo", "SN")]
    assert layer("MA")("Le ministre Karim Zidane a dit.", []).ministers[0].country == "MA"
