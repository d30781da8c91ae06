"""The visible text of an HTML page read without building a tree (Python's ``html.parser``).

The fallback of :func:`newsnlp.text.html.extract_html` for pages that lxml cannot represent in
full: libxml2 drops every element nested deeper than 256 levels (2,048 with its "huge" option),
so a page nested deeper would come back empty. :func:`visible_text` reads the markup as a stream
of tags, whatever the nesting, in time linear in the page and memory bounded by the text it
keeps: one line per block element, scripts, styles and page furniture (``<nav>``, ``<footer>``…)
left out. There is no article detection here: the line cleaner does the rest.

Examples
--------
>>> page = "<html><head><title>Titre</title></head><body>" + "<div>" * 5000
>>> page += "<p>Le texte de l’article.</p><script>var x;</script><p>Suite.</p>"
>>> visible_text(page)
('Titre', 'Le texte de l’article.\\nSuite.')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

from newsnlp.checks import ensure_text

__all__ = ["visible_text"]

# Elements whose content is never article text (void elements such as <img> have none).
_SKIP = frozenset(
    "noscript template svg math iframe object nav header footer aside form button select head".split()
)
# Elements that start a new line.
_BREAK = frozenset(
    """address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5
    h6 header hr li main nav ol p pre section table tbody td th thead tr ul""".split()
)
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


# One token of markup: a start or end tag (attributes up to the next ">", never past a "<", so a
# stray "<" costs one look-ahead to the next angle bracket), a comment or CDATA opening, or a
# declaration / processing instruction.
_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)[^<>]*>|<!--|<!\[CDATA\[|<[!?][^<>]*>")
_RAW = frozenset({"script", "style", "textarea", "title"})  # content is text, not markup
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _RAW}
_CLOSERS = {"<!--": "-->", "<![CDATA[": "]]>"}


def _tokens(html: str) -> Iterator[tuple[str, str, str]]:
    """``(kind, tag, text)`` pieces of *html* in order: kind ``"text"``, ``"start"``, ``"end"``
    or ``"raw"`` (the content of a script, style or title). Each character is read a bounded
    number of times: linear in the length of the page, whatever its shape."""
    pos, n = 0, len(html)
    while pos < n:
        m = _TOKEN.search(html, pos)
        if m is None:
            yield "text", "", html[pos:]
            return
        if m.start() > pos:
            yield "text", "", html[pos : m.start()]
        token = m.group()
        if token in _CLOSERS:
            end = html.find(_CLOSERS[token], m.end())
            pos = n if end < 0 else end + len(_CLOSERS[token])
            continue
        pos = m.end()
        tag = m.group(2)
        if tag is None:  # declaration or processing instruction
            continue
        tag = tag.lower()
        if m.group(1):
            yield "end", tag, ""
            continue
        yield "start", tag, ""
        if tag in _RAW and not token.endswith("/>"):
            close = _RAW_END[tag].search(html, pos)
            yield "raw", tag, html[pos : close.start() if close else n]
            pos = close.end() if close else n
            yield "end", tag, ""


def visible_text(html: str) -> tuple[str | None, str]:
    """``(title, text)`` of an HTML page read as a stream of tags, whatever its nesting depth.

    Parameters
    ----------
    html : str
        A page or fragment.

    Returns
    -------
    (str or None, str)
        The ``<title>`` (``None`` if absent or empty) and the visible text outside scripts,
        styles and page furniture, one line per block element, spaces collapsed, empty lines
        dropped.

    Raises
    ------
    TypeError
        If *html* is not a ``str``.
    """
    html = ensure_text(html, name="html")
    parts: list[str] = []
    title: str | None = None
    skipping: dict[str, int] = {}  # open skipped elements, by tag
    for kind, tag, text in _tokens(html):
        if kind == "text":
            if not skipping:
                parts.append(unescape(text))
        elif kind == "raw":
            if tag == "title" and title is None:
                title = _WS.sub(" ", unescape(text)).strip() or None
        elif tag in _SKIP and tag not in _RAW:
            count = skipping.get(tag, 0) + (1 if kind == "start" else -1)
            if count > 0:
                skipping[tag] = count
            else:
                skipping.pop(tag, None)
        if kind in ("start", "end") and tag in _BREAK:
            parts.append("\n")
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return title, "\n".join(line for line in lines if line)
