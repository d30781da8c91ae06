"""newsnlp.batch.engine: the stream under annotate and run is lazy, in order, and batches on
absolute positions."""

from __future__ import annotations

import newsnlp.batch.engine as engine
from newsnlp.batch import BatchConfig


def test_stream_is_lazy_and_ordered(monkeypatch):
    seen = []
    real = engine.process

    def spy(items, config):
        seen.append([item.head["id"] for item in items])
        return real(items, config)

    monkeypatch.setattr(engine, "process", spy)
    out = engine.stream(
        ["Bonjour.", "Salut.", "Au revoir.", "Merci."],
        BatchConfig(batch_size=3, entities=False),
        progress=False,
        start=10,
    )
    assert seen == []  # nothing runs before the first record is asked for
    assert [r["id"] for r in out] == [10, 11, 12, 13]
    assert seen == [[10, 11], [12, 13]]  # the first group ends at position 12
