"""newsnlp.related.search: one query and every article (exact and pruned), one top-k, one
collapse of near-duplicates; through the estimator and directly."""

from __future__ import annotations

import copy
import dataclasses
import json

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom import (
    DATES,
    DUPLICATES,
    IDS,
    TEXTS,
    TITLES,
    TOPIC,
    W_IDS,
    W_TEXTS,
    WIRE,
    WIRES,
    collapsed_by_hand,
    fit_wires,
    ids_of,
)
from sklearn.base import clone

from newsnlp.related import Related, RelatedArticles, search
from newsnlp.related.duplicates import DuplicateRule
from newsnlp.related.search import (
    SearchIndex,
    explain,
    first_of_group,
    pruned_parts,
    query,
    related_all,
    top_k,
    top_k_collapsed,
)
from newsnlp.related.sparse import query_scores


def _recall(scores: np.ndarray, exact_scores: np.ndarray) -> float:
    """Share of the exact top-10 matched: a neighbour counts when its score reaches the exact
    10th score (ties at the 10th score are interchangeable)."""
    kth = exact_scores[:, -1]
    ok = ~np.isnan(kth)
    return float((scores[ok] >= kth[ok, None] - 1e-6).sum() / scores[ok].size)


# ---------------------------------------------------------------------------- the functions


def test_top_k_breaks_ties_by_index_dense_or_not():
    scores = np.array([0.0, 0.5, 0.9, 0.5, 0.5, 0.0], dtype=np.float32)
    for k in (1, 2, 3, 4, 10):
        dense = top_k(scores, k)
        sparse = top_k(scores[[1, 2, 3, 4]], k, cols=np.array([1, 2, 3, 4]))
        assert dense[0].tolist() == sparse[0].tolist() == [2, 1, 3, 4][:k]
        np.testing.assert_array_equal(dense[1], sparse[1])
    assert top_k(np.zeros(4), 2)[0].tolist() == []


def test_top_k_collapsed_widens_until_k_groups():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5], dtype=np.float32)
    groups = np.array([0, 0, 0, 0, 4])  # four copies, then another article
    asked = []

    def select(m):
        asked.append(m)
        return top_k(scores, m)

    cols, got = top_k_collapsed(select, 5, 2, groups, start=1)
    assert cols.tolist() == [0, 4] and got.tolist() == [scores[0], scores[4]]
    assert asked == [1, 4, 5]  # ×4, capped at the number of candidates
    assert first_of_group(groups, np.array([[3, 0, 4, -1]])).tolist() == [
        [True, False, True, False]
    ]


def test_query_and_related_all_on_a_search_index():
    m = sp.csr_matrix(
        np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0.6, 0.8], [0, 0, 1], [1, 0, 0]], np.float32)
    )
    inverted = m.T.tocsr()
    plain = SearchIndex(m, inverted, np.full(5, -1), None, DuplicateRule(0.9))
    cols, scores = query(m[0], plain, 3, position=0)
    # row 2 shares no term with row 0, row 4 is row 0 again (a near-duplicate): neither is
    assert cols.tolist() == [1] and scores.tolist() == pytest.approx([0.8])
    banned = query(m[0], plain, 3, position=0, banned=np.array([1]))[0]
    assert banned.tolist() == []  # row 2 shares no term with row 0
    codes = SearchIndex(m, inverted, np.array([0, 1, 1, -1, -1]), None, DuplicateRule(0.9))
    assert query(m[2], codes, 3, code=1)[0].tolist() == [3]  # same body as row 1: not returned
    for index in (plain, codes):
        pos, _ = related_all(
            index, 2, blocks=lambda n: [(a, min(a + 2, n)) for a in range(0, n, 2)]
        )
        for r in range(5):
            want = query(m[r], index, 2, position=r, code=int(index.codes[r]))[0].tolist()
            assert pos[r][pos[r] >= 0].tolist() == want
    assert explain(m[1], m, 2, ["a", "b", "c"]) == ("b",)


# ---------------------------------------------------------------------------- through the estimator


