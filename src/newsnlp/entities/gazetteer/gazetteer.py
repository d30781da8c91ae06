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
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from newsnlp.text.fold import APOSTROPHE, fold, unify_apostrophes

__all__ = [
    "COMMON_WORDS",
    "City",
    "Country",
    "Demonym",
    "Gazetteer",
    "Institution",
    "fold",
    "get_gazetteer",
    "strip_article",
]

log = logging.getLogger(__name__)

_FILES = ("countries.json", "demonyms.json", "regions.json", "cities.json", "institutions.json")

#: Folded forms that are French (or English) common words as well as place names. An
#: all-lowercase query never folds onto them (``grenade`` is a grenade, ``Grenade`` a country).
COMMON_WORDS: frozenset[str] = frozenset(
    word.strip()
    for word in """
    argentine, benin, berne, beni, bordeaux, calais, canton, cannes, cap, cap vert, chili, chine,
    chypre, curacao, damas, equateur, grenade, guernesey, guinee, havane, japon, jersey,
    la havane, la reunion, le cap, liege, lima, limoges, lourdes, lucerne, macao, male, manille,
    menton, niger, nice, panama, parme, porto, rabat, rennes, reunion, roseau, royaume uni,
    saint martin, sale, sienne, split, sucre, suisse, tamale, tournai, tours, valence, vichy,
    vienne
    """.split(",")
)

# --------------------------------------------------------------------------------- folding
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:l’|(?:les|le|la)\s+)(?=\S)", re.IGNORECASE)


def _norm(text: str) -> str:
    text = unify_apostrophes(unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text).strip()


def strip_article(text: str) -> str:
    """Remove one leading definite article (``le``, ``la``, ``les``, ``l’``/``l'``).

    Examples
    --------
    >>> strip_article("les États-Unis"), strip_article("l'ONU"), strip_article("La Haye")
    ('États-Unis', 'ONU', 'Haye')
    """
    text = _norm(text)
    return _ARTICLE.sub("", text, count=1)


def _drop_initial_accent(text: str) -> str:
    first = unicodedata.normalize("NFKD", text[:1])
    base = "".join(c for c in first if not unicodedata.combining(c))
    return base + text[1:] if base != text[:1] else text


def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


# --------------------------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class Country:
    """A country or territory of ISO 3166-1.

    Attributes
    ----------
    iso2 : str
        ISO 3166-1 alpha-2 code (``XK`` for Kosovo, a user-assigned code).
    name : str
        Usual French short name in the press (``Maroc``, ``États-Unis``, ``Côte d’Ivoire``).
    article : str
        ``"le"``, ``"la"``, ``"les"``, ``"l’"`` or ``""`` (``Cuba``, ``Israël``).
    aliases : tuple of str
        Official long forms (``Royaume du Maroc``), other names, unaccented-capital variants.
    acronyms : tuple of str
        ``RDC``, ``EAU``, ``USA``… (matched only in capitals).
    capital : str or None
        Main capital, French name.
    status : {"state", "territory"}
        ``state``: UN member or observer, Kosovo, Taiwan. ``territory``: the rest of ISO 3166-1.
    parent : str or None
        For a dependent territory, the ISO code of the state it belongs to.
    demonym_nouns, demonym_adjectives : tuple of str
        All inflected forms (``Marocain``… / ``marocain``, ``marocaine``, ``marocains``…).

    Examples
    --------
    >>> ma = get_gazetteer().country("Royaume du Maroc")
    >>> ma.iso2, ma.name, ma.name_with_article, ma.capital
    ('MA', 'Maroc', 'le Maroc', 'Rabat')
    """

    iso2: str
    name: str
    article: str = ""
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    capital: str | None = None
    status: Literal["state", "territory"] = "state"
    parent: str | None = None
    demonym_nouns: tuple[str, ...] = ()
    demonym_adjectives: tuple[str, ...] = ()

    @property
    def is_state(self) -> bool:
        """True for sovereign states (``status == "state"``)."""
        return self.status == "state"

    @property
    def name_with_article(self) -> str:
        """``le Maroc``, ``l’Inde``, ``les Pays-Bas``, ``Cuba``."""
        if not self.article:
            return self.name
        sep = "" if self.article.endswith(APOSTROPHE) else " "
        return f"{self.article}{sep}{self.name}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (demonyms as ``{"noun": [...], "adj": [...]}``)."""
        return {
            "iso2": self.iso2,
            "name": self.name,
            "article": self.article,
            "aliases": list(self.aliases),
            "acronyms": list(self.acronyms),
            "capital": self.capital,
            "status": self.status,
            "parent": self.parent,
            "demonyms": {"noun": list(self.demonym_nouns), "adj": list(self.demonym_adjectives)},
        }


