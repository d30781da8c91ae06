"""Clean scraped French news text (or an HTML page) into the article's own lines.

:func:`clean` returns the cleaned body, one title / heading / paragraph per line;
:func:`clean_article` returns the same text with the title, the lines that were dropped (and why)
and the related-article teasers found on the page.

The cleaning is line-based: every line is first normalised (:func:`newsnlp.text.normalize.normalize_text`),
then classified by the French boilerplate rules of :mod:`newsnlp._boilerplate_fr`. Rules look at
one line and, for rubric labels above the title, at whether the line stands before the first body
paragraph; so ``clean(clean(x)) == clean(x)`` and text that is already clean comes back unchanged.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass
from typing import Any

from newsnlp.checks import ensure_text
from newsnlp.lang.fr import boilerplate as fr
from newsnlp.text.normalize import normalize_text

__all__ = [
    "CleanedArticle",
    "LineDecision",
    "RemovedLine",
    "Teaser",
    "clean",
    "clean_article",
    "explain_cleaning",
]

logger = logging.getLogger(__name__)

# A line longer than this is never boilerplate (the rules are for short lines): it keeps the
# per-line regular expressions off long paragraphs, which keeps cleaning linear and fast.
_MAX_BOILERPLATE_CHARS = 400


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line dropped by the cleaner.

    Attributes
    ----------
    line : int
        0-based index of the line in the input (after line-break normalisation).
    text : str
        The normalised line.
    reason : str
        Why it was dropped: ``"reading-time"``, ``"date"``, ``"byline"``, ``"section"``,
        ``"share"``, ``"comment"``, ``"subscribe"``, ``"copyright"``, ``"credit"``, ``"cookie"``,
        ``"advertising"``, ``"related-link"``, ``"related-header"``, ``"related"``, ``"teaser"``
        or ``"duplicate"``.
    """

    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Teaser:
    """A related article advertised on the page.

    Attributes
    ----------
    title : str
        Title of the related article.
    lede : str or None
        The start of its lede when the page glued it to the title (``"…de l’ONULa Retraite…|"``),
        cut by the site and usually ending with ``…``; ``None`` for a bare link.
    """

    title: str
    lede: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    """Result of :func:`clean_article`.

    Attributes
    ----------
    text : str
        The cleaned text, exactly :func:`clean` of the input: the title (when the page has one)
        then headings and paragraphs, one per line.
    title : str or None
        The article title: the first kept line when it stands before the body (text input), or
        the page title (HTML input). ``None`` when no title was found.
    removed : tuple of RemovedLine
        Every non-empty input line that was dropped, in input order, with the reason.
    teasers : tuple of Teaser
        Related articles named on the page (teaser blocks and "Lire aussi" links), in order.
    source : str
        ``"text"`` or ``"html"``: how the input was read.
    """

    text: str
    title: str | None
    removed: tuple[RemovedLine, ...] = ()
    teasers: tuple[Teaser, ...] = ()
    source: str = "text"

    @property
    def body(self) -> str:
        """The cleaned text without its title line."""
        if self.title is not None and self.text.startswith(self.title):
            return self.text[len(self.title) :].lstrip("\n")
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (removed lines and teasers as lists of dicts)."""
        return {
            "text": self.text,
            "title": self.title,
            "removed": [r.to_dict() for r in self.removed],
            "teasers": [t.to_dict() for t in self.teasers],
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class LineDecision:
    """What the cleaner did with one non-empty input line (see :func:`explain_cleaning`).

    Attributes
    ----------
    line : int
        0-based index of the line in the input (after line-break normalisation): the same
        index as :attr:`RemovedLine.line`.
    text : str
        The normalised line (mojibake repaired, apostrophes unified, spaces collapsed).
    kept : bool
        Whether the line is in the cleaned text.
    reason : str
        Why. For a kept line, what it is in the cleaned text: ``"title"``, ``"heading"`` or
        ``"paragraph"``. For a removed line, its :attr:`RemovedLine.reason`
        (``"reading-time"``, ``"teaser"``, ``"share"``…).
    """

    line: int
    text: str
    kept: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


# --------------------------------------------------------------------------- line features
# Where a teaser's title is glued to its lede: "LisbonneLe ministre", "2,75%Le Conseil",
# "l’ONULa Retraite" (a lower-case letter, digit or closing punctuation, or an acronym,
# directly followed by a capitalised word).
_GLUE = re.compile(
    r"(?:(?<=[a-zà-öø-ÿœ0-9%»)\]\"”.!?])|(?<=[A-ZÀ-ÖØ-ÞŒ]{2}))"
    r"(?=[A-ZÀ-ÖØ-ÞŒ][a-zà-öø-ÿœ]+(?:[\s’,]|$)|[ÀA]\s|[LDC]’)"
)
_LEDE_STARTERS = frozenset(
    """le la les l un une des du de d ce cet cette ces il elle ils elles on au aux à a en dans
    selon après avant alors pour lors depuis face plus mais si c sur par avec entre quelques
    plusieurs deux trois quatre cinq nous vous son sa ses leur leurs tout toute tous toutes
    malgré comme quand dès cela ainsi lundi mardi mercredi jeudi vendredi samedi dimanche hier
    aujourd cinquante dix vingt trente cent mille certains certaines chaque nouvelle nouveau
    officiellement désormais""".split()
)
_SENTENCE_END = frozenset('.!?…»"”):;')
_STRONG_END = frozenset(".!?…")
_DIGIT = re.compile(r"\d")
_WORD_SPLIT = re.compile(r"[\s’]+")


def _words(line: str) -> int:
    return len(line.split())


def _is_body(line: str) -> bool:
    """A body paragraph: a sentence-like line, long enough not to be a title or heading."""
    n = _words(line)
    if n >= 25:
        return True
    # A title may end with a quotation ("… « de consolidation »"), a paragraph ends with a full stop.
    last = line[-1:]
    return n >= (10 if last in _STRONG_END else 16) and last in _SENTENCE_END


def _split_teaser(line: str) -> Teaser:
    """Split "TitleLede…|" into title and lede, at the most plausible glue point."""
    text = line.rstrip(" \t|\u00a0\u202f")
    points = [m.start() for m in _GLUE.finditer(text) if m.start() > 0]
    best = None
    for pos in points:
        left = text[:pos]
        if _words(left) < 2:
            continue
        first = _WORD_SPLIT.split(text[pos:], maxsplit=1)[0].lower()
        if first in _LEDE_STARTERS:
            best = pos
            break
        if best is None:
            best = pos
    if best is None:
        return Teaser(title=text, lede=None)
    return Teaser(title=text[:best].rstrip(), lede=text[best:].strip())


def _looks_like_teaser(line: str, *, in_related: bool) -> bool:
    end = line.rstrip(" \t\u00a0\u202f")
    pipe = end.endswith("|")
    if pipe:
        end = end[:-1].rstrip(" \t\u00a0\u202f")
    if not end.endswith(("…", "...")):
        return False
    if pipe or in_related:
        return True
    # A body paragraph may end with "…": only a glued title + lede start makes it a teaser.
    if _words(line) > 80:
        return False
    teaser = _split_teaser(line)
    if teaser.lede is None or _words(teaser.title) < 3:
        return False
    first = _WORD_SPLIT.split(teaser.lede, maxsplit=1)[0].lower()
    return first in _LEDE_STARTERS


def _rule_reason(line: str) -> str | None:
    if len(line) > _MAX_BOILERPLATE_CHARS:
        return None
    for reason, pattern in fr.LINE_RULES:
        if pattern.fullmatch(line):
            return reason
    return None


def _is_section_name(line: str) -> bool:
    low = line.lower().strip(" :>|/•·-–")
    if low in fr.SECTION_NAMES:
        return True
    parts = [p for p in re.split(r"[\s/>|•·,–-]+", low) if p]
    return (
        bool(parts)
        and len(parts) <= 4
        and all(p in fr.SECTION_NAMES or p in {"et", "&"} for p in parts)
    )


def _is_short_label(line: str) -> bool:
    return _words(line) <= 3 and line[-1:] not in _SENTENCE_END and not _DIGIT.search(line)


# --------------------------------------------------------------------------- the cleaner
def _clean(text: str) -> tuple[list[str], str | None, list[RemovedLine], list[Teaser]]:
    lines = normalize_text(text).split("\n")
    n = len(lines)
    reasons: list[str | None] = [None] * n
    teasers: list[Teaser | None] = [None] * n
    empty = [not line for line in lines]

    # 1. Line rules, related blocks and teasers.
    related_run: list[int] = []

    def close_run(followed_by_body: bool) -> None:
        # A run of title-like lines after "À lire aussi" are related titles; but when the body
        # resumes right after it, the last of them is a section heading of the article.
        if followed_by_body and related_run:
            last = related_run.pop()
            reasons[last], teasers[last] = None, None
        related_run.clear()

    in_related = False
    for i, line in enumerate(lines):
        if empty[i]:
            continue
        if _looks_like_teaser(line, in_related=in_related):
            reasons[i], teasers[i] = "teaser", _split_teaser(line)
            continue
        if len(line) <= _MAX_BOILERPLATE_CHARS:
            if fr.RELATED_HEADER.fullmatch(line):
                reasons[i], in_related = "related-header", True
                related_run.clear()
                continue
            m = fr.RELATED_LINK.fullmatch(line)
            if m:
                reasons[i], teasers[i] = "related-link", Teaser(title=m.group("title").strip())
                continue
        reason = _rule_reason(line)
        if reason is not None:
            reasons[i] = reason
            continue
        if in_related:
            if not _is_body(line) and _words(line) <= 30:
                reasons[i], teasers[i] = "related", Teaser(title=line)
                related_run.append(i)
                continue
            in_related = False
            close_run(followed_by_body=True)
    close_run(followed_by_body=False)

    # 2. Rubric labels above the title: short lines before the first body paragraph, except the
    #    last candidate (which is the title itself).
    first_body = next(
        (i for i in range(n) if reasons[i] is None and not empty[i] and _is_body(lines[i])), n
    )
    header = [i for i in range(first_body) if reasons[i] is None and not empty[i]]
    for k, i in enumerate(header):
        if _is_section_name(lines[i]) or (k < len(header) - 1 and _is_short_label(lines[i])):
            reasons[i] = "section"

    # 3. Assemble, dropping a line identical to the previous kept one.
    kept: list[str] = []
    removed: list[RemovedLine] = []
    found: list[Teaser] = []
    title: str | None = None
    for i, line in enumerate(lines):
        if empty[i]:
            continue
        reason = reasons[i]
        if reason is None and kept and kept[-1] == line:
            reason = "duplicate"
        if reason is None:
            if not kept and i < first_body:
                title = line
            kept.append(line)
            continue
        removed.append(RemovedLine(line=i, text=line, reason=reason))
        if teasers[i] is not None:
            found.append(teasers[i])  # type: ignore[arg-type]
    return kept, title, removed, found


def clean(text: str) -> str:
    """Clean scraped French news text into the article's own lines.

    Removes reading-time lines, rubric labels, bylines and dates, "Lire aussi" links and
    related-article blocks, teaser lines (a title glued to its lede, ending in ``…|``), share /
    subscribe / comment prompts, copyright, credit, cookie and advertising lines. Normalises
    characters: mojibake repaired, Unicode NFC, apostrophes unified to ``’``, runs of spaces
    collapsed (French no-break spaces kept), lines stripped, empty lines dropped.

    Parameters
    ----------
    text : str
        Plain text as scraped, or an HTML page (extracted as in :func:`clean_article`).

    Returns
    -------
    str
        The title (when the page has one), headings and paragraphs, one per line, ``\\n``-joined.
        ``clean(clean(text)) == clean(text)``.

    Raises
    ------
    TypeError
        If *text* is not a ``str`` (bytes must be decoded first).

    Examples
    --------
    >>> raw = '''Temps de lecture : 3 minutes
    ... Politique
    ... Publié le 14 janvier 2025 à 18h05
    ... Budget : le Sénat cherche un compromis
    ... Le Premier ministre a réuni mardi les présidents des groupes du Sénat pour trouver un  accord.
    ... Lire aussi : Dette publique : pourquoi les taux inquiètent
    ... © Le Quotidien – Tous droits réservés'''
    >>> print(clean(raw))
    Budget : le Sénat cherche un compromis
    Le Premier ministre a réuni mardi les présidents des groupes du Sénat pour trouver un accord.
    """
    return clean_article(ensure_text(text)).text


def clean_article(text_or_html: str) -> CleanedArticle:
    """Clean a scraped article, plain text or HTML, and report what was removed.

    HTML input (detected by :func:`newsnlp.text.html.looks_like_html`) is first reduced to its
    article text with trafilatura (``pip install "newsnlp[html]"``); the text then goes through
    the same French cleaning as :func:`clean`.

    Parameters
    ----------
    text_or_html : str
        Scraped text, or a whole HTML page.

    Returns
    -------
    CleanedArticle
        ``.text`` (same as :func:`clean` for text input), ``.title``, ``.removed``, ``.teasers``.

    Raises
    ------
    TypeError
        If the input is not a ``str``.
    ImportError
        For HTML input when trafilatura is not installed.

    Examples
    --------
    >>> art = clean_article("Temps de lecture : 2 min\\nLe Maroc réélu au Conseil exécutif de "
    ...                     "l’UnescoLe Maroc a été réélu mardi au Conseil exécutif… |")
    >>> art.text
    ''
    >>> art.teasers[0].title
    'Le Maroc réélu au Conseil exécutif de l’Unesco'
    >>> [r.reason for r in art.removed]
    ['reading-time', 'teaser']
    """
    text = ensure_text(text_or_html, name="text_or_html")
    if not text or text.isspace():
        return CleanedArticle(text="", title=None)
    body, page_title, source = _source_text(text)
    kept, title, removed, found = _clean(body)
    if page_title:
        title = normalize_text(page_title) or title
    return CleanedArticle("\n".join(kept), title, tuple(removed), tuple(found), source)


def _source_text(text: str) -> tuple[str, str | None, str]:
    """What the line cleaner reads: ``(body, page_title, source)``.

    Text input is its own body. An HTML page is reduced to its article text, headed by the page
    title.
    """
    from newsnlp.text.html import extract_html, looks_like_html

    if not looks_like_html(text):
        return text, None, "text"
    page = extract_html(text)
    body = page.text
    if page.title and not body.startswith(page.title):
        body = page.title + "\n" + body
    return body, page.title, "html"


def explain_cleaning(text_or_html: str) -> tuple[LineDecision, ...]:
    """Every non-empty line of a scraped article, with what the cleaner did with it and why.

    The line-by-line view of :func:`clean_article`: removed lines come with their reason (the
    same as :attr:`CleanedArticle.removed`), kept lines with what they are in the cleaned text
    (title, heading or paragraph). To put the raw article next to the cleaned one:
    ``pandas.DataFrame([d.to_dict() for d in explain_cleaning(raw)])``.

    Parameters
    ----------
    text_or_html : str
        Scraped text, or a whole HTML page: then its extracted article text is explained, page
        title first, as :func:`clean_article` reads it (``pip install "newsnlp[html]"``).

    Returns
    -------
    tuple of LineDecision
        In input order, empty lines left out; ``()`` for an empty text. The texts of the kept
        lines, ``"\\n"``-joined, are exactly :func:`clean` of the input; the removed lines are
        :attr:`CleanedArticle.removed`.

    Raises
    ------
    TypeError
        If the input is not a ``str``.
    ImportError
        For HTML input when trafilatura is not installed.

    Examples
    --------
    >>> raw = '''Temps de lecture : 2 min
    ... Politique
    ... Budget : le Sénat cherche un compromis
    ... Le Premier ministre a réuni mardi les présidents des groupes du Sénat pour trouver un accord.
    ... Partager sur Facebook'''
    >>> for d in explain_cleaning(raw):
    ...     print(d.line, "kept   " if d.kept else "removed", d.reason)
    0 removed reading-time
    1 removed section
    2 kept    title
    3 kept    paragraph
    4 removed share
    """
    text = ensure_text(text_or_html, name="text_or_html")
    if not text or text.isspace():
        return ()
    body, page_title, _ = _source_text(text)
    _, title, removed, _ = _clean(body)
    if page_title:
        title = normalize_text(page_title) or title
    reasons = {r.line: r.reason for r in removed}
    out: list[LineDecision] = []
    first_kept = True
    for i, line in enumerate(normalize_text(body).split("\n")):
        if not line:
            continue
        if i in reasons:
            out.append(LineDecision(i, line, False, reasons[i]))
            continue
        if first_kept and title is not None and line == title:
            role = "title"
        else:
            role = "paragraph" if _is_body(line) else "heading"
        first_kept = False
        out.append(LineDecision(i, line, True, role))
    return tuple(out)
