"""The ``newsnlp`` command, also reachable as ``python -m newsnlp``: one argparse tree, one
module per command group.

* ``newsnlp clean FILE|-``, ``newsnlp analyze FILE|-`` (:mod:`newsnlp.cli.text_cmd`);
* ``newsnlp annotate INPUT -o OUTPUT [--n-process N] [--resume]`` annotates a corpus file
  (:mod:`newsnlp.cli.annotate_cmd`, :func:`newsnlp.batch.run`);
* ``newsnlp related fit CORPUS -o models/NAME`` and ``newsnlp related query models/NAME
  --id ID | --text -`` (:mod:`newsnlp.cli.related_cmd`); the corpus is read like
  ``annotate``'s input (JSON Lines, CSV or Parquet, ``.gz`` too).

Exit codes: 0 success, 1 the input could not be processed, 2 usage error, 141 standard output
closed by its reader (``newsnlp analyze FILE | head -c 100``: the command stops quietly, as a
Unix tool killed by SIGPIPE does); ``annotate``: 130 interrupted, run it again with ``--resume``.

Every command speaks in flags: a message that says what to pass names the command-line option
(``--resume``, ``--text-field``), not the Python keyword argument
(:func:`newsnlp.errors.command_line_options`). Every command has a one-line description, and
its ``--help`` shows the defaults (:class:`~newsnlp.cli.common.HelpFormatter`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from newsnlp._version import __version__
from newsnlp.cli import annotate_cmd, related_cmd, text_cmd
from newsnlp.cli.common import HelpFormatter
from newsnlp.errors import command_line_options

__all__ = ["EXIT_BROKEN_PIPE", "Parser", "build_parser", "main"]

#: Exit code when the reader of standard output went away (128 + SIGPIPE, as the shell
#: reports a process killed by that signal).
EXIT_BROKEN_PIPE = 141


class _Commands(argparse._SubParsersAction):
    """Subcommands whose description is their one-line help when none is given."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if kwargs.get("description") is None and kwargs.get("help"):
            kwargs["description"] = kwargs["help"][:1].upper() + kwargs["help"][1:] + "."
        return super().add_parser(name, **kwargs)


class Parser(argparse.ArgumentParser):
    """The parser of the ``newsnlp`` command and of its subcommands (their defaults shown in
    ``--help``, each with a description)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _Commands)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command: each parsed command has a ``handler(args) -> exit code``.

    Examples
    --------
    >>> build_parser().parse_args(["annotate", "in.jsonl", "-o", "out.csv"]).batch_size
    32
    """
    parser = Parser(
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
    with command_line_options():
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:
            if argv[:1] != ["annotate"]:
                raise
            return exc.code if isinstance(exc.code, int) else 2
        try:
            code = args.handler(args)
            sys.stdout.flush()  # here, not at exit: a closed pipe is handled below
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_BROKEN_PIPE
    return code


def _silence_stdout() -> None:
    """Point standard output at /dev/null: the reader is gone, and Python would otherwise
    fail again flushing it at exit (see "Note on SIGPIPE" in Python's signal docs)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (captured in tests)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
