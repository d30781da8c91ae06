"""``analyze``: the whole text layer in one call, and the :class:`Article` it returns.

Pipeline: :func:`newsnlp.clean_article` → :func:`newsnlp.detect_language` →
:func:`newsnlp.reading_time` (at the detected language's rate) → entities
(:func:`newsnlp.entities.annotate`: mentions, ministers, countries, institutions) for French text.

``Article.to_dict()`` schema (version :data:`SCHEMA_VERSION`), all values JSON-serialisable::

    {
      "schema_version": "1",
      "title": str | null,          # article title, or null
      "text": str,                  # cleaned text, one title/heading/paragraph per line
      "language": str,              # ISO 639-1 code, "und" when undetermined
      "reading_time": {"words": int, "seconds": float, "minutes": int, "wpm": float, "lang": str},
      "entities": [{"text", "label", "start", "end", "canonical", "kind", "country", "role"}],
                                    # offsets into "text"; label PER | ORG | LOC | MISC
      "ministers": [{"name": str, "role": str, "country": str | null}],   # one per person
      "countries": {"MA": 7, "ES": 6},   # ISO alpha-2 → references (names, demonyms, adjectives)
      "institutions": [str],        # canonical names, one per institution
      "teasers": [{"title": str, "lede": str | null}],
      "removed": [{"line": int, "text": str, "reason": str}],
      "source": "text" | "html"
    }
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsnlp.checks import ensure_text
from newsnlp.entities import Annotation, Entity, Minister, annotate
from newsnlp.text.clean import CleanedArticle, RemovedLine, Teaser, clean_article
from newsnlp.text.langid import detect_language
from newsnlp.text.readtime import ReadingTime, reading_time

__all__ = ["SCHEMA_VERSION", "Article", "analyze", "assemble", "needs_entities"]

#: Version of the :meth:`Article.to_dict` schema; bumped on any incompatible change.
SCHEMA_VERSION = "2"


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
    entities : tuple of Entity
        Named entities, offsets into :attr:`text`.
    ministers : tuple of Minister
        Sitting ministers named in the article, one per person.
    countries : dict
        ISO 3166-1 alpha-2 → number of references (names, demonym nouns and adjectives).
    institutions : tuple of str
        Canonical names of the institutions mentioned, one per institution.
    source : str
        ``"text"`` or ``"html"``.
    """

    text: str
    title: str | None
    language: str
    reading_time: ReadingTime
    teasers: tuple[Teaser, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    entities: tuple[Entity, ...] = ()
    ministers: tuple[Minister, ...] = ()
    countries: dict[str, int] = field(default_factory=dict)
    institutions: tuple[str, ...] = ()
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
            "ministers": [m.to_dict() for m in self.ministers],
            "countries": dict(self.countries),
            "institutions": list(self.institutions),
            "teasers": [t.to_dict() for t in self.teasers],
            "removed": [r.to_dict() for r in self.removed],
            "source": self.source,
        }


def analyze(text: str, *, images: int = 0, entities: bool = True) -> Article:
    """Clean a scraped article and analyse it: language, reading time, entities.

    Parameters
    ----------
    text : str
        Scraped article text, or an HTML page (needs ``newsnlp[html]``).
    images : int, default 0
        Number of images, added to the reading time.
    entities : bool, default True
        Extract named entities, ministers, countries and institutions (French text only; loads
        the spaCy model once per process). ``False`` skips spaCy entirely.

    Returns
    -------
    Article
        Cleaned text, title, language, reading time, teasers, removed lines, entities.

    Raises
    ------
    TypeError
        If *text* is not a ``str``.

    Examples
    --------
    >>> art = analyze("Temps de lecture : 1 min\\nLe gouvernement a présenté mardi son projet "
    ...               "de budget pour l’année prochaine devant les députés.", entities=False)
    >>> art.language, art.reading_time.words, str(art.reading_time)
    ('fr', 15, '1 min')
    >>> art.entities, art.ministers
    ((), ())
    >>> art = analyze("Le ministre de l’Intérieur, Abdelouafi Laftit, a reçu lundi à Rabat "
    ...               "le ministre français de l’Intérieur, Bruno Retailleau.")
    >>> [(m.name, m.country) for m in art.ministers]
    [('Abdelouafi Laftit', 'MA'), ('Bruno Retailleau', 'FR')]
    """
    text = ensure_text(text)
    cleaned: CleanedArticle = clean_article(text)
    language = detect_language(cleaned.text)
    ann = annotate(cleaned.text) if entities and needs_entities(cleaned, language) else Annotation()
    return assemble(cleaned, language, ann, images=images)


def needs_entities(cleaned: CleanedArticle, language: str) -> bool:
    """Whether :func:`analyze` runs the entity layer on *cleaned*: French (or undetermined)
    text that is not empty."""
    return language in {"fr", "und"} and bool(cleaned.text.strip())


def assemble(
    cleaned: CleanedArticle, language: str, annotation: Annotation, *, images: int = 0
) -> Article:
    """Build the :class:`Article` from its parts: the cleaned article, its language and its
    entity annotation. :func:`analyze` and the batch annotator (which batches the entity step
    through spaCy) both end here, so they give the same records."""
    rate_lang = language if language != "und" else "fr"
    return Article(
        text=cleaned.text,
        title=cleaned.title,
        language=language,
        reading_time=reading_time(cleaned.text, images=images, lang=rate_lang),
        teasers=cleaned.teasers,
        removed=cleaned.removed,
        entities=annotation.entities,
        ministers=annotation.ministers,
        countries=annotation.countries,
        institutions=annotation.institutions,
        source=cleaned.source,
    )
