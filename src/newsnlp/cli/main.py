"""The ``newsnlp`` command, also reachable as ``python -m newsnlp``: one argparse tree, one
module per command group.

* ``newsnlp clean FILE|-``, ``newsnlp analyze FILE|-`` (:mod:`newsnlp.cli.text_cmd`);
* ``newsnlp annotate INPUT -o OUTPUT [--n-process N] [--resume]`` annotates a corpus file
  (:mod:`newsnlp.cli.annotate_cmd`, :func:`newsnlp.batch.run`);
* ``newsnlp related fit CORPUS -o models/NAME`` and ``newsnlp related query models/NAME
  --id ID | --text -`` (:mod:`newsnlp.cli.related_cmd`); the corpus is read like
  ``annotate``'s input (JSON Lines, CSV or Parquet, ``.gz`` too).

Exit codes: 0 success, 1 the input could not be processed, 2 usage error (``annotate``: 130
interrupted, run it again with ``--resume``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newsnlp._version import __version__
from newsnlp.cli import annotate_cmd, related_cmd, text_cmd

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command: each parsed command has a ``handler(args) -> exit code``.

    Examples
    --------
    >>> build_parser().parse_args(["annotate", "in.jsonl", "-o", "out.csv"]).batch_size
    32
    """
    parser = argparse.ArgumentParser(
        prog="newsnlp",
        description="Clean and analyse French news text (plain text or HTML pages).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    text_cmd.add_parsers(sub)
    annotate_cmd.add_parser(sub)
    related_cmd.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Usage errors exit through ``SystemExit`` (code 2), as argparse does, except for
    ``annotate``, whose usage errors (and ``--help``) are returned as its exit code.

    Examples
    --------
    >>> import io, contextlib, tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
    ...     _ = f.write("Partager\\nLe Maroc et l'Espagne signent un accord.\\n")
    >>> out = io.StringIO()
    >>> with contextlib.redirect_stdout(out):
    ...     code = main(["clean", f.name])
    >>> code, out.getvalue()
    (0, 'Le Maroc et l’Espagne signent un accord.\\n')
    >>> os.unlink(f.name)
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        if argv[:1] != ["annotate"]:
            raise
        return exc.code if isinstance(exc.code, int) else 2
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
