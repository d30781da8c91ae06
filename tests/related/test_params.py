"""newsnlp.related.params: the parameters as scikit-learn declares and checks them, at fit only;
the fallback used if scikit-learn moves its private validation module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from newsroom import TEXTS, fit
from sklearn.base import BaseEstimator, clone

from newsnlp.related import RelatedArticles, params
from newsnlp.related.params import PARAMETER_CONSTRAINTS, check_params

BAD = [
    ({"min_df": 0}, "min_df"),
    ({"min_df": -5}, "min_df"),
    ({"max_df": 1.5}, "max_df"),
    ({"max_features": 0}, "max_features"),
    ({"ngram_range": (2, 1)}, "ngram_range"),
    ({"ngram_range": "bad"}, "ngram_range"),
    ({"ngram_range": (1, 2, 3)}, "ngram_range"),
    ({"sublinear_tf": "yes"}, "sublinear_tf"),
    ({"title_weight": -1}, "title_weight"),
    ({"duplicate_threshold": 0}, "duplicate_threshold"),
    ({"duplicate_threshold": 1.5}, "duplicate_threshold"),
    ({"collapse_duplicates": "yes"}, "collapse_duplicates"),
    ({"block_size": 0}, "block_size"),
    ({"search": "fast"}, "search"),
    ({"n_candidates": 0}, "n_candidates"),
    ({"n_jobs": 0}, "n_jobs"),
    ({"n_jobs": 1.5}, "n_jobs"),
    ({"dtype": np.int32}, "dtype"),
    ({"dtype": "bad"}, "dtype"),
    ({"analyzer": "french"}, "analyzer"),
]


def test_init_only_stores_params_and_clone():
    est = RelatedArticles(min_df=-5, ngram_range="bad")  # no validation in __init__
    assert est.get_params()["min_df"] == -5
    with pytest.raises(ValueError, match="min_df"):
        est.fit(TEXTS)
    est = RelatedArticles(min_df=1, title_weight=3, ngram_range=(1, 2))
    twin = clone(est)
    assert twin is not est and twin.get_params() == est.get_params()
    assert twin.set_params(max_df=0.8).max_df == 0.8
    assert set(RelatedArticles().get_params()) == set(PARAMETER_CONSTRAINTS) == {
        "analyzer", "min_df", "max_df", "max_features", "ngram_range", "sublinear_tf",
        "title_weight", "entities", "entity_weight", "latent_dims", "latent_weight",
        "word_vectors", "word_vector_weight",
        "duplicate_threshold",
        "collapse_duplicates", "block_size", "search", "n_candidates", "n_jobs", "dtype",
    }  # fmt: skip
    assert not hasattr(clone(fit()), "matrix_")


@pytest.mark.parametrize(("bad", "name"), BAD)
def test_bad_parameters_refused_at_fit(bad, name):
    with pytest.raises(ValueError, match=name) as caught:
        RelatedArticles(**bad).fit(TEXTS)
    assert isinstance(caught.value, (ValueError, TypeError))
    # the distributed fit's check (check_params) refuses it with the same message
    with pytest.raises(type(caught.value)) as again:
        check_params(RelatedArticles(**bad).get_params(deep=False))
    assert str(again.value) == str(caught.value)


def test_type_errors_are_value_and_type_errors():
    """scikit-learn's InvalidParameterError is both: code catching either still works."""
    for bad in ({"collapse_duplicates": "yes"}, {"n_candidates": 0}, {"analyzer": 3}):
        with pytest.raises(TypeError):
            RelatedArticles(**bad).fit(TEXTS)
        with pytest.raises(ValueError):
            RelatedArticles(**bad).fit(TEXTS)


@pytest.mark.parametrize(
    "good",
    [
        {"min_df": 0.0, "max_df": 1},
        {"min_df": np.int64(2), "max_df": np.float64(0.9)},
        {"ngram_range": [1, 2], "max_features": 5, "n_jobs": -1},
        {"dtype": "float64", "sublinear_tf": np.bool_(False)},
        {"dtype": np.dtype("float32"), "search": "exact", "n_jobs": 2},
    ],
)
def test_good_parameters_accepted(good):
    assert RelatedArticles(**{"min_df": 1, **good}).fit(TEXTS).matrix_.shape[0] == len(TEXTS)


