"""Record I/O for batch jobs: JSONL (plain or gzip), CSV and Parquet, streamed.

Readers yield one record (a ``dict``, or whatever a JSONL line holds) at a time, so memory stays
flat however large the file; ``-`` reads standard input (JSONL or CSV, gzip detected from the
content). Writers write incrementally and push each record to the operating system at a record
boundary.

Formats are chosen from the file name (``.jsonl``/``.ndjson``/``.json``, ``.csv``/``.tsv``,
``.parquet``/``.pq``, each JSONL/CSV optionally ``.gz``) or given as ``format=``.

Crash safety
------------
Only **plain JSONL** can be continued after a crash: every record is one line, flushed when
complete, so a killed writer leaves at worst a torn last line that :func:`repair_jsonl` cuts off.
A gzip stream or a Parquet file killed mid-way cannot be appended to (Parquet has no footer yet,
gzip has no end-of-stream marker), and a CSV field may span lines. :func:`newsnlp.batch.run`
therefore writes those formats from a plain-JSONL spool (``OUTPUT.partial.jsonl``) once the job
is complete, and resumes from the spool after a crash.

Parquet needs ``pyarrow`` (``pip install pyarrow``). The newsnlp output fields get native nested
Arrow types (``entities`` is a list of structs, ``countries`` a map); other columns holding lists
or dicts are stored as JSON strings. CSV stores lists and dicts as JSON strings.

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "records.jsonl")
>>> write_records([{"id": 1, "text": "Bonjour"}, {"id": 2, "text": "Au revoir"}], path)
2
>>> list(read_records(path))
[{'id': 1, 'text': 'Bonjour'}, {'id': 2, 'text': 'Au revoir'}]
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import gzip
import io
import json
import logging
import math
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

__all__ = [
    "FORMATS",
    "BadRecord",
    "CsvWriter",
    "JsonlWriter",
    "ParquetWriter",
    "RecordWriter",
    "count_records",
    "detect_format",
    "dumps",
    "infer_arrow_schema",
    "iter_jsonl_prefix",
    "open_writer",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "read_records",
    "repair_jsonl",
    "write_records",
]

logger = logging.getLogger(__name__)

#: Supported formats (compression is separate: ``.gz`` for JSONL and CSV).
FORMATS = ("jsonl", "csv", "parquet")
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_GZIP_MAGIC = b"\x1f\x8b"

PathLike = str | os.PathLike


@dataclass(frozen=True, slots=True)
class BadRecord:
    """An input record that could not be read (invalid JSON, invalid UTF-8, truncated file).

    Readers yield it in place of the record so that a batch job can report it as an error record
    and go on; :func:`newsnlp.batch.annotate` turns it into ``{"id": position, "error": …}``.

    Attributes
    ----------
    error : str
        ``"<type>: <message>"``.
    line : int or None
        1-based line number in the input, when known.
    """

    error: str
    line: int | None = None


# --------------------------------------------------------------------------- formats
def detect_format(path: PathLike, format: str | None = None) -> tuple[str, bool]:
    """Return ``(format, gzip)`` for *path*: the format from its extension unless given.

    Parameters
    ----------
    path : str or os.PathLike
        File name (``-`` means standard input/output: JSONL unless *format* says otherwise).
    format : {"jsonl", "csv", "parquet"}, optional
        Explicit format; gzip is still taken from a ``.gz`` suffix.

    Returns
    -------
    tuple of (str, bool)

    Raises
    ------
    ValueError
        Unknown extension or format.

    Examples
    --------
    >>> detect_format("articles.jsonl.gz"), detect_format("out.parquet"), detect_format("-")
    (('jsonl', True), ('parquet', False), ('jsonl', False))
    """
    name = os.fspath(path)
    if not isinstance(name, str):
        raise TypeError(f"path must be str or os.PathLike, not {type(path).__name__}")
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
        fmt = format
    elif name == "-":
        fmt = "jsonl"
    else:
        fmt = _EXTENSIONS.get(Path(lower).suffix, "")
        if not fmt:
            raise ValueError(
                f"cannot tell the format of {name!r} from its extension: name it .jsonl, "
                f".jsonl.gz, .csv or .parquet, or pass format= (one of {', '.join(FORMATS)})"
            )
    if fmt == "parquet" and gz:
        raise ValueError("Parquet files are compressed internally: drop the .gz suffix")
    return fmt, gz


def _open_binary(source: PathLike | IO[bytes]) -> tuple[IO[bytes], list[IO[Any]]]:
    """Open *source* for binary reading, un-gzipping if its content is gzip.

    Returns the stream and the streams the caller must close (innermost last)."""
    owned: list[IO[Any]] = []
    if hasattr(source, "read"):
        raw = source
    elif os.fspath(source) == "-":
        raw = sys.stdin.buffer
    else:
        raw = open(source, "rb")  # noqa: SIM115 - closed by the caller
        owned.append(raw)
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)  # type: ignore[arg-type]
    if raw.peek(2)[:2] == _GZIP_MAGIC:  # type: ignore[union-attr]
        gz = gzip.GzipFile(fileobj=raw, mode="rb")
        return gz, [gz, *owned]  # type: ignore[list-item]
    return raw, owned  # type: ignore[return-value]


def _close(streams: list[IO[Any]]) -> None:
    for stream in streams:
        with contextlib.suppress(OSError, EOFError):
            stream.close()


# --------------------------------------------------------------------------- JSON
def _json_default(obj: Any) -> Any:
    """``json`` fallback for values common in data pipelines (numpy, pandas, dates)."""
    if hasattr(obj, "item") and type(obj).__module__ == "numpy":  # numpy scalar
        return obj.item()
    if hasattr(obj, "tolist"):  # numpy array
        return obj.tolist()
    if isinstance(obj, (_dt.datetime, _dt.date, _dt.time)):
        return obj.isoformat()
    if type(obj).__name__ in {"NAType", "NaTType"}:  # pandas.NA, pandas.NaT
        return None
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=repr)
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, (bytes, bytearray)):
        return obj.decode("utf-8", "backslashreplace")
    return str(obj)


def _finite(obj: Any) -> Any:
    """*obj* with NaN and infinities replaced by ``None`` (strict JSON has no NaN)."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, Mapping):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def dumps(record: Any) -> str:
    """One-line, strict JSON for *record* (UTF-8 text kept as is; NaN → ``null``; numpy,
    pandas and date values converted).

    Examples
    --------
    >>> dumps({"id": 1, "text": "Élysée", "score": float("nan")})
    '{"id": 1, "text": "Élysée", "score": null}'
    """
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False, default=_json_default)
    except ValueError:  # NaN / infinity somewhere
        return json.dumps(_finite(record), ensure_ascii=False, default=_json_default)


