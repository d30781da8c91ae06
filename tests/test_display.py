"""newsnlp.display: displaCy data from entities, options, country names."""

from __future__ import annotations

import pytest
from spacy import displacy

import newsnlp
from newsnlp import Entity
from newsnlp.display import KIND_COLORS, country_name, displacy_options, to_displacy

TEXT = "Selon l’ONU, le Maroc et la France ont signé mardi à Rabat un accord."
ENTS = [
    Entity("Maroc", "LOC", 16, 21, "Maroc", "country", "MA"),
    Entity("ONU", "ORG", 8, 11, "Organisation des Nations unies", "institution"),
    Entity("Rabat", "LOC", 53, 58, "Rabat", "city", "MA"),
    Entity("accord", "MISC", 62, 68, "accord", None),
]


def test_entities_sorted_and_labelled_by_kind():
    data = to_displacy(TEXT, ENTS, title="Titre")
    assert data["text"] == TEXT and data["title"] == "Titre"
    assert [(TEXT[e["start"] : e["end"]], e["label"]) for e in data["ents"]] == [
        ("ONU", "INSTITUTION"),
        ("Maroc", "COUNTRY"),
        ("Rabat", "CITY"),
        ("accord", "MISC"),
    ]


def test_labelled_by_ner_label():
    labels = [e["label"] for e in to_displacy(TEXT, ENTS, label="label")["ents"]]
    assert labels == ["ORG", "LOC", "LOC", "MISC"]


def test_dicts_as_in_annotate_dataframe():
    data = to_displacy(TEXT, [e.to_dict() for e in ENTS])
    assert data == to_displacy(TEXT, ENTS)


def test_no_entities():
    assert to_displacy(TEXT, []) == {"text": TEXT, "ents": [], "title": None}


def test_every_kind_has_a_color():
    kinds = {"minister", "person", "institution", "organization", "country", "city", "location"}
    assert {k.upper() for k in kinds} | {"MISC"} == set(KIND_COLORS)
    with pytest.raises(TypeError):
        KIND_COLORS["X"] = "#000"  # type: ignore[index]


@pytest.mark.parametrize("label", ["kind", "label"])
def test_renders_with_displacy(label):
    data = to_displacy(TEXT, ENTS, label=label)
    options = displacy_options(label)
    assert {e["label"] for e in data["ents"]} <= set(options["ents"])
    html = displacy.render(data, style="ent", manual=True, options=options)
    for ent in ENTS:
        assert ent.text in html


def test_options_are_fresh_copies():
    opts = displacy_options()
    opts["colors"]["MINISTER"] = "red"
    assert displacy_options()["colors"]["MINISTER"] != "red"


def test_with_analyze():
    art = newsnlp.analyze(
        "Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat son homologue "
        "espagnol, José Manuel Albares."
    )
    data = to_displacy(art.text, art.entities)
    assert ("Nasser Bourita", "MINISTER") in [
        (art.text[e["start"] : e["end"]], e["label"]) for e in data["ents"]
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"text": b"x", "entities": []}, TypeError, "must be str"),
        ({"text": TEXT, "entities": "ONU"}, TypeError, "iterable of newsnlp.Entity"),
        ({"text": TEXT, "entities": 3}, TypeError, "iterable of newsnlp.Entity"),
        ({"text": TEXT, "entities": [{"start": "1", "end": 3}]}, TypeError, "integer start"),
        ({"text": TEXT, "entities": [{"end": 3}]}, TypeError, "integer start"),
        ({"text": "court", "entities": ENTS}, ValueError, "outside the text"),
        ({"text": TEXT, "entities": [ENTS[0], ENTS[0]]}, ValueError, "overlap"),
        ({"text": TEXT, "entities": [], "label": "kinds"}, ValueError, "label must be"),
    ],
)
def test_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        to_displacy(**kwargs)


def test_bad_options_label():
    with pytest.raises(ValueError, match="label must be"):
        displacy_options("ner")  # type: ignore[arg-type]


def test_country_name():
    assert country_name("MA") == "Maroc"
    assert country_name(" fr ") == "France"
    assert country_name("CI") == "Côte d’Ivoire"
    assert country_name("ZZ") == "ZZ"
    with pytest.raises(TypeError, match="iso2 must be str"):
        country_name(None)  # type: ignore[arg-type]
