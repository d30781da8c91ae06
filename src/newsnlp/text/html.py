"""HTML input: detect an HTML page or fragment and extract the article from it.

:func:`looks_like_html` is a cheap test that decides whether :func:`newsnlp.clean_article`
should treat its input as HTML. :func:`extract_html` pulls the article title, body paragraphs
(one per line, in page order), publication date and canonical URL out of a page with
`trafilatura <https://trafilatura.readthedocs.io>`_, an optional dependency
(``pip install "newsnlp[html]"``) imported only when :func:`extract_html` is called.

Only HTML-structure-specific work is done here: the French line-level cleaning (reading-time
lines, "Lire aussi", share prompts, bylines written as text…) belongs to :mod:`newsnlp.clean`.

Extraction settings, measured on 100 raw Orange Actu pages (OrangeSum sample, see
``benchmarks/bench_html.py``): trafilatura's ``favor_precision`` / ``favor_recall`` / ``fast`` /
``include_tables`` / ``include_comments`` switches give byte-identical body text there, so its
defaults are kept, plus ``include_comments=False`` (reader comments are not the article) and a
publication-date search restricted to markup (``original_date=True``,
``extensive_search=False``: same 100/100 dates, no date guessed from free text).
``deduplicate`` stays off: it uses a process-wide cache, so the fourth extraction of the same
page loses paragraphs (measured), i.e. results would depend on call history.

HTML-structure fixes around trafilatura:

* text left bare after an embedded block (video or tweet ``<div>``) is wrapped in a ``<p>``;
  trafilatura otherwise drops it with the embed (recall 0.9936 → 0.9963 on the sample);
* a body line whose whole text is that of a short element with a ``class``/``id`` such as
  ``date``, ``byline``, ``author``, ``credit`` or ``caption`` is dropped: the
  ``<p class="date">`` byline ("AFP, publié le … à 13h43") was the only boilerplate left on
  the sample (precision 0.900 → 0.924);
* ``<nav>``, ``<footer>``, ``<aside>``, ``<menu>``, ``<form>``, ``<button>`` are pruned (after
  the metadata is read), which trafilatura already does on article-sized pages but not on the
  short ones where it falls back to the whole ``<body>``;
* a first body line repeating the headline is dropped; empty lines and runs of spaces go.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from newsnlp.checks import ensure_text

if TYPE_CHECKING:  # pragma: no cover
    from lxml.html import HtmlElement

__all__ = ["MAX_ELEMENTS", "HtmlContent", "extract_html", "looks_like_html"]

logger = logging.getLogger(__name__)

_INSTALL_HINT = (
    "extracting articles from HTML needs the optional dependency trafilatura: "
    'pip install "newsnlp[html]"'
)

#: Elements of a page beyond which trafilatura is not run (it takes about 80 µs per element):
#: the page's visible text is read instead, with a warning. News pages have a few thousand.
MAX_ELEMENTS = 15_000

# --------------------------------------------------------------------------- detection
_BLOCK_TAGS = (
    "p|div|article|section|main|header|footer|nav|aside|h[1-6]|ul|ol|li|dl|dt|dd|table|thead"
    "|tbody|tr|td|th|blockquote|figure|figcaption|pre|form|br|hr|iframe|script|style|span|a|img"
)
# A tag-shaped token: "<" immediately followed by a known tag name, then ">" or attributes.
# "a < b", "<3", "<< Lire aussi >>" or « guillemets » never match.
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})(?:\s[^<>]{{0,2000}})?/?>", re.IGNORECASE)
_DOCUMENT_TAG = re.compile(
    r"<!doctype\s+html|<(?:html|head|body)(?:\s[^<>]{0,2000})?>|</(?:html|head|body)\s*>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Tell whether *text* is an HTML document or fragment rather than plain text.

    True for a doctype, an ``<html>``/``<head>``/``<body>`` tag, or at least two tags
    among the common block and inline elements (``<p>…</p>``, ``<div>``, ``<br>``,
    ``<article>``…). A ``<`` that does not open a tag (``a < b``, ``<3``, ``<<``) and
    French quotation marks never count, so plain French text is not mistaken for HTML.

    Parameters
    ----------
    text : str
        The input to test.

    Returns
    -------
    bool
        Whether *text* should be parsed as HTML.

    Raises
    ------
    TypeError
        If *text* is not a ``str`` (decode ``bytes`` first).

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><html><body><p>Bonjour</p></body></html>")
    True
    >>> looks_like_html("<p>Premier paragraphe.</p><p>Second.</p>")
    True
    >>> looks_like_html("Si a < b et b > c, alors « a < c ».")
    False
    """
    text = ensure_text(text)
    if "<" not in text:
        return False
    if _DOCUMENT_TAG.search(text):
        return True
    matches = _BLOCK_TAG.finditer(text)
    return next(matches, None) is not None and next(matches, None) is not None