def test_same_topic_first_without_self_and_duplicates(index):
    for i in IDS:
        res = index.related(i, k=3)
        assert res, i
        assert TOPIC[res[0].id] == TOPIC[i], (i, res)
        got = [r.id for r in res]
        assert i not in got and DUPLICATES.get(i) not in got
        scores = [r.score for r in res]
        assert scores == sorted(scores, reverse=True) and all(0 < s < 0.9 for s in scores)
    assert index.related("eu-1", k=1)[0].id in {"eu-2", "eu-3"}


def test_terms_explain_the_match(index):
    row = dict(zip(index.vocabulary_, range(len(index.vocabulary_)), strict=True))
    for r in index.related("foot-2", k=5):
        assert 1 <= len(r.terms) <= 5
        q = index.matrix_[IDS.index("foot-2")].toarray()[0]
        d = index.matrix_[IDS.index(r.id)].toarray()[0]
        contrib = {t: q[row[t]] * d[row[t]] for t in index.vocabulary_ if q[row[t]] * d[row[t]] > 0}
        best = sorted(contrib, key=lambda t: (-contrib[t], t))[:5]
        assert list(r.terms) == best
        assert sum(contrib.values()) == pytest.approx(r.score, rel=1e-5)
    assert {"psg", "parc", "princes"} & set(index.related("foot-1", k=1)[0].terms)


def test_exclude_and_since(index):
    plain = copy.copy(index).set_params(collapse_duplicates=False)
    first = [r.id for r in plain.related("sncf-2", k=5)]
    assert [r.id for r in plain.related("sncf-2", k=5, exclude=[first[0], "unknown"])] == [
        x for x in first if x != first[0]
    ]
    # collapsing applies to what exclude leaves: sncf-1 excluded, its update takes its place
    assert [r.id for r in index.related("sncf-2", k=2)] == ["sncf-1", "sncf-3"]
    assert [r.id for r in index.related("sncf-2", k=2, exclude="sncf-1")] == [
        "sncf-1-maj",
        "sncf-3",
    ]
    assert index.related("sncf-2", exclude="sncf-3")[0].id != "sncf-3"
    recent = index.related("covid-1", k=10, since="2024-06-02")
    assert [r.id for r in recent] == ["covid-2"]  # covid-3 has no date: excluded with since
    import datetime as dt

    assert index.related("covid-1", since=dt.date(2024, 6, 2)) == recent
    assert index.related("covid-1", since=dt.datetime(2024, 6, 5, 0, 0)) == recent
    assert index.related("covid-1", since="2024-06-05T01:00:00+02:00") == recent  # = 23:00 UTC
    assert index.related("covid-1", since="2024-06-05T01:00:00") == []
    assert "covid-3" in [r.id for r in index.related("covid-1", k=10)]
    with pytest.raises(ValueError, match="ISO 8601"):
        index.related("covid-1", since="5 juin")


def test_id_or_text_rule(index):
    as_text = index.related("Le PSG et Mbappé au Parc des Princes")
    assert as_text[0].id.startswith("foot")
    assert index.related("foot-1", by="text") == []  # the string "foot-1" as a text: no term
    with pytest.raises(KeyError, match="not in the index"):
        index.related("PSG Mbappé", by="id")
    with pytest.raises(KeyError, match="42"):
        index.related(42)
    with pytest.raises(ValueError, match="by"):
        index.related("foot-1", by="name")
    with pytest.raises(TypeError, match="must be str"):
        index.related(3, by="text")
    # a text identical to an indexed article: that article is its near-duplicate
    assert "foot-3" not in [r.id for r in index.related(TEXTS[2], by="text")]


def test_k_and_ties():
    texts = ["grève sncf", "grève sncf cheminots", "grève sncf cheminots", "grève ratp"]
    est = RelatedArticles(min_df=1, max_df=1.0, duplicate_threshold=0.99, collapse_duplicates=False)
    est.fit(texts, ids=["q", "b", "a", "c"])
    res = est.related("q", k=10)  # k larger than the index: what exists
    assert [r.id for r in res] == ["b", "a", "c"]  # b and a tie: index order, not id order
    assert res[0].score == res[1].score
    assert [r.id for r in est.related("q", k=1)] == ["b"]
    # b and a are identical: collapsed, the first indexed stays
    assert [r.id for r in est.set_params(collapse_duplicates=True).related("q")] == ["b", "c"]
    est.set_params(collapse_duplicates=False).fit(texts[::-1], ids=["c", "a", "b", "q"])
    assert [r.id for r in est.related("q", k=2)] == ["a", "b"]
    assert [r.id for r in est.set_params(collapse_duplicates=True).related("q")] == ["a", "c"]
    for bad in (0, -1):
        with pytest.raises(ValueError, match="k must be >= 1"):
            est.related("q", k=bad)
    with pytest.raises(TypeError, match="k must be an int"):
        est.related("q", k=2.5)


