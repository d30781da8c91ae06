"""Pass 1 of the entity layer: a mention holds the proper name only.

Punctuation around it, determiners and elided articles ("l’ONU"), honorifics ("M.", "le
roi"), lower-case titles and functions ("maréchal Serrano") and titles or generic heads
before a known name ("Haut-Commissaire des Nations unies", "le lac Léman") are stripped; an
article that belongs to the name stays ("La Haye", "Le Caire"). The French words are in
:mod:`newsnlp.lang.fr.press`.

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> from newsnlp.entities.matcher import GazetteerMatcher
>>> matcher = GazetteerMatcher(get_gazetteer())
>>> text = "Selon l’ONU, M. Dupont est à La Haye."
>>> [text[s:e] for s, e in (strip_span(text, 6, 11, "ORG", matcher),
...                         strip_span(text, 13, 22, "PER", matcher),
...                         strip_span(text, 29, 36, "LOC", matcher))]
['ONU', 'Dupont', 'La Haye']
"""

from __future__ import annotations

from dataclasses import replace

from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.state import LayerState, at_sentence_start
from newsnlp.lang.fr.institutions import (
    PARTICIPLE_COMPLEMENTS,
    PARTICIPLE_ENDINGS,
    PARTICIPLE_GENITIVES,
)
from newsnlp.lang.fr.press import (
    GENERIC_PLACE_HEADS,
    LEADING_DETERMINERS,
    LOWER_WORDS_BEFORE_NAME,
    NAME_START,
    OFFICIAL_TITLES,
    PERSON_ARTICLES,
    PERSON_NAME_WORDS,
    PERSON_PREFIXES,
    TITLE_AND_PREPOSITION,
)
from newsnlp.lang.fr.stop_words import STOP_WORDS
from newsnlp.lang.fr.tokens import (
    ELIDED_ARTICLE_AFTER_DE,
    LEADING_PUNCTUATION,
    NAME_BREAK,
    TRAILING_PUNCTUATION,
    TRAILING_SMALL_WORDS,
)

__all__ = ["normalise_spans", "pieces", "strip_span"]

#: Articles, left to the determiner rules (a name may keep its own: "La Haye").
ARTICLES = frozenset({"le", "la", "les", "l’", "l'"})
#: Words stripped from the start of a mention, at most this many times.
MAX_PREFIXES = 4


