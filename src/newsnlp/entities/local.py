"""Part of pass 9 of the entity layer: what a minister's own sentence tells of its government.

Read by :func:`newsnlp.entities.government.governments` for a minister whose role phrases do
not name a country:

* :func:`scene_country` — the place the sentence is set in, at its start ("À Doha, enfin, le
  Premier ministre …", "En Grande-Bretagne, où …, le Premier ministre …");
* :func:`side_country` — the party the sentence speaks for ("Côté israélien, le Premier
  ministre …");
* :func:`sentence_country` — the one country the sentence names as a party, outside the words
  that are another party's ("le président américain", "son homologue marocain"), the places
  where something happens (:class:`Places`) and the countries the person is known not to be
  of: "le Premier ministre Elyes Fakhfakh a averti que la pandémie pourrait coûter sept
  points de croissance à la Tunisie". It is the last evidence, read only for a minister the
  home country is not given to;
* :func:`counterparts` — "…, son homologue russe, Sergueï Lavrov": a minister's counterpart
  is a minister;
* :func:`visited` — "s’est rendu à Kiev": a place a journey goes to (no evidence of the
  home country either).

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> from newsnlp.entities.matcher import GazetteerMatcher
>>> from newsnlp.entities.state import RolePhrase
>>> m = GazetteerMatcher(get_gazetteer())
>>> state = LayerState("Côté israélien, le Premier ministre a parlé.")
>>> side_country(state, RolePhrase(19, 35, "Premier ministre", True), m)
'IL'
>>> text = "Il pleut. Le ministre a dit. Fin."
>>> start, end = sentence_bounds(text, 14)
>>> text[start:end]
' Le ministre a dit'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Sequence
from itertools import accumulate

from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.state import Candidate, LayerState, RolePhrase
from newsnlp.entities.types import CountryReference
from newsnlp.lang.fr.government import (
    COUNTERPART_AFTER,
    COUNTERPART_BEFORE,
    HOMOLOGUE_ANY,
    PRONOUN_SUBJECT,
    SCENE,
    SIDE,
    VISIT,
)
from newsnlp.lang.fr.places import LOCATIVE_BEFORE
from newsnlp.lang.fr.roles import COORDINATION

__all__ = [
    "MAX_SENTENCE",
    "OTHER_ENDS",
    "Places",
    "coordinated",
    "counterparts",
    "scene_country",
    "sentence_bounds",
    "sentence_country",
    "side_country",
    "visited",
]

#: What ends a sentence: a full stop (not a number's) or one of these.
OTHER_ENDS = "!?;\n"
#: How far before a place its preposition is looked for.
LOOK_BEHIND = 8
#: The longest stretch read each way from a position for its sentence.
MAX_SENTENCE = 2000


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The start and end of the sentence *pos* is in (the end is its closing punctuation): a
    full stop before a digit is a number's ("43.575 morts"); at most :data:`MAX_SENTENCE`
    characters each way.

    Examples
    --------
    >>> text = "Il a dit. En Grande-Bretagne, 43.575 morts. Fin."
    >>> start, end = sentence_bounds(text, 20)
    >>> text[start:end]
    ' En Grande-Bretagne, 43.575 morts'
    """
    lo, hi = max(0, pos - MAX_SENTENCE), min(len(text), pos + MAX_SENTENCE)
    start = max(text.rfind(ch, lo, pos) for ch in OTHER_ENDS)
    dot = text.rfind(".", lo, pos)
    while dot > start and dot + 1 < len(text) and text[dot + 1].isdigit():
        dot = text.rfind(".", lo, dot)  # a number's
    start = max(start, dot) + 1 if max(start, dot) >= 0 else lo
    ends = [i for ch in OTHER_ENDS if (i := text.find(ch, pos, hi)) >= 0]
    dot = text.find(".", pos, hi)
    while dot >= 0 and dot + 1 < len(text) and text[dot + 1].isdigit():
        dot = text.find(".", dot + 1, hi)
    if dot >= 0:
        ends.append(dot)
    return start, min(ends, default=hi)


