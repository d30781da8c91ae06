"""newsnlp as a long-running service: memory over many calls, one very long text, warm-up.

Usage::

    .venv/bin/python benchmarks/bench_service.py [service|long|warmup ...] [--calls 50000]
        [--every 5000] [--threads 4] [--sizes 0.1,1,10] [--data DIR]

Every measurement runs in a fresh subprocess of this script (``_spawn.py``); other jobs may be
using the CPUs, so times are indicative, memory is not.

* **service** (issue 14): ``--calls`` calls on synthetic French news texts that each bring new
  names (invented first names, surnames, towns and acronyms, so spaCy meets new words on every
  call), resident memory (VmRSS) read every ``--every`` calls. Runs: ``analyze`` from one
  thread; ``analyze`` from ``--threads`` threads sharing the pipeline; ``extract_entities_batch``
  over all the texts (one generator, batches of 32); and, as the reference, ``analyze`` from one
  thread with the vocabulary budget of :mod:`newsnlp.entities.runtime` set out of reach (no
  memory zone: what the library did before). Goal: the last half of the calls adds < 2 % to
  the RSS (``late_growth_pct``).
* **long** (issue 14): one text of each ``--sizes`` (MB of characters: OrangeSum articles
  joined by newlines) through ``extract_entities``; peak extra RSS (VmHWM reset after the
  warm-up, minus VmRSS before the call) and time. Goal: <= 600 MB at 10 MB.
* **warmup** (issue 15): time of the first ``analyze`` call after ``load_pipeline()`` vs after
  ``load_pipeline(warm=True)`` and after ``newsnlp.warmup()``, next to the median steady call
  of the same process (the next 30 calls). Goal: first call after warm-up ≈ steady.

The last line printed is JSON with every figure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import _spawn  # benchmarks/_spawn.py (this folder is on sys.path when the script runs)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GOALS = {"late_growth_pct": 2.0, "long_10mb_extra_mb": 600.0}
_CONSONANTS = "bcdfgklmnprstvz"
_VOWELS = "aeiou"


# ------------------------------------------------------------------------------------ inputs
def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))


def service_text(i: int) -> str:
    """Synthetic news text number *i* (deterministic), with invented names never seen before."""
    rng = random.Random(i)
    first, last = _word(rng, 2).title(), _word(rng, 3).title()
    town, company = _word(rng, 3).title(), _word(rng, 2).title() + "tel"
    acronym = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUV") for _ in range(4))
    return (
        f"Le ministre de l’Économie, {first} {last}, a reçu mardi à {town} les dirigeants de "
        f"la société {company} et de l’Agence nationale de {_word(rng, 3)} ({acronym}). "
        f"Selon {last}, l’accord avec le Maroc et l’Union européenne sera signé avant la fin "
        f"de l’année. « Nous attendons {rng.randint(2, 900)} emplois », a-t-il déclaré."
    )


def long_text(data: Path, chars: int) -> str:
    """OrangeSum articles joined by newlines, cut to *chars* characters."""
    parts, total = [], 0
    while total < chars:
        with gzip.open(
            data / "orangesum-fr" / "orangesum_articles.jsonl.gz", "rt", encoding="utf-8"
        ) as fh:
            for line in fh:
                parts.append(json.loads(line)["text"])
                total += len(parts[-1]) + 1
                if total >= chars:
                    break
    return "\n".join(parts)[:chars]


def _status(key: str) -> float:
    """A ``/proc/self/status`` memory figure (``VmRSS``, ``VmHWM``), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ------------------------------------------------------------------------------------ workers
