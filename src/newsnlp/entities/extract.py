"""The public functions of the entity layer: entities, ministers and countries of one or many
texts, through the spaCy pipeline of :func:`~newsnlp.entities.spacy_component.load_pipeline`.

Texts longer than :data:`CHUNK_CHARS` are cut at line or sentence ends (:func:`chunk_text`),
annotated piece by piece and put back together with offsets into the whole text. A spaCy batch
holds at most :data:`BATCH_CHARS` characters, and runs in the pipeline's shared memory zone
(:mod:`newsnlp.entities.runtime`): memory is bounded by the input, not by its shape or by how
long the process has been running.
"""

from __future__ import annotations

import inspect
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsnlp._deprecation import renamed
from newsnlp.checks import check_int, ensure_text
from newsnlp.entities.runtime import check_model, check_n_process, memory_zone, warm_text
from newsnlp.entities.types import Annotation, CountryReference, Entity, Minister

__all__ = [
    "BATCH_CHARS",
    "CHUNK_CHARS",
    "annotate",
    "annotate_batch",
    "check_texts",
    "chunk_text",
    "extract_annotation",
    "extract_annotations",
    "extract_entities",
    "extract_entities_batch",
    "warmup",
]

logger = logging.getLogger(__name__)

#: Texts longer than this are processed in chunks (cut at line or sentence ends), with offsets
#: mapped back to the whole text; spaCy refuses texts over ``nlp.max_length`` (1,000,000).
CHUNK_CHARS = 100_000
#: At most this many characters go through spaCy in one batch (at least one piece): the
#: model's working memory grows with the characters of a batch, not with their number.
BATCH_CHARS = 100_000


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


@dataclass(frozen=True, slots=True)
class _Piece:
    """A piece of a text on its way through spaCy: its offset, whether it is the last, and
    the lines of the page around the text."""

    text: str
    offset: int
    last: bool
    page: tuple[str, ...] = ()

    def doc_like(self, nlp: Any) -> Any:
        """What ``nlp.pipe`` reads: the text, or a Doc carrying its page
        (``doc._.newsnlp_page``)."""
        if not self.page:
            return self.text
        from newsnlp.entities.spacy_component import PAGE_EXTENSION

        doc = nlp.make_doc(self.text)
        setattr(doc._, PAGE_EXTENSION, self.page)
        return doc


_NO_PAGE = object()


def _pieces(texts: Iterable[object], pages: Iterable[object] | None = None) -> Iterator[_Piece]:
    around = iter(pages) if pages is not None else None
    for text in texts:
        page: tuple[str, ...] = ()
        if around is not None:
            found = next(around, _NO_PAGE)
            if found is _NO_PAGE:
                raise ValueError("pages has fewer items than texts: give one per text")
            page = _page_lines(found)
        chunks = chunk_text(ensure_text(text))
        for n, (offset, piece) in enumerate(chunks, 1):
            yield _Piece(piece, offset, n == len(chunks), page)
    if around is not None and next(around, _NO_PAGE) is not _NO_PAGE:
        raise ValueError("pages has more items than texts: give one per text")


def _page_lines(page: object) -> tuple[str, ...]:
    """One text's page lines as a tuple of str, or a TypeError naming what to give."""
    if isinstance(page, (str, bytes)) or not isinstance(page, Iterable):
        raise TypeError(
            "pages must give, for each text, a sequence of str (the lines of the page around "
            f"it), not {type(page).__name__}"
        )
    lines = tuple(page)
    for line in lines:
        if not isinstance(line, str):
            raise TypeError(f"page lines must be str, not {type(line).__name__}")
    return lines


