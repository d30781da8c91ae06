"""Articles as related articles read them: plain texts, :class:`~newsnlp.Article` results and
annotated records (``newsnlp annotate`` output dicts), and their canonical entities as index
features.

An article about « l’ONU » and one about « les Nations unies » share no word; newsnlp's entity
layer gives both the canonical name « Organisation des Nations unies ». With
``RelatedArticles(entities=True)`` each article's persons, organisations, institutions, places
and countries become features of the TF-IDF space (:func:`entity_features`: ``@org:…``,
``@per:…``, ``@loc:…``, ``@country:FR``), weighed like words (tf, idf) and then by
``entity_weight``. A corpus annotated once (``newsnlp annotate``, :func:`newsnlp.analyze_batch`)
is read as it is (:func:`read_articles`); plain texts are annotated on the way (spaCy).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsnlp.checks import ensure_text
from newsnlp.text.fold import strip_accents

__all__ = [
    "ENTITY_KINDS",
    "ENTITY_PREFIX",
    "Articles",
    "annotate_texts",
    "entity_features",
    "is_entity_feature",
    "read_articles",
]

logger = logging.getLogger(__name__)

#: First character of an entity feature (never in the analyzer's words).
ENTITY_PREFIX = "@"
#: Entity kinds (:class:`newsnlp.Entity`'s ``kind``) indexed, and the group each one is indexed
#: under (a minister is a person; countries are counted apart, demonyms included).
ENTITY_KINDS: dict[str, str] = {
    "person": "per",
    "minister": "per",
    "organization": "org",
    "institution": "org",
    "city": "loc",
    "location": "loc",
}


def is_entity_feature(term: str) -> bool:
    """Whether index term *term* is an entity feature.

    Examples
    --------
    >>> is_entity_feature("@org:organisation des nations unies"), is_entity_feature("onu")
    (True, False)
    """
    return term.startswith(ENTITY_PREFIX)


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)


def _folded(name: str) -> str:
    return " ".join(strip_accents(name).lower().split())


def entity_features(entities: Iterable[Any], countries: Mapping[str, int] | None = None) -> list:
    """The entity features of one article: one per mention of a person, organisation,
    institution or place (:data:`ENTITY_KINDS`, by canonical name, lowercase, accents folded)
    and one per reference to a country (``@country:`` and its ISO code).

    *entities* are :class:`newsnlp.Entity` objects or their dicts; *countries* maps ISO codes
    to references (``Article.countries``).

    Examples
    --------
    >>> from newsnlp import Entity
    >>> ents = [Entity("ONU", "ORG", 6, 9, "Organisation des Nations unies", "institution")]
    >>> entity_features(ents, {"FR": 2})
    ['@org:organisation des nations unies', '@country:FR', '@country:FR']
    """
    out = []
    for ent in entities:
        group = ENTITY_KINDS.get(_field(ent, "kind"))
        canonical = _field(ent, "canonical")
        if group is not None and isinstance(canonical, str) and canonical.strip():
            out.append(f"{ENTITY_PREFIX}{group}:{_folded(canonical)}")
    for code, n in sorted((countries or {}).items()):
        if isinstance(code, str) and isinstance(n, int) and n > 0:
            out.extend([f"{ENTITY_PREFIX}country:{code}"] * n)
    return out


@dataclass(frozen=True)
class Articles:
    """Articles read by :func:`read_articles`: one text, title and entity feature list each.

    Attributes
    ----------
    texts : list of str
    titles : list of str or None
        ``None`` when no item has a title.
    entities : list of list of str or None
        Entity features, ``None`` when they are not asked for.
    """

    texts: list[str]
    titles: list[str | None] | None
    entities: list[list[str]] | None


def _text_of(item: Any, where: str) -> str:
    text = _field(item, "text")
    if isinstance(item, Mapping) and text is None:
        error = item.get("error")
        reason = f"its error is {error!r}" if error else "it has no 'text' field"
        raise ValueError(f"{where} is not an article: {reason}")
    return ensure_text(text, name=f"{where}.text")


def read_articles(items: Iterable[Any], *, entities: bool, name: str = "texts") -> Articles:
    """Texts, titles and (with *entities*) entity features of *items*: ``str``,
    :class:`newsnlp.Article` or annotated records (dicts with ``text`` and, optionally,
    ``title``, ``entities`` and ``countries``, as ``newsnlp annotate`` writes them). Plain texts
    are annotated when *entities* (:func:`annotate_texts`).

    Raises ``TypeError`` for an item of another type, ``ValueError`` for a record without text
    (e.g. an error record of ``newsnlp annotate``).

    Examples
    --------
    >>> read_articles(["Grève", {"text": "Budget", "title": "Loi de finances"}], entities=False)
    Articles(texts=['Grève', 'Budget'], titles=[None, 'Loi de finances'], entities=None)
    """
    if isinstance(items, (str, bytes, Mapping)):
        raise TypeError(
            f"{name} must be a list of texts, articles or records, not a single "
            f"{type(items).__name__}: wrap it in a list"
        )
    texts, titles, feats, plain = [], [], [], []
    for i, item in enumerate(items):
        where = f"{name}[{i}]"
        if isinstance(item, str):
            texts.append(ensure_text(item, name=where))
            titles.append(None)
            feats.append(None)
            plain.append(i)
            continue
        if not isinstance(item, Mapping) and not hasattr(item, "reading_time"):
            ensure_text(item, name=where)  # raises: what to pass instead
        texts.append(_text_of(item, where))
        title = _field(item, "title")
        titles.append(None if title is None else ensure_text(title, name=f"{where}.title"))
        if entities:
            found = _field(item, "entities") or ()
            feats.append(entity_features(found, _field(item, "countries")))
    if entities and plain:
        for i, found in zip(plain, annotate_texts([texts[i] for i in plain]), strict=True):
            feats[i] = found
    return Articles(
        texts=texts,
        titles=titles if any(t for t in titles) else None,
        entities=feats if entities else None,
    )


def annotate_texts(texts: Sequence[str]) -> list[list[str]]:
    """Entity features of plain *texts*, found by newsnlp's entity layer (spaCy, loaded once
    per process; ``pip install "newsnlp[entities]"`` with its French model).

    Examples
    --------
    >>> annotate_texts(["Selon l’ONU, la France et le Maroc ont signé l’accord."])
    [['@org:organisation des nations unies', '@country:FR', '@country:MA']]
    """
    if not texts:
        return []
    from newsnlp.entities import extract_annotations  # spaCy: only when asked for

    logger.info("annotating %d texts for their entities", len(texts))
    return [
        entity_features(ann.entities, ann.countries) for ann in extract_annotations(list(texts))
    ]
