"""Features of one line of a scraped page, from which the line scorer decides if it is furniture.

:func:`line_features` describes a normalised line by numbers in ``[0, 1]``, named in
:data:`LINE_FEATURES`: its length, whether it is a sentence (a full stop, a finite verb), its
shape (all capitals, a list, an icon first, a label and a colon), what it speaks of (how much of
it is page vocabulary, a date, a reading duration, a photo credit, a byline) and whom (a call to
action, the reader addressed). :data:`POSITION_FEATURES` say where it stands relative to the
article's body paragraphs, :data:`CONTEXT_FEATURES` what its neighbours were scored and whether
the page repeats it. The weights that turn these features into a decision are fitted on
annotated pages (:mod:`newsnlp.text.linemodel`); the French words they use are data in
:mod:`newsnlp.lang.fr.page_words`.

Every feature reads the line once (linear in its length); lines longer than
:data:`newsnlp.text.lines.MAX_BOILERPLATE_CHARS` are never scored.

Examples
--------
>>> feats = dict(zip(LINE_FEATURES, line_features("⏱ Lecture : 4 min")))
>>> feats["icon"], feats["duration"], feats["finite_verb"]
(1.0, 1.0, 0.0)
>>> dict(zip(LINE_FEATURES, line_features("Publié le 18/11/2025 à 16:45")))["published"]
1.0
"""

from __future__ import annotations

import re
import unicodedata

from newsnlp.lang.fr import page_words as fr
from newsnlp.lang.fr.boilerplate import DATE_TIME, DATE_WORDS

__all__ = [
    "CONTEXT_FEATURES",
    "FEATURE_REASONS",
    "LINE_FEATURES",
    "POSITION_FEATURES",
    "REASON_FEATURES",
    "line_features",
    "page_word_reason",
    "tokens",
]

#: Features of the line on its own, in the order :func:`line_features` returns them.
LINE_FEATURES: tuple[str, ...] = (
    "words_1_2",  # length in words, one-hot by range (longer lines: all zero)
    "words_3_5",
    "words_6_10",
    "words_11_20",
    "full_stop",  # ends with . ! ? or …
    "finite_verb",  # a conjugated verb: an auxiliary, a common verb, a verb after a pronoun
    "capitalised",  # share of its words (after the first) that start with a capital
    "all_caps",  # written in capitals only ("PUBLICITÉ", "SPORTS")
    "list_shape",  # items separated by | , • › / without a verb ("Facebook | X | LinkedIn")
    "label_colon",  # a short label then a colon ("Mots-clés :", "Partager :")
    "icon",  # starts with a symbol or an emoji ("⏱", "©", "►")
    "page_words",  # share of its words that are page vocabulary (share, comment, subscribe…)
    "cta_start",  # starts with a page action in the infinitive ("Lire plus tard", "À voir")
    "imperative",  # a second-person imperative ("Abonnez-vous", "Recevez", "Signalez-la")
    "reader",  # addresses the reader ("vous", "votre", "vos") outside quotation marks
    "self_reference",  # the page speaks of itself ("cet article", "ce site", "notre newsletter")
    "date_share",  # share of its characters that are dates and times
    "mostly_date",  # dates and times are most of it ("Le 19/05/2025 à 10h41")
    "published",  # a short line, mostly dates, a publishing verb before them ("Publié le …")
    "duration",  # a short line with a duration ("Lecture : 4 min", "3 minutes de lecture")
    "byline",  # "Par" followed by names
    "copyright_sign",  # "©", "(c)"
    "credit_tail",  # ends with a photo credit ("… (Photo : DR)", "… . KEYSTONE", "… © Archives")
    "agency",  # names a press or photo agency (AFP, Reuters, MAP, Keystone…), without a verb
    "count",  # ends with a count in parentheses ("Commentaires (4)")
)
#: Where the line stands: before the first body paragraph, after the last one.
POSITION_FEATURES: tuple[str, ...] = ("after_body",)
#: What the page says around the line: both neighbours scored as furniture (the lower of their
#: two probabilities, before context), the same line elsewhere on the page.
CONTEXT_FEATURES: tuple[str, ...] = ("neighbours", "repeated")

#: The reason a removed line is reported with when a feature decided it; the features not named
#: here are generic (length, shape, position) and never give the reason on their own.
FEATURE_REASONS: dict[str, str] = {
    "date_share": "date",
    "published": "date",
    "duration": "reading-time",
    "byline": "byline",
    "copyright_sign": "copyright",
    "credit_tail": "caption",
    "agency": "credit",
    "count": "comment",
    "imperative": "call-to-action",
    "cta_start": "call-to-action",
    "reader": "call-to-action",
    "self_reference": "call-to-action",
    "mostly_date": "date",
}
#: The features that name a reason: those of :data:`FEATURE_REASONS` and the page words (whose
#: class names it, :func:`page_word_reason`).
REASON_FEATURES: frozenset[str] = frozenset((*FEATURE_REASONS, "page_words"))