@dataclass(frozen=True, slots=True)
class Demonym:
    """A demonym (noun ``Marocains``) or toponymic adjective (``marocaine``).

    Attributes
    ----------
    iso2 : str or None
        Country (or territory) code; ``None`` for regional forms (``européen``, ``québécois``).
    pos : {"noun", "adj"}
        Nouns are capitalised, adjectives lowercase.
    form : str
        The gazetteer's spelling of the matched form.
    lemma : str
        Masculine singular, lowercase (``marocain``).
    status : {"state", "territory", "region"}
        What the form refers to. Only ``state`` forms are country references.
    region : str or None
        Region name for ``status == "region"`` (``Europe``, ``Québec``, ``Nations unies``).
    parent : str or None
        Country containing the region, when there is one (``québécois`` → ``CA``).
    alternatives : tuple of str
        Other countries the form may designate (``congolais``: ``("CG",)``).

    Examples
    --------
    >>> get_gazetteer().demonym("chinoises")
    Demonym(iso2='CN', pos='adj', form='chinoises', lemma='chinois', status='state', region=None, parent=None, alternatives=())
    >>> get_gazetteer().demonym("européen").iso2 is None
    True
    """

    iso2: str | None
    pos: Literal["noun", "adj"]
    form: str
    lemma: str
    status: Literal["state", "territory", "region"] = "state"
    region: str | None = None
    parent: str | None = None
    alternatives: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "iso2": self.iso2,
            "pos": self.pos,
            "form": self.form,
            "lemma": self.lemma,
            "status": self.status,
            "region": self.region,
            "parent": self.parent,
            "alternatives": list(self.alternatives),
        }


@dataclass(frozen=True, slots=True)
class City:
    """A capital or major city, French name.

    Attributes
    ----------
    name : str
        French name (``Pékin``, ``Genève``, ``La Haye``).
    iso2 : str
        Sovereign state the city belongs to (``Nouméa`` → ``FR``, ``Hong Kong`` → ``CN``).
    capital : bool
        True for a national capital (several for ZA, BO, SZ).
    territory : str or None
        ISO code of the dependent territory when the city lies in one (``NC``, ``HK``);
        ``EH`` for cities of Western Sahara, listed under the administering state (``MA``).
    aliases : tuple of str
        Other spellings (``Beijing``, ``Kyiv``).

    Examples
    --------
    >>> get_gazetteer().city("Rabat")
    City(name='Rabat', iso2='MA', capital=True, territory=None, aliases=())
    """

    name: str
    iso2: str
    capital: bool = False
    territory: str | None = None
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "name": self.name,
            "iso2": self.iso2,
            "capital": self.capital,
            "territory": self.territory,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True, slots=True)
class Institution:
    """An institution (state or intergovernmental body) or an organisation.

    Attributes
    ----------
    canonical : str
        Full official French name, the same for every way of writing it.
    kind : {"institution", "organization"}
        ``institution``: state bodies and intergovernmental organisations. ``organization``:
        companies, media, parties, NGOs, the ICRC, sports bodies.
    country : str or None
        Country of a national body; ``None`` for international ones and for names shared by
        bodies of several countries (see ``countries``).
    scope : {"international", "national"}
        National includes federated and regional bodies.
    aliases : tuple of str
        Other names, English names, metonyms (``Matignon``, ``Alliance atlantique``).
    acronyms : tuple of str
        French and English acronyms (``FMI``, ``IMF``).
    countries : tuple of str
        For a shared name (``Cour des comptes``), countries that have a body of that name.
    generic_canonical : bool
        The canonical name is generic (``Ministère de l’Intérieur`` for ``Beauvau``): only the
        aliases lead to this record.

    Examples
    --------
    >>> imf = get_gazetteer().institution("FMI")
    >>> imf.canonical, imf.kind, imf.country, imf.scope
    ('Fonds monétaire international', 'institution', None, 'international')
    """

    canonical: str
    kind: Literal["institution", "organization"]
    country: str | None
    scope: Literal["international", "national"]
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    generic_canonical: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "canonical": self.canonical,
            "kind": self.kind,
            "country": self.country,
            "scope": self.scope,
            "aliases": list(self.aliases),
            "acronyms": list(self.acronyms),
            "countries": list(self.countries),
            "generic_canonical": self.generic_canonical,
        }


Record = Country | City | Institution | Demonym


