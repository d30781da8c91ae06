"""newsnlp.related.duplicates: near-duplicate groups (prefix filter, one union-find), body
fingerprints, identical bodies whatever their titles."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from newsroom import (
    IDS,
    SAME_BODY,
    SB_IDS,
    SB_TEXTS,
    TEXTS,
    TITLES,
    W_IDS,
    W_TEXTS,
    WIRE,
    WIRES,
    fit_same_body,
    ids_of,
)
from sklearn.base import clone

from newsnlp.related import RelatedArticles
from newsnlp.related.duplicates import (
    UnionFind,
    body_codes,
    body_fingerprint,
    body_fingerprints,
    group_labels,
    group_members,
    valid_fingerprints,
)


def test_union_find_roots_are_the_smallest_members():
    uf = UnionFind()
    for a, b in [(5, 3), (3, 9), (1, 2), (9, 2)]:
        uf.union(a, b)
    assert {x: uf.find(x) for x in (1, 2, 3, 5, 9)} == dict.fromkeys((1, 2, 3, 5, 9), 1)
    assert uf.find(7) == 7


def test_group_labels_and_members():
    m = sp.csr_matrix(np.array([[1, 0], [0, 1], [1, 0], [0.6, 0.8]], dtype=np.float32))
    run = lambda fn: [fn((0, 2)), fn((2, 4))]  # noqa: E731 - two blocks, in order
    inverted = m.T.tocsr()
    labels = group_labels(m, inverted, np.full(4, -1), 0.9, run=run)
    assert labels.tolist() == [0, 1, 0, 3]
    codes = np.array([-1, 1, -1, 1])  # rows 1 and 3: the same body
    assert group_labels(m, inverted, codes, 0.9, run=run).tolist() == [0, 1, 0, 1]
    assert group_members(np.array([0, 1, 0, 1]), list("abcd")) == [["a", "c"], ["b", "d"]]


def test_fingerprint_codes_and_validity():
    fps = body_fingerprints(["Grève", "Budget", " grève ", ""])
    codes, lookup = body_codes(fps)
    assert codes.tolist() == [0, 1, 0, -1] and set(lookup.values()) == {0, 1}
    assert valid_fingerprints(fps, 4) and not valid_fingerprints(fps, 3)
    bad = fps.copy()
    bad[1] = b"Z" * 32
    assert not valid_fingerprints(bad, 4)


def test_duplicates(index):
    groups = index.duplicates()
    assert groups == [["eu-1", "eu-1-bis"], ["sncf-1", "sncf-1-maj"]]
    assert index.duplicates(threshold=0.999) == [["eu-1", "eu-1-bis"]]
    assert index.duplicates(threshold=1.0) == [["eu-1", "eu-1-bis"]]  # float32 rounding tolerated
    low = index.duplicates(threshold=0.05)
    assert len(low) >= 1 and sum(map(len, low)) > 4
    with pytest.raises(ValueError, match="threshold"):
        index.duplicates(threshold=1.5)
    assert (
        clone(index)
        .set_params(n_jobs=2, block_size=2)
        .fit(TEXTS, ids=IDS, titles=TITLES)
        .duplicates()
        == groups
    )


def test_identical_corpus(caplog):
    est = RelatedArticles().fit(["La SNCF en grève jeudi."] * 4, ids=["a", "b", "c", "d"])
    assert "keeping every term" in caplog.text
    assert est.duplicates() == [["a", "b", "c", "d"]]
    assert est.related("a") == []
    assert est.related("La SNCF en grève") == []
    ids, scores = est.related_all(k=2)
    assert (ids == None).all() and np.isnan(scores).all()  # noqa: E711
    single = RelatedArticles().fit(["Un seul article sur la SNCF."])
    assert single.related(0) == [] and single.duplicates() == []


@pytest.mark.parametrize("threshold", [0.2, 0.35, 0.5, 0.7, 0.9, 0.99])
def test_duplicates_equal_brute_force(index, threshold):
    # the prefix filter of duplicates() must find exactly the pairs of the full product
    full = (index.matrix_ @ index.matrix_.T).tocoo()
    parent = list(range(len(IDS)))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j, v in zip(full.row, full.col, full.data, strict=True):
        if i < j and v >= threshold - 1e-6:
            a, b = sorted((root(i), root(j)))
            parent[b] = a
    groups: dict[int, list[str]] = {}
    for x in range(len(IDS)):
        groups.setdefault(root(x), []).append(IDS[x])
    expected = sorted((g for g in groups.values() if len(g) > 1), key=lambda g: IDS.index(g[0]))
    assert index.duplicates(threshold) == expected


def test_groups_follow_add_and_threshold():
    est = RelatedArticles(min_df=1).fit(W_TEXTS[:-1], ids=W_IDS[:-1])
    assert ids_of(est.related("sncf-2", k=2)) == ["wire-1", "sncf-1"]  # groups cached
    est.add([WIRE + " Les voyageurs"], ["wire-3"])  # a closer copy: regrouped at the next query
    assert est.duplicates()[-1] == WIRES
    assert ids_of(est.related("sncf-2", k=2)) == ["wire-3", "sncf-1"]
    assert est.related_all(k=2)[0][IDS.index("sncf-2")].tolist() == ["wire-3", "sncf-1"]
    est.set_params(duplicate_threshold=0.99)  # read at query time: wire-3 is a group of its own
    assert ids_of(est.related("sncf-2", k=2)) == ["wire-3", "wire-1"]
    assert est.related_all(k=2)[0][IDS.index("sncf-2")].tolist() == ["wire-3", "wire-1"]


def test_body_fingerprint_normalisation():
    fp = body_fingerprint("L’État  adopte\nla réforme ")
    assert len(fp) == 32 and fp == body_fingerprint("l’e\u0301tat adopte la\u202fRÉFORME")
    assert fp != body_fingerprint("L’État adopte la réforme.")
    assert body_fingerprint("") == body_fingerprint(" \n\t") == b""


@pytest.mark.parametrize("collapse", [True, False])
def test_identical_bodies_never_related(collapse):
    est = fit_same_body(collapse_duplicates=collapse)
    a, b = SB_IDS.index("covid-2"), len(SB_IDS) - 1
    assert float((est.matrix_[a] @ est.matrix_[b].T).toarray()[0, 0]) < 0.9  # cosine alone: no
    assert est.body_fingerprints_.dtype == np.dtype("S32")
    assert est.body_fingerprints_[a] == est.body_fingerprints_[b] != b""
    assert ["covid-2", SAME_BODY] in est.duplicates()
    assert ["covid-2", SAME_BODY] in est.duplicates(threshold=0.999)
    for i, j in (("covid-2", SAME_BODY), (SAME_BODY, "covid-2")):
        assert j not in ids_of(est.related(i, k=len(SB_IDS)))
    by_text = est.related(SB_TEXTS[a], k=len(SB_IDS), by="text")
    assert by_text and not {"covid-2", SAME_BODY} & set(ids_of(by_text))
    ids, _ = est.related_all(k=len(SB_IDS))
    for i in range(len(SB_IDS)):
        assert [x for x in ids[i].tolist() if x is not None] == ids_of(
            est.related(SB_IDS[i], k=len(SB_IDS))
        )
    assert SAME_BODY not in ids[a].tolist() and "covid-2" not in ids[b].tolist()
    # add(): a third copy joins the group and is excluded too
    est.add([SB_TEXTS[a]], ["covid-2-ter"], titles=["Vaccination"])
    assert ["covid-2", SAME_BODY, "covid-2-ter"] in est.duplicates()
    assert not {SAME_BODY, "covid-2-ter"} & set(ids_of(est.related("covid-2", k=20)))
    assert est.related_all(k=20)[0][-1].tolist().count("covid-2") == 0
