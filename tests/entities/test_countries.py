"""Pass 8, country references and the home country (newsnlp.entities.countries), on hand-made
mentions."""

from __future__ import annotations

import warnings

import pytest
from handmade import LEXICON, layer, matcher, mentions, state
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.entities.countries import (
    country_refs,
    dateline_country,
    dominant_country,
    foreign_countries,
    foreign_marks,
    home_country,
    home_evidence,
    kingdom,
    natural_feature,
    page_country,
)
from newsnlp.entities.resolution import add_gazetteer_matches
from newsnlp.entities.roles import find_roles
from newsnlp.entities.types import CountryReference


def _state(text: str, *items: tuple):
    st_ = state(text, *items)
    add_gazetteer_matches(st_, matcher())
    find_roles(st_, LEXICON, matcher())
    return st_


def _refs(text: str, *items: tuple) -> list[tuple[str, str]]:
    return [(r.text, r.country) for r in country_refs(_state(text, *items), matcher())]


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
        # a river, a lake, a gulf named like a country
        ("Le fleuve Gambie traverse la Gambie.", [("Gambie", "GM")]),
        ("Le lac Tchad et le delta du Niger.", []),
        ("Le golfe de Guinée.", []),
        ("L’île Maurice.", [("Maurice", "MU")]),  # the country's usual name
        # a country's name standing for its city
        ("Réunis à Luxembourg, les ministres parlent du Luxembourg.", [("Luxembourg", "LU")]),
    ],
)
def test_country_references(text, refs):
    assert _refs(text) == refs


def test_natural_feature():
    text = "Le fleuve Gambie traverse la Gambie et le bassin du Congo."
    assert [natural_feature(text, text.index(w)) for w in ("Gambie", "la Gambie", "Congo")] == [
        True,
        False,
        True,
    ]


def test_a_river_and_a_city_are_not_countries_in_the_entities():
    text = "Le fleuve Gambie coule à Luxembourg ? Non : au Luxembourg."
    ann = layer()(text, mentions(text, ("Gambie", "LOC")))
    assert [(e.text, e.kind, e.country) for e in ann.entities] == [
        ("Gambie", "location", None),
        ("Luxembourg", "city", "LU"),
        ("Luxembourg", "country", "LU"),
    ]
    assert ann.countries == {"LU": 1}


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
    # a counterpart is not marked: in Haitian press, "son homologue haïtien" is Haitian
    assert foreign_countries("Elle a vu son homologue haïtien.", matcher()) == set()


def test_foreign_marks_from_role_phrases_not_periphrases():
    st_ = _state("Le ministre de l’Intérieur du Sénégal et le chef de la diplomatie belge.")
    assert foreign_marks(st_, matcher()) == {"SN"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Paris. Le ministre a dit.", "FR"),
        ("PARIS (AFP) – Le ministre a dit.", "FR"),
        ("Rabat, 12 mai (MAP) - Le ministre a dit.", "MA"),
        ("Un titre\nDakar, le 3 juin – Le ministre a dit.", "SN"),  # after a title line
        ("Le ministre a dit à Paris. Il part.", None),
        ("Paris : le ministre a dit.", None),  # a heading, not a dateline
        ("Un\nDeux\nTrois\nParis. Le ministre.", None),  # too far down
    ],
)
def test_dateline_country(text, country):
    assert dateline_country(text, matcher()) == country