# --------------------------------------------------------------------------- readers
def read_jsonl(source: PathLike | IO[bytes], *, errors: str = "record") -> Iterator[Any]:
    """Yield the records of a JSON Lines file (gzip-compressed or not), one per line.

    Blank lines are skipped. A line that is not valid UTF-8 or JSON, and a truncated gzip
    stream, yield a :class:`BadRecord` (``errors="record"``, the default) or raise ``ValueError``
    (``errors="raise"``).

    Parameters
    ----------
    source : str, os.PathLike or binary file
        Path, ``-`` for standard input, or an open binary stream.
    errors : {"record", "raise"}, keyword-only

    Yields
    ------
    object
        What each line holds (normally a ``dict``), or :class:`BadRecord`.

    Examples
    --------
    >>> import io
    >>> list(read_jsonl(io.BytesIO(b'{"id": 1}\\n\\n"texte seul"\\n{oops\\n')))
    [{'id': 1}, 'texte seul', BadRecord(error='JSONDecodeError: line 4: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)', line=4)]
    """
    if errors not in {"record", "raise"}:
        raise ValueError(f"errors must be 'record' or 'raise', not {errors!r}")
    fh, owned = _open_binary(source)
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
            try:
                yield json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                bad = BadRecord(f"{type(exc).__name__}: line {number}: {exc}", number)
                if errors == "raise":
                    raise ValueError(bad.error) from exc
                yield bad
    finally:
        _close(owned)


