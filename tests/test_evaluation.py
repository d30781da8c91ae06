"""newsnlp.evaluation: precision@k, exact cosine neighbours, duplicate groups, data folder."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from newsnlp.evaluation import (
    DATA_ENV,
    cosine_neighbours,
    find_data,
    group_labels,
    precision_at_k,
)


# --------------------------------------------------------------------------- precision_at_k
def reference_precision(neighbours, labels, k, queries=None, groups=None):
    """Straightforward Python version of the definition."""
    queries = range(len(neighbours)) if queries is None else queries
    out = []
    for q, row in zip(queries, neighbours, strict=True):
        kept = [
            j
            for j in row
            if j >= 0
            and not (groups is not None and (j == q or (groups[q] >= 0 and groups[j] == groups[q])))
        ]
        out.append(sum(labels[j] == labels[q] for j in kept[:k]) / k)
    return out


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 12),
    k=st.integers(1, 6),
    data=st.data(),
)
def test_matches_the_definition(n, k, data):
    labels = data.draw(st.lists(st.sampled_from("abc"), min_size=n, max_size=n))
    rows = data.draw(st.lists(st.lists(st.integers(-1, n - 1), max_size=8), min_size=n, max_size=n))
    groups = data.draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n))
    for g in (None, groups):
        expected = reference_precision(rows, labels, k, groups=g)
        got = precision_at_k(rows, labels, k=k, groups=g, average=False)
        assert got.tolist() == pytest.approx(expected)
        assert precision_at_k(rows, labels, k=k, groups=g) == pytest.approx(np.mean(expected))


def test_ragged_lists_equal_padded_array():
    labels = ["a", "a", "b", "b"]
    ragged = [[1], [0, 2, 3], [], [2, 0]]
    padded = np.array([[1, -1, -1], [0, 2, 3], [-1, -1, -1], [2, 0, -1]])
    assert precision_at_k(ragged, labels, k=3) == precision_at_k(padded, labels, k=3)
    assert precision_at_k(ragged, labels, k=3, average=False).tolist() == pytest.approx(
        [1 / 3, 1 / 3, 0, 1 / 3]
    )


def test_queries_subset():
    labels = np.array(["x", "y", "x", "y"])
    nb = [[0, 3], [1, 2]]  # rows for documents 2 and 3
    assert precision_at_k(nb, labels, k=2, queries=[2, 3]) == pytest.approx(0.5)
    assert precision_at_k(nb, labels, k=2, queries=np.array([2, 3])) == pytest.approx(0.5)


def test_groups_skip_query_and_its_copies_keeping_order():
    labels = ["s", "s", "s", "p", "s"]
    groups = [0, 0, -1, -1, 0]
    # query 0: its copies 1 and 4 and itself are skipped, then 3 (p) and 2 (s)
    nb = [[1, 0, 4, 3, 2], [0, 4, 2, 3], [0, 1, 4, 3], [2, 0, 1, 4], [0, 1, 2, 3]]
    per = precision_at_k(nb, labels, k=2, groups=groups, average=False)
    assert per.tolist() == [0.5, 0.5, 1.0, 0.0, 0.5]


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_missing_labels_never_match(missing):
    labels = ["a", missing, missing, "a"]
    nb = [[3, 1], [2, 0], [1, 3], [0, 2]]
    assert precision_at_k(nb, labels, k=2, average=False).tolist() == [0.5, 0.0, 0.0, 0.5]


def test_float_labels_with_nan():
    labels = np.array([1.0, np.nan, np.nan, 1.0])
    assert precision_at_k([[3], [2], [1], [0]], labels, k=1) == 0.5


def test_pandas_labels():
    labels = pd.Series(["politique", "monde", "politique", None], dtype="string")
    assert precision_at_k([[2], [0], [0], [1]], labels, k=1) == 0.5


def test_no_query():
    assert np.isnan(precision_at_k(np.zeros((0, 3), dtype=int), ["a"], k=2, queries=[]))
    assert precision_at_k([], ["a"], queries=[], average=False).shape == (0,)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"k": 0}, ValueError, "k must be >= 1"),
        ({"k": 2.0}, TypeError, "k must be an int"),
        ({"k": True}, TypeError, "k must be an int"),
        ({"neighbours": [[0.5, 1.0]] * 3}, TypeError, "integer positions"),
        ({"neighbours": np.array([[True], [False], [True]])}, TypeError, "integer positions"),
        ({"neighbours": [[1, 7], [0], [0]]}, ValueError, "position 7"),
        ({"neighbours": [[1], [0]]}, ValueError, "pass queries="),
        ({"neighbours": np.array([1, 0, 0])}, ValueError, "2-D"),
        ({"neighbours": "abc"}, TypeError, "sequence of sequences"),
        ({"neighbours": 3}, TypeError, "sequence of sequences"),
        ({"queries": [0, 1]}, ValueError, "2 queries for 3 rows"),
        ({"queries": [0, 1, 5]}, ValueError, r"positions in \[0, 3\)"),
        ({"queries": [0, 1, -1]}, ValueError, r"positions in \[0, 3\)"),
        ({"queries": ["a", "b", "c"]}, TypeError, "integer positions"),
        ({"groups": [0, 0]}, ValueError, "groups has 2 values"),
        ({"groups": ["a", "b", "c"]}, TypeError, "integer positions"),
        ({"labels": "abc"}, TypeError, "one value per document"),
        ({"labels": {"a": 1}}, TypeError, "one value per document"),
        ({"labels": [["a"], ["b"], ["c"]]}, ValueError, "1-D"),
    ],
)
def test_bad_input(kwargs, error, match):
    args = {"neighbours": [[1], [0], [0]], "labels": ["a", "a", "b"], **kwargs}
    with pytest.raises(error, match=match):
        precision_at_k(args.pop("neighbours"), args.pop("labels"), **args)


# --------------------------------------------------------------------------- cosine_neighbours
def reference_neighbours(X, rows, k):
    sims = cosine_similarity(X)
    out = []
    for r in rows:
        cand = [(-s, j) for j, s in enumerate(sims[r]) if j != r and s > 1e-12]
        top = [j for _, j in sorted(cand)[:k]]
        out.append(top + [-1] * (k - len(top)))
    return np.array(out)


@pytest.mark.parametrize("block_size", [1, 3, 512])
def test_neighbours_match_brute_force(block_size):
    rng = np.random.default_rng(0)
    X = sp.random(40, 25, density=0.15, format="csr", random_state=rng)
    X.data = np.round(X.data * 4) + 1  # integer weights: exact ties are frequent
    got = cosine_neighbours(X, k=6, block_size=block_size)
    want = reference_neighbours(X.toarray(), range(40), 6)
    # equal up to float rounding of near-equal scores: compare the similarity of each place
    sims = cosine_similarity(X)
    for r in range(40):
        assert (got[r] >= 0).tolist() == (want[r] >= 0).tolist()
        ok = got[r] >= 0
        assert sims[r, got[r][ok]] == pytest.approx(sims[r, want[r][ok]], abs=1e-9)
        assert r not in got[r]


def test_ties_broken_by_position_and_self_excluded():
    X = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert cosine_neighbours(X, k=3).tolist() == [[1, 2, -1], [0, 2, -1], [0, 1, -1], [-1] * 3]


def test_zero_rows_and_k_larger_than_corpus():
    X = sp.csr_matrix(np.array([[0.0, 0.0], [2.0, 1.0], [1.0, 3.0]]))
    assert cosine_neighbours(X, k=5).tolist() == [
        [-1] * 5,
        [2, -1, -1, -1, -1],
        [1, -1, -1, -1, -1],
    ]


def test_unnormalised_and_integer_input_give_cosine():
    X = np.array([[10, 0, 1], [1, 0, 0], [0, 5, 5], [0, 1, 2]])
    assert cosine_neighbours(X, k=1).tolist() == cosine_neighbours(X * 0.5, k=1).tolist()
    assert cosine_neighbours(X, [0, 2], k=1).tolist() == [[1], [3]]


def test_with_tfidf_vectorizer():
    texts = ["grève SNCF trains", "grève SNCF métro", "budget dette", "dette budget État"]
    X = TfidfVectorizer().fit_transform(texts)
    assert cosine_neighbours(X, k=1).ravel().tolist() == [1, 0, 3, 2]
    assert cosine_neighbours(X, [], k=2).shape == (0, 2)
    assert cosine_neighbours(sp.csr_matrix((0, 3)), k=2).shape == (0, 2)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((np.eye(3),), {"k": 0}, ValueError, "k must be >= 1"),
        ((np.eye(3),), {"block_size": 0}, ValueError, "block_size must be >= 1"),
        ((np.eye(3),), {"block_size": 1.5}, TypeError, "block_size must be an int"),
        ((np.eye(3), [3]), {}, ValueError, r"rows in \[0, 3\)"),
        ((np.eye(3), [0.0]), {}, TypeError, "integer positions"),
        ((np.ones(3),), {}, TypeError, "2-D numeric"),
        ((np.array([["a", "b"]]),), {}, TypeError, "2-D numeric"),
    ],
)
def test_neighbours_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        cosine_neighbours(*args, **kwargs)


# --------------------------------------------------------------------------- group_labels
def test_groups_chained_and_filtered():
    ids = ["a", "b", "c", "d", "e", "f"]
    groups = [["b", "d"], ["d", "e"], ["x", "a"], ["f", "c"], ["c"]]
    assert group_labels(groups, ids).tolist() == [-1, 0, 1, 0, 0, 1]
    assert group_labels([], ids).tolist() == [-1] * 6
    assert group_labels([[1, 2]], [0, 1, 2]).tolist() == [-1, 0, 0]
    assert group_labels([["1", "2"]], [1, 2]).tolist() == [-1, -1]  # ids compared as given
    assert group_labels((g for g in [("a", "b")]), ids).dtype == np.int64
    assert group_labels([["a"]], []).tolist() == []


def test_groups_from_a_file_line():
    line = "12,7,99"
    assert group_labels([line.split(",")], ["7", "8", "12"]).tolist() == [0, -1, 0]


@pytest.mark.parametrize(
    ("groups", "ids", "error", "match"),
    [
        (["ab"], ["a", "b"], TypeError, "line.split"),
        ([3], ["a"], TypeError, "each group"),
        ("ab", ["a", "b"], TypeError, "iterable of groups"),
        ([["a"]], ["a", "a"], ValueError, "unique"),
    ],
)
def test_groups_bad_input(groups, ids, error, match):
    with pytest.raises(error, match=match):
        group_labels(groups, ids)


# --------------------------------------------------------------------------- find_data
def test_find_data_walks_up(tmp_path, monkeypatch):
    monkeypatch.delenv(DATA_ENV, raising=False)
    (tmp_path / "shared" / "data" / "corpus").mkdir(parents=True)
    (tmp_path / "shared" / "data" / "corpus" / "a.jsonl").write_text("{}\n")
    deep = tmp_path / "repo" / "notebooks"
    deep.mkdir(parents=True)
    assert find_data("corpus", "a.jsonl", start=deep) == tmp_path / "shared/data/corpus/a.jsonl"
    assert find_data(start=deep) == tmp_path / "shared" / "data"
    assert find_data("corpus", "missing.jsonl", start=deep) is None
    monkeypatch.chdir(deep)
    assert find_data("corpus") == tmp_path / "shared" / "data" / "corpus"


def test_find_data_honours_the_environment(tmp_path, monkeypatch):
    (tmp_path / "shared" / "data" / "corpus").mkdir(parents=True)
    other = tmp_path / "copy"
    (other / "corpus").mkdir(parents=True)
    monkeypatch.setenv(DATA_ENV, str(other))
    assert find_data("corpus", start=tmp_path) == other / "corpus"
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "nowhere"))
    assert find_data("corpus", start=tmp_path) is None  # the variable wins, even when wrong