# A word: letters, hyphenated compounds kept whole ("mots-clés", "abonnez-vous", "e-mail");
# an elided article is a word of its own ("d’articles" -> "d", "articles").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_STRONG_END = frozenset(".!?…")
_COLON = re.compile(r"^\S+(?:\s\S+)?\s?:")
# "4 min", "3 minutes", "5 mn", and the prime of "Temps de lecture : 3’"
_DURATION = re.compile(r"\d+\s?(?:(?:min(?:ute)?s?|mn)\b|['’′](?!\w))", re.IGNORECASE)
_COUNT = re.compile(r"\(\d+\)$")
_DIGIT = re.compile(r"\d")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
# The credit after a caption's last sentence: "(Photo : DR)", "(© DR)", ". KEYSTONE",
# ". Photo AFP", ". © Archives" — at most six words after the last full stop or parenthesis.
_TAIL_MARKS = (". ", "! ", "? ", "… ", "» ", "(")
_NO_TAIL_MARK = frozenset(".!?…»()")
_PHOTO = frozenset({"photo", "photos", "crédit", "crédits"})
_METADATA_WORDS = 16  # a publication stamp is at most this long
_STAMP_SHARE = 0.2  # and its dates are at least this share of it
_DURATION_WORDS = 8  # a reading-time line is at most this long
_FINITE_ENDINGS = ("ait", "aient", "èrent", "eront", "erait")
_ICONS = frozenset({"So", "Sk", "Sm", "Co", "Cn"})
_CLITICS = ("-vous", "-nous", "-la", "-le", "-les", "-moi", "-toi", "-en", "-y", "-lui", "-leur")
_CLITIC = re.compile(rf"(?:{'|'.join(_CLITICS)})+$")
_FOREIGN_ACCENTS = frozenset("áíóúñ")
_ONE = 1.0


def tokens(line: str) -> list[str]:
    """The words of *line*, as the features read them (original case)."""
    return _WORD.findall(line)


def _is_imperative(word: str, first: bool) -> bool:
    """A second-person plural imperative: "-ez" at the start of the line, or "-ez-vous"."""
    verb = _CLITIC.sub("", word) if "-" in word else word
    if not verb.endswith("ez") or len(verb) < 4 or verb in fr.NOT_IMPERATIVE:
        return False
    if not _FOREIGN_ACCENTS.isdisjoint(verb):  # Sánchez, López: names, not verbs
        return False
    return first or verb != word


def _scan(words: list[str], lower: list[str]) -> list:
    """One pass over the words: [finite verb, page words, imperative, reader, self reference,
    characters of dating words, capitalised words after the first, an agency named]."""
    finite = imperative = reader = itself = agency = after_clitic = False
    page = dating = capitals = 0
    previous = ""
    for i, word in enumerate(lower):
        if not finite:
            finite = (
                (after_clitic and word not in fr.SUBJECT_CLITICS)
                or word in fr.FINITE_VERBS
                or (len(word) > 4 and word.endswith(_FINITE_ENDINGS))
            )
            after_clitic = word in fr.SUBJECT_CLITICS
        clitic = "-" in word and word.endswith(_CLITICS)
        if word in fr.PAGE_WORDS or (clitic and _CLITIC.sub("", word) in fr.PAGE_WORDS):
            page += 1
        if (clitic or word.endswith("ez")) and not imperative:
            imperative = _is_imperative(word, i == 0)
        if word in fr.READER_WORDS:
            reader = True
        elif word in fr.PAGE_NOUNS and previous in fr.SELF_DETERMINERS:
            itself = True
        elif word in DATE_WORDS:
            dating += len(word)
        if i and words[i][0].isupper():
            capitals += 1
            agency = agency or word in fr.AGENCIES
        previous = word
    return [finite, page, imperative, reader, itself, dating, capitals, agency]


def _byline(words: list[str]) -> bool:
    """ "Par" followed by names: most of the words after it are capitalised."""
    if len(words) < 2 or words[0].lower() not in ("par", "by"):
        return False
    names = words[1:6]
    upper = sum(w[0].isupper() for w in names)
    return upper >= 1 and upper * 2 >= len(names)


