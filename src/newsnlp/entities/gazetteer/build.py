"""From the gazetteer's JSON data to its records and lookup indexes.

The data is what ``scripts/build_gazetteers.py`` writes in ``newsnlp/data/*.json``; each
function here reads one part and returns the records and the :class:`FormIndex` that finds
them. :class:`~newsnlp.entities.gazetteer.Gazetteer` calls them once when it is created.

Examples
--------
>>> countries = {"MA": {"name": "Maroc", "article": "le", "aliases": ["Royaume du Maroc"],
...     "acronyms": [], "capital": "Rabat", "status": "state", "parent": None}}
>>> records, index = build_countries(countries, {"countries": {}})
>>> index.find("le Royaume du Maroc")[0].iso2
'MA'
"""

from __future__ import annotations

from typing import Any

from newsnlp.entities.gazetteer.index import FormIndex
from newsnlp.entities.gazetteer.records import City, Country, Demonym, Institution
from newsnlp.text.fold import fold

__all__ = ["build_cities", "build_countries", "build_demonyms", "build_institutions"]


def build_countries(countries: dict, demonyms: dict) -> tuple[dict[str, Country], FormIndex]:
    """Countries by ISO code (sorted) and their index (names, aliases, acronyms)."""
    records: dict[str, Country] = {}
    index = FormIndex()
    for code, rec in sorted(countries.items()):
        entries = demonyms["countries"].get(code, [])
        country = Country(
            iso2=code,
            name=rec["name"],
            article=rec["article"],
            aliases=tuple(rec["aliases"]),
            acronyms=tuple(rec["acronyms"]),
            capital=rec["capital"],
            status=rec["status"],
            parent=rec["parent"],
            demonym_nouns=tuple(x for e in entries for x in e["noun"]),
            demonym_adjectives=tuple(x for e in entries for x in e["adj"]),
        )
        records[code] = country
        for form in (country.name, *country.aliases):
            index.add(form, country)
        for acr in country.acronyms:
            index.add(acr, country, acronym=True)
    return records, index


def _demonym_owners(countries: dict, demonyms: dict, regions: dict) -> dict[tuple, list[tuple]]:
    """(pos, form) → every (iso2, lemma, status, region, parent) the form may designate."""
    owners: dict[tuple[str, str], list[tuple]] = {}
    for code in sorted(demonyms["countries"]):
        status = countries[code]["status"]
        for entry in demonyms["countries"][code]:
            for pos in ("noun", "adj"):
                for form in entry[pos]:
                    owner = (code, entry["lemma"], status, None, None)
                    owners.setdefault((pos, form), []).append(owner)
    for lemma, entry in sorted(regions.items()):
        for pos in ("noun", "adj"):
            for form in entry[pos]:
                owner = (None, lemma, "region", entry["region"], entry["parent"])
                owners.setdefault((pos, form), []).append(owner)
    return owners


def build_demonyms(
    countries: dict, demonyms: dict, regions: dict
) -> tuple[list[Demonym], dict[str, FormIndex]]:
    """Demonym forms sorted by (pos, form), and an index per part of speech (``noun``,
    ``adj``); an ambiguous form resolves to the preferred or the state reading."""
    records: list[Demonym] = []
    indexes = {"noun": FormIndex(), "adj": FormIndex()}
    preferred = {fold(k): v for k, v in demonyms["preferred"].items()}
    rank = {"state": 0, "territory": 1, "region": 2}
    for (pos, form), found in sorted(_demonym_owners(countries, demonyms, regions).items()):
        order = preferred.get(fold(found[0][1]), [])
        found.sort(key=lambda o: (order.index(o[0]) if o[0] in order else 99, rank[o[2]]))
        code, lemma, status, region, parent = found[0]
        alternatives = [o[0] for o in found[1:] if o[0]] + [c for c in order if c != code]
        demonym = Demonym(
            iso2=code,
            pos=pos,
            form=form,
            lemma=lemma,
            status=status,
            region=region,
            parent=parent,
            alternatives=tuple(dict.fromkeys(alternatives)),
        )
        records.append(demonym)
        indexes[pos].add(form, demonym)
    return records, indexes


def build_cities(cities: list[dict]) -> tuple[list[City], FormIndex]:
    """Cities in data order and their index (names and aliases)."""
    records: list[City] = []
    index = FormIndex()
    for rec in cities:
        city = City(
            name=rec["name"],
            iso2=rec["iso2"],
            capital=rec["capital"],
            territory=rec["territory"],
            aliases=tuple(rec["aliases"]),
        )
        records.append(city)
        for form in (city.name, *city.aliases):
            index.add(form, city)
    return records, index


def build_institutions(data: dict[str, Any]) -> tuple[list[Institution], FormIndex, dict]:
    """Institutions in data order, their index (one-word names need a capital; acronyms of
    four letters or more also match in title case) and the preferred reading of shared
    acronyms (acronym → canonical name)."""
    records: list[Institution] = []
    index = FormIndex(single_word_needs_capital=True)
    for rec in data["institutions"]:
        inst = Institution(
            canonical=rec["canonical"],
            kind=rec["kind"],
            country=rec["country"],
            scope=rec["scope"],
            aliases=tuple(rec["aliases"]),
            acronyms=tuple(rec["acronyms"]),
            countries=tuple(rec["countries"]),
            generic_canonical=rec["generic_canonical"],
        )
        records.append(inst)
        names = inst.aliases if inst.generic_canonical else (inst.canonical, *inst.aliases)
        for form in names:
            index.add(form, inst)
        for acr in inst.acronyms:
            index.add(acr, inst, acronym=True, title_ok=True)
    return records, index, dict(data["preferred"])
