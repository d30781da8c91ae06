"""The vocabulary and idf of related articles, from document frequencies.

:func:`fit_vocabulary` keeps the terms whose document frequency is within ``min_df`` and
``max_df`` (scikit-learn's meaning for explicit values) and computes their idf. With ``"auto"``
(the defaults) the limits follow the corpus size (:func:`resolve_df`): every term below 1,000
articles, ``min_df=2`` and ``max_df=0.5`` from there (:data:`AUTO_MIN_DF`, :data:`AUTO_MAX_DF`).
:func:`check_vocabulary` warns (logging) when what is kept is too little to rank articles.

The figures that chose them (``min_df=1`` / ``min_df=2``):

* OrangeSum, random subsets, titles and bodies, same-topic P@10: 0.324 / 0.310 at 50
  articles, 0.360 / 0.345 at 100, 0.444 / 0.450 at 300, 0.519 / 0.519 at 1,000, 0.555 / 0.556
  at 3,000, 0.581 / 0.582 at 10,000, 0.619 / 0.620 at 33,059 (``max_df`` 0.5 or 1.0: the same
  figures: no term is in half of these articles). From 1,000 articles ``min_df=2`` halves the
  vocabulary (72,305 → 41,115 terms at 10,000) for the same precision.
* ``tests/fixtures/small-corpus`` (invented stories of two or three write-ups), a new
  article's top-1 from its own story, the other articles indexed: 0.80 / 0.60 at 5 articles,
  0.90 / 0.60 at 20, 0.90 / 0.58 at 50, 0.89 / 0.52 at 75: a term seen in one indexed article
  is what a new article shares with it. (Between indexed articles ``min_df=2`` does as well or
  slightly better, 1.00 / 0.95 / 0.92 against 0.80 / 0.90 / 0.90: terms of one article cannot
  match another, they only weigh in its norm.)
* ``max_df=0.5`` on 5 articles drops the terms of a story of three: bodies only, top-1 0.6
  against 0.8 with ``max_df=1.0``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from numbers import Integral

import numpy as np
import scipy.sparse as sp

__all__ = [
    "AUTO_MAX_DF",
    "AUTO_MIN_DF",
    "MIN_TERMS",
    "Vocabulary",
    "check_vocabulary",
    "df_bounds",
    "document_frequencies",
    "fit_vocabulary",
    "resolve_df",
    "term_totals",
]

logger = logging.getLogger(__name__)

#: ``min_df="auto"``: 1 below this many documents, else the second value.
AUTO_MIN_DF = (1000, 2)
#: ``max_df="auto"``: 1.0 (no upper limit) below this many documents, else the second value.
AUTO_MAX_DF = (1000, 0.5)
#: :func:`check_vocabulary` warns when the median article keeps fewer index terms than this.
MIN_TERMS = 5


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """What :func:`fit_vocabulary` learns.

    Attributes
    ----------
    vocabulary : dict of str to int
        Term → column, columns in alphabetical order of terms.
    idf : ndarray of float64, shape (n_terms,)
        ``ln((1 + n) / (1 + df)) + 1``.
    n_documents : int
        Documents the idf was computed from.
    columns : ndarray of int64
        The column of each term given to :func:`fit_vocabulary`, ``-1`` for a dropped term.

    Examples
    --------
    >>> fit_vocabulary(["b", "a"], [1, 1], 2, min_df=1, max_df=1.0).vocabulary
    {'a': 0, 'b': 1}
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    n_documents: int
    columns: np.ndarray


def document_frequencies(parts: list[sp.csr_matrix], n_terms: int) -> np.ndarray:
    """Each term's number of documents in count *parts* (:func:`count`).

    Examples
    --------
    >>> from newsnlp.related.vectorize import count, growing_vocabulary
    >>> vocabulary = growing_vocabulary()
    >>> parts = count(["grève grève SNCF", "SNCF"], ["", ""], vocabulary)
    >>> document_frequencies(parts, len(vocabulary)).tolist()
    [1, 2]
    """
    df = np.zeros(n_terms, dtype=np.int64)
    for part in parts:
        df += np.bincount(part.indices, minlength=n_terms)
    return df


def term_totals(parts: list[sp.csr_matrix], n_terms: int) -> np.ndarray:
    """Each term's total count in count *parts* (:func:`count`).

    Examples
    --------
    >>> from newsnlp.related.vectorize import count, growing_vocabulary
    >>> vocabulary = growing_vocabulary()
    >>> parts = count(["grève grève SNCF", "SNCF"], ["", ""], vocabulary)
    >>> term_totals(parts, len(vocabulary)).tolist()
    [2.0, 2.0]
    """
    out = np.zeros(n_terms, dtype=np.float64)
    for part in parts:
        out += np.bincount(part.indices, weights=part.data, minlength=n_terms)
    return out


def resolve_df(min_df: float | str, max_df: float | str, n_documents: int) -> tuple[float, float]:
    """*min_df* and *max_df* for a corpus of *n_documents*: ``"auto"`` resolved
    (:data:`AUTO_MIN_DF`, :data:`AUTO_MAX_DF`), other values as they are.

    Examples
    --------
    >>> resolve_df("auto", "auto", 20), resolve_df("auto", "auto", 5000), resolve_df(3, 0.9, 5)
    ((1, 1.0), (2, 0.5), (3, 0.9))
    """
    if min_df == "auto":
        min_df = 1 if n_documents < AUTO_MIN_DF[0] else AUTO_MIN_DF[1]
    if max_df == "auto":
        max_df = 1.0 if n_documents < AUTO_MAX_DF[0] else AUTO_MAX_DF[1]
    return min_df, max_df  # type: ignore[return-value]


