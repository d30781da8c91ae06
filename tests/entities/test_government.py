"""Part of pass 9, a minister's government as a chain of evidence
(newsnlp.entities.government), on hand-made mentions: no spaCy model."""

from __future__ import annotations

import pytest
from handmade import LEXICON, layer, matcher, mentions, minister_countries, state
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.entities.government import (
    SOURCES,
    demonym_country,
    homologue_country,
    not_of,
    office_keys,
    phrase_country,
    role_country,
    scene_country,
    title_country,
)
from newsnlp.entities.resolution import add_gazetteer_matches
from newsnlp.entities.roles import attach_roles, find_roles
from newsnlp.entities.state import LayerState

LOMBARD = (
    "Le ministre de l’Économie, Éric Lombard, a rencontré à Rabat son homologue marocaine. "
    "Selon l’ONU, le Maroc et les États-Unis…"
)


def _state(text: str, *persons: str) -> LayerState:
    st_ = state(text, *((p, "PER") for p in persons))
    add_gazetteer_matches(st_, matcher())
    find_roles(st_, LEXICON, matcher())
    attach_roles(st_)
    return st_


@pytest.mark.parametrize(
    ("role", "country"),
    [
        ("ministre saoudien des Affaires étrangères", "SA"),
        ("ministre d’État qatari au ministère des Affaires étrangères", "QA"),
        ("ministre de l’Intérieur du Sénégal", "SN"),
        ("ministre des Affaires étrangères de la Côte d’Ivoire", "CI"),
        ("chef de la diplomatie émiratie", "AE"),
        ("président du gouvernement espagnol", "ES"),
        ("premier ministre québécois", "CA"),  # a federated state: its country
        ("chef du Département fédéral des affaires étrangères", "CH"),
        ("conseillère fédérale", "CH"),
        ("cheffe du DFAE", "CH"),
        ("ministre des Marocains résidant à l’étranger", "MA"),  # a demonym noun, last
        ("locataire de Matignon", "FR"),  # the seat's country
        ("ministre de l’Économie", None),
        ("ministre de la Coopération africaine", None),  # not a country
        ("ministre de l’Europe et des Affaires étrangères", None),
        # an adjective after a portfolio's noun is the noun's
        ("ministre responsable de la Langue française", None),
        ("ministre de la Communauté française", None),
        ("ministre de l’Intérieur britannique", "GB"),
    ],
)
def test_title_country(role, country):
    assert title_country(role, matcher()) == country


def test_demonym_country():
    m = matcher()
    assert [demonym_country(w, m) for w in ("saoudienne", "flamand", "européen", "dit")] == [
        "SA",
        "BE",
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        (
            "Le gouvernement sénégalais, par la voix de son ministre de l’Intérieur, Ahmed "
            "Diallo, a dit.",
            "Ahmed Diallo",
            "SN",
        ),
        (
            "Le Maroc, représenté par son ministre de l’Intérieur, Ahmed Diallo, a dit.",
            "Ahmed Diallo",
            "MA",
        ),
        (
            "La France, par la voix du chef de la diplomatie Jean-Yves Le Drian, a condamné "
            "le verdict de Téhéran.",
            "Jean-Yves Le Drian",
            "FR",
        ),
        (
            "Ahmed Diallo, ministre de l’Intérieur, au nom du gouvernement malien, a dit.",
            "Ahmed Diallo",
            "ML",
        ),
        (
            "Le ministre du Tourisme, Mohamed Mehdi Bensaid, venu spécialement de Rabat, a dit.",
            "Mohamed Mehdi Bensaid",
            "MA",
        ),
        # a government named elsewhere in the sentence is not his
        (
            "Le ministre de l’Intérieur, Ahmed Diallo, a critiqué le gouvernement malien.",
            "Ahmed Diallo",
            None,
        ),
    ],
)
def test_phrase_country(text, person, country):
    st_ = _state(text, person)
    (role,) = st_.roles
    assert phrase_country(st_, role, matcher()) == country


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        (
            "Il a reçu son homologue espagnol, José Manuel Albares, ministre des Affaires "
            "étrangères.",
            "José Manuel Albares",
            "ES",
        ),
        (
            "Il a reçu le ministre des Affaires étrangères, José Manuel Albares, son homologue "
            "espagnol.",
            "José Manuel Albares",
            "ES",
        ),
        (
            "Il a vu son homologue marocain, le ministre des Affaires étrangères Nasser Bourita.",
            "Nasser Bourita",
            "MA",
        ),
        ("Le ministre de l’Intérieur, Ahmed Diallo, a dit.", "Ahmed Diallo", None),
    ],
)
def test_homologue_country(text, person, country):
    st_ = _state(text, person)
    role = next(r for r in st_.roles if r.person is not None)
    assert homologue_country(st_, role, matcher()) == country


