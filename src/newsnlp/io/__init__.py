"""Record I/O for batch jobs: JSONL (plain or gzip), CSV and Parquet, streamed (see
:mod:`newsnlp.io.records`)."""

from __future__ import annotations

from newsnlp.io.records import (
    FORMATS,
    BadRecord,
    CsvWriter,
    JsonlWriter,
    ParquetWriter,
    RecordWriter,
    count_records,
    detect_format,
    dumps,
    infer_arrow_schema,
    iter_jsonl_prefix,
    open_writer,
    read_csv,
    read_jsonl,
    read_parquet,
    read_records,
    repair_jsonl,
    write_records,
)

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