def test_related_to_dict_and_frozen(index):
    r = index.related("eu-2", k=1)[0]
    d = r.to_dict()
    assert json.loads(json.dumps(d)) == d and set(d) == {"id", "score", "terms"}
    assert isinstance(r.score, float) and isinstance(r.terms, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.score = 1.0  # type: ignore[misc]
    assert Related("x", 0.5, ("a",)).to_dict() == {"id": "x", "score": 0.5, "terms": ["a"]}


@pytest.mark.parametrize(("n_jobs", "block_size"), [(1, 2048), (2, 2048), (1, 1), (2, 3), (-1, 5)])
def test_related_all_equals_related(index, n_jobs, block_size):
    est = clone(index).set_params(n_jobs=n_jobs, block_size=block_size)
    est.fit(TEXTS, ids=IDS, titles=TITLES, dates=DATES)
    ids, scores = est.related_all(k=4)
    assert ids.shape == scores.shape == (len(IDS), 4)
    assert ids.dtype == object and scores.dtype == np.float32
    for row, i in enumerate(IDS):
        expected = index.related(i, k=4)
        n = len(expected)
        assert ids[row, :n].tolist() == [r.id for r in expected]
        assert scores[row, :n].tolist() == [np.float32(r.score) for r in expected]
        assert all(x is None for x in ids[row, n:]) and np.isnan(scores[row, n:]).all()
    ref_ids, ref_scores = index.related_all(k=4)
    assert ids.tolist() == ref_ids.tolist()
    np.testing.assert_array_equal(scores, ref_scores)


def test_related_all_padding_and_positions(index):
    ids, scores = index.related_all(k=len(IDS) + 5)
    pos, pscores = index.related_all(k=len(IDS) + 5, positions=True)
    np.testing.assert_array_equal(scores, pscores)
    assert pos.dtype == np.int64 and (pos[:, -5:] == -1).all()
    for row in range(len(IDS)):
        filled = pos[row] >= 0
        assert [IDS[p] for p in pos[row][filled]] == ids[row][filled].tolist()
        assert np.isnan(scores[row][~filled]).all() and not np.isnan(scores[row][filled]).any()
    with pytest.raises(ValueError, match="k must be"):
        index.related_all(k=0)


def test_query_by_text_matches_query_by_id():
    # an indexed article's text is its own near-duplicate: querying by text excludes it too
    plain = RelatedArticles().fit(TEXTS, ids=IDS)
    for i in ("foot-2", "covid-3", "eu-1"):
        by_text = plain.related(TEXTS[IDS.index(i)], k=3, by="text")
        assert by_text == plain.related(i, k=3)


def test_collapse_keeps_one_copy_of_a_wire():
    est = fit_wires()
    assert est.duplicates()[-1] == WIRES
    plain = copy.copy(est).set_params(collapse_duplicates=False)
    off = plain.related("sncf-2", k=3)
    assert ids_of(off) == WIRES  # the three copies fill the list
    assert off[0].score == off[1].score > off[2].score and off[0].terms == off[1].terms
    on = est.related("sncf-2", k=3)
    assert ids_of(on) == ["wire-1", "sncf-1", "sncf-3"]  # wire-1 and wire-2 tie: index order
    assert on[0] == off[0]
    assert on == collapsed_by_hand(est, "sncf-2", 3)
    for i in W_IDS:
        for k in (1, 2, 3, 5, 20):
            assert est.related(i, k=k) == collapsed_by_hand(est, i, k), (i, k)
            assert len({*ids_of(est.related(i, k=k))} & {*WIRES}) <= 1
    text = "Les cheminots en grève : peu de TGV et de TER ce week-end à la SNCF"
    assert len({*ids_of(est.related(text, k=5))} & {*WIRES}) == 1
    assert len({*ids_of(plain.related(text, k=5))} & {*WIRES}) == 3
    # index order decides ties: the copy indexed first stays
    order = [*range(len(IDS)), len(IDS) + 1, len(IDS), len(IDS) + 2]  # wire-2 before wire-1
    swapped = RelatedArticles(min_df=1).fit(
        [W_TEXTS[i] for i in order], ids=[W_IDS[i] for i in order]
    )
    assert ids_of(swapped.related("sncf-2", k=1)) == ["wire-2"]


def test_collapse_keeps_the_best_ranked_copy():
    # a copy indexed last but closer to the query is the one shown
    est = RelatedArticles(min_df=1).fit([*TEXTS, WIRE, WIRE, WIRE + " Les voyageurs"], ids=W_IDS)
    assert est.duplicates()[-1] == WIRES
    off = copy.copy(est).set_params(collapse_duplicates=False).related("sncf-2", k=3)
    assert ids_of(off) == ["wire-3", "wire-1", "wire-2"]
    assert ids_of(est.related("sncf-2", k=3)) == ["wire-3", "sncf-1", "sncf-3"]


def test_collapse_after_exclude_and_since():
    est = fit_wires()
    assert ids_of(est.related("sncf-2", k=2, exclude=["wire-1"])) == ["wire-2", "sncf-1"]
    assert ids_of(est.related("sncf-2", k=2, since="2024-05-05")) == ["wire-3", "sncf-3"]
    assert est.related("sncf-2", k=3, since="2024-05-04") == collapsed_by_hand(
        est, "sncf-2", 3, since="2024-05-04"
    )


@pytest.mark.parametrize("collapse", [True, False])
@pytest.mark.parametrize("narrow", [False, True])
@pytest.mark.parametrize(("n_jobs", "block_size"), [(1, 2048), (2, 2048), (1, 1), (2, 3)])
def test_related_all_equals_related_collapsed(monkeypatch, collapse, narrow, n_jobs, block_size):
    if narrow:  # no margin: rows run short and are redone wider, related() widens too
        monkeypatch.setattr(search, "collapse_margin", lambda k: k)
    widened = []
    real = search.top_k_collapsed
    monkeypatch.setattr(search, "top_k_collapsed", lambda *a: widened.append(a) or real(*a))
    est = fit_wires(collapse_duplicates=collapse, n_jobs=n_jobs, block_size=block_size)
    for k in (1, 2, 4, len(W_IDS) + 2):
        widened.clear()
        ids, scores = est.related_all(k=k)
        pos, _ = est.related_all(k=k, positions=True)
        assert (len(widened) > 0) == (collapse and narrow and k in (2, 4))  # short rows redone
        for row, i in enumerate(W_IDS):
            expected = est.related(i, k=k)
            n = len(expected)
            assert ids[row, :n].tolist() == ids_of(expected), (i, k)
            assert scores[row, :n].tolist() == [np.float32(r.score) for r in expected]
            assert all(x is None for x in ids[row, n:]) and np.isnan(scores[row, n:]).all()
            assert (pos[row, n:] == -1).all()
            if collapse:
                assert expected == collapsed_by_hand(est, i, k)
        if not collapse:
            assert ids_of(est.related("sncf-2", k=3)) == WIRES
    assert est.related_all(k=3)[0][IDS.index("sncf-2")].tolist() == (
        ["wire-1", "sncf-1", "sncf-3"] if collapse else WIRES
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["greve", "sncf", "tgv", "psg", "budget", "etat"]), max_size=5),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from([0.5, 0.8, 0.9, 1.0]),
    st.integers(1, 6),
)
def test_collapse_property(docs, threshold, k):
    texts = [" ".join(d) for d in docs]
    est = RelatedArticles(min_df=1, max_df=1.0, duplicate_threshold=threshold, block_size=4)
    est.fit(texts)
    ids, _ = est.related_all(k=k)
    for i in est.ids_:
        expected = collapsed_by_hand(est, i, k)
        assert est.related(i, k=k) == expected
        assert ids[i, : len(expected)].tolist() == ids_of(expected)
        assert all(x is None for x in ids[i, len(expected) :])


