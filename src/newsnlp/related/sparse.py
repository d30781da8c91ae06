"""Sparse-matrix operations of related articles, in bounded memory and with fixed arithmetic.

* :func:`product` — ``a @ b`` in one pass of scipy's kernel instead of two;
* :func:`restrict` — a CSR matrix with only some of its entries;
* :func:`row_chunks` — row ranges whose temporaries stay small whatever the corpus size;
* :func:`prefix` — each row without its commonest terms (the near-duplicate prefix filter);
* :func:`query_scores`, :func:`pair_scores`, :func:`pair_cosines` — cosines of a query with
  every indexed article, of chosen pairs: all with the same sums, bit for bit;
* :func:`row_blocks`, :func:`map_blocks`, :func:`n_threads` — blocks of rows of the similarity
  matrix, computed on several threads.

scipy's ``_sparsetools`` kernels (``csr_matmat``, ``csr_matvec``, ``csc_matvec``) are private
scipy API: they are imported once here, and every function falls back to scipy's public
product (same sums) if they are missing; :data:`KERNELS` says whether they were found.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from numbers import Integral
from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = [
    "KERNELS",
    "map_blocks",
    "n_threads",
    "pair_cosines",
    "pair_scores",
    "prefix",
    "product",
    "query_scores",
    "restrict",
    "row_blocks",
    "row_chunks",
]

try:  # scipy's own kernels: the second pass of ``a @ b``, sparse matrix × dense vector
    from scipy.sparse._sparsetools import csc_matvec as _csc_matvec
    from scipy.sparse._sparsetools import csr_matmat as _csr_matmat
    from scipy.sparse._sparsetools import csr_matvec as _csr_matvec
except ImportError:  # pragma: no cover - a scipy that moved them: the public product is used
    _csr_matmat = _csr_matvec = _csc_matvec = None

#: Whether scipy's private kernels were found (else the public products are used: same sums).
KERNELS: bool = _csr_matmat is not None

_PAIR_CHUNK = 16384  # candidate pairs verified or rescored at a time
_ROW_CHUNK = 1 << 16  # rows handled at a time by whole-matrix helpers (bounded temporaries),
_ENTRY_CHUNK = 1 << 23  # and entries, unless a single row has more
_BLOCK_ENTRIES = 1 << 24  # cap on block rows × documents (a block's scores stay under ~200 MB)


def product(a: sp.csr_matrix, b: sp.csr_matrix) -> sp.csr_matrix:
    """``a @ b`` for two CSR matrices, in one pass instead of scipy's two.

    scipy first counts the product's non-zeros (a pass nearly as costly as the product itself
    when, as here, rows of the result are nearly dense), then computes it. A row of the result
    has at most ``min(n_columns, sum of the lengths of the rows of b it reads)`` entries: this
    bound is cheap to compute, so the arrays are allocated from it and scipy's kernel runs
    once. Same kernel, same arithmetic: the result equals ``a @ b`` exactly (tested). Falls
    back to ``a @ b`` if the kernel is missing or refuses the arguments.

    Examples
    --------
    >>> a = sp.csr_matrix(np.array([[1.0, 2.0], [0.0, 3.0]], dtype=np.float32))
    >>> product(a, a.T.tocsr()).toarray().tolist()
    [[5.0, 6.0], [6.0, 9.0]]
    """
    m, n = a.shape[0], b.shape[1]
    lengths = np.diff(b.indptr)
    rows = np.repeat(np.arange(m), np.diff(a.indptr))
    reads = np.bincount(rows, weights=lengths[a.indices], minlength=m)
    bound = int(np.minimum(reads, n).sum())
    if _csr_matmat is None or bound == 0:
        return (a @ b).tocsr()
    big = max(bound, a.nnz, b.nnz, m, n, b.shape[0]) >= np.iinfo(np.int32).max
    idx = np.int64 if big else np.int32
    indptr = np.empty(m + 1, dtype=idx)
    indices = np.empty(bound, dtype=idx)
    data = np.empty(bound, dtype=np.result_type(a.dtype, b.dtype))
    try:
        _csr_matmat(
            m, n,
            a.indptr.astype(idx, copy=False), a.indices.astype(idx, copy=False), a.data,
            b.indptr.astype(idx, copy=False), b.indices.astype(idx, copy=False), b.data,
            indptr, indices, data,
        )  # fmt: skip
    except (TypeError, ValueError):  # pragma: no cover - another scipy signature
        return (a @ b).tocsr()
    nnz = int(indptr[-1])
    return sp.csr_matrix((data[:nnz], indices[:nnz], indptr), shape=(m, n), copy=False)


def row_chunks(indptr: np.ndarray) -> Iterator[tuple[int, int]]:
    """Consecutive row ranges ``(a, b)`` of a CSR matrix, each of at most 65,536 rows and,
    unless a single row is longer, 2**23 entries: the temporaries of a whole-matrix helper stay
    small whatever the corpus size (postings of common terms included).

    Examples
    --------
    >>> list(row_chunks(np.array([0, 2, 5, 5])))
    [(0, 3)]
    """
    n = len(indptr) - 1
    a = 0
    while a < n:
        b = int(np.searchsorted(indptr, indptr[a] + _ENTRY_CHUNK, side="right")) - 1
        b = min(max(b, a + 1), a + _ROW_CHUNK, n)
        yield a, b
        a = b


def restrict(
    matrix: sp.csr_matrix, mask: np.ndarray | Callable[[int, int], np.ndarray]
) -> sp.csr_matrix:
    """*matrix* (CSR, canonical) with only the entries where *mask* (one per entry) is true.

    *mask* may also be a function ``(a, b) -> mask of the entries of rows a..b``, called twice
    per chunk of rows: the whole mask is then never held (a matrix's worth of booleans).

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1.0, 2.0], [3.0, 0.0]]))
    >>> restrict(m, np.array([True, False, True])).toarray().tolist()
    [[1.0, 0.0], [3.0, 0.0]]
    """
    ptr = matrix.indptr
    part = mask if callable(mask) else (lambda a, b: mask[ptr[a] : ptr[b]])
    counts = np.zeros(matrix.shape[0], dtype=np.int64)
    for a, b in row_chunks(ptr):  # kept entries per row
        kept = np.concatenate(([0], np.cumsum(part(a, b), dtype=np.int64)))
        counts[a:b] = kept[ptr[a + 1 : b + 1] - ptr[a]] - kept[ptr[a:b] - ptr[a]]
    indptr = np.concatenate(([0], np.cumsum(counts)))
    if callable(mask):
        data = np.empty(indptr[-1], dtype=matrix.data.dtype)
        indices = np.empty(indptr[-1], dtype=matrix.indices.dtype)
        for a, b in row_chunks(ptr):
            m = part(a, b)
            data[indptr[a] : indptr[b]] = matrix.data[ptr[a] : ptr[b]][m]
            indices[indptr[a] : indptr[b]] = matrix.indices[ptr[a] : ptr[b]][m]
    else:
        data, indices = matrix.data[mask], matrix.indices[mask]
    return sp.csr_matrix((data, indices, indptr), shape=matrix.shape, copy=False)


def prefix(matrix: sp.csr_matrix, df: np.ndarray, eps: float) -> sp.csr_matrix:
    """Each row without entries of squared sum at most ``eps**2``: those of its most frequent
    terms (document frequencies *df*, longest postings) first, so that the prefix's postings are
    short. Rows are handled a chunk at a time (:func:`row_chunks`).

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[0.6, 0.8], [1.0, 0.0]], dtype=np.float32))
    >>> prefix(m, np.array([2, 1]), 0.7).toarray().tolist()  # 0.6² <= 0.7²: dropped
    [[0.0, 0.800000011920929], [1.0, 0.0]]
    """
    n_terms = matrix.shape[1]
    rank = np.empty(n_terms, dtype=np.int64)  # terms by document frequency, most frequent first
    rank[np.argsort(-df, kind="stable")] = np.arange(n_terms)
    keep = np.ones(matrix.nnz, dtype=bool)
    for a, b in row_chunks(matrix.indptr):
        lo, hi = matrix.indptr[a], matrix.indptr[b]
        counts = np.diff(matrix.indptr[a : b + 1])
        # rows stay in place; within a row, most frequent terms first (a unique integer key:
        # one argsort instead of a much slower lexsort)
        key = np.repeat(np.arange(b - a, dtype=np.int64) * n_terms, counts)
        key += rank[matrix.indices[lo:hi]]
        order = np.argsort(key)
        energy = np.cumsum(matrix.data[lo:hi][order].astype(np.float64) ** 2)
        before = np.concatenate(([0.0], energy))[matrix.indptr[a:b] - lo]
        in_suffix = energy - np.repeat(before, counts) <= eps * eps * (1 - 1e-9)
        keep[lo + order[in_suffix]] = False
    return restrict(matrix, keep)


def query_scores(q: sp.csr_matrix, inverted: sp.csr_matrix) -> np.ndarray:
    """Cosine of one query row *q* with every indexed article, as a dense vector.

    *inverted* is the index's ``matrix.T`` as CSR (one row of postings per term). Reads only
    the postings of the query's terms and adds them term by term in column order: exactly the
    arithmetic of ``q @ inverted`` (so the scores equal the blockwise search's bit for bit),
    without its second pass and sparse output. Each posting list is read in place by scipy's
    kernel (no copy of the postings).

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[0.6, 0.8], [1.0, 0.0]], dtype=np.float32))
    >>> query_scores(m[0], m.T.tocsr()).tolist()
    [1.0, 0.6000000238418579]
    """
    dtype = inverted.data.dtype
    scores = np.zeros(inverted.shape[1], dtype=dtype)
    weights = q.data.astype(dtype, copy=False)
    if _csc_matvec is None:  # pragma: no cover - see the import
        return np.asarray(inverted[q.indices].T @ weights, dtype=dtype)
    ptr, idx, val = inverted.indptr, inverted.indices, inverted.data
    for t, w in zip(q.indices.tolist(), weights, strict=True):
        # scores[idx[ptr[t]:ptr[t+1]]] += val[...] * w, as one column of a CSC product
        _csc_matvec(len(scores), 1, ptr[t : t + 2], idx, val, w.reshape(1), scores)
    return scores


def pair_scores(matrix: sp.csr_matrix, q: sp.csr_matrix, cand: np.ndarray) -> np.ndarray:
    """``matrix[cand[i, j]] · q[i]`` for every cell of *cand* (one row of candidates per row
    of *q*), with the arithmetic of :func:`query_scores` (bit for bit).

    Each query row is scattered into a dense vector, and its candidates' rows (gathered
    16,384 cells at a time) are multiplied by it with scipy's matrix-vector kernel: one gather
    per entry of a candidate, no merge of the two rows. The sums run over each candidate's
    terms in column order, adding 0 for the terms that the query lacks: exactly the sums of
    the inverted-index search.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[0.6, 0.8], [1.0, 0.0]], dtype=np.float32))
    >>> pair_scores(m, m[[0]], np.array([[1, 0]])).tolist()
    [[0.6000000238418579, 1.0]]
    """
    n_rows, width = cand.shape
    out = np.zeros((n_rows, width), dtype=matrix.dtype)
    if n_rows == 0 or width == 0:
        return out
    dense = np.zeros(matrix.shape[1], dtype=matrix.dtype)
    qp, qj, qx = q.indptr, q.indices, q.data.astype(matrix.dtype, copy=False)
    step = max(1, _PAIR_CHUNK // width)
    for a in range(0, n_rows, step):
        b = min(a + step, n_rows)
        g = matrix[cand[a:b].ravel()]
        gp, gj, gx = g.indptr, g.indices.astype(g.indptr.dtype, copy=False), g.data
        for i in range(a, b):
            terms = qj[qp[i] : qp[i + 1]]
            dense[terms] = qx[qp[i] : qp[i + 1]]
            ptr = gp[(i - a) * width : (i - a + 1) * width + 1]
            if _csr_matvec is not None:
                _csr_matvec(width, len(dense), ptr, gj, gx, dense, out[i])
            else:  # pragma: no cover - see the import
                lo, hi = ptr[0], ptr[-1]
                rows = sp.csr_matrix((gx[lo:hi], gj[lo:hi], ptr - lo), shape=(width, len(dense)))
                out[i] = rows @ dense
            dense[terms] = 0
    return out


def pair_cosines(matrix: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``matrix[i[c]] · matrix[j[c]]`` for every pair, 16,384 pairs at a time.

    The products over common terms are summed in term order (``csr @ ones`` sums each row
    sequentially): the float arithmetic of :func:`query_scores`.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[0.6, 0.8], [1.0, 0.0]], dtype=np.float32))
    >>> pair_cosines(m, np.array([0, 0]), np.array([1, 0])).tolist()
    [0.6000000238418579, 1.0]
    """
    out = np.empty(len(i), dtype=matrix.dtype)
    ones = np.ones(matrix.shape[1], dtype=matrix.dtype)
    for c in range(0, len(i), _PAIR_CHUNK):
        rows, cols = i[c : c + _PAIR_CHUNK], j[c : c + _PAIR_CHUNK]
        out[c : c + len(rows)] = matrix[rows].multiply(matrix[cols]).tocsr() @ ones
    return out


