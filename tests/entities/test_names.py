"""Pass 5, persons (newsnlp.entities.names), on hand-made mentions."""

from __future__ import annotations

import pytest
from handmade import LEXICON, layer, mentions, spans, state

from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.names import add_titled_persons, link_surnames, surnames
from newsnlp.entities.roles import find_roles


def test_surname_forms_with_their_particles():
    st = state("Amélie de Montchalin et Ben Ali.", ("Amélie de Montchalin", "PER"))
    assert surnames(st) == {
        "de Montchalin": "Amélie de Montchalin",
        "Montchalin": "Amélie de Montchalin",
    }


def test_the_longest_full_name_wins():
    text = "Jean Lacroix et Jean-Pierre Lacroix."
    st = state(text, ("Jean Lacroix", "PER"), ("Jean-Pierre Lacroix", "PER"))
    assert surnames(st) == {"Lacroix": "Jean-Pierre Lacroix"}


@pytest.mark.parametrize(
    "name", ["Jean M.", "AIX-EN-OTHE Sortie", "Pierre de", "Jean Li", "Jean X2"]
)
def test_not_a_surname(name):
    assert surnames(state(f"{name} a dit.", (name, "PER"))) == {}


def test_a_surname_alone_is_linked_to_the_full_name():
    text = "Nasser Bourita à Rabat. Bourita a salué le soutien."
    st = state(text, ("Nasser Bourita", "PER"), ("Bourita", "LOC", 2))
    link_surnames(st)
    assert spans(st) == [("Nasser Bourita", "PER"), ("Bourita", "PER")]
    assert [c.canonical for c in st.cands if c.source == "surname"] == ["Nasser Bourita"]


def test_a_surname_inside_a_longer_mention_is_left_alone():
    text = "Amélie de Montchalin a parlé avec le groupe Montchalin Conseil."
    st = state(text, ("Amélie de Montchalin", "PER"), ("Montchalin Conseil", "ORG"))
    st.cands[1].source = "head"  # not the model's: a longer name of another rule is kept
    link_surnames(st)
    assert spans(st) == [("Amélie de Montchalin", "PER"), ("Montchalin Conseil", "ORG")]


def test_a_name_after_a_title_is_a_person():
    st = state("Le Premier ministre Bart De Wever a parlé.")
    find_roles(st, LEXICON)
    add_titled_persons(st)
    assert spans(st) == [("Bart De Wever", "PER")]
    ann = layer()(st.text, [])
    assert [(e.text, e.kind, e.role) for e in ann.entities] == [
        ("Bart De Wever", "minister", "Premier ministre")
    ]


def test_surnames_of_persons_found_by_titles_are_linked_too():
    text = "Le Premier ministre Bart De Wever a parlé. De Wever a ajouté."
    ann = layer()(text, [])
    assert [(e.text, e.canonical, e.kind) for e in ann.entities] == [
        ("Bart De Wever", "Bart De Wever", "minister"),
        ("De Wever", "Bart De Wever", "minister"),
    ]


def test_the_layer_links_a_surname_the_model_took_for_a_place():
    text = "Amélie de Montchalin a parlé. Montchalin a ajouté."
    ann = layer()(text, mentions(text, ("Amélie de Montchalin", "PER"), ("Montchalin", "LOC", 2)))
    assert [(e.text, e.label, e.canonical) for e in ann.entities] == [
        ("Amélie de Montchalin", "PER", "Amélie de Montchalin"),
        ("Montchalin", "PER", "Amélie de Montchalin"),
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("La ministre danoise du Numérique, Caroline Stage Olsen, a dit.", "Caroline Stage Olsen"),
        (
            "Le Premier ministre et ministre des Affaires étrangères, cheikh Mohammed ben "
            "Abderrahmane Al Thani, a dit.",
            "Mohammed ben Abderrahmane Al Thani",
        ),
        (
            "Le ministre mauritanien des Affaires étrangères, Mohamed Salem Ould Merzoug, a dit.",
            "Mohamed Salem Ould Merzoug",
        ),
        ("Le ministre saoudien, le prince Fayçal bin Farhan, a dit.", "Fayçal bin Farhan"),
    ],
)
def test_a_name_after_a_title_and_a_comma_is_a_person(text, person):
    st = state(text)
    find_roles(st, LEXICON)
    add_titled_persons(st)
    assert spans(st) == [(person, "PER")]


def test_after_a_comma_an_organisation_of_the_model_is_kept():
    text = "Selon le ministre des Transports, Air France va reprendre ses vols."
    st = state(text, ("Air France", "ORG"))
    find_roles(st, LEXICON)
    add_titled_persons(st)
    assert spans(st) == [("Air France", "ORG")]


def test_after_a_comma_a_name_of_no_common_nouns_is_a_person():
    lexicon = Lexicon(common_nouns=frozenset({"air"}), adjectives=frozenset())
    text = "Le ministre des Technologies, Fawad Chaudhry, a dit. Selon le ministre, Air France."
    st = state(text, ("Fawad Chaudhry", "ORG"), ("Air France", "ORG"))
    find_roles(st, lexicon)
    add_titled_persons(st, lexicon)
    assert spans(st) == [("Fawad Chaudhry", "PER"), ("Air France", "ORG")]
    st = state(text, ("Fawad Chaudhry", "ORG"))
    find_roles(st, lexicon)
    add_titled_persons(st)  # without a lexicon: left to the model
    assert ("Fawad Chaudhry", "ORG") in spans(st)


def test_ould_and_al_names_have_a_surname():
    st = state(
        "Mohamed Salem Ould Merzoug et Fayçal ben Farhane Al Saoud.",
        ("Mohamed Salem Ould Merzoug", "PER"),
        ("Fayçal ben Farhane Al Saoud", "PER"),
    )
    assert surnames(st) == {
        "Ould Merzoug": "Mohamed Salem Ould Merzoug",
        "Merzoug": "Mohamed Salem Ould Merzoug",
        "Al Saoud": "Fayçal ben Farhane Al Saoud",
        "Saoud": "Fayçal ben Farhane Al Saoud",
    }


@pytest.mark.parametrize(
    ("text", "person", "name"),
    [
        (
            "Le ministre, le Commandant Ismaël Sombié, a dit.",
            "Commandant Ismaël Sombié",
            "Ismaël Sombié",
        ),
        ("Le ministre des Finances, Cheikh Diba, a dit.", "Cheikh Diba", "Cheikh Diba"),  # a name
        ("Cheikh Tidiane Gadio, ministre, a dit.", "Cheikh Tidiane Gadio", "Cheikh Tidiane Gadio"),
        ("La ministre, Madame Belloubet, a dit.", "Madame Belloubet", "Belloubet"),
        ("Le Président de la République a dit.", "Président de la République", None),
    ],
)
def test_honorifics_before_a_name(text, person, name):
    ann = layer()(text, mentions(text, (person, "PER")))
    assert [e.text for e in ann.entities if e.label == "PER"] == ([name] if name else [person])


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("M. Attaf a reçu Mme Dati.", [("Attaf", "PER"), ("Dati", "PER")]),
        ("Il a vu M. Jean de La Fontaine.", [("Jean de La Fontaine", "PER")]),
        ("Selon le Dr Mukwege, rien.", [("Mukwege", "PER")]),  # any abbreviated honorific
        ("Les modèles X4 M. Cette voiture roule.", []),  # a model's letter, then a sentence
        ("M. le président a parlé.", []),
    ],
)
def test_a_name_after_an_abbreviated_honorific_is_a_person(text, persons):
    st = state(text)
    add_titled_persons(st, LEXICON)
    assert spans(st) == persons