def test_role_country_of_one_role_phrase():
    st_ = _state(
        "Le ministre britannique des Affaires étrangères, David Lammy, a dit.", "David Lammy"
    )
    assert role_country(st_, st_.roles[0], matcher()) == "GB"


def test_not_of_the_counterpart_country():
    st_ = _state(LOMBARD, "Éric Lombard")
    assert not_of(st_, matcher(), lambda c: st_.text[c.start : c.end]) == {"Éric Lombard": {"MA"}}
    text = "Nasser Bourita a reçu José Manuel Albares, son homologue espagnol."
    st_ = _state(text, "Nasser Bourita", "José Manuel Albares")
    assert not_of(st_, matcher(), lambda c: st_.text[c.start : c.end]) == {
        "Nasser Bourita": {"ES"}  # not Albares: he is the counterpart
    }


@pytest.mark.parametrize(
    ("role", "keys"),
    [
        ("ministre des Affaires étrangères, de la Coopération africaine", {"affaires etrangeres"}),
        ("vice-Premier ministre et ministre des Affaires étrangères", {"affaires etrangeres"}),
        ("ministre d’État, ministre de l’Agriculture", {"agriculture"}),
        ("Premier ministre", set()),
        ("ministre délégué auprès du ministre des Finances", set()),  # a delegate shares it
        ("secrétaire d’État chargé du Commerce extérieur", set()),
    ],
)
def test_office_keys(role, keys):
    assert office_keys(role) == keys


def test_scene_country():
    text = "À Doha, enfin, le Premier ministre, cheikh Mohammed Al Thani, a dit."
    st_ = _state(text, "Mohammed Al Thani")
    assert scene_country(st_, st_.roles[0], matcher()) == "QA"
    st_ = _state("Le Premier ministre Karim Zidane a dit à Doha.", "Karim Zidane")
    assert scene_country(st_, st_.roles[0], matcher()) is None


# --------------------------------------------------------------------------- the chain
def test_each_source_of_the_chain():
    text = (
        "RABAT (MAP) – Le Maroc et le Royaume d’Espagne. Le ministre des Affaires étrangères, "
        "Nasser Bourita, a reçu à Rabat son homologue espagnol, José Manuel Albares, ministre "
        "des Affaires étrangères, et le "
        "ministre saoudien des Affaires étrangères, Fayçal ben Farhane. Le gouvernement "
        "malien, par la voix de son ministre de l’Intérieur, Ahmed Diallo, a salué l’accord."
    )
    got = minister_countries(
        text, "Nasser Bourita", "José Manuel Albares", "Fayçal ben Farhane", "Ahmed Diallo"
    )
    assert got == [
        ("Nasser Bourita", "MA", "home"),
        ("José Manuel Albares", "ES", "homologue"),
        ("Fayçal ben Farhane", "SA", "role"),
        ("Ahmed Diallo", "ML", "phrase"),
    ]


def test_the_new_user_example_gives_a_country_only_with_evidence():
    # no evidence: not Moroccan (his counterpart is), not American (one mention)
    assert minister_countries(LOMBARD, "Éric Lombard") == [("Éric Lombard", None, None)]
    first = LOMBARD.split(" Selon", 1)[0]
    assert minister_countries(first, "Éric Lombard") == [("Éric Lombard", None, None)]
    # a dateline: the article's home country
    assert minister_countries("Paris. " + LOMBARD, "Éric Lombard") == [
        ("Éric Lombard", "FR", "home")
    ]
    # the caller's home country, when the article has none of its own
    text = "Le ministre de l’Économie, Éric Lombard, a dit."
    assert minister_countries(text, "Éric Lombard") == [("Éric Lombard", None, None)]
    assert minister_countries(text, "Éric Lombard", default="FR") == [
        ("Éric Lombard", "FR", "home")
    ]


