"""newsnlp.batch.progress: a tqdm bar when asked for or on a terminal, nothing otherwise."""

from __future__ import annotations

import sys

from batch_corpus import FRENCH

from newsnlp.batch import annotate
from newsnlp.batch.progress import Progress, isatty, record_words


def test_progress_bar_optional(monkeypatch, capsys):
    records = [FRENCH[0]] * 5
    list(annotate(records, progress=True, entities=False))
    assert "annotate" in capsys.readouterr().err  # tqdm on standard error
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # tqdm not installed
    assert len(list(annotate(records, progress=True, entities=False))) == 5
    list(annotate(records, entities=False))  # progress=None: not a terminal, no bar
    assert capsys.readouterr().err == ""


def test_progress_counts_and_logs_without_tqdm(monkeypatch, caplog):
    import logging

    import newsnlp.batch.progress as progress

    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    monkeypatch.setattr(progress, "_LOG_SECONDS", 0.0)
    with caplog.at_level(logging.INFO, logger="newsnlp.batch.progress"):
        bar = Progress(True, total=3)
        bar.update(2, words=100)
        bar.update(1, words=record_words({"error": "TypeError: x"}))
        bar.close()
    assert (bar.done, bar.words) == (3, 100)
    assert "install tqdm" in caplog.text and "3 records" in caplog.text


def test_isatty_of_odd_streams():
    class Closed:
        def isatty(self):
            raise ValueError("I/O operation on closed file")

    assert isatty(Closed()) is False and isatty(object()) is False
    assert record_words({"reading_time": {"words": 7}}) == 7
