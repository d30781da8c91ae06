"""The fitted state of a :class:`~newsnlp.related.RelatedArticles`, and what queries derive
from it.

* :func:`set_index`, :func:`append_rows` — the one way the fitted attributes (``vocabulary_``,
  ``idf_``, ``n_documents_fit_``, ``matrix_``, ``ids_``, ``dates_``, ``body_fingerprints_``,
  ``body_signatures_``, ``body_shingles_``) are set and grown: by ``fit``, ``add`` and
  ``load``, and by a distributed fit (:func:`newsnlp.integrations.spark.fit_related_spark`);
* :class:`QueryCache` — a snapshot of those attributes and the structures queries build from
  them (id positions, the inverted index, body codes, near-duplicate groups), each built on
  first use. A cache knows the arrays it was built from, so that it is rebuilt as soon as the
  estimator's arrays are replaced (``fit``, ``add``, ``load``): never saved, never stale.

*Threads.* The attributes are replaced, never modified in place, and always together, under
the estimator's lock (:func:`locks`); a query takes one snapshot (:func:`snapshot`) and reads
only it. So queries on several threads may run while another thread calls ``add``: each
answers on the index before or after the added articles, never on a mix (copy-on-write).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from newsnlp.checks import ensure_text
from newsnlp.errors import option
from newsnlp.related.duplicates import (
    FINGERPRINT_DTYPE,
    DuplicateRule,
    body_codes,
    body_fingerprint,
    group_labels,
)
from newsnlp.related.latent import project
from newsnlp.related.search import SearchIndex
from newsnlp.related.shingles import empty_signatures
from newsnlp.related.sparse import map_blocks, row_blocks
from newsnlp.related.vectorize import column_weights

__all__ = ["FITTED", "QueryCache", "append_rows", "locks", "set_index", "set_latent", "snapshot"]

_GUARD = threading.Lock()  # creates the estimators' locks
_UNKNOWN: Any = object()  # signatures not given: unknown bodies (never duplicates by text)
#: The fitted attributes, set together.
FITTED = (
    "vocabulary_", "idf_", "n_documents_fit_", "matrix_", "ids_", "dates_",
    "body_fingerprints_", "body_signatures_", "body_shingles_", "latent_components_",
)  # fmt: skip


def locks(est: Any) -> tuple[threading.Lock, threading.RLock]:
    """The estimator's two locks, created on first use (never pickled): the *swap* lock, held
    while the fitted attributes are replaced and while a query takes its snapshot, and the
    *write* lock, held by ``add`` from start to end (one ``add`` at a time).

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles()
    >>> locks(est) is locks(est)
    True
    """
    got = est.__dict__.get("_locks")
    if got is None:
        with _GUARD:
            got = est.__dict__.setdefault("_locks", (threading.Lock(), threading.RLock()))
    return got


def snapshot(est: Any) -> QueryCache:
    """The :class:`QueryCache` of *est*'s current fitted arrays (built if they changed): what
    one query reads from start to end.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"])
    >>> snapshot(est) is snapshot(est)
    True
    """
    with locks(est)[0]:
        cache = est.__dict__.get("_cache")
        if cache is None or not cache.built_from(est):
            cache = est._cache = QueryCache(est)
        return cache


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
    signatures: tuple[np.ndarray, np.ndarray] | None = _UNKNOWN,
    latent: np.ndarray | None = None,
) -> Any:
    """Set the fitted attributes of *est*; without *matrix*, an empty index (0 articles) to
    fill with :func:`append_rows` or ``add``. Returns *est*.

    The arrays are taken as they are: checked ids (``newsnlp.related.inputs``), dates as
    ``datetime64[s]``, fingerprints as :data:`~newsnlp.related.duplicates.FINGERPRINT_DTYPE`,
    *signatures* as ``(signatures, shingle counts)`` of
    :func:`~newsnlp.related.shingles.signatures` (not given: unknown bodies; ``None``: an index
    without signatures, whose near-duplicates are decided by cosine, saved before they existed),
    *latent* as the projection of :func:`~newsnlp.related.latent.fit_latent` (``None``: none).

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = set_index(RelatedArticles(), vocabulary={"sncf": 0}, idf=np.ones(1),
    ...                 n_documents_fit=1)
    >>> est.matrix_.shape, est.ids_
    ((0, 1), [])
    """
    if matrix is None:
        matrix = sp.csr_matrix((0, len(vocabulary)), dtype=est.dtype)
    n = matrix.shape[0]
    if signatures is _UNKNOWN:
        signatures = empty_signatures(n)
    values = {
        "vocabulary_": dict(vocabulary),
        "idf_": idf,
        "n_documents_fit_": int(n_documents_fit),
        "matrix_": matrix,
        "ids_": list(ids),
        "dates_": np.zeros(0, dtype="datetime64[s]") if dates is None else dates,
        "body_fingerprints_": (
            np.zeros(0, dtype=FINGERPRINT_DTYPE) if body_fingerprints is None else body_fingerprints
        ),
        "body_signatures_": None if signatures is None else signatures[0],
        "body_shingles_": None if signatures is None else signatures[1],
        "latent_components_": latent,
    }
    _replace(est, values)
    return est


def set_latent(est: Any, components: np.ndarray | None) -> None:
    """Set *est*'s latent projection (``latent_components_``), e.g. once a distributed fit has
    collected the matrix it is learnt from.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(latent_dims=0).fit(["Grève SNCF", "Budget"])
    >>> set_latent(est, None); est.latent_components_ is None
    True
    """
    _replace(est, {"latent_components_": components})


def _replace(est: Any, values: dict[str, Any]) -> None:
    """Set the fitted attributes *values* together (under the swap lock)."""
    with locks(est)[0]:
        for name, value in values.items():
            setattr(est, name, value)
        est._cache = None


def append_rows(
    est: Any,
    vectors: sp.csr_matrix,
    ids: Sequence[str | int],
    dates: np.ndarray,
    fingerprints: np.ndarray,
    signatures: tuple[np.ndarray, np.ndarray] | None = None,
) -> None:
    """Append rows vectorised with *est*'s vocabulary and idf (checked ids, dates as
    ``datetime64[s]``, body fingerprints, shingle signatures: ``None`` for unknown bodies) to
    its index: the end of ``add``, also used by the distributed fit, whose workers compute the
    vectors. New arrays replace the old ones (copy-on-write, see the module's notes).

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
    values = {
        "matrix_": sp.vstack([est.matrix_, vectors.astype(est.dtype)], format="csr"),
        "ids_": est.ids_ + list(ids),
        "dates_": np.concatenate([est.dates_, dates.astype("datetime64[s]")]),
        "body_fingerprints_": np.concatenate([est.body_fingerprints_, fingerprints]),
    }
    if est.body_signatures_ is not None:  # None: an index of the cosine rule (saved before)
        sig, counts = empty_signatures(len(ids)) if signatures is None else signatures
        values["body_signatures_"] = np.concatenate([est.body_signatures_, sig])
        values["body_shingles_"] = np.concatenate([est.body_shingles_, counts])
    _replace(est, values)


class QueryCache:
    """A snapshot of a fitted index's arrays and what queries derive from them, each part
    built on first use (once, whatever the number of threads asking).

    Parameters
    ----------
    est : RelatedArticles
        A fitted estimator: the cache keeps its arrays (not copies) to know what it was built
        from (:meth:`built_from`); take it with :func:`snapshot`.

    Attributes
    ----------
    matrix, ids, vocabulary, idf, fingerprints, dates, signatures, shingles, components
        The estimator's ``matrix_``, ``ids_``, ``vocabulary_``, ``idf_``,
        ``body_fingerprints_``, ``dates_``, ``body_signatures_``, ``body_shingles_`` and
        ``latent_components_``.
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

    _SOURCES = (
        ("matrix", "matrix_"), ("ids", "ids_"), ("vocabulary", "vocabulary_"), ("idf", "idf_"),
        ("fingerprints", "body_fingerprints_"), ("dates", "dates_"),
        ("signatures", "body_signatures_"), ("shingles", "body_shingles_"),
        ("components", "latent_components_"),
    )  # fmt: skip

    def __init__(self, est: Any) -> None:
        for name, attr in self._SOURCES:
            setattr(self, name, getattr(est, attr))
        self.positions = {v: i for i, v in enumerate(self.ids)}
        self.terms = list(self.vocabulary)
        self._lock = threading.RLock()  # a part's build may need another part
        self._parts: dict[tuple, Any] = {}

    def _part(self, key: Any, build: Callable[[], Any]) -> Any:
        """The part *key*, built by *build* on first use (one thread builds, others wait)."""
        got = self._parts.get(key)
        if got is None:
            with self._lock:
                got = self._parts.get(key)
                if got is None:
                    got = self._parts[key] = build()
        return got

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

    def resolve(self, value: object, by: str, vectorize: Callable[[object], tuple]) -> tuple:
        """Row (``None`` for a text), vector, body code (``-1``: none) and shingle signature
        (``(signature, count)`` of a text, ``None`` for an indexed article) of a query *value*:
        an indexed id, or a text (a ``str``, an :class:`~newsnlp.Article` or an annotated
        record), as *by* (``"auto"``, ``"id"`` or ``"text"``) reads it; ``vectorize(value)``
        gives a text's body, row and signature."""
        if by not in ("auto", "id", "text"):
            raise ValueError(f"by must be 'auto', 'id' or 'text', not {by!r}")
        if by == "auto":
            if isinstance(value, (str, int)) and value in self.positions:
                by = "id"
            elif isinstance(value, (str, Mapping)) or hasattr(value, "reading_time"):
                by = "text"
            else:
                by = "id"
        if by == "id":
            pos = self.position(value)
            return pos, self.matrix[pos], int(self.body_codes()[0][pos]), None
        if isinstance(value, str):
            value = ensure_text(value, name="id_or_text")
        text, vector, signature = vectorize(value)
        code = self.body_codes()[1].get(body_fingerprint(text), -1)
        return None, vector, code, signature

    def built_from(self, est: Any) -> bool:
        """Whether *est*'s arrays are still those this cache was built from."""
        return all(getattr(self, name) is getattr(est, attr) for name, attr in self._SOURCES)

    def inverted(self) -> sp.csr_matrix:
        """``matrix.T`` as CSR, sorted: one row of postings per term."""

        def build() -> sp.csr_matrix:
            inverted = self.matrix.T.tocsr()
            inverted.sort_indices()
            return inverted

        return self._part(("inverted",), build)

    def body_codes(self) -> tuple[np.ndarray, dict[bytes, int]]:
        """:func:`~newsnlp.related.duplicates.body_codes` of the fingerprints."""
        return self._part(("codes",), lambda: body_codes(self.fingerprints))

    def weighted_idf(self, entity_weight: float) -> np.ndarray:
        """The idf times :func:`~newsnlp.related.vectorize.column_weights` (what
        :func:`~newsnlp.related.vectorize.vectorize` multiplies counts by)."""
        if entity_weight == 1.0:
            return self.idf
        return self._part(
            ("idf", entity_weight), lambda: self.idf * column_weights(self.terms, entity_weight)
        )

    def rule(self, threshold: float) -> DuplicateRule:
        """The near-duplicate rule at *threshold* (by shingles, or by cosine for an index
        without signatures)."""
        return DuplicateRule(threshold, self.signatures, self.shingles)

    def group_labels(self, threshold: float, *, block_size: int, threads: int) -> np.ndarray:
        """:func:`~newsnlp.related.duplicates.group_labels` at *threshold* (not kept)."""
        inverted = self.inverted()  # built before the threads share it
        n = self.matrix.shape[0]
        blocks = row_blocks(n, n, block_size)
        return group_labels(
            self.matrix,
            inverted,
            self.body_codes()[0],
            self.rule(threshold),
            run=lambda fn: map_blocks(fn, blocks, threads),
        )

    def latent(self) -> np.ndarray | None:
        """The rows' unit latent vectors (:func:`~newsnlp.related.latent.project`), ``None``
        without a latent projection."""
        if self.components is None:
            return None
        return self._part(("latent",), lambda: project(self.matrix, self.components))

    def search_index(
        self,
        threshold: float,
        *,
        collapse: bool,
        block_size: int,
        threads: int,
        latent_weight: float = 1.0,
        shortlist: int = 100,
    ) -> SearchIndex:
        """What a search reads (:class:`~newsnlp.related.search.SearchIndex`): with the
        near-duplicate groups at *threshold* when *collapse*, and the latent vectors."""
        groups = None
        if collapse:
            groups = self.groups(threshold, block_size=block_size, threads=threads)
        codes = self.body_codes()[0]
        return SearchIndex(
            self.matrix, self.inverted(), codes, groups, self.rule(threshold),
            latent=self.latent(), components=self.components, latent_weight=latent_weight,
            shortlist=shortlist,
        )  # fmt: skip

    def groups(self, threshold: float, *, block_size: int, threads: int) -> np.ndarray:
        """:meth:`group_labels` at the duplicate threshold: kept for the next queries (one
        threshold at a time)."""

        def build() -> np.ndarray:
            for old in [key for key in self._parts if key[0] == "groups"]:
                del self._parts[old]  # under the lock: one threshold kept
            return self.group_labels(threshold, block_size=block_size, threads=threads)

        return self._part(("groups", threshold), build)
