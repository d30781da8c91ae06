"""TF-IDF vectors of related articles: features, counts, vocabulary and idf, weighing.

The steps of :meth:`~newsnlp.related.RelatedArticles.fit`, as public functions so that a
distributed fit (:func:`newsnlp.integrations.spark.fit_related_spark`) runs the same ones:

* :func:`features` — the index terms of one article (text and title, n-grams);
* :func:`count` — term counts of texts, a few thousand texts at a time;
* :func:`fit_vocabulary` — the vocabulary and idf from document frequencies (counted here by
  :func:`document_frequencies`, or by a distributed aggregation);
* :func:`weigh`, :func:`assemble`, :func:`vectorize` — L2-normalised TF-IDF rows.

Every step runs in a fixed order on sorted terms: the same corpus gives the same bits.
"""

from __future__ import annotations

import logging
from array import array
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from numbers import Integral
from typing import Any

import numpy as np
import scipy.sparse as sp

from newsnlp.related.analysis import french_analyzer

__all__ = [
    "FEATURE_PARAMS",
    "WEIGHT_PARAMS",
    "Vocabulary",
    "assemble",
    "count",
    "df_bounds",
    "document_frequencies",
    "feature_options",
    "features",
    "fit_tfidf",
    "fit_vocabulary",
    "growing_vocabulary",
    "term_totals",
    "vector_options",
    "vectorize",
    "weigh",
]

logger = logging.getLogger(__name__)

#: Parameters of :class:`~newsnlp.related.RelatedArticles` that :func:`features` reads.
FEATURE_PARAMS = ("analyzer", "ngram_range", "title_weight")
#: Parameters of :class:`~newsnlp.related.RelatedArticles` that :func:`weigh` reads.
WEIGHT_PARAMS = ("sublinear_tf", "dtype")
_COUNT_CHUNK = 8192  # texts counted at a time


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


def feature_options(est: Any) -> dict[str, Any]:
    """The keyword arguments of :func:`features`: those parameters of estimator *est* (read as
    attributes: no ``get_params`` on the path of every query).

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> feature_options(RelatedArticles(title_weight=2))["title_weight"]
    2
    """
    return {name: getattr(est, name) for name in FEATURE_PARAMS}


def vector_options(est: Any) -> dict[str, Any]:
    """The keyword arguments of :func:`vectorize` (:func:`features` and :func:`weigh`): those
    parameters of estimator *est*.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> sorted(vector_options(RelatedArticles()))
    ['analyzer', 'dtype', 'ngram_range', 'sublinear_tf', 'title_weight']
    """
    return {name: getattr(est, name) for name in (*FEATURE_PARAMS, *WEIGHT_PARAMS)}


def features(
    text: str,
    title: str = "",
    *,
    analyzer: Callable[[str], list[str]] = french_analyzer,
    ngram_range: tuple[int, int] = (1, 1),
    title_weight: int = 1,
) -> list[str]:
    """The index terms of one article: the analyzer's tokens of *text*, then those of *title*
    *title_weight* times, and their word n-grams (never across the text / title boundary).

    Examples
    --------
    >>> features("Grève à la SNCF", "Grève")
    ['greve', 'sncf', 'greve']
    >>> features("Le Premier ministre démissionne", ngram_range=(1, 2))
    ['premier', 'ministre', 'demissionne', 'premier ministre', 'ministre demissionne']
    """
    lo, hi = ngram_range
    parts = [analyzer(text)]
    if title and title_weight:
        parts.extend(repeat(analyzer(title), int(title_weight)))
    if (lo, hi) == (1, 1):
        return list(chain.from_iterable(parts)) if len(parts) > 1 else parts[0]
    out: list[str] = []
    for toks in parts:  # n-grams never span the text / title boundary
        for n in range(lo, hi + 1):
            if n == 1:
                out.extend(toks)
            else:
                out.extend(map(" ".join, zip(*(toks[i:] for i in range(n)), strict=False)))
    return out


def growing_vocabulary() -> defaultdict[str, int]:
    """An empty vocabulary that gives each new term the next column (for :func:`count`).

    Examples
    --------
    >>> vocabulary = growing_vocabulary()
    >>> vocabulary["sncf"], vocabulary["greve"], vocabulary["sncf"]
    (0, 1, 0)
    """
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__
    return vocabulary


