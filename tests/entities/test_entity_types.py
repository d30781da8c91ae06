"""The entity layer's results (newsnlp.entities.types)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsnlp.entities.types import LABELS, Annotation, CountryReference, Entity, Minister

ENTS = (
    Entity("ONU", "ORG", 6, 9, "Organisation des Nations unies", "institution"),
    Entity("Bourita", "PER", 11, 18, "Nasser Bourita", "minister", "MA", "ministre"),
    Entity("Nations unies", "ORG", 20, 33, "Organisation des Nations unies", "institution"),
    Entity("FMI", "ORG", 35, 38, "Fonds monétaire international", "institution"),
)
REFS = (
    CountryReference(40, 45, "Maroc", "MA"),
    CountryReference(50, 57, "chinois", "CN"),
    CountryReference(60, 66, "Chine", "CN"),
    CountryReference(70, 78, "marocain", "MA"),
    CountryReference(80, 86, "belges", "BE"),
)


def test_countries_most_referenced_first_then_by_code():
    assert Annotation(country_refs=REFS).countries == {"CN": 2, "MA": 2, "BE": 1}
    assert Annotation().countries == {}


def test_institutions_in_order_of_first_mention_once():
    assert Annotation(ENTS).institutions == (
        "Organisation des Nations unies",
        "Fonds monétaire international",
    )


def test_minister_country_source():
    m = Minister("Nasser Bourita", "ministre", "MA", "home")
    assert m.to_dict() == {
        "name": "Nasser Bourita",
        "role": "ministre",
        "country": "MA",
        "country_source": "home",
    }
    assert Minister("X Y", "ministre", None).country_source is None  # the default


def test_to_dict_is_json_ready():
    ann = Annotation(ENTS, (Minister("Nasser Bourita", "ministre", "MA", "role"),), REFS)
    d = ann.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert list(d) == ["entities", "ministers", "countries", "institutions", "country_refs"]
    assert d["entities"][1] == {
        "text": "Bourita",
        "label": "PER",
        "start": 11,
        "end": 18,
        "canonical": "Nasser Bourita",
        "kind": "minister",
        "country": "MA",
        "role": "ministre",
    }


@pytest.mark.parametrize(
    "result", [ENTS[0], REFS[0], Minister("X Y", "ministre", None), Annotation()]
)
def test_results_are_frozen_and_hashable(result):
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(result, dataclasses.fields(result)[0].name, None)
    hash(result)


def test_labels():
    assert LABELS == ("PER", "ORG", "LOC", "MISC")
