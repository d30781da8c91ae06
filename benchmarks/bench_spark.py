"""Throughput of ``annotate_spark`` on Spark ``local[2]`` vs ``newsnlp.batch.annotate`` on one
machine (``n_process`` 1 and 2), on the same OrangeSum articles, in the same invocation.

Usage::

    .venv/bin/python benchmarks/bench_spark.py [--data DIR] [--limit 5000] [--batch-size 32]
        [--partitions 4] [--systems local-1,local-2,spark] [--json FILE]

Input: the first ``--limit`` OrangeSum articles (``orangesum-fr/orangesum_articles.jsonl.gz``
under ``--data``: gzip JSONL with ``id`` and ``text``). Words = the output records'
``reading_time.words`` (the cleaned texts' words), the same for every system: the script checks
that every system gives the same records (a digest of the records sorted by id), so words/s
ratios are time ratios.

Each system runs in a fresh subprocess, one after the other; each gets all output records in
its driver process (Spark: ``toArrow()`` of the annotated DataFrame):

* ``local-1`` / ``local-2``: ``list(newsnlp.batch.annotate(records, n_process=N,
  batch_size=B, memory_zone=True))``. "cold" = loading the spaCy pipeline + the run (the
  ``local-2`` worker processes are forked from the loaded process inside the run); "warm" =
  the run alone.
* ``spark``: a ``local[2]`` session (its start-up is reported, not counted), the articles in a
  cached DataFrame of ``--partitions`` partitions, then ``annotate_spark(df)`` twice: "cold"
  = the first job (Python workers start and each loads the pipeline), "warm" = the second job
  (workers reused, pipeline loaded).

The machine's cores may be shared with other jobs: the load average is printed before and after
each system; compare ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import _spawn  # benchmarks/_spawn.py (this folder is on sys.path when the script runs)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA_FILE = ("orangesum-fr", "orangesum_articles.jsonl.gz")
SYSTEMS = ("local-1", "local-2", "spark")


def load_records(data: Path, limit: int) -> list[dict]:
    from newsnlp.io import read_jsonl

    rows = read_jsonl(data.joinpath(*DATA_FILE), errors="raise")
    return [{"id": str(row["id"]), "text": row["text"]} for row in itertools.islice(rows, limit)]


def _canonical(record: dict[str, Any]) -> dict[str, Any]:
    """A record in one form whatever produced it: no null top-level fields (an error record has
    none), ``wpm`` as a float, ``countries`` as a dict (Arrow gives a map as pairs)."""
    out = {k: v for k, v in record.items() if v is not None}
    if isinstance(out.get("countries"), list):
        out["countries"] = dict(out["countries"])
    if "reading_time" in out:
        out["reading_time"] = {**out["reading_time"], "wpm": float(out["reading_time"]["wpm"])}
    return out


def summarize(records: list[dict[str, Any]]) -> dict[str, Any]:
    digest = hashlib.sha256()
    for rec in sorted((_canonical(r) for r in records), key=lambda r: r["id"]):
        digest.update(json.dumps(rec, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return {
        "records": len(records),
        "errors": sum(r.get("error") is not None for r in records),
        "words": sum((r.get("reading_time") or {}).get("words", 0) for r in records),
        "digest": digest.hexdigest()[:16],
    }


def run_local(spec: dict) -> dict:
    from newsnlp.batch import annotate
    from newsnlp.entities.spacy_component import load_pipeline

    records = load_records(Path(spec["data"]), spec["limit"])
    n_process = int(spec["system"].split("-")[1])
    t0 = time.perf_counter()
    load_pipeline()
    t1 = time.perf_counter()
    out = list(
        annotate(
            records,
            n_process=n_process,
            batch_size=spec["batch_size"],
            progress=False,
            memory_zone=True,
        )
    )
    t2 = time.perf_counter()
    return {**summarize(out), "load_s": t1 - t0, "cold_s": t2 - t0, "warm_s": t2 - t1}


def run_spark(spec: dict) -> dict:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from newsnlp.integrations.spark import annotate_spark

    records = load_records(Path(spec["data"]), spec["limit"])
    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("newsnlp-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    rdd = spark.sparkContext.parallelize(
        [(r["id"], r["text"]) for r in records], spec["partitions"]
    )
    df = spark.createDataFrame(rdd, "id string, text string").cache()
    df.count()
    start_s = time.perf_counter() - t0
    times = []
    table = None
    for _ in range(2):
        t = time.perf_counter()
        table = annotate_spark(df, batch_size=spec["batch_size"]).toArrow()
        times.append(time.perf_counter() - t)
    spark.stop()
    assert table is not None
    return {**summarize(table.to_pylist()), "start_s": start_s, "cold_s": times[0], "warm_s": times[1]}  # fmt: skip


def spawn(spec: dict) -> dict:
    """Run one system in a fresh interpreter; return its JSON answer."""
    return _spawn.spawn(__file__, spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--limit", type=int, default=5000, help="first N OrangeSum articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--partitions", type=int, default=4, help="Spark input partitions")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        spec = json.loads(args.worker)
        result = run_spark(spec) if spec["system"] == "spark" else run_local(spec)
        print(json.dumps(result))
        return 0
    if not args.data.joinpath(*DATA_FILE).exists():
        print(f"no data: {args.data.joinpath(*DATA_FILE)} (pass --data)", file=sys.stderr)
        return 1
    print(
        f"{args.limit} OrangeSum articles, batch_size={args.batch_size}, "
        f"{os.cpu_count()} CPUs; each system in a fresh process",
        flush=True,
    )
    results: dict[str, dict] = {}
    for system in [s for s in args.systems.split(",") if s]:
        if system not in SYSTEMS:
            parser.error(f"unknown system {system!r} (choose from {', '.join(SYSTEMS)})")
        load0 = os.getloadavg()[0]
        res = spawn(
            {"system": system, "data": str(args.data), "limit": args.limit,
             "batch_size": args.batch_size, "partitions": args.partitions}
        )  # fmt: skip
        res["load_avg"] = [round(load0, 2), round(os.getloadavg()[0], 2)]
        results[system] = res
        if "error" in res:
            print(f"  {system:<8} ERROR {res['error']}", flush=True)
        else:
            print(f"  {system:<8} done: {res['records']} records, load average "
                  f"{load0:.2f} -> {res['load_avg'][1]:.2f}", flush=True)  # fmt: skip
    ok = {k: v for k, v in results.items() if "error" not in v}
    digests = {v["digest"] for v in ok.values()}
    print(
        f"\n{'system':<22} {'records':>7} {'errors':>6} {'words':>9} {'cold s':>7} "
        f"{'words/s':>8} {'warm s':>7} {'words/s':>8}  load avg"
    )
    labels = {"local-1": "annotate n_process=1", "local-2": "annotate n_process=2",
              "spark": "Spark local[2]"}  # fmt: skip
    for name, res in ok.items():
        res["cold_words_per_s"] = res["words"] / res["cold_s"]
        res["warm_words_per_s"] = res["words"] / res["warm_s"]
        print(
            f"{labels[name]:<22} {res['records']:>7} {res['errors']:>6} {res['words']:>9,} "
            f"{res['cold_s']:>7.1f} {res['cold_words_per_s']:>8,.0f} {res['warm_s']:>7.1f} "
            f"{res['warm_words_per_s']:>8,.0f}  {res['load_avg'][0]:.2f} -> {res['load_avg'][1]:.2f}"
        )
    if "spark" in ok:
        print(
            f"(Spark session start and input caching: {ok['spark']['start_s']:.1f} s, not counted)"
        )
    ratios = {}
    for base in ("local-1", "local-2"):
        if base in ok and "spark" in ok:
            for kind in ("cold", "warm"):
                ratios[f"spark / {base} ({kind})"] = (
                    ok["spark"][f"{kind}_words_per_s"] / ok[base][f"{kind}_words_per_s"]
                )
    for name, value in ratios.items():
        print(f"  {name:<26} {value:5.2f}")
    same = len(digests) == 1 and len(ok) == len(results)
    print(
        f"same records from every system: {'yes' if same else 'NO'} ({', '.join(sorted(digests))})"
    )
    summary = {
        "benchmark": "bench_spark",
        "limit": args.limit,
        "batch_size": args.batch_size,
        "partitions": args.partitions,
        "same_records": same,
        "results": results,
        "ratios": {k: round(v, 3) for k, v in ratios.items()},
    }
    print(json.dumps(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
