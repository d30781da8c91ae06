"""Named entities of French press text: spaCy's NER plus newsnlp's press layer.

* :func:`extract_entities`, :func:`extract_entities_batch` — entities of one or many texts;
* :class:`EntityLayer` — the press layer itself, from a text and spaCy's entities;
* :mod:`newsnlp.entities.spacy_component` — the ``newsnlp_entities`` spaCy component and
  :func:`~newsnlp.entities.spacy_component.load_pipeline`;
* :mod:`newsnlp.entities.gazetteer` — countries, demonyms, cities and institutions.
"""

from __future__ import annotations

from newsnlp.entities.layer import (
    LABELS,
    Annotation,
    CountryReference,
    Entity,
    EntityLayer,
    Minister,
    annotate,
    annotate_batch,
    extract_annotation,
    extract_annotations,
    extract_entities,
    extract_entities_batch,
)

__all__ = [
    "LABELS",
    "Annotation",
    "CountryReference",
    "Entity",
    "EntityLayer",
    "Minister",
    "annotate",
    "annotate_batch",
    "extract_annotation",
    "extract_annotations",
    "extract_entities",
    "extract_entities_batch",
]
