"""Gazetteer records: :class:`Country`, :class:`Demonym`, :class:`City` and
:class:`Institution`, frozen, with ``to_dict()``.

Every record has a ``country`` attribute: the ISO 3166-1 alpha-2 code of the country it is
or belongs to (``iso2`` for countries, cities and demonyms; the field of a national
institution), or ``None`` (international bodies, regional demonyms).

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> gaz = get_gazetteer()
>>> [r.country for r in (gaz.country("Maroc"), gaz.city("Genève"), gaz.demonym("chinoise"),
...                      gaz.institution("Matignon"), gaz.institution("FMI"))]
['MA', 'CH', 'CN', 'FR', None]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from newsnlp.text.fold import APOSTROPHE

__all__ = ["City", "Country", "Demonym", "Institution", "Record"]


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
    >>> from newsnlp.entities.gazetteer import get_gazetteer
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
    def country(self) -> str | None:
        """The record's country: ``iso2``."""
        return self.iso2

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
    >>> from newsnlp.entities.gazetteer import get_gazetteer
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

    @property
    def country(self) -> str | None:
        """The record's country: ``iso2`` (``None`` for a regional form)."""
        return self.iso2

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
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> get_gazetteer().city("Rabat")
    City(name='Rabat', iso2='MA', capital=True, territory=None, aliases=())
    """

    name: str
    iso2: str
    capital: bool = False
    territory: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def country(self) -> str | None:
        """The record's country: ``iso2``, the state the city belongs to."""
        return self.iso2

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
    >>> from newsnlp.entities.gazetteer import get_gazetteer
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
