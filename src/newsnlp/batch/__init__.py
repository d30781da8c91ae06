"""Batch annotation: many articles in, one record out per article, in order, crash-safe on disk.

* :func:`annotate`, :func:`annotate_partition`, :func:`annotate_dataframe` — records, a
  partition of a distributed dataset, a pandas DataFrame (:mod:`newsnlp.batch.annotate`);
* :func:`run` and its :class:`Summary` — file to file (JSONL, JSONL.gz, CSV, Parquet, see
  :mod:`newsnlp.io`), written as it goes, resumable after a crash or a ``kill -9``
  (:mod:`newsnlp.batch.job`); the ``newsnlp annotate`` command runs it;
* :class:`BatchConfig` — their options in one object, validated once
  (:mod:`newsnlp.batch.config`), with :func:`output_fields` and :data:`SCHEMA_FIELDS`;
* :func:`describe_error` — the ``"<type>: <message>"`` of an error record.

Inside: :mod:`~newsnlp.batch.items` (input record → item → output or error record),
:mod:`~newsnlp.batch.engine` (groups of items, in order), :mod:`~newsnlp.batch.pool` (worker
processes), :mod:`~newsnlp.batch.progress`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from newsnlp._deprecation import renamed
from newsnlp.batch.annotate import annotate, annotate_dataframe, annotate_partition
from newsnlp.batch.config import DEFAULT_MAX_CHARS, SCHEMA_FIELDS, BatchConfig, output_fields
from newsnlp.batch.items import describe_error
from newsnlp.batch.job import Summary, run

__all__ = [
    "DEFAULT_MAX_CHARS",
    "SCHEMA_FIELDS",
    "BatchConfig",
    "Summary",
    "annotate",
    "annotate_dataframe",
    "annotate_partition",
    "cli_main",
    "describe_error",
    "output_fields",
    "run",
]


def _annotate_command(argv: Sequence[str] | None = None) -> int:
    from newsnlp.cli import main

    return main(["annotate", *(sys.argv[1:] if argv is None else argv)])


#: Deprecated: ``newsnlp.cli.main(["annotate", ...])``, the one command line.
cli_main = renamed(
    "newsnlp.batch.cli_main", 'newsnlp.cli.main(["annotate", ...])', _annotate_command
)
