"""Related articles: :class:`RelatedArticles`, a scikit-learn estimator over a French TF-IDF.

* :mod:`newsnlp.related.analysis` — French index terms (:func:`french_tokens`, the analyzers);
* :mod:`newsnlp.related.estimator` — :class:`RelatedArticles` and :class:`Related`.
"""

from __future__ import annotations

from newsnlp.related.estimator import (
    ANALYZERS,
    FRENCH_STOP_WORDS,
    Related,
    RelatedArticles,
    french_analyzer,
    french_analyzer_all_numbers,
    french_analyzer_no_numbers,
    french_tokens,
)

__all__ = [
    "ANALYZERS",
    "FRENCH_STOP_WORDS",
    "Related",
    "RelatedArticles",
    "french_analyzer",
    "french_analyzer_all_numbers",
    "french_analyzer_no_numbers",
    "french_tokens",
]