def count(
    texts: Sequence[str], titles: Sequence[str], vocabulary: dict, **options: Any
) -> list[sp.csr_matrix]:
    """Term counts of *texts* (with *titles*), one CSR part per 8,192 texts (float32 counts,
    int32 columns: 8 bytes per entry).

    *vocabulary* grows when it is a :func:`growing_vocabulary`, else unknown terms drop;
    *options* are those of :func:`features`. The token ids of the whole corpus are never held
    at once.

    Examples
    --------
    >>> vocabulary = growing_vocabulary()
    >>> count(["Grève SNCF", "SNCF"], ["", ""], vocabulary)[0].toarray().tolist()
    [[1.0, 1.0], [0.0, 1.0]]
    """
    return [
        _count_chunk(texts[i : i + _COUNT_CHUNK], titles[i : i + _COUNT_CHUNK], vocabulary, options)
        for i in range(0, len(texts), _COUNT_CHUNK)
    ]


def _count_chunk(
    texts: Sequence[str], titles: Sequence[str], vocabulary: dict, options: dict
) -> sp.csr_matrix:
    grow = isinstance(vocabulary, defaultdict)
    lookup = vocabulary.__getitem__ if grow else vocabulary.get
    indices = array("q")
    indptr = array("q", [0])
    for text, title in zip(texts, titles, strict=True):
        feats = features(text, title, **options)
        if grow:
            indices.extend(map(lookup, feats))
        else:
            indices.extend(map(lookup, feats, repeat(-1)))
        indptr.append(len(indices))
    cols = np.frombuffer(indices, dtype=np.int64) if len(indices) else np.zeros(0, np.int64)
    ptr = np.frombuffer(indptr, dtype=np.int64)
    if not grow:
        keep = cols >= 0
        rows = np.repeat(np.arange(len(texts)), np.diff(ptr))[keep]
        ptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=len(texts)))))
        cols = cols[keep]
    counts = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), cols.astype(np.int32), ptr.astype(np.int32)),
        shape=(len(texts), len(vocabulary)),
    )
    counts.sum_duplicates()  # sorts the indices: a canonical, order-independent layout
    return counts


def document_frequencies(parts: list[sp.csr_matrix], n_terms: int) -> np.ndarray:
    """Each term's number of documents in count *parts* (:func:`count`).

    Examples
    --------
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
    >>> vocabulary = growing_vocabulary()
    >>> parts = count(["grève grève SNCF", "SNCF"], ["", ""], vocabulary)
    >>> term_totals(parts, len(vocabulary)).tolist()
    [2.0, 2.0]
    """
    out = np.zeros(n_terms, dtype=np.float64)
    for part in parts:
        out += np.bincount(part.indices, weights=part.data, minlength=n_terms)
    return out


def df_bounds(min_df: float, max_df: float, n_documents: int) -> tuple[float, float]:
    """The document frequencies kept, ``lo <= df <= hi``: an int is a number of documents, a
    float a fraction of *n_documents*.

    Examples
    --------
    >>> df_bounds(2, 0.5, 10)
    (2, 5.0)
    """
    lo = min_df if isinstance(min_df, Integral) else min_df * n_documents
    hi = max_df if isinstance(max_df, Integral) else max_df * n_documents
    return lo, hi


def fit_vocabulary(
    terms: Sequence[str] | np.ndarray,
    document_frequencies: Sequence[int] | np.ndarray,
    n_documents: int,
    *,
    min_df: float = 2,
    max_df: float = 0.5,
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
    min_df: float,
    max_df: float,
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


def weigh(
    counts: sp.csr_matrix,
    idf: np.ndarray,
    *,
    sublinear_tf: bool = True,
    dtype: Any = np.float32,
) -> sp.csr_matrix:
    """TF-IDF of term *counts*, L2-normalised rows, in *dtype*; a fixed order of operations
    (deterministic).

    Examples
    --------
    >>> counts = sp.csr_matrix(np.array([[1.0, 0.0], [1.0, 1.0]], dtype=np.float32))
    >>> weigh(counts, np.array([1.0, 1.0]), dtype=np.float64).toarray().round(3).tolist()
    [[1.0, 0.0], [0.707, 0.707]]
    """
    data = counts.data.astype(np.float64, copy=True)
    if sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    data *= idf[counts.indices]
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=counts.shape[0]))
    if len(data):
        data /= norms[rows]
    return sp.csr_matrix(
        (data.astype(dtype), counts.indices.copy(), counts.indptr.copy()),
        shape=counts.shape,
    )


