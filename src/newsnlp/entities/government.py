"""Part of pass 9 of the entity layer: the government a minister belongs to, as a chain of
evidence — the first that applies wins, and says where the country comes from
(``Minister.country_source``):

1. ``"role"`` — a country, a demonym or a federated region in one of the person's role phrases
   ("ministre saoudien des Affaires étrangères", "ministre de l’Intérieur du Sénégal", "chef de
   la diplomatie émiratie", "premier ministre québécois"), a Swiss federal title, the seat of a
   periphrasis ("le locataire de Matignon") (:func:`title_country`);
2. ``"phrase"`` — the government named in the same phrase ("le gouvernement sénégalais, par la
   voix de son ministre …", "…, au nom du gouvernement malien", "…, venu de Rabat")
   (:func:`phrase_country`);
3. ``"homologue"`` — "son homologue espagnol, José Manuel Albares" (:func:`homologue_country`);
   then, as a ``"phrase"``, the party or the country the sentence starts with ("Côté
   israélien, le Premier ministre …", "En Grande-Bretagne, où …, le Premier ministre …":
   :func:`~newsnlp.entities.local.side_country`, :func:`~newsnlp.entities.local.scene_country`),
   unless the text says the person is not of it;
4. ``"home"`` — the article's home country (:func:`newsnlp.entities.countries.home_country`),
   unless the text says the minister is not of it: the person whose counterpart is "son
   homologue marocain" is not Moroccan (:func:`not_of`), and a government has one
   holder of each portfolio (:func:`office_keys`): a second "ministre des Affaires
   étrangères" with nothing else to tell is not the home country's — then the place its
   sentence is set in ("À Doha, le Premier ministre et ministre des Affaires étrangères …")
   is its government, as a ``"phrase"``;
5. ``"phrase"`` — the one country the minister's sentence names as a party, outside other
   parties' offices and places where something happens ("le Premier ministre Elyes
   Fakhfakh a averti que la pandémie pourrait coûter sept points de croissance à la
   Tunisie": :func:`~newsnlp.entities.local.sentence_country`), and not the home country
   the text says the minister is not of.

Otherwise the country is ``None``: no guess from mention counts. No office-holder gazetteer is
used (the ``"gazetteer"`` source is reserved for one).

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> matcher = GazetteerMatcher(get_gazetteer())
>>> title_country("ministre saoudien des Affaires étrangères", matcher)
'SA'
>>> title_country("chef du Département fédéral des affaires étrangères", matcher)
'CH'
>>> sorted(office_keys("Premier ministre et ministre des Affaires étrangères"))
['affaires etrangeres']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from newsnlp.entities.countries import other_party_spans
from newsnlp.entities.local import (
    Places,
    scene_country,
    sentence_bounds,
    sentence_country,
    side_country,
)
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.state import (
    Candidate,
    LayerState,
    RolePhrase,
    is_capitalised,
    portfolio_adjective,
    words_of,
)
from newsnlp.entities.types import CountryReference
from newsnlp.lang.fr.government import (
    COMING_FROM,
    GOVERNMENT_AFTER,
    GOVERNMENT_BEFORE,
    HOMOLOGUE,
    HOMOLOGUE_AFTER,
    HOMOLOGUE_ANY,
    OWNER_BEFORE,
)
from newsnlp.lang.fr.places import LEADING_ARTICLE
from newsnlp.lang.fr.roles import PORTFOLIO, SWISS_TITLE
from newsnlp.text.fold import fold

__all__ = [
    "SOURCES",
    "Evidence",
    "demonym_country",
    "federated",
    "governments",
    "homologue_country",
    "not_of",
    "office_keys",
    "owner_before",
    "phrase_country",
    "role_country",
    "scene_country",
    "title_country",
]

#: The values of ``Minister.country_source``, strongest evidence first (``None``: no evidence).
SOURCES = ("role", "phrase", "homologue", "gazetteer", "home")
#: A minister's country and where it comes from: ``(country, source)``, or ``(None, None)``.
Evidence = tuple["str | None", "str | None"]
#: How far before a role or a person a government phrase or "son homologue …" is looked for.
WINDOW = 120
# Titles that share a portfolio with a minister (a delegate, a secretary of state).
_JUNIOR = re.compile(r"délégu|secrétaire|auprès", re.I)


def demonym_country(
    word: str, matcher: GazetteerMatcher, named: Collection[str] = ()
) -> str | None:
    """The country of a toponymic adjective: a state's ("saoudien" → SA) or, for a federated
    region, its state's ("québécois" → CA); None for a supranational one ("européen"). An
    adjective of two states ("congolais") is the one the text names (*named*: "Brazzaville"
    → CG), else the usual one.

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> m = GazetteerMatcher(get_gazetteer())
    >>> demonym_country("québécois", m), demonym_country("européenne", m)
    ('CA', None)
    >>> demonym_country("congolais", m), demonym_country("congolais", m, {"CG"})
    ('CD', 'CG')
    """
    d = matcher.demonym(word)
    if d is None:
        return None
    if d.status == "state":
        if d.alternatives and d.country not in named:
            return next((iso for iso in d.alternatives if iso in named), d.country)
        return d.country
    return d.parent if d.status == "region" else None


def title_country(text: str, matcher: GazetteerMatcher, named: Collection[str] = ()) -> str | None:
    """The country a role phrase names: a country or an adjective in it ("ministre britannique",
    "ministre de l’Intérieur du Sénégal", "premier ministre québécois"), a Swiss federal
    title, then a demonym noun ("… des Marocains résidant à l’étranger"), a national body
    with a country ("locataire de Matignon") or a city ("premier ministre du Québec")."""
    words = words_of(text)
    weak: str | None = None
    for i, (_s, _e, w) in enumerate(words):
        if not is_capitalised(w):
            if portfolio_adjective(words, i):
                continue  # "ministre de la Langue française": the language's, not the minister's
            if w[0].isalpha() and (country := demonym_country(w, matcher, named)):
                return country
            continue
        hit = matcher.match_at(words, i)
        if hit is None:
            continue
        _n, kind, record = hit
        if kind == "country" and record.country:
            return record.country
        if weak is None and kind in {"demonym", "institution", "city"} and record.country:
            weak = record.country
    if SWISS_TITLE.search(text):
        return "CH"
    return weak


def _phrase_match(m: re.Match[str] | None, matcher: GazetteerMatcher) -> str | None:
    if m is None:
        return None
    if m.group("adj"):
        return demonym_country(m.group("adj"), matcher)
    hit = matcher.match(m.group("name").strip())
    return hit[1].country if hit and hit[0] == "country" else None


def owner_before(text: str, role: RolePhrase, matcher: GazetteerMatcher) -> tuple[str, Any] | None:
    """The gazetteer type and record of the body whose office *role* is, named before it:
    "l’Union européenne, par la voix de son chef de la diplomatie", "le Maroc, représenté par
    son ministre …"; None when there is none or it is unknown.

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> text = "L’Union européenne, par la voix de son chef de la diplomatie, a dit."
    >>> role = RolePhrase(39, 60, "chef de la diplomatie", True, periphrasis=True)
    >>> owner_before(text, role, GazetteerMatcher(get_gazetteer()))[1].canonical
    'Union européenne'
    """
    start = max(text.rfind("\n", 0, role.start) + 1, role.start - WINDOW)
    m = OWNER_BEFORE.search(text, start, role.start)
    if m is None:
        return None
    return matcher.match(LEADING_ARTICLE.sub("", m.group("owner")))


def phrase_country(state: LayerState, role: RolePhrase, matcher: GazetteerMatcher) -> str | None:
    """The government named in the same phrase as the role and its person: "Le gouvernement
    sénégalais, par la voix de son ministre …", "le Maroc, représenté par son ministre …",
    "…, au nom du gouvernement malien", "…, venu spécialement de Rabat"."""
    text = state.text
    start = max(text.rfind("\n", 0, role.start) + 1, role.start - WINDOW)
    country = _phrase_match(GOVERNMENT_BEFORE.search(text, start, role.start), matcher)
    if country:
        return country
    hit = owner_before(text, role, matcher)
    if hit and hit[0] in {"country", "city"} and hit[1].country:
        return hit[1].country  # "le Maroc, par la voix de son ministre …"
    person = role.person
    if person is None:
        return None
    for pos in (person.end, role.end):
        country = _phrase_match(GOVERNMENT_AFTER.match(text, pos), matcher)
        if country:
            return country
        m = COMING_FROM.match(text, pos)
        hit = matcher.match(m.group(1)) if m else None
        if hit and hit[1].country:
            return hit[1].country
    return None


def homologue_country(state: LayerState, role: RolePhrase, matcher: GazetteerMatcher) -> str | None:
    """ "son homologue espagnol, José Manuel Albares", "son homologue marocain, le ministre …",
    "José Manuel Albares, son homologue espagnol"."""
    person = role.person
    if person is None:
        return None
    text = state.text
    for pos in (person.start, role.start):
        m = HOMOLOGUE.search(text[max(0, pos - WINDOW // 2) : pos])
        if m and (country := demonym_country(m.group(1), matcher)):
            return country
    for pos in (person.end, role.end):
        m = HOMOLOGUE_AFTER.match(text, pos)
        if m and (country := demonym_country(m.group(1), matcher)):
            return country
    return None


def role_country(state: LayerState, role: RolePhrase, matcher: GazetteerMatcher) -> str | None:
    """The government's country that one role phrase and its context tell (title, phrase or
    homologue), or None.

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> state = LayerState("Le ministre de l’Intérieur du Sénégal a dit.")
    >>> role = RolePhrase(3, 37, "ministre de l’Intérieur du Sénégal", True)
    >>> role_country(state, role, GazetteerMatcher(get_gazetteer()))
    'SN'
    """
    return (
        title_country(role.text, matcher)
        or phrase_country(state, role, matcher)
        or homologue_country(state, role, matcher)
    )


def not_of(
    state: LayerState, matcher: GazetteerMatcher, name_of: Callable[[Candidate], str]
) -> dict[str, set[str]]:
    """Countries each person is *not* of, by name: "Le ministre …, Éric Lombard, a rencontré
    son homologue marocaine" — Lombard is not Moroccan. The counterpart's possessor is the
    first person named in the sentence before "son homologue", other than the counterpart
    itself ("X a reçu Y, son homologue espagnol": X is not Spanish, Y is)."""
    text = state.text
    persons = sorted((c for c in state.cands if c.label == "PER"), key=lambda c: c.start)
    starts = [c.start for c in persons]
    out: dict[str, set[str]] = {}
    for m in HOMOLOGUE_ANY.finditer(text):
        country = demonym_country(m.group(1), matcher)
        if country is None:
            continue
        start, _end = sentence_bounds(text, m.start())
        for c in persons[bisect_left(starts, start) :]:
            if c.end > m.start() or text[c.end : m.start()].strip(" \u00a0") == ",":
                break  # past the phrase, or the counterpart itself
            out.setdefault(name_of(c), set()).add(country)
            break
    return out


def office_keys(role: str) -> frozenset[str]:
    """The offices a role holds that a government gives to one person: the first portfolio of
    a minister, folded ("ministre des Affaires étrangères, de la Coopération …" →
    ``affaires etrangeres``); none for a delegate or a secretary of state, who share their
    minister's portfolio. Heads of government are left out: a federal and a federated one
    ("le premier ministre Justin Trudeau", "le premier ministre François Legault") are both
    unmarked in the press."""
    m = PORTFOLIO.search(role)
    if m is None or _JUNIOR.search(role):
        return frozenset()
    return frozenset({fold(m.group(1))})


def federated(role: str, matcher: GazetteerMatcher) -> bool:
    """Whether *role* is an office of a federated state's government: a region's adjective
    ("ministre québécois", "ministre-président wallon") or a city or region named in it
    ("ministre des Finances du Québec").

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> m = GazetteerMatcher(get_gazetteer())
    >>> federated("ministre des Finances du Québec", m), federated("ministre des Finances", m)
    (True, False)
    """
    words = words_of(role)
    for i, (_s, _e, w) in enumerate(words):
        if is_capitalised(w):
            hit = matcher.match_at(words, i)
            if hit and hit[1] == "city":
                return True
        elif (d := matcher.demonym(w)) is not None and d.status == "region" and d.parent:
            return True
    return False


def governments(
    state: LayerState,
    roles_by_name: Mapping[str, Sequence[RolePhrase]],
    role_by_name: Mapping[str, str],
    matcher: GazetteerMatcher,
    home: str | None,
    name_of: Callable[[Candidate], str],
    refs: Sequence[CountryReference] = (),
) -> dict[str, Evidence]:
    """Each minister's :data:`Evidence`, by name (see the module's docstring).

    Parameters
    ----------
    roles_by_name : mapping
        Every sitting role phrase of each minister, in text order (ministers in order of
        first mention).
    role_by_name : mapping
        The role as written chosen for each minister (its offices are checked against the
        home government's).
    home : str or None
        The article's home country.
    name_of : callable
        The full name of a person candidate.
    refs : sequence of CountryReference
        The text's country references (for :func:`~newsnlp.entities.local.sentence_country`).
    """
    named = {
        c.record.country
        for c in state.cands
        if c.kind in {"country", "city"} and c.record is not None and c.record.country
    }
    excluded = not_of(state, matcher, name_of)
    out: dict[str, Evidence] = {}
    for name, roles in roles_by_name.items():
        out[name] = _evidence(state, roles, matcher, named, excluded.get(name, ()))
    if home is not None:
        _home_government(state, roles_by_name, role_by_name, matcher, home, out, excluded)
    places: Places | None = None
    for name, (country, _source) in out.items():
        if country is None:
            places = places or Places(state, refs, other_party_spans(state))
            not_these = excluded.get(name, set()) | ({home} if home else set())
            local = sentence_country(state, roles_by_name[name], places, not_these)
            if local:
                out[name] = (local, "phrase")
    return out


def _home_government(
    state: LayerState,
    roles_by_name: Mapping[str, Sequence[RolePhrase]],
    role_by_name: Mapping[str, str],
    matcher: GazetteerMatcher,
    home: str,
    out: dict[str, Evidence],
    excluded: Mapping[str, set[str]],
) -> None:
    """Give the *home* country to each minister of *out* without one, unless the text says it
    is not of it (then the place its sentence is set in, if any)."""
    # offices of the home government; a federated one's ("la ministre des Finances du
    # Québec") are another government's
    keys_of = {
        name: frozenset() if federated(role, matcher) else office_keys(role)
        for name, role in role_by_name.items()
    }
    taken: set[str] = set()
    for name, (country, _source) in out.items():
        if country == home:
            taken |= keys_of[name]
    for name, (country, _source) in list(out.items()):
        if country is not None:
            continue
        keys = keys_of[name]
        if home in excluded.get(name, ()) or keys & taken:
            # not of the home government ("son homologue marocain", or its office is held by
            # another minister): the place the sentence is set in, if any
            scene = next(
                (c for r in roles_by_name[name] if (c := scene_country(state, r, matcher))),
                None,
            )
            if scene and scene != home:
                out[name] = (scene, "phrase")
            continue
        taken |= keys
        out[name] = (home, "home")


def _evidence(
    state: LayerState,
    roles: Sequence[RolePhrase],
    matcher: GazetteerMatcher,
    named: Collection[str] = (),
    excluded: Collection[str] = (),
) -> Evidence:
    """The strongest evidence of one minister's roles: every title first, then every phrase,
    then every homologue, then the party or the country its sentence starts with ("Côté
    israélien, …", "En Grande-Bretagne, …"), if the person is not known not to be of it."""
    for finder, source in (
        (lambda r: title_country(r.text, matcher, named), "role"),
        (lambda r: phrase_country(state, r, matcher), "phrase"),
        (lambda r: homologue_country(state, r, matcher), "homologue"),
        (lambda r: side_country(state, r, matcher), "phrase"),
        (lambda r: scene_country(state, r, matcher, kinds=("country",)), "phrase"),
    ):
        for r in roles:
            country = finder(r)
            if country and country not in excluded:
                return country, source
    return None, None
