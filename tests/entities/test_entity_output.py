"""Pass 9, ministers and entities out (newsnlp.entities.output), on hand-made mentions."""

from __future__ import annotations

from handmade import LEXICON, layer, matcher, mentions, state

from newsnlp.entities.output import acronyms, entities, ministers, role_text
from newsnlp.entities.resolution import add_gazetteer_matches
from newsnlp.entities.roles import attach_roles, find_roles
from newsnlp.entities.types import Minister


def _ministers(text: str, *persons: tuple, home: str | None = None) -> dict[str, Minister]:
    st = state(text, *((*p, "PER") if len(p) == 1 else (p[0], "PER", p[1]) for p in persons))
    find_roles(st, LEXICON, matcher())
    attach_roles(st)
    return ministers(st, home, matcher())


def test_a_longer_role_replaces_a_bare_title():
    text = "Le ministre Karim Zidane a dit. Karim Zidane, ministre de l’Industrie, a ajouté."
    st = state(text, ("Karim Zidane", "PER"), ("Karim Zidane", "PER", 2))
    find_roles(st, LEXICON)
    attach_roles(st)
    assert ministers(st, "MA", matcher()) == {
        "Karim Zidane": Minister("Karim Zidane", "ministre de l’Industrie", "MA", "home")
    }


def test_ministers_one_per_person_sitting_only():
    text = "L’ancien ministre Jean Dupont et le ministre de l’Intérieur, Ahmed Diallo, à Dakar."
    found = _ministers(text, ("Jean Dupont",), ("Ahmed Diallo",), home="SN")
    assert list(found.values()) == [
        Minister("Ahmed Diallo", "ministre de l’Intérieur", "SN", "home")
    ]


def test_the_country_comes_from_every_role_of_the_person():
    text = (
        "Le chef de la diplomatie émiratie, cheikh Abdallah ben Zayed, vice-Premier ministre "
        "et ministre des Affaires étrangères, a dit."
    )
    found = _ministers(text, ("Abdallah ben Zayed",), home="MA")
    assert list(found.values()) == [
        Minister(
            "Abdallah ben Zayed",
            "vice-Premier ministre et ministre des Affaires étrangères",
            "AE",
            "role",
        )
    ]


def test_without_a_home_country_no_evidence_is_none():
    found = _ministers("Le ministre de l’Intérieur, Ahmed Diallo, a dit.", ("Ahmed Diallo",))
    assert list(found.values()) == [Minister("Ahmed Diallo", "ministre de l’Intérieur", None)]


def test_a_minister_named_by_surname_is_the_full_name():
    text = "Nasser Bourita à Rabat. Le ministre des Affaires étrangères, Bourita, a dit."
    assert list(_ministers(text, ("Nasser Bourita",), ("Bourita", 2))) == ["Nasser Bourita"]


def test_role_text():
    assert role_text(" ministre des Finances,\u00a0") == "ministre des Finances"


def test_acronyms_defined_in_the_text():
    text = "La Caisse des retraites (CDR) et la CDR."
    st = state(text, ("Caisse des retraites", "ORG"), ("CDR", "ORG", 2))
    st.cands[0].kind = "institution"
    assert acronyms(st) == {"CDR": ("Caisse des retraites", "institution", None)}
    ents = entities(st, {}, "FR")
    assert [(e.text, e.canonical, e.kind, e.country) for e in ents] == [
        ("Caisse des retraites", "Caisse des retraites", "institution", "FR"),
        ("CDR", "Caisse des retraites", "institution", None),
    ]


def test_entity_kinds_and_countries():
    text = "Selon l’ONU, la Banque populaire et l’Assemblée nationale à Dakar, les Sénégalais."
    st = state(text, ("Banque populaire", "ORG"), ("Assemblée nationale", "ORG"))
    add_gazetteer_matches(st, matcher())
    st.cands[0].kind = "institution"  # a head the institution pass would give
    ents = entities(st, {}, "SN")
    assert [(e.text, e.kind, e.country) for e in ents] == [
        ("ONU", "institution", None),  # international
        ("Banque populaire", "organization", None),  # not a state body
        ("Assemblée nationale", "institution", "SN"),  # national: the home country
        ("Dakar", "city", "SN"),
        ("Sénégalais", None, "SN"),
    ]


def test_entities_through_the_layer():
    text = "La Direction générale de la sécurité intérieure (DGSI) a dit. La DGSI enquête."
    ann = layer()(text, mentions(text, ("DGSI", "ORG", 2)))
    assert [(e.text, e.canonical, e.country) for e in ann.entities] == [
        (
            "Direction générale de la sécurité intérieure",
            "Direction générale de la sécurité intérieure",
            "FR",
        ),
        ("DGSI", "Direction générale de la sécurité intérieure", "FR"),
        ("DGSI", "Direction générale de la sécurité intérieure", "FR"),
    ]