def row_blocks(rows: int, n_documents: int, block_size: int) -> list[tuple[int, int]]:
    """Blocks ``(a, b)`` of *rows* rows of a similarity matrix with *n_documents* columns:
    *block_size* rows at most, and at most 2**24 // *n_documents* (a block's scores stay
    under ~200 MB).

    Examples
    --------
    >>> row_blocks(5, 10, 2)
    [(0, 2), (2, 4), (4, 5)]
    """
    bs = max(1, min(int(block_size), _BLOCK_ENTRIES // max(n_documents, 1)))
    return [(a, min(a + bs, rows)) for a in range(0, rows, bs)]


def n_threads(n_jobs: Any) -> int:
    """Threads for *n_jobs*: ``None`` is 1, ``-1`` all cores, ``-2`` all but one …

    Examples
    --------
    >>> n_threads(None), n_threads(3)
    (1, 3)
    """
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, Integral) and n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + int(n_jobs))
    return max(1, int(n_jobs))


def map_blocks(fn: Callable[[tuple[int, int]], Any], blocks: list, threads: int) -> list:
    """``[fn(block) for block in blocks]``, on *threads* threads (scipy's sparse product
    releases the GIL).

    Examples
    --------
    >>> map_blocks(sum, [(0, 2), (2, 4)], 2)
    [2, 6]
    """
    threads = min(threads, len(blocks))
    if threads <= 1:
        return [fn(b) for b in blocks]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(fn, blocks))
