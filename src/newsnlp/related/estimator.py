"""The related-articles estimator, :class:`RelatedArticles`: its parameters, ``fit`` and the
queries, each delegating to a module of :mod:`newsnlp.related` (see there for the notes on ids,
near-duplicates and determinism).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from newsnlp.checks import check_k
from newsnlp.related import inputs, persistence, search
from newsnlp.related.analysis import french_analyzer
from newsnlp.related.duplicates import body_fingerprints, group_members
from newsnlp.related.index import QueryCache, append_rows, set_index
from newsnlp.related.params import (
    PARAMETER_CONSTRAINTS,
    SKLEARN_VALIDATION,
    check_constraints,
    check_values,
)
from newsnlp.related.sparse import n_threads, row_blocks
from newsnlp.related.vectorize import fit_tfidf, vector_options, vectorize

__all__ = ["RelatedArticles"]

logger = logging.getLogger(__name__)


class RelatedArticles(TransformerMixin, BaseEstimator):
    """Related-articles index over French news: TF-IDF + cosine, sparse and blockwise.

    A scikit-learn transformer (``transform`` gives the L2-normalised TF-IDF matrix: it fits in
    a :class:`~sklearn.pipeline.Pipeline`) that also keeps the indexed articles to recommend
    from. ``__init__`` only stores the parameters (checked at :meth:`fit`); everything learnt
    ends in ``_``. Ids, zero vectors, near-duplicates and determinism: see :mod:`newsnlp.related`.

    Parameters
    ----------
    analyzer : callable, default=french_analyzer
        ``str -> list[str]``. Only the functions of :data:`~newsnlp.related.ANALYZERS` can be
        saved (by name: no pickle); any callable works otherwise.
    min_df : int or float, default=2
        Ignore terms in fewer documents than this (a float is a fraction of the corpus).
    max_df : int or float, default=0.5
        Ignore terms in more documents than this (a float is a fraction of the corpus). If the
        cuts leave no term (a single text, identical texts), every term is kept, with a warning.
    max_features : int or None, default=None
        Keep only this many terms, the most frequent in the corpus (ties: alphabetical).
    ngram_range : (int, int), default=(1, 1)
        Word n-grams of the analyzer's tokens (after stop-word removal), e.g. ``(1, 2)`` adds
        bigrams such as ``"premier ministre"``.
    sublinear_tf : bool, default=True
        Use ``1 + log(tf)`` instead of raw counts.
    title_weight : int, default=1
        Titles, when given, count this many times (0 ignores them).
    duplicate_threshold : float, default=0.9
        Cosine from which two articles are near-duplicates: never recommended for each other,
        grouped by :meth:`duplicates`. Articles with the same body always are.
    collapse_duplicates : bool, default=True
        In :meth:`related` and :meth:`related_all`, show at most one article of each group of
        near-duplicates (the best-ranked one, the next articles taking the others' places).
        Read at query time, as are the next three parameters.
    block_size : int, default=2048
        Rows of the similarity matrix computed at a time in :meth:`related_all` and
        :meth:`duplicates` (also capped at ``2**24 // n_documents``: ≈ 200 MB per thread).
    search : {"pruned", "exact"}, default="pruned"
        How :meth:`related_all` finds each article's neighbours: ``"exact"`` scores every pair
        of articles sharing a term; ``"pruned"`` rescores exactly each article's *n_candidates*
        best candidates of a cheaper search (its rarer terms, and its 8 heaviest common terms in
        the half of their articles where they weigh most): recall@10 ≥ 0.99 measured, 2.8 times
        as fast on 33,000 articles, more on larger corpora; the scores are :meth:`related`'s.
    n_candidates : int, default=100
        Candidates rescored per article with ``search="pruned"`` (at least ``2k + 8``).
    n_jobs : int or None, default=None
        Threads for :meth:`related_all` and :meth:`duplicates`. ``None`` is 1, ``-1`` all cores.
    dtype : numpy float type, default=np.float32
        Type of the TF-IDF values (``np.float32`` or ``np.float64``).

    Attributes
    ----------
    vocabulary_ : dict of str to int
        Term → column, columns in alphabetical order of terms.
    idf_ : ndarray of shape (n_terms,)
        Inverse document frequencies, ``ln((1 + n) / (1 + df)) + 1`` (float64), frozen at fit.
    matrix_ : scipy.sparse.csr_matrix of shape (n_documents, n_terms)
        The indexed articles' L2-normalised TF-IDF vectors (rows in index order).
    ids_ : list of str or int
        The indexed articles' ids (position ``i`` is row ``i``).
    dates_ : ndarray of datetime64[s]
        The articles' dates (UTC for timezone-aware input), ``NaT`` when unknown.
    n_documents_fit_ : int
        Documents the idf was computed from.
    body_fingerprints_ : ndarray of dtype S32, shape (n_documents,)
        Each body's fingerprint (:func:`~newsnlp.related.duplicates.body_fingerprint`),
        ``b""`` for an empty or unknown body.

    Examples
    --------
    >>> from sklearn.base import clone
    >>> est = RelatedArticles(min_df=1, ngram_range=(1, 2))
    >>> clone(est).get_params()["ngram_range"]
    (1, 2)
    """

    _parameter_constraints: dict = PARAMETER_CONSTRAINTS
    _cache: QueryCache | None = None  # what queries derive from the fitted arrays: _index()

    def __init__(
        self,
        *,
        analyzer: Callable[[str], list[str]] = french_analyzer,
        min_df: float = 2,
        max_df: float = 0.5,
        max_features: int | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        sublinear_tf: bool = True,
        title_weight: int = 1,
        duplicate_threshold: float = 0.9,
        collapse_duplicates: bool = True,
        block_size: int = 2048,
        search: str = "pruned",
        n_candidates: int = 100,
        n_jobs: int | None = None,
        dtype: type = np.float32,
    ) -> None:
        self.analyzer = analyzer
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.ngram_range = ngram_range
        self.sublinear_tf = sublinear_tf
        self.title_weight = title_weight
        self.duplicate_threshold = duplicate_threshold
        self.collapse_duplicates = collapse_duplicates
        self.block_size = block_size
        self.search = search
        self.n_candidates = n_candidates
        self.n_jobs = n_jobs
        self.dtype = dtype

    def __sklearn_tags__(self):  # scikit-learn >= 1.6
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _check_params(self) -> None:
        """scikit-learn's own check of ``_parameter_constraints``, then what it cannot say."""
        if SKLEARN_VALIDATION:
            self._validate_params()  # BaseEstimator's
        else:  # pragma: no cover - scikit-learn moved its validation: the same table, checked
            check_constraints(self.get_params(deep=False), type(self).__name__)
        check_values(self.get_params(deep=False))

    def _index(self) -> QueryCache:
        """The query structures of the fitted arrays: built once, rebuilt when they change."""
        cache = self._cache
        if cache is None or not cache.built_from(self):
            cache = self._cache = QueryCache(self)
        return cache

    def _reset_caches(self) -> None:
        """Forget the query structures (the next query rebuilds them)."""
        self._cache = None

    def _threads(self) -> dict:
        return {"block_size": self.block_size, "threads": n_threads(self.n_jobs)}

    def _search_index(self) -> search.SearchIndex:
        thr, collapse = float(self.duplicate_threshold), bool(self.collapse_duplicates)
        return self._index().search_index(thr, collapse=collapse, **self._threads())

    def _vectorize(self, texts: list[str], titles: list[str]) -> sp.csr_matrix:
        return vectorize(texts, titles, self.vocabulary_, self.idf_, **vector_options(self))

    # ---------------------------------------------------------------- fitting

    def fit(
        self,
        texts: Iterable[str],
        y: None = None,
        *,
        ids: Sequence[str | int] | None = None,
        titles: Sequence[str | None] | None = None,
        dates: Sequence[object] | None = None,
    ) -> RelatedArticles:
        """Learn the vocabulary and idf from *texts* and index them.

        Parameters
        ----------
        texts : iterable of str
            Article bodies.
        y : None
            Ignored. Until the next release a value here is read as *ids*, with a
            ``DeprecationWarning`` (``fit(texts, ids)`` was the former signature).
        ids : sequence of str or int, keyword-only, optional
            One unique id per text (default: positions ``0 … n-1``).
        titles : sequence of str or None, keyword-only, optional
            Titles, weighted by ``title_weight``.
        dates : sequence of str, date, datetime or None, keyword-only, optional
            Publication dates (ISO 8601 strings or ``datetime`` objects), for ``since=``.

        Raises ``ValueError`` (an empty corpus, duplicate ids, a length mismatch, a bad date or
        parameter) or ``TypeError`` (a text that is not a ``str``, a parameter's type).

        Examples
        --------
        >>> est = RelatedArticles(min_df=1, max_df=1.0)
        >>> est = est.fit(["Grève à la SNCF", "La SNCF en grève"], ids=["a", "b"])
        >>> est.ids_, sorted(est.vocabulary_)
        (['a', 'b'], ['greve', 'sncf'])
        """
        ids = inputs.ids_from_y(y, ids)
        self._check_params()
        texts, ids_list, titles_list, dates_arr = inputs.check_articles(
            texts, ids, titles, dates, fit=True
        )
        n = len(texts)
        fitted, matrix = fit_tfidf(
            texts, titles_list, min_df=self.min_df, max_df=self.max_df,
            max_features=self.max_features, **vector_options(self),
        )  # fmt: skip
        set_index(
            self, vocabulary=fitted.vocabulary, idf=fitted.idf, n_documents_fit=n, matrix=matrix,
            ids=ids_list, dates=dates_arr, body_fingerprints=body_fingerprints(texts),
        )  # fmt: skip
        logger.info(
            "indexed %d articles, %d terms (of %d), %d non-zeros",
            n, len(self.vocabulary_), len(fitted.columns), self.matrix_.nnz,
        )  # fmt: skip
        return self

    def add(
        self,
        texts: Iterable[str],
        ids: Sequence[str | int] | None = None,
        *,
        titles: Sequence[str | None] | None = None,
        dates: Sequence[object] | None = None,
    ) -> RelatedArticles:
        """Index more articles without refitting.

        The vocabulary and the document frequencies (idf) stay **frozen** at their values from
        :meth:`fit`: the vectors of the articles already indexed stay valid and comparable with
        the new ones, and ``add`` only analyses the new texts. Terms unseen at fit time are
        ignored until the next :meth:`fit` (refit periodically, e.g. nightly). The inverted
        index and the near-duplicate groups are rebuilt at the next query (seconds to minutes
        for a million articles): add articles in batches rather than one by one.

        *texts*, *ids*, *titles* and *dates* are as in :meth:`fit`; default ids continue the
        positions (``n, n+1, …``); ids must not collide with indexed ids.

        Examples
        --------
        >>> est = RelatedArticles(min_df=1, max_df=1.0).fit(
        ...     ["Grève à la SNCF", "Budget de l’État", "Des contrôleurs aériens"],
        ...     ids=["a", "b", "c"])
        >>> [r.id for r in est.add(["La grève des contrôleurs SNCF"], ["d"]).related("a")]
        ['d']
        """
        check_is_fitted(self)
        texts, ids_list, titles_list, dates_arr = inputs.check_articles(
            texts, ids, titles, dates, start=len(self.ids_), existing=self._index().positions
        )
        if not texts:
            return self
        vectors = self._vectorize(texts, titles_list)
        append_rows(self, vectors, ids_list, dates_arr, body_fingerprints(texts))
        return self

    # ---------------------------------------------------------------- transformer API

    def transform(self, texts: Iterable[str], *, titles: Sequence[str | None] | None = None):
        """L2-normalised TF-IDF vectors of *texts* (with the fitted vocabulary and idf): a
        ``scipy.sparse.csr_matrix`` of shape ``(n_texts, n_terms)``.

        Examples
        --------
        >>> est = RelatedArticles(min_df=1, max_df=1.0).fit(["Grève à la SNCF", "Budget de l’État"])
        >>> est.transform(["grève, grève"]).toarray().round(3).tolist()
        [[0.0, 0.0, 1.0, 0.0]]
        """
        check_is_fitted(self)
        texts = inputs.check_texts(texts)
        return self._vectorize(texts, inputs.check_titles(titles, len(texts)))

    def fit_transform(self, texts, y=None, *, ids=None, titles=None, dates=None):
        """Fit, then return the indexed articles' TF-IDF matrix (``matrix_``). *y* is ignored,
        as by every scikit-learn transformer (a Pipeline passes its target there)."""
        return self.fit(texts, ids=ids, titles=titles, dates=dates).matrix_.copy()

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Terms of the columns of :meth:`transform`'s output."""
        check_is_fitted(self)
        return np.asarray(list(self.vocabulary_), dtype=object)

    # ---------------------------------------------------------------- queries

    def related(
        self,
        id_or_text: str | int,
        k: int = 10,
        *,
        exclude: Iterable[str | int] = (),
        since: object = None,
        by: Literal["auto", "id", "text"] = "auto",
    ) -> list[search.Related]:
        """The *k* indexed articles most similar to an indexed article or to a text.

        Parameters
        ----------
        id_or_text : str or int
            An indexed article's id, or a text. With ``by="auto"`` a value that is a known id is
            an id, any other ``str`` is a text (a non-str unknown value raises ``KeyError``).
        k : int, default=10
            How many articles at most (fewer when fewer share a term with the query).
        exclude : iterable of ids, keyword-only
            Ids never to return (ids not in the index are ignored).
        since : str, date or datetime, keyword-only, optional
            Only articles dated at or after *since* (a date means its midnight). Articles without
            a date are excluded when *since* is given.
        by : {"auto", "id", "text"}, keyword-only
            How to read *id_or_text*.

        Returns
        -------
        list of Related
            Best first (score descending, ties in index order). Never the article itself nor its
            near-duplicates (cosine >= ``duplicate_threshold``, or the same body), nor an article
            sharing no term with the query; with ``collapse_duplicates``, one article per group
            of :meth:`duplicates`. ``[]`` for a query with a zero vector.

        Raises ``KeyError`` for an unknown id, ``ValueError`` for ``k < 1``, a bad *by* or *since*.

        Examples
        --------
        >>> est = RelatedArticles(min_df=1, max_df=1.0).fit(
        ...     ["Grève à la SNCF et à la RATP", "La SNCF prévoit une grève des contrôleurs",
        ...      "Budget de l’État"], ids=["a", "b", "c"])
        >>> [(r.id, round(r.score, 3), r.terms) for r in est.related("a")]
        [('b', 0.443, ('greve', 'sncf'))]
        >>> [r.id for r in est.related("Le budget de la SNCF")]  # not an id: a text
        ['c', 'a', 'b']
        """
        check_is_fitted(self)
        k = check_k(k)
        since64 = inputs.parse_since(since)
        cache = self._index()
        pos, q, code = cache.resolve(id_or_text, by, self._vectorize)
        if q.nnz == 0:
            return []
        cols, scores = search.query(
            q, self._search_index(), k, position=pos, code=code, banned=cache.rows(exclude),
            since=since64, dates=self.dates_,
        )  # fmt: skip
        explain = search.explain
        return [
            search.Related(self.ids_[c], float(s), explain(q, self.matrix_, c, cache.terms))
            for c, s in zip(cols.tolist(), scores.tolist(), strict=True)
        ]

    def related_all(
        self, k: int = 10, *, ids: Sequence[str | int] | None = None, positions: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """The *k* related articles of every indexed article, as :meth:`related` gives them.

        Computed block by block (``block_size`` rows of the similarity matrix at a time), on
        ``n_jobs`` threads, with the exclusions and tie-breaking of :meth:`related`
        (:func:`newsnlp.related.search.related_all`). With ``search="exact"`` the results equal
        :meth:`related`'s exactly; with ``search="pruned"`` (the default) a neighbour is rarely
        missed (recall@10 ≥ 0.99 measured) and the scores are exact.

        Parameters
        ----------
        k : int, default=10
        ids : sequence of str or int, keyword-only, optional
            Only these indexed articles' neighbours (searched among all indexed articles), in
            this order: e.g. the articles of the day against the archive. Default: every
            article, in index order.
        positions : bool, keyword-only, default=False
            Return row positions (``int64``, index into ``ids_``) instead of ids.

        Returns
        -------
        neighbours : ndarray of shape (n_documents or len(ids), k)
            Row ``i`` holds the neighbours of ``ids_[i]`` (of ``ids[i]`` when given), best
            first: ids (``object`` array) padded with ``None``, or positions padded with ``-1``,
            when fewer than *k* articles qualify.
        scores : ndarray of float32, shape (n_documents, k)
            Their cosines, ``NaN`` in padded cells.

        Examples
        --------
        >>> est = RelatedArticles(min_df=1, max_df=1.0).fit(
        ...     ["Grève à la SNCF et à la RATP", "La SNCF prévoit une grève des contrôleurs",
        ...      "Budget de l’État"], ids=["a", "b", "c"])
        >>> ids, scores = est.related_all(k=2)
        >>> ids.tolist()
        [['b', None], ['a', None], [None, None]]
        """
        check_is_fitted(self)
        k = check_k(k)
        n = len(self.ids_)
        targets = self._index().targets(ids)
        out_pos, out_scores = search.related_all(
            self._search_index(), k, targets=targets, search=self.search,
            n_candidates=int(self.n_candidates), threads=n_threads(self.n_jobs),
            blocks=lambda rows: row_blocks(rows, n, self.block_size),
        )  # fmt: skip
        if positions:
            return out_pos, out_scores
        return self._index().ids_at(out_pos), out_scores

    def duplicates(self, threshold: float | None = None) -> list[list[str | int]]:
        """Groups of near-duplicate articles (cosine >= *threshold*), by union-find.

        Two articles are in the same group when a chain of near-duplicate pairs links them
        (an article and its updated version, re-sent wires …); articles with the same body
        fingerprint are paired at any *threshold* (:func:`newsnlp.related.duplicates.group_labels`:
        the pairs of the full product, at a tenth of its cost). The groups at
        ``duplicate_threshold`` (the default *threshold*, in (0, 1]) are those of
        ``collapse_duplicates``: computed once, until :meth:`add` or a refit.

        Returns
        -------
        list of list of ids
            Groups of at least two ids, in index order; groups by their first member.

        Examples
        --------
        >>> est = RelatedArticles(min_df=1, max_df=1.0).fit(
        ...     ["Grève à la SNCF", "Budget de l’État", "Grève à la SNCF !"], ids=["a", "b", "c"])
        >>> est.duplicates()
        [['a', 'c']]
        """
        check_is_fitted(self)
        thr = float(self.duplicate_threshold)
        if threshold is not None:
            thr = inputs.check_threshold(threshold, "threshold")
        if thr == float(self.duplicate_threshold):
            labels = self._index().groups(thr, **self._threads())
        else:
            labels = self._index().group_labels(thr, **self._threads())
        return group_members(labels, self.ids_)

    # ---------------------------------------------------------------- persistence

    def save(self, path: str | os.PathLike) -> Path:
        """Save the fitted index to directory *path* (created if needed), without pickle.

        A ``manifest.json`` (versions, parameters, the analyzer's name, SHA-256 and size of
        every other file) and the arrays as JSON and ``.npy`` files
        (:mod:`newsnlp.related.persistence`). Returns the directory (a ``pathlib.Path``).
        Raises ``ValueError`` if the analyzer is not one of :data:`~newsnlp.related.ANALYZERS`.

        Examples
        --------
        >>> import tempfile
        >>> est = RelatedArticles(min_df=1, max_df=1.0).fit(["Grève à la SNCF", "La SNCF en grève"])
        >>> with tempfile.TemporaryDirectory() as d:
        ...     same = RelatedArticles.load(est.save(d))
        >>> same.related(0) == est.related(0)
        True
        """
        check_is_fitted(self)
        return persistence.save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> RelatedArticles:
        """Load an index saved by :meth:`save`, verifying every file first.

        Each file's size and SHA-256 must match the manifest (they detect corruption and edits;
        they are not a signature); arrays are read with ``allow_pickle=False`` and the analyzer
        comes from the allow-list :data:`~newsnlp.related.ANALYZERS`: loading never runs code
        from the files. The result gives the same answers as the saved index. Parameters added
        since format version 1 get their defaults; an index saved before body fingerprints
        loads with every fingerprint unknown (``b""``).

        Raises
        ------
        ValueError
            A missing, truncated or modified file (named), an unknown format version or
            analyzer, inconsistent arrays.
        FileNotFoundError
            If *path* has no ``manifest.json``.
        """
        return persistence.load(cls, path)