# --------------------------------------------------------------------------- result
@dataclass(frozen=True, slots=True)
class HtmlContent:
    """The article found in an HTML page.

    Attributes
    ----------
    title : str or None
        The article headline (``<h1>``/``og:title``, without the site name), if found.
    text : str
        The body paragraphs, one per line, in page order; the standfirst (chapeau) is kept
        as the first paragraph when the page has one. Empty if nothing was found.
    date : str or None
        Publication date as ``YYYY-MM-DD``, from the page markup, if found.
    url : str or None
        Canonical URL (``<link rel="canonical">``/``og:url``) or the *url* passed in.
    author : str or None
        Author or agency from the page markup (e.g. ``"AFP"``), if found.
    warning : str or None
        Why the extraction is degraded or empty, when it is: a page nested too deep for lxml
        (its visible text is then read without article detection), markup that cannot be
        parsed, a page without visible text. ``None`` for a normal extraction. The same
        message is logged as a warning.
    """

    title: str | None
    text: str
    date: str | None = None
    url: str | None = None
    author: str | None = None
    warning: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as a plain ``dict`` (JSON-serialisable).

        Examples
        --------
        >>> HtmlContent(title="Titre", text="Corps.").to_dict()
        {'title': 'Titre', 'text': 'Corps.', 'date': None, 'url': None, 'author': None, 'warning': None}
        """
        return asdict(self)


# --------------------------------------------------------------------------- tree fixes
_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip().casefold()


# Block-level (and embed) elements: loose text after one of them is a paragraph of its own.
_BLOCKS = frozenset(
    "address article aside blockquote div dl fieldset figure footer form h1 h2 h3 h4 h5 h6 header"
    " hr li main nav ol p pre section table ul iframe script style noscript video audio object"
    " embed".split()
)
# Containers in which text loose between blocks is a paragraph of its own (inside <p>, <li>,
# <td>, <span>… it is ordinary inline text).
_CONTAINERS = frozenset("body main article section div".split())

# class/id tokens that mark page metadata rather than body text; matched as whole tokens
# (so "update" or "datepicker" do not match "date"), on short elements only.
_META_TOKENS = frozenset(
    """date dates dateline pubdate timestamp article-date publication-date published byline
    author authors article-author signature credit credits photo-credit copyright caption
    wp-caption-text legende legend""".split()
)
_META_MAX_CHARS = 300
_CLASS_OR_ID = "//body//*[@class or @id]"


def _metadata_lines(root: HtmlElement) -> frozenset[str]:
    """Normalised texts of short elements whose class/id names them as date, byline, credit…

    The tree is left untouched (removing such an element can change which block trafilatura
    picks as the article: measured, a site menu then came out on 3 of 100 pages); instead an
    extracted line whose whole text equals one of these is dropped afterwards.
    """
    found = set()
    for el in root.xpath(_CLASS_OR_ID):
        if el.tag == "h1":
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}".lower().split()
        if _META_TOKENS.isdisjoint(names):
            continue
        text = _norm(el.text_content())
        if text and len(text) <= _META_MAX_CHARS:
            found.add(text)
    return frozenset(found)


def _wrap_loose_text(root: HtmlElement) -> int:
    """Wrap text left loose after a block element (e.g. after a video embed) in a ``<p>``."""
    from lxml import etree

    count = 0
    for el in list(root.iter()):
        tag = el.tag
        if not isinstance(tag, str) or tag not in _BLOCKS or not (el.tail and el.tail.strip()):
            continue
        parent = el.getparent()
        if parent is None or parent.tag not in _CONTAINERS:
            continue
        para = etree.SubElement(parent, "p")  # moved right after *el* below
        para.text, el.tail = el.tail, None
        sibling = el.getnext()
        while sibling is not None and sibling is not para:
            nxt = sibling.getnext()
            if isinstance(sibling.tag, str) and sibling.tag in _BLOCKS:
                break
            para.append(sibling)  # inline element (or comment) and its tail
            sibling = nxt
        el.addnext(para)
        count += 1
    return count


# --------------------------------------------------------------------------- extraction
_DOCUMENT_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
# Never article text; pruned by trafilatura after it has read the metadata.
_PRUNE_XPATH = "//nav|//footer|//aside|//menu|//form|//button|//*[@role='navigation']"
_LINE_TAGS = frozenset("br td th dt dd figcaption".split())
_FALLBACK_SKIP = "script style noscript template nav header footer aside form button svg iframe"


def _fallback_text(root: HtmlElement) -> str:
    """Visible text of *root*, one line per block, when trafilatura found no article."""
    for el in root.xpath(" | ".join(f"//{t}" for t in _FALLBACK_SKIP.split())):
        if el.getparent() is not None:
            el.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and (el.tag in _BLOCKS or el.tag in _LINE_TAGS):
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return root.text_content()


def _clean_lines(text: str, title: str | None, metadata: frozenset[str] = frozenset()) -> str:
    lines = [_WS.sub(" ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line and _norm(line) not in metadata]
    # A headline repeated as the first body line (an <h1> inside <article>) is not body text.
    if title and lines and _norm(lines[0]) == _norm(title):
        lines = lines[1:]
    return "\n".join(lines)


def extract_html(html: str, *, url: str | None = None) -> HtmlContent:
    """Extract the article (title, body paragraphs, date, URL) from an HTML page.

    Uses trafilatura (imported here, so ``import newsnlp.text.html`` works without it); no network
    access, and the same input always gives the same output. Navigation, headers, footers,
    share bars, "related articles" blocks, comments and figure captions are left out. A
    fragment that trafilatura does not recognise as an article (e.g. a single ``<p>``) falls
    back to its visible text.

    Time is linear in the page and bounded: a page lxml cannot hold (nested deeper than 2,048
    levels) or with more than :data:`MAX_ELEMENTS` elements is read as a stream of tags
    (:func:`newsnlp.text.htmltext.visible_text`), without article detection; the result's
    :attr:`~HtmlContent.warning` says so, and a warning is logged.

    Parameters
    ----------
    html : str
        A whole page or an HTML fragment, already decoded to ``str``.
    url : str, optional, keyword-only
        The page URL, used only as the ``url`` of the result when the page declares none.

    Returns
    -------
    HtmlContent
        ``HtmlContent(title=None, text="")`` for empty or whitespace-only input.

    Raises
    ------
    TypeError
        If *html* is not a ``str`` (e.g. ``bytes``: decode it first).
    ImportError
        If trafilatura is not installed (``pip install "newsnlp[html]"``).

    Examples
    --------
    >>> page = (
    ...     "<html><head><title>Grève : trafic perturbé - Le Journal</title></head><body>"
    ...     "<nav><a href='/'>Accueil</a> <a href='/politique'>Politique</a></nav>"
    ...     "<article><h1>Grève : trafic perturbé</h1>"
    ...     "<p>La SNCF prévoit un train sur deux mardi sur les lignes TGV, a-t-elle annoncé.</p>"
    ...     "<p>Les syndicats appellent à poursuivre le mouvement jusqu'à la fin de la semaine.</p>"
    ...     "</article><footer>© Le Journal 2024</footer></body></html>"
    ... )
    >>> content = extract_html(page)
    >>> content.title
    'Grève : trafic perturbé'
    >>> print(content.text)
    La SNCF prévoit un train sur deux mardi sur les lignes TGV, a-t-elle annoncé.
    Les syndicats appellent à poursuivre le mouvement jusqu'à la fin de la semaine.
    >>> extract_html("   ")
    HtmlContent(title=None, text='', date=None, url=None, author=None, warning=None)
    """
    html = ensure_text(html, name="html")
    if url is not None:
        url = ensure_text(url, name="url")
    if not html.strip():
        return HtmlContent(title=None, text="", url=url)
    try:
        import trafilatura
    except ImportError as err:
        raise ImportError(f"{_INSTALL_HINT} ({err})") from err

    html = _CONTROL.sub("", html)  # C0 controls are not XML characters: lxml refuses them
    tree, problem = _parse(html)
    if tree is not None:
        elements = int(tree.xpath("count(//*)"))
        if elements > MAX_ELEMENTS:
            tree, problem = (
                None,
                (
                    f"the page has {elements} elements, more than the {MAX_ELEMENTS} article "
                    "detection reads in bounded time"
                ),
            )
    if tree is None:
        return _degraded(html, url, problem)
    wrapped, metadata = _wrap_loose_text(tree), _metadata_lines(tree)
    logger.debug("extract_html: wrapped %d loose text runs in <p>", wrapped)

    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
        prune_xpath=_PRUNE_XPATH,
    )
    title = date = page_url = author = None
    raw = ""
    if doc is not None:
        title = _WS.sub(" ", doc.title or "").strip() or None
        date, page_url, author = doc.date or None, doc.url or None, doc.author or None
        raw = doc.text or ""
    if not raw.strip():
        logger.debug("extract_html: no article found by trafilatura, using the visible text")
        raw = _fallback_text(tree)
    text = _clean_lines(raw, title, metadata)
    warning = None
    if not text and not title:
        warning = "the page has no visible text"
        logger.warning("extract_html: %s", warning)
    return HtmlContent(title, text, date, page_url or url, author, warning)


def _degraded(html: str, url: str | None, problem: str) -> HtmlContent:
    """The page's visible text read as a stream of tags, when lxml cannot build its tree."""
    from newsnlp.text.htmltext import visible_text

    title, text = visible_text(html)
    if text or title:
        warning = f"{problem}: its visible text was read without article detection"
    else:
        warning = f"{problem}, and no visible text was found in it"
    logger.warning("extract_html: %s", warning)
    return HtmlContent(title, _clean_lines(text, title), None, url, None, warning)


