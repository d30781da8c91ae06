"""JSON Lines, plain or gzip: one record per line, read and written as a stream; torn-line repair.

Crash safety
------------
Only **plain JSONL** can be continued after a crash: every record is one line, flushed when
complete, so a killed writer leaves at worst a torn last line that :func:`repair_jsonl` cuts off.
A gzip stream killed mid-way cannot be appended to (gzip has no end-of-stream marker yet), so
:func:`newsnlp.batch.run` writes gzip (and CSV, Parquet) output from a plain-JSONL spool once the
job is complete.

Examples
--------
>>> import io
>>> list(read_jsonl(io.BytesIO(b'{"id": 1}\\n"texte seul"\\n')))
[{'id': 1}, 'texte seul']
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from collections.abc import Iterator, Mapping
from typing import IO, Any

from newsnlp.io.formats import (
    MAX_DEPTH,
    BadRecord,
    PathLike,
    check_encoding,
    decoding_error,
    dumps,
    too_deep,
)
from newsnlp.io.streams import GZIP_MAGIC, RecordWriter, Sink, close_all, open_binary

__all__ = [
    "JsonlWriter",
    "check_line_encoding",
    "count_jsonl",
    "iter_jsonl_prefix",
    "parse_line",
    "read_jsonl",
    "repair_jsonl",
    "truncate_file",
]

logger = logging.getLogger(__name__)

_DEEP = object()


def read_jsonl(
    source: PathLike | IO[bytes], *, errors: str = "record", encoding: str = "utf-8"
) -> Iterator[Any]:
    """Yield the records of a JSON Lines file (gzip-compressed or not), one per line.

    Blank lines are skipped. A line that cannot be read — not valid in *encoding*, not JSON,
    JSON nested more than :data:`~newsnlp.io.formats.MAX_DEPTH` levels deep — and a truncated
    gzip stream yield a :class:`~newsnlp.io.BadRecord` (``errors="record"``, the default) or
    raise ``ValueError`` (``errors="raise"``); the lines after it are read as usual.

    Parameters
    ----------
    source : str, os.PathLike or binary file
        Path, ``-`` for standard input, or an open binary stream.
    errors : {"record", "raise"}, keyword-only
    encoding : str, default "utf-8", keyword-only
        Encoding of the lines (JSON Lines are UTF-8 by definition; another encoding must
        write ``\\n`` as the byte 0x0A, as cp1252 and latin-1 do). A UTF-8 byte-order mark
        is skipped.

    Yields
    ------
    object
        What each line holds (normally a ``dict``), or :class:`~newsnlp.io.BadRecord`.

    Examples
    --------
    >>> import io
    >>> list(read_jsonl(io.BytesIO(b'{"id": 1}\\n\\n"texte seul"\\n{oops\\n')))
    [{'id': 1}, 'texte seul', BadRecord(error='JSONDecodeError: line 4: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)', line=4)]
    >>> list(read_jsonl(io.BytesIO(b'[' * 1000 + b']' * 1000)))
    [BadRecord(error='ValueError: line 1: JSON nested more than 100 levels deep', line=1)]
    """
    if errors not in {"record", "raise"}:
        raise ValueError(f"errors must be 'record' or 'raise', not {errors!r}")
    encoding = check_line_encoding(encoding)
    fh, owned = open_binary(source)
    try:
        number = 0
        lines = iter(fh)
        while True:
            try:
                line = next(lines)
            except StopIteration:
                return
            except (EOFError, OSError, gzip.BadGzipFile) as exc:  # truncated / corrupt gzip
                bad = BadRecord(f"{type(exc).__name__}: after line {number}: {exc}", number + 1)
                if errors == "raise":
                    raise ValueError(bad.error) from exc
                yield bad
                return
            number += 1
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            record = parse_line(line, number, encoding)
            if errors == "raise" and isinstance(record, BadRecord):
                raise ValueError(record.error)
            yield record
    finally:
        close_all(owned)


def check_line_encoding(encoding: Any) -> str:
    """*encoding* checked for JSON Lines: known, and writing a newline as the byte 0x0A."""
    encoding = check_encoding(encoding)
    if encoding == "utf-8-sig":  # the byte-order mark of the first line is skipped anyway
        encoding = "utf-8"
    if "\n{}".encode(encoding, "replace") != b"\n{}":
        raise ValueError(
            f"JSON Lines cannot be read as {encoding}: its lines are not split at the byte "
            "0x0A; convert the file to UTF-8 first (e.g. iconv -f "
            f"{encoding} -t utf-8)"
        )
    return encoding


def parse_line(line: bytes, number: int, encoding: str = "utf-8") -> Any:
    """The record of the JSON Lines *line* (1-based *number*), or its
    :class:`~newsnlp.io.BadRecord`: never raises."""
    try:
        text = line.decode(encoding)
    except UnicodeDecodeError:
        return decoding_error(line, number, encoding)
    try:
        record = json.loads(text)
    except RecursionError:  # Python's own limit, lower in a deeper call stack
        record = _DEEP
    except ValueError as exc:
        return BadRecord(f"{type(exc).__name__}: line {number}: {exc}", number)
    if record is _DEEP or too_deep(record):
        return BadRecord(
            f"ValueError: line {number}: JSON nested more than {MAX_DEPTH} levels deep", number
        )
    return record


def count_jsonl(path: PathLike) -> int | None:
    """Non-blank lines of a plain JSONL file; ``None`` when its content is gzip (it would have
    to be decompressed to be counted)."""
    with open(path, "rb") as fh:
        if fh.peek(2)[:2] == GZIP_MAGIC:
            return None
        return sum(1 for line in fh if line.strip())


# --------------------------------------------------------------------------- repair
def iter_jsonl_prefix(path: PathLike) -> Iterator[tuple[int, Any]]:
    """Yield ``(end_offset, record)`` for each complete, valid line of a plain JSONL file, from
    the start, stopping at the first line that is torn (no final newline) or not valid JSON.

    ``end_offset`` is the byte offset just after the line: truncating the file there keeps
    exactly the records yielded so far.
    """
    offset = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n") or not line.strip():
                return
            record = parse_line(line, 0)
            if isinstance(record, BadRecord):
                return
            offset += len(line)
            yield offset, record


def repair_jsonl(path: PathLike) -> tuple[int, int]:
    """Cut a plain JSONL file after its last complete, valid line (e.g. after a crash).

    Returns
    -------
    (records, removed_bytes) : tuple of int
        Records kept, bytes removed (0 when the file was sound).

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "out.jsonl")
    >>> with open(path, "wb") as fh:
    ...     _ = fh.write(b'{"id": 0}\\n{"id": 1}\\n{"id": 2, "te')
    >>> repair_jsonl(path)
    (2, 13)
    >>> open(path, "rb").read()
    b'{"id": 0}\\n{"id": 1}\\n'
    """
    records, end = 0, 0
    for end, _ in iter_jsonl_prefix(path):  # noqa: B007 - the last offset is what we need
        records += 1
    return records, truncate_file(path, end)


def truncate_file(path: PathLike, size: int) -> int:
    """Truncate *path* to *size* bytes (fsync'd); return the number of bytes removed.

    With an offset of :func:`iter_jsonl_prefix`, it keeps exactly the complete records before.
    """
    total = os.path.getsize(path)
    if total <= size:
        return 0
    with open(path, "r+b") as fh:
        fh.truncate(size)
        fh.flush()
        os.fsync(fh.fileno())
    logger.warning("%s: removed %d bytes after its last complete record", path, total - size)
    return total - size


# --------------------------------------------------------------------------- writer
class JsonlWriter(RecordWriter):
    """Write records as JSON Lines, one record per line, flushed at each record boundary.

    Parameters
    ----------
    target : str or os.PathLike
        Path (``.gz`` → gzip), or ``-`` for standard output.
    append : bool, keyword-only
        Append to an existing file instead of replacing it (a gzip file gets a new member).
    gzip : bool, optional
        Compress; default: from the ``.gz`` suffix.
    autoflush : bool, default True
        Flush after every record (plain: to the OS; gzip: a sync flush, so that every complete
        record can be decompressed even if the writer dies). ``False`` leaves it to buffering.
    """

    def __init__(
        self,
        target: PathLike,
        *,
        append: bool = False,
        gzip: bool | None = None,
        autoflush: bool = True,
    ) -> None:
        gz = os.fspath(target).lower().endswith(".gz") if gzip is None else gzip
        self._sink: Sink | None = Sink(target, gz=gz, append=append)
        self._autoflush = autoflush
        self.count = 0

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record as one line."""
        if self._sink is None:
            raise ValueError("write to a closed JsonlWriter")
        self._sink.out.write((dumps(record) + "\n").encode("utf-8"))
        self.count += 1
        if self._autoflush:
            self._sink.flush()

    def flush(self) -> None:
        """Flush to the operating system (gzip: a sync flush)."""
        if self._sink is not None:
            self._sink.flush()

    def sync(self) -> None:
        """Flush, then ``fsync`` the file."""
        if self._sink is not None:
            self._sink.sync()

    def close(self) -> None:
        """Flush, fsync and close (standard output is flushed, not closed)."""
        if self._sink is not None:
            sink, self._sink = self._sink, None
            sink.close()
