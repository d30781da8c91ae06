"""The entity layer's orchestration (newsnlp.entities.layer), without a spaCy model."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest
from handmade import layer, mentions

from newsnlp.entities.gazetteer import get_gazetteer
from newsnlp.entities.layer import EntityLayer

DIPLO = (
    "Nasser Bourita, ministre des Affaires étrangères, de la Coopération africaine et des "
    "Marocains résidant à l’étranger, a reçu lundi à Rabat son homologue espagnol, José Manuel "
    "Albares, ministre des Affaires étrangères, de l’Union européenne et de la Coopération. "
    "Selon l’ONU, le Royaume reste un partenaire clé des Nations unies. Bourita a salué le "
    "soutien de l’Organisation des Nations unies.\n"
    "L’ancien ministre des Finances Mohamed Berrada a critiqué le budget. Le président chinois "
    "est attendu à Casablanca."
)
# What fr_core_news_md gives on DIPLO: role titles as organisations, a surname as a place.
DIPLO_ENTS = mentions(
    DIPLO,
    ("Nasser Bourita", "PER"),
    ("ministre des Affaires étrangères", "ORG"),
    ("Coopération africaine", "ORG"),
    ("Marocains", "LOC"),
    ("Rabat", "LOC"),
    ("José Manuel Albares", "PER"),
    ("ministre des Affaires étrangères", "ORG", 2),
    ("Union européenne", "ORG"),
    ("Coopération", "ORG", 2),
    ("ONU", "ORG"),
    ("Royaume", "LOC"),
    ("Nations unies", "ORG"),
    ("Bourita", "LOC", 2),
    ("Organisation des Nations unies", "ORG"),
    ("Finances Mohamed Berrada", "PER"),
    ("Casablanca", "LOC"),
)


def test_the_passes_together():
    ann = layer()(DIPLO, DIPLO_ENTS)
    got = [(e.text, e.label, e.canonical, e.kind, e.country) for e in ann.entities]
    assert got == [
        ("Nasser Bourita", "PER", "Nasser Bourita", "minister", "MA"),
        ("Marocains", "MISC", "Marocains", None, "MA"),
        ("Rabat", "LOC", "Rabat", "city", "MA"),
        ("José Manuel Albares", "PER", "José Manuel Albares", "minister", "ES"),
        ("Union européenne", "ORG", "Union européenne", "institution", None),
        ("ONU", "ORG", "Organisation des Nations unies", "institution", None),
        ("Nations unies", "ORG", "Organisation des Nations unies", "institution", None),
        ("Bourita", "PER", "Nasser Bourita", "minister", "MA"),
        (
            "Organisation des Nations unies",
            "ORG",
            "Organisation des Nations unies",
            "institution",
            None,
        ),
        ("Mohamed Berrada", "PER", "Mohamed Berrada", "person", None),
        ("Casablanca", "LOC", "Casablanca", "city", "MA"),
    ]
    assert [(m.name, m.country) for m in ann.ministers] == [
        ("Nasser Bourita", "MA"),
        ("José Manuel Albares", "ES"),
    ]
    assert ann.countries == {"MA": 2, "CN": 1, "ES": 1}
    assert all(DIPLO[e.start : e.end] == e.text for e in ann.entities)


def test_labels_other_than_the_four_are_ignored():
    text = "Il est venu en 2024 avec Karim."
    assert layer()(text, mentions(text, ("2024", "DATE"), ("Karim", "PERSON"))).entities == ()


def test_empty_text_and_no_entities():
    assert layer()("", []).entities == ()
    assert layer()("rien ici", []).to_dict()["countries"] == {}


def test_any_gazetteer_object_can_be_given():
    custom = EntityLayer(gazetteer=get_gazetteer(), default_country="SN")
    assert custom.gazetteer is get_gazetteer() and custom.matcher.gazetteer is get_gazetteer()
    assert custom("Le ministre Karim Zidane a dit.", []).ministers[0].country == "SN"


def test_the_layer_does_not_import_spacy():
    code = (
        "import sys, newsnlp, newsnlp.entities, newsnlp.entities.layer; "
        "from newsnlp.entities.gazetteer import get_gazetteer; "
        "newsnlp.entities.EntityLayer(gazetteer=get_gazetteer())('Le Maroc.', [(3, 8, 'LOC')]); "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("module", "name", "new"),
    [
        ("newsnlp.entities.layer", "Entity", "newsnlp.entities.types"),
        ("newsnlp.entities.layer", "extract_entities", "newsnlp.entities.extract"),
        ("newsnlp.entities.layer", "CHUNK_CHARS", "newsnlp.entities.extract"),
        ("newsnlp.lang.fr.press", "MINISTER_TITLE", "newsnlp.lang.fr.roles"),
        ("newsnlp.lang.fr.press", "INSTITUTION_HEADS", "newsnlp.lang.fr.institutions"),
    ],
)
def test_moved_names_still_work_with_a_warning(module, name, new):
    import importlib

    with pytest.warns(DeprecationWarning, match=f"moved to {new}"):
        value = getattr(importlib.import_module(module), name)
    assert value is getattr(importlib.import_module(new), name)


def test_unknown_names_are_still_errors():
    import newsnlp.entities.layer as module

    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


def test_gaz_attribute_deprecated():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert layer().gaz is get_gazetteer()
    assert caught[0].category is DeprecationWarning


PAGE_TEXT = "Le ministre des Finances, Cheikh Diba, a reçu l’ambassadeur du Japon."


def test_the_page_gives_the_home_country_the_text_does_not():
    ents = mentions(PAGE_TEXT, ("Cheikh Diba", "PER"), ("Japon", "LOC"))
    alone = layer()(PAGE_TEXT, ents)
    paged = layer()(PAGE_TEXT, ents, page=("Politique", "Dakar, 4 déc (APS) –"))
    assert [(m.name, m.country, m.country_source) for m in alone.ministers] == [
        ("Cheikh Diba", None, None)
    ]
    assert [(m.country, m.country_source) for m in paged.ministers] == [("SN", "home")]
    assert paged.entities[0].country == "SN"  # the minister's mention too


def test_the_text_decides_before_the_page_and_the_page_before_the_default():
    text = "À Beyrouth, le Liban. " + PAGE_TEXT
    ents = mentions(text, ("Beyrouth", "LOC"), ("Liban", "LOC"), ("Cheikh Diba", "PER"))
    assert layer()(text, ents, page=("Sénégal",)).ministers[0].country == "LB"
    custom = EntityLayer(gazetteer=get_gazetteer(), default_country="FR")
    ents = mentions(PAGE_TEXT, ("Cheikh Diba", "PER"))
    assert custom(PAGE_TEXT, ents, page=("Sénégal",)).ministers[0].country == "SN"
    assert custom(PAGE_TEXT, ents, page=("Partager",)).ministers[0].country == "FR"
