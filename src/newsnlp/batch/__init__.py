"""Batch annotation: many articles in, one record out per article, in order, crash-safe on disk
(see :mod:`newsnlp.batch.annotate`)."""

from __future__ import annotations

from newsnlp.batch.annotate import (
    DEFAULT_MAX_CHARS,
    SCHEMA_FIELDS,
    Summary,
    annotate,
    annotate_dataframe,
    annotate_partition,
    cli_main,
    output_fields,
    run,
)

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