def test_fit_uses_scikit_learn_validation(monkeypatch):
    """No method of ours shadows BaseEstimator._validate_params, and fit calls it."""
    assert params.SKLEARN_VALIDATION
    assert RelatedArticles._validate_params is BaseEstimator._validate_params
    assert RelatedArticles._parameter_constraints is PARAMETER_CONSTRAINTS
    calls = []
    real = BaseEstimator._validate_params
    monkeypatch.setattr(
        BaseEstimator, "_validate_params", lambda self: calls.append(self) or real(self)
    )
    est = RelatedArticles(min_df=1)
    est.fit(TEXTS)
    assert calls == [est]


def test_queries_read_parameters_as_set():
    """No validation at query time: queries read the parameters as they are set (a falsy
    collapse_duplicates does not collapse, a search other than "pruned" is exact, at least one
    row per block and one thread)."""
    est = fit(collapse_duplicates=False, search="exact")
    ref_ids, ref_scores = est.related_all(k=4)
    ref_related, ref_groups = est.related("eu-1"), est.duplicates()
    est.set_params(block_size=0, n_jobs=0, search="neither", collapse_duplicates=None)
    ids, scores = est.related_all(k=4)
    assert ids.tolist() == ref_ids.tolist()
    np.testing.assert_array_equal(scores, ref_scores)
    assert est.related("eu-1") == ref_related and est.duplicates() == ref_groups


# ---------------------------------------------------------------------------- the fallback


def test_private_scikit_learn_validation_still_imports():
    """sklearn.utils._param_validation is private scikit-learn API: pin what we use of it."""
    from sklearn.utils import _param_validation as pv

    for name in ("Interval", "StrOptions", "RealNotInt", "InvalidParameterError"):
        assert getattr(pv, name) is getattr(params, name)
    assert pv.validate_parameter_constraints is params.validate_parameter_constraints
    assert issubclass(pv.InvalidParameterError, ValueError)
    assert issubclass(pv.InvalidParameterError, TypeError)


def _fallback_module(monkeypatch):
    """A copy of newsnlp.related.params loaded as if scikit-learn had no _param_validation."""
    monkeypatch.setitem(sys.modules, "sklearn.utils._param_validation", None)  # import fails
    path = Path(params.__file__)
    spec = importlib.util.spec_from_file_location("_params_without_sklearn_validation", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.undo()
    return module


VALUES = [
    0, 1, 2, -1, -2, 0.0, 0.5, 1.0, 1.5, -0.5, float("nan"), True, False, None, "x", "exact",
    "pruned", (1, 2), [1, 2], np.int64(3), np.float64(0.25), np.float32(0.5), np.bool_(True),
    np.float32, len, 10**12,
]  # fmt: skip


def test_fallback_checks_the_same_table_with_the_same_messages(monkeypatch):
    fallback = _fallback_module(monkeypatch)
    assert not fallback.SKLEARN_VALIDATION
    assert issubclass(fallback.InvalidParameterError, ValueError)
    assert issubclass(fallback.InvalidParameterError, TypeError)
    assert set(fallback.PARAMETER_CONSTRAINTS) == set(PARAMETER_CONSTRAINTS)
    checked = 0
    for name in PARAMETER_CONSTRAINTS:
        for value in VALUES:
            outcomes = []
            for module in (params, fallback):
                try:
                    module.check_constraints({name: value})
                    outcomes.append(None)
                except (ValueError, TypeError) as exc:
                    outcomes.append(str(exc))
            assert outcomes[0] == outcomes[1], (name, value)
            checked += outcomes[0] is not None
    assert checked > 100  # the values do exercise the refusals


def test_fallback_refuses_what_fit_refuses(monkeypatch):
    """Without scikit-learn's module, the fallback refuses the values fit refuses."""
    fallback = _fallback_module(monkeypatch)
    for bad, name in BAD:
        with pytest.raises(ValueError, match=name):
            fallback.check_params(RelatedArticles(**bad).get_params(deep=False))
    fallback.check_params(RelatedArticles().get_params(deep=False))
