"""The synthetic corpus, the quality scorer, the small corpora and the built duplicate pairs of
``benchmarks/bench_related.py``, on toy data."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

_DIR = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name):
    spec = importlib.util.spec_from_file_location(f"{name}_under_test", _DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


synthetic = _load("_synthetic")
bench = _load("bench_related")


def test_synthetic_is_deterministic_with_prefixes_and_fresh_queries():
    docs = synthetic.generate(12, vocab_size=5000, mean_len=50)
    assert docs == synthetic.generate(12, vocab_size=5000, mean_len=50)
    assert synthetic.generate(5, vocab_size=5000, mean_len=50) == docs[:5]
    assert synthetic.generate(3, start=10, vocab_size=5000, mean_len=50)[:2] == docs[10:]
    assert docs != synthetic.generate(12, vocab_size=5000, mean_len=50, seed=1)
    tokens = docs[0].split(" ")
    assert all(t.startswith("w") and t[1:].isdigit() and int(t[1:]) < 5000 for t in tokens)
    assert 20 <= len(tokens) <= 4000


def test_exact_top_k_excludes_self_zero_and_near_duplicates():
    X = sp.csr_matrix(
        np.array([[1, 0, 0], [1, 0, 0], [0.8, 0.6, 0], [0.6, 0.8, 0], [0, 0, 1]], dtype=np.float32)
    )
    pos, sc = bench.exact_top_k(X, 3)
    assert pos[0].tolist() == [1, 2, 3]  # ties broken by position, self excluded
    assert pos[4].tolist() == [-1, -1, -1] and np.isnan(sc[4]).all()  # no shared term
    pos, _ = bench.exact_top_k(X, 2, rows=np.array([0]), below=0.9)
    assert pos.tolist() == [[2, 3]]  # row 1 (cosine 1) is a near-duplicate


def test_group_exclusion_and_precisions():
    gof = np.array([0, 0, -1, -1, -1])
    pos = np.array([[1, 2, 3], [0, 3, -1], [3, 0, 1], [2, 4, 0], [3, 2, 1]])
    rows = np.arange(5)
    kept, removed = bench.drop_group_members(pos, rows, gof, k=2)
    assert removed == 2
    assert kept.tolist() == [[2, 3], [3, -1], [3, 0], [2, 4], [3, 2]]
    labels = np.array(["a", "a", "b", "b", "a"])
    assert bench.precision_topic(kept, rows, labels, k=2) == (0 + 0 + 1 + 1 + 0) / 10
    tags = sp.csr_matrix(np.array([[1, 0], [1, 0], [0, 1], [0, 1], [0, 0]], dtype=np.float32))
    assert bench.precision_tags(kept[:4], np.arange(4), tags, k=2) == (0 + 0 + 1 + 1) / 8
    arts = [{"topic": "societe", "subtopic": "people"}, {"topic": "monde", "subtopic": "x"}]
    assert bench.topic_labels(arts).tolist() == ["societe/people", "monde/"]


def test_newsnlp_api_calls_follow_the_current_layout():
    """The benchmark fits with keyword ids (no deprecation warning), reads positions from
    related_all and can drop the query caches between its runs."""
    import warnings

    related = bench.newsnlp_related()
    texts = synthetic.generate(30, vocab_size=5000, mean_len=40)
    ids = [f"d{i}" for i in range(30)]
    est = related.RelatedArticles(min_df=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        bench.newsnlp_fit(est, texts, ids, titles=[""] * 30, dates=[None] * 30)
    assert est.ids_ == ids
    pos, scores = bench.newsnlp_related_all(est, 3)
    assert pos.shape == scores.shape == (30, 3) and pos.dtype == np.int64
    est._reset_caches()  # what the 1M run does between its one-thread and all-cores runs
    assert bench.newsnlp_related_all(est, 3)[0].tolist() == pos.tolist()


def test_recall_by_scores_counts_ties_at_the_last_score():
    ex_pos = np.array([[1, 2, 3], [4, -1, -1]])
    ex_sc = np.array([[0.9, 0.8, 0.5], [0.7, np.nan, np.nan]], dtype=np.float32)
    got = np.array([[1, 3, 7], [5, -1, -1]])
    got_sc = np.array([[0.9, 0.5, 0.5], [0.6, np.nan, np.nan]], dtype=np.float32)
    # row 0: 1 and 3 found, 7 ties the last exact score (0.5): 3 of 3; row 1: 0 of 1
    assert bench.recall_by_scores(got, got_sc, ex_pos, ex_sc) == 3 / 4


def test_small_corpora_are_whole_stories_of_the_fixture(tmp_path):
    stories = bench.load_fixture()
    assert len(stories) >= 75 and len({a["story"] for a in stories}) >= 30
    for size in (5, 20, 50):
        corpus = bench.small_corpus(size, stories, tmp_path)
        assert len(corpus) == size
        counts = {}
        for a in corpus:
            counts[a["story"]] = counts.get(a["story"], 0) + 1
        assert min(counts.values()) >= 2  # whole stories: every article has a partner
    scores = bench.small_scores(lambda i: "seisme-maroc-2" if i != "seisme-maroc-2" else None,
                                stories[:5])  # fmt: skip
    assert scores["queries"] == 5 and scores["empty"] == 1 and scores["top1"] == 2 / 5


def test_edited_copies_are_edits_of_their_original():
    arts = [
        {"id": str(i), "text": ". ".join(f"Phrase {i}-{j} sur le sujet {i}" for j in range(6))}
        for i in range(20)
    ]
    copies = bench.edited_copies(arts, 8)
    assert {kind for _, kind, _ in copies} == {"removed", "added", "corrected", "removed+added"}
    for original, kind, text in copies:
        source = arts[int(original)]["text"]
        assert text != source and (kind != "removed" or len(text) < len(source))
