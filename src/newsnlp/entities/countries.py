"""Pass 8 of the entity layer: country references and the article's home country.

* :func:`country_refs` — countries and demonyms among the mentions, toponymic adjectives in
  the text ("président chinois" → CN; not a language: "en français"), "le Royaume" alone
  (:func:`kingdom`); not a river or a lake named like a country ("le fleuve Gambie",
  :func:`natural_feature`) nor a country's name standing for its city ("à Luxembourg",
  :func:`city_homonym`);
* :func:`home_country` — the country the article is about, when it is about one: a dateline
  (:func:`dateline_country`), or a country with clearly more evidence than any other, of
  several kinds (:func:`home_evidence`: references, capital and cities, national bodies),
  countries the text marks as another party's counting half (:func:`foreign_marks`); else
  None, or the caller's default. It is the government of a minister the text does not place
  (:mod:`newsnlp.entities.government`).

The French phrases are in :mod:`newsnlp.lang.fr.places` and :mod:`newsnlp.lang.fr.government`.

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
>>> sorted(foreign_countries(state.text, matcher)), home_country(refs, state, matcher)
(['CN', 'FR'], None)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsnlp._deprecation import renamed
from newsnlp.entities.local import visited
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.resolution import add_gazetteer_matches
from newsnlp.entities.state import LayerState, is_capitalised, portfolio_adjective, words_of
from newsnlp.entities.types import CountryReference
from newsnlp.lang.fr.government import (
    DATELINE,
    DATELINE_LINES,
    FOREIGN_BODY_HEADS,
    HOMOLOGUE_ANY,
)
from newsnlp.lang.fr.places import (
    CITY_PREPOSITION_BEFORE,
    FOREIGN_ADJECTIVE,
    FOREIGN_OF,
    HOME_KINGDOM,
    KINGDOM,
    KINGDOM_NOT_ALONE,
    LANGUAGE_CONTEXT,
    MONARCHIES,
    NATURAL_FEATURE_BEFORE,
)

__all__ = [
    "city_homonym",
    "country_refs",
    "dateline_country",
    "dominant_country",
    "foreign_countries",
    "foreign_marks",
    "home_country",
    "home_evidence",
    "kingdom",
    "natural_feature",
    "other_party_spans",
    "page_country",
]

_KINGDOM_PENDING = "?kingdom"
#: How far back the head of a natural feature ("le fleuve") is looked for.
FEATURE_CHARS = 20  # "le Royaume", until the kingdom is known


def _adjective_refs(state: LayerState, matcher: GazetteerMatcher) -> list[CountryReference]:
    """Toponymic adjectives outside the mentions, and "Royaume" alone (country pending); an
    adjective of two states ("congolais") is the one the text names, if it names one."""
    text = state.text
    refs = []
    spans = [(c.start, c.end) for c in state.cands]
    named = {
        c.record.country
        for c in state.cands
        if c.kind in {"country", "city"} and c.record is not None and c.record.country
    }
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
        if d.alternatives and iso not in named:
            iso = next((alt for alt in d.alternatives if alt in named), iso)  # "Brazzaville"
        refs.append(CountryReference(s, e, w, iso))
    return refs


def natural_feature(text: str, start: int) -> bool:
    """Whether the name at *start* is that of a river, lake, mountain or gulf ("le fleuve
    Gambie", "le delta du Niger"), not the country it shares its name with.

    Examples
    --------
    >>> text = "Le fleuve Gambie traverse la Gambie."
    >>> natural_feature(text, 10), natural_feature(text, 29)
    (True, False)
    """
    return NATURAL_FEATURE_BEFORE.search(text, max(0, start - FEATURE_CHARS), start) is not None


def city_homonym(text: str, c: Any, matcher: GazetteerMatcher) -> Any:
    """The city a country's name stands for after "à", when the country takes an article ("à
    Luxembourg", "à Koweït"; "au Luxembourg" is the country), or None.

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> from newsnlp.entities.state import Candidate
    >>> m = GazetteerMatcher(get_gazetteer())
    >>> text = "Réunis à Luxembourg, au Luxembourg."
    >>> cands = [Candidate(9, 19, "LOC", "gazetteer", "country", record=m.match("Luxembourg")[1]),
    ...          Candidate(24, 34, "LOC", "gazetteer", "country", record=m.match("Luxembourg")[1])]
    >>> [getattr(city_homonym(text, c, m), "iso2", None) for c in cands]
    ['LU', None]
    """
    if c.kind != "country" or not getattr(c.record, "article", ""):
        return None
    if CITY_PREPOSITION_BEFORE.search(text, max(0, c.start - 5), c.start) is None:
        return None
    return matcher.gazetteer.city(text[c.start : c.end])


def country_refs(state: LayerState, matcher: GazetteerMatcher) -> list[CountryReference]:
    """Every reference to a country, in text order (not "le fleuve Gambie", "à Luxembourg")."""
    text = state.text
    refs: list[CountryReference] = []
    for c in state.cands:
        if c.kind == "country" and (
            natural_feature(text, c.start) or city_homonym(text, c, matcher) is not None
        ):
            continue
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


#: Weight of each kind of evidence for the article's home country.
HOME_WEIGHTS = {"reference": 1, "region": 1, "capital": 2, "city": 1, "body": 2, "kingdom": 3}
#: A dateline ("PARIS (AFP) –") counts this much for its country.
DATELINE_WEIGHT = 4
#: The home country needs this many times the evidence of the next country, of at least
#: :data:`HOME_MIN_KINDS` different kinds (a mention count alone is not evidence) — or, when
#: no other country is named at all, a weight of at least :data:`HOME_MIN_ALONE` (the capital
#: alone, two references).
HOME_MARGIN = 2
HOME_MIN_KINDS = 2
HOME_MIN_ALONE = 2
#: Evidence of one kind makes the home country when it is overwhelming: at least
#: :data:`HOME_MIN_DOMINANT` and :data:`HOME_DOMINANCE` times the next country's ("le Liban"
#: and "libanais" seven times against "la France" once: an article about Lebanon).
HOME_DOMINANCE = 3
HOME_MIN_DOMINANT = 4


def dateline_country(text: str, matcher: GazetteerMatcher) -> str | None:
    """The country of a dateline at the top of the text ("PARIS (AFP) –", "Rabat, 12 mai –",
    "Paris. Le …"), on one of its first :data:`~newsnlp.lang.fr.government.DATELINE_LINES`
    lines.

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> m = GazetteerMatcher(get_gazetteer())
    >>> dateline_country("Paris. Le ministre a dit.", m), dateline_country("DAKAR (APS) - X", m)
    ('FR', 'SN')
    >>> dateline_country("Le ministre à Paris. Il a dit.", m) is None
    True
    """
    for line in text.split("\n", DATELINE_LINES)[:DATELINE_LINES]:
        found = _dateline(line, matcher)
        if found:
            return found
    return None


def _dateline(line: str, matcher: GazetteerMatcher) -> str | None:
    """The country of the place of a dateline starting *line*, if it has one."""
    m = DATELINE.match(line)
    if m is None:
        return None
    place = m.group("place")
    for form in (place, place.title()) if place.isupper() else (place,):
        hit = matcher.match(form)
        if hit and hit[0] in {"city", "country"} and hit[1].country:
            return hit[1].country
    return None


def _place(line: str, matcher: GazetteerMatcher) -> str | None:
    """The country of a line that is a country or a city name alone."""
    hit = matcher.match(line) if line[:1].isupper() else None
    return hit[1].country if hit and hit[0] in {"city", "country"} else None


def page_country(lines: Sequence[str], matcher: GazetteerMatcher) -> str | None:
    """The country the page around an article speaks from, read in the lines the cleaner
    removed from it (rubric labels, a dateline standing on its own line, the copyright line,
    the site's other headlines): a dateline, or a line that is a place name alone (a rubric:
    "Belgique", "Liban"), else the country with the evidence :func:`home_country` asks of an
    article (one country named, or clearly more than others).

    It stands in for the article's home country when the article's own text does not decide
    one (:class:`~newsnlp.entities.layer.EntityLayer`, ``page=``): a Senegalese paper's
    "Dakar, 4 déc (APS) –" line or a Luxembourgish one's "Luxembourg" rubric.

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> m = GazetteerMatcher(get_gazetteer())
    >>> page_country(["Politique", "Dakar, 4 déc (APS) –", "© Le Soleil"], m)
    'SN'
    >>> page_country(["Luxembourg", "Par Marc Schroeder", "Partager"], m)
    'LU'
    >>> page_country(["Partager", "© Le Journal 2025"], m) is None
    True
    """
    for line in lines:
        found = _dateline(line, matcher) or _place(line.strip(), matcher)
        if found:
            return found
    state = LayerState("\n".join(lines))
    add_gazetteer_matches(state, matcher)
    return home_country(country_refs(state, matcher), state, matcher)


#: The matches of :data:`FOREIGN_ADJECTIVE`, :data:`FOREIGN_OF` and :data:`HOMOLOGUE_ANY` in a
#: text, found once for :func:`home_country`.
ForeignMatches = tuple[list[re.Match[str]], list[re.Match[str]], list[re.Match[str]]]


def _foreign_matches(text: str) -> ForeignMatches:
    return (
        list(FOREIGN_ADJECTIVE.finditer(text)),
        list(FOREIGN_OF.finditer(text)),
        list(HOMOLOGUE_ANY.finditer(text)),
    )


def foreign_marks(
    state: LayerState, matcher: GazetteerMatcher, matches: ForeignMatches | None = None
) -> set[str]:
    """Countries the text marks as another party's: an office with the country's adjective or
    name (:func:`foreign_countries`), a role phrase naming it ("ministre libyen de
    l’Économie", "ministre de l’Intérieur du Sénégal"), but not a periphrasis: "le chef de
    la diplomatie belge" is Belgian in Belgian press."""
    marks = foreign_countries(state.text, matcher, matches)
    for role in state.roles:
        if role.periphrasis:
            continue  # "le chef de la diplomatie belge" in Belgian press is Belgian
        words = words_of(role.text)
        for i, (_s, _e, w) in enumerate(words):
            if is_capitalised(w):
                hit = matcher.match_at(words, i)
                if hit and hit[1] == "country" and hit[2].country:
                    marks.add(hit[2].country)
            elif portfolio_adjective(words, i):
                continue  # "ministre de la Langue française"
            elif (d := matcher.adjective(w)) is not None and d.pos == "adj" and d.country:
                marks.add(d.country)
    return marks


def _body_country(c: Any, span: str, matcher: GazetteerMatcher) -> str | None:
    """The country a body belongs to: the gazetteer's (not for an acronym of bodies of
    several countries: "APS"), or the one its name holds ("Police nationale d’Haïti", "Union
    générale tunisienne du travail")."""
    if span.split(" ", 1)[0] in FOREIGN_BODY_HEADS:
        return None  # "Ambassade de France"
    rec = c.record
    if rec is not None and getattr(rec, "country", None):
        if getattr(rec, "scope", "national") != "national":
            return None
        homonyms = matcher.gazetteer.institution_candidates(span) if span.isupper() else ()
        if len({getattr(h, "country", None) for h in homonyms}) > 1:
            return None  # "APS": the Senegalese or the Algerian agency
        return rec.country
    words = words_of(span)
    for i, (_s, _e, w) in enumerate(words):
        if is_capitalised(w):
            hit = matcher.match_at(words, i)
            if hit and hit[1] == "country":
                return hit[2].country
        elif (d := matcher.adjective(w)) is not None and d.pos == "adj" and d.country:
            return d.country
    return None


def other_party_spans(
    state: LayerState, matches: ForeignMatches | None = None
) -> list[tuple[int, int]]:
    """Spans whose country is not evidence of the country the text speaks from: role phrases
    and words whose country is another party's ("le président kényan", "son homologue
    marocain", "l’ambassadeur de Chine").

    Examples
    --------
    >>> state = LayerState("Le président kényan a reçu son homologue marocain.")
    >>> [state.text[a:b] for a, b in other_party_spans(state)]
    ['kényan', 'marocain']
    """
    skip = [(r.start, r.end) for r in state.roles]
    skip.extend(m.span(1) for found in matches or _foreign_matches(state.text) for m in found)
    return skip


def home_evidence(
    refs: list[CountryReference],
    state: LayerState,
    matcher: GazetteerMatcher,
    matches: ForeignMatches | None = None,
) -> dict[str, Counter[str]]:
    """Evidence of the article's home country, by country: weight by kind (see
    :data:`HOME_WEIGHTS`) — references (names, demonyms, adjectives) outside role phrases and
    foreign offices, adjectives of a federated region ("québécois" → CA), "le Royaume",
    capitals and other cities (not the ones a visit goes to: "est attendu à Kinshasa",
    :func:`~newsnlp.entities.local.visited`), national bodies (the gazetteer's, or a name
    holding the country: "Banque centrale de Tunisie")."""
    text = state.text
    skip = other_party_spans(state, matches)
    evidence: dict[str, Counter[str]] = {}

    def add(iso: str | None, kind: str) -> None:
        if iso:
            evidence.setdefault(iso, Counter())[kind] += HOME_WEIGHTS[kind]

    for r in refs:
        if not any(a <= r.start < b for a, b in skip):
            add(r.country, "kingdom" if r.text == KINGDOM else "reference")
    words = state.words
    for i, (s, _e, w) in enumerate(words):
        d = matcher.adjective(w) if w[0].islower() else None
        if d is None or d.status != "region" or not d.parent:
            continue
        if i and words[i - 1][2].lower() in LANGUAGE_CONTEXT:
            continue  # a language: "en anglais", "le breton"
        if not any(a <= s < b for a, b in skip):
            add(d.parent, "region")  # "québécois", "wallon": a federated state's
    for c in state.cands:
        city = c.record if c.kind == "city" else city_homonym(text, c, matcher)
        if city is not None:
            if not visited(text, c.start):  # not "s’est rendu à Kiev"
                add(city.country, "capital" if city.capital else "city")  # "à Luxembourg"
        elif c.label == "ORG":
            add(_body_country(c, text[c.start : c.end], matcher), "body")
    return evidence


def home_country(
    refs: list[CountryReference],
    state: LayerState,
    matcher: GazetteerMatcher,
    default_country: str | None = None,
) -> str | None:
    """The article's home country — the government of a minister the text does not place —
    when the article is about one country; else *default_country*.

    A dateline decides, unless another country has more evidence. Otherwise the country with
    the most evidence (:func:`home_evidence`; halved for a country the text marks as another
    party's, :func:`foreign_marks`) is the home country when it has evidence of
    :data:`HOME_MIN_KINDS` kinds (a capital and a name, a national body and an adjective…)
    and :data:`HOME_MARGIN` times the next country's, or when it is the only country named,
    with some weight (:data:`HOME_MIN_ALONE`), or when its evidence, of one kind, is
    overwhelming (:data:`HOME_MIN_DOMINANT`, :data:`HOME_DOMINANCE` times the next country's):
    several countries named alike, or one named once, make no home country.

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> from newsnlp.entities.resolution import add_gazetteer_matches
    >>> m = GazetteerMatcher(get_gazetteer())
    >>> def home(text):
    ...     state = LayerState(text)
    ...     add_gazetteer_matches(state, m)
    ...     return home_country(country_refs(state, m), state, m)
    >>> home("À Dakar, le Sénégal. Le Mali."), home("Le Sénégal."), home("À Dakar, à Paris.")
    ('SN', None, None)
    >>> home("Paris. Selon l’ONU, le Maroc et Rabat.")
    'FR'
    >>> home("Le Liban, les Libanais, l’économie libanaise, la livre libanaise. La France.")
    'LB'
    >>> home("Le Liban, les Libanais, la livre libanaise. La France.") is None
    True
    """
    matches = _foreign_matches(state.text)
    evidence = home_evidence(refs, state, matcher, matches)
    scores = {iso: float(sum(kinds.values())) for iso, kinds in evidence.items()}
    dateline = dateline_country(state.text, matcher)
    best = max(scores.values(), default=0.0)
    if dateline and scores.get(dateline, 0) + DATELINE_WEIGHT >= best:
        return dateline
    if not scores:
        return default_country
    for iso in foreign_marks(state, matcher, matches) & set(scores):
        scores[iso] /= 2
    ranked = sorted(scores, key=lambda iso: -scores[iso])
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    top = ranked[0]
    if len(ranked) == 1 and scores[top] >= HOME_MIN_ALONE:
        return top  # the only country the article names
    if len(evidence[top]) >= HOME_MIN_KINDS and scores[top] >= HOME_MARGIN * second:
        return top
    if scores[top] >= HOME_MIN_DOMINANT and scores[top] >= HOME_DOMINANCE * second:
        return top  # one kind of evidence, overwhelming
    return default_country


#: Deprecated name (issue 12): the home country is now given only on evidence.
dominant_country = renamed(
    "newsnlp.entities.countries.dominant_country",
    "newsnlp.entities.countries.home_country",
    home_country,
)


def foreign_countries(
    text: str, matcher: GazetteerMatcher, matches: ForeignMatches | None = None
) -> set[str]:
    """Countries the text marks as foreign: "le ministre français", "l’ambassadeur de Chine"."""
    adjectives, of, _homologues = matches or _foreign_matches(text)
    foreign: set[str] = set()
    for m in adjectives:
        d = matcher.demonym(m.group(1))
        if d is not None and d.country:
            foreign.add(d.country)
    for m in of:
        hit = matcher.match(m.group(1))
        if hit is not None and hit[1].country:
            foreign.add(hit[1].country)
    return foreign
