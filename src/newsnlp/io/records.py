"""Records of any format: read, count and write a file by its name (or ``format=``), through
the reader or writer of its format (:mod:`~newsnlp.io.jsonl`, :mod:`~newsnlp.io.csvfile`,
:mod:`~newsnlp.io.parquet`).

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "records.jsonl")
>>> write_records([{"id": 1, "text": "Bonjour"}, {"id": 2, "text": "Au revoir"}], path)
2
>>> list(read_records(path)), count_records(path)
([{'id': 1, 'text': 'Bonjour'}, {'id': 2, 'text': 'Au revoir'}], 2)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from newsnlp._deprecation import moved
from newsnlp.io.csvfile import CsvWriter, read_csv
from newsnlp.io.formats import PathLike, detect_format
from newsnlp.io.jsonl import JsonlWriter, count_jsonl, read_jsonl
from newsnlp.io.parquet import ParquetWriter, count_parquet, infer_arrow_schema, read_parquet
from newsnlp.io.streams import RecordWriter

__all__ = ["count_records", "open_writer", "read_records", "write_records"]

# every name this module held before the split into one module per format, until the next
# release: newsnlp.io.records.read_jsonl -> newsnlp.io.read_jsonl (with a DeprecationWarning)
__getattr__ = moved(__name__, "newsnlp.io")


def read_records(
    source: PathLike,
    *,
    format: str | None = None,
    errors: str = "record",
    encoding: str = "utf-8",
) -> Iterator[Any]:
    """Yield the records of a JSONL, CSV or Parquet file (format from the name, or *format*).

    ``-`` reads standard input (JSONL unless *format* is ``"csv"``); gzip is detected from the
    content. A record that cannot be read is a :class:`~newsnlp.io.BadRecord` in its place
    (JSONL: ``errors="raise"`` raises instead). See :func:`~newsnlp.io.read_jsonl`,
    :func:`~newsnlp.io.read_csv`, :func:`~newsnlp.io.read_parquet`.

    Parameters
    ----------
    source : str or os.PathLike
    format : {"jsonl", "csv", "parquet"}, optional
    errors : {"record", "raise"}, default "record"
    encoding : str, default "utf-8"
        Text encoding of JSONL and CSV files (Parquet text is always UTF-8).
    """
    fmt, _ = detect_format(source, format)
    if fmt == "jsonl":
        return read_jsonl(source, errors=errors, encoding=encoding)
    if fmt == "csv":
        return read_csv(source, encoding=encoding)
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
        return count_parquet(source)
    return count_jsonl(source)


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
