"""A model saved by the release before the restructure (newsnlp 0.x, format version 1) still
loads and answers as it did when it was saved."""

from __future__ import annotations

import json
from pathlib import Path

from newsnlp import RelatedArticles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_model_saved_by_the_previous_release_loads_and_answers_the_same():
    model = RelatedArticles.load(FIXTURES / "related-model-v1")
    expected = json.loads((FIXTURES / "related-model-v1-answers.json").read_text("utf-8"))
    answers = {i: [r.to_dict() for r in model.related(i, k=5)] for i in model.ids_}
    assert answers == expected
    assert model.duplicates() == [["ex-08", "ex-14"], ["ex-16", "ex-17"]]
