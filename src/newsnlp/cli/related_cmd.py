"""``newsnlp related fit CORPUS -o models/NAME`` fits a :class:`~newsnlp.related.RelatedArticles`
index on a corpus file and saves it: JSON Lines, CSV or Parquet (``.gz`` too, ``-`` for JSON
Lines on standard input), read by :func:`newsnlp.io.read_records` like ``newsnlp annotate``'s
input; fields ``id``, ``text``, ``title``, ``date`` by default.
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

__all__ = ["add_parser", "corpus_records", "run_related"]


def add_parser(sub: Any) -> None:
    """Add the ``related fit`` and ``related query`` commands to the subparsers *sub*."""
    p_related = sub.add_parser(
        "related",
        help="related articles: fit an index, query it",
        description="Fit a related-articles index on a corpus, or query a saved one.",
    )
    p_related.set_defaults(handler=run_related)
    rel = p_related.add_subparsers(dest="related_command", required=True, metavar="ACTION")
    p_fit = rel.add_parser(
        "fit", help="fit an index on a corpus (JSON Lines, CSV or Parquet) and save it"
    )
    p_fit.add_argument(
        "corpus",
        metavar="CORPUS",
        help="JSON Lines (.jsonl), CSV or Parquet file (.gz too), or - (JSON Lines)",
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


def _fit(args: argparse.Namespace) -> int:
    from newsnlp.related import RelatedArticles

    texts, ids, titles, dates = [], [], [], []
    for record in corpus_records(args.corpus):
        texts.append(record.get(args.text_field))
        ids.append(record.get(args.id_field, len(ids)))
        titles.append(record.get(args.title_field))
        dates.append(record.get(args.date_field))
    params = {k: v for k, v in (("min_df", args.min_df), ("max_df", args.max_df)) if v is not None}
    model = RelatedArticles(**params).fit(
        texts,
        ids=ids,
        titles=titles if any(titles) else None,
        dates=dates if any(dates) else None,
    )
    model.save(args.output)
    print(
        f"newsnlp: indexed {len(ids)} articles, {len(model.vocabulary_)} terms -> {args.output}",
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
        print(f"newsnlp related: {exc}", file=sys.stderr)
        return 1
