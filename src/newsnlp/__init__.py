"""newsnlp: French-language news text, cleaned and analysed.

>>> import newsnlp
>>> newsnlp.clean("Temps de lecture : 2 min\\nLe Maroc et l'Espagne renforcent leur coopération.")
'Le Maroc et l’Espagne renforcent leur coopération.'

Public API (stable): :func:`clean`, :func:`clean_article`, :func:`explain_cleaning`,
:func:`detect_language`, :func:`detect_languages`, :func:`reading_time`, :func:`analyze`,
:func:`extract_entities`, :func:`extract_entities_batch`, :func:`load_pipeline`,
:func:`warmup` (for services: load everything before the first call),
:func:`annotate` and :func:`annotate_dataframe` (corpora in batch, :mod:`newsnlp.batch`),
:class:`RelatedArticles` and their result types. Helpers for notebooks and evaluations:
:mod:`newsnlp.display` (entities for displaCy, country names) and :mod:`newsnlp.evaluation`
(precision@k, exact cosine neighbours, the evaluation data folder).
Importing is cheap: language profiles load on first use.
"""

from __future__ import annotations

import logging

from newsnlp._lazy import lazy as _lazy
from newsnlp._version import __version__
from newsnlp.article import Article, analyze
from newsnlp.entities import Entity, Minister, extract_entities, extract_entities_batch
from newsnlp.text.clean import (
    CleanedArticle,
    LineDecision,
    RemovedLine,
    Teaser,
    clean,
    clean_article,
    explain_cleaning,
)
from newsnlp.text.langid import LanguageGuess, detect_language, detect_languages
from newsnlp.text.readtime import ReadingTime, count_words, reading_time

__all__ = [
    "Article",
    "CleanedArticle",
    "Entity",
    "LanguageGuess",
    "LineDecision",
    "Minister",
    "ReadingTime",
    "Related",
    "RelatedArticles",
    "RemovedLine",
    "Teaser",
    "__version__",
    "analyze",
    "annotate",
    "annotate_dataframe",
    "clean",
    "clean_article",
    "count_words",
    "detect_language",
    "detect_languages",
    "explain_cleaning",
    "extract_entities",
    "extract_entities_batch",
    "load_pipeline",
    "reading_time",
    "warmup",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


_LAZY = {
    # these import spaCy or scikit-learn: keep `import newsnlp` light until they are asked for
    "load_pipeline": "newsnlp.entities.spacy_component",
    "RelatedArticles": "newsnlp.related",
    "Related": "newsnlp.related",
    "annotate": "newsnlp.batch",
    "annotate_dataframe": "newsnlp.batch",
    "warmup": "newsnlp.entities.extract",
}

__getattr__ = _lazy(__name__, _LAZY)
