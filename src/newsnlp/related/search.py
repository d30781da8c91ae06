"""Nearest articles: one query (:func:`query`), every article (:func:`related_all`, exact or
pruned search), the shared terms that explain a match (:func:`explain`).

All the searches select with one top-k (:func:`top_k`: score descending, ties in index order)
and collapse near-duplicates with one rule (:func:`top_k_collapsed`: the best-ranked article of
each group). The pruned search gathers each article's best candidates from a cheaper search
and rescores them with the arithmetic of :func:`query`: its scores are the exact scores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from newsnlp.related.duplicates import DuplicateRule
from newsnlp.related.latent import OVERSAMPLE, blend, project
from newsnlp.related.pruning import pruned_parts, split_query
from newsnlp.related.ranking import collapse_margin, first_of_group, top_k, top_k_collapsed
from newsnlp.related.sparse import map_blocks, pair_scores, product, query_scores

__all__ = [
    "N_TERMS",
    "Related",
    "SearchIndex",
    "collapse_margin",
    "explain",
    "first_of_group",
    "pruned_parts",
    "query",
    "related_all",
    "split_query",
    "top_k",
    "top_k_collapsed",
]

#: Shared terms reported per match.
N_TERMS = 5


@dataclass(frozen=True, slots=True)
class Related:
    """One recommended article.

    Attributes
    ----------
    id : str or int
        The article's id.
    score : float
        Cosine similarity of the TF-IDF vectors, in (0, 1].
    terms : tuple of str
        Up to 5 shared terms with the largest contribution to *score* (analysed form: lowercase,
        accents folded), largest first: why the article was recommended.

    Examples
    --------
    >>> Related("a1", 0.42, ("otan", "sommet")).terms[0]
    'otan'
    """

    id: str | int
    score: float
    terms: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict.

        Examples
        --------
        >>> Related("a1", 0.42, ("otan", "sommet")).to_dict()
        {'id': 'a1', 'score': 0.42, 'terms': ['otan', 'sommet']}
        """
        return {"id": self.id, "score": self.score, "terms": list(self.terms)}


