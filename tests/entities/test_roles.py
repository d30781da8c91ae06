"""Passes 2 and 7, ministers' role phrases (newsnlp.entities.roles), on hand-made mentions."""

from __future__ import annotations

import pytest
from handmade import LEXICON, layer, matcher, mentions, spans, state

from newsnlp.entities.roles import (
    attach_roles,
    drop_role_words,
    find_roles,
    read_role,
    role_country,
)
from newsnlp.entities.state import LayerState


def _roles(text: str, *persons: str) -> LayerState:
    st = state(text, *((p, "PER") for p in persons if p in text))
    find_roles(st, LEXICON)
    attach_roles(st)
    return st


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Nasser Bourita, ministre des Affaires étrangères, de la Coopération africaine et des "
            "Marocains résidant à l’étranger, a reçu.",
            "ministre des Affaires étrangères, de la Coopération africaine et des Marocains "
            "résidant à l’étranger",
        ),
        ("Le ministre de l’Intérieur estime que rien.", "ministre de l’Intérieur"),  # a verb
        (
            "Le ministre délégué chargé du Budget, Fouzi Lekjaa.",
            "ministre délégué chargé du Budget",
        ),
        ("La ministre de la Santé\nLe texte suit.", "ministre de la Santé"),  # a line break
        ("Le Premier ministre Bart De Wever a parlé.", "Premier ministre"),  # a name after it
        (
            "Le vice-Premier ministre et ministre des Affaires étrangères, Maxime Prévot.",
            "vice-Premier ministre et ministre des Affaires étrangères",
        ),
    ],
)
def test_a_role_phrase_is_the_title_and_its_portfolio(text, role):
    st = _roles(text)
    assert [r.text.strip(" ,") for r in st.roles] == [role]


def test_read_role_stops_at_a_name():
    text = "Le ministre des Affaires étrangères et Karim Zidane ont parlé."
    start = text.index("ministre")
    end = read_role(text, start, start + 8, set())
    assert text[start:end] == "ministre des Affaires étrangères et Karim"  # no stop: read on
    end = read_role(text, start, start + 8, {text.index("Karim")})
    assert text[start:end] == "ministre des Affaires étrangères"


def test_a_former_office_is_not_sitting():
    st = _roles("L’ancien ministre des Finances Mohamed Berrada a dit.", "Mohamed Berrada")
    assert [(r.text, r.sitting) for r in st.roles] == [("ministre des Finances", False)]
    ann = layer()(st.text, mentions(st.text, ("Mohamed Berrada", "PER")))
    assert ann.ministers == () and ann.entities[0].kind == "person"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Nasser Bourita, ministre des Affaires étrangères, a reçu Karim Zidane.",
            "Nasser Bourita",
        ),
        ("Karim Zidane a reçu le ministre de l’Intérieur, Abdelouafi Laftit.", "Abdelouafi Laftit"),
        ("Karim Zidane, le nouveau ministre de l’Industrie, a dit.", "Karim Zidane"),
    ],
)
def test_the_person_is_named_next_to_the_role(text, person):
    st = _roles(text, "Nasser Bourita", "Karim Zidane", "Abdelouafi Laftit")
    (role,) = st.roles
    assert text[role.person.start : role.person.end] == person


def test_role_words_are_not_entities_but_names_inside_them_are():
    text = "José Manuel Albares, ministre des Affaires étrangères, de l’Union européenne et de la Coopération."
    st = state(
        text,
        ("José Manuel Albares", "PER"),
        ("Affaires étrangères", "ORG"),
        ("Union européenne", "ORG"),
        ("Coopération", "ORG"),
    )
    find_roles(st, LEXICON)
    drop_role_words(st, matcher())
    assert spans(st) == [("José Manuel Albares", "PER"), ("Union européenne", "ORG")]


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        (
            "Le ministre britannique des Affaires étrangères, David Lammy, a dit.",
            "David Lammy",
            "GB",
        ),
        ("Le ministre de l’Intérieur du Sénégal, Ahmed Diallo, a dit.", "Ahmed Diallo", "SN"),
        (
            "Il a reçu son homologue espagnol, José Manuel Albares, ministre des Affaires étrangères.",
            "José Manuel Albares",
            "ES",
        ),
        ("Le conseiller fédéral Ignazio Cassis, a dit.", "Ignazio Cassis", "CH"),
        (
            "Le ministre du Tourisme, Mohamed Mehdi Bensaid, venu spécialement de Rabat, a dit.",
            "Mohamed Mehdi Bensaid",
            "MA",
        ),
        ("Le ministre de l’Intérieur, Ahmed Diallo, a dit.", "Ahmed Diallo", None),
    ],
)
def test_role_country_from_the_title_or_its_context(text, person, country):
    st = _roles(text, person)
    (role,) = st.roles
    assert role_country(st, role, matcher()) == country


def test_ministers_through_the_layer():
    text = (
        "Le ministre britannique des Affaires étrangères, David Lammy, a reçu son homologue "
        "espagnol, José Manuel Albares, ministre des Affaires étrangères."
    )
    ann = layer()(text, mentions(text, ("David Lammy", "PER"), ("José Manuel Albares", "PER")))
    assert [(m.name, m.role, m.country) for m in ann.ministers] == [
        ("David Lammy", "ministre britannique des Affaires étrangères", "GB"),
        ("José Manuel Albares", "ministre des Affaires étrangères", "ES"),
    ]
