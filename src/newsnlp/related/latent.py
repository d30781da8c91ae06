"""Latent topics for related articles: a low-rank projection of the TF-IDF space learnt from
the corpus (latent semantic analysis), used to re-rank each article's best TF-IDF candidates.

Two articles on the same subject often share few exact words (« canicule » / « fortes
chaleurs », « agriculteurs » / « paysans »). A truncated SVD of the TF-IDF matrix learns which
terms occur together in the corpus; projected on its first ``latent_dims`` directions, such
articles are close. The search stays sparse and exact: each query's :data:`SHORTLIST` best
candidates by TF-IDF cosine (fewer if ``n_candidates`` is smaller: :func:`shortlist`) are
re-ranked by ``(cosine + w × max(0, latent cosine)) / (1 + w)`` (:func:`blend`).

Measured on OrangeSum (33,059 articles, 2 shared cores): 64 dimensions learnt on 8,000
sampled articles (6 s) raise same-topic P@10 from 0.620 to 0.641 and shared-tag P@10 from
0.568 to 0.613 (re-ranking 30); 128 dimensions or the whole corpus do no better. On random subsets, latent
topics help from 1,000 articles (+0.02 to +0.03 at 1,000 and 3,000) and hurt below (-0.01 to
-0.05 at 100 and 300: too few articles to learn from), so fewer than :data:`MIN_DOCUMENTS`
articles get none. Re-ranking the best 30, 60 or 100 candidates gives
nearly the same P@10 on OrangeSum (topic 0.641 / 0.643 / 0.643, shared tag 0.613 / 0.619 /
0.621); a short list is what the pruned search of ``related_all`` finds reliably: with 30, and
:data:`OVERSAMPLE` × ``n_candidates`` candidates gathered, its top 10 agree with the exact
search's for 0.994 (0.962 with 100). Candidates past the shortlist follow it in cosine order,
so asking for more neighbours never changes the first ones. The SVD runs on one thread with
a fixed seed and a fixed sample: the same corpus gives the same projection.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = [
    "MIN_DOCUMENTS",
    "OVERSAMPLE",
    "SAMPLE",
    "SHORTLIST",
    "blend",
    "fit_latent",
    "project",
    "shortlist",
]

#: Articles the SVD is learnt from (a fixed random sample of larger corpora).
SAMPLE = 8000
#: Corpora smaller than this get no latent topics (measured: they hurt below 1,000 articles).
MIN_DOCUMENTS = 1000
#: Candidates by cosine re-ranked per query (at most ``n_candidates``).
SHORTLIST = 30
#: The pruned search of ``related_all`` gathers this many times ``n_candidates`` candidates
#: when it re-ranks, so that the shortlist is the exact search's.
OVERSAMPLE = 2
_SEED = 20240517
_ITERATIONS = 2


def fit_latent(matrix: sp.csr_matrix, dims: int) -> np.ndarray | None:
    """The first *dims* right singular vectors of (a sample of) the unit TF-IDF rows
    *matrix*, as a float32 array of shape ``(dims', n_terms)`` (``dims' <= dims``: at most
    the sample's rank); ``None`` when *dims* is 0 or the corpus has fewer than
    :data:`MIN_DOCUMENTS` articles.

    Examples
    --------
    >>> m = sp.random(1200, 30, density=0.2, random_state=0, format="csr", dtype=np.float32)
    >>> fit_latent(m, 4).shape, fit_latent(m[:50], 4)
    ((4, 30), None)
    """
    from sklearn.utils.extmath import randomized_svd
    from threadpoolctl import threadpool_limits

    n, v = matrix.shape
    dims = min(int(dims), n - 1, v - 1)
    if dims < 1 or n < MIN_DOCUMENTS or matrix.nnz == 0:
        return None
    rows = np.arange(n)
    if n > SAMPLE:
        rows = np.sort(np.random.default_rng(_SEED).choice(n, SAMPLE, replace=False))
    sample = matrix[rows].astype(np.float64)
    with threadpool_limits(1):  # one thread: the same sums, the same projection, every run
        _, _, vt = randomized_svd(
            sample, dims, n_iter=_ITERATIONS, random_state=_SEED, flip_sign=True
        )
    return np.ascontiguousarray(vt, dtype=np.float32)


def shortlist(n_candidates: int) -> int:
    """Candidates re-ranked per query for the estimator's *n_candidates* (the search takes at
    least *k* candidates in any case).

    Examples
    --------
    >>> shortlist(100), shortlist(10)
    (30, 10)
    """
    return min(int(n_candidates), SHORTLIST)


def project(rows: sp.csr_matrix, components: np.ndarray) -> np.ndarray:
    """Unit latent vectors of TF-IDF *rows* (float32, shape ``(n_rows, dims)``; zero for a row
    with no latent weight).

    Examples
    --------
    >>> comps = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    >>> project(sp.csr_matrix(np.array([[3.0, 4.0], [0.0, 0.0]], dtype=np.float32)), comps)
    array([[0.6, 0.8],
           [0. , 0. ]], dtype=float32)
    """
    z = np.asarray(rows @ components.T, dtype=np.float32)
    norms = np.linalg.norm(z, axis=1, keepdims=True)
    np.divide(z, norms, out=z, where=norms > 0)
    z[(norms == 0).ravel()] = 0
    return z


def blend(cosine: np.ndarray, latent: np.ndarray, weight: float) -> np.ndarray:
    """The score of a candidate: ``(cosine + weight × max(0, latent)) / (1 + weight)``, in
    [0, 1], float32.

    Examples
    --------
    >>> blend(np.array([0.5, 0.2]), np.array([0.9, -0.3]), 1.0).tolist()
    [0.699999988079071, 0.10000000149011612]
    """
    out = np.maximum(latent, 0).astype(np.float32) * np.float32(weight)
    out += cosine
    out /= np.float32(1 + weight)
    return out
