"""The fitted state of a :class:`~newsnlp.related.RelatedArticles`, and what queries derive
from it.

* :func:`set_index`, :func:`append_rows` — the one way the fitted attributes (``vocabulary_``,
  ``idf_``, ``n_documents_fit_``, ``matrix_``, ``ids_``, ``dates_``, ``body_fingerprints_``)
  are set and grown: by ``fit``, ``add`` and ``load``, and by a distributed fit
  (:func:`newsnlp.integrations.spark.fit_related_spark`);
* :class:`QueryCache` — the structures queries build from those attributes (id positions, the
  inverted index, body codes, near-duplicate groups), each built on first use. A cache knows
  the arrays it was built from, so that it is rebuilt as soon as the estimator's arrays are
  replaced (``fit``, ``add``, ``load``): never saved, never stale.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from newsnlp.checks import ensure_text
from newsnlp.errors import option
from newsnlp.related.duplicates import (
    FINGERPRINT_DTYPE,
    body_codes,
    body_fingerprint,
    group_labels,
)
from newsnlp.related.search import SearchIndex
from newsnlp.related.sparse import map_blocks, row_blocks

__all__ = ["QueryCache", "append_rows", "set_index"]


def set_index(
    est: Any,
    *,
    vocabulary: Mapping[str, int],
    idf: np.ndarray,
    n_documents_fit: int,
    matrix: sp.csr_matrix | None = None,
    ids: Sequence[str | int] = (),
    dates: np.ndarray | None = None,
    body_fingerprints: np.ndarray | None = None,
) -> Any:
    """Set the fitted attributes of *est*; without *matrix*, an empty index (0 articles) to
    fill with :func:`append_rows` or ``add``. Returns *est*.

    The arrays are taken as they are: checked ids (``newsnlp.related.inputs``), dates as
    ``datetime64[s]``, fingerprints as :data:`~newsnlp.related.duplicates.FINGERPRINT_DTYPE`.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = set_index(RelatedArticles(), vocabulary={"sncf": 0}, idf=np.ones(1),
    ...                 n_documents_fit=1)
    >>> est.matrix_.shape, est.ids_
    ((0, 1), [])
    """
    est.vocabulary_ = dict(vocabulary)
    est.idf_ = idf
    est.n_documents_fit_ = int(n_documents_fit)
    if matrix is None:
        matrix = sp.csr_matrix((0, len(est.vocabulary_)), dtype=est.dtype)
    est.matrix_ = matrix
    est.ids_ = list(ids)
    est.dates_ = np.zeros(0, dtype="datetime64[s]") if dates is None else dates
    if body_fingerprints is None:
        body_fingerprints = np.zeros(0, dtype=FINGERPRINT_DTYPE)
    est.body_fingerprints_ = body_fingerprints
    return est


def append_rows(
    est: Any,
    vectors: sp.csr_matrix,
    ids: Sequence[str | int],
    dates: np.ndarray,
    fingerprints: np.ndarray,
) -> None:
    """Append rows vectorised with *est*'s vocabulary and idf (checked ids, dates as
    ``datetime64[s]``, body fingerprints) to its index: the end of ``add``, also used by the
    distributed fit, whose workers compute the vectors.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"])
    >>> append_rows(est, est.transform(["SNCF"]), ["c"], np.array(["NaT"], "datetime64[s]"),
    ...             np.array([b""], "S32"))
    >>> est.ids_, est.matrix_.shape
    ([0, 1, 'c'], (3, 3))
    """
    if vectors.shape != (len(ids), len(est.vocabulary_)):
        raise ValueError(f"vectors of shape {vectors.shape} for {len(ids)} ids")
    est.matrix_ = sp.vstack([est.matrix_, vectors.astype(est.dtype)], format="csr")
    est.ids_ = est.ids_ + list(ids)
    est.dates_ = np.concatenate([est.dates_, dates.astype("datetime64[s]")])
    est.body_fingerprints_ = np.concatenate([est.body_fingerprints_, fingerprints])


class QueryCache:
    """What queries derive from a fitted index's arrays, each part built on first use.

    Parameters
    ----------
    est : RelatedArticles
        A fitted estimator: the cache keeps its arrays (not copies) to know what it was built
        from (:meth:`built_from`).

    Attributes
    ----------
    positions : dict
        Id → row.
    terms : list of str
        The terms in column order.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1, max_df=1.0).fit(["Grève SNCF", "SNCF"], ids=["a", "b"])
    >>> cache = QueryCache(est)
    >>> cache.positions, cache.terms, cache.inverted().shape, cache.built_from(est)
    ({'a': 0, 'b': 1}, ['greve', 'sncf'], (2, 2), True)
    """

    def __init__(self, est: Any) -> None:
        self.matrix: sp.csr_matrix = est.matrix_
        self.ids: list = est.ids_
        self.vocabulary: dict[str, int] = est.vocabulary_
        self.fingerprints: np.ndarray = est.body_fingerprints_
        self.positions = {v: i for i, v in enumerate(self.ids)}
        self.terms = list(self.vocabulary)
        self._inverted: sp.csr_matrix | None = None
        self._codes: tuple[np.ndarray, dict[bytes, int]] | None = None
        self._groups: tuple[float, np.ndarray] | None = None  # (threshold, group of each row)

    def position(self, value: object) -> int:
        """The row of id *value*; ``KeyError`` if it is not indexed."""
        try:
            return self.positions[value]
        except (KeyError, TypeError):
            raise KeyError(
                f"id {value!r} is not in the index ({len(self.ids)} articles); "
                f"use {option('by', 'text', flag='--text FILE')} to query with a text"
            ) from None

    def rows(self, ids: Iterable) -> np.ndarray | None:
        """The rows of the indexed *ids* (others ignored; a single ``str``/``int`` is one id),
        ``None`` for none."""
        if isinstance(ids, (str, int)):
            ids = (ids,)
        positions = self.positions
        rows = [positions[v] for v in ids if isinstance(v, Hashable) and v in positions]
        return np.asarray(rows, dtype=np.int64) if rows else None

    def targets(self, ids: object) -> np.ndarray | None:
        """The rows of the indexed *ids* for ``related_all(ids=...)`` (``None``: every row)."""
        if ids is None:
            return None
        if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
            raise TypeError(f"ids must be a sequence of indexed ids, not {type(ids).__name__}")
        return np.array([self.position(v) for v in ids], dtype=np.int64)

    def ids_at(self, rows: np.ndarray) -> np.ndarray:
        """The ids of an array of *rows* (``object`` array), ``None`` where a row is ``-1``."""
        n = len(self.ids)
        lookup = np.empty(n + 1, dtype=object)
        lookup[:n] = self.ids
        lookup[n] = None
        out = np.empty(rows.shape, dtype=object)
        out[:] = lookup[np.where(rows < 0, n, rows)]
        return out

    def resolve(
        self, value: object, by: str, vectorize: Callable[[list[str], list[str]], sp.csr_matrix]
    ) -> tuple[int | None, sp.csr_matrix, int]:
        """Row (``None`` for a text), vector and body code (``-1``: none) of a query *value*:
        an indexed id or a text, as *by* (``"auto"``, ``"id"`` or ``"text"``) reads it;
        *vectorize* turns texts (and titles) into rows."""
        if by not in ("auto", "id", "text"):
            raise ValueError(f"by must be 'auto', 'id' or 'text', not {by!r}")
        if by == "auto":
            if isinstance(value, Hashable) and value in self.positions:
                by = "id"
            elif isinstance(value, str):
                by = "text"
            else:
                by = "id"
        if by == "id":
            pos = self.position(value)
            return pos, self.matrix[pos], int(self.body_codes()[0][pos])
        text = ensure_text(value, name="id_or_text")
        code = self.body_codes()[1].get(body_fingerprint(text), -1)
        return None, vectorize([text], [""]), code

    def built_from(self, est: Any) -> bool:
        """Whether *est*'s arrays are still those this cache was built from."""
        return (
            self.matrix is est.matrix_
            and self.ids is est.ids_
            and self.vocabulary is est.vocabulary_
            and self.fingerprints is est.body_fingerprints_
        )

    def inverted(self) -> sp.csr_matrix:
        """``matrix.T`` as CSR, sorted: one row of postings per term."""
        if self._inverted is None:
            inverted = self.matrix.T.tocsr()
            inverted.sort_indices()
            self._inverted = inverted
        return self._inverted

    def body_codes(self) -> tuple[np.ndarray, dict[bytes, int]]:
        """:func:`~newsnlp.related.duplicates.body_codes` of the fingerprints."""
        if self._codes is None:
            self._codes = body_codes(self.fingerprints)
        return self._codes

    def group_labels(self, threshold: float, *, block_size: int, threads: int) -> np.ndarray:
        """:func:`~newsnlp.related.duplicates.group_labels` at *threshold* (not kept)."""
        inverted = self.inverted()  # built before the threads share it
        n = self.matrix.shape[0]
        blocks = row_blocks(n, n, block_size)
        return group_labels(
            self.matrix,
            inverted,
            self.body_codes()[0],
            threshold,
            run=lambda fn: map_blocks(fn, blocks, threads),
        )

    def search_index(
        self, threshold: float, *, collapse: bool, block_size: int, threads: int
    ) -> SearchIndex:
        """What a search reads (:class:`~newsnlp.related.search.SearchIndex`): with the
        near-duplicate groups at *threshold* when *collapse*."""
        groups = None
        if collapse:
            groups = self.groups(threshold, block_size=block_size, threads=threads)
        codes = self.body_codes()[0]
        return SearchIndex(self.matrix, self.inverted(), codes, groups, threshold)

    def groups(self, threshold: float, *, block_size: int, threads: int) -> np.ndarray:
        """:meth:`group_labels` at the duplicate threshold: kept for the next queries, until
        the threshold changes."""
        if self._groups is None or self._groups[0] != threshold:
            labels = self.group_labels(threshold, block_size=block_size, threads=threads)
            self._groups = (threshold, labels)
        return self._groups[1]