def _home(text: str, *items: tuple, default: str | None = None) -> str | None:
    st_ = _state(text, *items)
    return home_country(country_refs(st_, matcher()), st_, matcher(), default)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("À Dakar, le Sénégal et le Mali.", "SN"),  # a capital and a name: two kinds
        ("À Dakar et à Dakar.", "SN"),  # the only country named
        ("Le Sénégal.", None),  # named once: not enough
        ("Le Sénégal, le Sénégal et le Mali.", None),  # names only: a mention count
        ("À Dakar et à Paris.", None),  # two countries alike
        ("À Dakar, le Sénégal, à Paris et en France.", None),
        # a country the text marks as another party's counts half
        ("À Dakar, au Sénégal ; le ministre français à Paris et en France.", "SN"),
        # a dateline decides, unless another country has more evidence
        ("PARIS (AFP) – À Dakar, le Sénégal.", "FR"),
        ("PARIS (AFP) – À Dakar, au Sénégal, à Dakar, au Sénégal et à Dakar.", "SN"),
        # one kind of evidence, overwhelming
        ("Le Liban, les Libanais, la livre libanaise, l’économie libanaise. La France.", "LB"),
        # a capital a visit goes to is not the article's country
        ("Le ministre est attendu à Kinshasa.", None),
        ("Le ministre vit à Kinshasa.", "CD"),
        ("Il fera un aller-retour à Kinshasa (RDC) pour un sommet.", None),
        ("Le ministre a reçu à Rabat son homologue.", "MA"),  # a host receives at home
    ],
)
def test_home_country(text, home):
    assert _home(text) == home


@pytest.mark.parametrize(
    ("lines", "country"),
    [
        (["Politique", "Dakar, 4 déc (APS) –", "Par Awa Ndiaye"], "SN"),  # a dateline alone
        (["Actualité", "Libreville, le 05 décembre 2025", "Partager"], "GA"),
        (["Luxembourg", "Par Marc Schroeder", "⏲ 3 min."], "LU"),  # a rubric naming a country
        (["Belgique", "Politique fédérale"], "BE"),
        (["Monde", "Par la rédaction", "Partager", "© Le Journal 2025"], None),
        ([], None),
        # the site's other headlines: one country clearly, or none
        (["À lire aussi", "À Dakar, le Sénégal mise sur l’eau", "Le Sénégal et Dakar"], "SN"),
        (["À lire aussi", "Le Mali et le Niger", "La France au Sahel"], None),
    ],
)
def test_page_country(lines, country):
    assert page_country(lines, matcher()) == country


def test_home_country_default_when_the_article_has_none():
    assert _home("Rien de connu.", default="MA") == "MA"
    assert _home("À Dakar, le Sénégal.", default="MA") == "SN"


def test_home_evidence_leaves_out_roles_and_other_parties():
    text = (
        "Le ministre libyen de l’Économie, le président kényan, son homologue haïtien, "
        "l’ambassadeur de Chine. La Banque centrale de Tunisie et la Tunisie à Tunis."
    )
    st_ = _state(text, ("Banque centrale de Tunisie", "ORG"))
    ev = home_evidence(country_refs(st_, matcher()), st_, matcher())
    assert {iso: dict(kinds) for iso, kinds in ev.items()} == {
        "TN": {"body": 2, "reference": 1, "capital": 2}
    }


def test_dominant_country_is_deprecated():
    st_ = _state("À Dakar, le Sénégal.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert dominant_country(country_refs(st_, matcher()), st_, matcher()) == "SN"
    assert caught[0].category is DeprecationWarning


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "À",
                "Dakar",
                "Paris",
                "Sénégal",
                "France",
                "le",
                "ministre",
                "français",
                "sénégalais",
                ",",
                ".",
                "\n",
                "PARIS",
                "(AFP)",
                "–",
                "au",
                "Royaume",
                "Rabat",
                "fleuve",
                "Gambie",
                "à",
                "Luxembourg",
            ]
        ),
        max_size=40,
    )
)
def test_the_home_country_is_one_the_text_names(words):
    text = " ".join(words)
    st_ = _state(text)
    refs = country_refs(st_, matcher())
    home = home_country(refs, st_, matcher())
    named = set(home_evidence(refs, st_, matcher())) | {dateline_country(text, matcher())}
    assert home is None or home in named


def test_an_adjective_of_two_states_is_the_one_the_text_names():
    assert _refs("Le gouvernement congolais.") == [("congolais", "CD")]  # the usual one
    assert _refs("À Brazzaville, le gouvernement congolais.") == [("congolais", "CG")]


def test_adjectives_of_a_federated_region_are_home_evidence():
    st_ = _state("Les entreprises québécoises, le gouvernement québécois ; écrit en anglais.")
    ev = home_evidence(country_refs(st_, matcher()), st_, matcher())
    assert {iso: dict(kinds) for iso, kinds in ev.items()} == {"CA": {"region": 2}}