def read_csv(
    source: PathLike | IO[bytes], *, delimiter: str | None = None, encoding: str = "utf-8"
) -> Iterator[dict[str, str]]:
    """Yield the rows of a CSV file (gzip-compressed or not) as dicts keyed by the header.

    Values are strings, as in the file (no type guessing). Fields may hold any amount of text
    (the ``csv`` module's field size limit is raised for the whole process).

    Parameters
    ----------
    source : str, os.PathLike or binary file
        Path, ``-`` for standard input, or an open binary stream.
    delimiter : str, optional
        Default ``","``, or a tab for a ``.tsv`` file.
    encoding : str, default "utf-8"
        A byte-order mark is skipped.

    Examples
    --------
    >>> import io
    >>> list(read_csv(io.BytesIO('id,text\\n1,"Un, deux"\\n'.encode())))
    [{'id': '1', 'text': 'Un, deux'}]
    """
    if delimiter is None:
        name = "" if hasattr(source, "read") else os.fspath(source).lower()  # type: ignore[arg-type]
        delimiter = "\t" if name.removesuffix(".gz").endswith(".tsv") else ","
    _raise_csv_field_limit()
    fh, owned = _open_binary(source)
    text = io.TextIOWrapper(
        fh, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline=""
    )
    try:
        yield from csv.DictReader(text, delimiter=delimiter)
    finally:
        text.detach()
        _close(owned)


def _raise_csv_field_limit() -> None:
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _require_pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "Parquet needs pyarrow: pip install 'newsnlp[parquet]' (or pip install pyarrow), "
            "or use JSONL (.jsonl / .jsonl.gz) or CSV"
        ) from exc
    return pa, pq


def read_parquet(source: PathLike, *, batch_size: int = 1024) -> Iterator[dict[str, Any]]:
    """Yield the rows of a Parquet file as dicts, *batch_size* rows in memory at a time.

    Map columns (``countries``) come back as dicts. Needs ``pyarrow``.
    """
    _, pq = _require_pyarrow()
    if os.fspath(source) == "-":
        raise ValueError("Parquet cannot be read from standard input: pass a file path")
    with pq.ParquetFile(source) as pf:
        maps = [f.name for f in pf.schema_arrow if _is_map(f.type)]
        for batch in pf.iter_batches(batch_size=batch_size):
            for row in batch.to_pylist():
                for name in maps:
                    if row.get(name) is not None:
                        row[name] = dict(row[name])
                yield row


def _is_map(arrow_type: Any) -> bool:
    import pyarrow as pa

    return pa.types.is_map(arrow_type)


def read_records(
    source: PathLike, *, format: str | None = None, errors: str = "record"
) -> Iterator[Any]:
    """Yield the records of a JSONL, CSV or Parquet file (format from the name, or *format*).

    ``-`` reads standard input (JSONL unless *format* is ``"csv"``); gzip is detected from the
    content. See :func:`read_jsonl`, :func:`read_csv`, :func:`read_parquet`.
    """
    fmt, _ = detect_format(source, format)
    if fmt == "jsonl":
        return read_jsonl(source, errors=errors)
    if fmt == "csv":
        return read_csv(source)
    return read_parquet(source)


def count_records(source: PathLike, *, format: str | None = None) -> int | None:
    """Number of records in *source* when it is cheap to know (plain JSONL: non-blank lines;
    Parquet: from the footer), else ``None`` (standard input, gzip, CSV)."""
    if os.fspath(source) == "-":
        return None
    fmt, gz = detect_format(source, format)
    if gz or fmt == "csv":
        return None
    if fmt == "parquet":
        _, pq = _require_pyarrow()
        return pq.ParquetFile(source).metadata.num_rows
    with open(source, "rb") as fh:
        if fh.peek(2)[:2] == _GZIP_MAGIC:
            return None
        return sum(1 for line in fh if line.strip())


# --------------------------------------------------------------------------- JSONL repair
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
            try:
                record = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
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
    return records, _truncate(path, end)


def _truncate(path: PathLike, size: int) -> int:
    """Truncate *path* to *size* bytes (fsync'd); return the number of bytes removed."""
    total = os.path.getsize(path)
    if total <= size:
        return 0
    with open(path, "r+b") as fh:
        fh.truncate(size)
        fh.flush()
        os.fsync(fh.fileno())
    logger.warning("%s: removed %d bytes after its last complete record", path, total - size)
    return total - size


