"""newsnlp.related.estimator: RelatedArticles as a scikit-learn estimator (the checks of
scikit-learn, a Pipeline, not-fitted errors), its deprecated fit(texts, ids), add, and the
caches of queries."""

from __future__ import annotations

import copy
import inspect
import pickle
import warnings

import numpy as np
import pytest
from newsroom import IDS, TEXTS, TITLES, TOPIC, fit
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

from newsnlp.related import RelatedArticles
from newsnlp.related.index import QueryCache


# ---------------------------------------------------------------------------- scikit-learn checks
def _texts(X) -> list[str]:
    """A 2-D numeric array of scikit-learn's checks as texts: row i becomes the tokens "t<j>",
    each repeated round(2|x_ij|) times (a list of texts passes through)."""
    if isinstance(X, list) and all(isinstance(t, str) for t in X):
        return X
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"Expected 2D array, got {X.ndim}D array instead")
    return [
        " ".join(f"t{j}" for j, v in enumerate(row) for _ in range(round(abs(float(v)) * 2)))
        for row in X
    ]


class RowsAsTexts(RelatedArticles):
    """RelatedArticles as scikit-learn's checks can feed it: they pass 2-D numeric arrays
    (RelatedArticles' tags say texts: with them, scikit-learn generates no check), so each row
    becomes a text before RelatedArticles' own fit and transform. Everything the checks test
    (parameters, cloning, fitted attributes, pickling, determinism, invariances) is
    RelatedArticles'."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        tags.input_tags.string = False
        return tags

    def fit(self, X, y=None, **kwargs):
        return super().fit(_texts(X), **kwargs)

    def transform(self, X, **kwargs):
        return super().transform(_texts(X), **kwargs)

    def fit_transform(self, X, y=None, **kwargs):
        return super().fit_transform(_texts(X), **kwargs)


_NOT_TEXT = "the input is texts: "
#: The checks that cannot apply to an estimator of texts, and why.
EXPECTED_FAILED_CHECKS = {
    "check_n_features_in": _NOT_TEXT + "no fixed number of features, a vocabulary instead "
    "(as scikit-learn's TfidfVectorizer, which has no n_features_in_ either)",
    "check_n_features_in_after_fitting": _NOT_TEXT + "no n_features_in_ (see check_n_features_in)",
    "check_transformer_general": _NOT_TEXT + "transform takes texts of any length, never a "
    "wrong number of features",
    "check_complex_data": _NOT_TEXT + "a text holds no complex numbers",
    "check_estimators_nan_inf": _NOT_TEXT + "a text holds no NaN or infinity",
    "check_estimators_empty_data_messages": _NOT_TEXT + "a text without any term is valid (a "
    "zero vector, never recommended), so zero features is no error",
    "check_estimator_sparse_tag": _NOT_TEXT + "never a sparse matrix",
    "check_estimator_sparse_array": _NOT_TEXT + "never a sparse array",
    "check_estimator_sparse_matrix": _NOT_TEXT + "never a sparse matrix",
    "check_transformer_preserve_dtypes": _NOT_TEXT + "texts have no dtype: the output's is the "
    "dtype parameter (float32 by default)",
    "check_fit2d_predict1d": _NOT_TEXT + "1-D input (a list of texts) is the estimator's own",
}

_CHECKS_OPTIONS = inspect.signature(parametrize_with_checks).parameters
if "expected_failed_checks" in _CHECKS_OPTIONS:  # scikit-learn >= 1.6

    @parametrize_with_checks(
        [RowsAsTexts()],
        expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS,
        **({"xfail_strict": True} if "xfail_strict" in _CHECKS_OPTIONS else {}),
    )
    def test_scikit_learn_checks(estimator, check):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", np.exceptions.ComplexWarning)  # check_complex_data
            check(estimator)


def test_tags_say_texts():
    tags = RelatedArticles().__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array
    assert tags.transformer_tags is not None


# ---------------------------------------------------------------------------- fit(texts, ids)


def test_fit_takes_ids_by_keyword_and_positional_ids_are_deprecated():
    new = RelatedArticles(min_df=1).fit(TEXTS, ids=IDS, titles=TITLES)
    with pytest.warns(DeprecationWarning, match=r"fit\(texts, ids=ids\)"):
        old = RelatedArticles(min_df=1).fit(TEXTS, IDS, titles=TITLES)
    assert old.ids_ == new.ids_ == IDS
    assert (old.matrix_ != new.matrix_).nnz == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        RelatedArticles().fit(TEXTS, None, ids=IDS)  # y=None: no warning
        assert RelatedArticles().fit(TEXTS, [0] * len(TEXTS), ids=IDS).ids_ == IDS  # ids win
        est = RelatedArticles()
        matrix = est.fit_transform(TEXTS, [TOPIC[i] for i in IDS])  # y ignored, as in a Pipeline
        assert est.ids_ == list(range(len(TEXTS))) and (matrix != est.matrix_).nnz == 0
    params = inspect.signature(RelatedArticles.fit).parameters
    assert list(params)[1:3] == ["texts", "y"]
    assert all(params[p].kind is inspect.Parameter.KEYWORD_ONLY for p in ("ids", "titles", "dates"))


# ---------------------------------------------------------------------------- caches


def test_query_caches_follow_the_fitted_arrays():
    est = fit()
    first = est.related("sncf-2")
    cache = est._cache
    assert isinstance(cache, QueryCache) and cache.built_from(est)
    est.related("eu-1")
    assert est._cache is cache  # kept between queries
    twin = copy.copy(est)  # a shallow copy shares the arrays, not the cache nor the locks
    assert twin.related("sncf-2") == first and twin._cache is not cache
    assert twin._cache.matrix is cache.matrix
    twin.add(["La grève des cheminots SNCF continue, TGV et TER supprimés."], ["sncf-4"])
    assert twin.related("sncf-2", k=1)[0].id == "sncf-4"
    assert twin._cache is not cache and est._cache is cache  # rebuilt for twin only
    assert est.related("sncf-2") == first and "sncf-4" not in est._index().positions
    est._reset_caches()
    assert est._cache is None and est.related("sncf-2") == first
    loaded = pickle.loads(pickle.dumps(est))
    assert loaded.related("sncf-2") == first
    refit = est.fit(TEXTS[:6], ids=IDS[:6])
    assert refit.related("foot-1") and not refit._index().built_from(twin)


# ---------------------------------------------------------------------------- the estimator


@pytest.mark.parametrize(
    "call",
    [
        lambda e: e.transform(TEXTS),
        lambda e: e.related("foot-1"),
        lambda e: e.related_all(),
        lambda e: e.duplicates(),
        lambda e: e.add(["texte"]),
        lambda e: e.save("/nonexistent"),
        lambda e: e.get_feature_names_out(),
    ],
)
def test_not_fitted(call):
    with pytest.raises(NotFittedError):
        call(RelatedArticles())


def test_pipeline():
    pipe = Pipeline([("tfidf", RelatedArticles()), ("clf", LogisticRegression(C=100))])
    topics = [TOPIC[i] for i in IDS]
    pipe.fit(TEXTS, topics)  # y goes to the classifier, not to ids
    assert pipe.predict(
        ["Mbappé et le PSG en Ligue 1", "Grève des cheminots à la SNCF"]
    ).tolist() == [
        "foot",
        "rail",
    ]
    assert pipe.named_steps["tfidf"].ids_ == list(range(len(TEXTS)))
    names = pipe.named_steps["tfidf"].get_feature_names_out()
    assert "psg" in names and len(names) == len(pipe.named_steps["tfidf"].vocabulary_)


def test_add_keeps_idf_frozen_and_finds_new_article():
    est = fit()
    idf, vocab, matrix = est.idf_.copy(), dict(est.vocabulary_), est.matrix_.copy()
    new = "Grève SNCF : les cheminots et les syndicats maintiennent le mouvement, TGV annulés."
    est.add(
        [new, "Texte sans rapport avec le reste"], ["sncf-4", "autre"], dates=["2024-05-07", None]
    )
    assert est.ids_[-2:] == ["sncf-4", "autre"] and est.matrix_.shape[0] == len(IDS) + 2
    np.testing.assert_array_equal(est.idf_, idf)
    assert est.vocabulary_ == vocab
    assert (est.matrix_[: len(IDS)] != matrix).nnz == 0  # indexed vectors unchanged
    assert "sncf-4" in [r.id for r in est.related("sncf-2", k=3)]
    assert est.related("sncf-4", k=1)[0].id.startswith("sncf")
    assert [r.id for r in est.related("sncf-2", since="2024-05-07")] == ["sncf-4"]
    ids, _ = est.related_all(k=3)
    assert ids[-2].tolist() == [r.id for r in est.related("sncf-4", k=3)]
    est.add([])  # nothing to add: fine
    est.add(["Le PSG recrute"])  # default ids continue the positions
    assert est.ids_[-1] == len(IDS) + 2
    with pytest.raises(ValueError, match=r"duplicate ids: 'foot-1'"):
        est.add(["encore"], ["foot-1"])
    with pytest.raises(ValueError, match=r"duplicate ids: 'x'"):
        est.add(["un", "deux"], ["x", "x"])


def test_bad_input():
    est = RelatedArticles()
    with pytest.raises(ValueError, match="empty corpus"):
        est.fit([])
    with pytest.raises(TypeError, match="single str"):
        est.fit("Un seul texte")
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not bytes: decode it first"):
        est.fit(["ok", b"bytes"])
    with pytest.raises(TypeError, match=r"texts\[0\] must be str, not None"):
        est.fit([None, "ok"])
    with pytest.raises(ValueError, match=r"duplicate ids: 'a', 'b'"):
        est.fit(TEXTS[:5], ids=["a", "b", "a", "b", "c"])
    for kw in ("titles", "dates"):
        with pytest.raises(ValueError, match=rf"{kw} has 2 values for 3 texts"):
            est.fit(TEXTS[:3], **{kw: TEXTS[:2]})
    with pytest.raises(ValueError, match="ids has 2 values for 3 texts"):
        est.fit(TEXTS[:3], ids=["a", "b"])
    with pytest.raises(TypeError, match=r"ids\[0\] must be a str or an int"):
        est.fit(TEXTS[:2], ids=[("a",), "b"])
    with pytest.raises(ValueError, match=r"dates\[1\]='hier'"):
        est.fit(TEXTS[:2], dates=["2024-01-01", "hier"])
    with pytest.raises(TypeError, match=r"titles\[0\] must be str"):
        est.fit(TEXTS[:2], titles=[b"x", None])


def test_ids_types():
    est = RelatedArticles().fit(TEXTS[:4], ids=[np.int64(5), "b", np.str_("c"), 7])
    assert est.ids_ == [5, "b", "c", 7] and type(est.ids_[0]) is int and type(est.ids_[2]) is str
    with pytest.raises(TypeError, match="str or an int"):
        RelatedArticles().fit(TEXTS[:2], ids=[True, False])
