"""Gazetteer records (newsnlp.entities.gazetteer.records): frozen, serialisable, and one
uniform ``country`` attribute."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from newsnlp.entities.gazetteer import City, Country, Demonym, Institution, get_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def test_results_are_frozen_and_serialisable(gaz):
    records = [
        gaz.country("Maroc"),
        gaz.city("Rabat"),
        gaz.institution("ONU"),
        gaz.demonym("Marocains"),
    ]
    for record in records:
        json.dumps(record.to_dict(), ensure_ascii=False)
        with pytest.raises(AttributeError):  # frozen
            setattr(record, fields(record)[0].name, "XX")
        hash(record)
    assert isinstance(records[3], Demonym) and isinstance(records[2], Institution)


def test_every_record_has_a_country(gaz):
    assert gaz.country("Maroc").country == "MA"
    assert gaz.city("Genève").country == "CH"
    assert gaz.demonym("chinoises").country == "CN"
    assert gaz.demonym("européen").country is None  # a region
    assert gaz.institution("Matignon").country == "FR"
    assert gaz.institution("FMI").country is None  # international
    for record in (*gaz.countries, *gaz.cities, *gaz.demonyms):
        assert record.country == record.iso2
    for record in (*gaz.countries, *gaz.cities, *gaz.demonyms, *gaz.institutions):
        assert record.country is None or (
            isinstance(record.country, str) and len(record.country) == 2
        )


def test_country_is_not_a_field():
    # the attribute is derived: to_dict and the constructors are those of the previous release
    for cls in (Country, City, Demonym):
        assert "country" not in {f.name for f in fields(cls)}
    assert "country" not in Country("MA", "Maroc").to_dict()
    assert "country" in {f.name for f in fields(Institution)}
