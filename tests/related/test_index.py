"""newsnlp.related.index: the fitted state (set, appended) and the query structures derived
from it, rebuilt when the arrays change."""

from __future__ import annotations

import numpy as np
import pytest
from newsroom import IDS, TEXTS, fit

from newsnlp.related import RelatedArticles
from newsnlp.related.index import QueryCache, append_rows, set_index


def test_set_index_and_append_rows():
    source = fit()
    est = set_index(
        RelatedArticles(min_df=1),
        vocabulary=source.vocabulary_,
        idf=source.idf_,
        n_documents_fit=source.n_documents_fit_,
    )
    assert est.matrix_.shape == (0, len(source.vocabulary_)) and est.ids_ == []
    assert est.dates_.dtype == np.dtype("datetime64[s]") and est.body_fingerprints_.shape == (0,)
    append_rows(est, source.matrix_, source.ids_, source.dates_, source.body_fingerprints_)
    assert (est.matrix_ != source.matrix_).nnz == 0 and est.ids_ == source.ids_
    assert est.related("eu-1") == source.related("eu-1")
    with pytest.raises(ValueError, match="vectors of shape"):
        append_rows(
            est, source.matrix_[:2], ["x"], source.dates_[:1], source.body_fingerprints_[:1]
        )


def test_query_cache(index):
    cache = QueryCache(index)
    assert cache.built_from(index) and cache.positions["eu-1"] == IDS.index("eu-1")
    assert cache.terms == list(index.vocabulary_)
    assert cache.inverted() is cache.inverted()  # built once
    assert (cache.inverted() != index.matrix_.T).nnz == 0
    assert cache.rows("eu-1").tolist() == [IDS.index("eu-1")]
    assert cache.rows(["nope", "eu-2", ["unhashable"]]).tolist() == [IDS.index("eu-2")]
    assert cache.rows([]) is None and cache.targets(None) is None
    assert cache.targets(["eu-2", "eu-1"]).tolist() == [IDS.index("eu-2"), IDS.index("eu-1")]
    with pytest.raises(TypeError, match="sequence of indexed ids"):
        cache.targets("eu-1")
    with pytest.raises(KeyError, match="not in the index"):
        cache.position("nope")
    assert cache.ids_at(np.array([[0, -1]])).tolist() == [[IDS[0], None]]
    groups = cache.groups(0.9, block_size=4, threads=1)
    assert cache.groups(0.9, block_size=4, threads=2) is groups  # kept for the threshold
    assert cache.groups(0.5, block_size=4, threads=1) is not groups
    np.testing.assert_array_equal(cache.group_labels(0.9, block_size=1, threads=2), groups)


def test_resolve_ids_and_texts(index):
    cache = QueryCache(index)
    pos, q, code = cache.resolve("eu-1", "auto", index.transform)
    assert pos == IDS.index("eu-1") and (q != index.matrix_[pos]).nnz == 0 and code == pos
    text = TEXTS[IDS.index("eu-1")]
    pos, q, code = cache.resolve(text, "auto", lambda t, _: index.transform(t))
    assert pos is None and code == IDS.index("eu-1")  # the body of eu-1 (and of eu-1-bis)
    pos, _, code = cache.resolve("eu-1", "text", lambda t, _: index.transform(t))
    assert pos is None and code == -1
    with pytest.raises(KeyError, match="use by='text'"):
        cache.resolve(12, "auto", index.transform)
    with pytest.raises(ValueError, match="by must be"):
        cache.resolve("eu-1", "title", index.transform)