# --------------------------------------------------------------------------------- index
class _Index:
    """Exact and folded form → records, with the matching restrictions of the module doc."""

    __slots__ = ("acronyms", "exact", "folded", "single_word_needs_capital")

    def __init__(self, *, single_word_needs_capital: bool = False) -> None:
        self.exact: dict[str, list[Any]] = {}
        self.folded: dict[str, list[tuple[Any, bool]]] = {}
        self.acronyms: dict[str, list[Any]] = {}  # folded, for title-case matches (Unesco)
        self.single_word_needs_capital = single_word_needs_capital

    @staticmethod
    def _push(table: dict, key: str, item: Any) -> None:
        items = table.setdefault(key, [])
        if all(existing is not item for existing in items):
            items.append(item)

    def add(self, form: str, record: Any, *, acronym: bool = False, title_ok: bool = False) -> None:
        form = _norm(form)
        if not form:
            return
        self._push(self.exact, form, record)
        if acronym:
            if title_ok and len(form) >= 4 and form.isupper():
                self._push(self.acronyms, fold(form), record)
            return
        single = " " not in fold(form)
        bucket = self.folded.setdefault(fold(form), [])
        if all(rec is not record for rec, _ in bucket):
            bucket.append((record, single))

    def find(self, query: str, *, common_words: frozenset[str] = COMMON_WORDS) -> list[Any]:
        text = _norm(query)
        if not text:
            return []
        stripped = strip_article(text)
        forms = [text] if stripped == text else [text, stripped]
        for form in forms:
            if form in self.exact:
                return list(self.exact[form])
        lowercase = not _has_upper(text)
        for form in forms:
            key = fold(form)
            if lowercase and key in common_words:
                continue
            hits = [
                rec
                for rec, single in self.folded.get(key, ())
                if not (lowercase and single and self.single_word_needs_capital)
            ]
            if hits:
                return hits
            if not lowercase and _has_upper(form) and key in self.acronyms:
                return list(self.acronyms[key])
        return []


# --------------------------------------------------------------------------------- gazetteer
class Gazetteer:
    """In-memory gazetteer with lookups by any surface form.

    Use :func:`get_gazetteer` for the shared instance built from the package data;
    ``Gazetteer.load(directory)`` reads the JSON files of another folder.

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
        self._countries: dict[str, Country] = {}
        self._country_index = _Index()
        self._cities: list[City] = []
        self._city_index = _Index()
        self._institutions: list[Institution] = []
        self._institution_index = _Index(single_word_needs_capital=True)
        self._preferred_acronyms: dict[str, str] = {}
        self._demonyms: dict[str, _Index] = {"noun": _Index(), "adj": _Index()}
        self._demonym_records: list[Demonym] = []
        self._build_countries(data["countries.json"], data["demonyms.json"])
        self._build_demonyms(data["countries.json"], data["demonyms.json"], data["regions.json"])
        self._build_cities(data["cities.json"])
        self._build_institutions(data["institutions.json"])

    # ----------------------------------------------------------------------------- loading
    @classmethod
    def load(cls, directory: str | Path | None = None) -> Gazetteer:
        """Read the JSON files from ``directory`` (default: the package's ``data`` folder).

        Examples
        --------
        >>> Gazetteer.load().country("Pays-Bas").iso2
        'NL'
        """
        data: dict[str, Any] = {}
        if directory is None:
            root = resources.files("newsnlp") / "data"
            for name in _FILES:
                data[name] = json.loads((root / name).read_text(encoding="utf-8"))
        else:
            for name in _FILES:
                data[name] = json.loads(Path(directory, name).read_text(encoding="utf-8"))
        gaz = cls(data)
        log.debug(
            "gazetteer loaded: %d countries, %d cities, %d institutions, %d demonym forms",
            len(gaz._countries),
            len(gaz._cities),
            len(gaz._institutions),
            len(gaz._demonym_records),
        )
        return gaz

    def _build_countries(self, countries: dict, demonyms: dict) -> None:
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
            self._countries[code] = country
            for form in (country.name, *country.aliases):
                self._country_index.add(form, country)
            for acr in country.acronyms:
                self._country_index.add(acr, country, acronym=True)

    def _build_demonyms(self, countries: dict, demonyms: dict, regions: dict) -> None:
        # (pos, form) -> list of (iso2, lemma, status, region, parent), in priority order
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
        preferred = {fold(k): v for k, v in demonyms["preferred"].items()}
        rank = {"state": 0, "territory": 1, "region": 2}
        for (pos, form), found in sorted(owners.items()):
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
            self._demonym_records.append(demonym)
            self._demonyms[pos].add(form, demonym)

    def _build_cities(self, cities: list[dict]) -> None:
        for rec in cities:
            city = City(
                name=rec["name"],
                iso2=rec["iso2"],
                capital=rec["capital"],
                territory=rec["territory"],
                aliases=tuple(rec["aliases"]),
            )
            self._cities.append(city)
            for form in (city.name, *city.aliases):
                self._city_index.add(form, city)

    def _build_institutions(self, data: dict) -> None:
        self._preferred_acronyms = dict(data["preferred"])
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
            self._institutions.append(inst)
            names = inst.aliases if inst.generic_canonical else (inst.canonical, *inst.aliases)
            for form in names:
                self._institution_index.add(form, inst)
            for acr in inst.acronyms:
                self._institution_index.add(acr, inst, acronym=True, title_ok=True)

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
        text = _norm(form)
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
            for variant in dict.fromkeys((form, _drop_initial_accent(form))):
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