# ---------------------------------------------------------------------------- the pruned search


def test_pruned_search_prunes_and_keeps_recall(corpus, exact):
    est, _, exact_scores = exact
    pruned = clone(est).set_params(search="pruned", n_candidates=50).fit(corpus)
    pos, scores = pruned.related_all(k=10, positions=True)
    inverted = pruned.matrix_.T.tocsr()
    inverted.sort_indices()
    common, _ = pruned_parts(inverted, 50)
    assert common.any() and not common.all()  # a real pruning
    assert _recall(scores, exact_scores) >= 0.99
    # every score is the exact cosine of the pair, with related()'s arithmetic (bit for bit)
    for r in range(0, len(pos), 7):
        valid = pos[r] >= 0
        np.testing.assert_array_equal(
            scores[r][valid], query_scores(pruned.matrix_[r], inverted)[pos[r][valid]]
        )
    assert (np.diff(np.nan_to_num(scores, nan=-1.0), axis=1) <= 0).all()
    assert not (pos == np.arange(len(pos))[:, None]).any()  # never itself


@pytest.mark.parametrize(("n_jobs", "block_size"), [(2, 2048), (1, 97), (2, 5)])
def test_pruned_search_is_deterministic(corpus, n_jobs, block_size):
    ref = RelatedArticles(n_candidates=40).fit(corpus).related_all(k=10)
    est = RelatedArticles(n_candidates=40, n_jobs=n_jobs, block_size=block_size).fit(corpus)
    ids, scores = est.related_all(k=10)
    assert ids.tolist() == ref[0].tolist()
    np.testing.assert_array_equal(scores, ref[1])


