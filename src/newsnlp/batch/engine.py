"""The engine under :func:`newsnlp.batch.annotate` and :func:`newsnlp.batch.run`: input records
cut into groups of ``batch_size`` items, processed here or by worker processes, output records
yielded in input order with the progress shown.

Examples
--------
>>> from newsnlp.batch.config import BatchConfig
>>> out = stream(["Bonjour à tous.", None], BatchConfig(entities=False), progress=False)
>>> [(r["id"], r.get("language"), r.get("error", "")[:9]) for r in out]
[(0, 'fr', ''), (1, None, 'TypeError')]
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newsnlp.batch.config import BatchConfig
from newsnlp.batch.items import Item, extract, groups, process
from newsnlp.batch.pool import WorkerPool
from newsnlp.batch.progress import Progress, record_words
from newsnlp.batch.sites import site_of
from newsnlp.text.boilerplate import Boilerplate

__all__ = ["stream"]


def stream(
    records: Iterable[Any],
    config: BatchConfig,
    *,
    progress: bool | None = None,
    start: int = 0,
    total: int | None = None,
    interval: float | None = None,
    sites: Mapping[str, Boilerplate] | None = None,
) -> Iterator[dict[str, Any]]:
    """One output record per input record of *records*, in order (a generator: nothing runs
    before the first record is asked for; the spaCy model is loaded only when there is a
    record to annotate).

    Parameters
    ----------
    records : iterable of dict or str
        Input records, consumed lazily.
    config : BatchConfig
        The job's options (already checked).
    progress : bool or None, keyword-only
        As for :class:`~newsnlp.batch.progress.Progress`.
    start : int, keyword-only
        Position of the first record in the whole input (ids of records without one, batch
        boundaries).
    total : int or None, keyword-only
        Records expected, for the progress bar.
    interval : float or None, keyword-only
        Seconds between two progress log records (see :mod:`newsnlp.batch.progress`).
    sites : mapping of str to Boilerplate, optional, keyword-only
        The site boilerplate of each source (:mod:`newsnlp.batch.sites`): a record of one
        of these sources is cleaned with its source's.
    """
    items = _items(records, config, start, sites or {})
    batches = groups(items, config.batch_size, start)
    first = next(batches, None)
    if first is None:
        return
    bar = Progress(progress, total, interval=interval)
    results: Iterator[list[dict[str, Any]]] = iter(())
    try:
        _load_model(config, bar)
        batches = itertools.chain([first], batches)
        if config.n_process == 1:
            results = (process(group, config) for group in batches)
        else:
            results = WorkerPool(config.n_process, config).run(batches)
        bar.begin()
        for out in results:
            yield from out
            bar.update(len(out), sum(record_words(r) for r in out))
    finally:
        bar.close()
        if hasattr(results, "close"):
            results.close()


def _items(
    records: Iterable[Any], config: BatchConfig, start: int, sites: Mapping[str, Boilerplate]
) -> Iterator[Item]:
    for i, record in enumerate(records):
        item = extract(start + i, record, config)
        if sites and item.error is None:
            site = site_of(record, config.site_field)
            item.boilerplate = None if site is None else sites.get(site)
        yield item


def _load_model(config: BatchConfig, bar: Progress) -> None:
    """Load the spaCy pipeline here, first: a missing model stops the job now, not as one
    error record per record. With the "fork" start method the worker processes inherit the
    loaded pipeline (its weights stay shared): they start at once, instead of each loading
    the model again."""
    fork = multiprocessing.get_start_method() == "fork"
    if config.entities and (config.n_process == 1 or fork):
        from newsnlp.entities.spacy_component import DEFAULT_MODEL, load_pipeline

        bar.status(f"loading the spaCy model {config.model or DEFAULT_MODEL}")
        load_pipeline(config.model or DEFAULT_MODEL)
