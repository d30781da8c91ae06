"""``analyze``: the whole text layer in one call, and the :class:`Article` it returns.

Pipeline: :func:`newsnlp.clean_article` → :func:`newsnlp.detect_language` →
:func:`newsnlp.reading_time` (at the detected language's rate). Named entities come in a later
release: :attr:`Article.entities` is already part of the result and of its schema (an empty
list until then), so code written against ``to_dict()`` keeps working.

``Article.to_dict()`` schema (version :data:`SCHEMA_VERSION`), all values JSON-serialisable::

    {
      "schema_version": "1",
      "title": str | null,          # article title, or null
      "text": str,                  # cleaned text, one title/heading/paragraph per line
      "language": str,              # ISO 639-1 code, "und" when undetermined
      "reading_time": {"words": int, "seconds": float, "minutes": int, "wpm": float, "lang": str},
      "entities": [],               # reserved for named entities (offsets into "text")
      "teasers": [{"title": str, "lede": str | null}],
      "removed": [{"line": int, "text": str, "reason": str}],
      "source": "text" | "html"
    }
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsnlp._validate import ensure_text
from newsnlp.clean import CleanedArticle, RemovedLine, Teaser, clean_article
from newsnlp.lang import detect_language
from newsnlp.readtime import ReadingTime, reading_time

__all__ = ["SCHEMA_VERSION", "Article", "analyze"]

#: Version of the :meth:`Article.to_dict` schema; bumped on any incompatible change.
SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Article:
    """Result of :func:`analyze`.

    Attributes
    ----------
    text : str
        Cleaned text (see :func:`newsnlp.clean`).
    title : str or None
        Article title, when found.
    language : str
        ISO 639-1 code of the cleaned text, ``"und"`` when undetermined.
    reading_time : ReadingTime
        Reading time of the cleaned text at the language's rate.
    teasers : tuple of Teaser
        Related articles named on the page.
    removed : tuple of RemovedLine
        Lines dropped by the cleaner, with the reason.
    entities : tuple
        Named entities (reserved; empty in this release).
    source : str
        ``"text"`` or ``"html"``.
    """

    text: str
    title: str | None
    language: str
    reading_time: ReadingTime
    teasers: tuple[Teaser, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    entities: tuple[Any, ...] = ()
    source: str = "text"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-serialisable form documented in :mod:`newsnlp.article`."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "text": self.text,
            "language": self.language,
            "reading_time": self.reading_time.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "teasers": [t.to_dict() for t in self.teasers],
            "removed": [r.to_dict() for r in self.removed],
            "source": self.source,
        }


def analyze(text: str, *, images: int = 0) -> Article:
    """Clean a scraped article and measure it: language and reading time.

    Parameters
    ----------
    text : str
        Scraped article text, or an HTML page (needs ``newsnlp[html]``).
    images : int, default 0
        Number of images, added to the reading time.

    Returns
    -------
    Article
        Cleaned text, title, language, reading time, teasers, removed lines.

    Raises
    ------
    TypeError
        If *text* is not a ``str``.

    Examples
    --------
    >>> art = analyze("Temps de lecture : 1 min\\nLe gouvernement a présenté mardi son projet "
    ...               "de budget pour l’année prochaine devant les députés.")
    >>> art.language, art.reading_time.words, str(art.reading_time)
    ('fr', 15, '1 min')
    >>> sorted(art.to_dict())[:3]
    ['entities', 'language', 'reading_time']
    """
    text = ensure_text(text)
    cleaned: CleanedArticle = clean_article(text)
    language = detect_language(cleaned.text)
    rate_lang = language if language != "und" else "fr"
    return Article(
        text=cleaned.text,
        title=cleaned.title,
        language=language,
        reading_time=reading_time(cleaned.text, images=images, lang=rate_lang),
        teasers=cleaned.teasers,
        removed=cleaned.removed,
        source=cleaned.source,
    )
