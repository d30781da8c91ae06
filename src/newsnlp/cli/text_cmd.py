"""``newsnlp clean FILE|-`` prints the cleaned text; ``newsnlp analyze FILE|-`` the
:meth:`newsnlp.Article.to_dict` JSON. Input is read as UTF-8 (``--encoding`` to change it);
``-`` reads standard input. ``analyze`` says on standard error when it waits for the spaCy
model (a few seconds at start-up); ``--no-entities`` skips it, as for ``annotate``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import Any

from newsnlp.cli.common import decoding_advice, notice_if_slow, read_text

__all__ = ["add_parsers", "run_analyze", "run_clean"]

_LOADING = "newsnlp analyze: loading the spaCy model (a few seconds; --no-entities skips it)…"


def add_parsers(sub: Any) -> None:
    """Add the ``clean`` and ``analyze`` commands to the subparsers *sub*."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    common.add_argument("--encoding", default="utf-8", help="input encoding, e.g. cp1252")

    p_clean = sub.add_parser(
        "clean",
        parents=[common],
        help="print the cleaned article text, one title/heading/paragraph per line",
    )
    p_clean.set_defaults(handler=run_clean)
    p_analyze = sub.add_parser(
        "analyze",
        parents=[common],
        help="print the analysis of one article as JSON (clean text, language, reading time, "
        "entities…)",
    )
    p_analyze.add_argument("--images", type=int, default=0, help="number of images in the article")
    p_analyze.add_argument(
        "--no-entities",
        action="store_true",
        help="skip the entity layer (no spaCy model to load), as for annotate",
    )
    p_analyze.add_argument(
        "--compact", action="store_true", help="one-line JSON instead of indented"
    )
    p_analyze.set_defaults(handler=run_analyze)


def _read(args: argparse.Namespace) -> str | None:
    try:
        return read_text(args.file, args.encoding)
    except UnicodeDecodeError as exc:
        print(f"newsnlp: cannot read {args.file}: {exc}: {decoding_advice(exc)}", file=sys.stderr)
    except LookupError as exc:
        print(f"newsnlp: cannot read {args.file}: {exc} (--encoding)", file=sys.stderr)
    except OSError as exc:
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


def _loading_spacy() -> bool:
    """Whether spaCy is imported: the entity step has started (loading the model, which takes
    seconds, is its first part)."""
    return "spacy" in sys.modules


def run_analyze(args: argparse.Namespace) -> int:
    """``newsnlp analyze``: the article's JSON on standard output; the exit code."""
    text = _read(args)
    if text is None:
        return 1
    from newsnlp.article import analyze

    entities = not args.no_entities
    waiting = (
        notice_if_slow(_LOADING, when=_loading_spacy) if entities else contextlib.nullcontext()
    )
    try:
        with waiting:
            article = analyze(text, images=args.images, entities=entities)
    except (ImportError, OSError) as exc:  # HTML input without the html extra; no model
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
