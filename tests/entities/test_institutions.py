"""Pass 4, institution names (newsnlp.entities.institutions), on hand-made mentions."""

from __future__ import annotations

import pytest
from handmade import LEXICON, layer, matcher, mentions, spans, state

from newsnlp.entities.institutions import add_institution_names, complements, skip_adjectives
from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.state import words_of


def _names(text: str, *items: tuple) -> list[tuple[str, str]]:
    st = state(text, *items)
    add_institution_names(st, matcher(), LEXICON)
    return [s for s in spans(st) if s not in [(m, lab) for m, lab, *_ in items]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "La Direction générale de la sécurité intérieure a dit.",
            "Direction générale de la sécurité intérieure",
        ),
        ("La Chambre des représentants a voté.", "Chambre des représentants"),
        ("Le Conseil des ministres se réunit.", "Conseil des ministres"),
        ("Le Haut-Commissariat pour les réfugiés aide.", "Haut-Commissariat pour les réfugiés"),
        # an adjective before a complement's noun; an invariable "anti-" adjective
        (
            "La Haute Autorité pour la bonne gouvernance enquête.",
            "Haute Autorité pour la bonne gouvernance",
        ),
        ("La Commission nationale anticorruption enquête.", "Commission nationale anticorruption"),
        # adjectives ending "-ome", "-ante", "-able"…
        ("La Commission nationale autonome publie.", "Commission nationale autonome"),
    ],
)
def test_an_institution_head_starts_a_name(text, name):
    assert _names(text) == [(name, "ORG")]


def test_an_organisation_head_completes_the_models_name():
    text = "L’Union économique et monétaire ouest-africaine décide."
    assert _names(text) == []
    assert _names(text, ("Union", "ORG")) == [
        ("Union économique et monétaire ouest-africaine", "ORG")
    ]


def test_a_bare_head_is_left_to_the_model():
    assert _names("Le Parlement a voté ; la Confédération aussi.") == []


def test_a_past_participle_and_its_complement_end_the_name():
    assert _names("La commission du Conseil national chargée d’examiner le texte.") == [
        ("Conseil national", "ORG")
    ]


def test_the_organ_then_the_organisation():
    assert _names("Le Conseil de sécurité de l’ONU se réunit.") == [("Conseil de sécurité", "ORG")]


def test_a_coordinated_name_is_another_name():
    text = "La Direction de la sécurité du territoire et de la Surveillance du territoire."
    assert _names(text) == [
        ("Direction de la sécurité du territoire", "ORG"),
        ("Surveillance du territoire", "ORG"),
    ]


def test_organisations_facilities_and_events_only_complete_the_model():
    assert _names("Le Musée du Cidre ouvre.") == []
    assert _names("Le Musée du Cidre ouvre.", ("Musée", "ORG")) == [("Musée du Cidre", "ORG")]
    text = "Le Complexe Mohammed VI de football de Tanger accueille."
    assert _names(text, ("Complexe Mohammed VI", "LOC")) == [
        ("Complexe Mohammed VI de football", "LOC")
    ]
    assert _names("La Coupe du monde 2030 sera organisée.", ("Coupe", "MISC")) == [
        ("Coupe du monde 2030", "MISC")
    ]


def test_skip_adjectives():
    words = words_of("Union économique et monétaire ouest-africaine des États")
    assert words[skip_adjectives(words, 1, LEXICON)][2] == "des"
    words = words_of("Conseil appelle")
    assert skip_adjectives(words, 1, Lexicon()) == 2  # without a lexicon, endings decide
    assert skip_adjectives(words, 1, LEXICON) == 1  # not a known adjective
    assert skip_adjectives(words_of("Conseil selon"), 1, Lexicon()) == 1  # no adjective ending


def test_known_adjectives_decide_when_the_lexicon_has_them():
    words = words_of("Direction générale")
    assert skip_adjectives(words, 1, Lexicon(adjectives=frozenset({"national"}))) == 1
    assert skip_adjectives(words, 1, Lexicon(adjectives=frozenset({"général"}))) == 2


def test_complements_end_before_a_determiner_or_a_verb():
    words = words_of("Conseil des droits de l’homme de ses partenaires")
    end, other = complements(words, 1, matcher(), LEXICON)
    assert " ".join(w for _, _, w in words[:end]) == "Conseil des droits de l’ homme"
    assert other is None


