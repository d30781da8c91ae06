"""newsnlp.related.index: the fitted state (set, appended) and the query structures derived
from it, rebuilt when the arrays change; queries on several threads while add() runs."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from newsroom import DATES, IDS, TEXTS, fit

from newsnlp.related import RelatedArticles
from newsnlp.related.index import QueryCache, append_rows, set_index


def test_set_index_and_append_rows():
    source = fit()
    est = set_index(
        RelatedArticles(min_df=1),
        vocabulary=source.vocabulary_,
        idf=source.idf_,
        n_documents_fit=source.n_documents_fit_,
        latent=source.latent_components_,
    )
    assert est.matrix_.shape == (0, len(source.vocabulary_)) and est.ids_ == []
    assert est.dates_.dtype == np.dtype("datetime64[s]") and est.body_fingerprints_.shape == (0,)
    append_rows(est, source.matrix_, source.ids_, source.dates_, source.body_fingerprints_)
    assert (est.matrix_ != source.matrix_).nnz == 0 and est.ids_ == source.ids_
    assert est.related("eu-1") == source.related("eu-1")
    with pytest.raises(ValueError, match="vectors of shape"):
        append_rows(
            est, source.matrix_[:2], ["x"], source.dates_[:1], source.body_fingerprints_[:1]
        )


def test_query_cache(index):
    cache = QueryCache(index)
    assert cache.built_from(index) and cache.positions["eu-1"] == IDS.index("eu-1")
    assert cache.terms == list(index.vocabulary_)
    assert cache.inverted() is cache.inverted()  # built once
    assert (cache.inverted() != index.matrix_.T).nnz == 0
    assert cache.rows("eu-1").tolist() == [IDS.index("eu-1")]
    assert cache.rows(["nope", "eu-2", ["unhashable"]]).tolist() == [IDS.index("eu-2")]
    assert cache.rows([]) is None and cache.targets(None) is None
    assert cache.targets(["eu-2", "eu-1"]).tolist() == [IDS.index("eu-2"), IDS.index("eu-1")]
    with pytest.raises(TypeError, match="sequence of indexed ids"):
        cache.targets("eu-1")
    with pytest.raises(KeyError, match="not in the index"):
        cache.position("nope")
    assert cache.ids_at(np.array([[0, -1]])).tolist() == [[IDS[0], None]]
    groups = cache.groups(0.9, block_size=4, threads=1)
    assert cache.groups(0.9, block_size=4, threads=2) is groups  # kept for the threshold
    assert cache.groups(0.5, block_size=4, threads=1) is not groups
    np.testing.assert_array_equal(cache.group_labels(0.9, block_size=1, threads=2), groups)


def test_resolve_ids_and_texts(index):
    cache = QueryCache(index)

    def vectorize(value):
        text = value if isinstance(value, str) else value["text"]
        return text, index.transform([text]), ("signature", 1)

    pos, q, code, sig = cache.resolve("eu-1", "auto", vectorize)
    assert pos == IDS.index("eu-1") and (q != index.matrix_[pos]).nnz == 0 and code == pos
    assert sig is None
    text = TEXTS[IDS.index("eu-1")]
    pos, q, code, sig = cache.resolve(text, "auto", vectorize)
    assert pos is None and code == IDS.index("eu-1")  # the body of eu-1 (and of eu-1-bis)
    assert sig == ("signature", 1)
    pos, _, code, _ = cache.resolve("eu-1", "text", vectorize)
    assert pos is None and code == -1
    pos, _, code, _ = cache.resolve({"text": text, "title": "x"}, "auto", vectorize)  # a record
    assert pos is None and code == IDS.index("eu-1")
    with pytest.raises(KeyError, match="use by='text'"):
        cache.resolve(12, "auto", vectorize)
    with pytest.raises(ValueError, match="by must be"):
        cache.resolve("eu-1", "title", vectorize)


def test_queries_on_eight_threads_while_another_adds():
    """Copy-on-write: related(), related_all() and duplicates() on 8 threads while a ninth
    thread calls add() never fail (before: IndexError within a second, as in the report of
    131 failed queries of 7,735) and each answer is from one consistent snapshot."""
    texts = [f"{TEXTS[i % len(TEXTS)]} dossier{i} sujet{i % 7}" for i in range(2000)]
    ids = [f"d{i}" for i in range(2000)]
    dates = [DATES[i % len(DATES)] for i in range(2000)]
    est = RelatedArticles(min_df=1).fit(texts, ids=ids, dates=dates)
    stop = threading.Event()
    errors: list[BaseException] = []
    answered = [0]

    def reader(seed: int) -> None:
        rng = np.random.default_rng(seed)
        while not stop.is_set():
            try:
                who = ids[int(rng.integers(len(ids)))]
                found = est.related(who, k=5, since="2024-01-01")
                assert all(r.id != who for r in found)
                est.related("Grève des cheminots à la SNCF", by="text", k=3)
                out, scores = est.related_all(k=2, ids=[who])
                assert out.shape == scores.shape == (1, 2)
                est.duplicates()
                answered[0] += 1
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader, args=(s,)) for s in range(8)]
    for t in threads:
        t.start()
    for i in range(40):
        est.add(
            [f"La grève des cheminots de la SNCF continue, jour {i}, TGV supprimés."] * 5,
            [f"n{i}-{j}" for j in range(5)],
            dates=[f"2024-05-0{1 + j}" for j in range(5)],
        )
    stop.set()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert answered[0] >= 8 and len(est.ids_) == 2000 + 200
    assert est.related("n0-0", k=1, since="2024-01-01")
