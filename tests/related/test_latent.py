"""newsnlp.related.latent: the latent topics learnt at fit (a deterministic truncated SVD, none
below 1,000 articles) and the re-ranking of each query's shortlist, the same in related(),
related_all() (exact or pruned), after save and load."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone

from newsnlp.related import RelatedArticles
from newsnlp.related.latent import (
    MIN_DOCUMENTS,
    OVERSAMPLE,
    SHORTLIST,
    blend,
    fit_latent,
    project,
    shortlist,
)


@pytest.fixture(scope="module")
def latent(corpus) -> RelatedArticles:
    return RelatedArticles(search="exact", latent_dims=16, n_candidates=30).fit(corpus)


def test_fit_latent_is_deterministic_and_needs_enough_articles(latent):
    m = latent.matrix_
    comps = latent.latent_components_
    assert comps.shape == (16, m.shape[1]) and comps.dtype == np.float32
    np.testing.assert_array_equal(fit_latent(m, 16), comps)  # same corpus, same projection
    assert fit_latent(m[: MIN_DOCUMENTS - 1], 16) is None and fit_latent(m, 0) is None
    small = RelatedArticles(latent_dims=8, word_vectors=None).fit(["Grève SNCF", "Budget"])
    assert small.latent_components_ is None  # no latent topics below MIN_DOCUMENTS articles
    z = project(m[:5], comps)
    np.testing.assert_allclose(np.linalg.norm(z, axis=1), 1, rtol=1e-5)
    assert blend(np.array([0.3], np.float32), np.array([-1.0], np.float32), 2.0)[
        0
    ] == pytest.approx(0.1)


def test_related_all_equals_related_with_latent_topics(corpus, latent):
    ids, scores = latent.related_all(k=8)
    for row in range(0, len(latent.ids_), 97):
        expected = latent.related(latent.ids_[row], k=8)
        assert ids[row, : len(expected)].tolist() == [r.id for r in expected]
        assert scores[row, : len(expected)].tolist() == [np.float32(r.score) for r in expected]
    plain = clone(latent).set_params(latent_dims=0).fit(corpus)
    first = latent.related(latent.ids_[0], k=30)
    shortlist = {r.id for r in plain.related(plain.ids_[0], k=30)}
    assert {r.id for r in first} <= shortlist  # a re-ranking of the cosine shortlist
    assert [r.id for r in first] != [r.id for r in plain.related(plain.ids_[0], k=30)]
    assert all(a.score >= b.score for a, b in pairwise(first))


def test_pruned_search_keeps_recall_with_latent_topics(corpus, latent):
    pruned = clone(latent).set_params(search="pruned").fit(corpus)
    _, exact_scores = latent.related_all(k=10)
    _, scores = pruned.related_all(k=10)
    kth = exact_scores[:, -1]
    ok = ~np.isnan(kth)
    assert float((scores[ok] >= kth[ok, None] - 1e-6).mean()) >= 0.99


def test_latent_topics_saved_and_text_queries(tmp_path, corpus, latent):
    loaded = RelatedArticles.load(latent.save(tmp_path / "m"))
    np.testing.assert_array_equal(loaded.latent_components_, latent.latent_components_)
    assert loaded.related(latent.ids_[3], k=5) == latent.related(latent.ids_[3], k=5)
    text = corpus[3]  # its own text: the article itself is its near-duplicate
    by_text = latent.related(text + " suite", by="text", k=5)
    assert by_text and latent.ids_[3] not in [r.id for r in by_text]
    assert sp.issparse(latent.transform([text]))


def test_default_reranks_a_short_list_that_the_pruned_search_finds(corpus):
    """With the default n_candidates (100), 30 candidates are re-ranked (SHORTLIST), and the
    pruned search gathers OVERSAMPLE x 100 candidates to find them: its answers are the exact
    search's."""
    assert shortlist(100) == SHORTLIST == 30 and shortlist(10) == 10 and OVERSAMPLE >= 2
    exact = RelatedArticles(search="exact", latent_dims=16).fit(corpus)
    pruned = clone(exact).set_params(search="pruned").fit(corpus)
    plain = clone(exact).set_params(latent_dims=0).fit(corpus)
    cosine_top = {r.id for r in plain.related(plain.ids_[5], k=SHORTLIST)}
    assert {r.id for r in exact.related(exact.ids_[5], k=10)} <= cosine_top
    _, exact_scores = exact.related_all(k=10)
    _, scores = pruned.related_all(k=10)
    kth = exact_scores[:, -1]
    ok = ~np.isnan(kth)
    assert float((scores[ok] >= kth[ok, None] - 1e-6).mean()) >= 0.99


def test_asking_for_more_neighbours_never_changes_the_first_ones(corpus):
    est = RelatedArticles(latent_dims=16).fit(corpus)
    first = est.ids_[7]
    short, long = est.related(first, k=5), est.related(first, k=SHORTLIST + 20)
    assert [r.id for r in long[:5]] == [r.id for r in short]
    ids10, _ = est.related_all(k=10)
    ids60, _ = est.related_all(k=SHORTLIST + 30)
    np.testing.assert_array_equal(ids60[:, :10], ids10)
