"""Near-duplicate articles: body fingerprints, the near-duplicate rule, groups.

* :func:`body_fingerprint`, :func:`body_fingerprints`, :func:`valid_fingerprints`,
  :func:`body_codes` — identical bodies, whatever their titles;
* :class:`DuplicateRule` — whether two articles are near-duplicates: their bodies' word
  shingles (:mod:`newsnlp.related.shingles`: containment of the shorter body in the longer
  one, with a length guard), the TF-IDF cosine being only the filter that chooses which pairs
  to check; for an index saved before signatures existed, the cosine itself, as then;
* :func:`group_labels` — each article's group of near-duplicates, by one union-find
  (:class:`UnionFind`) over the pairs of :func:`candidate_pairs` that the rule accepts, and the
  pairs of identical bodies;
* :func:`group_members` — the groups as lists of ids, as
  :meth:`~newsnlp.related.RelatedArticles.duplicates` returns them.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from newsnlp.related.shingles import is_duplicate
from newsnlp.related.sparse import pair_cosines, prefix, product, restrict

__all__ = [
    "CANDIDATE_COSINE",
    "EPS",
    "FINGERPRINT_DTYPE",
    "RARE_TERMS",
    "DuplicateRule",
    "UnionFind",
    "body_codes",
    "body_fingerprint",
    "body_fingerprints",
    "candidate_pairs",
    "group_labels",
    "group_members",
    "valid_fingerprints",
]

#: Cosine tolerance: float32 rounding of identical vectors gives 0.99999994.
EPS = 1e-6
#: The filter of a query's near-duplicates: only the articles at this cosine or more are
#: checked. On OrangeSum (33,059 articles) every pair whose bodies are near-duplicates by exact
#: shingles (containment >= 0.8, length guard) has a cosine of at least 0.62.
CANDIDATE_COSINE = 0.5
#: Candidate pairs of :func:`group_labels`: an article and the articles that hold at least half
#: of its RARE_TERMS rarest terms (a share of threshold / 2 below a threshold of 1.0). Measured
#: on OrangeSum at the default threshold: every pair of exact near-duplicates found, 17,500
#: candidates, 2 s; a cosine prefix filter at 0.6 (needed to find them) costs ten times as much.
RARE_TERMS = 8
_RARE_DF = 0.05  # terms in more than 5 % of the articles (and 1,000) are never "rare"
#: A body fingerprint: the hex BLAKE2b-128 digest, as fixed-width bytes (``b""`` = none).
FINGERPRINT_DTYPE = np.dtype("S32")
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def body_fingerprint(text: str) -> bytes:
    """Hex BLAKE2b-128 digest of a body after Unicode NFC, whitespace collapsing and casefold
    (``b""`` for a body that is empty or only whitespace: no fingerprint).

    Examples
    --------
    >>> body_fingerprint("Grève à la SNCF") == body_fingerprint("  grève  à la\\nSNCF ")
    True
    >>> body_fingerprint("   ")
    b''
    """
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    norm = unicodedata.normalize("NFC", norm.casefold())
    if not norm:
        return b""
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest().encode("ascii")


def body_fingerprints(texts: Sequence[str]) -> np.ndarray:
    """:func:`body_fingerprint` of every text, as an array of :data:`FINGERPRINT_DTYPE`.

    Examples
    --------
    >>> body_fingerprints(["a", ""]).dtype, body_fingerprints(["a", ""])[1]
    (dtype('S32'), np.bytes_(b''))
    """
    fps = [body_fingerprint(t) for t in texts]
    return np.array(fps, dtype=FINGERPRINT_DTYPE).reshape(len(texts))


def valid_fingerprints(fps: np.ndarray, n: int) -> bool:
    """*fps* is ``n`` fingerprints: each 32 lowercase hex digits or empty (all NUL bytes).

    Examples
    --------
    >>> valid_fingerprints(body_fingerprints(["a", ""]), 2)
    True
    >>> valid_fingerprints(np.array([b"not hex"], dtype="S32"), 1)
    False
    """
    if fps.dtype != FINGERPRINT_DTYPE or fps.shape != (n,):
        return False
    raw = np.ascontiguousarray(fps).view(np.uint8).reshape(n, FINGERPRINT_DTYPE.itemsize)
    return bool((np.isin(raw, _HEX).all(axis=1) | (raw == 0).all(axis=1)).all())


def body_codes(fps: np.ndarray) -> tuple[np.ndarray, dict[bytes, int]]:
    """Each row's body code: the first position with its fingerprint, ``-1`` for none; and
    fingerprint → code.

    Examples
    --------
    >>> codes, lookup = body_codes(body_fingerprints(["a", "b", "A", ""]))
    >>> codes.tolist(), len(lookup)
    ([0, 1, 0, -1], 2)
    """
    lookup: dict[bytes, int] = {}
    codes = np.full(len(fps), -1, dtype=np.int64)
    for i, fp in enumerate(fps.tolist()):
        if fp:
            codes[i] = lookup.setdefault(fp, i)
    return codes, lookup


class UnionFind:
    """Disjoint sets of integers; the smallest member is a set's root (deterministic).

    Examples
    --------
    >>> uf = UnionFind()
    >>> uf.union(3, 1); uf.union(1, 2)
    >>> uf.find(3), uf.find(2)
    (1, 1)
    """

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        """The root of *x*'s set."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        """Merge the sets of *a* and *b*."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller index becomes the root: deterministic
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(frozen=True)
class DuplicateRule:
    """Whether indexed articles (and a new text) are near-duplicates.

    Attributes
    ----------
    threshold : float
        With *signatures*: the containment from which two bodies are near-duplicates
        (:func:`~newsnlp.related.shingles.is_duplicate`); without (an index saved before body
        signatures): the cosine from which two articles are.
    signatures, counts : ndarray or None
        The indexed bodies' shingle signatures and shingle counts.

    Examples
    --------
    >>> rule = DuplicateRule(0.9)
    >>> rule.pairs(np.array([0]), np.array([1]), np.array([0.95])).tolist()
    [True]
    """

    threshold: float
    signatures: np.ndarray | None = None
    counts: np.ndarray | None = None

    @property
    def by_text(self) -> bool:
        """Whether the bodies' shingles decide (else the cosine)."""
        return self.signatures is not None

    @property
    def cut(self) -> float:
        """The cosine from which a pair is checked (or, without signatures, accepted)."""
        return (CANDIDATE_COSINE if self.by_text else self.threshold) - EPS

    def pairs(
        self, i: np.ndarray, j: np.ndarray, cos: np.ndarray | None = None, *, query=None
    ) -> np.ndarray:
        """Mask of the near-duplicate pairs of rows ``(i[p], j[p])`` with cosines *cos*
        (``None``: already chosen as candidates). *query*: ``(signature, count)`` of a new
        text, compared with rows *j* (*i* ignored)."""
        j = np.asarray(j, dtype=np.int64)
        check = np.ones(len(j), dtype=bool) if cos is None else np.asarray(cos) >= self.cut
        if not self.by_text or not check.any():
            return check
        out = np.zeros(len(j), dtype=bool)
        left = query if query is not None else np.asarray(i, dtype=np.int64)[check]
        out[check] = is_duplicate(self.signatures, self.counts, left, j[check], self.threshold)
        return out


