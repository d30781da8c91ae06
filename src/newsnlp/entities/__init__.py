"""Named entities of French press text: spaCy's NER plus newsnlp's press layer.

* :func:`extract_entities`, :func:`extract_entities_batch`, :func:`extract_annotation`,
  :func:`extract_annotations` — entities (and ministers, countries) of one or many texts
  (:mod:`newsnlp.entities.extract`);
* :class:`Entity`, :class:`Minister`, :class:`CountryReference`, :class:`Annotation` — the
  results (:mod:`newsnlp.entities.types`);
* :class:`EntityLayer` — the press layer itself, from a text and any NER's entities
  (:mod:`newsnlp.entities.layer`, which runs the passes: :mod:`~newsnlp.entities.spans`,
  :mod:`~newsnlp.entities.roles`, :mod:`~newsnlp.entities.resolution`,
  :mod:`~newsnlp.entities.institutions`, :mod:`~newsnlp.entities.names`,
  :mod:`~newsnlp.entities.countries`, :mod:`~newsnlp.entities.output`);
* :mod:`newsnlp.entities.spacy_component` — the ``newsnlp_entities`` spaCy component and
  :func:`~newsnlp.entities.spacy_component.load_pipeline` (the only module that imports spaCy);
* :mod:`newsnlp.entities.gazetteer` — countries, demonyms, cities and institutions.
"""

from __future__ import annotations

from newsnlp.entities.extract import (
    CHUNK_CHARS,
    annotate,
    annotate_batch,
    extract_annotation,
    extract_annotations,
    extract_entities,
    extract_entities_batch,
)
from newsnlp.entities.layer import EntityLayer
from newsnlp.entities.types import LABELS, Annotation, CountryReference, Entity, Minister

__all__ = [
    "CHUNK_CHARS",
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
