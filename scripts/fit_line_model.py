"""Fit the cleaner's line scorer on the development pages and write it as data.

Reads the annotated development articles — all of ``newsnlp-dev`` and the **odd-numbered**
articles of ``newsnlp-dev2`` (the even ones are held out: they are dropped here before anything
else is read from them) — labels every line of each raw page by aligning it with the annotated
clean text, fits the two logistic regressions of :mod:`newsnlp.text.linemodel` and writes them to
``src/newsnlp/lang/fr/line_model.py``.

Which lines the scorer is fitted on: every non-empty line of at most 400 characters that the
page's structure does not already decide (teasers, "Lire aussi" links and headers), nor the bare
titles of a related block (they look like headings and are the block's business). Each page is
seen twice: as it is, and without the position feature (as a page too short to anchor it is
read), so that the weights do not lean on position where a line's own evidence is clear. The
neighbours feature of the second regression is computed from first-pass probabilities fitted
without the page itself (cross-fitting), as at prediction time the first pass has never seen the
page.

Generalisation is checked by leave-one-article-out: for each article, both regressions are
refitted on the other articles and the whole cleaner runs on the held-out page; and by
leave-one-style-out, stricter: all the pages of one press style (``meta.style``: the six
Moroccan-style pages of newsnlp-dev go out together) are held out at once. The line F1 and
exact-match counts are printed per set (and written into the data module), next to the figures
of the model fitted on everything.

Usage::

    PYTHONPATH=src python scripts/fit_line_model.py [--data ../shared/data] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsnlp.text.classify import classify_lines, first_round
from newsnlp.text.features import REASON_FEATURES
from newsnlp.text.linemodel import FEATURES, LineModel
from newsnlp.text.source import page_lines

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsnlp" / "lang" / "fr" / "line_model.py"
FIRST = len(FEATURES) - 2  # line + position features: the first pass
C = 1.0  # inverse L2 strength (scikit-learn's default), fixed a priori
NEVER = LineModel((0.0,) * len(FEATURES), -50.0, (0.0,) * FIRST, -50.0)  # structure only
_REASONED = [i for i, f in enumerate(FEATURES) if f in REASON_FEATURES]
AFTER = FEATURES.index("after_body")


def norm_line(s: str) -> str:
    """The scorer's line comparison (score_newsnlp.py): NFC, apostrophes, spaces."""
    return " ".join(unicodedata.normalize("NFC", s).replace("'", "’").split())


def load(data: Path) -> list[dict]:
    """newsnlp-dev, then the odd articles of newsnlp-dev2 (the even ones never kept)."""
    arts = []
    for name, odd_only in (("newsnlp-dev", False), ("newsnlp-dev2", True)):
        path = data / name / "articles.jsonl"
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            number = int(re.search(r"(\d+)\"", line[: line.index(",")]).group(1))
            if odd_only and number % 2 == 0:
                continue  # held out: not parsed, not looked at
            art = json.loads(line)
            art["set"] = name
            arts.append(art)
    return arts


def labelled(art: dict) -> tuple[list[str], dict[int, bool]]:
    """The page's lines and, for each non-empty one, whether the annotation keeps it."""
    lines = list(page_lines(art["raw"]).lines)
    gold = [norm_line(g) for g in art["clean"].split("\n") if g.strip()]
    keep, g = {}, 0
    for i, line in enumerate(lines):
        if line:
            keep[i] = g < len(gold) and norm_line(line) == gold[g]
            g += keep[i]
    if g != len(gold):
        raise SystemExit(f"{art['id']}: annotated lines not found in order in the raw page")
    return lines, keep


def rows(lines, keep, model: LineModel) -> tuple[list[tuple[float, ...]], list[int]]:
    """Training rows of one page: feature vectors (neighbours from *model*'s first pass) and
    labels (1: furniture)."""
    structural = {i: r for i, r, _ in first_round(lines, model=NEVER)}
    x, y = [], []
    for i, _, vector in first_round(lines, model=model):
        if vector is None or structural[i] in ("teaser", "related-link", "related-header"):
            continue
        bare_title = not any(vector[j] for j in _REASONED)
        if structural[i] == "related" and not keep[i] and bare_title:
            continue
        x.append(vector)
        y.append(0 if keep[i] else 1)
    # The same page without position: a short page (no paragraph long enough to anchor the
    # position features) must be cleaned on the lines' own evidence.
    unanchored = [(*v[:AFTER], 0.0, *v[AFTER + 1 :]) for v in x]
    return x + unanchored, y + y


def _lr(x, y) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000).fit(np.asarray(x), np.asarray(y))


def set_c(value: float) -> None:
    global C
    C = value


def fit(pages: list[tuple[list[str], dict[int, bool]]]) -> LineModel:
    """Both regressions on *pages*; the second one's neighbours cross-fitted by page."""
    base = [rows(lines, keep, NEVER) for lines, keep in pages]
    first = _lr([r[:FIRST] for x, _ in base for r in x], [v for _, y in base for v in y])
    x2, y2 = [], []
    for k, (lines, keep) in enumerate(pages):
        others = [b for j, b in enumerate(base) if j != k]
        held = _lr([r[:FIRST] for x, _ in others for r in x], [v for _, y in others for v in y])
        x, y = rows(lines, keep, _model(held, held, 0))
        x2 += x
        y2 += y
    second = _lr(x2, y2)
    return _model(second, first, len(x2))


