"""``newsnlp related fit CORPUS -o models/NAME`` fits a :class:`~newsnlp.related.RelatedArticles`
index on a corpus file and saves it: JSON Lines, CSV or Parquet (``.gz`` too, ``-`` for JSON
Lines on standard input), read by :func:`newsnlp.io.read_records` like ``newsnlp annotate``'s
input; fields ``id``, ``text``, ``title``, ``date`` by default. An ``newsnlp annotate`` output
is read as it is (its error records skipped), its entities used with ``--entities``.
``newsnlp related query models/NAME --id ID | --text -`` prints the related articles as JSON
Lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from newsnlp.cli.common import read_text
from newsnlp.io import BadRecord, read_records

__all__ = ["add_parser", "corpus_records", "df_limit", "run_related"]


def df_limit(value: str) -> int | float | str:
    """A ``--min-df`` / ``--max-df`` value: ``auto``, a number of documents (int) or a share of
    them (float, from 0 to 1).

    Examples
    --------
    >>> df_limit("auto"), df_limit("2"), df_limit("0.5")
    ('auto', 2, 0.5)
    """
    if value == "auto":
        return value
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not 'auto', a number of documents or a share (0.5)"
        ) from None


def _fit_parser(rel: Any) -> None:
    p_fit = rel.add_parser(
        "fit",
        help="fit an index on a corpus (JSON Lines, CSV or Parquet) and save it",
        description="Fit a related-articles index on a corpus file (or a newsnlp annotate "
        "output) and save it to a directory.",
    )
    p_fit.add_argument(
        "corpus",
        metavar="CORPUS",
        help="JSON Lines (.jsonl), CSV or Parquet file (.gz too), or - (JSON Lines)",
    )
    p_fit.add_argument("-o", "--output", required=True, help="directory to save the index to")
    for name in ("text", "id", "title", "date"):
        p_fit.add_argument(
            f"--{name}-field", default=name,
            help=f"record field holding the {name} (default: %(default)s)",
        )  # fmt: skip
    p_fit.add_argument(
        "--min-df", type=df_limit, default="auto",
        help="ignore terms in fewer documents: a count, a share, or auto (by corpus size; "
        "default: %(default)s)",
    )  # fmt: skip
    p_fit.add_argument(
        "--max-df", type=df_limit, default="auto",
        help="ignore terms in more documents: a count, a share, or auto (by corpus size; "
        "default: %(default)s)",
    )  # fmt: skip
    p_fit.add_argument(
        "--entities", action="store_true",
        help="add the records' canonical entities (a newsnlp annotate output) as features "
        "(default: off)",
    )  # fmt: skip


def add_parser(sub: Any) -> None:
    """Add the ``related fit`` and ``related query`` commands to the subparsers *sub*."""
    p_related = sub.add_parser(
        "related",
        help="related articles: fit an index, query it",
        description="Fit a related-articles index on a corpus, or query a saved one.",
    )
    p_related.set_defaults(handler=run_related)
    rel = p_related.add_subparsers(dest="related_command", required=True, metavar="ACTION")
    _fit_parser(rel)
    p_query = rel.add_parser(
        "query",
        help="print the articles related to one article or text",
        description="Print the articles of a saved index related to an indexed article or to "
        "a new text, one JSON object per line.",
    )
    p_query.add_argument("model", metavar="MODEL", help="directory of a saved index")
    group = p_query.add_mutually_exclusive_group(required=True)
    group.add_argument("--id", help="id of an indexed article")
    group.add_argument(
        "--text", metavar="FILE", help="a new article's text: a file, or - for standard input"
    )
    p_query.add_argument(
        "-k", type=int, default=10, help="number of related articles (default: %(default)s)"
    )
    p_query.add_argument(
        "--since", help="only articles dated on or after this ISO date (default: no limit)"
    )


def corpus_records(path: str) -> Iterator[Mapping[str, Any]]:
    """The records of the corpus file *path*, any format :func:`newsnlp.io.read_records`
    reads; a line that is not JSON, or a record that is not an object, is a ``ValueError``."""
    for number, record in enumerate(read_records(path), 1):
        if isinstance(record, BadRecord):
            raise ValueError(f"{path}: not JSON ({record.error})")
        if not isinstance(record, Mapping):
            raise ValueError(
                f"{path}: record {number} is a {type(record).__name__}, not an object with fields"
            )
        yield record


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _fit(args: argparse.Namespace) -> int:
    from newsnlp.related import RelatedArticles

    items, ids, titles, dates = [], [], [], []
    skipped = 0
    for record in corpus_records(args.corpus):
        if record.get(args.text_field) is None and record.get("error"):
            skipped += 1  # an error record of newsnlp annotate: no article to index
            continue
        text = record.get(args.text_field)
        if args.entities and isinstance(text, str):
            items.append({**record, "text": text})  # an annotated record, its entities read
        else:
            items.append(text)
        ids.append(record.get(args.id_field, len(ids) + skipped))
        titles.append(record.get(args.title_field))
        dates.append(record.get(args.date_field))
    model = RelatedArticles(min_df=args.min_df, max_df=args.max_df, entities=args.entities)
    model.fit(
        items,
        ids=ids,
        titles=titles if any(titles) else None,
        dates=dates if any(dates) else None,
    )
    model.save(args.output)
    skipped_text = f" ({_plural(skipped, 'error record')} skipped)" if skipped else ""
    print(
        f"newsnlp: indexed {_plural(len(ids), 'article')}, "
        f"{_plural(len(model.vocabulary_), 'term')}{skipped_text} -> {args.output}",
        file=sys.stderr,
    )
    return 0


def _query(args: argparse.Namespace) -> int:
    from newsnlp.related import RelatedArticles

    model = RelatedArticles.load(args.model)
    if args.id is not None:
        digits = args.id.isdigit() and args.id not in model.ids_
        query, by = (int(args.id) if digits else args.id), "id"
    else:
        query, by = read_text(args.text, "utf-8"), "text"
    for item in model.related(query, k=args.k, since=args.since, by=by):
        sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    return 0


def run_related(args: argparse.Namespace) -> int:
    """``newsnlp related fit`` / ``query``: return the exit code."""
    try:
        return _fit(args) if args.related_command == "fit" else _query(args)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc  # no repr quotes
        print(f"newsnlp related: {message}", file=sys.stderr)
        return 1