def run_service(spec: dict) -> dict:
    import newsnlp
    from newsnlp.entities import runtime

    if spec["mode"] == "no-zone":
        runtime.VOCAB_BUDGET = 10**12  # read when the pipeline's zone is created
    newsnlp.warmup()
    calls, every, threads = spec["calls"], spec["every"], spec["threads"]
    rss = [_status("VmRSS")]
    start = time.perf_counter()
    if spec["mode"] == "batch":
        texts = (service_text(i) for i in range(calls))
        for n, _ in enumerate(newsnlp.extract_entities_batch(texts, batch_size=32), 1):
            if n % every == 0:
                rss.append(_status("VmRSS"))
    else:
        pool = ThreadPoolExecutor(threads) if threads > 1 else None
        for block in range(0, calls, every):
            texts = [service_text(i) for i in range(block, min(block + every, calls))]
            if pool is None:
                for text in texts:
                    newsnlp.analyze(text)
            else:
                list(pool.map(newsnlp.analyze, texts))
            rss.append(_status("VmRSS"))
        if pool is not None:
            pool.shutdown()
    seconds = time.perf_counter() - start
    half = len(rss) // 2
    return {
        "rss_mb": [round(x, 1) for x in rss],
        "seconds": round(seconds, 1),
        "calls_per_s": round(calls / seconds, 1),
        "growth_mb_per_1000": round((rss[-1] - rss[1]) / ((calls - every) / 1000), 3),
        "late_growth_pct": round(100 * (rss[-1] - rss[half]) / rss[half], 2),
    }


def run_long(spec: dict) -> dict:
    import newsnlp

    newsnlp.load_pipeline(warm=True)
    text = long_text(Path(spec["data"]), int(spec["mb"] * 1_000_000))
    before = _status("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    start = time.perf_counter()
    entities = newsnlp.extract_entities(text)
    seconds = time.perf_counter() - start
    return {
        "chars": len(text),
        "seconds": round(seconds, 1),
        "extra_peak_mb": round(_status("VmHWM") - before, 1),
        "entities": len(entities),
    }


def run_warmup(spec: dict) -> dict:
    import newsnlp

    texts = [service_text(i) for i in range(32)]
    load = time.perf_counter()
    if spec["how"] == "warmup()":
        newsnlp.warmup()
    else:
        newsnlp.load_pipeline(warm=spec["how"] == "load_pipeline(warm=True)")
    load = time.perf_counter() - load
    timings = []
    for text in texts:
        start = time.perf_counter()
        newsnlp.analyze(text)
        timings.append(time.perf_counter() - start)
    return {
        "load_s": round(load, 2),
        "first_ms": round(1000 * timings[0], 1),
        "steady_ms": round(1000 * statistics.median(timings[2:]), 1),
    }


WORKERS = {"service": run_service, "long": run_long, "warmup": run_warmup}


# ------------------------------------------------------------------------------------ report
def _measure(spec: dict) -> dict:
    answer = _spawn.spawn(__file__, spec, timeout=7200)
    print(f"  {json.dumps(spec, ensure_ascii=False)} -> {json.dumps(answer)}", flush=True)
    return answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parts", nargs="*", default=["service", "long", "warmup"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--calls", type=int, default=50_000)
    parser.add_argument("--every", type=int, default=5_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--sizes", default="0.1,1,10", help="MB of text for the long run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        spec = json.loads(args.worker)
        print(json.dumps(WORKERS[spec["part"]](spec)))
        return 0
    figures: dict = {}
    if "service" in args.parts:
        print(f"service: {args.calls:,} calls, RSS every {args.every:,}", flush=True)
        base = {"part": "service", "calls": args.calls, "every": args.every, "threads": 1}
        runs = {
            "analyze": {**base, "mode": "zones"},
            f"analyze x{args.threads} threads": {**base, "mode": "zones", "threads": args.threads},
            "extract_entities_batch": {**base, "mode": "batch"},
            "analyze, no zone (before)": {**base, "mode": "no-zone"},
        }
        figures["service"] = {name: _measure(spec) for name, spec in runs.items()}
    if "long" in args.parts:
        print("long: one text through extract_entities", flush=True)
        figures["long"] = {
            f"{mb} MB": _measure({"part": "long", "mb": float(mb), "data": str(args.data)})
            for mb in args.sizes.split(",")
        }
    if "warmup" in args.parts:
        print("warmup: first analyze() call vs steady", flush=True)
        hows = ("load_pipeline()", "load_pipeline(warm=True)", "warmup()")
        figures["warmup"] = {how: _measure({"part": "warmup", "how": how}) for how in hows}
    figures["goals"] = GOALS
    print(json.dumps(figures, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
