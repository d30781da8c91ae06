"""Batch annotation: many articles in, one record out per article, in order, crash-safe on disk.

* :func:`annotate` — records (dicts or strings) → output records: the
  :meth:`newsnlp.Article.to_dict` schema plus ``"id"`` and the input fields asked for with
  ``keep``. Cleaning, language and reading time run per record in Python; the entity layer runs
  through spaCy's ``nlp.pipe`` in batches of ``batch_size``; ``n_process`` worker processes
  share the work (same records as ``n_process=1``).
* :func:`annotate_dataframe` — the same over a pandas DataFrame (``pip install pandas``).
* :func:`annotate_partition` — the engine-agnostic building block for Dask or Ray.
* :func:`run` — file to file (JSONL, JSONL.gz, CSV, Parquet, see :mod:`newsnlp.io`), written as
  it goes, resumable after a crash or a ``kill -9``; returns a :class:`Summary`.
* :func:`cli_main` — the ``newsnlp annotate`` command (also ``python -m newsnlp.batch``).

Every input record yields exactly one output record, in input order: the result, or an error
record ``{"id": …, "error": "<type>: <message>"}`` (plus the ``keep`` fields) when the record
cannot be processed — no text field, a text that is not a ``str``, a text longer than
``max_chars``, a line of the input file that is not JSON, or an exception while analysing it.
An exception inside spaCy for one batch is retried text by text, so only the failing record
becomes an error record; a worker process that dies is replaced and its batch retried the same
way. Records hold no timing fields: the same input gives the same output, byte for byte.

Records without an id (strings, dicts without the ``id_field``) get their 0-based position in
the input as id.

Examples
--------
>>> from newsnlp.batch import annotate
>>> records = [
...     {"id": "a1", "url": "https://exemple.fr/1",
...      "text": "Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat "
...              "son homologue espagnol."},
...     {"id": "a2", "url": "https://exemple.fr/2", "body": "pas de champ text"},
...     "Un article passé comme simple chaîne de caractères, sans identifiant.",
... ]
>>> out = list(annotate(records, keep=("url",)))
>>> [(r["id"], r["url"], r.get("error", "")[:8]) for r in out]
[('a1', 'https://exemple.fr/1', ''), ('a2', 'https://exemple.fr/2', 'KeyError'), (2, None, '')]
>>> out[0]["ministers"]
[{'name': 'Nasser Bourita', 'role': 'ministre des Affaires étrangères', 'country': 'MA'}]
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any

from newsnlp.article import analyze_batch
from newsnlp.checks import ensure_text
from newsnlp import io as _io
from newsnlp.io.jsonl import truncate_file
from newsnlp.schema import FIELD_NAMES

__all__ = [
    "DEFAULT_MAX_CHARS",
    "SCHEMA_FIELDS",
    "Summary",
    "annotate",
    "annotate_dataframe",
    "annotate_partition",
    "cli_main",
    "output_fields",
    "run",
]

logger = logging.getLogger(__name__)

#: Default longest text accepted (characters); longer texts become error records.
DEFAULT_MAX_CHARS = 1_000_000
#: Fields of :meth:`newsnlp.Article.to_dict`, in order.
SCHEMA_FIELDS: tuple[str, ...] = FIELD_NAMES
_RESERVED = frozenset({"id", "error", *SCHEMA_FIELDS})
_MAX_ERROR_CHARS = 500
_FSYNC_SECONDS = 10.0


def output_fields(keep: Sequence[str] = ()) -> list[str]:
    """Every field an output record can have, in order: ``id``, the *keep* fields, the
    :data:`SCHEMA_FIELDS`, ``error`` (the CSV / Parquet / DataFrame columns).

    Examples
    --------
    >>> output_fields(("url",))[:4], output_fields()[-1]
    (['id', 'url', 'schema_version', 'title'], 'error')
    """
    return ["id", *_check_keep(keep), *SCHEMA_FIELDS, "error"]


# --------------------------------------------------------------------------- argument checks
def _check_keep(keep: Any) -> tuple[str, ...]:
    if isinstance(keep, str):
        raise TypeError(f"keep must be a sequence of field names, e.g. keep=({keep!r},), not a str")
    try:
        names = tuple(keep)
    except TypeError:
        raise TypeError(
            f"keep must be a sequence of field names, e.g. keep=('url',), not {type(keep).__name__}"
        ) from None
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"keep holds field names (str), not {type(name).__name__}: {name!r}")
        if name in _RESERVED:
            raise ValueError(
                f"cannot keep an input field named {name!r}: the output already has a field of "
                "that name (rename it in the input first)"
            )
    return tuple(dict.fromkeys(names))


def _check_int(value: Any, name: str, minimum: int, *, allow_none: bool = False) -> Any:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, not {value}")
    return value


def _check_n_process(n_process: Any) -> int:
    if n_process == -1:
        return max(1, os.cpu_count() or 1)
    return _check_int(n_process, "n_process", 1)


def _check_records(records: Any) -> None:
    if isinstance(records, (str, bytes, bytearray, Mapping)):
        raise TypeError(
            f"records must be an iterable of records (dicts or strings), not one "
            f"{type(records).__name__}: wrap it in a list, or use newsnlp.analyze(text) for one text"
        )
    if type(records).__name__ == "DataFrame":
        raise TypeError("records is a DataFrame: use newsnlp.batch.annotate_dataframe(df)")
    if not isinstance(records, Iterable):
        raise TypeError(
            f"records must be an iterable of dicts or strings, not {type(records).__name__}"
        )


@dataclass(frozen=True, slots=True)
class _Options:
    """What the worker needs to process items (picklable)."""

    batch_size: int
    entities: bool
    model: str | None
    #: Run each spaCy batch in ``nlp.memory_zone()`` (flat memory in long jobs). Only where no
    #: other thread can use the pipeline meanwhile: worker processes, :func:`run`.
    memory_zone: bool = False


@dataclass(frozen=True, slots=True)
class _Fields:
    """How to read an input record."""

    text_field: str
    id_field: str | None
    keep: tuple[str, ...]
    max_chars: int | None


@dataclass(slots=True)
class _Item:
    """One input record reduced to what is processed: output head (id + kept fields), and the
    text or the reason it cannot be processed (picklable, sent to workers)."""

    head: dict[str, Any]
    text: str | None = None
    error: str | None = None


def _describe(exc: BaseException) -> str:
    message = f"{type(exc).__name__}: {exc}"
    return message if len(message) <= _MAX_ERROR_CHARS else message[: _MAX_ERROR_CHARS - 1] + "…"


def _is_nan(value: Any) -> bool:
    return (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType"


def _record_id(record: Any, position: int, id_field: str | None) -> Any:
    """The output id of *record*: its ``id_field`` value, else its position."""
    if id_field is not None and isinstance(record, Mapping):
        value = record.get(id_field)
        if value is not None and not _is_nan(value):
            return value
    return position


def _extract(position: int, record: Any, fields: _Fields) -> _Item:
    """Read one input record (never raises)."""
    rid = _record_id(record, position, fields.id_field)
    is_map = isinstance(record, Mapping)
    head = {"id": rid}
    for name in fields.keep:
        value = record.get(name) if is_map else None
        head[name] = None if _is_nan(value) else value
    if isinstance(record, _io.BadRecord):
        return _Item(head, error=record.error)
    if isinstance(record, str):
        value: Any = record
    elif is_map:
        if fields.text_field not in record:
            names = ", ".join(map(str, list(record)[:10])) or "none"
            return _Item(
                head,
                error=f"KeyError: record has no {fields.text_field!r} field (fields: {names}): "
                "pass text_field= to name the field that holds the text",
            )
        value = record[fields.text_field]
    else:
        advice = ": decode it first" if isinstance(record, (bytes, bytearray)) else ""
        return _Item(
            head,
            error=f"TypeError: record must be a dict or a str, not {type(record).__name__}"
            + advice,
        )
    if _is_nan(value):
        return _Item(
            head,
            error=f"TypeError: {fields.text_field} is missing (NaN), not a str: drop or fill "
            "the records without text",
        )
    try:
        text = ensure_text(value, name=fields.text_field)
    except TypeError as exc:
        return _Item(head, error=_describe(exc))
    if fields.max_chars is not None and len(text) > fields.max_chars:
        return _Item(
            head,
            error=f"ValueError: {fields.text_field} has {len(text):,} characters, more than "
            f"max_chars={fields.max_chars:,}: split the text, or raise max_chars",
        )
    return _Item(head, text=text)


# --------------------------------------------------------------------------- processing
def _memory_zone(opts: _Options):
    """``nlp.memory_zone()`` when asked for: the strings and lexemes spaCy adds for a batch are
    freed after it (the annotations are plain Python data by then), so the vocabulary does not
    grow with every new word of a long job."""
    if not (opts.memory_zone and opts.entities):
        return contextlib.nullcontext()
    from newsnlp.entities.spacy_component import DEFAULT_MODEL, load_pipeline

    nlp = load_pipeline(opts.model or DEFAULT_MODEL)
    return nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()


def _process(items: list[_Item], opts: _Options) -> list[dict[str, Any]]:
    """Output records for *items*, in order (never raises for a record's sake): the articles
    of :func:`newsnlp.article.analyze_batch`, the one pipeline, or error records."""
    texts = [item.text for item in items if item.error is None]
    with _memory_zone(opts):
        results = iter(
            analyze_batch(
                texts,  # type: ignore[arg-type]
                entities=opts.entities,
                batch_size=opts.batch_size,
                model=opts.model,
                errors="return",
            )
        )
    out = []
    for item in items:
        if item.error is not None:
            out.append({**item.head, "error": item.error})
            continue
        result = next(results)
        if isinstance(result, Exception):
            logger.warning("record %r: %s", item.head.get("id"), _describe(result))
            out.append({**item.head, "error": _describe(result)})
        else:
            out.append({**item.head, **result.to_dict()})
    return out


def _groups(items: Iterable[_Item], size: int, first: int) -> Iterator[list[_Item]]:
    """Cut *items* into lists of *size*, aligned on absolute positions (the first group is
    shorter when *first*, the position of the first item, is not a multiple of *size*), so a
    resumed run batches the records exactly as an uninterrupted one."""
    group: list[_Item] = []
    limit = size - first % size
    for item in items:
        group.append(item)
        if len(group) == limit:
            yield group
            group, limit = [], size
    if group:
        yield group


# --------------------------------------------------------------------------- worker processes
_WORKER_ERROR: BaseException | None = None


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


class _WorkerStartError(RuntimeError):
    """A worker process could not load the spaCy pipeline (the job cannot run)."""


def _worker_process(items: list[_Item], opts: _Options) -> list[dict[str, Any]]:
    if _WORKER_ERROR is not None:  # pragma: no cover - runs in workers
        raise _WorkerStartError(f"worker cannot load the spaCy pipeline: {_WORKER_ERROR}")
    return _process(items, opts)


class _Pool:
    """Worker processes fed a bounded window of groups, results in input order; a worker that
    dies is replaced and its records are retried one per task."""

    def __init__(self, n_process: int, opts: _Options) -> None:
        self.n_process = n_process
        self.opts = replace(opts, memory_zone=True)  # workers run nothing else
        self.window = 2 * n_process
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        model = None
        if self.opts.entities:
            from newsnlp.entities.spacy_component import DEFAULT_MODEL

            model = self.opts.model or DEFAULT_MODEL
        return ProcessPoolExecutor(
            max_workers=self.n_process,
            mp_context=multiprocessing.get_context(),
            initializer=_worker_init,
            initargs=(model, os.getpid()),
        )

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def _submit(self, items: list[_Item]):
        return self.executor.submit(_worker_process, items, self.opts)

    def run(self, groups: Iterable[list[_Item]]) -> Iterator[list[dict[str, Any]]]:
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
        except _WorkerStartError:
            raise
        except Exception as exc:  # e.g. a record that cannot be sent to a worker (pickling)
            return self._here(group, exc)
        logger.warning(
            "a worker process died (killed, out of memory or crashed): retrying its %d records "
            "one by one",
            len(group),
        )
        self._restart()
        out = []
        for item in group:
            if item.error is not None:
                out.extend(_process([item], self.opts))
                continue
            try:
                out.extend(self._submit([item]).result())
            except _WorkerStartError:
                raise
            except BrokenProcessPool:
                logger.warning("record %r kills the worker process", item.head.get("id"))
                out.append(
                    {
                        **item.head,
                        "error": "BrokenProcessPool: the worker process died while annotating "
                        "this record (killed, out of memory or a crash in native code)",
                    }
                )
                self._restart()
            except Exception as exc:
                out.extend(self._here([item], exc))
        for entry in pending:  # unless finished before the crash, they died with the old pool
            done = entry[1]
            if not (done.done() and not done.cancelled() and done.exception() is None):
                entry[1] = self._submit(entry[0])
        return out

    def _here(self, items: list[_Item], exc: BaseException) -> list[dict[str, Any]]:
        """Process *items* in this process (they could not go to a worker)."""
        logger.warning(
            "%d records could not be run in a worker process (%s): running them here",
            len(items),
            _describe(exc),
        )
        return _process(items, replace(self.opts, memory_zone=False))


# --------------------------------------------------------------------------- progress
class _Progress:
    """tqdm on a terminal (``progress=None``), forced on or off with ``True`` / ``False``;
    without tqdm, a log line every 30 s."""

    def __init__(self, progress: bool | None, total: int | None, desc: str = "annotate"):
        enabled = progress if progress is not None else _isatty(sys.stderr)
        self.bar = None
        self.enabled = bool(enabled)
        self.done = 0
        self.words = 0
        self.start = self.last_log = time.monotonic()
        if self.enabled:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                logger.info("progress: install tqdm for a progress bar")
            else:
                self.bar = tqdm(
                    total=total, desc=desc, unit=" rec", file=sys.stderr, dynamic_ncols=True
                )

    def update(self, records: int, words: int) -> None:
        self.done += records
        self.words += words
        if not self.enabled:
            return
        now = time.monotonic()
        rate = self.words / max(now - self.start, 1e-9)
        if self.bar is not None:
            self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
            self.bar.update(records)
        elif now - self.last_log >= 30.0:
            self.last_log = now
            logger.info("%d records, %.0f words/s", self.done, rate)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _words(record: Mapping[str, Any]) -> int:
    rt = record.get("reading_time")
    return rt.get("words", 0) if isinstance(rt, Mapping) else 0


# --------------------------------------------------------------------------- public API
def annotate(
    records: Iterable[Any],
    *,
    text_field: str = "text",
    id_field: str | None = "id",
    keep: Sequence[str] = (),
    n_process: int = 1,
    batch_size: int = 32,
    progress: bool | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    entities: bool = True,
    model: str | None = None,
    start: int = 0,
    memory_zone: bool = False,
) -> Iterator[dict[str, Any]]:
    """Annotate many articles: one output record per input record, in input order.

    Parameters
    ----------
    records : iterable of dict or str
        Input records (any ``Mapping``), or plain texts. Consumed lazily: memory stays flat.
    text_field : str, default "text"
        Field holding the article text (plain text or HTML, as for :func:`newsnlp.analyze`).
    id_field : str or None, default "id"
        Field holding the record id, copied to the output ``"id"``. Records without one (and
        all records when ``None``) get their 0-based position (plus *start*).
    keep : sequence of str, default ()
        Input fields copied to the output (``None`` when a record lacks one). Names of output
        fields (``id``, ``error``, :data:`SCHEMA_FIELDS`) are refused.
    n_process : int, default 1
        Worker processes (``-1``: one per CPU). Each loads the spaCy model once (≈ 4 s); the
        output is the same as with 1.
    batch_size : int, default 32
        Records per spaCy ``nlp.pipe`` batch (and per task sent to a worker).
    progress : bool or None, default None
        Progress bar on standard error (tqdm): ``None`` shows it when standard error is a
        terminal.
    max_chars : int or None, default 1,000,000
        Longer texts become error records (``None``: no limit).
    entities : bool, default True
        ``False`` skips the entity layer (and spaCy) entirely, as in :func:`newsnlp.analyze`.
    model : str, optional
        spaCy model (default ``fr_core_news_md``).
    start : int, default 0
        Position of the first record in the whole input (ids of records without one).
    memory_zone : bool, default False
        Run each spaCy batch in ``nlp.memory_zone()``: the strings spaCy adds for new words are
        freed after the batch, so memory stays flat in a long job (otherwise the vocabulary
        grows by a few MB per 1,000 articles, less and less). Only when no other thread of
        this process uses newsnlp's spaCy pipeline meanwhile. Always on in the worker
        processes (``n_process`` > 1) and in :func:`run`.

    Yields
    ------
    dict
        ``{"id": …, <keep fields>, <Article.to_dict() fields>}``, or for a record that cannot
        be processed ``{"id": …, <keep fields>, "error": "<type>: <message>"}``.

    Raises
    ------
    TypeError, ValueError
        At call time, for invalid arguments (not for invalid records: those become error
        records).
    OSError
        When iteration starts, if the spaCy model is not installed (``RuntimeError`` from
        the worker processes when ``n_process`` > 1).

    See Also
    --------
    run : file to file, resumable.

    Examples
    --------
    >>> records = ["Le Maroc et l’Espagne signent un accord.", {"id": "x", "text": None}, 42]
    >>> [r.get("error") or r["countries"] for r in annotate(records)]
    [{'ES': 1, 'MA': 1}, "TypeError: text must be str, not None: pass '' for an empty text", 'TypeError: record must be a dict or a str, not int']
    """
    _check_records(records)
    if not isinstance(text_field, str):
        raise TypeError(f"text_field must be a str, not {type(text_field).__name__}")
    if id_field is not None and not isinstance(id_field, str):
        raise TypeError(f"id_field must be a str or None, not {type(id_field).__name__}")
    fields = _Fields(
        text_field,
        id_field,
        _check_keep(keep),
        _check_int(max_chars, "max_chars", 1, allow_none=True),
    )
    opts = _Options(
        _check_int(batch_size, "batch_size", 1), bool(entities), model, bool(memory_zone)
    )
    n_process = _check_n_process(n_process)
    start = _check_int(start, "start", 0)
    total = len(records) if isinstance(records, Sized) else None
    return _annotate(records, fields, opts, n_process, progress, start, total)


def _annotate(
    records: Iterable[Any],
    fields: _Fields,
    opts: _Options,
    n_process: int,
    progress: bool | None,
    start: int,
    total: int | None,
) -> Iterator[dict[str, Any]]:
    items = (_extract(start + i, record, fields) for i, record in enumerate(records))
    groups = _groups(items, opts.batch_size, start)
    # A missing model stops the job here, not as one error record per record. With the "fork"
    # start method the worker processes inherit the loaded pipeline (its weights stay shared):
    # they start at once, instead of each loading the model again.
    if opts.entities and (n_process == 1 or multiprocessing.get_start_method() == "fork"):
        from newsnlp.entities.spacy_component import DEFAULT_MODEL, load_pipeline

        load_pipeline(opts.model or DEFAULT_MODEL)
    if n_process == 1:
        results: Iterator[list[dict[str, Any]]] = (_process(group, opts) for group in groups)
    else:
        results = _Pool(n_process, opts).run(groups)
    bar = _Progress(progress, total)
    try:
        for out in results:
            yield from out
            bar.update(len(out), sum(_words(r) for r in out))
    finally:
        bar.close()
        if hasattr(results, "close"):
            results.close()


def annotate_partition(
    rows: Iterable[Any],
    *,
    text_field: str = "text",
    id_field: str | None = "id",
    keep: Sequence[str] = (),
    batch_size: int = 32,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    entities: bool = True,
    model: str | None = None,
    start: int = 0,
    memory_zone: bool = False,
) -> Iterator[dict[str, Any]]:
    """Annotate one partition of a distributed dataset, in the calling (worker) process.

    The spaCy pipeline is loaded once per worker process (cached by
    :func:`newsnlp.load_pipeline`) and reused by every partition that process gets. The
    output is that of :func:`annotate` with ``n_process=1`` and no progress bar. Give rows an
    ``id`` field: positions restart at *start* in each partition.

    Parameters
    ----------
    rows : iterable of dict or str
        The partition's rows.
    text_field, id_field, keep, batch_size, max_chars, entities, model, start
        As for :func:`annotate`.
    memory_zone : bool, default False
        As for :func:`annotate`: set it where each worker process runs one partition at a
        time (Ray tasks, Dask ``distributed`` workers with ``nthreads=1``), not with Dask's
        threaded scheduler.

    Yields
    ------
    dict
        One output record per row, in order.

    Examples
    --------
    Dask (a bag of dicts read from JSONL files):

    >>> import json, dask.bag as db                                       # doctest: +SKIP
    >>> from newsnlp.batch import annotate_partition
    >>> bag = db.read_text("articles-*.jsonl").map(json.loads)            # doctest: +SKIP
    >>> out = bag.map_partitions(
    ...     lambda rows: list(annotate_partition(rows, keep=("url",))))   # doctest: +SKIP
    >>> out.map(json.dumps).to_textfiles("annotated-*.jsonl")            # doctest: +SKIP

    Ray Data (batches as pandas DataFrames):

    >>> import pandas as pd, ray                                          # doctest: +SKIP
    >>> def annotate_batch(df: pd.DataFrame) -> pd.DataFrame:
    ...     return pd.DataFrame(annotate_partition(df.to_dict("records"), keep=("url",)))
    >>> ds = ray.data.read_json("articles.jsonl")                         # doctest: +SKIP
    >>> ds.map_batches(annotate_batch, batch_format="pandas",
    ...                batch_size=256).write_json("annotated/")           # doctest: +SKIP
    """
    return annotate(
        rows,
        text_field=text_field,
        id_field=id_field,
        keep=keep,
        n_process=1,
        batch_size=batch_size,
        progress=False,
        max_chars=max_chars,
        entities=entities,
        model=model,
        start=start,
        memory_zone=memory_zone,
    )


def _require_pandas():
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "annotate_dataframe needs pandas: pip install 'newsnlp[pandas]' (or pip install "
            "pandas); without pandas use newsnlp.batch.annotate(records)"
        ) from exc
    return pd


def annotate_dataframe(
    df: Any,
    *,
    text_col: str = "text",
    id_col: str = "id",
    keep: Sequence[str] = (),
    **kw: Any,
):
    """Annotate the articles of a pandas DataFrame: one output row per input row.

    Parameters
    ----------
    df : pandas.DataFrame
    text_col : str, default "text"
        Column holding the text.
    id_col : str, default "id"
        Column holding the id; when the frame has no such column, the index labels are the ids.
    keep : sequence of str, default ()
        Columns copied to the output.
    **kw
        ``n_process``, ``batch_size``, ``progress``, ``max_chars``, ``entities``, ``model``,
        ``memory_zone``: as for :func:`annotate`.

    Returns
    -------
    pandas.DataFrame
        Columns :func:`output_fields` (``id``, *keep*, the article fields, ``error``), the
        index of *df*; nested fields (``entities``, ``reading_time``…) hold lists and dicts.
        A row that cannot be processed has its message in ``error`` and no article fields.

    Raises
    ------
    ImportError
        If pandas is not installed.
    TypeError
        If *df* is not a DataFrame.
    KeyError
        If *text_col* or a *keep* column is not in *df*.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [10, 11], "agency": ["AFP", "MAP"],
    ...                    "text": ["Le Maroc et l’Espagne signent un accord.", None]})
    >>> out = annotate_dataframe(df, keep=("agency",))
    >>> out[["id", "agency", "language", "error"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 10, 'agency': 'AFP', 'language': 'fr', 'error': None},
     {'id': 11, 'agency': 'MAP', 'language': None,
      'error': 'TypeError: text is missing (NaN), not a str: drop or fill the records without
      text'}]
    """
    pd = _require_pandas()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"df must be a pandas DataFrame, not {type(df).__name__}: for an iterable of dicts "
            "use newsnlp.batch.annotate(records)"
        )
    keep = _check_keep(keep)
    missing = [c for c in (text_col, *keep) if c not in df.columns]
    if missing:
        raise KeyError(
            f"DataFrame has no column {missing[0]!r} (columns: {', '.join(map(str, df.columns))})"
            + (": pass text_col= to name the text column" if missing[0] == text_col else "")
        )
    texts = df[text_col].tolist()
    ids = df[id_col].tolist() if id_col in df.columns else df.index.tolist()
    kept = {name: df[name].tolist() for name in keep}
    records = [
        {"id": ids[i], "text": texts[i], **{name: kept[name][i] for name in keep}}
        for i in range(len(df))
    ]
    fields = output_fields(keep)
    rows = [
        {f: r.get(f) for f in fields}
        for r in annotate(records, text_field="text", id_field="id", keep=keep, **kw)
    ]
    return pd.DataFrame(rows, columns=fields, index=df.index, dtype=object)


# --------------------------------------------------------------------------- file to file
@dataclass(frozen=True, slots=True)
class Summary:
    """What :func:`run` did.

    Attributes
    ----------
    records : int
        Output records written by this run (results and error records).
    errors : int
        Error records among them.
    words : int
        Words of the annotated texts (after cleaning).
    seconds : float
        Wall time of this run, model loading included.
    resumed : int
        Records already in the output when the run started (``resume=True``).
    """

    records: int
    errors: int
    words: int
    seconds: float
    resumed: int = 0

    @property
    def words_per_second(self) -> float:
        """Throughput: :attr:`words` / :attr:`seconds`."""
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form, with ``words_per_second``.

        Examples
        --------
        >>> Summary(records=2, errors=1, words=300, seconds=1.5).to_dict()
        {'records': 2, 'errors': 1, 'words': 300, 'seconds': 1.5, 'resumed': 0, 'words_per_second': 200.0}
        """
        return {
            "records": self.records,
            "errors": self.errors,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "resumed": self.resumed,
            "words_per_second": round(self.words_per_second, 1),
        }


def _skip_done(
    done: Iterable[tuple[int, Any]], records: Iterator[Any], id_field: str | None, path: Any
) -> tuple[int, int]:
    """Consume one input record per complete output record, checking that the ids match.

    Returns ``(records, end_offset)``."""
    count, end = 0, 0
    for offset, out in done:
        try:
            record = next(records)
        except StopIteration:
            raise ValueError(
                f"{path} holds more records than the input ({count}): it is not the output of "
                "this input (use another output path, or overwrite=True)"
            ) from None
        expected = _io.dumps(_record_id(record, count, id_field))
        found = _io.dumps(out.get("id") if isinstance(out, Mapping) else None)
        if found != expected:
            raise ValueError(
                f"{path}: record {count + 1} has id {found} where the input has {expected}: it "
                "is not the output of this input (use another output path, or overwrite=True)"
            )
        count += 1
        end = offset
    return count, end


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def run(
    input_path: str | os.PathLike,
    output_path: str | os.PathLike,
    *,
    resume: bool = False,
    overwrite: bool = False,
    n_process: int = 1,
    batch_size: int = 32,
    progress: bool | None = None,
    text_field: str = "text",
    id_field: str | None = "id",
    keep: Sequence[str] = (),
    max_chars: int | None = DEFAULT_MAX_CHARS,
    entities: bool = True,
    model: str | None = None,
    input_format: str | None = None,
    output_format: str | None = None,
    fsync_seconds: float = _FSYNC_SECONDS,
) -> Summary:
    """Annotate a file of articles into a file of output records; resumable after a crash.

    The output is written as the records come: each record is flushed to the operating system
    once complete, and the file is ``fsync``'d every *fsync_seconds* and at the end. Plain
    JSONL output is written in place; other formats (``.jsonl.gz``, ``.csv``, ``.parquet``)
    are written to a JSONL spool ``OUTPUT.partial.jsonl``, converted when the input is
    exhausted, then the spool is removed.

    With ``resume=True`` after an interrupted run (Ctrl-C, ``kill -9``, a crash) the output
    (or spool) is read back: its complete records must have the ids of the first input records
    in order; a torn last line is cut off; then that many input records are skipped and the
    job goes on. No record is lost and none is written twice; the records are the same as
    those of an uninterrupted run (batches stay aligned on input positions).

    Parameters
    ----------
    input_path : str or os.PathLike
        JSONL (``.gz`` too), CSV or Parquet file, or ``-`` for standard input (JSONL).
    output_path : str or os.PathLike
        ``.jsonl``, ``.jsonl.gz``, ``.csv`` or ``.parquet``, or ``-`` for standard output
        (JSONL, not resumable).
    resume : bool, default False
        Continue an interrupted run (starts afresh if there is no output yet).
    overwrite : bool, default False
        Replace an existing output. Without *resume* or *overwrite*, an existing output is an
        error (``FileExistsError``), so that finished work is never clobbered by accident.
    n_process, batch_size, progress, text_field, id_field, keep, max_chars, entities, model
        As for :func:`annotate`.
    input_format, output_format : {"jsonl", "csv", "parquet"}, optional
        Default: from the file names.
    fsync_seconds : float, default 10
        Longest time between two ``fsync`` of the output.

    Returns
    -------
    Summary

    Notes
    -----
    Memory stays flat however long the job: besides streaming, each spaCy batch runs in
    ``nlp.memory_zone()``, which frees the strings spaCy adds for new words (without it the
    vocabulary grows by a few MB per 1,000 articles). A memory zone must not overlap other use
    of the same pipeline, so do not use newsnlp's spaCy pipeline (``analyze``,
    ``load_pipeline()``…) from other threads of this process while :func:`run` runs with
    ``n_process=1``.

    Raises
    ------
    FileExistsError
        The output exists and neither *resume* nor *overwrite* is set.
    ValueError
        On resume, the output does not belong to this input (ids differ); or unknown formats.
    FileNotFoundError
        No input file.

    Examples
    --------
    >>> import json, os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> src, dst = os.path.join(folder, "in.jsonl"), os.path.join(folder, "out.jsonl")
    >>> with open(src, "w", encoding="utf-8") as fh:
    ...     for i, text in enumerate(["Le Maroc et l’Espagne signent un accord.", ""]):
    ...         print(json.dumps({"id": f"n{i}", "text": text}), file=fh)
    >>> summary = run(src, dst, progress=False)
    >>> summary.records, summary.errors, summary.words
    (2, 0, 7)
    >>> [json.loads(line)["id"] for line in open(dst, encoding="utf-8")]
    ['n0', 'n1']
    >>> run(src, dst, resume=True, progress=False).resumed  # nothing left to do
    2
    """
    t0 = time.monotonic()
    in_name, out_name = os.fspath(input_path), os.fspath(output_path)
    in_fmt, _ = _io.detect_format(in_name, input_format)
    out_fmt, out_gz = _io.detect_format(out_name, output_format)
    keep = _check_keep(keep)
    fields = _Fields(
        text_field, id_field, keep, _check_int(max_chars, "max_chars", 1, allow_none=True)
    )
    # this process is the job's: spaCy memory zones keep its memory flat (see Notes)
    opts = _Options(_check_int(batch_size, "batch_size", 1), bool(entities), model, True)
    n_process = _check_n_process(n_process)
    if not isinstance(text_field, str):
        raise TypeError(f"text_field must be a str, not {type(text_field).__name__}")
    if in_name != "-" and not os.path.exists(in_name):
        raise FileNotFoundError(f"no input file {in_name!r}")
    if out_name == "-" and resume:
        raise ValueError("cannot resume when writing to standard output: pass an output file")

    direct = out_fmt == "jsonl" and not out_gz  # plain JSONL: written in place, resumable
    target = out_name if direct else out_name + ".partial.jsonl"
    if out_name != "-" and not resume and not overwrite:
        for path in {out_name, target}:
            if os.path.exists(path):
                raise FileExistsError(
                    f"{path} exists: pass resume=True (--resume) to continue it, or "
                    "overwrite=True (--overwrite) to start again"
                )
    records = iter(_io.read_records(in_name, format=in_fmt))
    done = 0
    if resume and os.path.exists(target):
        done, end = _skip_done(_io.iter_jsonl_prefix(target), records, id_field, target)
        truncate_file(target, end)
        logger.info("resuming after the %d records in %s", done, target)
    elif resume and not direct and os.path.exists(out_name):
        # a finished earlier run: check it is this input's and that nothing is left
        done, _ = _skip_done(
            ((0, r) for r in _io.read_records(out_name, format=out_fmt)),
            records,
            id_field,
            out_name,
        )
        if next(records, None) is not None:
            raise ValueError(
                f"{out_name} is complete but shorter than the input: pass overwrite=True "
                "(--overwrite) to annotate again"
            )
        return Summary(0, 0, 0, time.monotonic() - t0, resumed=done)
    elif not direct:
        _remove(target)  # a spool left by an earlier run (overwrite=True)

    total = None
    if progress or (progress is None and _isatty(sys.stderr)):
        with contextlib.suppress(Exception):
            total = _io.count_records(in_name, format=in_fmt)
            total = None if total is None else max(total - done, 0)
    results = _annotate(records, fields, opts, n_process, progress, done, total)
    count = errors = words = 0
    writer = _io.JsonlWriter(target, append=resume and done > 0, gzip=False)
    try:
        last_sync = time.monotonic()
        for record in results:
            writer.write(record)
            count += 1
            if "error" in record:
                errors += 1
            else:
                words += _words(record)
            if time.monotonic() - last_sync >= fsync_seconds:
                writer.sync()
                last_sync = time.monotonic()
    finally:
        results.close()
        writer.close()
    if not direct:
        _finish(target, out_name, out_fmt, keep)
    summary = Summary(count, errors, words, time.monotonic() - t0, resumed=done)
    logger.info("annotated %s", summary.to_dict())
    return summary


def _finish(spool: str, output: str, fmt: str, keep: tuple[str, ...]) -> None:
    """Convert the complete JSONL spool to the output format, atomically; remove the spool."""
    folder, name = os.path.split(output)
    tmp = os.path.join(folder, f".tmp-{name}")  # same extension: same format, gzip, delimiter
    fields = output_fields(keep)
    schema = None
    if fmt == "parquet":
        schema = _io.infer_arrow_schema(_io.read_jsonl(spool, errors="raise"), fields)
    # no flush per record: the file is renamed into place only once complete
    with _io.open_writer(
        tmp, format=fmt, fieldnames=fields, schema=schema, autoflush=False
    ) as writer:
        for record in _io.read_jsonl(spool, errors="raise"):
            writer.write(record)
    os.replace(tmp, output)
    _remove(spool)


# --------------------------------------------------------------------------- command line
def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsnlp annotate",
        description="Annotate a file of articles (JSONL, JSONL.gz, CSV or Parquet; - for "
        "standard input) into one output record per article, in order. The output is written "
        "as it goes; after an interruption (even kill -9) run the same command with --resume.",
    )
    p.add_argument("input", metavar="INPUT", help="input file, or - for standard input (JSONL)")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help=".jsonl (resumable in place), .jsonl.gz, .csv or .parquet (written from a "
        ".partial.jsonl spool at the end), or - for standard output",
    )
    p.add_argument("--n-process", type=int, default=1, metavar="N", help="worker processes (-1: one per CPU; default 1)")  # fmt: skip
    p.add_argument("--batch-size", type=int, default=32, metavar="B", help="records per spaCy batch (default 32)")  # fmt: skip
    p.add_argument("--resume", action="store_true", help="continue an interrupted run")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    p.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text (default: text)")  # fmt: skip
    p.add_argument("--id-field", default="id", metavar="NAME", help="field holding the id (default: id; records without one get their position)")  # fmt: skip
    p.add_argument("--keep", action="append", default=[], metavar="FIELD[,FIELD…]", help="input fields to copy to the output (repeatable)")  # fmt: skip
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N", help="longer texts become error records (default %(default)s)")  # fmt: skip
    p.add_argument("--no-entities", action="store_true", help="skip the entity layer (no spaCy)")
    p.add_argument("--input-format", choices=_io.FORMATS, help="default: from the file name")
    p.add_argument("--output-format", choices=_io.FORMATS, help="default: from the file name")
    return p