def test_home_is_never_used_when_a_role_or_phrase_names_another_country():
    text = (
        "À Dakar, au Sénégal. Le ministre français de l’Intérieur, Bruno Retailleau, et le "
        "ministre de l’Intérieur, Ahmed Diallo, à Dakar."
    )
    assert minister_countries(text, "Bruno Retailleau", "Ahmed Diallo") == [
        ("Bruno Retailleau", "FR", "role"),
        ("Ahmed Diallo", "SN", "home"),
    ]


def test_one_holder_per_portfolio_in_the_home_government():
    text = (
        "Au Maroc, le Royaume. Le ministre des Affaires étrangères, Nasser Bourita, a reçu à "
        "Rabat le ministre des Affaires étrangères, Badr Abdelatty. À Doha, enfin, le Premier "
        "ministre et ministre des Affaires étrangères, cheikh Mohammed Al Thani, a dit."
    )
    got = minister_countries(text, "Nasser Bourita", "Badr Abdelatty", "Mohammed Al Thani")
    assert got == [
        ("Nasser Bourita", "MA", "home"),
        ("Badr Abdelatty", None, None),  # not the home government's: no other evidence
        ("Mohammed Al Thani", "QA", "phrase"),  # not the home government's: set in Doha
    ]


def test_no_home_country_no_guess():
    text = "Le ministre de l’Intérieur, Ahmed Diallo, à Dakar et à Paris."
    assert minister_countries(text, "Ahmed Diallo") == [("Ahmed Diallo", None, None)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Le",
                "ministre",
                "de",
                "l’Intérieur",
                ",",
                "Ahmed",
                "Diallo",
                "Dakar",
                "à",
                "Paris",
                ".",
                "son",
                "homologue",
                "sénégalais",
                "marocain",
                "Maroc",
                "Rabat",
                "gouvernement",
                "malien",
                "par",
                "la",
                "voix",
                "Sénégal",
                "PARIS",
                "–",
            ]
        ),
        max_size=40,
    )
)
def test_a_country_always_comes_with_its_source(words):
    text = " ".join(words)
    persons = [("Ahmed Diallo", "PER")] if "Ahmed Diallo" in text else []
    for m in layer()(text, mentions(text, *persons)).ministers:
        assert m.country_source in SOURCES or m.country_source is None
        assert (m.country is None) == (m.country_source is None)


def test_a_federated_government_holds_its_own_portfolios():
    text = (
        "À Ottawa, au Canada. La ministre des Finances du Québec, Eric Girard, et le ministre "
        "des Finances, François-Philippe Champagne, ont parlé."
    )
    got = minister_countries(text, "Eric Girard", "François-Philippe Champagne")
    assert got == [
        ("Eric Girard", "CA", "role"),
        ("François-Philippe Champagne", "CA", "home"),  # not taken by the Quebec minister
    ]


def test_a_country_named_like_its_capital_is_home_evidence():
    text = "Réunis à Luxembourg, le Premier ministre Luc Frieden a reçu à Luxembourg."
    assert minister_countries(text, "Luc Frieden") == [("Luc Frieden", "LU", "home")]


def test_a_rank_between_the_title_and_the_name():
    text = "À Bamako, au Mali. Le Premier ministre, le Général de division Abdoulaye Maïga, a dit."
    assert minister_countries(text, "Abdoulaye Maïga") == [("Abdoulaye Maïga", "ML", "home")]


def test_an_adjective_of_two_states_in_a_role():
    text = "Le ministre congolais de la Santé, Gilbert Mokoki, est venu depuis Brazzaville."
    assert minister_countries(text, "Gilbert Mokoki") == [("Gilbert Mokoki", "CG", "role")]
    assert demonym_country("congolaise", matcher(), {"CD", "CG"}) == "CD"


def test_a_deputy_head_of_government():
    text = "À Libreville, au Gabon. Le vice-président du gouvernement, Alexandre Barro Chambrier."
    assert minister_countries(text, "Alexandre Barro Chambrier") == [
        ("Alexandre Barro Chambrier", "GA", "home")
    ]