def _groups(pieces: Iterable[_Piece], batch_size: int) -> Iterator[list[_Piece]]:
    """Batches of at most *batch_size* pieces and :data:`BATCH_CHARS` characters (at least
    one piece each)."""
    group: list[_Piece] = []
    chars = 0
    for piece in pieces:
        if group and (len(group) >= batch_size or chars + len(piece.text) > BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(piece)
        chars += len(piece.text)
    if group:
        yield group


def _annotated(nlp: Any, pieces: Iterable[_Piece], batch_size: int) -> Iterator[tuple]:
    """(piece, its annotation) in order: one spaCy batch at a time, each in the pipeline's
    shared memory zone (see :mod:`newsnlp.entities.runtime`)."""
    from newsnlp.entities.spacy_component import annotation_of

    for group in _groups(pieces, batch_size):
        with memory_zone(nlp):
            docs = nlp.pipe([p.doc_like(nlp) for p in group], batch_size=len(group))
            annotations = [annotation_of(doc) for doc in docs]
        yield from zip(group, annotations, strict=True)


def _annotated_in_processes(
    nlp: Any, pieces: Iterable[_Piece], batch_size: int, n_process: int
) -> Iterator[tuple]:
    """As :func:`_annotated` with spaCy's worker processes: each doc they send back is read
    in the shared memory zone."""
    from newsnlp.entities.spacy_component import annotation_of

    sent: deque[_Piece] = deque()

    def stream() -> Iterator[Any]:
        for piece in pieces:
            sent.append(piece)
            yield piece.doc_like(nlp)

    docs = nlp.pipe(stream(), batch_size=batch_size, n_process=n_process)
    before = set(multiprocessing.active_children())
    workers: list[Any] = []
    done = False
    try:
        while True:
            with memory_zone(nlp):
                doc = next(docs, None)
                workers = workers or _pipe_workers(before)
                if doc is None:
                    done = True
                    return
                annotation = annotation_of(doc)
            yield sent.popleft(), annotation
    finally:
        if not done:
            # Left before the end (a loop broken, zip() with a shorter list, an error): spaCy
            # would join workers blocked on sending docs nobody reads, forever
            # (explosion/spaCy#8798); they are stopped first.
            _abandon(docs, workers)
        docs.close()


def _abandon(docs: Any, workers: list[Any]) -> None:
    """Stop spaCy's multiprocess ``nlp.pipe`` generator *docs* left before its end: its
    *workers* are terminated, and its queues of texts told not to wait at exit for texts
    nobody will read (``cancel_join_thread``: the process would otherwise never exit). The
    queues are read from the generator's frame; with a spaCy that keeps them elsewhere, only
    the workers are stopped."""
    for proc in workers:
        proc.terminate()
    for queue in _pipe_locals(docs, "texts_q") or ():
        if hasattr(queue, "cancel_join_thread"):
            queue.cancel_join_thread()


def _pipe_locals(gen: Any, name: str, depth: int = 3) -> Any:
    """The local variable *name* of generator *gen* or of a generator it holds (``pipe`` holds
    ``_multiprocessing_pipe``'s), searched *depth* generators deep; ``None`` if none has it."""
    frame = getattr(gen, "gi_frame", None)
    if frame is None or depth == 0:
        return None
    found = frame.f_locals.get(name)
    if found is not None:
        return found
    for value in frame.f_locals.values():
        if inspect.isgenerator(value) and value is not gen:
            found = _pipe_locals(value, name, depth - 1)
            if found is not None:
                return found
    return None


def _pipe_workers(before: set[Any]) -> list[Any]:
    """The worker processes spaCy's ``nlp.pipe`` started (on its first ``next``) since the
    child processes *before* were listed."""
    return [p for p in multiprocessing.active_children() if p not in before]


def extract_annotations(
    texts: Iterable[str],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str | None = None,
    pages: Iterable[Sequence[str]] | None = None,
) -> Iterator[Annotation]:
    """Annotate many texts with ``nlp.pipe`` batching; one :class:`Annotation` per text, in order.

    Memory is bounded by the characters in flight, not by the texts' sizes: texts longer than
    :data:`CHUNK_CHARS` are cut into pieces, and a spaCy batch holds at most *batch_size*
    pieces and :data:`BATCH_CHARS` characters (with ``n_process > 1``, spaCy's workers take
    *batch_size* pieces at a time: lower it for very long texts). Each batch runs in the
    pipeline's shared memory zone (:func:`newsnlp.entities.runtime.memory_zone`), so a
    long-running process does not grow with the new words it reads.

    Parameters
    ----------
    texts : iterable of str
        Read lazily; not a ``str`` itself.
    batch_size : int, default 32
        Texts (or pieces of long texts) per spaCy batch, at least 1.
    n_process : int, default 1
        Worker processes for spaCy (each loads the model once); -1 for one per CPU.
    model : str, optional
        spaCy model name or path (default:
        :data:`newsnlp.entities.spacy_component.DEFAULT_MODEL`).
    pages : iterable of sequence of str, optional
        One per text, read along with *texts*: the lines of the page around the text that
        the cleaner removed (:attr:`newsnlp.Article.removed`; :func:`newsnlp.analyze` passes
        them). When a text does not decide its home country, the page's
        (:func:`newsnlp.entities.countries.page_country`: a dateline on its own line, a
        rubric naming a country) is the government of a minister the text does not place.

    Yields
    ------
    Annotation

    Raises
    ------
    TypeError
        If *texts* is a ``str`` or not iterable, an option has the wrong type (now), or an
        item is not a ``str`` (when the iteration reaches it).
    ValueError
        If *batch_size* < 1 or *n_process* < 1 (other than -1).

    Examples
    --------
    >>> [ann.countries for ann in extract_annotations(["Le Maroc.", "", "La France et le Maroc."])]
    [{'MA': 1}, {}, {'FR': 1, 'MA': 1}]
    >>> text = "Le ministre des Finances, Cheikh Diba, a parlé."
    >>> ann = next(extract_annotations([text], pages=[["Dakar (APS) –"]]))
    >>> [(m.country, m.country_source) for m in ann.ministers]
    [('SN', 'home')]
    >>> extract_annotations(["Le Maroc."], batch_size=0)
    Traceback (most recent call last):
    ...
    ValueError: batch_size must be >= 1, not 0
    """
    texts = check_texts(texts)
    batch_size = check_int(batch_size, "batch_size", 1)
    n_process = check_n_process(n_process)
    model = None if model is None else check_model(model)
    if pages is not None and (isinstance(pages, (str, bytes)) or not isinstance(pages, Iterable)):
        raise TypeError(
            "pages must be an iterable with, for each text, a sequence of str (the lines of "
            f"the page around it), not {type(pages).__name__}"
        )
    return _annotations(texts, batch_size, n_process, model, pages)


def _annotations(
    texts: Iterable[object],
    batch_size: int,
    n_process: int,
    model: str | None,
    pages: Iterable[object] | None = None,
) -> Iterator[Annotation]:
    # imported here: spaCy loads when entities are first asked for, not on `import newsnlp`
    from newsnlp.entities.spacy_component import DEFAULT_MODEL, load_pipeline

    nlp = load_pipeline(model or DEFAULT_MODEL)
    pieces = _pieces(texts, pages)
    if n_process == 1:
        results = _annotated(nlp, pieces, batch_size)
    else:
        results = _annotated_in_processes(nlp, pieces, batch_size, n_process)
    parts: list[Annotation] = []
    for piece, annotation in results:
        parts.append(_shift(annotation, piece.offset))
        if piece.last:
            yield _merge_annotations(parts)
            parts = []


def check_texts(texts: object) -> Iterable[object]:
    """*texts* if it is an iterable of texts (not a single ``str``); ``TypeError`` otherwise.

    Examples
    --------
    >>> check_texts("Le Maroc.")
    Traceback (most recent call last):
    ...
    TypeError: texts must be an iterable of str (one per text), not a str: pass [text], or call extract_entities(text)
    """
    if isinstance(texts, str):
        raise TypeError(
            "texts must be an iterable of str (one per text), not a str: pass [text], or call "
            "extract_entities(text)"
        )
    if isinstance(texts, (bytes, bytearray, memoryview)) or not isinstance(texts, Iterable):
        raise TypeError(
            f"texts must be an iterable of str (one per text), not {type(texts).__name__}"
        )
    return texts


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

    The options are checked when the function is called; the texts are read as the result
    is iterated (see :func:`extract_annotations`, which gives the same bounds on memory).

    Examples
    --------
    >>> [[e.text for e in ents] for ents in extract_entities_batch(["Le Maroc.", "L’ONU."])]
    [['Maroc'], ['ONU']]
    >>> extract_entities_batch("Le Maroc.")
    Traceback (most recent call last):
    ...
    TypeError: texts must be an iterable of str (one per text), not a str: pass [text], or call extract_entities(text)
    """
    annotations = extract_annotations(
        texts, batch_size=batch_size, n_process=n_process, model=model
    )
    return (list(ann.entities) for ann in annotations)


def warmup(*, model: str | None = None, entities: bool = True) -> None:
    """Load and run once everything :func:`newsnlp.analyze` loads on first use, so that the
    next call runs at its steady speed (for services: before the first request).

    Parameters
    ----------
    model : str, optional
        spaCy model (default ``fr_core_news_md``).
    entities : bool, default True
        ``False`` warms the text steps only (cleaning, language, reading time) and does not
        load spaCy, as :func:`newsnlp.analyze` with ``entities=False``.

    Examples
    --------
    >>> warmup()
    >>> warmup(entities=False)
    """
    model = None if model is None else check_model(model)
    if not isinstance(entities, bool):
        raise TypeError(f"entities must be True or False, not {type(entities).__name__}")
    if not entities:
        warm_text()
        return
    from newsnlp.entities.spacy_component import DEFAULT_MODEL, load_pipeline

    load_pipeline(model or DEFAULT_MODEL, warm=True)


#: Deprecated names (``annotate`` also names the batch annotator): use
#: :func:`extract_annotation` and :func:`extract_annotations`.
annotate = renamed(
    "newsnlp.entities.annotate", "newsnlp.entities.extract_annotation", extract_annotation
)
annotate_batch = renamed(
    "newsnlp.entities.annotate_batch", "newsnlp.entities.extract_annotations", extract_annotations
)