def _model(second: LogisticRegression, first: LogisticRegression, _n: int) -> LineModel:
    w2 = tuple(float(round(v, 4)) for v in second.coef_[0])
    w1 = tuple(float(round(v, 4)) for v in first.coef_[0][:FIRST])
    if len(w2) < len(FEATURES):  # a first-pass model standing in for both
        w2 = w2 + (0.0,) * (len(FEATURES) - len(w2))
    return LineModel(
        weights=w2,
        intercept=float(round(second.intercept_[0], 4)),
        line_weights=w1,
        line_intercept=float(round(first.intercept_[0], 4)),
    )


def evaluate(arts, pages, model_for, show=False) -> dict[str, dict[str, float]]:
    """Line P/R/F1 and exact matches of the whole cleaner, per set, with ``model_for(k)``;
    *show*: print the lines it gets wrong."""
    out: dict[str, Counter] = {}
    for k, (art, (lines, _)) in enumerate(zip(arts, pages, strict=True)):
        found = classify_lines(lines, model=model_for(k))
        pred = [norm_line(d.text) for d in found.decisions if d.kept]
        gold = [norm_line(g) for g in art["clean"].split("\n") if g.strip()]
        hit = sum((Counter(pred) & Counter(gold)).values())
        if show:
            for line in (Counter(pred) - Counter(gold)).elements():
                print(f"  {art['id']}: kept, furniture: {line[:100]}")
            for line in (Counter(gold) - Counter(pred)).elements():
                print(f"  {art['id']}: removed, article: {line[:100]}")
        c = out.setdefault(art["set"], Counter())
        c.update(tp=hit, fp=len(pred) - hit, fn=len(gold) - hit, exact=pred == gold, n=1)
    result = {}
    for name, c in out.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        result[name] = {"P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3),
                        "exact": f"{c['exact']}/{c['n']}"}  # fmt: skip
    return result


def _literal(data: dict) -> list[str]:
    """``MODEL = {...}`` as ruff formats it."""
    out = ["MODEL = {"]
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f'    "{key}": {{')
            out += [f'        "{name}": {weight!r},' for name, weight in value.items()]
            out.append("    },")
        else:
            out.append(f'    "{key}": {value!r},')
    return [*out, "}"]


def write(model: LineModel, arts, n_rows: int, figures: dict) -> None:
    ids = textwrap.wrap(", ".join(a["id"] for a in arts), 96)
    data = model.to_dict()
    data.pop("features")
    lines = [
        '"""The fitted weights of the French line scorer (:mod:`newsnlp.text.linemodel`).',
        "",
        "Generated by ``scripts/fit_line_model.py``: do not edit by hand, refit. Logistic",
        f"regressions (scikit-learn, L2, C={C}) on {n_rows // 2} lines (each seen with and without",
        f"its position) of {len(arts)} annotated pages:",
        *ids,
        "(newsnlp-dev2's even articles are held out).",
        "",
        "Cleaning of the whole pages (line P/R/F1, exact pages), as printed by the script:",
        "",
    ]
    for kind, per_set in figures.items():
        for name, f in per_set.items():
            lines.append(f"* {kind}, {name}: P={f['P']} R={f['R']} F1={f['F1']} exact={f['exact']}")
    lines += ['"""', "", *_literal(data), ""]
    OUT.write_text("\n".join(lines), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the model")
    parser.add_argument("--C", type=float, default=C, help=f"inverse L2 strength (default {C})")
    args = parser.parse_args(argv)
    set_c(args.C)
    if not (args.data / "newsnlp-dev" / "articles.jsonl").is_file():
        print(f"fit_line_model: development data not found under {args.data}", file=sys.stderr)
        return 2
    arts = load(args.data)
    pages = [labelled(a) for a in arts]
    model = fit(pages)
    n_rows = sum(len(rows(lines, keep, model)[1]) for lines, keep in pages)
    held_out = [fit(pages[:k] + pages[k + 1 :]) for k in range(len(pages))]
    styles = sorted({a["meta"]["style"] for a in arts})
    by_style = {
        style: fit([p for a, p in zip(arts, pages, strict=True) if a["meta"]["style"] != style])
        for style in styles
    }
    figures = {
        "fitted on all": evaluate(arts, pages, lambda k: model),
        "leave-one-article-out": evaluate(arts, pages, lambda k: held_out[k], show=True),
        "leave-one-style-out": evaluate(
            arts, pages, lambda k: by_style[arts[k]["meta"]["style"]], show=True
        ),
    }
    for kind, per_set in figures.items():
        for name, f in per_set.items():
            print(f"{kind:24s} {name:14s} P={f['P']:.3f} R={f['R']:.3f} F1={f['F1']:.3f} "
                  f"exact={f['exact']}")  # fmt: skip
    print("weights (second pass):")
    for name, w in sorted(zip(FEATURES, model.weights, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:14s} {w:+.3f}")
    print(f"  {'(intercept)':14s} {model.intercept:+.3f}")
    if not args.dry_run:
        write(model, arts, n_rows, figures)
        print(f"written: {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
