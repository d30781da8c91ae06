"""Command-line interface: ``newsnlp clean FILE|-`` and ``newsnlp analyze FILE|-``.

Also reachable as ``python -m newsnlp``. Input is read as UTF-8 (``--encoding`` to change it);
``-`` reads standard input. ``analyze`` prints the :meth:`newsnlp.Article.to_dict` JSON.
Exit codes: 0 success, 1 the input could not be processed, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from newsnlp._version import __version__

__all__ = ["main"]

logger = logging.getLogger(__name__)


def _read(path: str, encoding: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    return data.decode(encoding)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsnlp",
        description="Clean and analyse French news text (plain text or HTML pages).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    common.add_argument("--encoding", default="utf-8", help="input encoding (default: %(default)s)")

    sub.add_parser(
        "clean",
        parents=[common],
        help="print the cleaned article text",
        description="Print the cleaned article text, one title/heading/paragraph per line.",
    )
    p_analyze = sub.add_parser(
        "analyze",
        parents=[common],
        help="print the analysis as JSON",
        description="Print the analysis (clean text, language, reading time…) as JSON.",
    )
    p_analyze.add_argument("--images", type=int, default=0, help="number of images in the article")
    p_analyze.add_argument(
        "--compact", action="store_true", help="one-line JSON instead of indented"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

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
    args = _build_parser().parse_args(argv)
    try:
        text = _read(args.file, args.encoding)
    except (OSError, LookupError, UnicodeDecodeError) as exc:
        print(f"newsnlp: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1

    if args.command == "clean":
        from newsnlp.clean import clean

        result = clean(text)
        sys.stdout.write(result + "\n" if result else "")
        return 0

    from newsnlp.article import analyze

    try:
        article = analyze(text, images=args.images)
    except ImportError as exc:  # HTML input without the html extra
        print(f"newsnlp: {exc}", file=sys.stderr)
        return 1
    json.dump(
        article.to_dict(),
        sys.stdout,
        ensure_ascii=False,
        indent=None if args.compact else 2,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
