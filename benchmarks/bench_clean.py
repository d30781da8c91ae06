"""Speed of clean + reading_time over the OrangeSum bodies, and cleaning quality on newsnlp-dev.

Usage::

    python benchmarks/bench_clean.py [--data ../shared/data] [--limit N]

Prints, side by side and measured in the same run on one core:

* newsnlp ``clean`` + ``reading_time`` (the goal: at least 20 MB/s of text per core);
* ftfy's ``fix_text`` (the usual "clean this text" call), when ftfy is installed, as the baseline;
* a floor that only does ``unicodedata.normalize("NFC")`` + ``str.split()``, to show what any
  per-character pass costs;

and the line-level cleaning F1 and exact-match rate on the annotated dev set, against the
identity baseline (raw text returned unchanged).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from newsnlp import clean, reading_time

ROOT = Path(__file__).resolve().parents[1]


def _load_bodies(data: Path, limit: int | None) -> list[str]:
    path = data / "orangesum-fr" / "orangesum_articles.jsonl.gz"
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def _time(func, texts, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            func(text)
        best = min(best, time.perf_counter() - start)
    return best


def _newsnlp(text: str) -> None:
    reading_time(clean(text))


def _floor(text: str) -> None:
    len(unicodedata.normalize("NFC", text).split())


def _norm_line(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).replace("'", "’").split())


def _line_scores(articles, cleaner) -> tuple[float, int]:
    tp = fp = fn = exact = 0
    for art in articles:
        gold = [line.strip() for line in art["clean"].split("\n") if line.strip()]
        pred = [line.strip() for line in cleaner(art["raw"]).split("\n") if line.strip()]
        g, p = Counter(map(_norm_line, gold)), Counter(map(_norm_line, pred))
        hit = sum((g & p).values())
        tp, fp, fn = tp + hit, fp + sum(p.values()) - hit, fn + sum(g.values()) - hit
        exact += pred == gold
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f1, exact


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N bodies")
    parser.add_argument("--repeat", type=int, default=3, help="best of N timings")
    args = parser.parse_args(argv)

    bodies = args.data / "orangesum-fr" / "orangesum_articles.jsonl.gz"
    if not bodies.is_file():
        print(
            f"bench_clean: evaluation data not found: {bodies} "
            "(pass --data DIR, the folder holding orangesum-fr/)",
            file=sys.stderr,
        )
        return 2
    texts = _load_bodies(args.data, args.limit)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"OrangeSum bodies: {len(texts)} texts, {megabytes:.1f} MB (UTF-8), best of {args.repeat}"
    )
    rows = [("newsnlp clean + reading_time", _newsnlp)]
    try:
        import ftfy

        rows.append(("baseline: ftfy.fix_text", ftfy.fix_text))
    except ImportError:
        print("(ftfy not installed: baseline row skipped; pip install ftfy)")
    rows.append(("floor: NFC + str.split", _floor))
    results = {}
    print(f"{'':34}{'seconds':>9}{'MB/s':>9}{'ratio':>9}")
    for name, func in rows:
        seconds = _time(func, texts, args.repeat if name.startswith("newsnlp") else 1)
        results[name] = seconds
        ratio = results[rows[0][0]] and seconds / results[rows[0][0]]
        print(f"{name:34}{seconds:9.2f}{megabytes / seconds:9.1f}{ratio:8.2f}x")
    print("(ratio = row time / newsnlp time: >1 means newsnlp is that many times faster)")

    dev = args.data / "newsnlp-dev" / "articles.jsonl"
    if dev.exists():
        articles = [
            json.loads(line) for line in dev.read_text("utf-8").splitlines() if line.strip()
        ]
        print(f"\nnewsnlp-dev cleaning ({len(articles)} articles): line F1, exact matches")
        for name, cleaner in (("newsnlp clean", clean), ("baseline: identity", lambda s: s)):
            f1, exact = _line_scores(articles, cleaner)
            print(f"  {name:24} F1={f1:.3f}  exact={exact}/{len(articles)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
