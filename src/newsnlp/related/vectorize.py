"""TF-IDF vectors of related articles: features, counts, vocabulary and idf, weighing.

The steps of :meth:`~newsnlp.related.RelatedArticles.fit`, as public functions so that a
distributed fit (:func:`newsnlp.integrations.spark.fit_related_spark`) runs the same ones:

* :func:`features` — the index terms of one article (text and title, n-grams, and the
  canonical entities of :mod:`newsnlp.related.annotated` when given);
* :func:`count` — term counts of texts, a few thousand texts at a time (and the bodies'
  shingle signatures, :mod:`newsnlp.related.shingles`, from the same tokens);
* :func:`~newsnlp.related.vocabulary.fit_vocabulary` — the vocabulary and idf from document
  frequencies (counted here by :func:`~newsnlp.related.vocabulary.document_frequencies`, or
  by a distributed aggregation), in :mod:`newsnlp.related.vocabulary` (re-exported here);
* :func:`column_weights` — the weight of each column (entity features: ``entity_weight``);
* :func:`weigh`, :func:`assemble`, :func:`vectorize` — L2-normalised TF-IDF rows.

Every step runs in a fixed order on sorted terms: the same corpus gives the same bits.
"""

from __future__ import annotations

import logging
from array import array
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import chain, repeat
from typing import Any

import numpy as np
import scipy.sparse as sp

from newsnlp.related.analysis import french_analyzer
from newsnlp.related.annotated import is_entity_feature
from newsnlp.related.shingles import signatures as shingle_signatures
from newsnlp.related.vocabulary import (
    Vocabulary,
    check_vocabulary,
    df_bounds,
    document_frequencies,
    fit_vocabulary,
    term_totals,
)

__all__ = [
    "FEATURE_PARAMS",
    "WEIGHT_PARAMS",
    "Vocabulary",
    "assemble",
    "column_weights",
    "count",
    "df_bounds",
    "document_frequencies",
    "feature_options",
    "features",
    "fit_tfidf",
    "fit_vocabulary",
    "growing_vocabulary",
    "index_rows",
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
    entities: Sequence[str] = (),
) -> list[str]:
    """The index terms of one article: the analyzer's tokens of *text*, then those of *title*
    *title_weight* times, and their word n-grams (never across the text / title boundary),
    then the *entities* features (:func:`newsnlp.related.annotated.entity_features`) as they are.

    Examples
    --------
    >>> features("Grève à la SNCF", "Grève")
    ['greve', 'sncf', 'greve']
    >>> features("Le Premier ministre démissionne", ngram_range=(1, 2))
    ['premier', 'ministre', 'demissionne', 'premier ministre', 'ministre demissionne']
    """
    return _features(analyzer(text), title, analyzer, ngram_range, title_weight, entities)


def _features(
    tokens: list[str],
    title: str,
    analyzer: Callable[[str], list[str]],
    ngram_range: tuple[int, int],
    title_weight: int,
    entities: Sequence[str] = (),
) -> list[str]:
    """:func:`features` from the text's *tokens* (the analyzer's)."""
    lo, hi = ngram_range
    parts = [tokens]
    if title and title_weight:
        parts.extend(repeat(analyzer(title), int(title_weight)))
    if (lo, hi) == (1, 1):
        out = list(chain.from_iterable(parts)) if len(parts) > 1 or entities else tokens
    else:
        out = []
        for toks in parts:  # n-grams never span the text / title boundary
            for n in range(lo, hi + 1):
                if n == 1:
                    out.extend(toks)
                else:
                    out.extend(map(" ".join, zip(*(toks[i:] for i in range(n)), strict=False)))
    if entities:
        out.extend(entities)
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
    texts: Sequence[str],
    titles: Sequence[str],
    vocabulary: dict,
    *,
    entities: Sequence[Sequence[str]] | None = None,
    signatures: bool = False,
    **options: Any,
) -> list[sp.csr_matrix] | tuple[list[sp.csr_matrix], tuple[np.ndarray, np.ndarray]]:
    """Term counts of *texts* (with *titles* and the *entities* features of each text), one
    CSR part per 8,192 texts (float32 counts, int32 columns: 8 bytes per entry).

    *vocabulary* grows when it is a :func:`growing_vocabulary`, else unknown terms drop;
    *options* are those of :func:`features`. The token ids of the whole corpus are never held
    at once. With *signatures*, also returns the bodies' shingle signatures and counts
    (:func:`newsnlp.related.shingles.signatures`), from the same tokens.

    Examples
    --------
    >>> vocabulary = growing_vocabulary()
    >>> count(["Grève SNCF", "SNCF"], ["", ""], vocabulary)[0].toarray().tolist()
    [[1.0, 1.0], [0.0, 1.0]]
    """
    parts, sigs, shingles = [], [], []
    for i in range(0, len(texts), _COUNT_CHUNK):
        part, sign = _count_chunk(
            texts[i : i + _COUNT_CHUNK],
            titles[i : i + _COUNT_CHUNK],
            None if entities is None else entities[i : i + _COUNT_CHUNK],
            vocabulary,
            options,
            signatures,
        )
        parts.append(part)
        if sign is not None:
            sigs.append(sign[0])
            shingles.append(sign[1])
    if not signatures:
        return parts
    if not sigs:
        return parts, shingle_signatures([])
    return parts, (np.concatenate(sigs), np.concatenate(shingles))


