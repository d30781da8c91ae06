"""Acronyms defined in the text (newsnlp.entities.acronyms): the letters find the full name,
the acronym and its uses take its label, kind and canonical name. No model needed."""

from __future__ import annotations

import pytest

from newsnlp.entities.acronyms import add_defined_acronyms, definitions, long_form_start
from newsnlp.entities.gazetteer import get_gazetteer
from newsnlp.entities.layer import EntityLayer
from newsnlp.entities.state import Candidate, LayerState


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Organisation des Nations unies", "ONU"),
        ("Haut-Commissariat des Nations unies pour les réfugiés", "HCR"),
        ("Communauté économique des États de l’Afrique de l’Ouest", "CEDEAO"),
        ("Fédération camerounaise de football", "Fecafoot"),
        ("Autorité de régulation de la communication audiovisuelle et numérique", "Arcom"),
        ("Société nationale de gestion du stock de sécurité alimentaire", "SONAGESS"),
        (
            "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali",
            "MINUSMA",
        ),
        ("Union économique et monétaire ouest-africaine", "UEMOA"),
        ("Assemblée populaire nationale", "APN"),
    ],
)
def test_the_letters_find_the_whole_name(name, acronym):
    words = ["selon", "la", *name.replace("’", "’ ").split()]
    assert long_form_start(words, acronym) == 2


@pytest.mark.parametrize(
    ("words", "acronym"),
    [
        ("a déclaré Éric Coquerel", "LFI"),  # a party after a person: not its definition
        ("reçu à Rabat", "Maroc"),
        ("le président de la République", "AFP"),
        ("la Banque mondiale", "BM2"),
    ],
)
def test_no_name_when_the_letters_disagree(words, acronym):
    assert long_form_start(words.split(), acronym) is None


def test_definitions_need_a_capital_or_an_institution_head():
    text = (
        "La Police nationale d’Haïti (PNH) et le ministère des Finances (Minfi) ont signé, "
        "selon le produit intérieur brut (PIB)."
    )
    found = [
        (d.acronym, text[d.start : d.end], d.capitalised) for d in definitions(LayerState(text))
    ]
    assert found == [
        ("PNH", "Police nationale d’Haïti", True),
        ("Minfi", "ministère des Finances", False),
    ]


def _spans(text: str, *pieces: tuple[str, str, int]) -> list[Candidate]:
    """Model candidates for (piece of text, label, occurrence)."""
    out = []
    for piece, label, nth in pieces:
        start = -1
        for _ in range(nth + 1):
            start = text.index(piece, start + 1)
        out.append(Candidate(start, start + len(piece), label, "spacy"))
    return out


def test_the_definition_beats_the_model_and_the_gazetteer():
    text = (
        "Le Bureau intégré des Nations unies en Haïti (BINUH) s’inquiète. La Caisse "
        "d’allocations familiales (CAF) paie. Selon le BINUH et la CAF, rien ne change."
    )
    model = _spans(
        text,
        ("Bureau intégré des Nations unies", "ORG", 0),
        ("Haïti", "LOC", 0),
        ("BINUH", "MISC", 0),
        ("BINUH", "LOC", 1),
        ("CAF", "ORG", 1),
    )
    state = LayerState(text, model)
    add_defined_acronyms(state)
    got = sorted((text[c.start : c.end], c.label, c.source) for c in state.cands)
    assert got == [
        ("BINUH", "ORG", "acronym"),
        ("BINUH", "ORG", "acronym"),
        ("Bureau intégré des Nations unies en Haïti", "ORG", "acronym"),
        ("CAF", "ORG", "acronym"),
        ("CAF", "ORG", "acronym"),
        ("Caisse d’allocations familiales", "ORG", "acronym"),
    ]
    caf = next(c for c in state.cands if text[c.start : c.end] == "CAF")
    assert caf.record.canonical == "Caisse d’allocations familiales"  # not the football body


def test_whole_layer_canonical_kind_and_country():
    layer = EntityLayer(gazetteer=get_gazetteer())
    text = (
        "Le ministère des Finances (Minfi) a saisi la Fédération camerounaise de football "
        "(Fecafoot). Le Minfi accuse la Fecafoot."
    )
    model = _spans(text, ("Minfi", "LOC", 1), ("Fecafoot", "PER", 1))
    ann = layer(text, [(c.start, c.end, c.label) for c in model])
    got = {(e.text, e.label, e.canonical, e.kind) for e in ann.entities}
    assert {
        ("Minfi", "ORG", "Ministère des Finances", "institution"),
        ("Fecafoot", "ORG", "Fédération camerounaise de football", "organization"),
    } <= got
    assert ("Fédération camerounaise de football", "ORG") in {
        (e.text, e.label) for e in ann.entities
    }
    assert sum(e.text == "Minfi" for e in ann.entities) == 2


def test_a_use_after_small_words_and_a_gazetteer_full_name():
    layer = EntityLayer(gazetteer=get_gazetteer())
    text = (
        "L’Autorité de régulation de la communication audiovisuelle et numérique (Arcom) "
        "enquête. Le président de l’Arcom a parlé. Les pays de l’Alliance des États du Sahel "
        "de la Communauté économique des États de l’Afrique de l’Ouest (CEDEAO) partent."
    )
    model = _spans(
        text, ("de l’Arcom", "PER", 0), ("Alliance des États du Sahel de la Communauté", "ORG", 0)
    )
    ann = layer(text, [(c.start, c.end, c.label) for c in model])
    got = [(e.text, e.label, e.kind) for e in ann.entities]
    assert ("Arcom", "ORG", "institution") in got and ("de l’Arcom", "PER", "person") not in got
    assert ("Alliance des États du Sahel", "ORG", "institution") in got
    cedeao = [
        e
        for e in ann.entities
        if e.text in {"CEDEAO", "Communauté économique des États de l’Afrique de l’Ouest"}
    ]
    assert [(e.label, e.kind, e.canonical) for e in cedeao] == [
        ("ORG", "institution", "Communauté économique des États de l’Afrique de l’Ouest")
    ] * 2


def test_a_sports_body_and_a_law_keep_their_kind_and_label_in_their_acronym():
    layer = EntityLayer(gazetteer=get_gazetteer())
    text = (
        "Le Comité national olympique et sportif du Cameroun (CNOSC) arbitre. Le Digital "
        "Services Act (DSA) s’applique. Le CNOSC et le DSA."
    )
    model = _spans(text, ("Digital Services Act", "ORG", 0), ("DSA", "ORG", 1))
    ann = layer(text, [(c.start, c.end, c.label) for c in model])
    got = {(e.text, e.label, e.kind) for e in ann.entities}
    assert got == {
        ("Comité national olympique et sportif du Cameroun", "ORG", "organization"),
        ("CNOSC", "ORG", "organization"),
        ("Digital Services Act", "MISC", None),
        ("DSA", "MISC", None),
    }
    assert ann.institutions == ()
