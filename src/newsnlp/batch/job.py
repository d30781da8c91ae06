"""The file job: a file of articles annotated into a file of output records, written as it goes,
resumable after a crash or a ``kill -9`` (:func:`run`, which the ``newsnlp annotate`` command
runs), and what it did (:class:`Summary`).

Plain JSONL output is written in place; other formats (``.jsonl.gz``, ``.csv``, ``.parquet``)
are written to a JSONL spool ``OUTPUT.partial.jsonl``, converted when the input is exhausted,
then the spool is removed (only plain JSONL can be continued after a crash: see
:mod:`newsnlp.io.jsonl`).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from newsnlp.batch.config import BatchConfig, output_fields, resolve_config
from newsnlp.batch.engine import stream
from newsnlp.batch.items import record_id
from newsnlp.batch.progress import progress_mode, record_words
from newsnlp.batch.sites import job_sites, plan_sites
from newsnlp.errors import option
from newsnlp.io import (
    JsonlWriter,
    count_records,
    detect_format,
    dumps,
    infer_arrow_schema,
    iter_jsonl_prefix,
    open_writer,
    read_jsonl,
    read_records,
)
from newsnlp.io.formats import as_text, check_encoding
from newsnlp.io.jsonl import check_line_encoding, truncate_file
from newsnlp.io.parquet import require_pyarrow
from newsnlp.text.boilerplate import Boilerplate, save_sites

__all__ = ["Summary", "run"]

logger = logging.getLogger(__name__)

_FSYNC_SECONDS = 10.0
_END: Any = object()


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


@dataclass(frozen=True, slots=True)
class _Job:
    """Where a run reads and writes, checked before anything is written."""

    input: str
    output: str
    in_fmt: str
    out_fmt: str
    direct: bool  # plain JSONL output: written in place, resumable
    target: str  # the output, or its JSONL spool
    config: BatchConfig
    encoding: str  # of the input (JSONL, CSV)


def run(
    input_path: str | os.PathLike,
    output_path: str | os.PathLike,
    *,
    config: BatchConfig | None = None,
    resume: bool = False,
    overwrite: bool = False,
    progress: bool | None = None,
    input_format: str | None = None,
    output_format: str | None = None,
    encoding: str = "utf-8",
    fsync_seconds: float = _FSYNC_SECONDS,
    progress_interval: float | None = None,
    save_boilerplate: str | os.PathLike | None = None,
    **options: Any,
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

    With ``site_boilerplate`` (the default) the input file is read twice: first the sample of
    each source, from the start of the file (a resumed run learns what the first run did),
    then the records (see :mod:`newsnlp.batch.sites`). Standard input is read once: its first
    ``sample_size`` records are the sample.

    Parameters
    ----------
    input_path : str or os.PathLike
        JSONL (``.gz`` too), CSV or Parquet file, or ``-`` for standard input (JSONL).
    output_path : str or os.PathLike
        ``.jsonl``, ``.jsonl.gz``, ``.csv`` or ``.parquet``, or ``-`` for standard output
        (JSONL, not resumable).
    config : BatchConfig, optional
        The options of :func:`~newsnlp.batch.annotate` as one object.
    resume : bool, default False
        Continue an interrupted run (starts afresh if there is no output yet).
    overwrite : bool, default False
        Replace an existing output. Without *resume* or *overwrite*, an existing output is an
        error (``FileExistsError``), so that finished work is never clobbered by accident.
    progress : bool or None, default None
        ``None``: a progress bar when standard error is a terminal, else a log record (INFO,
        logger ``newsnlp.batch.progress``) every *progress_interval* seconds with the records
        done, the rates and the time left; ``True``: the bar; ``False``: nothing (see
        :mod:`newsnlp.batch.progress`).
    input_format, output_format : {"jsonl", "csv", "parquet"}, optional
        Default: from the file names.
    encoding : str, default "utf-8"
        Text encoding of a JSONL or CSV input. A record with bytes that are not valid in it
        is an error record naming the byte and the line.
    fsync_seconds : float, default 10
        Longest time between two ``fsync`` of the output.
    progress_interval : float, optional
        Seconds between two progress log records (default 30).
    save_boilerplate : str or os.PathLike, optional
        Write the site boilerplate used (learnt, or ``boilerplate``) to this JSON file
        (:func:`newsnlp.text.boilerplate.save_sites`), for ``boilerplate=`` elsewhere.
    **options
        ``n_process``, ``batch_size``, ``text_field``, ``id_field``, ``keep``, ``max_chars``,
        ``entities``, ``model``, ``site_boilerplate``, ``site_field``, ``sample_size``,
        ``boilerplate``: as for :func:`~newsnlp.batch.annotate`, over *config*.

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

    Every record of the input gives one output record, including the records that cannot be
    read (a line that is not JSON, or nested too deep; bytes not valid in *encoding*; a CSV
    row whose quote is not closed, which covers the lines it swallowed): an error record
    naming the line, and the job goes on. The id and kept fields of the output are valid
    Unicode (lone surrogates replaced with U+FFFD, as in the texts: see
    :mod:`newsnlp.batch.items`).

    Raises
    ------
    FileExistsError
        The output exists and neither *resume* nor *overwrite* is set.
    ValueError
        The output is the input file (by any path or link), whatever *overwrite* says; on
        resume, the output does not belong to this input (ids differ); unknown formats.
    FileNotFoundError
        No input file.
    ImportError
        Parquet input or output without pyarrow (before anything is read or written).

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
    config = resolve_config(config, options, caller="run", exclude=("memory_zone",))
    job = _plan(
        input_path,
        output_path,
        config.replace(memory_zone=True),  # this process is the job's: see Notes
        formats=(input_format, output_format),
        replace=overwrite,
        resume=resume,
        encoding=encoding,
    )
    records, sites = _open(job)
    done, finished = _start(job, records, resume)
    if finished:
        return Summary(0, 0, 0, time.monotonic() - t0, resumed=done)
    sites = _learn(job, sites, save_boilerplate)
    # the first record is read before the output is opened: an input that cannot be read at
    # all (a bad CSV header, a corrupt Parquet file) fails here, with the output untouched
    first = next(records, _END)
    records = iter(()) if first is _END else itertools.chain([first], records)
    total = None
    if first is not _END and progress_mode(progress) != "off":
        with contextlib.suppress(Exception):
            total = count_records(job.input, format=job.in_fmt)
            total = None if total is None else max(total - done, 0)
    results = stream(
        records,
        job.config,
        progress=progress,
        start=done,
        total=total,
        interval=progress_interval,
        sites=sites,
    )
    count, errors, words = _write(results, job.target, resume and done > 0, fsync_seconds)
    if not job.direct:
        _finish(job.target, job.output, job.out_fmt, job.config.keep)
    summary = Summary(count, errors, words, time.monotonic() - t0, resumed=done)
    logger.info("annotated %s", summary.to_dict())
    return summary


def _read(job: _Job) -> Iterator[Any]:
    return iter(read_records(job.input, format=job.in_fmt, encoding=job.encoding))


def _open(job: _Job) -> tuple[Iterator[Any], Mapping[str, Boilerplate] | None]:
    """The input records and, for standard input, the site boilerplate: it is read once, so
    its sample is its head, learnt before a resumed run skips the records done."""
    records = _read(job)
    if job.input != "-":
        return records, None
    sites, chained = plan_sites(records, job.config)
    return iter(chained), sites


def _learn(
    job: _Job, sites: Mapping[str, Boilerplate] | None, save: str | os.PathLike | None
) -> Mapping[str, Boilerplate] | None:
    """The site boilerplate of the job (of a file: learnt from its start, reading it again,
    so a resumed run learns the same), saved to *save* if given."""
    if job.input != "-":
        sites = job_sites(job.config, _read(job))
    if save is not None:
        save_sites(sites or {}, save)
    return sites


def _plan(
    input_path: Any,
    output_path: Any,
    config: BatchConfig,
    *,
    formats: tuple[str | None, str | None],
    replace: bool,
    resume: bool,
    encoding: str,
) -> _Job:
    """The job's files, checked before anything is read or written: the input exists and is
    not the output, its encoding and the formats' packages are fine, the output may be
    written."""
    in_name, out_name = os.fspath(input_path), os.fspath(output_path)
    in_fmt, _ = detect_format(in_name, formats[0], option_name="input_format")
    encoding = check_line_encoding(encoding) if in_fmt == "jsonl" else check_encoding(encoding)
    out_fmt, out_gz = detect_format(out_name, formats[1], option_name="output_format")
    if in_name != "-" and not os.path.exists(in_name):
        raise FileNotFoundError(f"no input file {in_name!r}")
    if out_name == "-" and resume:
        raise ValueError("cannot resume when writing to standard output: pass an output file")
    direct = out_fmt == "jsonl" and not out_gz
    target = out_name if direct else out_name + ".partial.jsonl"
    for path in (out_name, target):
        if in_name != "-" and path != "-" and _same_file(in_name, path):
            raise ValueError(
                f"the output {path} is the input file {in_name}: writing it would destroy the "
                "input; write to another path"
            )
    if "parquet" in (in_fmt, out_fmt):
        require_pyarrow()  # now, not after annotating everything
    if out_name != "-" and not resume and not replace:
        for path in dict.fromkeys((out_name, target)):
            if os.path.exists(path):
                raise FileExistsError(
                    f"{path} exists: pass {option('resume', True)} to continue it, or "
                    f"{option('overwrite', True)} to start again"
                )
    return _Job(in_name, out_name, in_fmt, out_fmt, direct, target, config, encoding)


def _same_file(a: str, b: str) -> bool:
    """Whether the paths *a* and *b* are the same file (through symbolic and hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # b does not exist (yet)
        return False


def _start(job: _Job, records: Iterator[Any], resume: bool) -> tuple[int, bool]:
    """Skip the input records already in the output (``resume``); return how many, and
    whether the output is already complete (a finished run in another format)."""
    id_field = job.config.id_field
    if resume and os.path.exists(job.target):
        done, end = _skip_done(iter_jsonl_prefix(job.target), records, id_field, job.target)
        truncate_file(job.target, end)
        logger.info("resuming after the %d records in %s", done, job.target)
        return done, False
    if resume and not job.direct and os.path.exists(job.output):
        # a finished earlier run: check it is this input's and that nothing is left
        finished = ((0, r) for r in read_records(job.output, format=job.out_fmt))
        text_ids = job.out_fmt == "csv"  # CSV has no types: its ids are read back as text
        done, _ = _skip_done(finished, records, id_field, job.output, text_ids=text_ids)
        if next(records, None) is not None:
            raise ValueError(
                f"{job.output} is complete but shorter than the input: pass "
                f"{option('overwrite', True)} to annotate again"
            )
        return done, True
    if not job.direct:
        _remove(job.target)  # a spool left by an earlier run (overwrite=True)
    return 0, False


def _skip_done(
    done: Iterable[tuple[int, Any]],
    records: Iterator[Any],
    id_field: str | None,
    path: Any,
    *,
    text_ids: bool = False,
) -> tuple[int, int]:
    """Consume one input record per complete output record, checking that the ids match (as
    JSON, or as text when *text_ids*).

    Returns ``(records, end_offset)``."""
    same = as_text if text_ids else dumps
    count, end = 0, 0
    for offset, out in done:
        try:
            record = next(records)
        except StopIteration:
            raise ValueError(
                f"{path} holds more records than the input ({count}): it is not the output of "
                f"this input (use another output path, or {option('overwrite', True)})"
            ) from None
        expected = record_id(record, count, id_field)
        found = out.get("id") if isinstance(out, Mapping) else None
        if same(found) != same(expected):
            expected, found = dumps(expected), dumps(found)
            raise ValueError(
                f"{path}: record {count + 1} has id {found} where the input has {expected}: it "
                f"is not the output of this input (use another output path, or "
                f"{option('overwrite', True)})"
            )
        count += 1
        end = offset
    return count, end


def _write(
    results: Iterator[dict[str, Any]], target: str, append: bool, fsync_seconds: float
) -> tuple[int, int, int]:
    """Write *results* to the JSONL *target* as they come; return (records, errors, words)."""
    count = errors = words = 0
    writer = JsonlWriter(target, append=append, gzip=False)
    try:
        last_sync = time.monotonic()
        for record in results:
            writer.write(record)
            count += 1
            if "error" in record:
                errors += 1
            else:
                words += record_words(record)
            if time.monotonic() - last_sync >= fsync_seconds:
                writer.sync()
                last_sync = time.monotonic()
    finally:
        results.close()  # type: ignore[attr-defined]
        writer.close()
    return count, errors, words


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def _finish(spool: str, output: str, fmt: str, keep: tuple[str, ...]) -> None:
    """Convert the complete JSONL spool to the output format, atomically; remove the spool."""
    folder, name = os.path.split(output)
    tmp = os.path.join(folder, f".tmp-{name}")  # same extension: same format, gzip, delimiter
    fields = output_fields(keep)
    schema = None
    if fmt == "parquet":
        schema = infer_arrow_schema(read_jsonl(spool, errors="raise"), fields)
    # no flush per record: the file is renamed into place only once complete
    with open_writer(tmp, format=fmt, fieldnames=fields, schema=schema, autoflush=False) as writer:
        for record in read_jsonl(spool, errors="raise"):
            writer.write(record)
    os.replace(tmp, output)
    _remove(spool)
