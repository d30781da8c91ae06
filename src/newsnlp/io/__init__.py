"""Record I/O for batch jobs: JSONL (plain or gzip), CSV and Parquet, streamed.

Readers yield one record (a ``dict``, or whatever a JSONL line holds) at a time, so memory stays
flat however large the file; ``-`` reads standard input (JSONL or CSV, gzip detected from the
content). Writers write incrementally and push each record to the operating system at a record
boundary. One module per format, and what they share:

* :mod:`newsnlp.io.formats` — :data:`FORMATS`, :func:`detect_format`, :class:`BadRecord`,
  :func:`dumps` (strict one-line JSON);
* :mod:`newsnlp.io.streams` — binary input (gzip recognised from the content) and output,
  the :class:`RecordWriter` interface;
* :mod:`newsnlp.io.jsonl` — :func:`read_jsonl`, :class:`JsonlWriter`, and the crash repair
  of a plain JSONL file (:func:`iter_jsonl_prefix`, :func:`repair_jsonl`);
* :mod:`newsnlp.io.csvfile` — :func:`read_csv`, :class:`CsvWriter`;
* :mod:`newsnlp.io.parquet` — :func:`read_parquet`, :class:`ParquetWriter`,
  :func:`infer_arrow_schema` (``pip install "newsnlp[parquet]"``; the newsnlp fields get the
  Arrow types of :mod:`newsnlp.schema`);
* :mod:`newsnlp.io.records` — any format by its file name: :func:`read_records`,
  :func:`count_records`, :func:`open_writer`, :func:`write_records`.

Only plain JSONL can be continued after a crash (see :mod:`newsnlp.io.jsonl`):
:func:`newsnlp.batch.run` writes the other formats from a JSONL spool once the job is complete.

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

from newsnlp.io.csvfile import CsvWriter, read_csv
from newsnlp.io.formats import FORMATS, BadRecord, detect_format, dumps
from newsnlp.io.jsonl import JsonlWriter, iter_jsonl_prefix, read_jsonl, repair_jsonl
from newsnlp.io.parquet import ParquetWriter, infer_arrow_schema, read_parquet
from newsnlp.io.records import count_records, open_writer, read_records, write_records
from newsnlp.io.streams import RecordWriter

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
