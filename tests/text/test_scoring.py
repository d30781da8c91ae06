"""newsnlp.text.scoring: the scorer's cache for one page and the reason of a removed line."""

from __future__ import annotations

from newsnlp.text.features import LINE_FEATURES, line_features
from newsnlp.text.linemodel import default_model
from newsnlp.text.scoring import GENERIC, ScoreCache, removal_reason


def test_the_feature_that_weighed_most_and_names_a_reason_gives_it():
    contributions = (("neighbours", 2.5), ("byline", 1.0), ("duration", 1.5))
    assert removal_reason("Par Jean Dupont, 3 min", contributions) == "reading-time"
    assert removal_reason("Abc def", (("neighbours", 1.5), ("after_body", 1.0))) == GENERIC


def test_a_call_to_action_naming_a_page_function_is_that_function():
    assert removal_reason("Abonnez-vous à la newsletter", (("imperative", 2.0),)) == "subscribe"


def test_the_cache_scores_a_line_once_per_position_and_context():
    cache = ScoreCache(default_model())
    text = "Partager sur Facebook"
    features = line_features(text)
    first = cache.first_pass(text, features, True)
    assert cache.first_pass(text, features, True) == first and len(cache.first) == 1
    found = cache.line(text, features, True, 0.9, False)
    assert cache.line(text, features, True, 0.9, False) is found  # the same tuple
    vector, score, _contributions, reason, rounded = found
    assert (
        len(vector) == len(LINE_FEATURES) + 3 and reason == "share" and rounded == round(score, 4)
    )
    assert cache.line(text, features, False, 0.0, False) is not found
