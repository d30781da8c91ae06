"""Evaluate related-article recommendations: precision@k, exact cosine neighbours, data folder.

* :func:`precision_at_k` — the share of each query's first *k* neighbours that have the query's
  label (same topic…), averaged over the queries; known near-duplicates of the query can be
  skipped (``groups=``);
* :func:`cosine_neighbours` — exact cosine nearest neighbours of some rows of a matrix (a
  baseline such as scikit-learn's ``TfidfVectorizer``), blockwise, deterministic;
* :func:`group_labels` — groups of ids (e.g. a list of known duplicates) as one group number
  per document, for ``groups=``;
* :func:`find_data` — the folder of the evaluation data (``$NEWSNLP_DATA``, or ``shared/data``
  found above the current directory), for notebooks and scripts.

Neighbours are *positions*: row ``i`` of the corpus is document ``i`` (``ids[i]``), and a
negative position pads a list that has fewer neighbours than asked.

Examples
--------
A corpus of four articles labelled by topic; each query's two nearest neighbours:

>>> import numpy as np
>>> from sklearn.feature_extraction.text import TfidfVectorizer
>>> texts = ["grève SNCF trains", "grève RATP métro", "budget État dette", "dette budget"]
>>> topics = ["social", "social", "économie", "économie"]
>>> X = TfidfVectorizer().fit_transform(texts)
>>> nb = cosine_neighbours(X, k=2)
>>> nb.tolist()
[[1, -1], [0, -1], [3, -1], [2, -1]]
>>> precision_at_k(nb, topics, k=2)
0.5
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsnlp.checks import check_k

__all__ = ["cosine_neighbours", "find_data", "group_labels", "precision_at_k"]

logger = logging.getLogger(__name__)

#: Environment variable naming the evaluation data folder (the one holding ``orangesum-fr/``…).
DATA_ENV = "NEWSNLP_DATA"


# --------------------------------------------------------------------------- input checks
def _int_array(values: object, name: str, ndim: int) -> np.ndarray:
    arr = np.asarray(values)
    if arr.size == 0:
        arr = arr.astype(np.int64)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(
            f"{name} must hold integer positions, not {arr.dtype} values: map ids to positions "
            "first, e.g. {id: i for i, id in enumerate(ids)}"
        )
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}")
    return arr.astype(np.int64, copy=False)


def _neighbour_matrix(neighbours: object) -> np.ndarray:
    """A 2-D int array, ragged lists padded with -1."""
    if isinstance(neighbours, np.ndarray):
        return _int_array(neighbours, "neighbours", 2)
    if isinstance(neighbours, (str, bytes)) or not isinstance(neighbours, Iterable):
        raise TypeError(
            "neighbours must be a 2-D array or a sequence of sequences of positions, not "
            f"{type(neighbours).__name__}"
        )
    rows = [_int_array(list(row), "each row of neighbours", 1) for row in neighbours]
    width = max((len(r) for r in rows), default=0)
    out = np.full((len(rows), width), -1, dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row
    return out


def _labels(labels: object, name: str) -> np.ndarray:
    array_like = isinstance(labels, Sequence) or hasattr(labels, "__array__")
    if isinstance(labels, (str, bytes)) or not array_like:
        raise TypeError(
            f"{name} must be a sequence or array with one value per document, not "
            f"{type(labels).__name__}"
        )
    if isinstance(labels, np.ndarray) or hasattr(labels, "__array__"):
        arr = np.asarray(labels)
    else:  # a list: keep its values as they are (numpy would turn [None, "a"] into strings)
        values = list(labels)
        arr = np.empty(len(values), dtype=object)
        for i, value in enumerate(values):
            if isinstance(value, (list, tuple, set, np.ndarray)):
                raise ValueError(f"{name} must be 1-D (one value per document), got {value!r}")
            arr[i] = value
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one value per document), got shape {arr.shape}")
    return arr


# --------------------------------------------------------------------------- precision@k
def precision_at_k(
    neighbours: Any,
    labels: Any,
    *,
    k: int = 10,
    queries: Any = None,
    groups: Any = None,
    average: bool = True,
) -> float | np.ndarray:
    """Precision at *k*: the share of each query's first *k* neighbours with the query's label.

    Parameters
    ----------
    neighbours : 2-D array of int, or sequence of sequences of int
        For each query, its neighbours best first, as positions into *labels*; rows may be
        ragged (lists) or padded with negative values (a negative value is no neighbour and
        is skipped). A row with fewer than *k* neighbours counts its missing places as misses.
    labels : 1-D array-like of length n_documents
        Each document's label (topic, ``"societe/sante"``…), compared with ``==``. ``None`` and
        NaN labels never match.
    k : int, default 10
        How many neighbours count per query.
    queries : 1-D array-like of int, optional
        Position of each row's query document. By default row ``i`` is document ``i`` (then
        there must be one row per document).
    groups : 1-D array-like of int, optional
        A group number per document (negative: no group), e.g. from :func:`group_labels` over a
        list of known duplicates. A neighbour in the query's group is skipped before the first
        *k* are taken, so pass rows longer than *k* (``k + largest group - 1`` neighbours keep
        *k* after skipping). The query itself is skipped too.
    average : bool, default True
        Return the mean over the queries; ``False`` returns one precision per query.

    Returns
    -------
    float or ndarray of float
        Mean precision in [0, 1] (``nan`` for no query), or one value per query.

    Raises
    ------
    TypeError
        Non-integer *k*, neighbours or queries; *labels* not array-like.
    ValueError
        ``k < 1``; a neighbour, query or group array that does not fit *labels* (positions out
        of range, wrong lengths or dimensions).

    Examples
    --------
    Three documents; document 0's neighbours are 1 then 2, and so on:

    >>> labels = ["sport", "sport", "politique"]
    >>> precision_at_k([[1, 2], [0, 2], [0, 1]], labels, k=2)
    0.3333333333333333
    >>> precision_at_k([[1, 2], [0, 2], [0, 1]], labels, k=2, average=False).tolist()
    [0.5, 0.5, 0.0]

    Skipping known duplicates: documents 0 and 1 are copies of one wire, each other's nearest
    neighbour; with ``groups`` they are judged on their next neighbour instead.

    >>> neighbours = [[1, 2], [0, 2], [3, 0], [2, 0]]
    >>> labels = ["sport", "sport", "politique", "sport"]
    >>> precision_at_k(neighbours, labels, k=1)
    0.5
    >>> precision_at_k(neighbours, labels, k=1, groups=[7, 7, -1, -1])
    0.0
    """
    k = check_k(k)
    labels = _labels(labels, "labels")
    n = len(labels)
    nb = _neighbour_matrix(neighbours)
    if nb.size and nb.max() >= n:
        raise ValueError(
            f"neighbours hold position {int(nb.max())} but labels has {n} documents: "
            "neighbours must be positions into labels"
        )
    if queries is None:
        if len(nb) != n:
            raise ValueError(
                f"{len(nb)} rows of neighbours for {n} labels: pass queries= (the position of "
                "each row's query document) when not every document is a query"
            )
        q = np.arange(n, dtype=np.int64)
    else:
        q = _int_array(queries, "queries", 1)
        if len(q) != len(nb):
            raise ValueError(f"{len(q)} queries for {len(nb)} rows of neighbours")
        if q.size and (q.min() < 0 or q.max() >= n):
            raise ValueError(f"queries must be positions in [0, {n}), got {q.min()}..{q.max()}")
    skip = nb < 0  # padding, wherever it is
    if groups is not None:
        g = _int_array(groups, "groups", 1)
        if len(g) != n:
            raise ValueError(f"groups has {len(g)} values for {n} documents")
        qg = g[q][:, None]
        skip |= (nb == q[:, None]) | ((qg >= 0) & (g[np.where(skip, 0, nb)] == qg))
    if skip.any():  # drop the skipped places, keeping the order of the others
        order = np.argsort(skip, axis=1, kind="stable")
        nb = np.where(np.take_along_axis(skip, order, axis=1), -1, np.take_along_axis(nb, order, 1))
    valid = nb >= 0
    nb, valid = nb[:, :k], valid[:, :k]
    if not len(q):
        return float("nan") if average else np.zeros(0)
    present = _present(labels)
    if not present.all():  # None / NaN / pd.NA never match (and cannot be compared safely)
        labels = labels.astype(object)
        labels[~present] = [object() for _ in range(int((~present).sum()))]
    nbs = np.where(valid, nb, 0)
    hits = valid & (labels[nbs] == labels[q][:, None]) & present[nbs] & present[q][:, None]
    per_query = hits.sum(axis=1) / k
    return float(per_query.mean()) if average else per_query


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):  # pandas.NA: its truth value is ambiguous
        return True


def _present(values: np.ndarray) -> np.ndarray:
    """False for None, NaN and pandas.NA labels."""
    if values.dtype.kind == "f":
        return ~np.isnan(values)
    if values.dtype == object:
        return np.array([not _missing(v) for v in values.tolist()], dtype=bool)
    return np.ones(len(values), dtype=bool)


# --------------------------------------------------------------------------- neighbours
def cosine_neighbours(
    matrix: Any, queries: Any = None, *, k: int = 10, block_size: int = 512
) -> np.ndarray:
    """Exact cosine nearest neighbours of some rows of a matrix among all its rows.

    A brute-force baseline (the matrix of ``TfidfVectorizer().fit_transform(texts)``, say):
    the rows are L2-normalised (a copy), the similarities of a block of query rows with every
    row are computed as a sparse product, and the top *k* of each query kept.

    Parameters
    ----------
    matrix : scipy.sparse matrix or 2-D array, shape (n_documents, n_features)
        One row per document.
    queries : 1-D array-like of int, optional
        Rows to find neighbours for (default: every row).
    k : int, default 10
        Neighbours per query.
    block_size : int, default 512
        Queries per block: memory is about ``block_size × n_documents × 8`` bytes.

    Returns
    -------
    ndarray of int64, shape (n_queries, k)
        Positions of the neighbours, best first (cosine descending, ties by position), never
        the query itself nor a row with a cosine <= 0 (no shared feature); padded with -1.

    Raises
    ------
    TypeError
        If *matrix* is not 2-D numeric, or *k*, *queries* or *block_size* are not integers.
    ValueError
        ``k < 1``, ``block_size < 1`` or a query out of range.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.5, 0.5]])
    >>> cosine_neighbours(X, k=2).tolist()
    [[1, 3], [0, 3], [3, 1], [1, 0]]
    >>> cosine_neighbours(X, [2], k=3).tolist()
    [[3, 1, -1]]
    """
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    k = check_k(k)
    block_size = check_k(block_size, "block_size")
    if sp.issparse(matrix):
        m = sp.csr_matrix(matrix)
    else:
        arr = np.asarray(matrix)
        if arr.ndim != 2 or not np.issubdtype(arr.dtype, np.number):
            raise TypeError(
                f"matrix must be a 2-D numeric array or scipy sparse matrix, got {arr.dtype} "
                f"of shape {arr.shape}"
            )
        m = sp.csr_matrix(arr)
    if not np.issubdtype(m.dtype, np.floating):
        m = m.astype(np.float64)
    n = m.shape[0]
    if n:
        m = normalize(m, norm="l2", copy=True)
    q = np.arange(n, dtype=np.int64) if queries is None else _int_array(queries, "queries", 1)
    if q.size and (q.min() < 0 or q.max() >= n):
        raise ValueError(f"queries must be rows in [0, {n}), got {q.min()}..{q.max()}")
    out = np.full((len(q), k), -1, dtype=np.int64)
    if n == 0 or not len(q):
        return out
    mt = m.T.tocsr()
    kk = min(k, n)
    positions = np.arange(n)
    for a in range(0, len(q), block_size):
        rows = q[a : a + block_size]
        sims = (m[rows] @ mt).toarray()
        sims[np.arange(len(rows)), rows] = -np.inf  # the query itself
        sims[sims <= 0] = -np.inf
        if kk < n:
            top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        else:
            top = np.tile(positions, (len(rows), 1))
        scores = np.take_along_axis(sims, top, axis=1)
        order = np.lexsort((top, -scores), axis=1)
        top = np.take_along_axis(top, order, axis=1)
        scores = np.take_along_axis(scores, order, axis=1)
        out[a : a + len(rows), :kk] = np.where(np.isfinite(scores), top, -1)
    return out


# --------------------------------------------------------------------------- groups
def group_labels(groups: Iterable[Iterable[Any]], ids: Sequence[Any]) -> np.ndarray:
    """Groups of document ids as one group number per document.

    Groups that share a document are merged (a chain of duplicates is one group); ids that are
    not in *ids* are ignored, and so are groups left with fewer than two documents.

    Parameters
    ----------
    groups : iterable of iterables of ids
        E.g. :meth:`newsnlp.RelatedArticles.duplicates`, or a file of known duplicates read
        as ``[line.split(",") for line in lines]`` (ids are compared as given: mind ``"12"``
        vs ``12``).
    ids : sequence
        The corpus' ids, in corpus order.

    Returns
    -------
    ndarray of int64, shape (len(ids),)
        The group number of each document (``0, 1, …`` in order of first member), ``-1``
        for a document in no group. For ``groups=`` of :func:`precision_at_k`.

    Raises
    ------
    TypeError
        If *groups* or one of its groups is a string or not iterable.
    ValueError
        If *ids* has duplicates.

    Examples
    --------
    >>> group_labels([["b", "d"], ["d", "e"], ["x", "a"]], ["a", "b", "c", "d", "e"]).tolist()
    [-1, 0, -1, 0, 0]
    """
    ids = list(ids)
    pos = {v: i for i, v in enumerate(ids)}
    if len(pos) != len(ids):
        raise ValueError("ids must be unique")
    if isinstance(groups, (str, bytes)) or not isinstance(groups, Iterable):
        raise TypeError(f"groups must be an iterable of groups of ids, not {type(groups).__name__}")
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        if isinstance(group, (str, bytes)) or not isinstance(group, Iterable):
            raise TypeError(
                f"each group must be an iterable of ids, not {type(group).__name__}: for a "
                'line "1,2,3" pass line.split(",")'
            )
        members = [pos[v] for v in group if v in pos]
        for other in members[1:]:
            ra, rb = find(members[0]), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([find(i) for i in range(len(ids))], dtype=np.int64)
    sizes = np.bincount(roots, minlength=len(ids)) if len(ids) else np.zeros(0, dtype=np.int64)
    out = np.full(len(ids), -1, dtype=np.int64)
    number: dict[int, int] = {}
    for i, r in enumerate(roots.tolist()):
        if sizes[r] >= 2:
            out[i] = number.setdefault(r, len(number))
    return out


# --------------------------------------------------------------------------- data folder
def find_data(*parts: str, start: str | os.PathLike | None = None) -> Path | None:
    """The evaluation data folder (or a file in it), if it is on this machine.

    Looks in ``$NEWSNLP_DATA`` when that variable is set (and only there); otherwise in the
    first ``shared/data`` folder found in *start* or one of its parents (the project's data
    sits next to the repository: ``../shared/data`` from its root, ``../../shared/data`` from
    ``notebooks/``).

    Parameters
    ----------
    *parts : str
        Path inside the data folder, e.g. ``"orangesum-fr", "orangesum_articles.jsonl.gz"``.
    start : path-like, optional
        Where to start looking up (default: the current directory).

    Returns
    -------
    pathlib.Path or None
        The existing path, or ``None`` (logged) when it is not there: use a fallback then.

    Examples
    --------
    >>> find_data("no-such-dataset", start="/") is None
    True
    """
    env = os.environ.get(DATA_ENV)
    if env:
        path = Path(env).expanduser().joinpath(*parts)
        if path.exists():
            return path
        logger.info("%s not found in $%s", path, DATA_ENV)
        return None
    here = Path(start if start is not None else os.getcwd()).expanduser().resolve()
    for folder in (here, *here.parents):
        base = folder / "shared" / "data"
        if base.is_dir() and base.joinpath(*parts).exists():
            return base.joinpath(*parts)
    logger.info("no shared/data/%s above %s (set $%s)", "/".join(parts), here, DATA_ENV)
    return None