def df_bounds(min_df: float | str, max_df: float | str, n_documents: int) -> tuple[float, float]:
    """The document frequencies kept, ``lo <= df <= hi``: an int is a number of documents, a
    float a fraction of *n_documents*, ``"auto"`` as :func:`resolve_df` says (scikit-learn's
    meaning of ``min_df`` and ``max_df``, plus ``"auto"``).

    Examples
    --------
    >>> df_bounds(2, 0.5, 10), df_bounds("auto", "auto", 10)
    ((2, 5.0), (1, 10.0))
    """
    min_df, max_df = resolve_df(min_df, max_df, n_documents)
    lo = min_df if isinstance(min_df, Integral) else min_df * n_documents
    hi = max_df if isinstance(max_df, Integral) else max_df * n_documents
    return lo, hi


def fit_vocabulary(
    terms: Sequence[str] | np.ndarray,
    document_frequencies: Sequence[int] | np.ndarray,
    n_documents: int,
    *,
    min_df: float | str = "auto",
    max_df: float | str = "auto",
    max_features: int | None = None,
    term_totals: np.ndarray | Callable[[], np.ndarray] | None = None,
) -> Vocabulary:
    """The vocabulary and idf from each term's document frequency over *n_documents*.

    Keeps the terms within *min_df* and *max_df* (every term, with a logged warning, when none
    is), then the *max_features* most frequent (ties: alphabetical); columns in alphabetical
    order. *term_totals* (each term's count over the corpus, or a function computing it) is
    only read with *max_features*. The order of *terms* does not matter: the same document
    frequencies give the same vocabulary and idf, counted by :func:`count` or elsewhere.

    Raises
    ------
    ValueError
        No document, or *max_features* without *term_totals*.

    Examples
    --------
    >>> v = fit_vocabulary(["sncf", "greve", "le"], [2, 1, 3], 3, min_df=1, max_df=2)
    >>> v.vocabulary, v.columns.tolist(), v.idf.round(3).tolist()
    ({'greve': 0, 'sncf': 1}, [1, 0, -1], [1.693, 1.288])
    """
    if n_documents < 1:
        raise ValueError("cannot fit on an empty corpus: pass at least one text")
    if max_features is not None and term_totals is None:
        raise ValueError("max_features needs term_totals (each term's total count)")
    terms = np.asarray(terms, dtype=object)
    df = np.asarray(document_frequencies, dtype=np.int64)
    keep = _kept_terms(terms, df, n_documents, min_df, max_df, max_features, term_totals)
    kept = np.flatnonzero(keep)
    order = kept[np.argsort(terms[kept].astype(str), kind="stable")]  # alphabetical columns
    columns = np.full(len(terms), -1, dtype=np.int64)
    columns[order] = np.arange(len(order))
    return Vocabulary(
        vocabulary={t: i for i, t in enumerate(terms[order].tolist())},
        idf=np.log((1.0 + n_documents) / (1.0 + df[order].astype(np.float64))) + 1.0,
        n_documents=int(n_documents),
        columns=columns,
    )


def _kept_terms(
    terms: np.ndarray,
    df: np.ndarray,
    n: int,
    min_df: float | str,
    max_df: float | str,
    max_features: int | None,
    totals: np.ndarray | Callable[[], np.ndarray] | None,
) -> np.ndarray:
    lo, hi = df_bounds(min_df, max_df, n)
    keep = (df >= lo) & (df <= hi)
    if not keep.any() and len(df):
        logger.warning(
            "min_df=%r and max_df=%r leave no term in this corpus of %d texts "
            "(a single text, or identical texts): keeping every term",
            min_df, max_df, n,
        )  # fmt: skip
        keep = np.ones(len(df), dtype=bool)
    if max_features is not None and keep.sum() > max_features:
        total = totals() if callable(totals) else np.asarray(totals, dtype=np.float64)
        cand = np.flatnonzero(keep)
        # most frequent first, ties in alphabetical order (not in order of first sight)
        best = cand[np.lexsort((terms[cand].astype(str), -total[cand]))[:max_features]]
        keep = np.zeros(len(df), dtype=bool)
        keep[best] = True
    return keep


def check_vocabulary(matrix: sp.csr_matrix, min_df: object, max_df: object) -> bool:
    """Log a warning, and return ``False``, when the fitted *matrix* keeps too few terms per
    article to rank neighbours (median below :data:`MIN_TERMS`), naming the limits to relax.

    Examples
    --------
    >>> check_vocabulary(sp.csr_matrix(np.eye(3, dtype=np.float32)), 2, 0.5)
    False
    """
    n = matrix.shape[0]
    if n == 0:
        return True
    kept = float(np.median(np.diff(matrix.indptr)))
    if kept >= MIN_TERMS:
        return True
    loosest = min_df in (1, "auto") and max_df in (1.0, "auto")
    logger.warning(
        "the median article keeps %g index terms (of %d in the vocabulary) with min_df=%r and "
        "max_df=%r: too few to rank related articles reliably; %sindex longer texts (titles "
        "and bodies)",
        kept, matrix.shape[1], min_df, max_df,
        "" if loosest else "pass min_df=1, max_df=1.0 for a small corpus, or ",
    )  # fmt: skip
    return False
