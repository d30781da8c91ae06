"""The queries of :class:`~newsnlp.related.RelatedArticles` (:class:`RelatedQueries`, a base
class of the estimator): :meth:`~RelatedQueries.related`, :meth:`~RelatedQueries.related_all`
and :meth:`~RelatedQueries.duplicates`, each reading one snapshot of the fitted index
(:func:`newsnlp.related.index.snapshot`) and delegating to :mod:`newsnlp.related.search` and
:mod:`newsnlp.related.duplicates`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
from sklearn.utils.validation import check_is_fitted

from newsnlp.checks import check_k
from newsnlp.related import inputs, search
from newsnlp.related.annotated import read_articles
from newsnlp.related.duplicates import group_members
from newsnlp.related.index import QueryCache, snapshot
from newsnlp.related.latent import shortlist
from newsnlp.related.sparse import n_threads, row_blocks
from newsnlp.related.wordvectors import blend_weight

__all__ = ["RelatedQueries"]


class RelatedQueries:
    """The query methods of :class:`~newsnlp.related.RelatedArticles` (documented there).

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> issubclass(RelatedArticles, RelatedQueries)
    True
    """

    def _query_vector(self, value: object, cache: QueryCache) -> tuple:
        """A new text's body, row and ``(signature, count)``."""
        arts = read_articles([value], entities=bool(self.entities), name="id_or_text")
        titles = [arts.titles[0] or ""] if arts.titles else [""]
        vector, (sig, counts) = self._vectorize(
            arts.texts, titles, arts.entities, cache, signatures=True
        )
        return arts.texts[0], vector, (sig[0], int(counts[0]))

    # ---------------------------------------------------------------- fitting

    def _search_index(self, cache: QueryCache) -> search.SearchIndex:
        thr, collapse = float(self.duplicate_threshold), bool(self.collapse_duplicates)
        return cache.search_index(
            thr, collapse=collapse, latent_weight=blend_weight(self),
            shortlist=shortlist(int(self.n_candidates)), **self._threads(),
        )  # fmt: skip

    def _threads(self) -> dict:
        return {"block_size": self.block_size, "threads": n_threads(self.n_jobs)}

    # ---------------------------------------------------------------- queries

    def related(
        self,
        id_or_text: object,
        k: int = 10,
        *,
        exclude: Iterable[str | int] = (),
        since: object = None,
        by: Literal["auto", "id", "text"] = "auto",
    ) -> list[search.Related]:
        """The *k* indexed articles most similar to an indexed article or to a new article.

        Parameters
        ----------
        id_or_text : str, int, Article or dict
            An indexed article's id, or a new article: a text, an :class:`~newsnlp.Article`
            or an annotated record. With ``by="auto"`` a known id is an id, any other ``str``
            a text (a non-str unknown value raises ``KeyError``).
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
            Best first (score descending, ties in index order). Never the article itself, its
            near-duplicates and its group of near-duplicates, nor an article sharing no term
            with the query; with ``collapse_duplicates``, one article per group of
            :meth:`duplicates`. ``[]`` for a query with a zero vector.

        Raises ``KeyError`` for an unknown id, ``ValueError`` for ``k < 1``, a bad *by* or *since*.

        Examples
        --------
        >>> from newsnlp.related import RelatedArticles
        >>> est = RelatedArticles().fit(
        ...     ["Grève à la SNCF et à la RATP", "La SNCF prévoit une grève des contrôleurs",
        ...      "Budget de l’État"], ids=["a", "b", "c"])
        >>> [(r.id, round(r.score, 3), r.terms) for r in est.related("a")]
        [('b', 0.538, ('greve', 'sncf'))]
        >>> [r.id for r in est.related("Le budget de la SNCF")]  # not an id: a text
        ['c', 'a', 'b']
        """
        check_is_fitted(self)
        k = check_k(k)
        since64 = inputs.parse_since(since)
        cache = snapshot(self)
        pos, q, code, signature = cache.resolve(
            id_or_text, by, lambda value: self._query_vector(value, cache)
        )
        if q.nnz == 0:
            return []
        cols, scores = search.query(
            q, self._search_index(cache), k, position=pos, code=code, signature=signature,
            banned=cache.rows(exclude), since=since64, dates=cache.dates,
        )  # fmt: skip
        explain = search.explain
        return [
            search.Related(cache.ids[c], float(s), explain(q, cache.matrix, c, cache.terms))
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
            first: ids (``object`` array) padded with ``None``, or positions padded with ``-1``.
        scores : ndarray of float32, shape (n_documents, k)
            Their cosines, ``NaN`` in padded cells.

        Examples
        --------
        >>> from newsnlp.related import RelatedArticles
        >>> est = RelatedArticles().fit(
        ...     ["Grève à la SNCF et à la RATP", "La SNCF prévoit une grève des contrôleurs",
        ...      "Budget de l’État"], ids=["a", "b", "c"])
        >>> ids, scores = est.related_all(k=2)
        >>> ids.tolist()
        [['b', None], ['a', None], [None, None]]
        """
        check_is_fitted(self)
        k = check_k(k)
        cache = snapshot(self)
        n = len(cache.ids)
        out_pos, out_scores = search.related_all(
            self._search_index(cache), k, targets=cache.targets(ids), search=self.search,
            n_candidates=int(self.n_candidates), threads=n_threads(self.n_jobs),
            blocks=lambda rows: row_blocks(rows, n, self.block_size),
        )  # fmt: skip
        if positions:
            return out_pos, out_scores
        return cache.ids_at(out_pos), out_scores

    def duplicates(self, threshold: float | None = None) -> list[list[str | int]]:
        """Groups of near-duplicate articles at *threshold* (``duplicate_threshold`` by
        default), by union-find.

        Two articles are in the same group when a chain of near-duplicate pairs links them
        (a wire and its updated versions, re-sent copies …): the shorter body's word shingles
        are mostly in the longer one (see ``duplicate_threshold``; candidate pairs: the
        articles sharing at least half of an article's rarest terms,
        :func:`newsnlp.related.duplicates.group_labels`); articles with the same body
        fingerprint are paired at any *threshold*. The groups at ``duplicate_threshold`` are
        those of ``collapse_duplicates``: computed once, until :meth:`add` or a refit.

        Returns
        -------
        list of list of ids
            Groups of at least two ids, in index order; groups by their first member.

        Examples
        --------
        >>> from newsnlp.related import RelatedArticles
        >>> est = RelatedArticles().fit(
        ...     ["Grève à la SNCF", "Budget de l’État", "Grève à la SNCF !"], ids=["a", "b", "c"])
        >>> est.duplicates()
        [['a', 'c']]
        """
        check_is_fitted(self)
        thr = float(self.duplicate_threshold)
        if threshold is not None:
            thr = inputs.check_threshold(threshold, "threshold")
        cache = snapshot(self)
        if thr == float(self.duplicate_threshold):
            labels = cache.groups(thr, **self._threads())
        else:
            labels = cache.group_labels(thr, **self._threads())
        return group_members(labels, cache.ids)
