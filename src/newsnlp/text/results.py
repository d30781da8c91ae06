"""What the cleaner returns: :class:`CleanedArticle`, :class:`LineDecision`, :class:`RemovedLine`
and :class:`Teaser` (frozen, with ``to_dict()``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["CleanedArticle", "LineDecision", "RemovedLine", "Teaser"]


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
        Why it was dropped. Found by the line scorer, the reason of the feature that weighed
        most: ``"reading-time"``, ``"date"``, ``"byline"``, ``"share"``, ``"comment"``,
        ``"subscribe"``, ``"advertising"``, ``"cookie"``, ``"tags"``, ``"caption"`` (a photo
        caption with its credit), ``"credit"``, ``"copyright"``, ``"related"`` (a line of page
        vocabulary about related articles), ``"call-to-action"`` (the reader addressed) or
        ``"furniture"`` (no feature naming a reason: short, not a sentence, among furniture).
        Found by the page's structure: ``"section"`` (rubric or breadcrumb above the title),
        ``"related-link"`` ("Lire aussi : <title>"), ``"related-header"``, ``"related"`` (a
        title in a related block), ``"teaser"``, ``"duplicate"`` (repeats the previous kept
        line) and ``"site-boilerplate"`` (a line the site repeats on many pages, see
        :class:`newsnlp.text.Boilerplate`).
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
    score : float or None
        The line scorer's probability that the line is page furniture (removed from
        ``threshold`` on, 0.5), or ``None`` for a line decided by the page's structure alone
        (teaser, related link, site boilerplate) or too long to be furniture.
    features : tuple of (str, float)
        What decided the score: each non-zero feature with its contribution to the log-odds
        (weight × value; positive pushes towards removal), largest effect first. Empty when
        *score* is ``None``. See :mod:`newsnlp.text.features` for what each feature means.
    """

    line: int
    text: str
    kept: bool
    reason: str
    score: float | None = None
    features: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (``features`` as ``{name: contribution}``)."""
        return {
            "line": self.line,
            "text": self.text,
            "kept": self.kept,
            "reason": self.reason,
            "score": self.score,
            "features": dict(self.features),
        }