def _rare_terms(matrix: sp.csr_matrix, df: np.ndarray) -> sp.csr_matrix:
    """Each row's :data:`RARE_TERMS` rarest terms (ties: column order), as a 0/1 matrix;
    terms in more than 5 % of the rows excluded."""
    n = matrix.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(matrix.indptr))
    cols = matrix.indices.astype(np.int64)
    fine = df[cols] <= max(_RARE_DF * n, 1000)
    rows, cols = rows[fine], cols[fine]
    order = np.lexsort((cols, df[cols], rows))
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < RARE_TERMS
    rows, cols = rows[keep], cols[keep]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
    ones = np.ones(len(cols), dtype=np.float32)
    return sp.csr_matrix((ones, cols.astype(np.int32), indptr), shape=matrix.shape)


def candidate_pairs(
    matrix: sp.csr_matrix,
    inverted: sp.csr_matrix,
    *,
    run: Callable[[Callable[[tuple[int, int]], list]], list],
    share: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``i < j`` of rows where one row holds at least a *share* of the other's
    :data:`RARE_TERMS` rarest terms (the candidates of near-duplicates by shingles: an article
    that contains most of another's word shingles contains its rare words).

    *run* is as in :func:`group_labels`. Reads only the postings of rare terms.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 1], [0, 0, 1]], dtype=np.float32))
    >>> i, j = candidate_pairs(m, m.T.tocsr(), run=lambda fn: [fn((0, 3))])
    >>> list(zip(i.tolist(), j.tolist()))
    [(0, 1), (1, 2)]
    """
    df = np.diff(inverted.indptr)
    rare = _rare_terms(matrix, df)
    used = np.zeros(inverted.shape[0], dtype=bool)
    used[rare.indices] = True
    postings = restrict(inverted, lambda a, b: np.repeat(used[a:b], df[a:b]))
    postings.data = np.ones(len(postings.data), dtype=np.float32)
    need = np.maximum(np.ceil(np.diff(rare.indptr) * share), 1)

    def pairs_of(block: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        a, b = block
        s = product(rare[a:b], postings)
        rows = np.repeat(np.arange(a, b), np.diff(s.indptr))
        hit = (s.data >= need[rows] - 0.5) & (s.indices != rows)
        i, j = rows[hit], s.indices[hit].astype(np.int64)
        return np.minimum(i, j), np.maximum(i, j)

    parts = run(pairs_of)
    i = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    j = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    n = max(matrix.shape[0], 1)
    key = np.unique(i * n + j)
    return key // n, key % n


def _cosine_pairs(
    matrix: sp.csr_matrix, inverted: sp.csr_matrix, threshold: float, run: Callable
) -> list[list[tuple[int, int]]]:
    """The pairs at cosine >= *threshold* (a prefix filter, then each pair verified)."""
    # Prefix filter (Bayardo et al. 2007, "Scaling up all pairs similarity search"): split
    # each unit vector x into a prefix P and a suffix S of norm <= eps (its commonest terms).
    # cos(x, y) = x_P·y + x_S·y <= x_P·y + eps, so a pair at >= thr has x_P·y >= thr - eps:
    # candidates come from the prefixes' postings only (rarer terms: shorter), then
    # each candidate pair is verified exactly.
    eps = threshold - 0.1 if threshold > 0.2 else threshold / 2  # measured: 1% of the work
    head = prefix(matrix, np.diff(inverted.indptr), eps)
    floor = threshold - EPS - eps - 1e-4  # margin for float32 rounding

    def pairs_of(block: tuple[int, int]) -> list[tuple[int, int]]:
        a, b = block
        s = product(head[a:b], inverted)
        rows = np.repeat(np.arange(a, b), np.diff(s.indptr))
        hit = (s.data >= floor) & (s.indices > rows)
        rows, cols = rows[hit], s.indices[hit].astype(np.int64)
        ok = pair_cosines(matrix, rows, cols) >= threshold - EPS  # related()'s arithmetic
        return list(zip(rows[ok].tolist(), cols[ok].tolist(), strict=True))

    return run(pairs_of)


def group_labels(
    matrix: sp.csr_matrix,
    inverted: sp.csr_matrix,
    codes: np.ndarray,
    rule: DuplicateRule | float,
    *,
    run: Callable[[Callable[[tuple[int, int]], list]], list],
) -> np.ndarray:
    """Each row's near-duplicate group: the smallest row position of the group (``int64``
    array; an article without near-duplicates is its own group).

    Parameters
    ----------
    matrix, inverted : scipy.sparse.csr_matrix
        The index's unit rows and their transpose (postings).
    codes : ndarray of int64
        The rows' body codes (:func:`body_codes`): rows with the same code are paired.
    rule : DuplicateRule or float
        The near-duplicate rule (a float: the cosine rule at that threshold). With signatures,
        the pairs of :func:`candidate_pairs` that the rule accepts; without, the pairs at
        cosine >= its threshold (with a 1e-6 tolerance).
    run : callable, keyword-only
        ``run(fn)`` returns ``fn(block)`` for every block of rows, in order (on threads).

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], dtype=np.float32))
    >>> run = lambda fn: [fn((0, 3))]
    >>> group_labels(m, m.T.tocsr(), np.array([-1, -1, -1]), 0.9, run=run).tolist()
    [0, 1, 0]
    """
    if not isinstance(rule, DuplicateRule):
        rule = DuplicateRule(float(rule))
    uf = UnionFind()
    if rule.by_text:  # half the rare terms; less below a containment of 1.0 (measured)
        i, j = candidate_pairs(matrix, inverted, run=run, share=min(0.5, rule.threshold / 2))
        ok = rule.pairs(i, j)
        for a, b in zip(i[ok].tolist(), j[ok].tolist(), strict=True):
            uf.union(a, b)
    else:
        for pairs in _cosine_pairs(matrix, inverted, rule.threshold, run):
            for a, b in pairs:
                uf.union(a, b)
    for x in np.flatnonzero((codes >= 0) & (codes != np.arange(len(codes)))).tolist():
        uf.union(x, int(codes[x]))  # identical bodies, whatever the titles
    labels = np.arange(matrix.shape[0], dtype=np.int64)
    for x in uf.parent:
        labels[x] = uf.find(x)  # the root is the group's smallest position
    return labels


def group_members(labels: np.ndarray, ids: Sequence) -> list[list]:
    """The groups of *labels* (:func:`group_labels`) with at least two members, as lists of
    *ids*: ids in index order within a group, groups ordered by their first member's index.

    Examples
    --------
    >>> group_members(np.array([0, 1, 0, 3, 1]), ["a", "b", "c", "d", "e"])
    [['a', 'c'], ['b', 'e']]
    """
    order = np.argsort(labels, kind="stable")  # by group, members in index order
    starts = np.flatnonzero(np.diff(labels[order], prepend=-1))  # groups by first member
    sizes = np.diff(np.append(starts, len(order)))
    return [
        [ids[i] for i in order[a : a + size].tolist()]
        for a, size in zip(starts.tolist(), sizes.tolist(), strict=True)
        if size > 1
    ]
