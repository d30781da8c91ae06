"""Passes 3 and 6 of the entity layer: gazetteer names, merging, labels and overlaps.

* :func:`add_gazetteer_matches` — every gazetteer name in the text (longest first);
* :func:`merge` — new candidates replace the overlapping ones they beat (:func:`stronger`);
* :func:`classify` — the model's mentions get the gazetteer's type and label; implausible
  ones are dropped (:func:`plausible`: a capitalised common noun at the start of a sentence,
  "France-Maroc", a role word alone);
* :func:`resolve_overlaps` — one candidate per stretch of text.

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> from newsnlp.entities.matcher import GazetteerMatcher
>>> from newsnlp.entities.state import Candidate, LayerState
>>> state = LayerState("Selon les Nations unies, Bourita.", [Candidate(10, 17, "ORG", "spacy")])
>>> add_gazetteer_matches(state, GazetteerMatcher(get_gazetteer()))
>>> [(state.text[c.start:c.end], c.label, c.source, c.record.canonical) for c in state.cands]
[('Nations unies', 'ORG', 'gazetteer', 'Organisation des Nations unies')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.matcher import KIND_LABEL, GazetteerMatcher
from newsnlp.entities.overlaps import SpanIndex
from newsnlp.entities.state import (
    Candidate,
    LayerState,
    Word,
    at_sentence_start,
    is_capitalised,
    words_of,
)
from newsnlp.lang.fr.institutions import (
    CURRENCY_BEFORE,
    FACILITY_HEADS,
    INSTITUTION_HEADS,
    LAW_NAME,
    ORGANISATION_BEFORE,
    PEOPLE_ENDINGS,
    PLACE_BEFORE,
)
from newsnlp.lang.fr.press import NAME_PARTICLES, NOT_ENTITIES
from newsnlp.lang.fr.tokens import (
    COMPLEMENT_ARTICLE_BEFORE,
    ELIDED_ARTICLE_BEFORE,
    INLINE_SPACES,
    TRAILING_SMALL_WORDS,
)

__all__ = [
    "SOURCE_RANK",
    "add_gazetteer_matches",
    "classify",
    "merge",
    "plausible",
    "resolve_overlaps",
    "stronger",
]

_INITIAL = re.compile(r"[A-Z]\.")  # an initial: "T."

#: How much each rule is trusted when two candidates overlap and neither contains the other.
SOURCE_RANK = {"gazetteer": 4, "head": 3, "surname": 2, "acronym": 2, "title": 1, "spacy": 0}


def stronger(a: Candidate, b: Candidate) -> bool:
    """Whether candidate *a* should replace the overlapping candidate *b*: the one that
    contains the other ("Office des Nations unies" over "Nations unies"), else the more
    trusted source (:data:`SOURCE_RANK`)."""
    a_len, b_len = a.end - a.start, b.end - b.start
    if a.start <= b.start and a.end >= b.end and a_len > b_len:
        return True  # a contains b: the longer name wins ("Office des Nations unies")
    if b.start <= a.start and b.end >= a.end and b_len > a_len:
        return False
    return SOURCE_RANK[a.source] > SOURCE_RANK[b.source]


def merge(state: LayerState, new: list[Candidate]) -> None:
    """Add candidates; an overlapping candidate is replaced when the new one is longer or
    comes from a stronger source, and one that runs into the new one from the left keeps its
    part before it ("Alliance des États du Sahel de la" | "Communauté économique …"). Linear
    in the candidates (a :class:`SpanIndex` finds the overlapping ones)."""
    if not new:
        return
    index = SpanIndex(state.cands)
    for c in new:
        overlapping = index.overlapping(c.start, c.end)
        if any(stronger(o, c) for o in overlapping):
            continue
        for o in overlapping:
            index.remove(o)
            if o.start < c.start < o.end <= c.end:
                end = _end_before(state.text, o.start, c.start)
                if end > o.start:
                    index.add(replace(o, end=end))
        index.add(c)
    state.cands = index.in_order()


def _end_before(text: str, start: int, end: int) -> int:
    """End of the name in ``text[start:end]`` without the spaces and small words that lead to
    the next name ("… du Sahel de la ")."""
    while end > start and text[end - 1] in " \u00a0\u2019'":
        end -= 1
    m = TRAILING_SMALL_WORDS.search(text, start, end)
    return m.start() if m else end


def add_gazetteer_matches(state: LayerState, matcher: GazetteerMatcher) -> None:
    """Merge the longest gazetteer name at every capitalised word, left to right, and the
    names a hyphen joins (:func:`_hyphenated_names`)."""
    words = state.words
    i = 0
    found = []
    joined = set()  # "Maroc-CCG": the model's mention of the whole word gives way to its names
    while i < len(words):
        hit = matcher.match_at(words, i) if is_capitalised(words[i][2]) else None
        if hit is None:
            parts = _hyphenated_names(words[i], matcher)
            if parts:
                found.extend(parts)
                joined.add(words[i][:2])
            i += 1
            continue
        n, kind, record = hit
        s, e = words[i][0], words[i + n - 1][1]
        found.append(Candidate(s, e, KIND_LABEL[kind], "gazetteer", record=record, kind=kind))
        i += n
    if joined:
        state.cands = [c for c in state.cands if (c.start, c.end) not in joined]
    merge(state, found)


def _hyphenated_names(word: Word, matcher: GazetteerMatcher) -> list[Candidate]:
    """ "Maroc-CCG", "UE-Canada": the names a hyphen joins, when each part is a gazetteer name
    and one is an institution (a pair of countries, "France-Maroc", is left to
    :func:`plausible`; "Colombie-Britannique" is one place)."""
    start, _, text = word
    if "-" not in text or not is_capitalised(text):
        return []
    found, offset = [], start
    for part in text.split("-"):
        hit = matcher.match(part) if part else None
        if hit is None:
            return []
        kind, record = hit
        found.append(
            Candidate(
                offset, offset + len(part), KIND_LABEL[kind], "gazetteer", kind, record=record
            )
        )
        offset += len(part) + 1
    kinds = {c.kind for c in found}
    if len(found) < 2 or "institution" not in kinds or "demonym" in kinds:
        return []  # "Colombie-Britannique", "Paris-Dakar": one place, or a route
    return found


def classify(state: LayerState, matcher: GazetteerMatcher, lexicon: Lexicon) -> None:
    """Give the model's and the title rule's mentions their gazetteer type and label
    ("PARIS, 15 (Havas)" is the city; "Chambre de commerce du Canada" an institution name);
    drop the implausible ones."""
    text = state.text
    kept = []
    named: set[str] = set()  # words written with a capital inside a sentence, when needed
    for c in state.cands:
        if c.source == "spacy":
            _known_acronym_first(c, text, matcher)
            _not_a_person(c, text)
        span = text[c.start : c.end]
        if c.source in {"spacy", "title"}:
            hit = matcher.match(span)
            if hit is not None:
                c.kind, c.record = hit
                c.label = KIND_LABEL[c.kind]
            elif (
                span.isupper()
                and len(span) > 3
                and (hit := matcher.match(span.title())) is not None
                and hit[0] in {"city", "country"}
            ):
                c.kind, c.record, c.label = hit[0], hit[1], "LOC"  # "PARIS, 15 (Havas)"
            elif c.label != "PER" or c.source == "spacy":
                head = span.split(" ", 1)[0]
                if INSTITUTION_HEADS.get(head) == "institution" and " " in span:
                    c.label, c.kind = "ORG", "institution"  # "Chambre de commerce du Canada"
                elif c.label in {"ORG", "MISC"} and LAW_NAME.search(span):
                    c.label, c.kind = "MISC", None  # "Digital Services Act", "Code pénal"
                elif c.label in {"LOC", "MISC"} and ORGANISATION_BEFORE.search(
                    text, max(0, c.start - 40), c.start
                ):
                    c.label, c.kind = "ORG", "organization"  # "le quotidien Le Soleil"
                elif (
                    c.label == "PER"
                    and " " not in span  # "Aristide-Le-Dantec", "Tenon"; not "Sina Athar"
                    and PLACE_BEFORE.search(text, max(0, c.start - 15), c.start)
                ):
                    c.label, c.kind = "LOC", "location"  # "l’hôpital Aristide-Le-Dantec"
                elif c.label in {"LOC", "PER"} and _people(span, lexicon):
                    c.label, c.kind = "MISC", None  # "les Tchétchènes", "des Kurdes"
        if not plausible(c, span, text, matcher, lexicon):
            continue
        if (
            c.source == "spacy"
            and c.label == "PER"
            and _sentence_word(span, text, c.start, lexicon, state, named)
        ):
            continue
        kept.append(c)
    state.cands = kept


def _people(span: str, lexicon: Lexicon) -> bool:
    """Whether *span*, found by no gazetteer, names a people as a demonym does: one capitalised
    word with a people's ending (:data:`PEOPLE_ENDINGS`) whose lower-case form is an adjective
    ("Tchétchènes", "Franciliens", "Ottomans"; not "Caraïbes", "Valenciennes")."""
    return (
        " " not in span
        and "-" not in span
        and span.endswith(PEOPLE_ENDINGS)
        and is_capitalised(span)
        and not span.isupper()
        and lexicon.knows_adjective(span.lower())
    )


def _known_acronym_first(c: Candidate, text: str, matcher: GazetteerMatcher) -> None:
    """ "l’ONU pour la sécurité routière" (the envoy's title goes on): a known acronym followed
    by lower-case words is the acronym alone."""
    words = words_of(text, c.start, c.end)
    if (
        len(words) > 1
        and words[0][2].isupper()
        and len(words[0][2]) > 1
        and words[1][2][:1].islower()
        and matcher.match(words[0][2]) is not None
    ):
        c.end = words[0][1]


def _not_a_person(c: Candidate, text: str) -> None:
    """ "reprendre l’Artibonite": a name after an elided article is not a person's (persons
    take no article); it is a place."""
    if c.label == "PER" and ELIDED_ARTICLE_BEFORE.search(text, max(0, c.start - 3), c.start):
        c.label = "LOC"


def plausible(
    c: Candidate, span: str, text: str, matcher: GazetteerMatcher, lexicon: Lexicon
) -> bool:
    """Whether the mention *span* of candidate *c* can be a name (gazetteer, surname and
    institution-head candidates always are)."""
    if c.source in {"gazetteer", "surname", "head"}:
        return True
    first = span.split(" ", 1)[0]
    words = span.split()
    if not is_capitalised(first) and not first.isdigit():
        # "de Gaulle", but not "de la République" (an office's complement: common nouns)
        return (
            c.label == "PER"
            and first in NAME_PARTICLES
            and " " in span
            and not all(lexicon.is_common_noun(w) for w in words[1:] if is_capitalised(w))
        )
    if len(words) == 1:
        return _plausible_word(c, span, text, matcher, lexicon)
    # "États frontaliers", "Coopération africaine": a capitalised common noun followed by
    # lower-case words only
    if lexicon.is_common_noun(first) and not any(ch.isupper() for w in words[1:] for ch in w):
        head = first[:-1] if first.endswith("s") else first
        return (
            c.label == "MISC" or head in INSTITUTION_HEADS or first in FACILITY_HEADS
        )  # "Chambres fédérales"
    return True


def _plausible_word(
    c: Candidate, span: str, text: str, matcher: GazetteerMatcher, lexicon: Lexicon
) -> bool:
    if span in NOT_ENTITIES or len(span) == 1:
        return False
    if c.label == "PER" and _INITIAL.fullmatch(span):
        return True  # an initial standing for a person ("le jeune T.")
    if "-" in span and c.label == "LOC":
        parts = span.split("-")
        if len(parts) == 2 and all((matcher.match(p) or ("",))[0] == "country" for p in parts):
            return False  # "France-Maroc" names a pair, not a place
    if span.isupper() and CURRENCY_BEFORE.search(text, max(0, c.start - 8), c.start):
        return False  # "francs CFA": a currency
    if c.label == "PER" and not span.isupper():
        # a surname may be a common noun ("Boulanger"), but not a plural one, nor a heading's
        # label ("Délestages : la Jirama sous pression"), nor a noun's complement ("le
        # président de la République")
        if lexicon.is_common_noun(span) and COMPLEMENT_ARTICLE_BEFORE.search(
            text, max(0, c.start - 6), c.start
        ):
            return False
        return not (at_sentence_start(text, c.start) and _heading_noun(span, text, c.end, lexicon))
    if span.isupper() or not lexicon.is_common_noun(span):
        return True
    # a capitalised common noun is a name mid-sentence ("la Méditerranée"), a plain
    # word at the start of a sentence, heading or title ("Budget", "Dette : …")
    return not at_sentence_start(text, c.start)


def _heading_noun(word: str, text: str, end: int, lexicon: Lexicon) -> bool:
    """A common noun in the plural, or one a colon follows (a heading's label)."""
    low = word.lower()
    if word[-1] in "sx" and low not in lexicon.common_nouns and lexicon.is_common_noun(low):
        return True  # the plural of a common noun (not "ProjetX")
    return lexicon.is_common_noun(low) and text[end : end + 2].lstrip(INLINE_SPACES)[:1] == ":"


def _sentence_word(
    span: str, text: str, start: int, lexicon: Lexicon, state: LayerState, named: set[str]
) -> bool:
    """ "Autorisée fin septembre par …", "Émissaire personnel du président": one adjective or
    participle capitalised only because it starts the sentence, written nowhere in the text
    with a capital inside a sentence (*named*, filled on first use from the text's words)."""
    if " " in span or not lexicon.adjectives or not at_sentence_start(text, start):
        return False
    if not lexicon.is_adjective(span[0].lower() + span[1:]):
        return False
    if not named:
        named.update(
            w for s, _, w in state.words if is_capitalised(w) and not at_sentence_start(text, s)
        )
        named.add("")  # filled, even if empty
    return span not in named


def resolve_overlaps(state: LayerState) -> None:
    """Keep one candidate per stretch of text: in text order, a candidate overlapping the
    previous one replaces it only if it is strictly :func:`stronger`."""
    ordered = sorted(state.cands, key=lambda c: (c.start, -(c.end - c.start)))
    result: list[Candidate] = []
    for c in ordered:
        if result and c.start < result[-1].end:
            if stronger(c, result[-1]) and not stronger(result[-1], c):
                result[-1] = c
            continue
        result.append(c)
    state.cands = result
