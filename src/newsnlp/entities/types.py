"""What the entity layer returns: :class:`Entity`, :class:`Minister`, :class:`CountryReference`
and :class:`Annotation`, frozen and JSON-serialisable with ``to_dict()``.

Examples
--------
>>> ann = Annotation(
...     entities=(Entity("Rabat", "LOC", 3, 8, "Rabat", "city", "MA"),),
...     country_refs=(CountryReference(20, 28, "marocain", "MA"),),
... )
>>> ann.countries, ann.to_dict()["entities"][0]["kind"]
({'MA': 1}, 'city')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["LABELS", "Annotation", "CountryReference", "Entity", "Minister"]

#: The entity labels, as spaCy's French models give them.
LABELS = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention.

    Attributes
    ----------
    text : str
        The mention, exactly ``source_text[start:end]``.
    label : str
        ``"PER"``, ``"ORG"``, ``"LOC"`` or ``"MISC"``.
    start, end : int
        Character offsets into the text that was analysed.
    canonical : str
        Normalised name of the referent, the same for all its mentions ("l’ONU" →
        "Organisation des Nations unies", "Lacroix" → "Jean-Pierre Lacroix").
    kind : str or None
        ``"minister"``, ``"person"``, ``"institution"``, ``"organization"``, ``"country"``,
        ``"city"``, ``"location"`` or ``None`` (MISC).
    country : str or None
        ISO 3166-1 alpha-2: the country itself for kind ``"country"``, the government's
        country for ``"minister"``, the country a city, national institution or demonym
        belongs to.
    role : str or None
        For ministers, the title as written ("ministre des Affaires étrangères").

    Examples
    --------
    >>> Entity("Maroc", "LOC", 3, 8, "Maroc", "country", "MA").to_dict()["country"]
    'MA'
    """

    text: str
    label: str
    start: int
    end: int
    canonical: str
    kind: str | None = None
    country: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Minister:
    """A sitting minister named in the text (one per person).

    Attributes
    ----------
    name : str
        Full name.
    role : str
        The title as written next to the name.
    country : str or None
        ISO 3166-1 alpha-2 code of the government; None when the text does not tell.
    country_source : str or None
        Where *country* comes from, strongest evidence first: ``"role"`` (the title names
        it: "ministre saoudien des Affaires étrangères", "chef de la diplomatie émiratie"),
        ``"phrase"`` (the government named in the same phrase: "le gouvernement sénégalais,
        par la voix de son ministre …"), ``"homologue"`` ("son homologue espagnol, José
        Manuel Albares"), ``"gazetteer"`` (a known office holder; reserved, no such
        gazetteer ships yet), ``"home"`` (the article's home country: a dateline, or a
        country the article is clearly about; or the ``default_country`` the caller gave),
        None when *country* is None. Keep ``country_source != "home"`` to drop the guesses
        that rest on the article as a whole.

    Examples
    --------
    >>> m = Minister("Nasser Bourita", "ministre des Affaires étrangères", "MA", "home")
    >>> m.to_dict()
    {'name': 'Nasser Bourita', 'role': 'ministre des Affaires étrangères', 'country': 'MA', 'country_source': 'home'}
    """

    name: str
    role: str
    country: str | None
    country_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CountryReference:
    """A reference to a country that is not necessarily an entity ("président chinois").

    Attributes
    ----------
    start, end : int
        Character offsets.
    text : str
        The words referring to the country.
    country : str
        ISO 3166-1 alpha-2 code.

    Examples
    --------
    >>> CountryReference(12, 19, "chinois", "CN").to_dict()
    {'start': 12, 'end': 19, 'text': 'chinois', 'country': 'CN'}
    """

    start: int
    end: int
    text: str
    country: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything the entity layer found in one text.

    Attributes
    ----------
    entities : tuple of Entity
        In text order, not overlapping.
    ministers : tuple of Minister
        One per person, in order of first mention.
    country_refs : tuple of CountryReference
        Names, demonyms and adjectives that refer to a country, in text order.

    Examples
    --------
    >>> refs = (CountryReference(0, 5, "Maroc", "MA"), CountryReference(9, 16, "chinois", "CN"),
    ...         CountryReference(20, 28, "marocain", "MA"))
    >>> Annotation(country_refs=refs).countries
    {'MA': 2, 'CN': 1}
    """

    entities: tuple[Entity, ...] = ()
    ministers: tuple[Minister, ...] = ()
    country_refs: tuple[CountryReference, ...] = ()

    @property
    def countries(self) -> dict[str, int]:
        """ISO alpha-2 → number of references, most referenced first."""
        counts = Counter(ref.country for ref in self.country_refs)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def institutions(self) -> tuple[str, ...]:
        """Canonical names of the institutions mentioned, in order of first mention."""
        seen: dict[str, None] = {}
        for ent in self.entities:
            if ent.kind == "institution":
                seen.setdefault(ent.canonical, None)
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "entities": [e.to_dict() for e in self.entities],
            "ministers": [m.to_dict() for m in self.ministers],
            "countries": self.countries,
            "institutions": list(self.institutions),
            "country_refs": [r.to_dict() for r in self.country_refs],
        }
