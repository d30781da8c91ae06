"""The line scorer's cache for one page: what :mod:`newsnlp.text.classify` computes once per
line text, position and feature vector (pages repeat lines, and a line comes back in every
round), and the reason a removed line is reported with.

Examples
--------
>>> removal_reason("Partager sur Facebook", (("page_words", 2.0), ("words_3_5", -0.9)))
'share'
>>> removal_reason("Abc def", (("neighbours", 1.5),))
'furniture'
"""

from __future__ import annotations

from newsnlp.text.features import FEATURE_REASONS, REASON_FEATURES, page_word_reason
from newsnlp.text.linemodel import LineModel

__all__ = ["GENERIC", "ScoreCache", "reason_evidence", "removal_reason"]

#: The reason of a line the scorer removed without any feature naming a reason.
GENERIC = "furniture"


class ScoreCache:
    """What one page's rounds compute once: by line text (with its position flags), by feature
    vector (pages repeat lines, and a line comes back in every round). Keys on the line's text
    hash once (a str keeps its hash); a feature vector is hashed only on a miss."""

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.lines: dict[str, list] = {}
        self.first: dict[tuple[str, bool], float] = {}
        self.first_by_values: dict[tuple[float, ...], float] = {}
        self.scored: dict[tuple[str, bool, float, bool], tuple] = {}
        self.scores: dict[tuple[float, ...], tuple[float, tuple[tuple[str, float], ...]]] = {}
        self.reasons: dict[tuple[str, tuple[float, ...]], str] = {}

    def first_pass(self, text: str, features: tuple[float, ...], after: bool) -> float:
        key = (text, after)
        found = self.first.get(key)
        if found is None:
            values = (*features, float(after))
            found = self.first_by_values.get(values)
            if found is None:
                found = self.first_by_values[values] = self.model.first_pass(values)
            self.first[key] = found
        return found

    def line(
        self, text: str, features: tuple[float, ...], after: bool, around: float, repeated: bool
    ) -> tuple:
        """``(vector, score, contributions, reason or None, score rounded)`` of a line."""
        key = (text, after, around, repeated)
        found = self.scored.get(key)
        if found is None:
            vector = (*features, float(after), around, float(repeated))
            score, contributions = self.score(vector)
            reason = self.reason(text, vector) if score >= self.model.threshold else None
            found = self.scored[key] = (vector, score, contributions, reason, round(score, 4))
        return found

    def score(self, vector: tuple[float, ...]) -> tuple[float, tuple[tuple[str, float], ...]]:
        found = self.scores.get(vector)
        if found is None:
            model = self.model
            found = self.scores[vector] = (model.probability(vector), model.contributions(vector))
        return found

    def reason(self, text: str, vector: tuple[float, ...]) -> str:
        key = (text, vector)
        found = self.reasons.get(key)
        if found is None:
            found = self.reasons[key] = removal_reason(text, self.score(vector)[1])
        return found


def removal_reason(text: str, contributions: tuple[tuple[str, float], ...]) -> str:
    """The reason of a removed line: that of the feature with the largest positive contribution
    among those naming one (page words name their class); a call to action that names a page
    function (comments, newsletter…) is reported as that function."""
    best, best_value = None, 0.0
    for name, value in contributions:
        if value <= best_value:
            continue
        reason = page_word_reason(text) if name == "page_words" else FEATURE_REASONS.get(name)
        if reason is not None:
            best, best_value = reason, value
    if best is None or best == "call-to-action":
        return page_word_reason(text) or best or GENERIC
    return best


def reason_evidence(contributions: tuple[tuple[str, float], ...]) -> float:
    """How much the features that name a reason (page words, a date, a call to action…) add to
    a line's score: the sum of their positive contributions.

    Examples
    --------
    >>> reason_evidence((("page_words", 0.9), ("neighbours", 1.1), ("date_share", 0.1)))
    1.0
    """
    return sum(value for name, value in contributions if value > 0 and name in REASON_FEATURES)
