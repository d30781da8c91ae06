"""Command-line interface, also reachable as ``python -m newsnlp``.

* ``newsnlp clean FILE|-`` prints the cleaned text; ``newsnlp analyze FILE|-`` the
  :meth:`newsnlp.Article.to_dict` JSON. Input is read as UTF-8 (``--encoding`` to change it);
  ``-`` reads standard input.
* ``newsnlp annotate INPUT -o OUTPUT [--n-process N] [--resume]`` annotates a corpus file
  (see :mod:`newsnlp.batch`).
* ``newsnlp related fit CORPUS.jsonl -o models/NAME`` fits a :class:`~newsnlp.related.RelatedArticles`
  index on a JSON Lines corpus (``.gz`` accepted; fields ``id``, ``text``, ``title``, ``date`` by
  default) and saves it; ``newsnlp related query models/NAME --id ID | --text -`` prints the
  related articles as JSON Lines.

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

    sub.add_parser(
        "annotate",
        add_help=False,
        help="annotate a file of articles (JSONL/CSV/Parquet), resumable: newsnlp annotate --help",
    )
    p_related = sub.add_parser(
        "related",
        help="related articles: fit an index, query it",
        description="Fit a related-articles index on a corpus, or query a saved one.",
    )
    rel = p_related.add_subparsers(dest="related_command", required=True, metavar="ACTION")
    p_fit = rel.add_parser("fit", help="fit an index on a JSON Lines corpus and save it")
    p_fit.add_argument(
        "corpus", metavar="CORPUS", help="JSON Lines file (.jsonl or .jsonl.gz), or -"
    )
    p_fit.add_argument("-o", "--output", required=True, help="directory to save the index to")
    for name, default in (("text", "text"), ("id", "id"), ("title", "title"), ("date", "date")):
        p_fit.add_argument(
            f"--{name}-field",
            default=default,
            help=f"record field holding the {name} (default: %(default)s)",
        )
    p_fit.add_argument("--min-df", type=int, default=None, help="minimum document frequency")
    p_fit.add_argument("--max-df", type=float, default=None, help="maximum document frequency")
    p_query = rel.add_parser("query", help="print the articles related to one article or text")
    p_query.add_argument("model", metavar="MODEL", help="directory of a saved index")
    group = p_query.add_mutually_exclusive_group(required=True)
    group.add_argument("--id", help="id of an indexed article")
    group.add_argument(
        "--text", metavar="FILE", help="a new article's text: a file, or - for standard input"
    )
    p_query.add_argument(
        "-k", type=int, default=10, help="number of related articles (default: %(default)s)"
    )
    p_query.add_argument("--since", help="only articles dated on or after this ISO date")
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
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["annotate"]:
        from newsnlp.batch import cli_main

        return cli_main(argv[1:])
    args = _build_parser().parse_args(argv)
    if args.command == "related":
        return _related(args)
    try:
        text = _read(args.file, args.encoding)
    except (OSError, LookupError, UnicodeDecodeError) as exc:
        print(f"newsnlp: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1

    if args.command == "clean":
        from newsnlp.text.clean import clean

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


def _corpus_records(path: str):
    import gzip

    if path == "-":
        stream = sys.stdin
    elif path.endswith(".gz"):
        stream = gzip.open(path, "rt", encoding="utf-8")  # noqa: SIM115 - closed below
    else:
        stream = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        for number, line in enumerate(stream, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}, line {number}: not JSON ({exc.msg})") from None
    finally:
        if stream is not sys.stdin:
            stream.close()


def _related(args: argparse.Namespace) -> int:
    from newsnlp.related import RelatedArticles

    try:
        if args.related_command == "fit":
            texts, ids, titles, dates = [], [], [], []
            for record in _corpus_records(args.corpus):
                texts.append(record.get(args.text_field))
                ids.append(record.get(args.id_field, len(ids)))
                titles.append(record.get(args.title_field))
                dates.append(record.get(args.date_field))
            params = {
                k: v for k, v in (("min_df", args.min_df), ("max_df", args.max_df)) if v is not None
            }
            model = RelatedArticles(**params).fit(
                texts,
                ids,
                titles=titles if any(titles) else None,
                dates=dates if any(dates) else None,
            )
            model.save(args.output)
            print(
                f"newsnlp: indexed {len(ids)} articles, {len(model.vocabulary_)} terms -> {args.output}",
                file=sys.stderr,
            )
            return 0
        model = RelatedArticles.load(args.model)
        if args.id is not None:
            query, by = (
                (int(args.id) if args.id.isdigit() and args.id not in model.ids_ else args.id),
                "id",
            )
        else:
            query, by = _read(args.text, "utf-8"), "text"
        for item in model.related(query, k=args.k, since=args.since, by=by):
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        return 0
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"newsnlp related: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
