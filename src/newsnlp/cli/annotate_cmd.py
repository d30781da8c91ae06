"""``newsnlp annotate INPUT -o OUTPUT [--n-process N] [--batch-size B] [--resume] [--quiet] …``:
:func:`newsnlp.batch.run` from the command line (also ``python -m newsnlp.batch``).

Exit codes: 0 done (error records included), 1 the job could not run (missing input, existing
output, output of another input…), 2 usage error, 130 interrupted (run again with
``--resume``). The summary goes to standard error unless ``--quiet``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsnlp.batch import DEFAULT_MAX_CHARS, BatchConfig, Summary, run
from newsnlp.cli.common import log_to_stderr
from newsnlp.io import FORMATS

__all__ = ["add_parser", "run_annotate", "summary_line"]


def add_parser(sub: Any) -> None:
    """Add the ``annotate`` command to the subparsers *sub*."""
    p = sub.add_parser(
        "annotate",
        help="annotate a file of articles (JSONL/CSV/Parquet), resumable: newsnlp annotate --help",
        description="Annotate a file of articles (JSONL, JSONL.gz, CSV or Parquet; - for "
        "standard input) into one output record per article, in order. The output is written "
        "as it goes; after an interruption (even kill -9) run the same command with --resume.",
    )
    p.add_argument("input", metavar="INPUT", help="input file, or - for standard input (JSONL)")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help=".jsonl (resumable in place), .jsonl.gz, .csv or .parquet (written from a "
        ".partial.jsonl spool at the end), or - for standard output",
    )
    p.add_argument("--n-process", type=int, default=1, metavar="N", help="worker processes (-1: one per CPU; default 1)")  # fmt: skip
    p.add_argument("--batch-size", type=int, default=32, metavar="B", help="records per spaCy batch (default 32)")  # fmt: skip
    p.add_argument("--resume", action="store_true", help="continue an interrupted run")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    p.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text (default: text)")  # fmt: skip
    p.add_argument("--id-field", default="id", metavar="NAME", help="field holding the id (default: id; records without one get their position)")  # fmt: skip
    p.add_argument("--keep", action="append", default=[], metavar="FIELD[,FIELD…]", help="input fields to copy to the output (repeatable)")  # fmt: skip
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N", help="longer texts become error records (default %(default)s)")  # fmt: skip
    p.add_argument("--no-entities", action="store_true", help="skip the entity layer (no spaCy)")
    p.add_argument("--input-format", choices=FORMATS, help="default: from the file name")
    p.add_argument("--output-format", choices=FORMATS, help="default: from the file name")
    p.set_defaults(handler=run_annotate)


def _config(args: argparse.Namespace) -> BatchConfig:
    return BatchConfig(
        text_field=args.text_field,
        id_field=args.id_field,
        keep=[name for value in args.keep for name in value.split(",") if name],
        max_chars=args.max_chars,
        batch_size=args.batch_size,
        n_process=args.n_process,
        entities=not args.no_entities,
    )


def run_annotate(args: argparse.Namespace) -> int:
    """``newsnlp annotate``: run the job; return the exit code."""
    try:
        with log_to_stderr("newsnlp annotate"):
            summary = run(
                args.input,
                args.output,
                config=_config(args),
                resume=args.resume,
                overwrite=args.overwrite,
                progress=False if args.quiet else None,
                input_format=args.input_format,
                output_format=args.output_format,
            )
    except KeyboardInterrupt:
        print(
            "newsnlp annotate: interrupted; the output holds every record finished so far: "
            "run the same command with --resume to continue",
            file=sys.stderr,
        )
        return 130
    except (OSError, ValueError, TypeError, ImportError, RuntimeError) as exc:
        print(f"newsnlp annotate: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary_line(summary, args.output), file=sys.stderr)
    return 0


def summary_line(summary: Summary, output: str) -> str:
    """The line ``newsnlp annotate`` prints at the end.

    Examples
    --------
    >>> summary_line(Summary(records=1200, errors=1, words=380_000, seconds=20.0), "out.jsonl")
    'newsnlp annotate: 1,200 records (1 error), 380,000 words in 20.0 s = 19,000 words/s -> out.jsonl'
    """
    s = summary
    resumed = f" after {s.resumed:,} already done" if s.resumed else ""
    return (
        f"newsnlp annotate: {s.records:,} records{resumed} ({s.errors:,} error"
        f"{'' if s.errors == 1 else 's'}), "
        f"{s.words:,} words in {s.seconds:.1f} s = {s.words_per_second:,.0f} words/s"
        + ("" if output == "-" else f" -> {output}")
    )
