"""The line scorer: two logistic regressions over the features of :mod:`newsnlp.text.features`.

A line's probability of being page furniture is ``1 / (1 + exp(-(b + Σ wᵢ xᵢ)))`` over its
features ``xᵢ``. It is computed twice: first from the line and its position
(:data:`~newsnlp.text.features.LINE_FEATURES` + :data:`~newsnlp.text.features.POSITION_FEATURES`,
the *line* weights), then with its context too (+ :data:`~newsnlp.text.features.CONTEXT_FEATURES`:
how furniture-like its neighbours scored first, whether the page repeats it), the weights that
decide. Each ``wᵢ xᵢ`` is the feature's contribution: :func:`newsnlp.explain_cleaning` shows
them for every line.

The weights are not written by hand: ``scripts/fit_line_model.py`` fits them on the annotated
development pages and writes them to :mod:`newsnlp.lang.fr.line_model`, with the figures of its
leave-one-article-out check.

Examples
--------
>>> model = default_model()
>>> model.features[:3]
('words_1_2', 'words_3_5', 'words_6_10')
>>> LineModel.from_dict(model.to_dict()) == model
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsnlp.text.features import CONTEXT_FEATURES, LINE_FEATURES, POSITION_FEATURES

__all__ = ["FEATURES", "LineModel", "default_model"]

#: Every feature the scorer reads, in the order of its weights.
FEATURES: tuple[str, ...] = LINE_FEATURES + POSITION_FEATURES + CONTEXT_FEATURES
_FIRST = len(LINE_FEATURES) + len(POSITION_FEATURES)  # features of the first pass


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class LineModel:
    """Fitted weights of the line scorer (immutable).

    Attributes
    ----------
    weights : tuple of float
        One per :data:`FEATURES` name: the weights that decide.
    intercept : float
        Their intercept.
    line_weights : tuple of float
        One per line and position feature: the first pass, which scores the neighbours.
    line_intercept : float
        Its intercept.
    threshold : float
        A line is furniture when its probability is at least this.
    """

    weights: tuple[float, ...]
    intercept: float
    line_weights: tuple[float, ...]
    line_intercept: float
    threshold: float = 0.5

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES) or len(self.line_weights) != _FIRST:
            raise ValueError(
                f"a LineModel needs {len(FEATURES)} weights and {_FIRST} line weights, "
                f"got {len(self.weights)} and {len(self.line_weights)}: refit it with "
                "scripts/fit_line_model.py"
            )
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), not {self.threshold!r}")

    @property
    def features(self) -> tuple[str, ...]:
        """The feature names, in the order of :attr:`weights`."""
        return FEATURES

    def first_pass(self, values: Sequence[float]) -> float:
        """Probability from the line and position features alone (the first :data:`_FIRST`
        values of a full feature vector)."""
        z = self.line_intercept
        for w, x in zip(self.line_weights, values, strict=False):
            if x:
                z += w * x
        return _sigmoid(z)

    def probability(self, values: Sequence[float]) -> float:
        """Probability that the line is furniture, from all its :data:`FEATURES` values."""
        z = self.intercept
        for w, x in zip(self.weights, values, strict=False):
            if x:
                z += w * x
        return _sigmoid(z)

    def contributions(self, values: Sequence[float]) -> tuple[tuple[str, float], ...]:
        """``(feature, weight × value)`` of the non-zero contributions, largest effect first."""
        pairs = [
            (name, round(w * x, 4))
            for name, w, x in zip(FEATURES, self.weights, values, strict=False)
            if x and round(w * x, 4)
        ]
        return tuple(sorted(pairs, key=lambda p: (-abs(p[1]), p[0])))

    def to_dict(self) -> dict[str, Any]:
        """The weights by feature name (JSON-serialisable)."""
        return {
            "features": list(FEATURES),
            "weights": dict(zip(FEATURES, self.weights, strict=False)),
            "intercept": self.intercept,
            "line_weights": dict(zip(FEATURES, self.line_weights, strict=False)),
            "line_intercept": self.line_intercept,
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LineModel:
        """Rebuild a model from :meth:`to_dict` (weights read by name; a missing or unknown
        feature is an error)."""
        weights, line_weights = dict(data["weights"]), dict(data["line_weights"])
        if set(weights) != set(FEATURES) or set(line_weights) != set(FEATURES[:_FIRST]):
            raise ValueError(
                "the model's features are not those of newsnlp.text.features: refit it with "
                "scripts/fit_line_model.py"
            )
        return cls(
            weights=tuple(float(weights[f]) for f in FEATURES),
            intercept=float(data["intercept"]),
            line_weights=tuple(float(line_weights[f]) for f in FEATURES[:_FIRST]),
            line_intercept=float(data["line_intercept"]),
            threshold=float(data.get("threshold", 0.5)),
        )


@cache
def default_model() -> LineModel:
    """The French model fitted by ``scripts/fit_line_model.py`` (:mod:`newsnlp.lang.fr.line_model`)."""
    from newsnlp.lang.fr.line_model import MODEL

    return LineModel.from_dict(MODEL)
