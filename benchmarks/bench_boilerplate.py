"""What cross-page boilerplate (``newsnlp.text.Boilerplate``) adds to the line cleaner.

1. **OrangeSum, 100 pages of one site** (``orangesum_raw_html_sample.jsonl.gz``), read two ways:
   as HTML (``clean_article(html)``, trafilatura first) and as a crude scraper returns them (the
   visible text of the page, menus and footers included: ``newsnlp.text.htmltext.visible_text``).
   Body-token P/R/F1 against ``reference_text`` (as ``bench_html.py`` (c)) without boilerplate,
   with a Boilerplate fitted on all 100 pages (*fit*), and fitted on the other pages only
   (*held out*, 5-fold: pages ``i % 5 == f`` are cleaned with a Boilerplate fitted on the rest).
2. **The development pages grouped by press style** (``meta.style``: newsnlp-dev and the odd
   articles of newsnlp-dev2; the even ones are held out and never read): line P/R/F1 and exact
   pages without boilerplate, fitted on all the pages of the style, and held out (each page
   cleaned with a Boilerplate fitted on the other pages of its style; styles with 3+ pages).

3. ``--annotate``: the batch job (``newsnlp.batch.annotate``, ``entities=False``) over the
   100 OrangeSum pages (records ``{id, url, text}``, one source: the url's host), with the site
   boilerplate learnt in its first pass (``site_boilerplate=True``, the default) and without:
   lines removed as ``site-boilerplate``, and body-token P/R/F1 of the output ``text`` against
   ``reference_text``, for the HTML pages and for their visible text. The output ``text``
   holds the title lines too (1. scores ``CleanedArticle.body``), so its precision is a little
   lower than 1.'s; the sample (200 per source) holds all 100 pages: "on" is 1.'s *fit*.

Usage::

    PYTHONPATH=src python benchmarks/bench_boilerplate.py [--data ../shared/data] [--annotate]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
SAMPLE = Path("orangesum-fr") / "orangesum_raw_html_sample.jsonl.gz"
FOLDS = 5

if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))


def _tokens_score(preds: list[str], refs: list[str]) -> str:
    from bench_html import score

    s = score(preds, refs)
    return f"P={s['P']:.3f} R={s['R']:.3f} F1={s['F1']:.3f} macroF1={s['macroF1']:.3f}"


def _held_out(texts: list[str], fit) -> list[str]:
    """Each text cleaned with a Boilerplate fitted on the other folds."""
    from newsnlp import clean_article

    out = [""] * len(texts)
    for fold in range(FOLDS):
        bp = fit([t for i, t in enumerate(texts) if i % FOLDS != fold])
        for i in range(fold, len(texts), FOLDS):
            out[i] = clean_article(texts[i], boilerplate=bp).body
    return out


def _orangesum_pages(data: Path) -> tuple[list[dict], list[str], dict[str, list[str]]]:
    """The OrangeSum sample pages, their reference texts, and the two inputs compared: the
    raw HTML and its visible text (what a scraper without extraction keeps)."""
    from newsnlp.text.htmltext import visible_text

    with gzip.open(data / SAMPLE, "rt", encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh]
    ways = {
        "HTML (trafilatura first)": [p["html"] for p in pages],
        "scraped text (visible text)": [visible_text(p["html"])[1] for p in pages],
    }
    return pages, [p["reference_text"] for p in pages], ways


def orangesum(data: Path) -> None:
    from newsnlp import clean_article
    from newsnlp.text import Boilerplate

    pages, refs, ways = _orangesum_pages(data)
    print(f"## OrangeSum: {len(pages)} pages of one site; body tokens vs reference_text")
    for way, texts in ways.items():
        start = time.perf_counter()
        fitted = Boilerplate().fit(texts)
        seconds = time.perf_counter() - start
        print(f"\n{way}: Boilerplate() fitted in {seconds:.1f} s, {len(fitted)} lines found")
        rows = {
            "no boilerplate": [clean_article(t).body for t in texts],
            "fit (all 100 pages)": [clean_article(t, boilerplate=fitted).body for t in texts],
            f"held out ({FOLDS}-fold)": _held_out(texts, lambda ts: Boilerplate().fit(ts)),
        }
        for name, preds in rows.items():
            print(f"  {name:26s} {_tokens_score(preds, refs)}")
        top = sorted(fitted.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        if top:
            print("  most frequent lines: " + " | ".join(f"{k[:40]} ({v})" for k, v in top))


def _norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).replace("'", "’").split())


def _dev_pages(data: Path) -> list[dict]:
    """newsnlp-dev, and the odd articles of newsnlp-dev2 (the even ones are never parsed)."""
    arts = []
    for name, odd_only in (("newsnlp-dev", False), ("newsnlp-dev2", True)):
        for line in (data / name / "articles.jsonl").read_text("utf-8").splitlines():
            if not line.strip():
                continue
            number = int(line[: line.index(",")].rsplit("-", 1)[1].strip('"'))
            if not (odd_only and number % 2 == 0):
                arts.append(json.loads(line))
    return arts


def _line_counts(pairs) -> Counter:
    c: Counter = Counter()
    for pred, gold in pairs:
        p = [_norm(x) for x in pred.split("\n") if x.strip()]
        g = [_norm(x) for x in gold.split("\n") if x.strip()]
        hit = sum((Counter(p) & Counter(g)).values())
        c.update(tp=hit, fp=len(p) - hit, fn=len(g) - hit, exact=p == g, n=1)
    return c


def _fmt(c: Counter) -> str:
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    r = c["tp"] / max(1, c["tp"] + c["fn"])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f1:.3f} exact={c['exact']}/{c['n']}"


def by_style(data: Path) -> None:
    from newsnlp import clean, clean_article
    from newsnlp.text import Boilerplate

    groups: dict[str, list[dict]] = defaultdict(list)
    for art in _dev_pages(data):
        groups[art["meta"]["style"]].append(art)
    print("\n## Development pages by press style (Boilerplate(min_pages=2, min_share=0.5))")
    totals = {k: Counter() for k in ("none", "fit", "held")}
    site_lines = Counter()
    for style, arts in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(arts) < 2:
            continue
        raws = [a["raw"] for a in arts]
        config = Boilerplate(min_pages=2, min_share=0.5)
        fitted = config.fit(raws)
        none = _line_counts((clean(a["raw"]), a["clean"]) for a in arts)
        fit = _line_counts((clean(a["raw"], boilerplate=fitted), a["clean"]) for a in arts)
        line = f"{style} ({len(arts)} pages, {len(fitted)} site lines): none {_fmt(none)}"
        line += f" | fit {_fmt(fit)}"
        totals["none"] += none
        totals["fit"] += fit
        if len(arts) >= 3:
            held = Counter()
            for k, art in enumerate(arts):
                cleaned = clean_article(
                    art["raw"], boilerplate=config.fit(raws[:k] + raws[k + 1 :])
                )
                held += _line_counts([(cleaned.text, art["clean"])])
                site_lines["held"] += sum(r.reason == "site-boilerplate" for r in cleaned.removed)
            totals["held"] += held
            line += f" | held out {_fmt(held)}"
        print(line)
    print(f"all styles with 2+ pages: none {_fmt(totals['none'])} | fit {_fmt(totals['fit'])}")
    print(f"styles with 3+ pages, held out: {_fmt(totals['held'])}; lines removed as "
          f"site-boilerplate on held-out pages: {site_lines['held']}")  # fmt: skip


def annotate_mode(data: Path) -> None:
    from newsnlp.batch import annotate

    pages, refs, ways = _orangesum_pages(data)
    print(f"## newsnlp.batch.annotate on the {len(pages)} OrangeSum pages (entities=False)")
    for way, texts in ways.items():
        records = [{"id": p["id"], "url": p["url"], "text": t} for p, t in zip(pages, texts, strict=True)]  # fmt: skip
        print(f"\n{way}:")
        for on in (False, True):
            start = time.perf_counter()
            out = list(annotate(records, entities=False, site_boilerplate=on, progress=False))
            seconds = time.perf_counter() - start
            site = [sum(r["reason"] == "site-boilerplate" for r in o["removed"]) for o in out]
            removed = sum(len(o["removed"]) for o in out)
            name = "site_boilerplate=" + str(on)
            print(
                f"  {name:23s} {_tokens_score([o['text'] for o in out], refs)}; lines removed "
                f"{removed} (site-boilerplate {sum(site)}, on {sum(map(bool, site))} pages); "
                f"{seconds:.1f} s"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--annotate", action="store_true", help="the batch job, option on/off")
    args = parser.parse_args(argv)
    needed = [args.data / SAMPLE, args.data / "newsnlp-dev" / "articles.jsonl"]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        print(
            f"bench_boilerplate: evaluation data not found: {', '.join(missing)} "
            "(pass --data DIR, the shared data folder)",
            file=sys.stderr,
        )
        return 2
    logging.disable(logging.WARNING)  # trafilatura's and the extractor's warnings
    if args.annotate:
        annotate_mode(args.data)
        return 0
    orangesum(args.data)
    by_style(args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
