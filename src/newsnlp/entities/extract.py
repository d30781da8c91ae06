"""The public functions of the entity layer: entities, ministers and countries of one or many
texts, through the spaCy pipeline of :func:`~newsnlp.entities.spacy_component.load_pipeline`.

Texts longer than :data:`CHUNK_CHARS` are cut at line or sentence ends (:func:`chunk_text`),
annotated piece by piece and put back together with offsets into the whole text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from newsnlp._deprecation import renamed
from newsnlp.checks import ensure_text
from newsnlp.entities.types import Annotation, CountryReference, Entity, Minister

__all__ = [
    "CHUNK_CHARS",
    "annotate",
    "annotate_batch",
    "chunk_text",
    "extract_annotation",
    "extract_annotations",
    "extract_entities",
    "extract_entities_batch",
]

logger = logging.getLogger(__name__)

#: Texts longer than this are processed in chunks (cut at line or sentence ends), with offsets
#: mapped back to the whole text; spaCy refuses texts over ``nlp.max_length`` (1,000,000).
CHUNK_CHARS = 100_000


def chunk_text(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """Cut *text* into (offset, piece) of at most *size* (default :data:`CHUNK_CHARS`)
    characters, at a line break, else at a sentence end, else at a space.

    Examples
    --------
    >>> chunk_text("Une phrase. Une autre phrase.\\nEt la suite.", 20)
    [(0, 'Une phrase.'), (11, ' Une autre phrase.'), (29, '\\nEt la suite.')]
    """
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n"), -1)
            if cut < size // 2:
                cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
                cut = cut + 1 if cut >= size // 2 else window.rfind(" ")
            if cut > 0:
                end = start + cut
        out.append((start, text[start:end]))
        start = end
    return out


def _shift(ann: Annotation, offset: int) -> Annotation:
    if not offset:
        return ann
    return Annotation(
        tuple(
            Entity(
                e.text,
                e.label,
                e.start + offset,
                e.end + offset,
                e.canonical,
                e.kind,
                e.country,
                e.role,
            )
            for e in ann.entities
        ),
        ann.ministers,
        tuple(
            CountryReference(r.start + offset, r.end + offset, r.text, r.country)
            for r in ann.country_refs
        ),
    )


def _merge_annotations(parts: list[Annotation]) -> Annotation:
    if len(parts) == 1:
        return parts[0]
    ministers: dict[str, Minister] = {}
    for part in parts:
        for m in part.ministers:
            ministers.setdefault(m.name, m)
    return Annotation(
        tuple(e for p in parts for e in p.entities),
        tuple(ministers.values()),
        tuple(r for p in parts for r in p.country_refs),
    )


def extract_annotations(
    texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1, model: str | None = None
) -> Iterator[Annotation]:
    """Annotate many texts with ``nlp.pipe`` batching; one :class:`Annotation` per text, in order.

    Parameters
    ----------
    texts : iterable of str
    batch_size : int, default 32
        Texts per spaCy batch (32 is as fast as 256 here with far less memory).
    n_process : int, default 1
        Worker processes for spaCy (each loads the model once).
    model : str, optional
        spaCy model name (default: :data:`newsnlp.entities.spacy_component.DEFAULT_MODEL`).

    Yields
    ------
    Annotation

    Raises
    ------
    TypeError
        If an item is not a ``str``.

    Examples
    --------
    >>> [ann.countries for ann in extract_annotations(["Le Maroc.", "", "La France et le Maroc."])]
    [{'MA': 1}, {}, {'FR': 1, 'MA': 1}]
    """
    # imported here: spaCy loads when entities are first asked for, not on `import newsnlp`
    from newsnlp.entities.spacy_component import DEFAULT_MODEL, annotation_of, load_pipeline

    nlp = load_pipeline(model or DEFAULT_MODEL)
    offsets: list[list[int]] = []  # per text, the offset of each of its chunks

    def pieces() -> Iterator[str]:
        for text in texts:
            chunks = chunk_text(ensure_text(text))
            offsets.append([offset for offset, _ in chunks])
            for _, piece in chunks:
                yield piece

    docs = iter(nlp.pipe(pieces(), batch_size=batch_size, n_process=n_process))
    for k, doc in enumerate(docs):  # one iteration per text; its other chunks follow
        parts = [_shift(annotation_of(doc), offsets[k][0])]
        parts.extend(_shift(annotation_of(next(docs)), offset) for offset in offsets[k][1:])
        yield _merge_annotations(parts)


def extract_annotation(text: str, *, model: str | None = None) -> Annotation:
    """Entities, ministers and country references of one text (see :class:`Annotation`).

    Examples
    --------
    >>> ann = extract_annotation("Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi "
    ...                "à Rabat son homologue espagnol.")
    >>> [(m.name, m.country) for m in ann.ministers]
    [('Nasser Bourita', 'MA')]
    """
    text = ensure_text(text)
    if not text.strip():
        return Annotation()
    return next(extract_annotations([text], model=model))


def extract_entities(text: str, *, model: str | None = None) -> list[Entity]:
    """Named entities of French press text, with offsets into *text* as passed.

    Parameters
    ----------
    text : str
        The text (clean it first with :func:`newsnlp.clean` for scraped pages).
    model : str, optional
        spaCy model (default ``fr_core_news_md``); loaded once per process.

    Returns
    -------
    list of Entity
        In text order; ``text[e.start:e.end] == e.text`` for every entity.

    Raises
    ------
    TypeError
        If *text* is not a ``str``.

    Examples
    --------
    >>> ents = extract_entities("Selon l’ONU, le Maroc et les États-Unis ont signé l’accord.")
    >>> [(e.text, e.label, e.canonical, e.kind, e.country) for e in ents]
    [('ONU', 'ORG', 'Organisation des Nations unies', 'institution', None), ('Maroc', 'LOC', 'Maroc', 'country', 'MA'), ('États-Unis', 'LOC', 'États-Unis', 'country', 'US')]
    """
    return list(extract_annotation(text, model=model).entities)


def extract_entities_batch(
    texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1, model: str | None = None
) -> Iterator[list[Entity]]:
    """:func:`extract_entities` over many texts with ``nlp.pipe`` batching, in input order.

    Examples
    --------
    >>> [[e.text for e in ents] for ents in extract_entities_batch(["Le Maroc.", "L’ONU."])]
    [['Maroc'], ['ONU']]
    """
    for ann in extract_annotations(texts, batch_size=batch_size, n_process=n_process, model=model):
        yield list(ann.entities)


#: Deprecated names (``annotate`` also names the batch annotator): use
#: :func:`extract_annotation` and :func:`extract_annotations`.
annotate = renamed(
    "newsnlp.entities.annotate", "newsnlp.entities.extract_annotation", extract_annotation
)
annotate_batch = renamed(
    "newsnlp.entities.annotate_batch", "newsnlp.entities.extract_annotations", extract_annotations
)
