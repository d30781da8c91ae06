"""Golden outputs: what newsnlp returns on fixed inputs, stored as hashes in ``golden.json``.

The restructure of issue 11 must not change a byte of any output; later changes that do change
outputs on purpose regenerate the file and say so in their commit::

    .venv/bin/python tests/golden/cases.py --update          # all cases (needs the shared data)
    .venv/bin/python tests/golden/cases.py --update --only related

Every case is a function returning ``{name: JSON-serialisable value}``; the stored form is the
SHA-256 of each value's canonical JSON (sorted keys, no spaces), so a mismatch names the article
or query that changed. Inputs: the newsnlp-dev and newsnlp-dev2 pages, the bundled examples,
the first 300 OrangeSum articles (analyze and the batch records), RelatedArticles on the first
5,000 OrangeSum articles, and a Spark run on a slice (see ``test_golden.py``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("NEWSNLP_DATA", ROOT.parent / "shared" / "data"))
GOLDEN = Path(__file__).with_name("golden.json")

#: OrangeSum articles analysed (analyze and batch) and indexed (RelatedArticles).
N_ANALYZE = 300
N_RELATED = 5000


def digest(value: object) -> str:
    """SHA-256 of the canonical JSON of *value* (floats as Python prints them)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dev_pages() -> dict[str, str] | None:
    pages = {}
    for name in ("newsnlp-dev", "newsnlp-dev2"):
        path = DATA / name / "articles.jsonl"
        if not path.exists():
            return None
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            pages[record["id"]] = record["raw"]
    return pages


def orangesum(limit: int) -> list[dict] | None:
    path = DATA / "orangesum-fr" / "orangesum_articles.jsonl.gz"
    if not path.exists():
        return None
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if len(out) == limit:
                break
    return out


