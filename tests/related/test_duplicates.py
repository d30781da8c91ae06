"""newsnlp.related.duplicates: near-duplicate groups (shingle signatures checked on candidate
pairs of rare terms; the cosine rule of indexes saved without signatures), one union-find,
body fingerprints, identical bodies whatever their titles."""

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
    DuplicateRule,
    UnionFind,
    body_codes,
    body_fingerprint,
    body_fingerprints,
    candidate_pairs,
    group_labels,
    group_members,
    valid_fingerprints,
)
from newsnlp.related.index import set_index
from newsnlp.related.shingles import is_duplicate


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
    # sncf-1-maj is sncf-1 with a sentence added: all of sncf-1's shingles are in it
    assert index.duplicates(threshold=0.999) == groups
    assert index.duplicates(threshold=1.0) == groups
    with pytest.raises(ValueError, match="threshold"):
        index.duplicates(threshold=1.5)
    assert (
        clone(index)
        .set_params(n_jobs=2, block_size=2)
        .fit(TEXTS, ids=IDS, titles=TITLES)
        .duplicates()
        == groups
    )


def test_write_ups_of_one_story_are_not_duplicates(index):
    # three articles on the same strike share words, not sentences: none is a duplicate
    cos = (index.matrix_ @ index.matrix_.T).toarray()
    a, b = IDS.index("sncf-1"), IDS.index("sncf-3")
    assert cos[a, b] > 0.3
    assert index.duplicates(threshold=0.05) == index.duplicates() or all(
        len({x.split("-")[0] for x in g}) == 1 for g in index.duplicates(threshold=0.05)
    )
    assert "sncf-3" in ids_of(index.related("sncf-1", k=3))


def test_identical_corpus(caplog):
    est = RelatedArticles(min_df=2, max_df=0.5).fit(
        ["La SNCF en grève jeudi."] * 4, ids=["a", "b", "c", "d"]
    )
    assert "keeping every term" in caplog.text
    assert est.duplicates() == [["a", "b", "c", "d"]]
    assert est.related("a") == []
    assert est.related("La SNCF en grève") == []
    ids, scores = est.related_all(k=2)
    assert (ids == None).all() and np.isnan(scores).all()  # noqa: E711
    single = RelatedArticles().fit(["Un seul article sur la SNCF."])
    assert single.related(0) == [] and single.duplicates() == []


def _brute_force_groups(n, pair) -> list[list[str]]:
    parent = list(range(n))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i in range(n):
        for j in range(i + 1, n):
            if pair(i, j):
                a, b = sorted((root(i), root(j)))
                parent[b] = a
    groups: dict[int, list[str]] = {}
    for x in range(n):
        groups.setdefault(root(x), []).append(IDS[x] if n == len(IDS) else x)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: IDS.index(g[0]))


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.8, 0.99])
def test_duplicates_equal_brute_force(index, threshold):
    # the candidate pairs of rare terms hold every pair the rule accepts (here)
    sig, counts = index.body_signatures_, index.body_shingles_

    def pair(i, j):
        return bool(is_duplicate(sig, counts, np.array([i]), np.array([j]), threshold)[0])

    assert index.duplicates(threshold) == _brute_force_groups(len(IDS), pair)


@pytest.mark.parametrize("threshold", [0.2, 0.35, 0.5, 0.7, 0.9, 0.99])
def test_cosine_rule_of_indexes_without_signatures(index, threshold):
    # an index saved before signatures: near-duplicates by cosine, the prefix filter exact
    old = clone(index)
    set_index(
        old, vocabulary=index.vocabulary_, idf=index.idf_, n_documents_fit=len(IDS),
        matrix=index.matrix_, ids=IDS, dates=index.dates_,
        body_fingerprints=index.body_fingerprints_, signatures=None,
    )  # fmt: skip
    full = (index.matrix_ @ index.matrix_.T).toarray()
    expected = _brute_force_groups(len(IDS), lambda i, j: full[i, j] >= threshold - 1e-6)
    assert old.duplicates(threshold) == expected
    assert not DuplicateRule(threshold).by_text


def test_candidate_pairs_hold_half_of_the_rare_terms():
    m = sp.csr_matrix(np.array([[1, 1, 0, 0], [1, 1, 1, 0], [0, 0, 1, 1]], dtype=np.float32))
    run = lambda fn: [fn((0, 2)), fn((2, 3))]  # noqa: E731 - two blocks, in order
    i, j = candidate_pairs(m, m.T.tocsr(), run=run)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 1), (1, 2)]
    i, j = candidate_pairs(m, m.T.tocsr(), run=run, share=0.25)  # one rare term of four is enough
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 1), (1, 2)]


def test_groups_follow_add_and_threshold():
    est = RelatedArticles(min_df=1).fit(W_TEXTS[:-1], ids=W_IDS[:-1])
    assert ids_of(est.related("sncf-2", k=2)) == ["wire-1", "sncf-1"]  # groups cached
    # an edited copy (a word changed, a sentence added: 8 of its 9 shingles kept), regrouped
    # at the next query
    edited = WIRE.replace("la direction", "la SNCF") + " Le trafic reprendra normalement lundi."
    est.add([edited], ["wire-3"])
    assert est.duplicates()[-1] == WIRES
    row = IDS.index("sncf-2")
    assert ids_of(est.related("sncf-2", k=3)) == ["wire-1", "sncf-1", "sncf-3"]
    assert est.related_all(k=3)[0][row].tolist() == ["wire-1", "sncf-1", "sncf-3"]
    est.set_params(duplicate_threshold=0.99)  # read at query time: wire-3 is a group of its own
    assert est.duplicates()[-1] == WIRES[:2]
    assert "wire-3" in ids_of(est.related("sncf-2", k=3))
    assert est.related_all(k=3)[0][row].tolist() == ids_of(est.related("sncf-2", k=3))


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