def _count_chunk(
    texts: Sequence[str],
    titles: Sequence[str],
    entities: Sequence[Sequence[str]] | None,
    vocabulary: dict,
    options: dict,
    sign: bool,
) -> tuple[sp.csr_matrix, tuple[np.ndarray, np.ndarray] | None]:
    grow = isinstance(vocabulary, defaultdict)
    lookup = vocabulary.__getitem__ if grow else vocabulary.get
    analyzer = options.get("analyzer", french_analyzer)
    ngrams, weight = options.get("ngram_range", (1, 1)), options.get("title_weight", 1)
    indices = array("q")
    indptr = array("q", [0])
    bodies: list[list[str]] = []
    for k, (text, title) in enumerate(zip(texts, titles, strict=True)):
        tokens = analyzer(text)
        ents = () if entities is None else entities[k]
        feats = _features(tokens, title, analyzer, ngrams, weight, ents)
        if sign:
            bodies.append(tokens)
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
    return counts, (shingle_signatures(bodies) if sign else None)


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


def column_weights(terms: Sequence[str], entity_weight: float = 1.0) -> np.ndarray:
    """Each column's weight: *entity_weight* for the entity features
    (:func:`newsnlp.related.annotated.is_entity_feature`), 1 for words.

    Examples
    --------
    >>> column_weights(["@org:onu", "greve"], 2.0).tolist()
    [2.0, 1.0]
    """
    out = np.ones(len(terms), dtype=np.float64)
    if entity_weight != 1.0:
        out[[i for i, t in enumerate(terms) if is_entity_feature(t)]] = float(entity_weight)
    return out


def fit_tfidf(
    texts: Sequence[str],
    titles: Sequence[str],
    *,
    min_df: float | str = "auto",
    max_df: float | str = "auto",
    max_features: int | None = None,
    entities: Sequence[Sequence[str]] | None = None,
    entity_weight: float = 1.0,
    signatures: bool = False,
    **options: Any,
) -> tuple[Vocabulary, sp.csr_matrix, tuple[np.ndarray, np.ndarray] | None]:
    """The vocabulary, idf and TF-IDF rows of *texts* (with *titles* and *entities* features,
    weighted by *entity_weight*) and, with *signatures*, the bodies' shingle signatures:
    :func:`count` with a growing vocabulary, :func:`fit_vocabulary`, :func:`assemble`.
    *options*: those of :func:`features` and :func:`weigh`. Warns (logging) when too few terms
    are kept (:func:`~newsnlp.related.vocabulary.check_vocabulary`).

    Examples
    --------
    >>> fitted, matrix, _ = fit_tfidf(["Grève SNCF", "SNCF", "Budget"], ["", "", ""],
    ...                               min_df=1, max_df=0.5)
    >>> fitted.vocabulary, matrix.shape  # "sncf" is in more than max_df=0.5 of the texts
    ({'budget': 0, 'greve': 1}, (3, 2))
    """
    weights = {k: options.pop(k) for k in WEIGHT_PARAMS if k in options}
    vocabulary = growing_vocabulary()
    counted = count(texts, titles, vocabulary, entities=entities, signatures=signatures, **options)
    parts, sign = counted if signatures else (counted, None)
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
    idf = fitted.idf * column_weights(list(fitted.vocabulary), entity_weight)
    matrix = assemble(parts, idf, columns=fitted.columns, **weights)
    check_vocabulary(matrix, min_df, max_df)
    return fitted, matrix, sign


def vectorize(
    texts: Sequence[str],
    titles: Sequence[str],
    vocabulary: Mapping[str, int],
    idf: np.ndarray,
    *,
    entities: Sequence[Sequence[str]] | None = None,
    signatures: bool = False,
    **options: Any,
) -> sp.csr_matrix | tuple[sp.csr_matrix, tuple[np.ndarray, np.ndarray]]:
    """L2-normalised TF-IDF rows of *texts* (with *titles* and *entities* features) with a
    fitted *vocabulary* and *idf* (the column weights included: idf × :func:`column_weights`),
    unknown terms ignored; with *signatures*, also the bodies' shingle signatures. *options*:
    those of :func:`features` and :func:`weigh`.

    Examples
    --------
    >>> vectorize(["grève, grève", "budget"], ["", ""], {"greve": 0}, np.ones(1)).toarray()
    array([[1.],
           [0.]], dtype=float32)
    """
    weights = {k: options.pop(k) for k in WEIGHT_PARAMS if k in options}
    counted = count(
        texts,
        titles,
        vocabulary,
        entities=entities,
        signatures=signatures,
        **options,  # type: ignore[arg-type]
    )
    if not signatures:
        return assemble(counted, idf, **weights)  # type: ignore[arg-type]
    parts, sign = counted
    return assemble(parts, idf, **weights), sign


def index_rows(
    est: Any,
    texts: Sequence[str],
    titles: Sequence[str] | None = None,
    entities: Sequence[Sequence[str]] | None = None,
    idf: np.ndarray | None = None,
) -> tuple[sp.csr_matrix, tuple[np.ndarray, np.ndarray]]:
    """What fitted estimator *est* indexes for *texts* (with *titles* and *entities*
    features): their TF-IDF rows and their bodies' shingle signatures, as ``add`` computes them
    (for a distributed fit, whose workers compute rows to append with
    :func:`newsnlp.related.index.append_rows`). *idf*: the weighted idf, if already computed.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles().fit(["Grève à la SNCF", "Budget de l’État"])
    >>> rows, (sig, counts) = index_rows(est, ["La SNCF en grève"])
    >>> rows.shape, sig.shape, counts.tolist()
    ((1, 4), (1, 128), [1])
    """
    if idf is None:
        idf = est.idf_ * column_weights(list(est.vocabulary_), float(est.entity_weight))
    titles = [""] * len(texts) if titles is None else ["" if t is None else t for t in titles]
    return vectorize(  # type: ignore[return-value]
        texts, titles, est.vocabulary_, idf, entities=entities, signatures=True,
        **vector_options(est),
    )  # fmt: skip
