"""Pass 8 of the entity layer: country references and the article's home country.

* :func:`country_refs` — countries and demonyms among the mentions, toponymic adjectives in
  the text ("président chinois" → CN; not a language: "en français") and "le Royaume" alone
  (:func:`kingdom`);
* :func:`dominant_country` — the government a minister belongs to when the text does not
  say, leaving out the countries the text marks as foreign (:func:`foreign_countries`).

The French phrases are in :mod:`newsnlp.lang.fr.places`.

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> from newsnlp.entities.matcher import GazetteerMatcher
>>> from newsnlp.entities.state import LayerState
>>> matcher = GazetteerMatcher(get_gazetteer())
>>> state = LayerState("Le président chinois et le ministre français ont parlé du Royaume.")
>>> refs = country_refs(state, matcher)
>>> [(r.text, r.country) for r in refs]
[('chinois', 'CN'), ('français', 'FR')]
>>> sorted(foreign_countries(state.text, matcher)), dominant_country(refs, state, matcher)
(['CN', 'FR'], 'CN')
"""

from __future__ import annotations

from collections import Counter

from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.state import LayerState
from newsnlp.entities.types import CountryReference
from newsnlp.lang.fr.places import (
    FOREIGN_ADJECTIVE,
    FOREIGN_OF,
    HOME_KINGDOM,
    KINGDOM,
    KINGDOM_NOT_ALONE,
    LANGUAGE_CONTEXT,
    MONARCHIES,
)

__all__ = ["country_refs", "dominant_country", "foreign_countries", "kingdom"]

_KINGDOM_PENDING = "?kingdom"  # "le Royaume", until the kingdom is known


def _adjective_refs(state: LayerState, matcher: GazetteerMatcher) -> list[CountryReference]:
    """Toponymic adjectives outside the mentions, and "Royaume" alone (country pending)."""
    text = state.text
    refs = []
    spans = [(c.start, c.end) for c in state.cands]
    words = state.words
    for i, (s, e, w) in enumerate(words):
        if not w[0].islower():
            if (
                w == KINGDOM
                and i + 1 < len(words)
                and words[i + 1][2] not in KINGDOM_NOT_ALONE
                and text[e : e + 1] != "-"
            ):
                refs.append(CountryReference(s, e, w, _KINGDOM_PENDING))
            continue
        d = matcher.adjective(w)
        iso = d.country if d is not None else None
        if not iso or d.pos != "adj":
            continue
        if any(a <= s < b for a, b in spans):
            continue  # "Fédération royale marocaine de football"
        prev = words[i - 1][2].lower() if i else ""
        if prev in LANGUAGE_CONTEXT:
            continue  # a language: "en français", "l’arabe"
        refs.append(CountryReference(s, e, w, iso))
    return refs


def country_refs(state: LayerState, matcher: GazetteerMatcher) -> list[CountryReference]:
    """Every reference to a country, in text order."""
    text = state.text
    refs: list[CountryReference] = []
    for c in state.cands:
        if c.kind in {"country", "demonym"}:
            iso = c.record.country
            if iso:
                refs.append(CountryReference(c.start, c.end, text[c.start : c.end], iso))
    refs.extend(_adjective_refs(state, matcher))
    found = kingdom(refs, [c.record.country or "" for c in state.cands if c.kind == "city"])
    refs = [
        r if r.country != _KINGDOM_PENDING else CountryReference(r.start, r.end, r.text, found)
        for r in refs
        if r.country != _KINGDOM_PENDING or found
    ]
    refs.sort(key=lambda r: r.start)
    return refs


def kingdom(refs: list[CountryReference], cities: list[str]) -> str | None:
    """ "le Royaume" alone: the kingdom the article is about (Morocco in Moroccan press),
    judged from the countries and cities it names; None if no kingdom or a tie.

    Examples
    --------
    >>> kingdom([CountryReference(0, 8, "Espagne", "ES")], ["MA"]), kingdom([], ["FR"])
    ('MA', None)
    """
    counts = Counter(r.country for r in refs if r.country in MONARCHIES)
    counts.update(iso for iso in cities if iso in MONARCHIES)
    if not counts:
        return None
    if HOME_KINGDOM in counts:
        return HOME_KINGDOM
    best = counts.most_common(2)
    return best[0][0] if len(best) == 1 or best[0][1] > best[1][1] else None


def dominant_country(
    refs: list[CountryReference],
    state: LayerState,
    matcher: GazetteerMatcher,
    default_country: str | None = None,
) -> str | None:
    """The article's home country: the government a minister belongs to when the text does
    not say.

    Every reference counts once, a capital city twice ("Rabat" stands for the government),
    "le Royaume" three times (Moroccan press); countries the text marks as foreign ("le
    ministre français", "son homologue espagnol", "l’ambassadeur de Chine", "venu de Rabat")
    are left out unless nothing else remains. *default_country* when the text names none.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}

    def add(iso: str | None, weight: int, pos: int) -> None:
        if iso:
            counts[iso] += weight
            first.setdefault(iso, pos)

    for r in refs:
        add(r.country, 3 if r.text == KINGDOM else 1, r.start)
    for c in state.cands:
        if c.kind == "city":
            add(c.record.country, 2 if c.record.capital else 1, c.start)
    if not counts:
        return default_country
    foreign = foreign_countries(state.text, matcher)
    candidates = [iso for iso in counts if iso not in foreign] or list(counts)
    return min(candidates, key=lambda iso: (-counts[iso], first[iso]))


def foreign_countries(text: str, matcher: GazetteerMatcher) -> set[str]:
    """Countries the text marks as foreign: "le ministre français", "l’ambassadeur de Chine"."""
    foreign: set[str] = set()
    for m in FOREIGN_ADJECTIVE.finditer(text):
        d = matcher.demonym(m.group(1))
        if d is not None and d.country:
            foreign.add(d.country)
    for m in FOREIGN_OF.finditer(text):
        hit = matcher.match(m.group(1))
        if hit is not None and hit[1].country:
            foreign.add(hit[1].country)
    return foreign
