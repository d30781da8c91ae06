"""``newsnlp annotate INPUT -o OUTPUT [--n-process N] [--batch-size B] [--resume] [--quiet] …``:
:func:`newsnlp.batch.run` from the command line (also ``python -m newsnlp.batch``).

Exit codes: 0 done (error records included), 1 the job could not run (missing input, existing
output, output of another input…), 2 usage error, 130 interrupted (run again with
``--resume``), 141 standard output closed by its reader (``-o - | head``). Progress and the
summary go to standard error: a bar on a terminal, else a log line every
``--progress-interval`` seconds; ``--quiet`` shows neither.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsnlp.batch import DEFAULT_MAX_CHARS, BatchConfig, Summary, run
from newsnlp.batch.config import DEFAULT_SAMPLE_SIZE
from newsnlp.cli.common import log_to_stderr, positive_int, positive_int_or_all
from newsnlp.io import FORMATS

__all__ = ["add_parser", "keep_names", "run_annotate", "summary_line"]

_EPILOG = """\
Every input record gives one output record, in order: the annotation, or an error record
{"id": …, "error": "<type>: <message>"} for a record that cannot be read or analysed (the job
goes on). The output is written as it goes: after an interruption (Ctrl-C, kill -9, a crash)
run the same command with --resume.

--keep title keeps the input's title in the output's title field (instead of the title the
cleaner finds), where `newsnlp related fit` reads it:

  newsnlp annotate articles.jsonl -o annotated.jsonl --keep title,url,date
  newsnlp related fit annotated.jsonl -o models/press

Site boilerplate (on by default): a first pass reads the first --sample-size records of each
source (the --site-field, default: source, else site, else the host of url) and learns the
lines the source repeats on many pages; they are removed from its articles (reason
site-boilerplate). --save-boilerplate FILE keeps what was learnt, --boilerplate FILE uses it:

  newsnlp annotate sample.jsonl -o sample-out.jsonl --no-entities --save-boilerplate sites.json
  newsnlp annotate articles.jsonl -o annotated.jsonl --boilerplate sites.json
"""


def add_parser(sub: Any) -> None:
    """Add the ``annotate`` command to the subparsers *sub*."""
    p = sub.add_parser(
        "annotate",
        help="annotate a file of articles (JSONL, CSV or Parquet) into one record per article, "
        "resumable",
        epilog=_EPILOG,
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
    p.add_argument("--n-process", type=positive_int_or_all, default=1, metavar="N", help="worker processes; -1: one per CPU")  # fmt: skip
    p.add_argument("--batch-size", type=positive_int, default=32, metavar="B", help="records per spaCy batch")  # fmt: skip
    p.add_argument("--resume", action="store_true", help="continue an interrupted run")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress on standard error (default: a bar on a terminal, else a log line every --progress-interval seconds)")  # fmt: skip
    p.add_argument("--progress-interval", type=float, default=30.0, metavar="SECONDS", help="seconds between two progress log lines")  # fmt: skip
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary (warnings and errors only)")  # fmt: skip
    p.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text")  # fmt: skip
    p.add_argument("--id-field", default="id", metavar="NAME", help="field holding the id (records without one get their position)")  # fmt: skip
    p.add_argument("--keep", action="append", default=[], metavar="FIELD[,FIELD…]", help="input fields to copy to the output (repeatable); title replaces the cleaner's title")  # fmt: skip
    p.add_argument("--max-chars", type=positive_int, default=DEFAULT_MAX_CHARS, metavar="N", help="longer texts become error records")  # fmt: skip
    p.add_argument("--no-entities", action="store_true", help="skip the entity layer (no spaCy)")
    p.add_argument("--site-boilerplate", action=argparse.BooleanOptionalAction, default=True, help="learn and remove the lines each source repeats on many of its pages")  # fmt: skip
    p.add_argument("--site-field", default=None, metavar="NAME", help="field naming a record's source (default: source, else site, else the host of url)")  # fmt: skip
    p.add_argument("--sample-size", type=positive_int, default=DEFAULT_SAMPLE_SIZE, metavar="N", help="records per source read to learn its boilerplate (the first ones)")  # fmt: skip
    p.add_argument("--boilerplate", default=None, metavar="FILE", help="use the site boilerplate saved in FILE instead of learning it")  # fmt: skip
    p.add_argument("--save-boilerplate", default=None, metavar="FILE", help="write the site boilerplate used to FILE (JSON)")  # fmt: skip
    p.add_argument("--encoding", default="utf-8", help="encoding of a JSONL or CSV input, e.g. cp1252")  # fmt: skip
    p.add_argument("--input-format", choices=FORMATS, help="default: from the file name")
    p.add_argument("--output-format", choices=FORMATS, help="default: from the file name")
    p.set_defaults(handler=run_annotate)


def keep_names(values: list[str]) -> list[str]:
    """The field names of the ``--keep`` options (repeatable, comma-separated).

    Examples
    --------
    >>> keep_names(["title,url", "date", ""])
    ['title', 'url', 'date']
    """
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _config(args: argparse.Namespace) -> BatchConfig:
    return BatchConfig(
        text_field=args.text_field,
        id_field=args.id_field,
        keep=keep_names(args.keep),
        max_chars=args.max_chars,
        batch_size=args.batch_size,
        n_process=args.n_process,
        entities=not args.no_entities,
        site_boilerplate=args.site_boilerplate,
        site_field=args.site_field,
        sample_size=args.sample_size,
        boilerplate=args.boilerplate,
    )


def run_annotate(args: argparse.Namespace) -> int:
    """``newsnlp annotate``: run the job; return the exit code."""
    progress = False if args.quiet else args.progress
    try:
        with log_to_stderr("newsnlp annotate", progress=progress is not False):
            summary = run(
                args.input,
                args.output,
                config=_config(args),  # reads --boilerplate: inside the try
                resume=args.resume,
                overwrite=args.overwrite,
                progress=progress,
                progress_interval=args.progress_interval,
                input_format=args.input_format,
                output_format=args.output_format,
                encoding=args.encoding,
                save_boilerplate=args.save_boilerplate,
            )
    except KeyboardInterrupt:
        print(
            "newsnlp annotate: interrupted; the output holds every record finished so far: "
            "run the same command with --resume to continue",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        raise  # the reader of standard output went away: newsnlp.cli.main ends quietly
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
    >>> summary_line(Summary(records=0, errors=0, words=0, seconds=0.1, resumed=250), "out.jsonl")
    'newsnlp annotate: nothing to do: out.jsonl already holds the 250 records of the input'
    """
    s = summary
    if s.records == 0 and s.resumed:
        return f"newsnlp annotate: nothing to do: {output} already holds the {s.resumed:,} records of the input"  # fmt: skip
    resumed = f" after {s.resumed:,} already done" if s.resumed else ""
    return (
        f"newsnlp annotate: {s.records:,} records{resumed} ({s.errors:,} error"
        f"{'' if s.errors == 1 else 's'}), "
        f"{s.words:,} words in {s.seconds:.1f} s = {s.words_per_second:,.0f} words/s"
        + ("" if output == "-" else f" -> {output}")
    )
