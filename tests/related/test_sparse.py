"""newsnlp.related.sparse: the one-pass product, restricted matrices, row chunks, pair scores;
scipy's private kernels pinned, and the public fallbacks giving the same sums."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from newsnlp.related import RelatedArticles, sparse
from newsnlp.related.sparse import (
    map_blocks,
    n_threads,
    pair_cosines,
    pair_scores,
    product,
    query_scores,
    restrict,
    row_blocks,
)


def _random(seed: int, shape: tuple[int, int], density: float) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    m = sp.random(*shape, density=density, format="csr", dtype=np.float32, random_state=rng)
    return sp.csr_matrix(m.multiply(rng.random((shape[0], 1)) > 0.3))  # some empty rows


def test_private_scipy_kernels_still_import_and_equal_the_public_products():
    """scipy.sparse._sparsetools is private scipy API: pin that the kernels this module uses
    are still there, with the signatures it calls them with, and give scipy's own results."""
    from scipy.sparse._sparsetools import csc_matvec, csr_matmat, csr_matvec

    assert sparse.KERNELS
    a, b = _random(1, (20, 15), 0.3), _random(2, (15, 25), 0.3)
    want = (a @ b).tocsr()
    got = product(a, b)  # csr_matmat, one pass
    np.testing.assert_array_equal(got.indptr, want.indptr)
    np.testing.assert_array_equal(got.indices, want.indices)
    np.testing.assert_array_equal(got.data, want.data)
    v = np.random.default_rng(3).random(15).astype(np.float32)
    out = np.zeros(20, dtype=np.float32)
    csr_matvec(20, 15, a.indptr, a.indices, a.data, v, out)
    np.testing.assert_array_equal(out, a @ v)
    inverted = a.T.tocsr()  # a's columns as CSR rows = a as CSC
    out = np.zeros(20, dtype=np.float32)
    csc_matvec(20, 15, inverted.indptr, inverted.indices, inverted.data, v, out)
    np.testing.assert_array_equal(out, a @ v)
    assert csr_matmat is sparse._csr_matmat


@pytest.mark.parametrize("kernels", [True, False])
@pytest.mark.parametrize("seed", range(5))
def test_one_pass_product_equals_scipy(seed, kernels, monkeypatch):
    if not kernels:  # a scipy without the private kernel: the public product
        monkeypatch.setattr(sparse, "_csr_matmat", None)
    a, b = _random(seed, (40, 30), 0.2), _random(seed + 10, (30, 50), 0.3)
    got, want = product(a, b), (a @ b).tocsr()
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_array_equal(got.indptr, want.indptr)
    np.testing.assert_array_equal(got.indices, want.indices)
    np.testing.assert_array_equal(got.data, want.data)
    empty = product(sp.csr_matrix((3, 30), dtype=np.float32), b)
    assert empty.shape == (3, 50) and empty.nnz == 0


@pytest.mark.parametrize(
    ("chunk", "entries"), [(1, 1 << 23), (3, 1 << 23), (1 << 16, 4), (1 << 16, 1)]
)
@pytest.mark.parametrize("as_function", [False, True])
def test_restrict_keeps_masked_entries(chunk, entries, as_function, monkeypatch):
    monkeypatch.setattr(sparse, "_ROW_CHUNK", chunk)
    monkeypatch.setattr(sparse, "_ENTRY_CHUNK", entries)
    rng = np.random.default_rng(chunk + entries)
    m = sp.random(25, 12, density=0.3, format="csr", dtype=np.float32, random_state=rng)
    m = sp.csr_matrix(m.multiply(rng.random((25, 1)) > 0.3))  # empty rows, also at the end
    m = sp.vstack([m, sp.csr_matrix((3, 12), dtype=np.float32)], format="csr")
    mask = rng.random(m.nnz) > 0.4
    calls = []

    def part(a: int, b: int) -> np.ndarray:  # the mask of rows a..b, as pruned_parts gives it
        calls.append((a, b))
        return mask[m.indptr[a] : m.indptr[b]]

    got = restrict(m, part if as_function else mask)
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


def test_row_chunks_do_not_change_results(corpus, monkeypatch):
    """Whole-matrix helpers work a chunk of rows at a time: the chunk size changes nothing."""
    texts = [*corpus[:600], *corpus[:5]]  # with exact copies: near-duplicate groups
    ref = RelatedArticles(n_candidates=40).fit(texts)
    ref_all, ref_dups = ref.related_all(k=5), ref.duplicates()
    monkeypatch.setattr(sparse, "_ROW_CHUNK", 7)
    est = RelatedArticles(n_candidates=40).fit(texts)
    ids, scores = est.related_all(k=5)
    assert ids.tolist() == ref_all[0].tolist()
    np.testing.assert_array_equal(scores, ref_all[1])
    assert est.duplicates() == ref_dups and len(ref_dups) >= 5


@pytest.mark.parametrize("kernels", [True, False])
def test_pair_scores_equal_the_inverted_index_search(exact, kernels, monkeypatch):
    est = exact[0]
    if not kernels:  # scipy without the private kernels: the public products, same sums
        monkeypatch.setattr(sparse, "_csr_matvec", None)
        monkeypatch.setattr(sparse, "_csc_matvec", None)
    monkeypatch.setattr(sparse, "_PAIR_CHUNK", 64)  # several gathers
    inverted = est.matrix_.T.tocsr()
    inverted.sort_indices()
    rows = np.arange(0, 300, 3)
    cand = np.random.default_rng(0).integers(0, est.matrix_.shape[0], size=(len(rows), 17))
    got = pair_scores(est.matrix_, est.matrix_[rows], cand)
    assert got.dtype == est.matrix_.dtype and got.shape == cand.shape
    for i, r in enumerate(rows.tolist()):
        np.testing.assert_array_equal(got[i], query_scores(est.matrix_[r], inverted)[cand[i]])
    assert (got > 0).any()
    assert pair_scores(est.matrix_, est.matrix_[:0], cand[:0]).shape == (0, 17)
    # pair_cosines (near-duplicate verification): the same sums, pair by pair
    i, j = np.repeat(rows, 17), cand.ravel()
    np.testing.assert_array_equal(pair_cosines(est.matrix_, i, j), got.ravel())


def test_blocks_and_threads():
    assert row_blocks(5, 10, 2) == [(0, 2), (2, 4), (4, 5)]
    assert row_blocks(5, 1 << 23, 2048) == [(0, 2), (2, 4), (4, 5)]  # 2**24 scores per block
    assert row_blocks(0, 0, 4) == []
    assert n_threads(None) == 1 and n_threads(3) == 3 and n_threads(0) == 1
    assert n_threads(-1) >= 1 and n_threads(-1000) == 1
    assert map_blocks(lambda b: b[1] - b[0], row_blocks(7, 7, 3), 2) == [3, 3, 1]
