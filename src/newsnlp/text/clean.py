"""Clean scraped French news text (or an HTML page) into the article's own lines.

:func:`clean` returns the cleaned body, one title / heading / paragraph per line;
:func:`clean_article` returns the same text with the title, the lines that were dropped (and why)
and the related-article teasers found on the page.

The cleaning is line-based: every line is first normalised (:func:`newsnlp.text.normalize.normalize_text`),
then classified (:func:`newsnlp.text.classify.classify_lines`): the page's structure decides
teasers, related links and blocks, rubrics and duplicates; every other short line is scored from
its features (:mod:`newsnlp.text.features`) by weights fitted on annotated pages
(:mod:`newsnlp.text.linemodel`), and :func:`explain_cleaning` shows which features decided.
Optionally, the lines a site repeats on many pages (:class:`newsnlp.text.Boilerplate`) go too.
The passes run again on the kept lines until nothing changes, so ``clean(clean(x)) == clean(x)``
and text that is already clean comes back unchanged.
"""

from __future__ import annotations

import logging

from newsnlp.checks import ensure_text
from newsnlp.text.boilerplate import Boilerplate
from newsnlp.text.classify import classify_lines
from newsnlp.text.results import CleanedArticle, LineDecision, RemovedLine, Teaser
from newsnlp.text.source import page_lines

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


def clean_and_explain(
    text_or_html: str, *, boilerplate: Boilerplate | None = None
) -> tuple[CleanedArticle, tuple[LineDecision, ...]]:
    """Clean a scraped article and explain every line: the one cleaner behind :func:`clean`,
    :func:`clean_article` and :func:`explain_cleaning` (as ftfy's ``fix_and_explain`` is
    behind ``fix_text``).

    Parameters
    ----------
    text_or_html : str
        Scraped text, or a whole HTML page (``pip install "newsnlp[html]"``).
    boilerplate : Boilerplate, optional, keyword-only
        The lines a site repeats on many pages (:class:`newsnlp.text.Boilerplate`, fitted on
        pages of the same site): removed with the reason ``"site-boilerplate"``.

    Returns
    -------
    (CleanedArticle, tuple of LineDecision)
        The cleaned article, and what was done with each non-empty line, in input order.

    Raises
    ------
    TypeError
        If the input is not a ``str``, or *boilerplate* not a :class:`Boilerplate`.
    ValueError
        If *boilerplate* is not fitted.
    ImportError
        For HTML input when trafilatura is not installed.

    Examples
    --------
    >>> art, lines = clean_and_explain("Partager\\nLe Maroc et l’Espagne signent un accord.")
    >>> art.text, [(d.line, d.kept, d.reason) for d in lines]
    ('Le Maroc et l’Espagne signent un accord.', [(0, False, 'share'), (1, True, 'title')])
    """
    text = ensure_text(text_or_html, name="text_or_html")
    site = _check_boilerplate(boilerplate)
    if not text or text.isspace():
        return CleanedArticle(text="", title=None), ()
    lines, title, source = page_lines(text)
    found = classify_lines(lines, page_title=title, site=site)
    decisions = found.decisions
    kept = [d.text for d in decisions if d.kept]
    removed = tuple(RemovedLine(d.line, d.text, d.reason) for d in decisions if not d.kept)
    cleaned = CleanedArticle("\n".join(kept), found.title, removed, found.teasers, source)
    return cleaned, decisions


def _check_boilerplate(boilerplate: object) -> Boilerplate | None:
    if boilerplate is None:
        return None
    if isinstance(boilerplate, Boilerplate):
        if not boilerplate.pages:
            raise ValueError("boilerplate is not fitted: call Boilerplate(...).fit(pages) first")
        return boilerplate
    raise TypeError(
        "boilerplate must be a fitted newsnlp.text.Boilerplate or None, not "
        f"{type(boilerplate).__name__}: build it with Boilerplate().fit(pages)"
    )


def clean(text: str, *, boilerplate: Boilerplate | None = None) -> str:
    """Clean scraped French news text into the article's own lines.

    Removes page furniture: reading-time lines, rubric labels, bylines and dates, "Lire aussi"
    links and related-article blocks, teaser lines (a title glued to its lede, ending in
    ``…|``), share / subscribe / comment prompts, tags, photo captions and credits, copyright and
    advertising lines — recognised by their features, not by a list of phrases, and with
    *boilerplate* the lines the site repeats on its other pages. Time is linear in the text.
    Normalises
    characters: mojibake repaired, Unicode NFC, apostrophes unified to ``’``, runs of spaces
    collapsed (French no-break spaces kept), lines stripped, empty lines dropped.

    Parameters
    ----------
    text : str
        Plain text as scraped, or an HTML page (extracted as in :func:`clean_article`).
    boilerplate : Boilerplate, optional, keyword-only
        The lines a site repeats on many pages (:class:`newsnlp.text.Boilerplate`, fitted on
        pages of the same site): removed with the reason ``"site-boilerplate"``.

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
    return clean_and_explain(ensure_text(text), boilerplate=boilerplate)[0].text


def clean_article(text_or_html: str, *, boilerplate: Boilerplate | None = None) -> CleanedArticle:
    """Clean a scraped article, plain text or HTML, and report what was removed.

    HTML input (detected by :func:`newsnlp.text.html.looks_like_html`) is first reduced to its
    article text with trafilatura (``pip install "newsnlp[html]"``); the text then goes through
    the same French cleaning as :func:`clean`.

    Parameters
    ----------
    text_or_html : str
        Scraped text, or a whole HTML page.
    boilerplate : Boilerplate, optional, keyword-only
        The lines a site repeats on many pages (:class:`newsnlp.text.Boilerplate`, fitted on
        pages of the same site): removed with the reason ``"site-boilerplate"``.

    Returns
    -------
    CleanedArticle
        ``.text`` (same as :func:`clean` for text input), ``.title``, ``.removed``, ``.teasers``.

    Raises
    ------
    TypeError
        If the input is not a ``str``, or *boilerplate* not a :class:`Boilerplate`.
    ValueError
        If *boilerplate* is not fitted.
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
    return clean_and_explain(text_or_html, boilerplate=boilerplate)[0]


def explain_cleaning(
    text_or_html: str, *, boilerplate: Boilerplate | None = None
) -> tuple[LineDecision, ...]:
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
    boilerplate : Boilerplate, optional, keyword-only
        The lines a site repeats on many pages (:class:`newsnlp.text.Boilerplate`, fitted on
        pages of the same site): removed with the reason ``"site-boilerplate"``.

    Returns
    -------
    tuple of LineDecision
        In input order, empty lines left out; ``()`` for an empty text. The texts of the kept
        lines, ``"\\n"``-joined, are exactly :func:`clean` of the input; the removed lines are
        :attr:`CleanedArticle.removed`.

    Raises
    ------
    TypeError
        If the input is not a ``str``, or *boilerplate* not a :class:`Boilerplate`.
    ValueError
        If *boilerplate* is not fitted.
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
    return clean_and_explain(text_or_html, boilerplate=boilerplate)[1]
