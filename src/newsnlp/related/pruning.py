"""The pruned search's index (``search="pruned"`` of
:meth:`~newsnlp.related.RelatedArticles.related_all`): each article's candidates come from its
rarer terms and from its 8 heaviest common terms, in the half of their articles where they
weigh most; :mod:`newsnlp.related.search` rescores them exactly.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from newsnlp.related.sparse import restrict

__all__ = ["pruned_parts", "split_query"]

_PRUNE_DF = 0.02  # search="pruned": candidates from the terms in at most 2 % of the articles,
_PRUNE_KEEP = 8  # and from each article's 8 heaviest more common terms,
_PRUNE_CHAMPIONS = 0.5  # with the half of their articles where they weigh most


def pruned_parts(inverted: sp.csr_matrix, n_cand: int) -> tuple[np.ndarray, sp.csr_matrix]:
    """The pruned search's index, from the postings *inverted* (one CSR row per term).

    Returns the common terms (a mask over columns: terms in more than 2 % of the indexed
    articles and in more than *n_cand* of them) and the search postings (one CSR row per term:
    all of a rare term's postings; a common term's *champions*, the articles where it weighs at
    least as much as in the article of rank ``ceil(0.5 × df)`` by weight). Only the search
    postings are a new copy (part of the inverted index).

    Examples
    --------
    >>> m = sp.csr_matrix(np.ones((4, 2), dtype=np.float32))
    >>> common, postings = pruned_parts(m.T.tocsr(), 1)
    >>> common.tolist(), postings.nnz
    ([True, True], 8)
    """
    ptr, values = inverted.indptr, inverted.data
    df = np.diff(ptr)
    common = df > max(_PRUNE_DF * inverted.shape[1], n_cand)
    floor = np.full(len(df), -np.inf, dtype=np.float64)
    for t in np.flatnonzero(common).tolist():
        seg = values[ptr[t] : ptr[t + 1]]
        kth = len(seg) - int(np.ceil(_PRUNE_CHAMPIONS * len(seg)))
        floor[t] = np.partition(seg, kth)[kth]

    def searched(a: int, b: int) -> np.ndarray:  # postings of terms a..b that are searched
        return values[ptr[a] : ptr[b]] >= np.repeat(floor[a:b], df[a:b])

    return common, restrict(inverted, searched)


def split_query(q: sp.csr_matrix, common: np.ndarray) -> sp.csr_matrix:
    """The part of rows *q* that the pruned search reads: the rare terms and each row's
    8 heaviest *common* terms.

    Examples
    --------
    >>> q = sp.csr_matrix(np.array([[0.6, 0.8]], dtype=np.float32))
    >>> split_query(q, np.array([True, False])).toarray().tolist()
    [[0.6000000238418579, 0.800000011920929]]
    """
    rows = np.repeat(np.arange(q.shape[0]), np.diff(q.indptr))
    is_common = common[q.indices]
    entries = np.flatnonzero(is_common)
    # common entries by row, heaviest first (ties: column order, the entries' order): two
    # stable sorts, cheaper than a lexsort
    order = entries[np.argsort(-q.data[entries], kind="stable")]
    order = order[np.argsort(rows[order], kind="stable")]
    row_of = rows[order]
    first = np.searchsorted(row_of, row_of, side="left")
    searched = ~is_common
    searched[order[np.arange(len(order)) - first < _PRUNE_KEEP]] = True
    return restrict(q, searched)
