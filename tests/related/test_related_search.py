"""``RelatedArticles.related_all`` with the pruned search: recall against the exact search,
exact scores, determinism, fallbacks; and the one-pass sparse product underneath."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone

from newsnlp.related import RelatedArticles
from newsnlp.related import estimator as similarity
from newsnlp.related.estimator import _pair_scores, _product

_SYNTHETIC = Path(__file__).resolve().parents[2] / "benchmarks" / "_synthetic.py"


def _synthetic():
    spec = importlib.util.spec_from_file_location("_synthetic_for_search", _SYNTHETIC)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    # 3,000 Zipfian documents in 100 overlapping topics, shortened so that the test is quick:
    # common terms (in > 2 % of the documents) exist, so the pruned search really prunes
    return _synthetic().generate(3000, mean_len=150, n_topics=100)


@pytest.fixture(scope="module")
def exact(corpus) -> tuple[RelatedArticles, np.ndarray, np.ndarray]:
    est = RelatedArticles(search="exact").fit(corpus)
    pos, scores = est.related_all(k=10, positions=True)
    return est, pos, scores


def _recall(scores: np.ndarray, exact_scores: np.ndarray) -> float:
    """Share of the exact top-10 matched: a neighbour counts when its score reaches the exact
    10th score (ties at the 10th score are interchangeable)."""
    kth = exact_scores[:, -1]
    ok = ~np.isnan(kth)
    return float((scores[ok] >= kth[ok, None] - 1e-6).sum() / scores[ok].size)


def test_pruned_search_prunes_and_keeps_recall(corpus, exact):
    est, _, exact_scores = exact
    pruned = clone(est).set_params(search="pruned", n_candidates=50).fit(corpus)
    pos, scores = pruned.related_all(k=10, positions=True)
    common, _ = pruned._pruned_parts(50)
    assert common.any() and not common.all()  # a real pruning
    assert _recall(scores, exact_scores) >= 0.99
    # every score is the exact cosine of the pair, with related()'s arithmetic (bit for bit)
    for r in range(0, len(pos), 7):
        valid = pos[r] >= 0
        np.testing.assert_array_equal(
            scores[r][valid], pruned._query_scores(pruned.matrix_[r])[pos[r][valid]]
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


def test_search_parameters_are_checked():
    with pytest.raises(ValueError, match="search must be"):
        RelatedArticles(search="fast").fit(["a b", "b c"])
    with pytest.raises(ValueError, match="n_candidates"):
        RelatedArticles(n_candidates=0).fit(["a b", "b c"])
    with pytest.raises(ValueError, match="n_candidates"):
        RelatedArticles(n_candidates=True).fit(["a b", "b c"])


@pytest.mark.parametrize("seed", range(5))
def test_one_pass_product_equals_scipy(seed):
    rng = np.random.default_rng(seed)
    a = sp.random(40, 30, density=0.2, format="csr", dtype=np.float32, random_state=rng)
    b = sp.random(30, 50, density=0.3, format="csr", dtype=np.float32, random_state=rng)
    a = sp.csr_matrix(a.multiply(rng.random((40, 1)) > 0.3))  # some empty rows
    got, want = _product(a, b), (a @ b).tocsr()
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_array_equal(got.indptr, want.indptr)
    np.testing.assert_array_equal(got.indices, want.indices)
    np.testing.assert_array_equal(got.data, want.data)
    empty = _product(sp.csr_matrix((3, 30), dtype=np.float32), b)
    assert empty.shape == (3, 50) and empty.nnz == 0


@pytest.mark.parametrize("search", ["exact", "pruned"])
def test_related_all_for_some_ids(corpus, search):
    est = RelatedArticles(search=search, n_candidates=40, block_size=7).fit(
        corpus, [f"a{i}" for i in range(len(corpus))]
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


def test_row_chunks_do_not_change_results(corpus, monkeypatch):
    """Whole-matrix helpers work a chunk of rows at a time: the chunk size changes nothing."""
    texts = [*corpus[:600], *corpus[:5]]  # with exact copies: near-duplicate groups
    ref = RelatedArticles(n_candidates=40).fit(texts)
    ref_all, ref_dups = ref.related_all(k=5), ref.duplicates()
    monkeypatch.setattr(similarity, "_ROW_CHUNK", 7)
    est = RelatedArticles(n_candidates=40).fit(texts)
    ids, scores = est.related_all(k=5)
    assert ids.tolist() == ref_all[0].tolist()
    np.testing.assert_array_equal(scores, ref_all[1])
    assert est.duplicates() == ref_dups and len(ref_dups) >= 5


@pytest.mark.parametrize(
    ("chunk", "entries"), [(1, 1 << 23), (3, 1 << 23), (1 << 16, 4), (1 << 16, 1)]
)
@pytest.mark.parametrize("as_function", [False, True])
def test_restrict_keeps_masked_entries(chunk, entries, as_function, monkeypatch):
    monkeypatch.setattr(similarity, "_ROW_CHUNK", chunk)
    monkeypatch.setattr(similarity, "_ENTRY_CHUNK", entries)
    rng = np.random.default_rng(chunk + entries)
    m = sp.random(25, 12, density=0.3, format="csr", dtype=np.float32, random_state=rng)
    m = sp.csr_matrix(m.multiply(rng.random((25, 1)) > 0.3))  # empty rows, also at the end
    m = sp.vstack([m, sp.csr_matrix((3, 12), dtype=np.float32)], format="csr")
    mask = rng.random(m.nnz) > 0.4
    calls = []

    def part(a: int, b: int) -> np.ndarray:  # the mask of rows a..b, as _pruned_parts gives it
        calls.append((a, b))
        return mask[m.indptr[a] : m.indptr[b]]

    got = similarity._restrict(m, part if as_function else mask)
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    want = sp.csr_matrix((m.data[mask], (rows[mask], m.indices[mask])), shape=m.shape)
    np.testing.assert_array_equal(got.toarray(), want.toarray())
    np.testing.assert_array_equal(got.indptr, want.indptr)
    if as_function:  # chunks cover the rows in order, within the limits (a long row alone)
        chunks = calls[: len(calls) // 2]
        assert chunks == calls[len(calls) // 2 :]
        assert [a for a, _ in chunks] == [0] + [b for _, b in chunks[:-1]]
        assert chunks[-1][1] == m.shape[0]
        for a, b in chunks:
            assert b - a <= chunk
            assert b - a == 1 or m.indptr[b] - m.indptr[a] <= entries


@pytest.mark.parametrize("kernel", [True, False])
def test_pair_scores_equal_the_inverted_index_search(corpus, exact, kernel, monkeypatch):
    est = exact[0]
    if not kernel:  # scipy without the private kernel: the public product, same sums
        monkeypatch.setattr(similarity, "_csr_matvec", None)
    monkeypatch.setattr(similarity, "_PAIR_CHUNK", 64)  # several gathers
    rows = np.arange(0, 300, 3)
    cand = np.random.default_rng(0).integers(0, est.matrix_.shape[0], size=(len(rows), 17))
    got = _pair_scores(est.matrix_, est.matrix_[rows], cand)
    assert got.dtype == est.matrix_.dtype and got.shape == cand.shape
    for i, r in enumerate(rows.tolist()):
        np.testing.assert_array_equal(got[i], est._query_scores(est.matrix_[r])[cand[i]])
    assert (got > 0).any()
    assert _pair_scores(est.matrix_, est.matrix_[:0], cand[:0]).shape == (0, 17)
