"""Worker processes for ``n_process`` > 1: groups of items in, output records out, in input
order. A worker that dies (killed, out of memory, a crash in native code) is replaced and its
records retried one per task, so only a record that kills a worker becomes an error record.

Workers ignore Ctrl-C (the main process's business), exit when the main process dies (even by
``kill -9``), and load the spaCy pipeline once when they start; a worker that cannot load it
stops the job with :class:`WorkerStartError`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsnlp.batch.config import BatchConfig
from newsnlp.batch.items import Item, describe_error, error_record, process

__all__ = ["WorkerPool", "WorkerStartError"]

logger = logging.getLogger(__name__)

_WORKER_ERROR: BaseException | None = None
_KILLED = (
    "BrokenProcessPool: the worker process died while annotating this record (killed, out of "
    "memory or a crash in native code)"
)


class WorkerStartError(RuntimeError):
    """A worker process could not load the spaCy pipeline (the job cannot run)."""


def _watch_parent(parent: int) -> None:  # pragma: no cover - runs in workers
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:  # the main process died (kill -9): do not linger
            os._exit(1)


def _worker_init(model: str | None, parent: int) -> None:  # pragma: no cover - runs in workers
    global _WORKER_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if model is not None:
        try:
            from newsnlp.entities.spacy_component import load_pipeline

            load_pipeline(model)
        except Exception as exc:
            _WORKER_ERROR = exc


def _worker_process(items: list[Item], config: BatchConfig) -> list[dict[str, Any]]:
    if _WORKER_ERROR is not None:  # pragma: no cover - runs in workers
        raise WorkerStartError(f"worker cannot load the spaCy pipeline: {_WORKER_ERROR}")
    return process(items, config)


class WorkerPool:
    """*n_process* worker processes fed a bounded window of groups (two per worker); results
    in input order.

    Parameters
    ----------
    n_process : int
        Worker processes.
    config : BatchConfig
        How the workers process items; they always run spaCy in memory zones (they run
        nothing else).
    """

    def __init__(self, n_process: int, config: BatchConfig) -> None:
        self.n_process = n_process
        # each item carries its site's boilerplate: the tasks need not send them all again
        self.config = config.replace(memory_zone=True, boilerplate=None)
        self.window = 2 * n_process
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        model = None
        if self.config.entities:
            from newsnlp.entities.spacy_component import DEFAULT_MODEL

            model = self.config.model or DEFAULT_MODEL
        return ProcessPoolExecutor(
            max_workers=self.n_process,
            mp_context=multiprocessing.get_context(),
            initializer=_worker_init,
            initargs=(model, os.getpid()),
        )

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def _submit(self, items: list[Item]) -> Future:
        return self.executor.submit(_worker_process, items, self.config)

    def run(self, groups: Iterable[list[Item]]) -> Iterator[list[dict[str, Any]]]:
        """The output records of each group of *groups*, in order."""
        pending: deque[list[Any]] = deque()
        try:
            for group in groups:
                pending.append([group, self._submit(group)])
                if len(pending) >= self.window:
                    yield self._result(pending)
            while pending:
                yield self._result(pending)
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _result(self, pending: deque[list[Any]]) -> list[dict[str, Any]]:
        group, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        except WorkerStartError:
            raise
        except Exception as exc:  # e.g. a record that cannot be sent to a worker (pickling)
            return self._here(group, exc)
        logger.warning(
            "a worker process died (killed, out of memory or crashed): retrying its %d records "
            "one by one",
            len(group),
        )
        self._restart()
        out = [record for item in group for record in self._retry(item)]
        for entry in pending:  # unless finished before the crash, they died with the old pool
            done = entry[1]
            if not (done.done() and not done.cancelled() and done.exception() is None):
                entry[1] = self._submit(entry[0])
        return out

    def _retry(self, item: Item) -> list[dict[str, Any]]:
        """*item* alone in a new task, after its group killed a worker."""
        if item.error is not None:
            return process([item], self.config)
        try:
            return self._submit([item]).result()
        except WorkerStartError:
            raise
        except BrokenProcessPool:
            logger.warning("record %r kills the worker process", item.head.get("id"))
            self._restart()
            return [error_record(item.head, _KILLED)]
        except Exception as exc:
            return self._here([item], exc)

    def _here(self, items: list[Item], exc: BaseException) -> list[dict[str, Any]]:
        """Process *items* in this process (they could not go to a worker)."""
        logger.warning(
            "%d records could not be run in a worker process (%s): running them here",
            len(items),
            describe_error(exc),
        )
        return process(items, self.config.replace(memory_zone=False))
