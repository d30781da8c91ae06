"""Pass 4b of the entity layer: acronyms defined in the text.

"la Police nationale d’Haïti (PNH)": the press defines an acronym once, in brackets after the
full name, then uses it alone. The full name is found by the acronym's letters, read back from
the bracket (after Schwartz & Hearst, *A simple algorithm for identifying abbreviation
definitions in biomedical text*, 2003): each letter, or run of up to four letters, starts a
word of the name in order ("Fé-dération ca-merounaise de foot-ball" → Fecafoot); small words
("de", "des", "l’") may give a letter or not, and at most two content words none ("Autorité
de régulation de la communication audiovisuelle et numérique" → Arcom). Then

* the full name is one mention (an institution head or the model gives its label; "Bureau
  intégré des Nations unies en Haïti" replaces the pieces the model found);
* the acronym in brackets, and every use of it in the text, are mentions with the same label,
  kind and canonical name (the full name; "ministère des Sports et de l’Éducation physique
  (Minsep)" gives the acronym "Ministère des Sports et de l’Éducation physique"), whatever
  the model or the gazetteer said of them alone: the text's definition wins.

Examples
--------
>>> from newsnlp.entities.state import LayerState
>>> text = "La Police nationale d’Haïti (PNH) patrouille. Selon la PNH, tout va bien."
>>> state = LayerState(text)
>>> add_defined_acronyms(state)
>>> [(text[c.start:c.end], c.label, c.kind) for c in state.cands]
[('Police nationale d’Haïti', 'ORG', 'institution'), ('PNH', 'ORG', 'institution'), ('PNH', 'ORG', 'institution')]
>>> state.cands[-1].record.canonical
'Police nationale d’Haïti'
>>> long_form_start(["Force", "intérimaire", "des", "Nations", "unies", "au", "Liban"], "Finul")
0
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsnlp.entities.gazetteer.records import Institution
from newsnlp.entities.matcher import KIND_LABEL, GazetteerMatcher
from newsnlp.entities.overlaps import SpanIndex
from newsnlp.entities.state import Candidate, LayerState, Word
from newsnlp.lang.fr.institutions import (
    ACRONYM_FORM,
    EVENT_HEADS,
    FACILITY_HEADS,
    INSTITUTION_HEADS,
    INTERNATIONAL,
    LAW_NAME,
    NAME_WORDS_BEFORE_ACRONYM,
    NOT_STATE_BODY,
    SMALL_NAME_WORDS,
)
from newsnlp.lang.fr.tokens import TRAILING_SMALL_WORDS
from newsnlp.text.fold import strip_accents

__all__ = ["Definition", "add_defined_acronyms", "definitions", "long_form_start"]

#: Letters one word of the full name may give to the acronym ("Fecafoot": "foot").
MAX_LETTERS_PER_WORD = 4
#: Content words of the full name that may give no letter ("Arcom").
MAX_SKIPPED_WORDS = 2


@dataclass(frozen=True, slots=True)
class Definition:
    """An acronym defined in the text: where its full name is and what it names.

    Attributes
    ----------
    acronym : str
        As written in the brackets.
    start, end : int
        The full name's offsets.
    capitalised : bool
        Whether the full name is written as a proper name (a capital on its first word):
        then it is a mention itself; "ministère des Sports (Minsep)" only names the acronym.
    """

    acronym: str
    start: int
    end: int
    capitalised: bool


def long_form_start(words: list[str], acronym: str) -> int | None:
    """Index of the first word of the full name of *acronym* among *words* (the words right
    before the bracket, the name ending with the last one; commas may be among them), or
    None: the shortest name, or a longer one that starts with a capital where the shortest
    does not ("Mission multidimensionnelle intégrée …" for MINUSMA), unless a comma comes
    between them ("Didier Houssin, directeur général de la Santé (DGS)": no name).

    Examples
    --------
    >>> long_form_start(["selon", "l’", "Office", "fédéral", "des", "routes"], "OFROU")
    2
    >>> long_form_start(["a", "déclaré", "Éric", "Coquerel"], "LFI") is None
    True
    >>> long_form_start(["Didier", "Houssin", ",", "directeur", "général", "de", "la", "Santé"], "DGS")
    3
    """
    letters = "".join(ch for ch in strip_accents(acronym) if ch.isalnum())
    parts = tuple(_parts(w) for w in words)
    shortest = None
    for start in range(len(words) - 1, -1, -1):
        first = parts[start]
        if not first or first[0][1] or not first[0][0].startswith(letters[0]):
            continue
        if not _cover(letters, sum(parts[start:], ())):
            continue
        if shortest is None:
            shortest = start
        if words[start][0].isupper() and "," not in words[start:shortest]:
            return start  # the shortest name written as a name
    return shortest


def _parts(word: str) -> tuple[tuple[str, bool], ...]:
    """(folded part, is a small word) of a word; hyphens separate parts ("Haut-Commissariat");
    punctuation has none."""
    folded = strip_accents(word)
    small = folded in SMALL_NAME_WORDS
    return tuple((p, small) for p in re.split(r"[-’']", folded) if p and p[0].isalnum())


def _cover(letters: str, parts: tuple[tuple[str, bool], ...]) -> bool:
    """Whether *letters* are prefixes of the *parts* in order (the first part used), every
    part used or skipped (small ones freely, at most :data:`MAX_SKIPPED_WORDS` others)."""

    @cache
    def go(li: int, pi: int, skips: int) -> bool:
        if pi == len(parts):
            return li == len(letters)
        part, small = parts[pi]
        if pi and (small or skips) and go(li, pi + 1, skips - (not small)):
            return True
        for n in range(1, min(MAX_LETTERS_PER_WORD, len(part)) + 1):
            if letters.startswith(part[:n], li) and go(li + n, pi + 1, skips):
                return True
        return False

    return go(0, 0, MAX_SKIPPED_WORDS)


def definitions(state: LayerState) -> list[Definition]:
    """Every "full name (ACRONYM)" of the text whose letters agree."""
    text, words = state.text, state.words
    found = []
    for i in range(1, len(words) - 2):
        if words[i][2] != "(" or words[i + 2][2] != ")":
            continue
        acronym = words[i + 1][2]
        if not ACRONYM_FORM.fullmatch(acronym):
            continue
        before = _words_before(text, words, i, len(acronym) + 8)
        k = long_form_start([w for _, _, w in before], acronym)
        if k is None or sum(w[2][0].isalnum() for w in before[k:]) < 2:
            continue
        first = before[k][2]
        capitalised = first[0].isupper()
        if not capitalised and first.capitalize() not in INSTITUTION_HEADS:
            continue  # "selon l’agence de presse (AP)": not a name
        found.append(Definition(acronym, before[k][0], before[-1][1], capitalised))
    return found


def _words_before(text: str, words: list[Word], i: int, limit: int) -> list[Word]:
    """Up to *limit* words before word *i* on its line and in its clause, commas included
    ("Département fédéral de l’environnement, des transports, …")."""
    out: list[Word] = []
    j = i - 1
    while j >= 0 and len(out) < limit:
        w = words[j]
        if "\n" in text[w[1] : words[j + 1][0]]:
            break
        if not (w[2][0].isalnum() or w[2] in NAME_WORDS_BEFORE_ACRONYM or w[2] == ","):
            break
        out.append(w)
        j -= 1
    out.reverse()
    while out and not out[0][2][0].isalnum():
        out.pop(0)
    return out


def add_defined_acronyms(state: LayerState, matcher: GazetteerMatcher | None = None) -> None:
    """Add the full names and every use of the acronyms defined in the text (see the module
    notes). Linear in the text: the words are read once."""
    index = SpanIndex(state.cands)
    meaning: dict[str, tuple[str, str | None, object]] = {}
    for d in definitions(state):
        if d.acronym not in meaning:
            meaning[d.acronym] = _meaning(state, index, d, matcher)
    if not meaning:
        return
    for s, e, w in state.words:
        found = meaning.get(w)
        if found is not None:
            label, kind, record = found
            _put(state, index, Candidate(s, e, label, "acronym", kind, record=record))
    state.cands = index.in_order()


def _meaning(
    state: LayerState, index: SpanIndex, d: Definition, matcher: GazetteerMatcher | None
) -> tuple:
    """(label, kind, record) that the uses of the acronym take: the full name's, with the
    gazetteer's reading of the full name when it has one; a capitalised full name becomes one
    mention on the way."""
    full = state.text[d.start : d.end]
    label, kind, record = "ORG", "institution", None
    name = _full_name(state, index, d, matcher) if d.capitalised else None
    if name is not None:
        label, kind, record = name.label, name.kind, name.record
    if LAW_NAME.search(full):
        label, kind, record = "MISC", None, None  # "Digital Services Act (DSA)"
        if name is not None and name.record is None:
            name.label, name.kind = label, kind
    hit = matcher.match(full) if matcher is not None else None
    if hit is not None and KIND_LABEL[hit[0]] == label:
        kind, record = hit
        if name is not None and (name.start, name.end) == (d.start, d.end):
            name.kind, name.record = hit
    if record is None and label == "ORG":
        full = full[0].upper() + full[1:]  # "ministère …" → "Ministère …"
        body = kind if kind in {"institution", "organization"} else "organization"
        if NOT_STATE_BODY.search(full):
            body = kind = "organization"  # "Comité national olympique … (CNOSC)"
            if name is not None and name.record is None:
                name.kind = kind
        scope = "international" if INTERNATIONAL.search(full) else "national"
        record = Institution(full, body, None, scope)
    return label, kind, record


def _full_name(
    state: LayerState, index: SpanIndex, d: Definition, matcher: GazetteerMatcher | None
) -> Candidate:
    """The mention of a capitalised full name: the candidates inside it give way, unless one
    starts before it and cannot be cut there (the model's longer name is kept)."""
    inside = index.overlapping(d.start, d.end)
    before = next((c for c in inside if c.start < d.start), None)
    if before is not None and not _cut_before(state, index, before, d.start, matcher):
        return before
    inside = index.overlapping(d.start, d.end)
    exact = next((c for c in inside if (c.start, c.end) == (d.start, d.end)), None)
    if exact is None:
        head = state.text[d.start : d.end].split(" ", 1)[0]
        label, kind = _label_of(head, inside, d.start)
        exact = Candidate(d.start, d.end, label, "acronym", kind)
        for c in inside:
            index.remove(c)
        index.add(exact)
    return exact


def _cut_before(
    state: LayerState,
    index: SpanIndex,
    c: Candidate,
    start: int,
    matcher: GazetteerMatcher | None,
) -> bool:
    """End candidate *c*, which runs into a full name that starts at *start*, before it
    ("Alliance des États du Sahel de la" | "Communauté économique … (CEDEAO)"), and read it
    again in the gazetteer; False when *c* is a gazetteer name or goes on past the full
    name's first word."""
    if c.source not in {"spacy", "head"} or c.end <= start:
        return False
    words = state.text[start : c.end].split()
    if c.end - start > len(words[0]) and c.source == "spacy":
        return False  # the model's name covers the full name: it knows better than a guess
    end = start
    while end > c.start and state.text[end - 1].isspace():
        end -= 1
    m = TRAILING_SMALL_WORDS.search(state.text, c.start, end)
    end = m.start() if m else end
    index.remove(c)
    if end > c.start:
        c.end = end
        hit = matcher.match(state.text[c.start : end]) if matcher is not None else None
        if hit is not None:
            c.kind, c.record = hit
            c.label = KIND_LABEL[c.kind]
        index.add(c)
    return True


def _label_of(head: str, inside: list[Candidate], start: int) -> tuple[str, str | None]:
    """Label and kind of a full name: its head's, else the model's mention that starts it."""
    if head in INSTITUTION_HEADS:
        return "ORG", INSTITUTION_HEADS[head]
    if head in FACILITY_HEADS:
        return "LOC", "location"
    if head in EVENT_HEADS:
        return "MISC", None
    first = next((c for c in inside if c.start == start), None)
    if first is not None and first.label in {"ORG", "MISC"}:
        return first.label, first.kind
    return "ORG", "organization"


def _put(state: LayerState, index: SpanIndex, c: Candidate) -> None:
    """Add an acronym mention in place of the mentions of its span (or of small words and
    it: "de l’Arcom"); not inside a longer name ("CEE-ONU", the "ONU" of a full name)."""
    inside = index.overlapping(c.start, c.end)
    text = state.text
    for o in inside:
        outside = text[o.start : c.start].split() + text[c.end : o.end].split()
        if any(strip_accents(w).rstrip("’'") not in SMALL_NAME_WORDS for w in outside):
            return
    for o in inside:
        index.remove(o)
    index.add(c)
