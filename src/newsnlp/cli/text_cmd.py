"""``newsnlp clean FILE|-`` prints the cleaned text; ``newsnlp analyze FILE|-`` the
:meth:`newsnlp.Article.to_dict` JSON. Input is read as UTF-8 (``--encoding`` to change it);
``-`` reads standard input.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsnlp.cli.common import read_text

__all__ = ["add_parsers", "run_analyze", "run_clean"]


def add_parsers(sub: Any) -> None:
    """Add the ``clean`` and ``analyze`` commands to the subparsers *sub*."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    common.add_argument("--encoding", default="utf-8", help="input encoding (default: %(default)s)")

    p_clean = sub.add_parser(
        "clean",
        parents=[common],
        help="print the cleaned article text",
        description="Print the cleaned article text, one title/heading/paragraph per line.",
    )
    p_clean.set_defaults(handler=run_clean)
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
    p_analyze.set_defaults(handler=run_analyze)


def _read(args: argparse.Namespace) -> str | None:
    try:
        return read_text(args.file, args.encoding)
    except (OSError, LookupError, UnicodeDecodeError) as exc:
        print(f"newsnlp: cannot read {args.file}: {exc}", file=sys.stderr)
        return None


def run_clean(args: argparse.Namespace) -> int:
    """``newsnlp clean``: the cleaned text on standard output; the exit code."""
    text = _read(args)
    if text is None:
        return 1
    from newsnlp.text.clean import clean

    result = clean(text)
    sys.stdout.write(result + "\n" if result else "")
    return 0


def run_analyze(args: argparse.Namespace) -> int:
    """``newsnlp analyze``: the article's JSON on standard output; the exit code."""
    text = _read(args)
    if text is None:
        return 1
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