def normalise_spans(state: LayerState, matcher: GazetteerMatcher) -> None:
    """Cut every candidate where a name cannot go on (:func:`pieces`), strip each piece to its
    proper name (:func:`strip_span`); drop the empty ones."""
    kept = []
    text = state.text
    for c in state.cands:
        for s, e in pieces(text, c.start, c.end):
            span = strip_span(text, s, e, c.label, matcher)
            if span is not None:
                kept.append(replace(c, start=span[0], end=span[1]))
    state.cands = kept


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` between the places a name never crosses
    (:data:`~newsnlp.lang.fr.tokens.NAME_BREAK`: a line break, guillemets, a colon, a
    sentence end), each a candidate of its own.

    Examples
    --------
    >>> text = "Lions indomptables\\nLa crise. Football : le Minsep"
    >>> [text[s:e] for s, e in pieces(text, 0, len(text))]
    ['Lions indomptables', 'La crise', 'Football', 'le Minsep']
    """
    out = []
    s = start
    for m in NAME_BREAK.finditer(text, start, end):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, end))
    return [(a, b) for a, b in out if a < b]


def strip_span(
    text: str, start: int, end: int, label: str, matcher: GazetteerMatcher
) -> tuple[int, int] | None:
    """The proper name inside ``text[start:end]``: (start, end), or None if nothing is left
    (no letter, or a grammatical word alone).

    Parameters
    ----------
    text : str
        The whole text.
    start, end : int
        The mention's offsets.
    label : str
        ``"PER"`` mentions lose honorifics and articles but keep particles ("de Montchalin").
    matcher : GazetteerMatcher
        Known names keep their article ("La Haye") and lose a title before them.
    """
    s, e = _trim_punctuation(text, start, end)
    m = TRAILING_SMALL_WORDS.search(text, s, e)
    if m and m.start() > s:
        e = m.start()  # "Alliance des États du Sahel de la" → "… du Sahel"
    # "Armée de terre italienne basée (à)"; a person: "Édouard Philippe à Matignon"
    e = _drop_trailing_participle(text, s, e) if label != "PER" else _person_end(text, s, e)
    s = _skip_sentence_word(text, s, e)  # "En Suisse" → "Suisse"
    m = ELIDED_ARTICLE_AFTER_DE.match(text, s, e) if label == "PER" else None
    if m and m.end() < e:
        s = m.end()  # "de l’Arcom": not a person's particle
    for _ in range(MAX_PREFIXES):
        n = _prefix_length(text, s, e, label, matcher)
        if not n:
            break
        s += n
    if s >= e or not any(ch.isalpha() for ch in text[s:e]):
        return None  # "2012" of "en 2012.La police"
    if text[s:e].lower() in STOP_WORDS:
        return None  # "La", "Ces", "Après": a grammatical word alone
    return s, e


def _drop_trailing_participle(text: str, s: int, e: int) -> int:
    """End of a name without a last lower-case past participle that opens a phrase after the
    name ("l’Armée de terre italienne basée à Venise", "l’Agence chargée de …")."""
    head, _sep, last = text[s:e].rpartition(" ")
    if not head or not last.islower() or not last.endswith(PARTICIPLE_ENDINGS):
        return e
    after = text[e : e + 12].split(None, 1)
    if after and after[0] in PARTICIPLE_COMPLEMENTS - PARTICIPLE_GENITIVES:
        return s + len(head.rstrip())
    return e


def _person_end(text: str, s: int, e: int) -> int:
    """End of a person's name before a grammatical word of the sentence the model read into
    it ("reçu par Édouard Philippe à Matignon"); particles ("de la Fontaine", "dos Santos")
    and a name's lower-case words go on."""
    pos = s
    for i, word in enumerate(text[s:e].split(" ")):
        if i and word in STOP_WORDS and word not in PERSON_NAME_WORDS:
            return pos - 1  # the space before the word
        pos += len(word) + 1
    return e


def _skip_sentence_word(text: str, s: int, e: int) -> int:
    """Start of the name after a capitalised grammatical word that only starts the sentence
    ("En Suisse", "Selon Jean Dupont", "Plus de septante délégations"); articles are left to
    :func:`_prefix_length`, which knows the names that keep theirs ("La Haye")."""
    first, sep, rest = text[s:e].partition(" ")
    low = first.lower()
    if (
        not sep
        or not rest
        or low in ARTICLES
        or low not in STOP_WORDS
        or not first[:1].isupper()
        or not at_sentence_start(text, s)
    ):
        return s
    return s + len(first) + len(sep)


def _trim_punctuation(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and (text[e - 1].isspace() or text[e - 1] in TRAILING_PUNCTUATION):
        if (
            text[e - 1] == "."
            and e - s >= 2
            and text[e - 2].isupper()
            and (e - s == 2 or not text[e - 3].isalpha())
        ):
            break  # an initial keeps its full stop ("T.", "J.-P.")
        e -= 1
    while s < e and (text[s].isspace() or text[s] in LEADING_PUNCTUATION):
        s += 1
    return s, e


def _prefix_length(text: str, s: int, e: int, label: str, matcher: GazetteerMatcher) -> int:
    """Length of the words to strip from the start of ``text[s:e]`` (0: none)."""
    span = text[s:e]
    m = (PERSON_ARTICLES if label == "PER" else LEADING_DETERMINERS).match(span)
    if m and m.end() < len(span):
        # keep an article that belongs to the name: "La Haye", "Le Caire", and any
        # capitalised article inside a sentence ("organisé par Les Ombelles")
        if span[0].isupper() and (
            matcher.match(span) is not None or not at_sentence_start(text, s)
        ):
            return 0
        return m.end()
    m = PERSON_PREFIXES.match(span) if label == "PER" else None
    if m and m.end() < len(span):
        return m.end()
    if label in {"PER", "ORG", "LOC"}:
        # titles, functions and generic heads written before the name: "maréchal
        # Serrano", "vicechancelier comte Nesselrode", "groupe Akadêmia"
        m = LOWER_WORDS_BEFORE_NAME.match(span)
        if m and m.end() < len(span) and NAME_START.match(span, m.end()):
            return m.end()
    first = span.split(" ", 1)[0]
    if first in OFFICIAL_TITLES or first.lower() in GENERIC_PLACE_HEADS:
        rest = TITLE_AND_PREPOSITION.match(span)
        # "Haut-Commissaire des Nations unies" → "Nations unies", "gisement de
        # Sangomar" → "Sangomar"; but "Président de la République" stays whole
        if (
            rest
            and rest.end() < len(span)
            and (
                first.lower() in GENERIC_PLACE_HEADS
                or matcher.match(span[rest.end() :]) is not None
            )
        ):
            return rest.end()
    return 0