def cli_main(argv: Sequence[str] | None = None) -> int:
    """``newsnlp annotate INPUT -o OUTPUT [--n-process N] [--batch-size B] [--resume] [--quiet]``.

    Returns the exit code: 0 done (error records included), 1 the job could not run (missing
    input, existing output, output of another input…), 2 usage error, 130 interrupted (run
    again with ``--resume``). The summary goes to standard error unless ``--quiet``.

    Examples
    --------
    >>> cli_main(["--help"])  # doctest: +ELLIPSIS
    usage: newsnlp annotate [-h] -o OUTPUT ...
    0
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    keep = [name for value in args.keep for name in value.split(",") if name]
    root = logging.getLogger("newsnlp")
    handler = None
    if not any(not isinstance(h, logging.NullHandler) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("newsnlp annotate: %(message)s"))
        handler.setLevel(logging.WARNING)
        root.addHandler(handler)
    try:
        summary = run(
            args.input,
            args.output,
            resume=args.resume,
            overwrite=args.overwrite,
            n_process=args.n_process,
            batch_size=args.batch_size,
            progress=False if args.quiet else None,
            text_field=args.text_field,
            id_field=args.id_field,
            keep=keep,
            max_chars=args.max_chars,
            entities=not args.no_entities,
            input_format=args.input_format,
            output_format=args.output_format,
        )
    except KeyboardInterrupt:
        print(
            "newsnlp annotate: interrupted; the output holds every record finished so far: "
            "run the same command with --resume to continue",
            file=sys.stderr,
        )
        return 130
    except (OSError, ValueError, TypeError, ImportError, RuntimeError) as exc:
        print(f"newsnlp annotate: {exc}", file=sys.stderr)
        return 1
    finally:
        if handler is not None:
            root.removeHandler(handler)
    if not args.quiet:
        s = summary
        resumed = f" after {s.resumed:,} already done" if s.resumed else ""
        print(
            f"newsnlp annotate: {s.records:,} records{resumed} ({s.errors:,} error"
            f"{'' if s.errors == 1 else 's'}), "
            f"{s.words:,} words in {s.seconds:.1f} s = {s.words_per_second:,.0f} words/s"
            + ("" if args.output == "-" else f" -> {args.output}"),
            file=sys.stderr,
        )
    return 0
