"""Speed of clean + reading_time over the OrangeSum bodies and raw pages, time on 1 MB of every
shape of input, and cleaning quality on the development pages.

Usage::

    python benchmarks/bench_clean.py [--data ../shared/data] [--limit N] [--skip-shapes]

Prints, side by side and measured in the same run on one core:

* newsnlp ``clean`` + ``reading_time`` (the goal: at least 20 MB/s of text per core);
* ftfy's ``fix_text`` (the usual "clean this text" call), when ftfy is installed, as the baseline;
* a floor that only does ``unicodedata.normalize("NFC")`` + ``str.split()``, to show what any
  per-character pass costs;

then the same for the raw development pages (many short lines: the line scorer reads each),
then the time of ``clean`` on 1 MB of each input shape (one line, many lines, glue points,
acronyms, emoji, no spaces…; the goal: at most 2 s each) with the time on 125 KB and their ratio
(linear: about 8), and the line-level cleaning F1 and exact-match rate on the annotated pages
(newsnlp-dev, and the odd articles of newsnlp-dev2 only: the even ones are held out), against
the identity baseline (raw text returned unchanged).
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

from _shapes import SHAPES  # this folder: shared with tests/text/test_linear_time.py
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


def _shapes() -> None:
    print("\nclean on 1 MB of each shape (goal: <= 2 s), and on 125 KB (linear: ratio ~8)")
    print(f"{'shape':28}{'1 MB s':>9}{'MB/s':>8}{'125 KB s':>10}{'ratio':>7}")
    for name, make in SHAPES.items():
        big, small = make(1_000_000), make(125_000)
        clean(small)  # warm-up
        t_small = _time(clean, [small], 3)
        t_big = _time(clean, [big], 1)
        print(f"{name:28}{t_big:9.2f}{1 / t_big:8.2f}{t_small:10.3f}{t_big / t_small:7.1f}")


def _raw_pages(data: Path) -> list[dict]:
    """newsnlp-dev, and the odd articles of newsnlp-dev2 (the even ones are held out)."""
    arts = []
    for name, odd_only in (("newsnlp-dev", False), ("newsnlp-dev2", True)):
        path = data / name / "articles.jsonl"
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                number = int(line[: line.index(",")].rsplit("-", 1)[1].strip('"'))
                if not (odd_only and number % 2 == 0):
                    arts.append({**json.loads(line), "set": name})
    return arts


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
    parser.add_argument("--skip-shapes", action="store_true", help="skip the 1 MB shape timings")
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

    arts = _raw_pages(args.data)
    if arts:
        raws = [a["raw"] for a in arts] * 20
        mb = sum(len(t.encode("utf-8")) for t in raws) / 1e6
        print(f"\nraw development pages ({len(arts)} pages x 20, {mb:.1f} MB), best of 3")
        first = None
        for name, func in rows[:2]:
            seconds = _time(func, raws, 3)
            first = first or seconds
            print(f"{name:34}{seconds:9.2f}{mb / seconds:9.1f}{seconds / first:8.2f}x")
    if not args.skip_shapes:
        _shapes()
    for name in ("newsnlp-dev", "newsnlp-dev2"):
        subset = [a for a in arts if a["set"] == name]
        if not subset:
            continue
        label = name + (" (odd articles)" if name.endswith("2") else "")
        print(f"\n{label} cleaning ({len(subset)} articles): line F1, exact matches")
        for cleaner_name, cleaner in (("newsnlp clean", clean), ("baseline: identity", str)):
            f1, exact = _line_scores(subset, cleaner)
            print(f"  {cleaner_name:24} F1={f1:.3f}  exact={exact}/{len(subset)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
