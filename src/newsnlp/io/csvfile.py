"""CSV and TSV, plain or gzip: rows read as dicts of strings, records written one row at a time.

CSV has no types: values are read back as text, and lists, dicts and booleans are written as
JSON. A CSV field may span lines, so a CSV file cannot be continued after a crash (see
:mod:`newsnlp.io.jsonl`).

Examples
--------
>>> import io
>>> list(read_csv(io.BytesIO(b"id\\ttext\\n1\\tBonjour\\n"), delimiter="\\t"))
[{'id': '1', 'text': 'Bonjour'}]
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

from newsnlp.io.formats import BadRecord, PathLike, as_text, check_encoding, decoding_error
from newsnlp.io.streams import RecordWriter, Sink, close_all, open_binary

__all__ = ["CsvWriter", "read_csv"]


def _delimiter(name: str) -> str:
    """A tab for a ``.tsv`` / ``.tsv.gz`` name, else a comma."""
    return "\t" if name.lower().removesuffix(".gz").endswith(".tsv") else ","


def read_csv(
    source: PathLike | IO[bytes], *, delimiter: str | None = None, encoding: str = "utf-8"
) -> Iterator[dict[str, str] | BadRecord]:
    """Yield the rows of a CSV file (gzip-compressed or not) as dicts keyed by the header.

    Values are strings, as in the file (no type guessing); a row shorter than the header has
    ``None`` for its missing fields. Fields may hold any amount of text (the ``csv`` module's
    field size limit is raised for the whole process).

    A row that cannot be read yields a :class:`~newsnlp.io.BadRecord` in its place, and the
    reading goes on at the next line: a byte that is not valid in *encoding*; more fields
    than the header; a quote that is not closed where CSV says it must be (the row and the
    lines it swallowed are one bad record naming the line range: where each record of these
    lines ends cannot be known); a truncated gzip stream (the last record).

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
    >>> rows = read_csv(io.BytesIO(b'id,text\\n1,"Un, deux\\n2,trois\\n3,"quatre"\\n4,cinq\\n'))
    >>> [getattr(row, "error", row) for row in rows]  # the quote of line 2 is not closed
    ['csv.Error: lines 2-4: \\',\\' expected after \\'"\\' (a quote that is not closed merges rows: check the quotes of these lines)', {'id': '4', 'text': 'cinq'}]
    """
    if delimiter is None:
        name = "" if hasattr(source, "read") else os.fspath(source)  # type: ignore[arg-type]
        delimiter = _delimiter(name)
    encoding = check_encoding(encoding)
    _raise_csv_field_limit()
    fh, owned = open_binary(source)
    text = io.TextIOWrapper(
        fh,
        encoding="utf-8-sig" if encoding == "utf-8" else encoding,
        errors=_ERRORS,  # an invalid byte becomes a bad record, not the end of the file
        newline="",
    )
    try:
        yield from _rows(csv.reader(text, delimiter=delimiter, strict=True), encoding)
    finally:
        text.detach()
        close_all(owned)


def _rows(reader: Any, encoding: str) -> Iterator[dict[str, str] | BadRecord]:
    """The rows of *reader* (strict: a misplaced quote raises) as dicts or bad records."""
    header: list[str] | None = None
    escaped = _ESCAPES[0]
    while True:
        first = reader.line_num + 1
        try:
            row = next(reader)
            bad = None
            if _ESCAPES[0] != escaped:  # a byte could not be decoded: find its row
                bad = _undecodable(row, first, reader.line_num, encoding)
        except StopIteration:
            return
        except csv.Error as exc:
            row, bad = (
                [],
                BadRecord(
                    f"csv.Error: {_lines(first, reader.line_num)}: {exc}{_QUOTE_ADVICE}", first
                ),
            )
        except (EOFError, OSError) as exc:  # truncated / corrupt gzip
            yield BadRecord(f"{type(exc).__name__}: after line {first - 1}: {exc}", first)
            return
        if not row and bad is None:
            continue  # a blank line
        if header is None:
            if bad is not None:
                raise ValueError(f"the header cannot be read: {bad.error}")
            header = row
        elif bad is None and len(row) > len(header):
            bad = BadRecord(
                f"ValueError: {_lines(first, reader.line_num)}: {len(row)} fields where the "
                f"header has {len(header)}: quote the fields that hold the delimiter",
                first,
            )
        if bad is not None:
            yield bad
        elif row is not header:
            yield dict(itertools.zip_longest(header, row))  # type: ignore[arg-type]


_QUOTE_ADVICE = " (a quote that is not closed merges rows: check the quotes of these lines)"
_ESCAPED = re.compile("[\\udc80-\\udcff]")
#: Bytes the CSV readers could not decode so far, in this process: rows are searched for
#: them only once there is one (a sound file costs nothing).
_ESCAPES = [0]
_ERRORS = "newsnlp-csv-surrogateescape"


def _escape(exc: UnicodeError) -> tuple[str, int]:
    """``errors="surrogateescape"``, counted in :data:`_ESCAPES`."""
    _ESCAPES[0] += 1
    return _SURROGATEESCAPE(exc)


_SURROGATEESCAPE = codecs.lookup_error("surrogateescape")
codecs.register_error(_ERRORS, _escape)


def _lines(first: int, last: int) -> str:
    return f"line {first}" if last <= first else f"lines {first}-{last}"


def _undecodable(row: list[str], first: int, last: int, encoding: str) -> BadRecord | None:
    """The bad record of *row* if one of its fields holds a byte that was not valid
    *encoding* (decoded as a lone surrogate by ``errors="surrogateescape"``)."""
    for value in row:
        if not value.isascii() and _ESCAPED.search(value):
            return decoding_error(value, first, encoding, last=last)
    return None


def _raise_csv_field_limit() -> None:
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


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
        name = os.fspath(target)
        gz = name.lower().endswith(".gz") if gzip is None else gzip
        self._sink: Sink | None = Sink(target, gz=gz, append=False)
        self._text = io.TextIOWrapper(
            self._sink.out, encoding="utf-8", newline="", write_through=True
        )
        self._csv = csv.writer(self._text, delimiter=_delimiter(name), lineterminator="\n")
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
        self._csv.writerow([as_text(record.get(k)) for k in self._fields])  # type: ignore[union-attr]
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