def examples() -> dict[str, str]:
    pages = {"sample-article": (ROOT / "examples" / "sample-article.txt").read_text("utf-8")}
    for line in (ROOT / "examples" / "corpus-fr.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        pages[record["id"]] = record["text"]
    return pages


# --------------------------------------------------------------------------- cases
def case_examples() -> dict[str, object]:
    import newsnlp

    out = {}
    for key, text in examples().items():
        out[f"analyze/{key}"] = newsnlp.analyze(text).to_dict()
        out[f"explain/{key}"] = [d.to_dict() for d in newsnlp.explain_cleaning(text)]
    return out


def case_dev() -> dict[str, object] | None:
    import newsnlp

    pages = dev_pages()
    if pages is None:
        return None
    out = {}
    for key, raw in pages.items():
        out[f"analyze/{key}"] = newsnlp.analyze(raw).to_dict()
        out[f"explain/{key}"] = [d.to_dict() for d in newsnlp.explain_cleaning(raw)]
    records = [{"id": key, "text": raw} for key, raw in pages.items()]
    out["batch/dev"] = list(newsnlp.annotate(records, progress=False))
    return out


def case_orangesum() -> dict[str, object] | None:
    import newsnlp

    articles = orangesum(N_ANALYZE)
    if articles is None:
        return None
    out = {f"analyze/os-{a['id']}": newsnlp.analyze(a["text"]).to_dict() for a in articles}
    records = [{"id": a["id"], "text": a["text"], "url": a["url"]} for a in articles]
    out["batch/orangesum"] = list(newsnlp.annotate(records, keep=("url",), progress=False))
    out["batch/orangesum-no-entities"] = list(
        newsnlp.annotate(records, entities=False, progress=False)
    )
    return out


def related_outputs(model, texts: list[str]) -> dict[str, object]:
    """What a fitted RelatedArticles answers: neighbours, scores, groups, queries, vectors."""
    out: dict[str, object] = {}
    ids, scores = model.related_all(k=10)
    out["related_all/ids"] = ids.tolist()
    out["related_all/scores"] = hashlib.sha256(scores.astype("<f4").tobytes()).hexdigest()
    out["duplicates"] = model.duplicates()
    out["duplicates@0.8"] = model.duplicates(0.8)
    for i in (i for i in (0, 7, 42, 999) if i < len(texts)):
        out[f"related/{model.ids_[i]}"] = [r.to_dict() for r in model.related(model.ids_[i], k=10)]
        out[f"related-text/{i}"] = [r.to_dict() for r in model.related(texts[i][:400], by="text")]
    m = model.matrix_
    out["matrix"] = [
        hashlib.sha256(m.data.astype("<f4").tobytes()).hexdigest(),
        hashlib.sha256(m.indices.astype("<i8").tobytes()).hexdigest(),
        hashlib.sha256(m.indptr.astype("<i8").tobytes()).hexdigest(),
    ]
    out["vocabulary"] = digest(sorted(model.vocabulary_.items(), key=lambda kv: kv[1]))
    return out


def case_related() -> dict[str, object] | None:
    from newsnlp import RelatedArticles

    articles = orangesum(N_RELATED)
    if articles is None:
        return None
    texts = [a["text"] for a in articles]
    kwargs = {
        "ids": [a["id"] for a in articles],
        "titles": [a["title"] for a in articles],
        "dates": [a["published"] or None for a in articles],
    }
    out = {}
    for name, params in (("default", {}), ("exact", {"search": "exact"})):
        model = RelatedArticles(**params).fit(texts, **kwargs)
        out.update({f"{name}/{k}": v for k, v in related_outputs(model, texts).items()})
    return out


def spark_session():
    """A local Spark session (the configuration of tests/test_spark.py), or None without
    pyspark or Java."""
    import shutil

    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master("local[2]")
        .appName("newsnlp-golden")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def case_spark() -> dict[str, object] | None:
    """annotate_spark on the first 40 OrangeSum articles, fit_related_spark on 400."""
    articles = orangesum(400)
    spark = spark_session() if articles is not None else None
    if spark is None:
        return None
    from newsnlp.integrations.spark import annotate_spark, fit_related_spark

    rows = [(a["id"], a["text"], a["title"], a["date"]) for a in articles]
    df = spark.createDataFrame(rows, "id string, text string, title string, date string")
    annotated = annotate_spark(df.limit(40).repartition(2, "id"), keep=("date",))
    out: dict[str, object] = {}
    for row in sorted(annotated.collect(), key=lambda r: r["id"]):
        out[f"annotate/{row['id']}"] = row.asDict(recursive=True)
    model = fit_related_spark(df.coalesce(2), title_field="title", date_field="date", min_df=2)
    texts = [a["text"] for a in articles]
    out.update({f"fit/{k}": v for k, v in related_outputs(model, texts).items() if "999" not in k})
    return out


CASES = {
    "spark": case_spark,
    "examples": case_examples,
    "dev": case_dev,
    "orangesum": case_orangesum,
    "related": case_related,
}


def compute(name: str) -> dict[str, str] | None:
    values = CASES[name]()
    if values is None:
        return None
    return {key: digest(value) for key, value in values.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite golden.json")
    parser.add_argument("--only", choices=sorted(CASES), action="append")
    args = parser.parse_args(argv)
    stored = json.loads(GOLDEN.read_text("utf-8")) if GOLDEN.exists() else {}
    changed = 0
    for name in args.only or sorted(CASES):
        hashes = compute(name)
        if hashes is None:
            print(f"{name}: data not available, kept as stored", file=sys.stderr)
            continue
        old = stored.get(name, {})
        diff = sorted(k for k in set(hashes) | set(old) if hashes.get(k) != old.get(k))
        changed += len(diff)
        print(f"{name}: {len(hashes)} outputs, {len(diff)} changed {diff[:10]}", file=sys.stderr)
        stored[name] = hashes
    if args.update:
        GOLDEN.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", "utf-8")
    return 0 if args.update or not changed else 1


if __name__ == "__main__":
    sys.exit(main())