def _remap(counts: sp.csr_matrix, columns: np.ndarray, n_terms: int) -> sp.csr_matrix:
    cols = columns[counts.indices]
    keep = cols >= 0
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[keep]
    out = sp.csr_matrix((counts.data[keep], (rows, cols[keep])), shape=(counts.shape[0], n_terms))
    out.sum_duplicates()
    out.sort_indices()
    return out


def assemble(
    parts: list[sp.csr_matrix],
    idf: np.ndarray,
    *,
    columns: np.ndarray | None = None,
    sublinear_tf: bool = True,
    dtype: Any = np.float32,
) -> sp.csr_matrix:
    """The TF-IDF matrix of count *parts* (consumed: each part is freed once copied), columns
    mapped through *columns* (:attr:`Vocabulary.columns`; ``None``: as they are), written into
    arrays allocated once: peak memory is about one matrix, not the several copies of a
    whole-corpus ``vstack``, remap and weighing.

    Examples
    --------
    >>> parts = [sp.csr_matrix(np.array([[2.0, 1.0]], dtype=np.float32))]
    >>> assemble(parts, np.array([1.0]), columns=np.array([-1, 0])).toarray().tolist()
    [[1.0]]
    """
    n_terms = len(idf)
    n_rows = sum(p.shape[0] for p in parts)
    nnz = sum(
        p.nnz if columns is None else int(np.count_nonzero(columns[p.indices] >= 0)) for p in parts
    )
    idx = np.int32 if max(nnz, n_terms, n_rows) < np.iinfo(np.int32).max else np.int64
    data = np.empty(nnz, dtype=dtype)
    indices = np.empty(nnz, dtype=idx)
    indptr = np.zeros(n_rows + 1, dtype=idx)
    pos = row = 0
    parts.reverse()
    while parts:
        part = parts.pop()
        if columns is not None:
            part = _remap(part, columns, n_terms)
        w = weigh(part, idf, sublinear_tf=sublinear_tf, dtype=dtype)
        data[pos : pos + w.nnz] = w.data
        indices[pos : pos + w.nnz] = w.indices
        indptr[row + 1 : row + 1 + w.shape[0]] = w.indptr[1:] + pos
        pos += w.nnz
        row += w.shape[0]
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_terms), copy=False)


def fit_tfidf(
    texts: Sequence[str],
    titles: Sequence[str],
    *,
    min_df: float = 2,
    max_df: float = 0.5,
    max_features: int | None = None,
    **options: Any,
) -> tuple[Vocabulary, sp.csr_matrix]:
    """The vocabulary, idf and TF-IDF rows of *texts* (with *titles*): :func:`count` with a
    growing vocabulary, :func:`fit_vocabulary`, :func:`assemble`. *options*: those of
    :func:`features` and :func:`weigh`.

    Examples
    --------
    >>> fitted, matrix = fit_tfidf(["Grève SNCF", "SNCF", "Budget"], ["", "", ""], min_df=1)
    >>> fitted.vocabulary, matrix.shape  # "sncf" is in more than max_df=0.5 of the texts
    ({'budget': 0, 'greve': 1}, (3, 2))
    """
    weights = {k: options.pop(k) for k in WEIGHT_PARAMS if k in options}
    vocabulary = growing_vocabulary()
    parts = count(texts, titles, vocabulary, **options)
    terms = np.array(list(vocabulary), dtype=object)
    fitted = fit_vocabulary(
        terms,
        document_frequencies(parts, len(terms)),
        len(texts),
        min_df=min_df,
        max_df=max_df,
        max_features=max_features,
        term_totals=lambda: term_totals(parts, len(terms)),
    )
    return fitted, assemble(parts, fitted.idf, columns=fitted.columns, **weights)


def vectorize(
    texts: Sequence[str],
    titles: Sequence[str],
    vocabulary: Mapping[str, int],
    idf: np.ndarray,
    **options: Any,
) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of *texts* with a fitted *vocabulary* and *idf* (unknown terms
    ignored); *options*: those of :func:`features` and :func:`weigh`.

    Examples
    --------
    >>> vectorize(["grève, grève", "budget"], ["", ""], {"greve": 0}, np.ones(1)).toarray()
    array([[1.],
           [0.]], dtype=float32)
    """
    weights = {k: options.pop(k) for k in WEIGHT_PARAMS if k in options}
    parts = count(texts, titles, vocabulary, **options)  # type: ignore[arg-type]
    return assemble(parts, idf, **weights)