@dataclass(frozen=True)
class SearchIndex:
    """What a search reads.

    Attributes
    ----------
    matrix, inverted : scipy.sparse.csr_matrix
        The indexed articles' unit rows and their postings (``matrix.T`` as CSR).
    codes : ndarray of int64
        Each row's body code (``-1``: none); rows with the query's code are never returned.
    groups : ndarray of int64 or None
        Each row's near-duplicate group, to keep one article per group and never to return
        the query's own group; ``None``: every article.
    rule : DuplicateRule
        Which articles are near-duplicates of the query (never returned).
    latent : ndarray of float32 or None
        The rows' unit latent vectors (:mod:`newsnlp.related.latent`): with them, each
        query's *shortlist* best candidates by cosine are re-ranked by the blended score.
    components : ndarray of float32 or None
        The latent projection (a new text's latent vector).
    latent_weight : float
        The latent cosine's weight in the blended score.
    shortlist : int
        Candidates re-ranked per query (``n_candidates``; at least *k*).

    Examples
    --------
    >>> m = sp.csr_matrix(np.eye(2, dtype=np.float32))
    >>> SearchIndex(m, m.T.tocsr(), np.full(2, -1), None, DuplicateRule(0.9)).rule.threshold
    0.9
    """

    matrix: sp.csr_matrix
    inverted: sp.csr_matrix
    codes: np.ndarray
    groups: np.ndarray | None
    rule: DuplicateRule
    latent: np.ndarray | None = None
    components: np.ndarray | None = None
    latent_weight: float = 1.0
    shortlist: int = 100

    def rerank(
        self, zq: np.ndarray, pos: np.ndarray, cosine: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows of candidates *pos* (``-1`` padded, by cosine *cosine* descending): their first
        :attr:`shortlist` re-ordered by the blended score with the queries' latent vectors
        *zq* (score descending, then position), the others after them in cosine order (so
        asking for more neighbours never changes the first ones); and the blended scores
        (``NaN`` in padded cells)."""
        valid = pos >= 0
        z = self.latent[np.where(valid, pos, 0)]  # (rows, m, dims)
        lat = (zq[:, None, :] * z).sum(axis=-1, dtype=np.float32)  # the same sums for any rows
        score = np.where(valid, blend(np.nan_to_num(cosine), lat, self.latent_weight), -np.inf)
        head = min(self.shortlist, pos.shape[-1])
        key = np.where(valid, pos, np.iinfo(np.int64).max)
        order = np.lexsort((key[:, :head], -score[:, :head]), axis=-1)
        pos = pos.copy()  # the caller's candidates stay as they were
        pos[:, :head] = np.take_along_axis(pos[:, :head], order, axis=-1)
        score[:, :head] = np.take_along_axis(score[:, :head], order, axis=-1)
        return pos, np.where(pos >= 0, score, np.nan).astype(np.float32)

    def near_duplicates(
        self, scores: np.ndarray, position: int | None, code: int, signature=None
    ) -> np.ndarray:
        """Rows never returned to a query with these *scores*: its near-duplicates (the
        rule, at *position* or for a new text's ``(signature, count)``), the rows with its body
        *code*, its own group (indexed query) or its near-duplicates' groups (new text)."""
        cand = np.flatnonzero(scores >= self.rule.cut)
        me = np.full(len(cand), -1 if position is None else position)
        dup = cand[self.rule.pairs(me, cand, scores[cand], query=signature)]
        if code >= 0:
            dup = np.union1d(dup, np.flatnonzero(self.codes == code))
        if self.groups is None:
            return dup
        own = dup if position is None else np.append(dup, position)
        if not len(own):
            return dup
        nz = np.flatnonzero(scores)
        return np.union1d(dup, nz[np.isin(self.groups[nz], self.groups[own])])


def query(
    q: sp.csr_matrix,
    index: SearchIndex,
    k: int,
    *,
    position: int | None = None,
    code: int = -1,
    signature: tuple[np.ndarray, int] | None = None,
    banned: np.ndarray | None = None,
    since: np.datetime64 | None = None,
    dates: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and scores of the *k* articles nearest to query row *q*, exact.

    Never the query's own row (*position*), its near-duplicates
    (:meth:`SearchIndex.near_duplicates`, with the body code *code* and, for a new text, its
    shingle *signature*), the *banned* rows, nor the rows dated before *since* (*dates*:
    ``NaT`` fails); one article per group when ``index.groups`` is given.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]], dtype=np.float32))
    >>> index = SearchIndex(m, m.T.tocsr(), np.full(3, -1), None, DuplicateRule(0.9))
    >>> [c.tolist() for c in query(m[0], index, 2, position=0)]
    [[1], [0.6000000238418579]]
    """
    scores = query_scores(q, index.inverted)
    scores[index.near_duplicates(scores, position, code, signature)] = 0
    if position is not None:
        scores[position] = 0
    if banned is not None:
        scores[banned] = 0
    if since is not None:
        scores[~(dates >= since)] = 0  # NaT (no date) compares False
    if index.latent is not None:
        return _reranked(q, index, scores, k, position)
    if index.groups is None:
        return top_k(scores, k)
    return top_k_collapsed(
        lambda m: top_k(scores, m), int(np.count_nonzero(scores > 0)), k, index.groups
    )


def _reranked(
    q: sp.csr_matrix, index: SearchIndex, scores: np.ndarray, k: int, position: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`query` with latent vectors: the shortlist by cosine re-ranked (then the next
    candidates by cosine, up to *k*), collapsed."""
    cols, cosine = top_k(scores, max(index.shortlist, k))
    zq = project(q, index.components)[0] if position is None else index.latent[position]
    pos, blended = index.rerank(zq[None, :], cols[None, :], cosine[None, :])
    pos, blended = pos[0], blended[0]
    if index.groups is not None:
        keep = first_of_group(index.groups, pos[None, :])[0]
        pos, blended = pos[keep], blended[keep]
    return pos[:k], blended[:k]


def explain(q: sp.csr_matrix, matrix: sp.csr_matrix, position: int, terms: list[str]) -> tuple:
    """The :data:`N_TERMS` shared terms of query *q* and row *position* with the largest
    products, largest first (ties: column order).

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[0.6, 0.8], [0.8, 0.6]], dtype=np.float32))
    >>> explain(m[0], m, 1, ["budget", "greve"])
    ('budget', 'greve')
    """
    lo, hi = matrix.indptr[position], matrix.indptr[position + 1]  # the row, no copy
    common, iq, ir = np.intersect1d(
        q.indices, matrix.indices[lo:hi], assume_unique=True, return_indices=True
    )
    contrib = q.data[iq].astype(np.float64) * matrix.data[lo:hi][ir]
    order = np.lexsort((common, -contrib))[:N_TERMS]
    return tuple(terms[c] for c in common[order])