# --------------------------------------------------------------------------- writers
class RecordWriter:
    """Base of the record writers: ``write(record)``, ``flush()``, ``sync()``, ``close()``; a
    context manager. :attr:`count` is the number of records written."""

    count: int = 0

    def write(self, record: Mapping[str, Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def flush(self) -> None:
        """Hand everything written so far to the operating system (at a record boundary)."""

    def sync(self) -> None:
        """:meth:`flush`, then ask the OS to put the data on disk (``fsync``) where possible."""
        self.flush()

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _fsync(fh: IO[Any]) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        os.fsync(fh.fileno())


class _Sink:
    """A binary output (file or standard output, optionally gzip) with flush / sync / close."""

    def __init__(self, target: PathLike, *, gz: bool, append: bool) -> None:
        self.owned = os.fspath(target) != "-"
        self.raw: IO[bytes] = (
            open(target, "ab" if append else "wb")  # noqa: SIM115 - closed in close()
            if self.owned
            else sys.stdout.buffer
        )
        self.gz = (
            gzip.GzipFile(fileobj=self.raw, mode="ab" if append else "wb", filename="")
            if gz
            else None
        )
        self.out: IO[bytes] = self.gz if self.gz is not None else self.raw  # type: ignore[assignment]

    def flush(self) -> None:
        if self.gz is not None:
            self.gz.flush()  # Z_SYNC_FLUSH: everything so far can be decompressed
        self.raw.flush()

    def sync(self) -> None:
        self.flush()
        if self.owned:
            _fsync(self.raw)

    def close(self) -> None:
        if self.gz is not None:
            self.gz.close()  # writes the gzip trailer, leaves raw open
        self.raw.flush()
        if self.owned:
            _fsync(self.raw)
            self.raw.close()


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
        self._sink: _Sink | None = _Sink(target, gz=gz, append=append)
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (bool, Mapping, list, tuple)):
        return dumps(value)
    return str(_json_default(value)) if type(value).__module__ == "numpy" else str(value)


class CsvWriter(RecordWriter):
    """Write records as CSV rows (UTF-8, header first), flushed at each record boundary.

    Lists, dicts and booleans are written as JSON; ``None`` as an empty field.

    Parameters
    ----------
    target : str or os.PathLike
        Path (``.gz`` → gzip, ``.tsv`` → tab-separated), or ``-`` for standard output.
    fieldnames : sequence of str, optional
        Columns, in order. Default: the keys of the first record; a later record with a key
        not among them raises ``ValueError`` (pass the full list up front, e.g.
        :func:`newsnlp.batch.output_fields`).
    gzip : bool, optional
        Compress; default: from the ``.gz`` suffix.
    autoflush : bool, default True
        Flush after every record.
    """

    def __init__(
        self,
        target: PathLike,
        *,
        fieldnames: Sequence[str] | None = None,
        gzip: bool | None = None,
        autoflush: bool = True,
    ) -> None:
        name = os.fspath(target).lower()
        gz = name.endswith(".gz") if gzip is None else gzip
        self._sink: _Sink | None = _Sink(target, gz=gz, append=False)
        self._text = io.TextIOWrapper(
            self._sink.out, encoding="utf-8", newline="", write_through=True
        )
        delimiter = "\t" if name.removesuffix(".gz").endswith(".tsv") else ","
        self._csv = csv.writer(self._text, delimiter=delimiter, lineterminator="\n")
        self._fields: list[str] | None = None
        self._known: set[str] = set()
        self._autoflush = autoflush
        self.count = 0
        if fieldnames is not None:
            self._header(fieldnames)

    def _header(self, fieldnames: Sequence[str]) -> None:
        self._fields = list(fieldnames)
        self._known = set(self._fields)
        self._csv.writerow(self._fields)

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record as one row."""
        if self._sink is None:
            raise ValueError("write to a closed CsvWriter")
        if self._fields is None:
            self._header(list(record))
        extra = [k for k in record if k not in self._known]
        if extra:
            raise ValueError(
                f"record has fields {extra} that are not CSV columns {self._fields}: pass "
                "fieldnames= with every column"
            )
        self._csv.writerow([_cell(record.get(k)) for k in self._fields])  # type: ignore[union-attr]
        self.count += 1
        if self._autoflush:
            self.flush()

    def flush(self) -> None:
        """Flush to the operating system."""
        if self._sink is not None:
            self._text.flush()
            self._sink.flush()

    def sync(self) -> None:
        """Flush, then ``fsync``."""
        if self._sink is not None:
            self._text.flush()
            self._sink.sync()

    def close(self) -> None:
        """Flush, fsync and close."""
        if self._sink is not None:
            sink, self._sink = self._sink, None
            self._text.flush()
            self._text.detach()
            sink.close()


# Arrow types of the newsnlp output fields (see newsnlp.article).
def _newsnlp_arrow_types() -> dict[str, Any]:
    pa, _ = _require_pyarrow()
    s = pa.string()
    i = pa.int64()
    return {
        "schema_version": s,
        "title": s,
        "text": s,
        "language": s,
        "reading_time": pa.struct(
            [
                ("words", i),
                ("seconds", pa.float64()),
                ("minutes", i),
                ("wpm", pa.float64()),
                ("lang", s),
            ]
        ),
        "entities": pa.list_(
            pa.struct(
                [
                    ("text", s),
                    ("label", s),
                    ("start", i),
                    ("end", i),
                    ("canonical", s),
                    ("kind", s),
                    ("country", s),
                    ("role", s),
                ]
            )
        ),
        "ministers": pa.list_(pa.struct([("name", s), ("role", s), ("country", s)])),
        "countries": pa.map_(s, i),
        "institutions": pa.list_(s),
        "teasers": pa.list_(pa.struct([("title", s), ("lede", s)])),
        "removed": pa.list_(pa.struct([("line", i), ("text", s), ("reason", s)])),
        "source": s,
        "error": s,
    }


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return "other"


def infer_arrow_schema(records: Iterable[Mapping[str, Any]], fieldnames: Sequence[str] = ()):
    """Arrow schema for *records*: native nested types for the newsnlp fields; for the other
    columns ``int64``, ``float64``, ``bool`` or ``string`` from all their values (a column
    with mixed, nested or no values is ``string``: nested values become JSON).

    Columns are *fieldnames* first, then keys in order of first appearance.
    """
    pa, _ = _require_pyarrow()
    known = _newsnlp_arrow_types()
    kinds: dict[str, set[str]] = {name: set() for name in fieldnames}
    for record in records:
        for key, value in record.items():
            seen = kinds.setdefault(key, set())
            if key not in known and value is not None:
                seen.add(_kind(value))
    fields = []
    for name, seen in kinds.items():
        if name in known:
            fields.append(pa.field(name, known[name]))
        elif seen == {"int"}:
            fields.append(pa.field(name, pa.int64()))
        elif seen and seen <= {"int", "float"}:
            fields.append(pa.field(name, pa.float64()))
        elif seen == {"bool"}:
            fields.append(pa.field(name, pa.bool_()))
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


class ParquetWriter(RecordWriter):
    """Write records to a Parquet file, one row group every *row_group_size* records.

    The file is valid only once closed (Parquet's footer is written last): for crash safety
    write JSONL, or use :func:`newsnlp.batch.run`, which converts from a JSONL spool at the end.

    Parameters
    ----------
    target : str or os.PathLike
        Path.
    schema : pyarrow.Schema, optional
        Default: inferred from the first row group with :func:`infer_arrow_schema`; later
        records must fit it (values of a ``string`` column are converted to text).
    row_group_size : int, default 1000
    fieldnames : sequence of str, optional
        First columns, in order, when the schema is inferred.
    """

    def __init__(
        self,
        target: PathLike,
        *,
        schema: Any = None,
        row_group_size: int = 1000,
        fieldnames: Sequence[str] = (),
    ) -> None:
        self._pa, self._pq = _require_pyarrow()
        if os.fspath(target) == "-":
            raise ValueError("Parquet cannot be written to standard output: pass a file path")
        self._target = target
        self._schema = schema
        self._rows: list[Mapping[str, Any]] = []
        self._size = max(1, int(row_group_size))
        self._writer: Any = None
        self._fieldnames = tuple(fieldnames)
        self._closed = False
        self.count = 0

    def write(self, record: Mapping[str, Any]) -> None:
        """Buffer one record; a full row group is written out."""
        self._rows.append(record)
        self.count += 1
        if len(self._rows) >= self._size:
            self.flush()

    def _table(self, rows: list[Mapping[str, Any]]):
        pa = self._pa
        columns = []
        for f in self._schema:
            values = [row.get(f.name) for row in rows]
            if pa.types.is_string(f.type):
                values = [v if v is None or isinstance(v, str) else _cell(v) for v in values]
            elif pa.types.is_floating(f.type):
                values = [float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in values]  # fmt: skip
            try:
                columns.append(pa.array(values, type=f.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as exc:
                raise TypeError(
                    f"column {f.name!r} does not fit its Parquet type {f.type}: {exc} (pass "
                    "schema= built with newsnlp.io.infer_arrow_schema over all records)"
                ) from exc
        return pa.Table.from_arrays(columns, schema=self._schema)

    def flush(self) -> None:
        """Write the buffered records as a row group (the file stays invalid until closed)."""
        if not self._rows:
            return
        if self._schema is None:
            self._schema = infer_arrow_schema(self._rows, self._fieldnames)
        extra = {k for row in self._rows for k in row} - set(self._schema.names)
        if extra:
            raise ValueError(
                f"records have fields {sorted(extra)} that are not in the Parquet schema: pass "
                "schema= with every column"
            )
        table = self._table(self._rows)
        if self._writer is None:
            self._writer = self._pq.ParquetWriter(self._target, self._schema)
        self._writer.write_table(table)
        self._rows = []

    def close(self) -> None:
        """Write the last row group and the footer."""
        if self._closed:
            return
        self._closed = True
        self.flush()
        if self._writer is None:  # no record: an empty file with the schema
            schema = self._schema
            if schema is None:
                schema = infer_arrow_schema([], self._fieldnames)
            self._writer = self._pq.ParquetWriter(self._target, schema)
        self._writer.close()


def open_writer(
    target: PathLike,
    *,
    format: str | None = None,
    fieldnames: Sequence[str] | None = None,
    schema: Any = None,
    append: bool = False,
    autoflush: bool = True,
) -> RecordWriter:
    """A writer for *target*, the format from its name or *format*.

    Parameters
    ----------
    target : str or os.PathLike
        Path, or ``-`` (JSONL or CSV on standard output).
    format : {"jsonl", "csv", "parquet"}, optional
    fieldnames : sequence of str, optional
        CSV columns / first Parquet columns.
    schema : pyarrow.Schema, optional
        Parquet schema.
    append : bool, default False
        Append (plain JSONL only).
    autoflush : bool, default True
        JSONL and CSV: flush after every record (``False``: when the buffer is full, and at
        close).

    Returns
    -------
    RecordWriter
    """
    fmt, gz = detect_format(target, format)
    if append and (fmt != "jsonl" or gz):
        raise ValueError("only plain JSONL files can be appended to (not gzip, CSV or Parquet)")
    if fmt == "jsonl":
        return JsonlWriter(target, append=append, gzip=gz, autoflush=autoflush)
    if fmt == "csv":
        return CsvWriter(target, fieldnames=fieldnames, gzip=gz, autoflush=autoflush)
    return ParquetWriter(target, schema=schema, fieldnames=fieldnames or ())


def write_records(
    records: Iterable[Mapping[str, Any]],
    target: PathLike,
    *,
    format: str | None = None,
    fieldnames: Sequence[str] | None = None,
) -> int:
    """Write *records* to *target* (format from its name, or *format*); return how many.

    For Parquet, the records are scanned once to infer the schema when *records* is a list (a
    one-pass iterable gets the schema of its first row group).
    """
    fmt, _ = detect_format(target, format)
    schema = None
    if fmt == "parquet" and isinstance(records, Sequence):
        schema = infer_arrow_schema(records, fieldnames or ())
    with open_writer(target, format=fmt, fieldnames=fieldnames, schema=schema) as writer:
        for record in records:
            writer.write(record)
        return writer.count
