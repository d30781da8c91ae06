"""Features of one line of a scraped page, as the cleaner (:mod:`newsnlp.text.clean`) reads them.

Each function looks at one normalised line and its structure: is it a body paragraph, a rubric
label, a breadcrumb, a teaser (a related article's title glued to its lede,
``"…de l’ONULa Retraite…|"``)? The French words and patterns they use are data in
:mod:`newsnlp.lang.fr.boilerplate`; the features the line scorer reads are in
:mod:`newsnlp.text.features`.

Examples
--------
>>> is_body("Le Premier ministre a réuni mardi les présidents des groupes du Sénat pour un accord.")
True
>>> split_teaser("Le Maroc réélu au Conseil exécutif de l’UnescoLe Maroc a été réélu mardi… |")
Teaser(title='Le Maroc réélu au Conseil exécutif de l’Unesco', lede='Le Maroc a été réélu mardi…')
>>> is_breadcrumb("Accueil › Économie › Finances publiques")
True
"""

from __future__ import annotations

import re

from newsnlp._deprecation import moved
from newsnlp.lang.fr import boilerplate as fr
from newsnlp.text.results import Teaser

__all__ = [
    "MAX_BOILERPLATE_CHARS",
    "is_body",
    "is_breadcrumb",
    "is_section_name",
    "is_sentence",
    "is_short_label",
    "looks_like_teaser",
    "split_teaser",
    "word_count",
]

#: A line longer than this is never scored as furniture (page furniture is short): it keeps the
#: line features off long paragraphs, which keeps cleaning fast.
MAX_BOILERPLATE_CHARS = 400

# Where a teaser's title is glued to its lede: "LisbonneLe ministre", "2,75%Le Conseil",
# "l’ONULa Retraite" (a lower-case letter, digit or closing punctuation, or an acronym,
# directly followed by a capitalised word).
_GLUE = re.compile(
    r"(?:(?<=[a-zà-öø-ÿœ0-9%»)\]\"”.!?])|(?<=[A-ZÀ-ÖØ-ÞŒ]{2}))"
    r"(?=[A-ZÀ-ÖØ-ÞŒ][a-zà-öø-ÿœ]+(?:[\s’,]|$)|[ÀA]\s|[LDC]’)"
)
_SENTENCE_END = frozenset('.!?…»"”):;')
_STRONG_END = frozenset(".!?…")
_DIGIT = re.compile(r"\d")
_WORD_SPLIT = re.compile(r"[\s’]+")
_LABEL_SPLIT = re.compile(r"[\s/>›»|•·,–-]+")
_CRUMB = re.compile(r"\s[>›»/|]\s")
_NON_SPACE = re.compile(r"\S+")
_FIRST_WORD = re.compile(r"[^\s’]*")


def word_count(line: str) -> int:
    """Whitespace-separated words of *line*."""
    return len(line.split())


def is_body(line: str, *, words: int | None = None) -> bool:
    """A body paragraph: a sentence-like line, long enough not to be a title or heading.

    *words*: the line's :func:`word_count`, when the caller has it already.
    """
    n = word_count(line) if words is None else words
    if n >= 25:
        return True
    # A title may end with a quotation ("… « de consolidation »"), a paragraph ends with a full stop.
    last = line[-1:]
    return n >= (10 if last in _STRONG_END else 16) and last in _SENTENCE_END


def is_sentence(line: str) -> bool:
    """Starts with a capital (after an opening quotation mark) and ends with a full stop.

    Examples
    --------
    >>> is_sentence("« Le Sénat a tranché. »"), is_sentence("Le Sénat a tranché."), is_sentence("Partager")
    (False, True, False)
    """
    return line.lstrip('«"“ ')[:1].isupper() and line[-1:] in _STRONG_END


def split_teaser(line: str) -> Teaser:
    """Split "TitleLede…|" into title and lede, at the most plausible glue point.

    Linear in the length of *line*: each glue point is looked at once, with the number of words
    before it read from the position of the second word, and the word after it matched in place.
    """
    text = line.rstrip(" \t|\u00a0\u202f")
    words = _NON_SPACE.finditer(text)
    next(words, None)
    second = next(words, None)  # a glue point after its start leaves >= 2 words on the left
    best = None
    if second is not None:
        for glue in _GLUE.finditer(text, second.start() + 1):
            pos = glue.start()
            first = _FIRST_WORD.match(text, pos)
            if first is not None and first.group().lower() in fr.LEDE_STARTERS:
                best = pos
                break
            if best is None:
                best = pos
    if best is None:
        return Teaser(title=text, lede=None)
    return Teaser(title=text[:best].rstrip(), lede=text[best:].strip())


def looks_like_teaser(line: str, *, in_related: bool) -> bool:
    """A teaser line: ends with an ellipsis and ``|``, or with an ellipsis inside a related block,
    or is a title glued to the start of a lede (never a long body paragraph ending with "…")."""
    end = line.rstrip(" \t\u00a0\u202f")
    pipe = end.endswith("|")
    if pipe:
        end = end[:-1].rstrip(" \t\u00a0\u202f")
    if not end.endswith(("…", "...")):
        return False
    if pipe or in_related:
        return True
    # A body paragraph may end with "…": only a glued title + lede start makes it a teaser.
    if word_count(line) > 80:
        return False
    teaser = split_teaser(line)
    if teaser.lede is None or word_count(teaser.title) < 3:
        return False
    first = _WORD_SPLIT.split(teaser.lede, maxsplit=1)[0].lower()
    return first in fr.LEDE_STARTERS


def is_section_name(line: str) -> bool:
    """A rubric name or a short list of them ("Politique", "Monde / Afrique")."""
    low = line.lower().strip(" :>|/•·-–")
    if low in fr.SECTION_NAMES:
        return True
    parts = [p for p in _LABEL_SPLIT.split(low) if p]
    return (
        bool(parts)
        and len(parts) <= 4
        and all(p in fr.SECTION_NAMES or p in {"et", "&"} for p in parts)
    )


def is_short_label(line: str) -> bool:
    """At most three words, no sentence end, no digit: a label rather than a title."""
    return word_count(line) <= 3 and line[-1:] not in _SENTENCE_END and not _DIGIT.search(line)


def is_breadcrumb(line: str) -> bool:
    """A navigation path: at least two ``>``, ``›``, ``»``, ``/`` or ``|`` between short parts
    ("Accueil › Économie › Finances publiques"), no sentence end."""
    if len(line) > 200 or line[-1:] in _SENTENCE_END:
        return False
    parts = _CRUMB.split(line)
    return len(parts) >= 3 and all(0 < word_count(p) <= 4 for p in parts)


# ``rule_reason`` (a line's reason from the phrase rules, which are gone) is now the one-line
# view of the classifier, for one release.
__getattr__ = moved(__name__, "newsnlp.text.classify", names={"rule_reason": "line_reason"})
