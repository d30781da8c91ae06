"""What the line cleaner reads from its input: the normalised lines of a text or an HTML page.

One definition for :func:`newsnlp.clean_and_explain` and :meth:`newsnlp.text.Boilerplate.fit`,
so that the lines a site's boilerplate is learnt from are exactly the lines the cleaner sees.

Examples
--------
>>> page_lines("Lâ€™ONU  salue\\r\\nla 79ᵉ session")
PageLines(lines=('L’ONU salue', 'la 79ᵉ session'), title=None, source='text')
"""

from __future__ import annotations

from typing import NamedTuple

from newsnlp.checks import ensure_text
from newsnlp.text.normalize import normalize_text

__all__ = ["PageLines", "page_lines"]


class PageLines(NamedTuple):
    """The lines of one input.

    Attributes
    ----------
    lines : tuple of str
        Normalised lines (:func:`newsnlp.text.normalize.normalize_text`), empty ones included
        (they keep line numbers as in the input).
    title : str or None
        The title from an HTML page's markup, normalised; ``None`` for text.
    source : str
        ``"text"`` or ``"html"``.
    """

    lines: tuple[str, ...]
    title: str | None
    source: str


def page_lines(text: str) -> PageLines:
    """The normalised lines of *text*: itself, or the article extracted from an HTML page
    (:func:`newsnlp.text.html.extract_html`, ``pip install "newsnlp[html]"``) headed by its
    title.

    Raises
    ------
    TypeError
        If *text* is not a ``str``.
    ImportError
        For HTML input when trafilatura is not installed.
    """
    from newsnlp.text.html import extract_html, looks_like_html

    text = ensure_text(text)
    if not looks_like_html(text):
        return PageLines(tuple(normalize_text(text).split("\n")), None, "text")
    page = extract_html(text)
    body = page.text
    if page.title and not body.startswith(page.title):
        body = page.title + "\n" + body
    title = normalize_text(page.title) if page.title else None
    return PageLines(tuple(normalize_text(body).split("\n")), title or None, "html")
