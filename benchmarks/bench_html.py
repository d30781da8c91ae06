"""Benchmark HTML article extraction on 100 raw Orange Actu pages (OrangeSum sample).

Compares, by body-text token F1 against ``reference_text``:

(a) ``trafilatura.extract(html)`` with default options (baseline),
(b) ``newsnlp.text.html.extract_html(html).text``,
(c) ``newsnlp.clean_article(html).body`` (the cleaned text without its title line, which
    ``reference_text`` does not contain either).

Tokens are lowercased ``\\w+`` words; precision/recall/F1 are multiset (bag-of-words) scores,
micro (pooled over pages) and macro (mean of per-page F1). The reference body text does *not*
contain the standfirst (chapeau, ``reference_abstract``), which the pages print as the first
body paragraph, so the scores are also given against chapeau + body ("+chapeau" columns) and
the share of outputs containing the chapeau is shown.

Usage::

    PYTHONPATH=src .venv/bin/python benchmarks/bench_html.py [--data DIR] [--show-extra 10]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
SAMPLE = Path("orangesum-fr") / "orangesum_raw_html_sample.jsonl.gz"

if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

_WORD = re.compile(r"\w+")
_WS = re.compile(r"\s+")


def tokens(text: str | None) -> Counter[str]:
    """Bag of lowercased ``\\w+`` tokens."""
    return Counter(_WORD.findall((text or "").lower()))


def prf(pred: str, ref: str) -> tuple[int, int, int]:
    """Return (common, predicted, reference) token counts."""
    p, r = tokens(pred), tokens(ref)
    return sum((p & r).values()), sum(p.values()), sum(r.values())


def f1(common: int, n_pred: int, n_ref: int) -> tuple[float, float, float]:
    precision = common / n_pred if n_pred else 0.0
    recall = common / n_ref if n_ref else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f


def score(preds: Sequence[str], refs: Sequence[str]) -> dict[str, float]:
    """Micro P/R/F1 and macro F1 of *preds* against *refs*."""
    counts = [prf(p, r) for p, r in zip(preds, refs, strict=True)]
    micro = f1(*(sum(c[i] for c in counts) for i in range(3)))
    macro = statistics.fmean(f1(*c)[2] for c in counts)
    return {"P": micro[0], "R": micro[1], "F1": micro[2], "macroF1": macro}


def _norm_words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def load_pages(data_dir: Path, limit: int | None = None) -> list[dict]:
    path = data_dir / SAMPLE
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh]
    return pages[:limit] if limit else pages


def run(fn: Callable[[str], str], pages: Sequence[dict]) -> tuple[list[str], float]:
    """Outputs of *fn* on every page, and the mean time per page in ms (after one warm-up)."""
    fn(pages[0]["html"])
    start = time.perf_counter()
    out = [fn(p["html"]) or "" for p in pages]
    return out, (time.perf_counter() - start) * 1000 / len(pages)


def title_matches(got: str | None, ref: str) -> tuple[bool, bool]:
    """(exact match, match once a " : site tagline" suffix is removed from the reference)."""
    got_n, ref_n = _WS.sub(" ", got or "").strip(), _WS.sub(" ", ref).strip()
    exact = bool(got_n) and got_n == ref_n
    suffix = bool(got_n) and (
        exact or re.match(re.escape(got_n) + r"\s*[:|–—-]\s", ref_n) is not None
    )
    return exact, suffix


def extra_lines(output: str, page: dict) -> list[str]:
    """Lines of *output* found in neither the reference body nor the chapeau."""
    ref, abstract = _norm_words(page["reference_text"]), _norm_words(page["reference_abstract"])
    extra = []
    for line in output.splitlines():
        words = _norm_words(line)
        if words and words not in ref and words not in abstract:
            extra.append(line)
    return extra


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    parser.add_argument(
        "--show-extra",
        type=int,
        default=0,
        metavar="K",
        help="print the extra (non-reference) lines of (b) on the K pages losing most precision",
    )
    args = parser.parse_args(argv)

    if not (args.data / SAMPLE).is_file():
        print(
            f"bench_html: evaluation data not found: {args.data / SAMPLE} "
            "(pass --data DIR, the folder holding orangesum-fr/)",
            file=sys.stderr,
        )
        return 2
    try:
        import trafilatura
    except ImportError:
        print('trafilatura is not installed: pip install "newsnlp[html]"', file=sys.stderr)
        return 1
    from newsnlp.text.html import extract_html

    pages = load_pages(args.data, args.limit)
    refs = [p["reference_text"] for p in pages]
    refs_chapeau = [p["reference_abstract"] + "\n" + p["reference_text"] for p in pages]
    n_chapeau = sum(bool(_norm_words(p["reference_abstract"])) for p in pages)

    methods: dict[str, Callable[[str], str] | None] = {
        "(a) trafilatura.extract default": lambda h: trafilatura.extract(h) or "",
        "(b) newsnlp.text.html.extract_html": lambda h: extract_html(h).text,
    }
    try:
        from newsnlp import clean_article

        methods["(c) newsnlp.clean_article"] = lambda h: clean_article(h).body
    except (ImportError, AttributeError):
        methods["(c) newsnlp.clean_article"] = None

    print(f"{len(pages)} pages from {args.data / SAMPLE}; trafilatura {trafilatura.__version__}")
    print(
        "token scores vs reference_text (micro P/R/F1, macro F1) | vs chapeau + text | "
        "chap. = outputs containing the chapeau / pages with a non-empty one"
    )
    header = (
        f"{'method':34s} {'P':>6s} {'R':>6s} {'F1':>6s} {'macF1':>6s} | {'F1':>6s} {'macF1':>6s}"
    )
    print(header + f" | {'chap.':>5s} | {'ms/page':>7s}")
    outputs: dict[str, list[str]] = {}
    for name, fn in methods.items():
        if fn is None:
            print(
                f"{name:34s} {'n/a':>6s} {'n/a':>6s} {'n/a':>6s} {'n/a':>6s} | {'n/a':>6s} {'n/a':>6s}"
            )
            continue
        out, ms = run(fn, pages)
        outputs[name] = out
        s, s2 = score(out, refs), score(out, refs_chapeau)
        chapeau = sum(
            _norm_words(p["reference_abstract"]) in _norm_words(o)
            for o, p in zip(out, pages, strict=True)
            if _norm_words(p["reference_abstract"])
        )
        print(
            f"{name:34s} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} {s['macroF1']:6.3f} | "
            f"{s2['F1']:6.3f} {s2['macroF1']:6.3f} | {chapeau:>2d}/{n_chapeau:<2d} | {ms:7.1f}"
        )

    n_auto = sum("auto.orange.fr" in p["url"] for p in pages)
    if n_auto:
        print(
            f"note: the {n_auto} auto.orange.fr pages have the date as 'abstract' (e.g. '15 juin', "
            "from the 'publié le 15 juin' line), which (b) drops as a byline."
        )
    contents = [extract_html(p["html"]) for p in pages]
    matches = [
        title_matches(c.title, p["reference_title"]) for c, p in zip(contents, pages, strict=True)
    ]
    n = len(pages)
    print(
        f"(b) title: exact match {sum(m[0] for m in matches)}/{n}, "
        f"match ignoring a ' : site tagline' suffix in the reference {sum(m[1] for m in matches)}/{n}; "
        f"date found {sum(c.date is not None for c in contents)}/{n}"
    )

    if args.show_extra:
        out_b = outputs["(b) newsnlp.text.html.extract_html"]
        ranked = sorted(
            range(n), key=lambda i: prf(out_b[i], refs[i])[1] - prf(out_b[i], refs[i])[0]
        )
        print(
            f"\nextra lines of (b) (in neither reference text nor chapeau), worst {args.show_extra} pages:"
        )
        for i in reversed(ranked[-args.show_extra :]):
            common, n_pred, _ = prf(out_b[i], refs[i])
            print(f"- page {pages[i]['id']} ({n_pred - common} extra tokens vs reference_text):")
            for line in extra_lines(out_b[i], pages[i]) or ["(none: extra tokens are the chapeau)"]:
                print(f"    {line[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
