"""Offline French gazetteers: countries, demonyms, cities and institutions.

The data ships in ``newsnlp/data/*.json`` (built by ``scripts/build_gazetteers.py``; origins and
licences in ``newsnlp/data/SOURCES.md``) and is loaded lazily, once, on the first call to
:func:`get_gazetteer` (thread-safe). Importing this module reads no file.

Lookup rules (all methods of :class:`Gazetteer`)
-------------------------------------------------
* Input is normalised first: NFC, straight apostrophe ``'`` → ``’``, runs of spaces → one.
* **Exact form first** (case-sensitive), then the same with a leading article removed
  (``le``/``la``/``les``/``l’``, any case): ``les États-Unis`` → ``États-Unis``. A name that
  itself starts with an article is found before stripping (``La Haye``, ``Le Caire``).
  Elided prepositions (``d’Espagne``) are *not* removed: strip them before calling.
* **Folded fallback**: accents, case, apostrophes, hyphens and dots are folded
  (:func:`fold`: ``Cote d'Ivoire``, ``ETATS-UNIS``, ``Haut Commissariat…`` all match).
  Restrictions that keep common words out:

  - acronyms (``RDC``, ``EAU``, ``USA``, ``ONU``, ``UE``…) match **only as written in
    capitals**; an institution acronym of four letters or more also matches in title case
    (``Unesco``, ``Otan``, ``Cedeao``), never in lower case (``eau``, ``pam``, ``bad``);
  - an all-lowercase query never folds onto a name in :data:`COMMON_WORDS` (French words that
    are also place names: ``chine``, ``grenade``, ``guinée``, ``réunion``, ``salé``,
    ``tours``…), so ``maroc`` finds Morocco but ``grenade`` finds nothing;
  - an all-lowercase query never matches a one-word institution name (``sénat``, ``europol``).
* **Countries and cities are kept apart**: ``country("Rabat")`` is ``None``,
  ``city("Rabat")`` is the capital of Morocco. Names that are both (``Djibouti``,
  ``Luxembourg``, ``Singapour``, ``Monaco``, ``Koweït``, ``Panama``, ``Guatemala``,
  ``Saint-Marin``) are returned by both methods; :meth:`Gazetteer.candidates` lists every
  reading, country first. ``Guinée`` (GN) and ``Guinée-Bissau`` (GW) are different exact forms.
* Countries: by default only states (UN members and observers, Kosovo, Taiwan); dependent
  territories (Guadeloupe, Hong Kong, Groenland…) and Western Sahara need
  ``include_territories=True``. ``Congo`` is the Republic of the Congo (CG); the DRC is
  ``République démocratique du Congo`` / ``RDC`` / ``RD Congo`` (CD).
* Demonyms: a form starting with a capital is looked up as a noun (``Marocains``), any other as
  an adjective (``marocaine``). Continental, regional and sub-national adjectives
  (``européen``, ``africain``, ``onusien``, ``québécois``…) are returned with ``iso2=None``,
  ``status="region"`` and the region name: they are not country references. City adjectives
  (``parisien``) are not in the gazetteer. Language names share their form with adjectives
  (``en français``): context is the caller's job. Ambiguous forms resolve to the usual reading
  and list the others in ``alternatives`` (``congolais`` → CD, alternative CG; ``coréen`` →
  KR, alternative KP).
* Institutions: one record per body; bodies that exist under the same name in many countries
  (``Assemblée nationale``, ``Cour des comptes``, ``Sénat``…) have ``country=None``,
  ``scope="national"`` and list the countries in ``countries``. Metonyms lead to their body
  (``Matignon``, ``Bercy``, ``Quai d’Orsay``, ``Beauvau`` → French bodies). An acronym shared
  by several bodies (``CAF``, ``PAM``, ``CEA``…) resolves to the usual one;
  :meth:`Gazetteer.institution_candidates` returns all of them.

Examples
--------
>>> gaz = get_gazetteer()
>>> gaz.country("les États-Unis").iso2
'US'
>>> gaz.demonym("marocaines").iso2
'MA'
>>> gaz.city("Genève").iso2, gaz.country("Genève")
('CH', None)
>>> gaz.institution("l’ONU").canonical
'Organisation des Nations unies'
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from newsnlp.entities.gazetteer.build import (
    build_cities,
    build_countries,
    build_demonyms,
    build_institutions,
)
from newsnlp.entities.gazetteer.index import drop_initial_accent, normalise, strip_article
from newsnlp.entities.gazetteer.records import City, Country, Demonym, Institution, Record
from newsnlp.text.fold import fold

__all__ = ["FILES", "Gazetteer", "get_gazetteer"]

log = logging.getLogger(__name__)

#: The JSON files of a gazetteer folder (``newsnlp/data`` for the bundled one).
FILES = ("countries.json", "demonyms.json", "regions.json", "cities.json", "institutions.json")


class Gazetteer:
    """In-memory gazetteer with lookups by any surface form.

    Use :func:`get_gazetteer` for the shared instance built from the package data;
    ``Gazetteer.load(directory)`` reads the JSON files of another folder and
    :meth:`to_disk` writes them.

    Parameters
    ----------
    data : dict
        The parsed JSON files, by file name (see :data:`FILES`).

    Examples
    --------
    >>> gaz = get_gazetteer()
    >>> gaz.country("RDC").name
    'République démocratique du Congo'
    >>> gaz.country("Guinée").iso2, gaz.country("Guinée-Bissau").iso2
    ('GN', 'GW')
    >>> [type(r).__name__ for r in gaz.candidates("Djibouti")]
    ['Country', 'City']
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = {name: data[name] for name in FILES}
        countries, demonyms = data["countries.json"], data["demonyms.json"]
        self._countries, self._country_index = build_countries(countries, demonyms)
        self._demonym_records, self._demonyms = build_demonyms(
            countries, demonyms, data["regions.json"]
        )
        self._cities, self._city_index = build_cities(data["cities.json"])
        self._institutions, self._institution_index, self._preferred_acronyms = build_institutions(
            data["institutions.json"]
        )

    # ----------------------------------------------------------------------------- files
    @classmethod
    def load(cls, directory: str | Path | None = None) -> Gazetteer:
        """Read the JSON files from ``directory`` (default: the package's ``data`` folder).

        Examples
        --------
        >>> Gazetteer.load().country("Pays-Bas").iso2
        'NL'
        """
        root = resources.files("newsnlp") / "data" if directory is None else Path(directory)
        data = {name: json.loads((root / name).read_text(encoding="utf-8")) for name in FILES}
        gaz = cls(data)
        log.debug(
            "gazetteer loaded: %d countries, %d cities, %d institutions, %d demonym forms",
            len(gaz._countries),
            len(gaz._cities),
            len(gaz._institutions),
            len(gaz._demonym_records),
        )
        return gaz

    def to_disk(self, directory: str | Path) -> None:
        """Write the gazetteer's JSON files (:data:`FILES`) into *directory* (created if
        needed); :meth:`load` reads them back.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     get_gazetteer().to_disk(folder)
        ...     Gazetteer.load(folder).country("Maroc").iso2
        'MA'
        """
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            text = json.dumps(self._data[name], ensure_ascii=False, indent=1)
            (folder / name).write_text(text + "\n", encoding="utf-8")

    # ----------------------------------------------------------------------------- collections
    @property
    def countries(self) -> tuple[Country, ...]:
        """Every country and territory, sorted by ISO code.

        Examples
        --------
        >>> sum(c.is_state for c in get_gazetteer().countries)
        197
        """
        return tuple(self._countries.values())

    @property
    def cities(self) -> tuple[City, ...]:
        """Every city, sorted by folded name (homonyms: the usual one first)."""
        return tuple(self._cities)

    @property
    def institutions(self) -> tuple[Institution, ...]:
        """Every institution and organisation, in data order."""
        return tuple(self._institutions)

    @property
    def demonyms(self) -> tuple[Demonym, ...]:
        """Every demonym form (countries, territories, regions), sorted by (pos, form)."""
        return tuple(self._demonym_records)

    # ----------------------------------------------------------------------------- lookups
    def country_by_code(self, iso2: str) -> Country | None:
        """Country by ISO 3166-1 alpha-2 code.

        Examples
        --------
        >>> get_gazetteer().country_by_code("ci").name
        'Côte d’Ivoire'
        """
        return self._countries.get(iso2.strip().upper())

    def country(self, name: str, *, include_territories: bool = False) -> Country | None:
        """Country by short name, long form, alias or acronym (see the module rules).

        Parameters
        ----------
        name : str
            ``Maroc``, ``les États-Unis``, ``Etats-Unis``, ``RDC``, ``Royaume du Maroc``…
        include_territories : bool
            Also return dependent territories and Western Sahara (``status="territory"``).

        Returns
        -------
        Country or None

        Examples
        --------
        >>> gaz = get_gazetteer()
        >>> gaz.country("République populaire de Chine").name
        'Chine'
        >>> gaz.country("la Côte d'Ivoire").iso2, gaz.country("eau"), gaz.country("EAU").iso2
        ('CI', None, 'AE')
        >>> gaz.country("Guadeloupe"), gaz.country("Guadeloupe", include_territories=True).parent
        (None, 'FR')
        """
        for country in self._country_index.find(name):
            if include_territories or country.status == "state":
                return country
        return None

    def demonym(
        self, form: str, *, include_territories: bool = False, include_regions: bool = True
    ) -> Demonym | None:
        """Demonym noun (capitalised) or adjective (lowercase), any inflection.

        Parameters
        ----------
        form : str
            ``Marocains``, ``marocaine``, ``chinoises``, ``néerlandais``…
        include_territories : bool
            Also return demonyms of dependent territories (``guadeloupéen``).
        include_regions : bool
            Return regional forms (``européen``) with ``iso2=None``; ``False`` gives ``None``.

        Returns
        -------
        Demonym or None

        Examples
        --------
        >>> gaz = get_gazetteer()
        >>> gaz.demonym("Sénégalais").pos, gaz.demonym("sénégalaise").iso2
        ('noun', 'SN')
        >>> d = gaz.demonym("congolais")
        >>> d.iso2, d.alternatives
        ('CD', ('CG',))
        >>> gaz.demonym("onusien").status, gaz.demonym("parisien")
        ('region', None)
        """
        text = normalise(form)
        bare = strip_article(text)  # "les Marocains": the noun decides, not the article
        if not bare:
            return None
        pos = "noun" if bare[0].isupper() else "adj"
        for demonym in self._demonyms[pos].find(text, common_words=frozenset()):
            if demonym.status == "territory" and not include_territories:
                continue
            if demonym.status == "region" and not include_regions:
                continue
            return demonym
        return None

    def city(self, name: str) -> City | None:
        """City by French name or variant spelling (``Pékin``, ``Beijing``, ``La Haye``).

        Returns the usual city for homonyms (capitals first: ``Tripoli`` → LY; see
        :meth:`city_candidates`).

        Examples
        --------
        >>> gaz = get_gazetteer()
        >>> gaz.city("Beijing").name, gaz.city("Casablanca").capital
        ('Pékin', False)
        >>> gaz.city("Maroc")
        """
        found = self._city_index.find(name)
        return found[0] if found else None

    def city_candidates(self, name: str) -> tuple[City, ...]:
        """Every city of that name, the usual one first.

        Examples
        --------
        >>> [c.iso2 for c in get_gazetteer().city_candidates("Tripoli")]
        ['LY', 'LB']
        """
        return tuple(self._city_index.find(name))

    def institution(self, name: str) -> Institution | None:
        """Institution or organisation by canonical name, alias, metonym or acronym.

        Examples
        --------
        >>> gaz = get_gazetteer()
        >>> gaz.institution("les Nations unies").canonical
        'Organisation des Nations unies'
        >>> gaz.institution("Alliance atlantique").canonical
        'Organisation du traité de l’Atlantique nord'
        >>> gaz.institution("Unesco").acronyms
        ('UNESCO',)
        >>> gaz.institution("Matignon").country
        'FR'
        """
        found = self.institution_candidates(name)
        return found[0] if found else None

    def institution_candidates(self, name: str) -> tuple[Institution, ...]:
        """Every institution the name may designate, the usual one first.

        Examples
        --------
        >>> [i.canonical for i in get_gazetteer().institution_candidates("CAF")]
        ['Confédération africaine de football', 'Caisse d’allocations familiales']
        """
        found = self._institution_index.find(name)
        if len(found) > 1:
            key = fold(strip_article(name))
            preferred = next(
                (canon for acr, canon in self._preferred_acronyms.items() if fold(acr) == key),
                None,
            )
            if preferred:
                found.sort(key=lambda inst: inst.canonical != preferred)
        return tuple(found)

    def candidates(self, name: str) -> tuple[Record, ...]:
        """Every reading of a name: country (or territory), cities, institutions, demonym.

        Examples
        --------
        >>> [(type(r).__name__, r.iso2) for r in get_gazetteer().candidates("Luxembourg")]
        [('Country', 'LU'), ('City', 'LU')]
        """
        out: list[Record] = []
        country = self.country(name, include_territories=True)
        if country:
            out.append(country)
        out.extend(self.city_candidates(name))
        out.extend(self.institution_candidates(name))
        demonym = self.demonym(name, include_territories=True)
        if demonym:
            out.append(demonym)
        return tuple(out)

    # ----------------------------------------------------------------------------- matcher
    def surface_forms(
        self, *, include_adjectives: bool = False, include_territories: bool = False
    ) -> Iterator[tuple[str, str, Record]]:
        """Every surface form, for a spaCy ``PhraseMatcher`` or similar.

        Yields ``(form, type, record)`` with ``type`` one of ``"country"`` (states),
        ``"city"``, ``"institution"`` (both kinds: ``record.kind`` tells an institution from an
        organisation) and ``"demonym"`` (nouns, including regional ones such as ``Européens``,
        whose ``record.iso2`` is ``None``). Options add ``"territory"`` (dependent territories
        and their demonym nouns, as ``"demonym"``) and ``"demonym_adj"`` (adjectives).
        Forms with an initial accented capital also come without the accent (``Egypte``).
        Acronyms (forms without lowercase letters) should be matched case-sensitively. A
        demonym noun spelled like a country or city (``Argentine``, ``Suisse``) is yielded only
        as the country/city. Generic canonical names (``generic_canonical``) are not yielded.
        Order is deterministic.

        Examples
        --------
        >>> forms = {(f, t) for f, t, _ in get_gazetteer().surface_forms()}
        >>> {("Maroc", "country"), ("Rabat", "city"), ("OTAN", "institution")} <= forms
        True
        >>> ("Marocains", "demonym") in forms, ("Royaume du Maroc", "country") in forms
        (True, True)
        >>> sorted({t for _, t, _ in get_gazetteer().surface_forms()})
        ['city', 'country', 'demonym', 'institution']
        """
        seen: set[tuple[str, str, int]] = set()
        place_forms: set[str] = set()

        def emit(form: str, kind: str, record: Record) -> Iterator[tuple[str, str, Record]]:
            for variant in dict.fromkeys((form, drop_initial_accent(form))):
                key = (variant, kind, id(record))
                if key not in seen:
                    seen.add(key)
                    yield variant, kind, record

        for country in self._countries.values():
            if not (country.is_state or include_territories):
                continue
            kind = "country" if country.is_state else "territory"
            for form in (country.name, *country.aliases, *country.acronyms):
                place_forms.add(form)
                yield from emit(form, kind, country)
        for city in self._cities:
            for form in (city.name, *city.aliases):
                place_forms.add(form)
                yield from emit(form, "city", city)
        for inst in self._institutions:
            names = inst.aliases if inst.generic_canonical else (inst.canonical, *inst.aliases)
            for form in (*names, *inst.acronyms):
                yield from emit(form, "institution", inst)
        for demonym in self._demonym_records:
            if demonym.status == "territory" and not include_territories:
                continue
            if demonym.pos == "noun" and demonym.form not in place_forms:
                yield from emit(demonym.form, "demonym", demonym)
            elif demonym.pos == "adj" and include_adjectives:
                yield from emit(demonym.form, "demonym_adj", demonym)


# --------------------------------------------------------------------------------- singleton
_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The shared :class:`Gazetteer`, loaded from the package data on first use (thread-safe).

    Examples
    --------
    >>> get_gazetteer() is get_gazetteer()
    True
    """
    global _INSTANCE
    instance = _INSTANCE
    if instance is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = Gazetteer.load()
            instance = _INSTANCE
    return instance
