"""newsnlp.text.linemodel: the fitted scorer as immutable, serialisable data."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError

import pytest

from newsnlp.text.linemodel import FEATURES, LineModel, default_model


def test_default_model_round_trips_and_is_frozen():
    model = default_model()
    data = json.loads(json.dumps(model.to_dict()))
    assert LineModel.from_dict(data) == model
    assert model.features == FEATURES
    with pytest.raises(FrozenInstanceError):
        model.threshold = 0.9  # type: ignore[misc]


def test_probability_and_contributions_agree():
    model = default_model()
    values = [0.0] * len(FEATURES)
    values[FEATURES.index("words_1_2")] = 1.0
    values[FEATURES.index("page_words")] = 1.0
    p = model.probability(values)
    contributions = dict(model.contributions(values))
    assert set(contributions) == {"words_1_2", "page_words"}
    z = model.intercept + sum(contributions.values())
    assert p == pytest.approx(1 / (1 + pow(2.718281828459045, -z)), abs=1e-3)
    assert 0.0 < model.first_pass(values) < 1.0


def test_the_fitted_weights_say_what_the_features_mean():
    """Not a fit to one page: the signs a reader expects (furniture words push towards removal,
    a sentence with a verb towards keeping)."""
    w = dict(zip(FEATURES, default_model().weights, strict=True))
    for furniture in ("page_words", "duration", "byline", "published", "copyright_sign", "icon"):
        assert w[furniture] > 0, furniture
    assert w["finite_verb"] < 0


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["weights"].pop("icon"),
        lambda d: d["line_weights"].update(unknown=1.0),
        lambda d: d.update(threshold=1.5),
    ],
)
def test_from_dict_refuses_a_model_for_other_features(change):
    data = default_model().to_dict()
    change(data)
    with pytest.raises(ValueError):
        LineModel.from_dict(data)


def test_constructor_checks_lengths():
    with pytest.raises(ValueError, match="refit"):
        LineModel((0.0,), 0.0, (0.0,), 0.0)