def related_all(
    index: SearchIndex,
    k: int,
    *,
    targets: np.ndarray | None = None,
    search: str = "pruned",
    n_candidates: int = 100,
    blocks: Callable[[int], list[tuple[int, int]]],
    threads: int = 1,
    parts: dict | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The *k* nearest articles of every indexed article (of the rows *targets* if given), as
    :func:`query` finds them: row positions (``-1`` padded) and float32 scores (``NaN``).

    *parts*, a dict, keeps the pruned search's index between calls on the same *index* (as
    the Spark workers do, one call per block). ``blocks(n)`` splits *n* rows into blocks of
    rows of the similarity matrix, computed on
    *threads* threads. ``search="pruned"`` takes each row's *n_candidates* best candidates of
    the pruned search (:func:`pruned_parts`; :data:`~newsnlp.related.latent.OVERSAMPLE` times as
    many with latent topics, whose shortlist must be the exact search's) and rescores them
    exactly; rows with fewer candidates, and every index of at most that many + 1 articles,
    are searched exactly.
    See :meth:`newsnlp.related.RelatedArticles.related_all`.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]], dtype=np.float32))
    >>> index = SearchIndex(m, m.T.tocsr(), np.full(3, -1), None, DuplicateRule(0.9))
    >>> pos, _ = related_all(index, 1, blocks=lambda n: [(0, n)])
    >>> pos.tolist()
    [[1], [2], [1]]
    """
    run = _AllRows(index, k, targets, search, n_candidates, {} if parts is None else parts)
    map_blocks(run, blocks(run.n_out), threads)
    return run.out_pos, run.out_scores


class _AllRows:
    """:func:`related_all`'s state: called on a block of rows, fills their rows of the output."""

    def __init__(
        self,
        index: SearchIndex,
        k: int,
        targets: np.ndarray | None,
        search: str,
        n_candidates: int,
        parts: dict,
    ) -> None:
        n = index.matrix.shape[0]
        self.index, self.k, self.targets = index, k, targets
        self.m = k if index.groups is None else collapse_margin(k)  # candidates per row
        if index.latent is not None:
            self.m = max(index.shortlist, k)  # the shortlist, re-ranked
        # with latent topics, OVERSAMPLE times as many candidates to find the shortlist
        self.n_cand = max(int(n_candidates), self.m) * (
            OVERSAMPLE if index.latent is not None else 1
        )
        self.pruned = search == "pruned" and n > self.n_cand + 1
        if self.pruned:  # kept in *parts* by a caller that searches the index again
            if self.n_cand not in parts:
                parts[self.n_cand] = pruned_parts(index.inverted, self.n_cand)
            self.common, self.postings = parts[self.n_cand]
        self.n_out = n if targets is None else len(targets)
        self.out_pos = np.full((self.n_out, k), -1, dtype=np.int64)
        self.out_scores = np.full((self.n_out, k), np.nan, dtype=np.float32)

    def usable(self, cols: np.ndarray, scores: np.ndarray, me: Any) -> np.ndarray:
        """Mask of the candidates that may be recommended to *me* (broadcast with *cols*):
        :func:`query`'s exclusions."""
        index = self.index
        me = np.broadcast_to(me, cols.shape)
        ok = (scores > 0) & (cols != me)
        own = index.codes[me]
        ok &= (own < 0) | (index.codes[cols] != own)  # same body, whatever the titles
        if index.groups is not None:
            ok &= index.groups[cols] != index.groups[me]  # the article's own group
        near = np.flatnonzero((ok & (scores >= index.rule.cut)).ravel())
        if len(near):
            dup = index.rule.pairs(me.ravel()[near], cols.ravel()[near], scores.ravel()[near])
            flat = ok.reshape(-1).copy()
            flat[near[dup]] = False
            ok = flat.reshape(ok.shape)
        return ok

    def exact_row(self, r: int) -> tuple[np.ndarray, np.ndarray]:
        """All candidates of row *r* with their exact scores (the pruned search's fallback)."""
        scores = query_scores(self.index.matrix[r], self.index.inverted)
        cols = np.flatnonzero(scores)
        return cols, scores[cols]

    def pruned_candidates(self, q: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows of *q* with more than ``n_cand`` candidates in the pruned search, with their
        ``n_cand`` best candidates (``(rows, n_cand)``) and those candidates' exact scores."""
        n_cand = self.n_cand
        s = product(split_query(q, self.common), self.postings)
        ptr, idx, val = s.indptr, s.indices, s.data
        many = np.flatnonzero(np.diff(ptr) > n_cand)
        cand = np.empty((len(many), n_cand), dtype=np.int64)
        for i, r in enumerate(many.tolist()):
            lo, hi = ptr[r], ptr[r + 1]
            cand[i] = idx[lo:hi][np.argpartition(val[lo:hi], hi - lo - n_cand)[-n_cand:]]
        return many, cand, pair_scores(self.index.matrix, q[many], cand)

    def __call__(self, block: tuple[int, int]) -> None:
        a, b = block
        matrix, targets = self.index.matrix, self.targets
        q = matrix[a:b] if targets is None else matrix[targets[a:b]]
        me = np.arange(a, b) if targets is None else targets[a:b]
        top_pos = np.full((b - a, self.m), -1, dtype=np.int64)
        top_scores = np.full((b - a, self.m), np.nan, dtype=np.float32)
        complete = np.ones(b - a, dtype=bool)  # the row's top m holds all its candidates
        if self.pruned:
            full = self._pruned_rows(q, me, top_pos, top_scores, complete)
        else:
            s = product(q, self.index.inverted)
            ptr, idx, val = s.indptr, s.indices, s.data
            full = {
                r: (idx[ptr[r] : ptr[r + 1]].astype(np.int64), val[ptr[r] : ptr[r + 1]])
                for r in range(b - a)
            }
        for r, (cols, scores) in full.items():  # rows with all their candidates
            ok = self.usable(cols, scores, me[r])
            cols, scores = cols[ok], scores[ok]
            complete[r] = len(cols) <= self.m
            cols, scores = top_k(scores, self.m, cols=cols)
            top_pos[r, : len(cols)] = cols
            top_scores[r, : len(cols)] = scores
        if self.index.latent is not None:  # the ranking is the shortlist's: never widened
            top_pos, top_scores = self.index.rerank(self.index.latent[me], top_pos, top_scores)
            complete[:] = True
        if self.index.groups is None:  # m == k, or the re-ranked shortlist
            self.out_pos[a:b] = top_pos[:, : self.k]
            self.out_scores[a:b] = top_scores[:, : self.k]
            return
        self._collapse(a, me, top_pos, top_scores, complete, full)

    def _pruned_rows(
        self,
        q: sp.csr_matrix,
        me: np.ndarray,
        top_pos: np.ndarray,
        top_scores: np.ndarray,
        complete: np.ndarray,
    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Fill the rows searched with pruning (best m of their n_cand, all rows at once);
        return the others (few candidates) with all their candidates, searched exactly."""
        many, cand, exact = self.pruned_candidates(q)
        ok = self.usable(cand, exact, me[many][:, None])
        order = np.lexsort((cand, np.where(ok, -exact, np.inf)), axis=1)[:, : self.m]
        kept = np.take_along_axis(ok, order, axis=1)
        top_pos[many] = np.where(kept, np.take_along_axis(cand, order, axis=1), -1)
        top_scores[many] = np.where(kept, np.take_along_axis(exact, order, axis=1), np.nan)
        complete[many] = False
        few = np.ones(len(me), dtype=bool)
        few[many] = False
        return {r: self.exact_row(int(me[r])) for r in np.flatnonzero(few).tolist()}

    def _collapse(
        self,
        a: int,
        me: np.ndarray,
        top_pos: np.ndarray,
        top_scores: np.ndarray,
        complete: np.ndarray,
        full: dict[int, tuple[np.ndarray, np.ndarray]],
    ) -> None:
        """Keep the first of each group of the rows' top m (the whole block at once); redo
        alone, on a wider candidate list, the rare row left short although it had more."""
        k, groups = self.k, self.index.groups
        assert groups is not None
        keep = first_of_group(groups, top_pos)
        kept = np.argsort(~keep, axis=1, kind="stable")[:, :k]  # kept cells first, in order
        filled = np.take_along_axis(keep, kept, axis=1)
        b = a + len(me)
        self.out_pos[a:b] = np.where(filled, np.take_along_axis(top_pos, kept, axis=1), -1)
        self.out_scores[a:b] = np.where(
            filled, np.take_along_axis(top_scores, kept, axis=1), np.nan
        )
        for r in np.flatnonzero(~filled[:, -1] & ~complete).tolist():  # short: widen
            # all the row's candidates (a pruned row's: exactly, now)
            cols, scores = full[r] if r in full else self.exact_row(int(me[r]))
            ok = self.usable(cols, scores, me[r])
            cols, scores = cols[ok], scores[ok]
            cols, scores = top_k_collapsed(
                lambda w, c=cols, v=scores: top_k(v, w, cols=c), len(cols), k, groups, 4 * self.m
            )
            self.out_pos[a + r] = -1
            self.out_scores[a + r] = np.nan
            self.out_pos[a + r, : len(cols)] = cols
            self.out_scores[a + r, : len(cols)] = scores
