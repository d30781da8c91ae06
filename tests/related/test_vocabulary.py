"""newsnlp.related.vocabulary: the "auto" document-frequency limits follow the corpus size,
explicit values keep scikit-learn's meaning, and a vocabulary too small to rank is logged."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from newsnlp.related import RelatedArticles
from newsnlp.related.vocabulary import (
    AUTO_MAX_DF,
    AUTO_MIN_DF,
    check_vocabulary,
    df_bounds,
    resolve_df,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "small-corpus" / "articles.jsonl"


def _stories(n: int) -> list[dict]:
    articles = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines()]
    out, seen = [], []
    for a in articles:
        if a["story"] not in seen:
            if len(out) >= n:
                break
            seen.append(a["story"])
        out.append(a)
    return out


def test_auto_limits_follow_the_corpus_size():
    small, large = AUTO_MIN_DF[0] - 1, AUTO_MIN_DF[0]
    assert resolve_df("auto", "auto", small) == (1, 1.0)
    assert resolve_df("auto", "auto", large) == (AUTO_MIN_DF[1], AUTO_MAX_DF[1])
    assert resolve_df(3, 0.9, small) == (3, 0.9)  # explicit values: scikit-learn's meaning
    assert df_bounds("auto", 0.5, 10) == (1, 5.0) and df_bounds(2, "auto", 10) == (2, 10.0)


@pytest.mark.parametrize("size", [5, 20])
def test_small_corpora_keep_their_vocabulary_and_answer(size):
    corpus = _stories(size)
    est = RelatedArticles().fit(
        [a["text"] for a in corpus], ids=[a["id"] for a in corpus],
        titles=[a["title"] for a in corpus],
    )  # fmt: skip
    assert (est.min_df_, est.max_df_) == (1, 1.0)
    old = RelatedArticles(min_df=2, max_df=0.5).fit([a["text"] for a in corpus])
    assert len(est.vocabulary_) > 5 * len(old.vocabulary_)  # the 33k defaults threw it away
    assert est.duplicates() == []  # write-ups of one story are not near-duplicates
    for a in corpus:  # every article has a story partner: never an empty answer
        assert est.related(a["id"], k=3)
    new = corpus[-1]  # a new article of a story already indexed, found by its words
    rest = RelatedArticles().fit(
        [a["text"] for a in corpus[:-1]], ids=[a["id"] for a in corpus[:-1]]
    )
    first = rest.related({"text": new["text"], "title": new["title"]}, k=1)[0]
    assert first.id.rsplit("-", 1)[0] == new["story"]


def test_too_small_a_vocabulary_is_logged(caplog):
    assert check_vocabulary(sp.csr_matrix(np.ones((3, 8), dtype=np.float32)), 1, 1.0)
    assert not caplog.text
    RelatedArticles(min_df=2, max_df=0.5).fit(
        ["Grève SNCF jeudi", "Budget de l’État voté", "Grève des TGV", "Météo : orages"]
    )
    assert "too few to rank related articles reliably" in caplog.text
