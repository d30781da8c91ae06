"""The top-k of related articles: one selection rule (:func:`top_k`: score descending, ties in
index order) and one collapse rule (:func:`top_k_collapsed`, :func:`first_of_group`: the
best-ranked article of each near-duplicate group), shared by every search of
:mod:`newsnlp.related.search`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["collapse_margin", "first_of_group", "top_k", "top_k_collapsed"]


def top_k(
    scores: np.ndarray, k: int, *, cols: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The *k* best (score descending, then column ascending) candidates *cols* with *scores*;
    without *cols*, *scores* is dense over every column and its non-candidates are 0.

    Deterministic even with ties at the k-th score: all tied candidates are kept before the final
    sort, which orders them by index.

    Examples
    --------
    >>> cols, scores = top_k(np.array([0.0, 0.5, 0.9, 0.5]), 2)
    >>> cols.tolist(), scores.tolist()
    ([2, 1], [0.9, 0.5])
    """
    if cols is None:
        n_pos = int(np.count_nonzero(scores > 0))
        if n_pos > k:
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            cols = np.flatnonzero(scores >= kth)
        else:
            cols = np.flatnonzero(scores > 0)
        scores = scores[cols]
    if len(scores) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        keep = scores >= kth
        cols, scores = cols[keep], scores[keep]
    order = np.lexsort((cols, -scores))[:k]
    return cols[order], scores[order]


def collapse_margin(k: int) -> int:
    """Candidates taken per row before collapsing near-duplicates: *k* plus room for copies.

    Examples
    --------
    >>> collapse_margin(10)
    28
    """
    return 2 * k + 8


def first_of_group(groups: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Mask of the cells of *pos* (rows of ranked positions, ``-1`` padding) that are the first,
    i.e. best-ranked, of their near-duplicate group in their row.

    Examples
    --------
    >>> first_of_group(np.array([0, 0, 2]), np.array([[1, 0, 2, -1]])).tolist()
    [[True, False, True, False]]
    """
    g = np.where(pos >= 0, groups[np.maximum(pos, 0)], -1)
    order = np.argsort(g, axis=1, kind="stable")  # stable: rank order within a group
    g_sorted = np.take_along_axis(g, order, axis=1)
    first_sorted = np.ones(g.shape, dtype=bool)
    first_sorted[:, 1:] = g_sorted[:, 1:] != g_sorted[:, :-1]
    first = np.empty(g.shape, dtype=bool)
    np.put_along_axis(first, order, first_sorted, axis=1)
    return first & (pos >= 0)


def top_k_collapsed(
    select: Callable[[int], tuple[np.ndarray, np.ndarray]],
    n_candidates: int,
    k: int,
    groups: np.ndarray,
    start: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The *k* best candidates keeping the best-ranked one of each near-duplicate group.

    ``select(m)`` gives the *m* best candidates in rank order (a prefix of the full ranking), of
    *n_candidates*. Widen *m* until the prefix holds *k* groups or every candidate: the first *k*
    groups of the prefix are then those of the full ranking (exact). *start* is the first *m*.

    Examples
    --------
    >>> scores = np.array([0.9, 0.8, 0.7])
    >>> cols, _ = top_k_collapsed(lambda m: top_k(scores, m), 3, 2, np.array([0, 0, 2]))
    >>> cols.tolist()
    [0, 2]
    """
    m = min(n_candidates, collapse_margin(k) if start is None else start)
    while True:
        cols, scores = select(m)
        keep = first_of_group(groups, cols[None, :])[0]
        if np.count_nonzero(keep) >= k or m >= n_candidates:
            return cols[keep][:k], scores[keep][:k]
        m = min(n_candidates, 4 * m)