def _credit_tail(line: str) -> bool:
    """Ends with a photo credit after a caption: "… (Photo : DR)", "… . KEYSTONE", "… © DR"."""
    cut = max(line.rfind(mark) for mark in _TAIL_MARKS)
    if cut <= 0:  # no caption before the credit
        return False
    part = line[cut + 1 :].strip().removesuffix(")").strip()
    words = _WORD.findall(part)
    if not words or len(words) > 6 or len(part) > 60 or not _NO_TAIL_MARK.isdisjoint(part):
        return False
    low = {w.lower() for w in words}
    if "©" in part or low & _PHOTO or low & fr.AGENCIES:
        return True
    return all(w.isupper() and len(w) >= 2 for w in words)


def _dates(line: str, lower: list[str], dating: int) -> tuple[float, bool]:
    """(share of the line's non-space characters in dates, times and dating words; a
    publishing verb before the first date or time)."""
    matches = list(DATE_TIME.finditer(line)) if _DIGIT.search(line) else []
    covered = dating + sum(m.end() - m.start() for m in matches)
    share = min(_ONE, covered / max(1, len(line) - line.count(" ")))
    published = False
    if matches and not fr.PUBLISH_VERBS.isdisjoint(lower):
        head = _WORD.findall(line[: matches[0].start()].lower())
        published = not fr.PUBLISH_VERBS.isdisjoint(head)
    return share, published


def _separators(line: str) -> int:
    return sum(line.count(c) for c in "|•·›»") + line.count(", ") + line.count(" / ")


def line_features(line: str) -> tuple[float, ...]:
    """The :data:`LINE_FEATURES` of one normalised, non-empty line, in that order.

    Examples
    --------
    >>> f = dict(zip(LINE_FEATURES, line_features("Vous avez trouvé une erreur ? Signalez-la.")))
    >>> f["reader"], f["imperative"], f["finite_verb"]
    (1.0, 1.0, 1.0)
    """
    words = _WORD.findall(line)
    lower = [w.lower() for w in words]
    n = len(line.split())
    finite, page, imperative, reader, itself, dating, capitals, agency = _scan(words, lower)
    # an agency credits a photo or a dispatch in a line without a verb ("Photo : AFP"); a
    # sentence that quotes it ("a déclaré à l’AFP …") is body text
    agency = (agency or (bool(lower) and lower[0] in fr.AGENCIES)) and not finite
    if reader and ("«" in line or '"' in line or "“" in line):  # "vous" in a quotation
        reader = not fr.READER_WORDS.isdisjoint(_WORD.findall(_QUOTED.sub(" ", line).lower()))
    share, published = _dates(line, lower, dating)
    letters = "".join(words)
    separators = _separators(line)
    # the verb a page action starts with: "S’abonner", "À voir en vidéo", "À découvrir"
    start = (
        lower[1] if len(lower) > 1 and lower[0] in ("s", "se", "à") else lower[0] if lower else ""
    )
    digit = share > 0 or _DIGIT.search(line) is not None
    return (
        float(n <= 2),
        float(3 <= n <= 5),
        float(6 <= n <= 10),
        float(11 <= n <= 20),
        float(line[-1:] in _STRONG_END),
        float(finite),
        capitals / max(1, len(words) - 1),
        float(len(letters) >= 3 and letters.isupper()),
        float(separators >= 2 and not finite and separators * 3 >= len(words)),
        float(":" in line[:40] and _COLON.match(line) is not None),
        float(unicodedata.category(line[0]) in _ICONS and line[0] not in "<>=+"),
        page / max(1, len(lower)),
        float(start in fr.CTA_VERBS),
        float(imperative),
        float(reader),
        float(itself),
        share,
        float(share >= 0.5),
        float(published and n <= _METADATA_WORDS and share >= _STAMP_SHARE),
        float(digit and n <= _DURATION_WORDS and _DURATION.search(line) is not None),
        float(lower[:1] in (["par"], ["by"]) and _byline(words)),
        float("©" in line or "(c)" in line or "(C)" in line),
        float(_credit_tail(line)),
        float(agency),
        float(line[-1:] == ")" and _COUNT.search(line) is not None),
    )


def page_word_reason(line: str) -> str | None:
    """The class of :data:`newsnlp.lang.fr.page_words.PAGE_WORDS` most of the line's page words
    belong to (the first in the line on a tie), or ``None`` if it has none.

    Examples
    --------
    >>> page_word_reason("Partager : Facebook | X | LinkedIn")
    'share'
    >>> page_word_reason("Le Sénat adopte le budget") is None
    True
    """
    counts: dict[str, int] = {}
    for word in _WORD.findall(line.lower()):
        reason = fr.PAGE_WORDS.get(word) or fr.PAGE_WORDS.get(_CLITIC.sub("", word))
        if reason is not None:
            counts[reason] = counts.get(reason, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None
