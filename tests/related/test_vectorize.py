"""newsnlp.related.vectorize: features, counts, vocabulary and idf, TF-IDF rows (equal to
scikit-learn's TfidfVectorizer), and the distributed fit's path through public functions."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from newsroom import ARTICLES, IDS, TEXTS, TITLES, fit, same_results
from sklearn.feature_extraction.text import TfidfVectorizer

from newsnlp.related import RelatedArticles, french_analyzer, vectorize
from newsnlp.related.duplicates import body_fingerprints
from newsnlp.related.index import append_rows, set_index, set_latent
from newsnlp.related.inputs import check_dates
from newsnlp.related.vectorize import (
    df_bounds,
    feature_options,
    features,
    fit_vocabulary,
    index_rows,
)
from newsnlp.related.wordvectors import term_vectors


def test_transform_equals_scikit_learn_tfidf(index):
    ref = TfidfVectorizer(
        analyzer=french_analyzer, min_df=2, max_df=0.5, sublinear_tf=True, dtype=np.float32
    )
    expected = ref.fit_transform(TEXTS)
    est = RelatedArticles(min_df=2, max_df=0.5).fit(TEXTS)
    assert list(est.vocabulary_) == list(ref.get_feature_names_out())
    np.testing.assert_allclose(est.idf_, ref.idf_, rtol=1e-6)
    got = est.transform(TEXTS)
    assert sp.issparse(got) and got.dtype == np.float32
    np.testing.assert_allclose(got.toarray(), expected.toarray(), atol=1e-6)
    np.testing.assert_allclose(sp.linalg.norm(got, axis=1), 1, rtol=1e-6)
    # fit's matrix and transform of the same texts are the same bits
    assert (est.fit_transform(TEXTS) != est.transform(TEXTS)).nnz == 0


def test_titles_and_ngrams(index):
    plain = RelatedArticles(min_df=1).fit(TEXTS, ids=IDS)
    assert plain.matrix_.shape != index.matrix_.shape  # title-only terms
    assert (fit(title_weight=0).matrix_ != plain.matrix_).nnz == 0
    heavy = fit(title_weight=3)
    row, col = IDS.index("foot-3"), heavy.vocabulary_["prolonge"]  # in foot-3's title and text
    assert heavy.matrix_[row, col] > index.matrix_[row, col] > plain.matrix_[row, col]
    bigrams = fit(ngram_range=(1, 2), min_df=2)
    assert "parc princes" in bigrams.vocabulary_ and "psg" in bigrams.vocabulary_
    only = fit(ngram_range=(2, 2))
    assert all(" " in t for t in only.vocabulary_)
    assert len(fit(max_features=10).vocabulary_) == 10


def test_determinism():
    a, b = fit(), fit()
    assert list(a.vocabulary_) == list(b.vocabulary_) == sorted(a.vocabulary_)
    assert (a.matrix_ != b.matrix_).nnz == 0
    same_results(a, b)
    order = np.random.default_rng(0).permutation(len(TEXTS))
    shuffled = RelatedArticles(min_df=1).fit(
        [TEXTS[i] for i in order], ids=[IDS[i] for i in order], titles=[TITLES[i] for i in order]
    )
    assert list(shuffled.vocabulary_) == list(a.vocabulary_)
    np.testing.assert_array_equal(shuffled.idf_, a.idf_)


def test_counting_by_chunks_changes_nothing(monkeypatch, index):
    monkeypatch.setattr(vectorize, "_COUNT_CHUNK", 3)
    chunked = fit()
    assert chunked.vocabulary_ == index.vocabulary_
    assert (chunked.matrix_ != index.matrix_).nnz == 0
    assert (chunked.transform(TEXTS) != index.transform(TEXTS)).nnz == 0
    assert index.transform([]).shape == (0, len(index.vocabulary_))


@pytest.mark.parametrize(
    "params",
    [{}, {"min_df": 1, "max_features": 25}, {"ngram_range": (1, 2), "title_weight": 2}],
)
def test_fit_from_document_frequencies_equals_fit(params):
    """The distributed fit's path, with public functions only (features counted elsewhere,
    fit_vocabulary, an empty index, the rows appended) gives the model that ``fit`` gives:
    same vocabulary, idf, matrix and answers."""
    ids = [a[0] for a in ARTICLES]
    titles = [a[3] for a in ARTICLES]
    texts = [a[4] for a in ARTICLES]
    dates = [a[2] for a in ARTICLES]
    local = RelatedArticles(**params).fit(texts, ids=ids, titles=titles, dates=dates)

    other = RelatedArticles(**params)
    options = feature_options(other)
    df: dict[str, int] = {}
    totals: dict[str, float] = {}
    for text, title in zip(texts, titles, strict=True):
        feats = features(text, title, **options)
        for t in set(feats):
            df[t] = df.get(t, 0) + 1
        for t in feats:
            totals[t] = totals.get(t, 0) + 1
    terms = sorted(df, reverse=True)  # any order: the vocabulary is sorted
    fitted = fit_vocabulary(
        terms,
        [df[t] for t in terms],
        len(texts),
        min_df=other.min_df,  # "auto" resolved by fit_vocabulary as by fit
        max_df=other.max_df,
        max_features=other.max_features,
        term_totals=np.array([totals[t] for t in terms]),
    )
    set_index(other, vocabulary=fitted.vocabulary, idf=fitted.idf, n_documents_fit=len(texts))
    set_latent(other, term_vectors(list(fitted.vocabulary), len(texts), other.word_vectors))
    assert other.vocabulary_ == local.vocabulary_
    np.testing.assert_array_equal(other.idf_, local.idf_)
    assert other.n_documents_fit_ == local.n_documents_fit_
    other.add(texts[:5], ids[:5], titles=titles[:5], dates=dates[:5])
    rows, signatures = index_rows(other, texts[5:], titles[5:])  # as the Spark workers do
    assert (rows != other.transform(texts[5:], titles=titles[5:])).nnz == 0
    append_rows(
        other, rows, ids[5:], check_dates(dates[5:], len(rows.indptr) - 1),
        body_fingerprints(texts[5:]), signatures,
    )  # fmt: skip
    assert (other.matrix_ != local.matrix_).nnz == 0
    same_results(local, other)


def test_fit_vocabulary_checks():
    with pytest.raises(ValueError, match="empty corpus"):
        fit_vocabulary([], [], 0)
    with pytest.raises(ValueError, match="term_totals"):
        fit_vocabulary(["a"], [1], 1, max_features=3)
    assert df_bounds(2, 0.5, 10) == (2, 5.0) and df_bounds(0.1, 8, 10) == (1.0, 8)


def test_features_titles_and_ngrams():
    assert features("Grève à la SNCF", "") == ["greve", "sncf"]
    assert features("Grève", "SNCF", title_weight=2) == ["greve", "sncf", "sncf"]
    assert features("Grève", "SNCF", title_weight=0) == ["greve"]
    # n-grams never cross the text / title boundary
    assert features("Premier ministre", "Grève SNCF", ngram_range=(2, 2)) == [
        "premier ministre",
        "greve sncf",
    ]
    assert features("Grève", analyzer=str.split) == ["Grève"]


def test_empty_and_foreign_texts_are_zero_vectors():
    texts = [*TEXTS, "", "   ", "The quick brown fox jumps over the lazy dog", "の日本語"]
    ids = [*IDS, "vide", "blanc", "english", "japonais"]
    est = RelatedArticles(min_df=2, max_df=0.5).fit(texts, ids=ids)  # foreign words: once each
    for zero in ids[-4:]:
        assert est.matrix_[ids.index(zero)].nnz == 0
        assert est.related(zero) == []
    for i in IDS:
        assert not set(ids[-4:]) & {r.id for r in est.related(i, k=20)}
    assert est.related("", by="text") == [] and est.related("Hello world", by="text") == []
    assert not any(set(g) & set(ids[-4:]) for g in est.duplicates())
    all_ids, _ = est.related_all(k=20)
    assert not set(ids[-4:]) & set(all_ids[: len(IDS)].ravel().tolist())