# --------------------------------------------------------------------------- parsing
# libxml2 drops every element nested deeper than 256 levels, or 2,048 with its "huge" option
# (which also lifts its 10,000,000-character limit on one attribute or text node): an element at
# that depth means the rest may be lost.
_DEPTH, _HUGE_DEPTH = 256, 2048
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_GIANT_TAG = re.compile(r"<[^<>]{9000000}")


def _truncated(tree: HtmlElement, depth: int) -> bool:
    """Whether *tree* holds an element *depth* levels down (the root is level 1)."""
    return bool(tree.xpath("/*" * depth))


def _parse(html: str) -> tuple[HtmlElement | None, str]:
    """The page's tree as trafilatura reads it, or ``None`` and why it cannot be built."""
    from trafilatura.utils import load_html

    huge = len(html) > 9_000_000 and _GIANT_TAG.search(html) is not None
    if not huge:
        # trafilatura rejects (and logs an error for) a fragment without an <html> tag: wrap it.
        tree = load_html(html) if _DOCUMENT_START.search(html, 0, 4096) else None
        if tree is None:
            tree = load_html(f"<html><body>{html}</body></html>")
        if tree is None:
            return None, "the input could not be parsed as HTML"
        if not _truncated(tree, _DEPTH):
            return tree, ""
    from lxml.html import HTMLParser, document_fromstring

    parser = HTMLParser(huge_tree=True, collect_ids=False, remove_comments=True, remove_pis=True)
    try:
        tree = document_fromstring(html, parser=parser)
    except Exception as err:  # lxml's parser errors (ParserError, ValueError) vary by version
        return None, f"the input could not be parsed as HTML ({type(err).__name__}: {err})"
    if _truncated(tree, _HUGE_DEPTH):
        return None, f"the page nests elements deeper than {_HUGE_DEPTH - 1} levels (lxml's limit)"
    return tree, ""
