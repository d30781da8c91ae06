"""Parquet: rows read a batch at a time, records written a row group at a time (``pyarrow``,
``pip install "newsnlp[parquet]"``).

The newsnlp output fields get the native nested Arrow types of :mod:`newsnlp.schema`
(``entities`` is a list of structs, ``countries`` a map); other columns are ``int64``,
``float64``, ``bool`` or ``string`` from their values, and a column holding lists or dicts is
stored as JSON strings. A Parquet file is valid only once closed (its footer is written last),
so it cannot be continued after a crash (see :mod:`newsnlp.io.jsonl`).

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "out.parquet")
>>> with ParquetWriter(path) as writer:
...     writer.write({"id": 1, "countries": {"MA": 2}})
>>> list(read_parquet(path)), count_parquet(path)
([{'id': 1, 'countries': {'MA': 2}}], 1)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from newsnlp.errors import require
from newsnlp.io.formats import BadRecord, PathLike, as_text
from newsnlp.io.streams import RecordWriter
from newsnlp.schema import arrow_schema

__all__ = [
    "ParquetWriter",
    "count_parquet",
    "infer_arrow_schema",
    "read_parquet",
    "require_pyarrow",
]


def require_pyarrow():
    """``(pyarrow, pyarrow.parquet)``, or an ImportError naming the extra to install.

    Examples
    --------
    >>> pa, pq = require_pyarrow()
    >>> pq.__name__
    'pyarrow.parquet'
    """
    pa = require("pyarrow", "parquet", feature="Parquet files")
    pq = require("pyarrow.parquet", "parquet", feature="Parquet files", package="pyarrow")
    return pa, pq


def read_parquet(
    source: PathLike, *, batch_size: int = 1024
) -> Iterator[dict[str, Any] | BadRecord]:
    """Yield the rows of a Parquet file as dicts, *batch_size* rows in memory at a time.

    Map columns (``countries``) come back as dicts. Each row of a row group that cannot be
    read (a corrupt file) is a :class:`~newsnlp.io.BadRecord`, and the next row groups are
    read. Needs ``pyarrow``.
    """
    pa, pq = require_pyarrow()
    if os.fspath(source) == "-":
        raise ValueError("Parquet cannot be read from standard input: pass a file path")
    with pq.ParquetFile(source) as pf:
        maps = [f.name for f in pf.schema_arrow if pa.types.is_map(f.type)]
        done = 0
        for group in range(pf.num_row_groups):
            try:
                for batch in pf.iter_batches(batch_size=batch_size, row_groups=[group]):
                    for row in batch.to_pylist():
                        for name in maps:
                            if row.get(name) is not None:
                                row[name] = dict(row[name])
                        yield row
                        done += 1
            except (pa.ArrowException, OSError) as exc:  # a corrupt row group
                message = " ".join(str(exc).split())
                for row in range(done, _end(pf, group)):
                    yield BadRecord(
                        f"{type(exc).__name__}: row {row + 1}: its row group ({group + 1} of "
                        f"{pf.num_row_groups}) cannot be read: {message}"
                    )
                done = _end(pf, group)


def _end(pf: Any, group: int) -> int:
    """Rows of *pf* up to the end of row group *group*."""
    return sum(pf.metadata.row_group(g).num_rows for g in range(group + 1))


def count_parquet(source: PathLike) -> int:
    """Rows of a Parquet file, from its footer."""
    _, pq = require_pyarrow()
    return pq.ParquetFile(source).metadata.num_rows


_INT64 = range(-(2**63), 2**63)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if value in _INT64 else "other"  # too large for int64: a string column
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return "other"


def infer_arrow_schema(records: Iterable[Mapping[str, Any]], fieldnames: Sequence[str] = ()):
    """Arrow schema for *records*: native nested types for the newsnlp fields
    (:func:`newsnlp.schema.arrow_schema`); for the other columns ``int64``, ``float64``,
    ``bool`` or ``string`` from all their values (a column with mixed, nested or no values is
    ``string``: nested values become JSON).

    Columns are *fieldnames* first, then keys in order of first appearance.

    Examples
    --------
    >>> infer_arrow_schema([{"id": 1, "url": "u", "language": "fr"}]).types[:3]
    [DataType(int64), DataType(string), DataType(string)]
    """
    pa, _ = require_pyarrow()
    known = arrow_schema()
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
        self._pa, self._pq = require_pyarrow()
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
                values = [v if v is None or isinstance(v, str) else as_text(v) for v in values]
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
