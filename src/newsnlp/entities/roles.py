"""Passes 2 and 7 of the entity layer: ministers' role phrases.

* :func:`find_roles` — titles ("ministre", "Premier ministre", "secrétaire d’État") and the
  portfolio written after them ("des Affaires étrangères, de la Coopération africaine et des
  Marocains résidant à l’étranger"); a former office ("l’ancien ministre") is not sitting;
* :func:`drop_role_words` — titles and portfolio words are not entities (proper names inside
  them are: "Union européenne");
* :func:`attach_roles` — the person named right before or after each role phrase;
* :func:`role_country` — the government's country, when the title or its context tells it
  ("ministre britannique", "son homologue espagnol", "venu de Rabat").

The French grammar is in :mod:`newsnlp.lang.fr.roles`.

Examples
--------
>>> from newsnlp.entities.lexicon import Lexicon
>>> from newsnlp.entities.state import Candidate, LayerState
>>> state = LayerState("Nasser Bourita, ministre des Affaires étrangères, a reçu.",
...                    [Candidate(0, 14, "PER", "spacy")])
>>> find_roles(state, Lexicon())
>>> attach_roles(state)
>>> [(r.text, r.sitting, state.text[r.person.start:r.person.end]) for r in state.roles]
[('ministre des Affaires étrangères', True, 'Nasser Bourita')]
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.overlaps import SpanIndex
from newsnlp.entities.state import Candidate, LayerState, RolePhrase, is_capitalised, words_of
from newsnlp.lang.fr.roles import (
    ARTICLE_BEFORE_TITLE,
    COMING_FROM,
    HOMOLOGUE,
    MINISTER_TITLE,
    NOT_SITTING,
    ROLE_CONTINUATION,
    ROLE_FUNCTION_WORDS,
    ROLE_STOPWORDS,
    SEP_AFTER,
    SEP_BEFORE,
    SWISS_TITLE,
    TITLES_JOINED,
)
from newsnlp.lang.fr.tokens import TOKEN

__all__ = ["attach_roles", "drop_role_words", "find_roles", "read_role", "role_country"]

#: A role phrase is read over at most this many characters and words after its title.
MAX_ROLE_CHARS = 400
MAX_ROLE_WORDS = 40


def read_role(text: str, ts: int, te: int, stops: set[int]) -> int:
    """End of the role phrase that starts with the title ``text[ts:te]``.

    The portfolio goes on over lower-case words and function words, and over capitalised
    words after a function word ("des Affaires étrangères"); a line break, a verb, a name
    (an offset in *stops*) or a comma not followed by another portfolio part ends it.
    """
    end = te
    pos = te
    prev = "title"
    n = 0
    for m in TOKEN.finditer(text, te, min(len(text), te + MAX_ROLE_CHARS)):
        word = m.group()
        gap = text[pos : m.start()]
        if "\n" in gap or m.start() in stops:
            break
        n += 1
        if n > MAX_ROLE_WORDS:
            break
        if word == ",":
            after = text[m.end() : m.end() + 40].lstrip()
            if ROLE_CONTINUATION.match(after):
                prev, pos = "comma", m.end()
                continue
            break
        if not (word[0].isalnum()):
            break
        low = word.lower()
        if word in ROLE_STOPWORDS or low in ROLE_STOPWORDS:
            break
        if is_capitalised(word):
            # a capital starts a portfolio word only after a preposition, an article,
            # "et" or another portfolio word ("Affaires étrangères", "Éducation nationale")
            if prev not in {"prep", "lower"}:
                break
            prev = "cap"
        elif low in ROLE_FUNCTION_WORDS:
            prev = "prep"
        else:
            prev = "lower"
        pos = m.end()
        if prev in {"cap", "lower"}:
            end = m.end()
    return end


def find_roles(state: LayerState, lexicon: Lexicon) -> None:
    """Set ``state.roles``: every title and its portfolio, in text order."""
    text = state.text
    # a name ends the role phrase; the model sometimes starts a person with a portfolio
    # word ("Finances Mohamed Berrada"): such a start is not a stop
    stops = {
        c.start
        for c in state.cands
        if c.label == "PER" and not lexicon.is_common_noun(text[c.start : c.end].split(" ", 1)[0])
    }
    roles: list[RolePhrase] = []
    for m in MINISTER_TITLE.finditer(text):
        ts, te = m.span()
        if roles and ts < roles[-1].end:
            continue  # "délégué auprès de la ministre de …": inside the previous role
        end = read_role(text, ts, te, stops)
        sitting = NOT_SITTING.search(text[max(0, ts - 25) : ts]) is None
        if roles and TITLES_JOINED.fullmatch(text[roles[-1].end : ts]):
            prev = roles[-1]  # "vice-Premier ministre et ministre des Affaires étrangères"
            prev.end, prev.text = end, text[prev.start : end]
            continue
        roles.append(RolePhrase(ts, end, text[ts:end], sitting))
    state.roles = roles


def drop_role_words(state: LayerState, matcher: GazetteerMatcher) -> None:
    """Role titles and portfolio words are not entities; proper names inside them are."""
    if not state.roles:
        return
    kept = []
    roles = SpanIndex(state.roles)  # linear: no scan of every role per candidate
    for c in state.cands:
        role = roles.first_overlapping(c.start, c.end)
        if role is None:
            kept.append(c)
            continue
        span = state.text[c.start : c.end]
        if c.start >= role.start and c.end <= role.end and matcher.match(span) is not None:
            kept.append(c)  # "Union européenne", "Marocains" inside a portfolio
    state.cands = kept


def attach_roles(state: LayerState) -> None:
    """Set each role's ``person``: the person named right after the role when an article or a
    possessive precedes the title ("le ministre de l’Intérieur, X"), else right before it
    ("X, ministre de l’Intérieur"), else the other one."""
    text = state.text
    persons = sorted((c for c in state.cands if c.label == "PER"), key=lambda c: c.start)
    starts = [c.start for c in persons]
    for r in state.roles:
        after = _person_after(text, r, persons, bisect_left(starts, r.end))
        before = _person_before(text, r, persons, bisect_left(starts, r.start))
        article_before = ARTICLE_BEFORE_TITLE.search(text[max(0, r.start - 8) : r.start])
        r.person = (after or before) if article_before else (before or after)


def _person_after(text: str, r: RolePhrase, persons: list[Candidate], first: int) -> Any:
    """The first person of ``persons[first:]`` (sorted) that starts within 3 characters after
    the role, separated from it by :data:`SEP_AFTER` only."""
    for k in range(first, len(persons)):
        c = persons[k]
        if c.start > r.end + 3:
            return None
        if SEP_AFTER.fullmatch(text[r.end : c.start]):
            return c
    return None


def _person_before(text: str, r: RolePhrase, persons: list[Candidate], stop: int) -> Any:
    """The last person of ``persons[:stop]`` (sorted, not overlapping) that ends before the
    role and is separated from it by :data:`SEP_BEFORE` only. The search goes back from the
    role and stops at a person with a capital or a digit (every name has one): the separator,
    which has none, cannot reach past it. Linear over the roles of a text."""
    for k in range(stop - 1, -1, -1):
        c = persons[k]
        if c.end <= r.start and SEP_BEFORE.fullmatch(text[c.end : r.start]):
            return c
        if c.end <= r.start and any(ch.isupper() or ch.isdigit() for ch in text[c.start : c.end]):
            return None
    return None


def role_country(state: LayerState, role: RolePhrase, matcher: GazetteerMatcher) -> str | None:
    """The government's country of a role phrase, or None when the text does not tell.

    1. an adjective or a country in the title: "ministre britannique", "président du
       gouvernement espagnol", "ministre de l’Intérieur du Sénégal" (a demonym noun counts
       only when nothing else does); Swiss federal titles;
    2. "son homologue espagnol, José Manuel Albares";
    3. "…, Mohamed Mehdi Bensaid, venu spécialement de Rabat".
    """
    text = state.text
    nouns = None
    for _s, _e, w in words_of(role.text):
        if is_capitalised(w):
            hit = matcher.match(w)
            if hit and hit[0] == "country":
                return hit[1].country
            if hit and hit[0] == "demonym" and nouns is None:
                nouns = hit[1].country
            continue
        d = matcher.demonym(w)
        if d is not None and d.country:
            return d.country
    if SWISS_TITLE.search(role.text):
        return "CH"
    person = role.person
    if person is not None:
        m = HOMOLOGUE.search(text[max(0, person.start - 60) : person.start])
        if m:
            d = matcher.demonym(m.group(1))
            if d is not None and d.country:
                return d.country
        m = COMING_FROM.match(text, person.end)
        if m:
            hit = matcher.match(m.group(1))
            if hit:
                return hit[1].country
    return nouns
