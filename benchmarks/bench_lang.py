"""Benchmark ``newsnlp.text.langid`` against langdetect: accuracy, repeatability and speed.

Accuracy: the Lingua test data (``lingua-langid-testdata``), sentences and word pairs, for French
and the 20 most common European languages. The detector's few constants were tuned on the *even*
lines, so the default report is on the held-out *odd* lines (``--lines even|all`` for the rest).
langdetect (seeded, ``DetectorFactory.seed = 0``) is measured in the same run on the same lines.

Repeatability: every item detected twice in this process, once more in 2 threads and once in a
fresh subprocess; all answers must be identical. For contrast, unseeded langdetect run twice.

Speed: full French news articles (OrangeSum), ``detect_language`` vs ``langdetect.detect`` on
the whole text, articles per second, their ratio and agreement.

Usage::

    PYTHONPATH=src .venv/bin/python benchmarks/bench_lang.py [--data DIR] [--articles 2000]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"

# French + the 20 most common European languages of the test data.
LANGS = "fr en de es it pt nl pl ro el hu cs sv bg da fi sk hr lt sl lv".split()
KINDS = ("sentences", "word-pairs")


def read_lines(path: Path) -> list[str]:
    """Read one item per line, splitting on "\\n" only (see the data set's README)."""
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def select(items: list[str], lines: str) -> list[str]:
    """Keep the odd (1-based: 2nd, 4th, ...) / even lines, or all of them."""
    if lines == "all":
        return items
    return items[1::2] if lines == "odd" else items[0::2]


def langdetect_detector(seed: int | None) -> Callable[[str], str]:
    """Return ``langdetect.detect`` with the given global seed, mapping failures to "und"."""
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    def run(text: str) -> str:
        DetectorFactory.seed = seed
        try:
            return detect(text)
        except LangDetectException:
            return "und"

    return run


def accuracy(answers: Sequence[str], lang: str) -> float:
    return 100.0 * sum(a == lang for a in answers) / len(answers)


def subprocess_answers(items: list[str]) -> list[str]:
    """Detect *items* in a fresh interpreter (proves process-independence)."""
    code = (
        "import json, sys; from newsnlp.text.langid import detect_language; "
        "items = json.load(sys.stdin); json.dump([detect_language(t) for t in items], sys.stdout)"
    )
    env = {"PYTHONPATH": str(REPO / "src"), "PYTHONHASHSEED": "random"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(out.stdout)


def cold_start_seconds() -> tuple[float, float]:
    """Return (import time, first-call time incl. lazy model load) measured in a fresh process."""
    code = (
        "import time; t0 = time.perf_counter(); import newsnlp.text.langid as m; "
        "t1 = time.perf_counter(); m.detect_language('Bonjour à tous'); "
        "t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(REPO / "src")},
    )
    first_import, first_call = map(float, out.stdout.split())
    return first_import, first_call


def bench_accuracy(data_dir: Path, lines: str, check_unseeded: bool) -> None:
    from newsnlp.text.langid import detect_language

    base = data_dir / "lingua-langid-testdata"
    missing = [lang for lang in LANGS if not (base / "sentences" / f"{lang}.txt").exists()]
    if missing:
        print(f"missing languages in the test data (skipped): {missing}")
    langs = [lang for lang in LANGS if lang not in missing]
    langdetect_seeded = langdetect_detector(0)

    print(f"\n## Accuracy (%), {lines} lines, {len(langs)} languages")
    print(
        f"{'kind':<11} {'items':>6} | {'newsnlp macro':>13} {'langdetect macro':>16} | "
        f"{'newsnlp fr':>10} {'langdetect fr':>13} | {'newsnlp s':>9} {'langdetect s':>12}"
    )
    all_items: list[str] = []
    all_answers: list[str] = []
    word_pairs: list[str] = []
    for kind in KINDS:
        ours: dict[str, float] = {}
        theirs: dict[str, float] = {}
        t_ours = t_theirs = 0.0
        n_items = 0
        for lang in langs:
            items = select(read_lines(base / kind / f"{lang}.txt"), lines)
            n_items += len(items)
            t0 = time.perf_counter()
            answers = [detect_language(t) for t in items]
            t1 = time.perf_counter()
            reference = [langdetect_seeded(t) for t in items]
            t2 = time.perf_counter()
            t_ours += t1 - t0
            t_theirs += t2 - t1
            ours[lang] = accuracy(answers, lang)
            theirs[lang] = accuracy(reference, lang)
            all_items += items
            all_answers += answers
            if kind == "word-pairs":
                word_pairs += items
        macro_ours = sum(ours.values()) / len(ours)
        macro_theirs = sum(theirs.values()) / len(theirs)
        print(
            f"{kind:<11} {n_items:>6} | {macro_ours:>13.2f} {macro_theirs:>16.2f} | "
            f"{ours.get('fr', float('nan')):>10.2f} {theirs.get('fr', float('nan')):>13.2f} | "
            f"{t_ours:>9.1f} {t_theirs:>12.1f}"
        )
        per_lang = "  ".join(f"{lang} {ours[lang]:.1f}/{theirs[lang]:.1f}" for lang in langs)
        print(f"  per language, newsnlp/langdetect: {per_lang}")

    print(f"\n## Repeatability ({len(all_items)} items)")
    again = [detect_language(t) for t in all_items]
    with ThreadPoolExecutor(max_workers=2) as pool:
        threaded = list(pool.map(detect_language, all_items, chunksize=256))
    other_process = subprocess_answers(all_items)
    for name, answers in (
        ("same process, 2nd run", again),
        ("2 threads", threaded),
        ("subprocess", other_process),
    ):
        same = sum(a == b for a, b in zip(all_answers, answers, strict=True))
        print(f"newsnlp {name:<22}: {100.0 * same / len(all_items):7.3f} % identical")
    if check_unseeded:
        from langdetect import DetectorFactory

        unseeded = langdetect_detector(None)
        first = [unseeded(t) for t in word_pairs]
        second = [unseeded(t) for t in word_pairs]
        DetectorFactory.seed = 0
        same = sum(a == b for a, b in zip(first, second, strict=True))
        print(
            f"langdetect unseeded, 2 runs ({len(word_pairs)} word pairs): "
            f"{100.0 * same / len(word_pairs):7.3f} % identical"
        )


def bench_speed(data_dir: Path, n_articles: int, repeats: int) -> None:
    from newsnlp import lang

    path = data_dir / "orangesum-fr" / "orangesum_articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        articles = [json.loads(line)["text"] for line in itertools.islice(fh, n_articles)]
    chars = sum(map(len, articles)) / len(articles)
    cold = cold_start_seconds()
    lang.detect_language("Chargement du modèle.")
    langdetect_seeded = langdetect_detector(0)
    langdetect_seeded("Chargement du modèle.")

    def best_rate(fn: Callable[[str], str]) -> tuple[float, list[str]]:
        best = 0.0
        answers: list[str] = []
        for _ in range(repeats):
            t = time.perf_counter()
            answers = [fn(a) for a in articles]
            best = max(best, len(articles) / (time.perf_counter() - t))
        return best, answers

    ours_rate, ours = best_rate(lang.detect_language)
    theirs_rate, theirs = best_rate(langdetect_seeded)
    agree = sum(a == b for a, b in zip(ours, theirs, strict=True))
    print(
        f"\n## Speed: {len(articles)} OrangeSum articles (mean {chars:,.0f} chars), "
        f"best of {repeats}"
    )
    print(f"{'detector':<30} {'articles/s':>10} {'ms/article':>10} {'% fr':>7}")
    for name, rate, answers in (
        ("newsnlp.detect_language", ours_rate, ours),
        ("langdetect.detect (whole text)", theirs_rate, theirs),
    ):
        print(f"{name:<30} {rate:>10.0f} {1000 / rate:>10.3f} {accuracy(answers, 'fr'):>7.2f}")
    print(
        f"speed ratio newsnlp / langdetect: {ours_rate / theirs_rate:.1f}x; "
        f"agreement with langdetect: {100.0 * agree / len(articles):.2f} %; "
        f"cold start in a fresh process: import {cold[0]:.3f} s, first call {cold[1]:.2f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"shared data directory (default: {DEFAULT_DATA})",
    )
    parser.add_argument(
        "--lines",
        choices=("odd", "even", "all"),
        default="odd",
        help="test-data lines to report on (odd = held out; default)",
    )
    parser.add_argument("--articles", type=int, default=2000, help="OrangeSum articles to time")
    parser.add_argument("--repeats", type=int, default=3, help="timing repeats (best is kept)")
    parser.add_argument(
        "--no-unseeded",
        action="store_true",
        help="skip the unseeded-langdetect repeatability contrast",
    )
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    needed = []
    if not args.skip_accuracy:
        needed.append(args.data / "lingua-langid-testdata" / "sentences")
    if not args.skip_speed:
        needed.append(args.data / "orangesum-fr" / "orangesum_articles.jsonl.gz")
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        print(
            f"bench_lang: evaluation data not found: {', '.join(missing)} "
            "(pass --data DIR, the shared data folder)",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(REPO / "src"))
    if not args.skip_accuracy:
        bench_accuracy(args.data, args.lines, not args.no_unseeded)
    if not args.skip_speed:
        bench_speed(args.data, args.articles, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