def _opening(state: LayerState, role: RolePhrase, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """*pattern* matched at the start of the role's sentence, before the role."""
    start, _end = sentence_bounds(state.text, role.start)
    m = pattern.match(state.text, start)
    return m if m is not None and m.end() <= role.start else None


def scene_country(
    state: LayerState, role: RolePhrase, matcher: GazetteerMatcher, kinds=("city", "country")
) -> str | None:
    """The place the role's sentence is set in, at its start: "À Doha, enfin, le Premier
    ministre …"; only a place of one of *kinds* (a city hosts foreign ministers more often
    than a country does)."""
    m = _opening(state, role, SCENE)
    hit = matcher.match(m.group("place")) if m else None
    return hit[1].country if hit and hit[0] in kinds else None


def side_country(state: LayerState, role: RolePhrase, matcher: GazetteerMatcher) -> str | None:
    """The party the role's sentence speaks for, at its start: "Côté israélien, le Premier
    ministre …"."""
    m = _opening(state, role, SIDE)
    d = matcher.demonym(m.group("adj")) if m else None
    return d.country if d is not None and d.status == "state" else None


def visited(text: str, pos: int) -> bool:
    """Whether the place at *pos* is one a journey goes to: after a locative preposition, in a
    sentence that tells of a journey before it ("s’est rendu à Kiev", "est attendu à
    Kinshasa"; not "a reçu à Rabat").

    Examples
    --------
    >>> text = "Il est attendu à Kinshasa. Il vit à Dakar."
    >>> visited(text, text.index("Kinshasa")), visited(text, text.index("Dakar"))
    (True, False)
    """
    if LOCATIVE_BEFORE.search(text, max(0, pos - LOOK_BEHIND), pos) is None:
        return False
    start, _end = sentence_bounds(text, pos)
    return VISIT.search(text, start, pos) is not None


class Places:
    """The countries a text names as parties, by position, sorted for range queries (linear in
    the text, however many ministers ask): its references and cities outside the spans that
    are another party's. A place after a locative preposition
    (:data:`~newsnlp.lang.fr.places.LOCATIVE_BEFORE`) is where something happens: a city
    never counts ("à Bruxelles" hosts foreign ministers), a country only in a sentence that
    tells of no visit before it ("selon le ministre …, au Royaume-Uni" but not "en visite au
    Maroc": :data:`~newsnlp.lang.fr.government.VISIT`).

    Examples
    --------
    >>> refs = [CountryReference(3, 8, "Maroc", "MA"), CountryReference(25, 32, "chinois", "CN")]
    >>> places = Places(LayerState("Le Maroc et le président chinois."), refs, [(25, 32)])
    >>> sorted(places.between(0, 40))
    ['MA']
    """

    def __init__(
        self,
        state: LayerState,
        refs: Sequence[CountryReference],
        skip: Sequence[tuple[int, int]],
    ) -> None:
        found = [(r.start, r.country, False) for r in refs]
        found.extend(
            (c.start, c.record.country, True)
            for c in state.cands
            if c.kind == "city" and c.record is not None and c.record.country
        )
        found.sort()
        spans = sorted(skip)
        starts = [a for a, _b in spans]
        reach = list(accumulate((b for _a, b in spans), max))  # furthest end so far
        self.text = state.text
        self.positions: list[int] = []
        self.countries: list[str] = []
        for pos, country, city in found:
            k = bisect_right(starts, pos) - 1
            if k >= 0 and reach[k] > pos:
                continue  # another party's
            if city and LOCATIVE_BEFORE.search(self.text, max(0, pos - LOOK_BEHIND), pos):
                continue  # "à Bruxelles"
            self.positions.append(pos)
            self.countries.append(country)

    def between(self, start: int, end: int) -> set[str]:
        """The countries named as parties from *start* to *end* (a sentence)."""
        lo, hi = bisect_left(self.positions, start), bisect_left(self.positions, end)
        return {
            country
            for pos, country in zip(self.positions[lo:hi], self.countries[lo:hi], strict=True)
            if not visited(self.text, pos)  # "en visite au Maroc"
        }


def sentence_country(
    state: LayerState,
    roles: Sequence[RolePhrase],
    places: Places,
    excluded: Collection[str] = (),
) -> str | None:
    """The one country named in the sentence of one of *roles* (the first such sentence);
    None when they name none or several, or only countries in *excluded* ("Le ministre …,
    Éric Lombard, a rencontré à Rabat son homologue marocaine. Selon l’ONU, le Maroc et les
    États-Unis …": his sentence names Morocco, his counterpart's; the next one is not read).

    Parameters
    ----------
    roles : sequence of RolePhrase
        The minister's role phrases, in text order.
    places : Places
        The countries the text names, outside the spans that are another party's
        (:func:`newsnlp.entities.countries.other_party_spans`).
    excluded : collection of str
        Countries the person is not of ("son homologue marocain").
    """
    text = state.text
    for r in roles:
        start, end = sentence_bounds(text, r.start)
        named = places.between(start, end) - set(excluded)
        if len(named) == 1:
            return next(iter(named))
    return None


def counterparts(
    state: LayerState,
    ministers: Collection[str],
    name_of: Callable[[Candidate], str],
    demonym_country: Callable[[str], str | None],
) -> dict[str, tuple[str, str]]:
    """Persons named as a minister's counterpart, by name: (role as written, country). "Hakan
    Fidan, chef de la diplomatie turque, et Sergueï Lavrov, son homologue russe", "la ministre …
    s’est entretenue avec son homologue marocain Nasser Bourita": the counterpart of a
    minister named before it in the sentence (one of *ministers*), or in the sentence before
    when "Son homologue …" opens its own, is a minister of the country of the adjective
    (*demonym_country*); a president's counterpart is not.

    Examples
    --------
    >>> from newsnlp.entities.state import Candidate
    >>> text = "Le ministre Karim Zidane a reçu son homologue espagnol, José Albares."
    >>> state = LayerState(text, [Candidate(12, 24, "PER", "spacy"), Candidate(56, 68, "PER", "spacy")])
    >>> name = lambda c: text[c.start : c.end]
    >>> counterparts(state, {"Karim Zidane"}, name, {"espagnol": "ES"}.get)
    {'José Albares': ('homologue espagnol', 'ES')}
    """
    text = state.text
    out: dict[str, tuple[str, str]] = {}
    if "homologue" not in text:
        return out
    persons = sorted((c for c in state.cands if c.label == "PER"), key=lambda c: c.start)
    starts = [c.start for c in persons]
    for m in HOMOLOGUE_ANY.finditer(text):
        country = demonym_country(m.group(1))
        if country is None:
            continue
        k = bisect_left(starts, m.end())
        if k < len(persons) and COUNTERPART_AFTER.fullmatch(text, m.end(), persons[k].start):
            person = persons[k]  # "son homologue russe, Sergueï Lavrov"
        elif k and COUNTERPART_BEFORE.fullmatch(text, persons[k - 1].end, m.start()):
            person = persons[k - 1]  # "Sergueï Lavrov, son homologue russe"
        else:
            continue
        start, end = sentence_bounds(text, m.start())
        if start and _possessor_before(state, persons, start, m.start()):
            # "Son homologue mauritanien, X, …", "Il rencontrera son homologue …": "son" is
            # the sentence before's
            start, _ = sentence_bounds(text, start - 1)
        if _ministers_counterpart(state, persons, person, ministers, name_of, (start, end), m):
            out.setdefault(name_of(person), (m.group(0).split(None, 1)[1], country))
    return out


def _possessor_before(state: LayerState, persons: list[Candidate], start: int, pos: int) -> bool:
    """Whether the sentence part ``[start, pos)`` before "son homologue" leaves its possessor
    to the sentence before: nothing, or a pronoun subject and no person nor role."""
    before = state.text[start:pos]
    if not before.strip():
        return True
    return (
        PRONOUN_SUBJECT.match(before) is not None
        and not any(start <= p.start < pos for p in persons)
        and not any(start <= r.start < pos for r in state.roles)
    )


def _ministers_counterpart(
    state: LayerState,
    persons: list[Candidate],
    person: Candidate,
    ministers: Collection[str],
    name_of: Callable[[Candidate], str],
    sentence: tuple[int, int],
    m: re.Match[str],
) -> bool:
    """Whether "son homologue" (*m*) is a minister's, *person* being the counterpart: a
    minister named in *sentence* before it, a sitting minister's role before it ("Le chef de
    la diplomatie française a reçu son homologue marocain …"), or an unnamed one after it
    ("Avec son homologue israélien X, le ministre allemand a …")."""
    start, end = sentence
    if any(
        p is not person and start <= p.start and p.end <= m.start() and name_of(p) in ministers
        for p in persons
    ):
        return True
    return any(
        r.sitting and r.minister and start <= r.start < end and r.person is not person
        and (r.end <= m.start() or (r.start >= person.end and r.person is None))
        for r in state.roles
    )  # fmt: skip


def coordinated(state: LayerState, person: Candidate) -> list[Candidate]:
    """The persons named in one list with *person* ("Jean-Michel Blanquer et Christophe
    Castaner", "X, Y et Z"), in text order, *person* left out.

    Examples
    --------
    >>> text = "Les ministres Bruno Le Maire et Gérald Darmanin ont parlé avec Jean Dupont."
    >>> state = LayerState(text, [Candidate(14, 28, "PER", "spacy"),
    ...                           Candidate(32, 47, "PER", "spacy"), Candidate(63, 74, "PER", "spacy")])
    >>> [text[c.start : c.end] for c in coordinated(state, state.cands[0])]
    ['Gérald Darmanin']
    """
    text = state.text
    persons = sorted((c for c in state.cands if c.label == "PER"), key=lambda c: c.start)
    i = next((k for k, c in enumerate(persons) if c is person), None)
    if i is None:
        return []
    out = []
    j = i
    while j > 0 and COORDINATION.fullmatch(text, persons[j - 1].end, persons[j].start):
        j -= 1
        out.insert(0, persons[j])
    j = i
    while j + 1 < len(persons) and COORDINATION.fullmatch(
        text, persons[j].end, persons[j + 1].start
    ):
        j += 1
        out.append(persons[j])
    return out
