"""Passes 2 and 7 of the entity layer: ministers' role phrases.

* :func:`find_roles` — titles ("ministre", "Premier ministre", "cheffe du gouvernement",
  "secrétaire d’État", "chef du Département fédéral …") with the portfolio written after them,
  and periphrases ("le chef de la diplomatie française", "le grand argentier", "le locataire
  de Matignon"); a former office ("l’ancien ministre", "le Premier ministre de l’époque") is
  not sitting; titles that are not ministers ("ministre plénipotentiaire", "secrétaire d’État
  adjoint", "le Conseil des ministres") and supranational offices ("le chef de la diplomatie
  européenne", :func:`national`) are left out;
* :func:`drop_role_words` — titles and portfolio words are not entities (proper names inside
  them are: "Union européenne");
* :func:`attach_roles` — the person named right before or after each role phrase, honorifics
  and ranks between them skipped ("…, le prince Fayçal ben Farhane").

The government a role belongs to is read by :mod:`newsnlp.entities.government`. The French
grammar is in :mod:`newsnlp.lang.fr.roles` and :mod:`newsnlp.lang.fr.periphrases`.

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

from bisect import bisect_left, bisect_right
from typing import Any

from newsnlp._deprecation import moved
from newsnlp.entities.government import owner_before
from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.local import sentence_bounds
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.overlaps import SpanIndex
from newsnlp.entities.state import Candidate, LayerState, RolePhrase, is_capitalised, words_of
from newsnlp.lang.fr.page_words import FINITE_VERBS
from newsnlp.lang.fr.periphrases import (
    COLLEAGUE,
    PERIPHRASIS,
    PERIPHRASIS_WORDS,
    SEAT_CANONICAL,
    SEAT_PERIPHRASIS,
    SEAT_WORDS,
)
from newsnlp.lang.fr.roles import (
    APPOSITION_RELATIVE,
    APPOSITION_SEGMENT,
    ARTICLE_BEFORE_TITLE,
    DEPUTY_TITLE,
    DISMISSED,
    ELLIPTIC_TITLE,
    FORMER_AFTER,
    IMPERFECT,
    INTERIM,
    MINISTER_TITLE,
    NEW_PHRASE_AFTER_AND,
    NOT_A_TITLE_BEFORE,
    NOT_MINISTER_TITLES,
    NOT_SITTING,
    NOUNS_IN_AIT,
    PAST_PERIOD,
    PORTFOLIO_PURPOSE,
    REFLEXIVE_PRONOUNS,
    ROLE_CONTINUATION,
    ROLE_ENDS,
    ROLE_FUNCTION_WORDS,
    SEP_AFTER,
    SEP_BEFORE,
    TITLE_NEEDS_COUNTRY,
    TITLES_JOINED,
)
from newsnlp.lang.fr.tokens import TOKEN

__all__ = ["attach_roles", "drop_role_words", "find_roles", "read_role"]

#: A role phrase is read over at most this many characters and words after its title.
MAX_ROLE_CHARS = 400
MAX_ROLE_WORDS = 40
#: How far a gazetteer name inside a portfolio is looked for.
NAME_CHARS = 120
#: How far back the words that make a title former ("l’ancien") or a body's name are looked for.
CONTEXT_BEFORE = 25


def read_role(
    text: str, ts: int, te: int, stops: set[int], matcher: GazetteerMatcher | None = None
) -> int:
    """End of the role phrase that starts with the title ``text[ts:te]``.

    The portfolio goes on over lower-case words and function words, and over capitalised
    words after a function word ("des Affaires étrangères") — over the whole of a gazetteer
    name starting there, when *matcher* is given (:func:`name_end`: "de la Fédération
    Wallonie-Bruxelles"); a line break, a verb, a pronoun, "et" and an article, a name (an
    offset in *stops*) or a comma not followed by another portfolio part ends it.
    """
    end = te
    pos = te
    prev = "title"
    n = 0
    between = False
    inside = te  # the end of the gazetteer name being read
    for m in TOKEN.finditer(text, te, min(len(text), te + MAX_ROLE_CHARS)):
        if m.start() < inside:
            pos = m.end()
            continue
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
        low = word.lower()
        if low in {"pour", "par"} and _preposition_goes_on(low, prev, text, m.end()):
            # "chargé de l’Accord pour la paix et la réconciliation" ("et la" goes on too),
            # "ministre par intérim de la Santé"
            prev, pos, between = "prep", m.end(), between or low == "pour"
            continue
        if _ends_portfolio(word, low):
            break
        if low == "et" and not between and NEW_PHRASE_AFTER_AND.match(text, m.end()):
            break  # "… de l’Intérieur et le chef de la diplomatie"
        between = between or low == "entre"  # "l’Égalité entre les femmes et les hommes"
        if is_capitalised(word):
            # a capital starts a portfolio word only after a preposition, an article or "et"
            # ("des Affaires étrangères"); after an adjective it starts a name ("le Premier
            # ministre israélien Benjamin Netanyahu")
            if prev != "prep":
                break
            prev = "cap"
            inside = name_end(text, m.start(), matcher) or inside
        elif low in ROLE_FUNCTION_WORDS:
            prev = "prep"
        else:
            prev = "lower"
        pos = m.end()
        if prev in {"cap", "lower"}:
            end = max(m.end(), inside)
    return end


def _preposition_goes_on(low: str, prev: str, text: str, end: int) -> bool:
    """Whether "pour" or "par" (*low*, ending at *end*) goes on with the portfolio: "pour" and
    an article after a capitalised noun, "par intérim"."""
    if low == "pour":
        return prev == "cap" and PORTFOLIO_PURPOSE.match(text, end) is not None
    return INTERIM.match(text, end) is not None


def _ends_portfolio(word: str, low: str) -> bool:
    """Whether *word* ends a portfolio: punctuation, a year ("nommé ministre de l’Économie en
    2017"), a word of :data:`ROLE_ENDS` ("pour", "par", verbs, pronouns…) or a verb in the
    imperfect ("Le Premier ministre répondait au patron des députés")."""
    return (
        not word[0].isalnum()
        or word.isdigit()
        or word in ROLE_ENDS
        or low in ROLE_ENDS
        or (IMPERFECT.fullmatch(word) is not None and word not in NOUNS_IN_AIT)
    )


def name_end(text: str, start: int, matcher: GazetteerMatcher | None) -> int | None:
    """The end of the gazetteer name of several words starting at *start*, if there is one
    ("Fédération Wallonie-Bruxelles" in a portfolio).

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> text = "la ministre-présidente de la Fédération Wallonie-Bruxelles, X"
    >>> end = name_end(text, 29, GazetteerMatcher(get_gazetteer()))
    >>> text[29:end]
    'Fédération Wallonie-Bruxelles'
    """
    if matcher is None:
        return None
    words = words_of(text, start, min(len(text), start + NAME_CHARS))
    hit = matcher.match_at(words, 0) if words else None
    return words[hit[0] - 1][1] if hit and hit[0] > 1 else None


def _titles(text: str, matcher: GazetteerMatcher | None) -> list[tuple[int, int, bool, int, bool]]:
    """(start, end of the title, periphrasis?, end of a seat, minister?) of every title and
    periphrasis, in text order; a deputy's title (:data:`DEPUTY_TITLE`) is not a minister's;
    a seat periphrasis ("locataire de Matignon") needs the gazetteer."""
    deputies = {m.start(): m.end() for m in DEPUTY_TITLE.finditer(text)}
    found = [(s, e, False, 0, False) for s, e in deputies.items()]
    found.extend(
        (m.start(), m.end(), False, 0, True)
        for m in MINISTER_TITLE.finditer(text)
        if m.start() not in deputies  # "ministre adjoint"
    )
    if "cel" in text:  # "celle de la Recherche X" after a minister's title in its sentence
        titles = sorted(f[0] for f in found if f[4])
        for m in ELLIPTIC_TITLE.finditer(text):
            k = bisect_left(titles, m.start())
            if k and sentence_bounds(text, m.start())[0] <= titles[k - 1]:
                found.append((m.start(), m.end(), False, 0, True))
    if PERIPHRASIS_WORDS.search(text):
        found.extend((m.start(), m.end(), True, 0, True) for m in PERIPHRASIS.finditer(text))
    if "collègue" in text:
        found.extend(
            (m.start("title"), m.end("title"), True, 0, True)
            for m in COLLEAGUE.finditer(text)
            if matcher is None or matcher.match(m.group("portfolio")) is None
        )
    if matcher is not None and SEAT_WORDS.search(text):
        for m in SEAT_PERIPHRASIS.finditer(text):
            seat, end = m.group("seat"), m.end()
            hit = matcher.match(seat)
            if hit is None and " " in seat:  # "le patron du Pentagone Lloyd Austin"
                seat = seat.rsplit(" ", 1)[0]
                hit, end = matcher.match(seat), m.start("seat") + len(seat)
            if hit and hit[0] == "institution" and SEAT_CANONICAL.match(hit[1].canonical or ""):
                found.append((m.start(), end, True, end, True))
    found.sort()
    return found


def find_roles(
    state: LayerState, lexicon: Lexicon, matcher: GazetteerMatcher | None = None
) -> None:
    """Set ``state.roles``: every title or periphrasis and its portfolio, in text order.

    Without *matcher*, seat periphrases ("le locataire de Matignon") are not looked for and
    titles are not checked against the gazetteer (:func:`national`).
    """
    text = state.text
    # a name ends the role phrase; the model sometimes starts a person with a portfolio
    # word ("Finances Mohamed Berrada") or reads a portfolio as a person ("le ministre malien
    # de la Défense"): such a start is not a stop
    stops = {
        c.start
        for c in state.cands
        if c.label == "PER"
        and not lexicon.is_common_noun(_first_capitalised(text[c.start : c.end]))
    }
    roles: list[RolePhrase] = []
    for ts, te, periphrasis, seat_end, minister in _titles(text, matcher):
        if roles and ts < roles[-1].end:
            continue  # "délégué auprès de la ministre de …": inside the previous role
        before = text[max(0, ts - CONTEXT_BEFORE) : ts]
        if NOT_A_TITLE_BEFORE.search(before) or NOT_MINISTER_TITLES.match(text, ts):
            continue  # "le Conseil des ministres", "ministre plénipotentiaire"
        end = seat_end or read_role(text, ts, te, stops, matcher)
        sitting = (
            NOT_SITTING.search(before) is None
            and not FORMER_AFTER.search(text, ts, end)
            and not PAST_PERIOD.match(text, end)
            and not DISMISSED.match(text, end)
        )
        prev = roles[-1] if roles else None
        if (
            prev is not None
            and not periphrasis
            and not prev.periphrasis
            and TITLES_JOINED.fullmatch(text[prev.end : ts])
        ):
            prev.end, prev.text = end, text[prev.start : end]  # "ministre d’État, ministre de …"
            prev.minister = prev.minister or minister
            continue
        role = RolePhrase(
            ts, end, text[ts:end], sitting, periphrasis=periphrasis, minister=minister
        )
        if matcher is None or national(role, matcher, text):
            roles.append(role)
    state.roles = roles


def _first_capitalised(span: str) -> str:
    """The first capitalised word of *span*, or its first word ("de la Défense" → "Défense")."""
    words = span.split()
    return next((w for w in words if is_capitalised(w)), words[0] if words else "")


def national(role: RolePhrase, matcher: GazetteerMatcher, text: str = "") -> bool:
    """Whether *role* can be a national or federated government's office: a periphrasis with
    a supranational adjective or complement is not ("le chef de la diplomatie européenne",
    "… de l’UE"), nor the office of an international body named before it in *text* ("l’Union
    européenne, par la voix de son chef de la diplomatie"), nor a title that needs a country
    and names none ("président du Conseil national" — "président du Conseil italien" is).

    Examples
    --------
    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> m = GazetteerMatcher(get_gazetteer())
    >>> national(RolePhrase(0, 31, "chef de la diplomatie européenne", True, periphrasis=True), m)
    False
    >>> national(RolePhrase(0, 31, "président du Conseil italien", True), m)
    True
    """
    owner = owner_before(text, role, matcher)
    if owner and getattr(owner[1], "scope", None) == "international":
        return False  # "l’Union européenne, par la voix de son chef de la diplomatie"
    words = words_of(role.text)
    country = False
    for i, (_s, _e, w) in enumerate(words):
        if is_capitalised(w):
            hit = matcher.match_at(words, i)
            if hit and hit[1] == "country":
                country = True
            elif hit and role.periphrasis and getattr(hit[2], "scope", None) == "international":
                return False  # "chef de la diplomatie de l’Union européenne"
            continue
        d = matcher.demonym(w)
        if d is None:
            continue
        if d.status == "state" and d.country:
            country = True
        elif role.periphrasis and d.status == "region" and not d.parent:
            return False  # "chef de la diplomatie européenne"
    return country or not TITLE_NEEDS_COUNTRY.match(role.text)


def drop_role_words(state: LayerState, matcher: GazetteerMatcher) -> None:
    """Role titles and portfolio words are not entities; proper names inside them are, and so is
    a name the model read together with the role before it."""
    if not state.roles:
        return
    kept = []
    text = state.text
    roles = SpanIndex(state.roles)  # linear: no scan of every role per candidate
    for c in state.cands:
        role = roles.first_overlapping(c.start, c.end)
        if role is None:
            kept.append(c)
            continue
        span = text[c.start : c.end]
        if c.start >= role.start and c.end <= role.end and matcher.match(span) is not None:
            kept.append(c)  # "Union européenne", "Marocains" inside a portfolio
        elif c.start >= role.start and c.end > role.end:
            # "ministre de la Santé Tawfik al-Rabiah" read as one entity: the name after it
            rest = text[role.end : c.end]
            start = role.end + len(rest) - len(rest.lstrip(" ,"))
            end = next((i for i in range(start, c.end) if text[i] in ".!?;:"), c.end)
            if start < end and is_capitalised(text[start:end]):
                kept.append(Candidate(start, end, c.label, c.source))  # up to a full stop
    state.cands = kept


def attach_roles(state: LayerState) -> None:
    """Set each role's ``person``: the person named right after the role when an article or a
    possessive precedes the title ("le ministre de l’Intérieur, X"), else right before it
    ("X, ministre de l’Intérieur"), else the other one. Honorifics and ranks may stand
    between the role and the name after it ("…, le Commandant Ismaël Sombié")."""
    text = state.text
    persons = sorted((c for c in state.cands if c.label == "PER"), key=lambda c: c.start)
    starts = [c.start for c in persons]
    ends = sorted((c.end, i) for i, c in enumerate(persons))
    end_keys = [e for e, _ in ends]
    for r in state.roles:
        after = before = None
        k = bisect_left(starts, r.end)
        if k < len(persons) and SEP_AFTER.fullmatch(text[r.end : persons[k].start]):
            after = persons[k]
        k = bisect_right(end_keys, r.start) - 1
        if k >= 0:
            cand = persons[ends[k][1]]
            if SEP_BEFORE.fullmatch(text[cand.end : r.start]):
                before = cand
        article_before = ARTICLE_BEFORE_TITLE.search(
            text[max(0, r.start - 8) : r.start]
        ) or ELLIPTIC_TITLE.match(text, r.start)  # "celle de la Recherche X": as "la ministre"
        if article_before and before is not None and _opens_a_clause(text, r.end):
            before = None  # "…, le ministre des Affaires étrangères se serait exprimé"
        r.person = (after or before) if article_before else (before or after)
        if r.person is not None and r.person is after and DISMISSED.match(text, after.end):
            r.sitting = False  # "le ministre de la Santé, X, limogé mi-avril"


def _opens_a_clause(text: str, end: int) -> bool:
    """Whether the role phrase ending at *end* is the subject of a clause rather than an
    apposition: a finite verb or a reflexive pronoun follows it before any punctuation, and
    no relative pronoun opens what follows."""
    if APPOSITION_RELATIVE.match(text, end):
        return False
    segment = APPOSITION_SEGMENT.match(text, end).group().lower()
    words = TOKEN.findall(segment)
    return any(w in FINITE_VERBS or w in REFLEXIVE_PRONOUNS for w in words)


# role_country moved to newsnlp.entities.government (issue 12): the old path still works until
# the next release, with a DeprecationWarning.
_forward = moved(__name__, "newsnlp.entities.government")


def __getattr__(name: str) -> Any:
    if name != "role_country":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _forward(name)