def test_pruned_search_without_collapse(corpus, exact):
    est = RelatedArticles(collapse_duplicates=False, n_candidates=30).fit(corpus)
    ref = clone(est).set_params(search="exact").fit(corpus)
    _, scores = est.related_all(k=10, positions=True)
    _, exact_scores = ref.related_all(k=10, positions=True)
    assert _recall(scores, exact_scores) >= 0.98


def test_small_index_and_few_candidates_are_searched_exactly(corpus):
    # an index of at most n_candidates + 1 articles: the exact search
    small = corpus[:60]
    a = RelatedArticles(n_candidates=59).fit(small).related_all(k=5)
    b = RelatedArticles(search="exact").fit(small).related_all(k=5)
    assert a[0].tolist() == b[0].tolist()
    np.testing.assert_array_equal(a[1], b[1])
    # a short article has few candidates: searched exactly, it finds what the exact search finds
    texts = [*corpus[:500], "w1 w2 w3"]
    est = RelatedArticles(min_df=1, n_candidates=40).fit(texts)
    ids, _ = est.related_all(k=10)
    ref = RelatedArticles(min_df=1, search="exact").fit(texts).related_all(k=10)
    assert ids[-1].tolist() == ref[0][-1].tolist()


@pytest.mark.parametrize("search", ["exact", "pruned"])
def test_related_all_for_some_ids(corpus, search):
    est = RelatedArticles(search=search, n_candidates=40, block_size=7).fit(
        corpus, ids=[f"a{i}" for i in range(len(corpus))]
    )
    full_ids, full_scores = est.related_all(k=5)
    chosen = ["a2999", "a5", "a5", "a1234"]
    ids, scores = est.related_all(k=5, ids=chosen)
    rows = [int(v[1:]) for v in chosen]
    assert ids.tolist() == full_ids[rows].tolist()
    np.testing.assert_array_equal(scores, full_scores[rows])
    pos, _ = est.related_all(k=5, ids=chosen, positions=True)
    assert [[est.ids_[p] for p in row] for row in pos.tolist()] == ids.tolist()
    none_ids, none_scores = est.related_all(k=5, ids=[])
    assert none_ids.shape == none_scores.shape == (0, 5)
    with pytest.raises(KeyError, match="not in the index"):
        est.related_all(ids=["nope"])
    with pytest.raises(TypeError, match="sequence of indexed ids"):
        est.related_all(ids="a5")