def test_institutions_through_the_layer_get_the_home_country():
    text = "La Direction générale de la sécurité intérieure enquête à Paris."
    ann = layer()(text, mentions(text, ("Paris", "LOC")))
    assert [(e.text, e.kind, e.country) for e in ann.entities] == [
        ("Direction générale de la sécurité intérieure", "institution", "FR"),
        ("Paris", "city", "FR"),
    ]


def test_a_bare_head_inside_a_sentence_names_the_body_but_not_in_a_title():
    text = "Le président du Parlement, Nabih Berri, a parlé."
    assert _names(text) == [("Parlement", "ORG")]
    st = state("Le ministre chargé des Relations avec le Parlement a parlé.")
    roles_before = layer()(st.text, [])  # the whole layer: the title is a role
    assert [e.text for e in roles_before.entities] == []


AGREEING = Lexicon(
    common_nouns=frozenset({"ministre", "sécurité", "accident", "pays"}),
    adjectives=frozenset({"extraordinaire", "intérieur", "arabe", "national"}),
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("à l’issue d’un Conseil des ministres extraordinaire, le plan", "Conseil des ministres"),
        ("La Direction de la sécurité intérieure a dit.", "Direction de la sécurité intérieure"),
        ("Le Conseil des ministres arabes se réunit.", "Conseil des ministres arabes"),
    ],
)
def test_an_adjective_after_a_complement_agrees_with_its_noun(text, name):
    st = state(text)
    add_institution_names(st, matcher(), AGREEING)
    assert spans(st) == [(name, "ORG")]


def test_the_grammar_wins_where_the_models_name_goes_on_with_a_lower_case_word():
    text = "Le Bureau de prévention des accidents juge la motion contraire."
    st = state(text, ("Bureau de prévention des accidents juge la motion", "ORG"))
    add_institution_names(st, matcher(), AGREEING)
    assert spans(st) == [("Bureau de prévention des accidents", "ORG")]
    text = "Le stage au Complexe Mohammed VI de football de Maâmora commence."
    st = state(text, ("Complexe Mohammed VI de football de Maâmora", "LOC"))
    add_institution_names(st, matcher(), AGREEING)
    assert spans(st) == [("Complexe Mohammed VI de football", "LOC"), ("Maâmora", "LOC")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Les Forces armées d’Haïti patrouillent.", "Forces armées d’Haïti"),
        ("La Haute Cour constitutionnelle a tranché.", "Haute Cour constitutionnelle"),
        ("Le Parlement wallon a voté.", "Parlement wallon"),  # a region's adjective
    ],
)
def test_more_heads_prenominal_adjectives_and_regional_adjectives(text, name):
    st = state(text)
    add_institution_names(st, matcher(), Lexicon(adjectives=frozenset({"armé", "constitutionnel"})))
    assert spans(st) == [(name, "ORG")]


def test_a_ministry_coordinates_its_portfolios():
    text = "Le ministère de l’Économie et des Finances a publié ses chiffres."
    assert _names(text) == [("ministère de l’Économie et des Finances", "ORG")]
    text = "La Direction de la sécurité et de la Surveillance du territoire."
    assert [n for n, _ in _names(text)] == [
        "Direction de la sécurité",
        "Surveillance du territoire",
    ]


def test_coordination_needs_a_complement_before_it_and_a_country_adjective_ends_a_complement():
    text = "Il a écrit au Conseil européen et aux chefs de gouvernement allemand et italien."
    assert _names(text) == [("Conseil européen", "ORG")]
    text = "Le Conseil des ministres français a tranché."
    st = state(text)
    add_institution_names(st, matcher(), Lexicon(adjectives=frozenset({"français"})))
    assert spans(st) == [("Conseil des ministres", "ORG")]


def test_an_unaccented_capital_head_is_a_head():
    from newsnlp.lang.fr.institutions import INSTITUTION_HEADS

    assert INSTITUTION_HEADS["Etablissement"] == INSTITUTION_HEADS["Établissement"] == "institution"
    for head, kind in INSTITUTION_HEADS.items():
        if head[0] in "ÉÈÊÀÂÎÔÛ":
            assert INSTITUTION_HEADS["EEEAAIOU"["ÉÈÊÀÂÎÔÛ".index(head[0])] + head[1:]] == kind
