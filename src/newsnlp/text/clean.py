"""Clean scraped French news text (or an HTML page) into the article's own lines.

:func:`clean` returns the cleaned body, one title / heading / paragraph per line;
:func:`clean_article` returns the same text with the title, the lines that were dropped (and why)
and the related-article teasers found on the page.

The cleaning is line-based: every line is first normalised (:func:`newsnlp.text.normalize.normalize_text`),
then classified by the French boilerplate rules of :mod:`newsnlp.lang.fr.boilerplate` and the
line features of :mod:`newsnlp.text.lines`. Rules look at
one line and, for rubric labels above the title, at whether the line stands before the first body
paragraph; so ``clean(clean(x)) == clean(x)`` and text that is already clean comes back unchanged.
"""

from __future__ import annotations

import logging

from newsnlp.checks import ensure_text
from newsnlp.lang.fr import boilerplate as fr
from newsnlp.text.lines import (
    MAX_BOILERPLATE_CHARS,
    is_body,
    is_section_name,
    is_short_label,
    looks_like_teaser,
    rule_reason,
    split_teaser,
    word_count,
)
from newsnlp.text.normalize import normalize_text
from newsnlp.text.results import CleanedArticle, LineDecision, RemovedLine, Teaser

__all__ = [
    "CleanedArticle",
    "LineDecision",
    "RemovedLine",
    "Teaser",
    "clean",
    "clean_and_explain",
    "clean_article",
    "explain_cleaning",
]

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- the classifier
def _mark_boilerplate(lines: list[str]) -> tuple[list[str | None], list[Teaser | None]]:
    """Pass 1: each line's boilerplate reason (``None``: article line) and teaser, from the line
    rules, the teaser shape and the related blocks ("À lire aussi" and the titles after it)."""
    reasons: list[str | None] = [None] * len(lines)
    teasers: list[Teaser | None] = [None] * len(lines)
    run: list[int] = []  # title-like lines of the current related block
    in_related = False
    for i, line in enumerate(lines):
        if not line:
            continue
        reasons[i], teasers[i], header = _line_reason(line, in_related)
        if header:
            in_related = True
            run.clear()
        elif reasons[i] is None and in_related:
            if not is_body(line) and word_count(line) <= 30:
                reasons[i], teasers[i] = "related", Teaser(title=line)
                run.append(i)
                continue
            # the body resumes: the last title of the block was a section heading of the article
            in_related = False
            if run:
                last = run.pop()
                reasons[last], teasers[last] = None, None
            run.clear()
    return reasons, teasers


def _line_reason(line: str, in_related: bool) -> tuple[str | None, Teaser | None, bool]:
    """(reason, teaser, opens a related block) of one line on its own."""
    if looks_like_teaser(line, in_related=in_related):
        return "teaser", split_teaser(line), False
    if len(line) <= MAX_BOILERPLATE_CHARS:
        if fr.RELATED_HEADER.fullmatch(line):
            return "related-header", None, True
        m = fr.RELATED_LINK.fullmatch(line)
        if m:
            return "related-link", Teaser(title=m.group("title").strip()), False
    return rule_reason(line), None, False


def _mark_rubrics(lines: list[str], reasons: list[str | None]) -> int:
    """Pass 2: rubric labels above the title (short lines before the first body paragraph,
    except the last candidate, which is the title itself). Returns the first body line."""
    n = len(lines)
    first_body = next((i for i in range(n) if reasons[i] is None and is_body(lines[i])), n)
    header = [i for i in range(first_body) if reasons[i] is None and lines[i]]
    for k, i in enumerate(header):
        if is_section_name(lines[i]) or (k < len(header) - 1 and is_short_label(lines[i])):
            reasons[i] = "section"
    return first_body


def clean_and_explain(text_or_html: str) -> tuple[CleanedArticle, tuple[LineDecision, ...]]:
    """Clean a scraped article and explain every line: the one cleaner behind :func:`clean`,
    :func:`clean_article` and :func:`explain_cleaning` (as ftfy's ``fix_and_explain`` is
    behind ``fix_text``).

    Parameters
    ----------
    text_or_html : str
        Scraped text, or a whole HTML page (``pip install "newsnlp[html]"``).

    Returns
    -------
    (CleanedArticle, tuple of LineDecision)
        The cleaned article, and what was done with each non-empty line, in input order.

    Raises
    ------
    TypeError
        If the input is not a ``str``.
    ImportError
        For HTML input when trafilatura is not installed.

    Examples
    --------
    >>> art, lines = clean_and_explain("Partager\\nLe Maroc et l’Espagne signent un accord.")
    >>> art.text, [(d.line, d.kept, d.reason) for d in lines]
    ('Le Maroc et l’Espagne signent un accord.', [(0, False, 'share'), (1, True, 'title')])
    """
    text = ensure_text(text_or_html, name="text_or_html")
    if not text or text.isspace():
        return CleanedArticle(text="", title=None), ()
    body, page_title, source = _source_text(text)
    lines = normalize_text(body).split("\n")
    reasons, teasers = _mark_boilerplate(lines)
    first_body = _mark_rubrics(lines, reasons)
    first = next((i for i, line in enumerate(lines) if line and reasons[i] is None), len(lines))
    title = lines[first] if first < first_body else None
    if page_title:
        title = normalize_text(page_title) or title
    decisions = _decide(lines, reasons, title)
    kept = [d.text for d in decisions if d.kept]
    removed = tuple(RemovedLine(d.line, d.text, d.reason) for d in decisions if not d.kept)
    found = tuple(t for d in decisions if not d.kept and (t := teasers[d.line]) is not None)
    return CleanedArticle("\n".join(kept), title, removed, found, source), decisions


def _decide(
    lines: list[str], reasons: list[str | None], title: str | None
) -> tuple[LineDecision, ...]:
    """Each non-empty line's :class:`LineDecision`: its boilerplate reason, ``"duplicate"`` for
    a repeat of the previous kept line, else what it is (title, heading or paragraph)."""
    out: list[LineDecision] = []
    previous: str | None = None
    for i, line in enumerate(lines):
        if not line:
            continue
        reason = reasons[i] or ("duplicate" if line == previous else None)
        if reason is not None:
            out.append(LineDecision(i, line, False, reason))
            continue
        if previous is None and title is not None and line == title:
            role = "title"
        else:
            role = "paragraph" if is_body(line) else "heading"
        out.append(LineDecision(i, line, True, role))
        previous = line
    return tuple(out)


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
    return clean_and_explain(text_or_html)[0]


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
    return clean_and_explain(text_or_html)[1]
