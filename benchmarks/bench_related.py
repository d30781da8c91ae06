"""Related articles: quality, near-duplicates, speed, latency and fit time of newsnlp vs scikit-learn.

Usage::

    .venv/bin/python benchmarks/bench_related.py [--data DIR] [--limit N] [--synthetic 10000,100000]
        [--skip-baseline] [--quick] [--timeout 600] [--queries 200] [--skip-quality]
        [--all-variants] [--full-baseline-max 40000]

Run time on the 2-core development machine: ``--quick`` (2,000 articles, 2,000 synthetic) well under
a minute; ``--synthetic 10000,100000,1000000`` 55 min (measured: OrangeSum quality and speed
~20 min; at 1M the baseline fits in 4 min and its 2,000-row kneighbors sample takes 5 min at
14 GB; newsnlp fits in 4 min, then its one-off costs take ~13 min per run: inverted index,
near-duplicate groups, pruned search index). Corpora larger than ``--full-baseline-max`` are
timed on the same 2,000 random rows for both systems and extrapolated (newsnlp with
``related_all(ids=...)``, its one-off costs added once).

Every measurement runs in a fresh subprocess of this script (so that peak RSS is per system and
per corpus), one at a time. Baselines are measured in the same run, on the same texts. newsnlp is
``newsnlp.related.RelatedArticles`` with its default parameters; until that module exists,
its columns print ``n/a``.

1. **Quality** (OrangeSum, 33,059 articles). For every article, its 10 nearest articles excluding
   itself and every member of its duplicate group (``orangesum_duplicate_groups.txt``). Label
   "topic/subtopic" = the pair (``topic``, ``subtopic``), ``subtopic`` being empty outside
   ``societe`` (12 classes). P@10 topic = mean over all articles of the share of the 10 neighbours
   with the same pair; P@10 tags = mean, over the 9,710 articles with >= 1 editorial tag, of the
   share of neighbours sharing at least one tag (untagged neighbours and missing neighbours are
   misses). Also shown: "tags, tagged pool", the same P@10 when neighbours are searched among
   the tagged articles only: the issue's 0.765 reference is close to that figure (0.777), while
   the definition above gives 0.626 for the same baseline, so the tag goal is checked on the
   tagged pool and the all-article figure is information.
   Baseline: ``TfidfVectorizer()`` defaults on ``title + "\\n" + body`` (this reproduces the issue's
   0.589; bodies alone give 0.577), exact cosine top-10 computed blockwise by this script
   (:func:`exact_top_k`), ties broken by position like newsnlp: equal scores are identical copies
   of one wire, filed under different topics, so an arbitrary tie order moves P@10 by ~0.001. newsnlp: ``related_all(k)``
   with ``k = 10 + largest group - 1`` then group members dropped (same as ``related(id,
   exclude=group)``, as ``related_all`` is prefix-consistent); the default figure is
   ``fit(bodies, ids=ids, titles=titles, dates=dates)`` (the API documents ``texts`` as bodies and
   takes titles separately). Also shown: bodies only (vs the baseline on bodies only),
   ``title_weight=2`` and ``ngram_range=(1, 2)`` (information); ``--all-variants`` adds title and
   body concatenated as the text, which with ``title_weight=1`` is the same bag of terms as the
   default (measured: identical figures).
2. **Near-duplicates** (same newsnlp model): recall of the pairs of a duplicate group whose bodies
   are identical (``text`` equal) among the pairs put in one group by ``.duplicates()`` (goal
   >= 0.95); and how many times a member of an article's own duplicate group appears in its top
   10 from ``related_all(k=10)``, split identical-body (goal 0: the issue's "none of them ever
   recommended") / other groups (updated versions with another body: information). The baseline's
   count (top 10 with only the article itself excluded) is shown for comparison.
3. **Speed of ``related_all(k=10)``** on OrangeSum (``title + "\\n" + body``) and on the synthetic
   corpus (``benchmarks/_synthetic.py``). Baseline: ``TfidfVectorizer()`` then
   ``NearestNeighbors(n_neighbors=11, metric="cosine", algorithm="brute").fit(X).kneighbors(X)``;
   each system uses its own matrix, the vectorisation is not included (it is section 5). Above
   ``--full-baseline-max`` documents (40,000) the baseline's kneighbors runs on 2,000 random
   query rows and its time is multiplied by n / 2,000 (said so in the table). Both systems run
   with their defaults (one thread each); newsnlp with ``n_jobs=-1`` is also shown when its
   default run took less than 120 s. newsnlp's recall@10 against the exact top 10 of its own
   ``matrix_`` (self and cosine >= ``duplicate_threshold`` excluded, as ``related`` does) on 1,000
   random rows, ties at the 10th score counted as found. A run longer than ``--timeout`` is
   abandoned and reported as ``>T``.
4. **Latency of ``related(text)``**: 200 new articles queried one at a time against the index,
   one thread (``OMP_NUM_THREADS=1``, ``threadpool_limits(1)``, ``n_jobs=1``); median and p95.
   OrangeSum queries are new texts made of the first half of one article's body and the second
   half of another's; synthetic queries are documents generated after the indexed ones. The
   first query after ``fit`` (it builds newsnlp's cached inverted index and near-duplicate
   groups) is timed apart. Baseline:
   ``vectorizer.transform([text])`` + ``kneighbors(q, n_neighbors=10)``. At most 60 s of queries
   per system (the count is shown).
5. **Fit time**: ``RelatedArticles().fit(texts)`` vs ``TfidfVectorizer().fit_transform(texts)``,
   same strings, same corpus (goal ratio <= 1.2).

Peak RSS (``ru_maxrss``) of every speed worker is reported, after fit and at the end (goal for
newsnlp at 1,000,000 synthetic documents: < 8 GB, texts included; "texts only" is the RSS once
the texts are loaded, before newsnlp or scikit-learn is imported). The last output line is one JSON object with every
figure.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
K = 10
GOALS = {
    "quality_delta_topic": 0.05,
    "quality_delta_tags": 0.08,
    "dup_recall": 0.99,
    "dup_precision": 0.99,
    "dup_in_top10": 0,
    "small_top1": 0.90,
    "small_writeups_grouped": 0,
    "small_empty": 0,
    "speedup": 5.0,
    "recall": 0.99,
    "latency_ms_1m": 50.0,
    "fit_ratio": 1.2,
    "rss_mb_1m": 8192.0,
    "spark_recall": 0.99,
    "spark_speedup": 1.6,
}
REFERENCE = {"baseline_topic": 0.589, "baseline_tags": 0.765}
BASELINE_SAMPLE = 2000
RECALL_SAMPLE = 1000
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


# ------------------------------------------------------------------------------------ data
def load_synthetic_module():
    path = Path(__file__).resolve().parent / "_synthetic.py"
    spec = importlib.util.spec_from_file_location("_bench_synthetic", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_orangesum(data: Path, limit: int | None = None) -> list[dict]:
    arts: list[dict] = []
    path = data / "orangesum-fr" / "orangesum_articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            arts.append(json.loads(line))
            if limit and len(arts) >= limit:
                break
    return arts


def load_groups(data: Path, ids: list[str]) -> list[np.ndarray]:
    """Duplicate groups as arrays of row positions (ids not loaded dropped, groups of >= 2 kept)."""
    pos = {v: i for i, v in enumerate(ids)}
    groups = []
    path = data / "orangesum-fr" / "orangesum_duplicate_groups.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        members = sorted({pos[v.strip()] for v in line.split(",") if v.strip() in pos})
        if len(members) >= 2:
            groups.append(np.asarray(members, dtype=np.int64))
    return groups


def group_of(groups: list[np.ndarray], n: int) -> np.ndarray:
    out = np.full(n, -1, dtype=np.int64)
    for g, members in enumerate(groups):
        out[members] = g
    return out


def topic_labels(arts: list[dict]) -> np.ndarray:
    """(topic, subtopic) as one string; subtopic is empty outside ``societe``."""
    return np.array(
        [
            a["topic"] + "/" + ((a.get("subtopic") or "") if a["topic"] == "societe" else "")
            for a in arts
        ]
    )


def tag_matrix(arts: list[dict]) -> sp.csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, a in enumerate(arts):
        for t in set(a.get("tags") or ()):
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    return sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(arts), max(len(vocab), 1))
    )


def spliced_queries(bodies: list[str], n: int, seed: int = 7) -> list[str]:
    """New articles: first half of one body + second half of another (words), seeded."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        a, b = rng.choice(len(bodies), 2, replace=False)
        wa, wb = bodies[a].split(), bodies[b].split()
        out.append(" ".join(wa[: len(wa) // 2] + wb[len(wb) // 2 :]))
    return out


def orangesum_texts(arts: list[dict]) -> list[str]:
    """The baseline's input: title and body (the issue's 0.589 comes from this)."""
    return [a["title"] + "\n" + a["text"] for a in arts]


# ------------------------------------------------------------------------- exact top-k
def exact_top_k(
    X: sp.csr_matrix,
    k: int,
    rows: np.ndarray | None = None,
    cols: np.ndarray | None = None,
    below: float | None = None,
    max_block_entries: int = 1 << 27,
) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine top-*k* of rows *rows* of *X* (L2-normalised) among rows *cols* (default all).

    Blockwise dense similarity blocks ``X[rows_block] @ X[cols].T``; the most expensive terms
    (largest df products) are multiplied as dense BLAS blocks and the rest as sparse products,
    the split chosen by a cost model. Excluded: the row itself, scores <= 0 (no shared term) and,
    if *below* is given, scores >= below - 1e-6 (newsnlp's near-duplicates). Ties: score
    descending then position ascending. Returns ``(positions, scores)`` of shape (len(rows), k),
    positions into *X*, padded with -1 / NaN.
    """
    X = sp.csr_matrix(X)
    if X.dtype != np.float32:
        X = X.astype(np.float32)
    n = X.shape[0]
    Y = X if cols is None else X[cols]
    Q = X if rows is None else X[rows]
    rows = np.arange(n) if rows is None else np.asarray(rows, dtype=np.int64)
    cols = np.arange(n) if cols is None else np.asarray(cols, dtype=np.int64)
    col_of = np.full(n, -1, dtype=np.int64)
    col_of[cols] = np.arange(len(cols))
    dfy = np.bincount(Y.indices, minlength=X.shape[1]).astype(np.float64)
    dfq = np.bincount(Q.indices, minlength=X.shape[1]).astype(np.float64)
    cost = dfy * dfq
    order = np.argsort(-cost, kind="stable")
    tail = np.concatenate((np.cumsum(cost[order][::-1])[::-1], [0.0]))
    cap = min(4000, (1 << 27) // max(len(cols), 1), X.shape[1])
    best_t, best = 0, float("inf")
    for t in (0, 100, 200, 500, 1000, 2000, 4000):
        if t > cap:
            break
        est = len(rows) * len(cols) * t / 4e10 + tail[t] / 5e7 if t else tail[0] / 5e7
        if est < best:
            best_t, best = t, est
    if best_t:
        hi = order[:best_t]
        lo = np.setdiff1d(np.arange(X.shape[1]), hi)
        Yh = np.ascontiguousarray(Y[:, hi].toarray())
        Qh = Q[:, hi].tocsr()
        YlT = Y[:, lo].T.tocsr()
        Ql = Q[:, lo].tocsr()
    else:
        Yh = Qh = None
        YlT, Ql = Y.T.tocsr(), Q
    kk = min(k, len(cols))
    out_pos = np.full((len(rows), k), -1, dtype=np.int64)
    out_sc = np.full((len(rows), k), np.nan, dtype=np.float32)
    step = max(1, min(2000, max_block_entries // max(len(cols), 1)))
    for a in range(0, len(rows), step):
        b = min(a + step, len(rows))
        D = (Ql[a:b] @ YlT).toarray()
        if Yh is not None:
            D += Qh[a:b].toarray() @ Yh.T
        self_cols = col_of[rows[a:b]]
        has = self_cols >= 0
        D[np.flatnonzero(has), self_cols[has]] = -np.inf
        D[D <= 0] = -np.inf
        if below is not None:
            too_close = D >= below - 1e-6  # noqa: SIM300
            D[too_close] = -np.inf
        p = np.argpartition(-D, kk - 1, axis=1)[:, :kk]
        s = np.take_along_axis(D, p, axis=1)
        o = np.lexsort((p, -s), axis=1)
        p, s = np.take_along_axis(p, o, axis=1), np.take_along_axis(s, o, axis=1)
        ok = np.isfinite(s)
        out_pos[a:b, :kk] = np.where(ok, cols[p], -1)
        out_sc[a:b, :kk] = np.where(ok, s, np.nan)
    return out_pos, out_sc


def drop_group_members(
    pos: np.ndarray, rows: np.ndarray, gof: np.ndarray, k: int = K
) -> tuple[np.ndarray, int]:
    """Remove each row's own-group members from its neighbour list (order kept), keep *k*.

    Returns the new (len(rows), k) positions (-1 padded) and how many members were removed.
    """
    g = gof[rows][:, None]
    same = (g >= 0) & (pos >= 0) & (gof[np.maximum(pos, 0)] == g)
    order = np.argsort(same, axis=1, kind="stable")  # False (kept) first, order preserved
    kept = np.where(np.take_along_axis(same, order, axis=1), -1, np.take_along_axis(pos, order, 1))
    return kept[:, :k], int(same.sum())


def count_group_members(pos: np.ndarray, rows: np.ndarray, gof: np.ndarray) -> int:
    g = gof[rows][:, None]
    return int(((g >= 0) & (pos >= 0) & (gof[np.maximum(pos, 0)] == g)).sum())


def precision_topic(pos: np.ndarray, rows: np.ndarray, labels: np.ndarray, k: int = K) -> float:
    hits = (pos >= 0) & (labels[np.maximum(pos, 0)] == labels[rows][:, None])
    return float(hits[:, :k].sum() / (len(rows) * k))


def precision_tags(pos: np.ndarray, rows: np.ndarray, tags: sp.csr_matrix, k: int = K) -> float:
    """Mean share of the *k* neighbours sharing >= 1 tag with the query (-1 padding = miss)."""
    pos = pos[:, :k]
    q = np.repeat(rows, k)
    nb = pos.ravel()
    valid = nb >= 0
    shared = np.zeros(len(nb), dtype=bool)
    prod = tags[q[valid]].multiply(tags[nb[valid]])
    shared[valid] = np.asarray(prod.sum(axis=1)).ravel() > 0
    return float(shared.sum() / (len(rows) * k))


def recall_at_k(
    got: np.ndarray, exact_pos: np.ndarray, exact_sc: np.ndarray, X: sp.csr_matrix, rows: np.ndarray
) -> float:
    """Share of the exact neighbours found; a returned neighbour whose true score ties the exact
    list's last score (1e-5) counts as found (which of equal-score articles is listed is a tie)."""
    found = total = 0
    X = sp.csr_matrix(X, dtype=np.float32)
    for i, r in enumerate(rows):
        ex = exact_pos[i][exact_pos[i] >= 0]
        if not len(ex):
            continue
        g = got[i][got[i] >= 0]
        inter = np.intersect1d(ex, g)
        extra = np.setdiff1d(g, ex)
        ties = 0
        if len(extra):
            true = np.asarray((X[extra] @ X[r].T).todense()).ravel()
            ties = int((true >= np.nanmin(exact_sc[i]) - 1e-5).sum())
        found += min(len(ex), len(inter) + ties)
        total += len(ex)
    return found / total if total else float("nan")


def recall_by_scores(
    got_pos: np.ndarray, got_sc: np.ndarray, ex_pos: np.ndarray, ex_sc: np.ndarray
) -> float:
    """Share of the exact neighbours found (rows of positions, -1 padded); a returned
    neighbour whose score reaches the exact list's last score (1e-6) counts as found (which of
    equal-score articles is listed is a tie). Both systems' scores are newsnlp's own."""
    found = total = 0
    for i in range(len(ex_pos)):
        ex = ex_pos[i][ex_pos[i] >= 0]
        if not len(ex):
            continue
        g = got_pos[i] >= 0
        inter = len(np.intersect1d(ex, got_pos[i][g]))
        extra = g & ~np.isin(got_pos[i], ex) & (got_sc[i] >= np.nanmin(ex_sc[i]) - 1e-6)
        found += min(len(ex), inter + int(extra.sum()))
        total += len(ex)
    return found / total if total else float("nan")


# ------------------------------------------------------------------------------ newsnlp API
def newsnlp_related():
    """The ``newsnlp.related`` package (ImportError / AttributeError if not there yet)."""
    import importlib

    module = importlib.import_module("newsnlp.related")
    module.RelatedArticles  # noqa: B018 - AttributeError if missing
    return module


def _accepts(func, name: str) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def newsnlp_fit(est, texts, ids=None, titles=None, dates=None):
    kwargs = {}
    if ids is not None:
        kwargs["ids"] = ids  # keyword-only since the restructure (positional: deprecated)
    if titles is not None:
        kwargs["titles"] = titles
    if dates is not None and _accepts(est.fit, "dates"):
        kwargs["dates"] = dates
    return est.fit(texts, **kwargs)


def newsnlp_related_all(est, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``related_all(k)`` as row positions (-1 padded) and scores."""
    if _accepts(est.related_all, "positions"):
        pos, sc = est.related_all(k=k, positions=True)
        return np.asarray(pos, dtype=np.int64), np.asarray(sc, dtype=np.float32)
    ids, sc = est.related_all(k=k)
    lookup = {v: i for i, v in enumerate(est.ids_)}
    pos = np.array([[lookup.get(v, -1) if v is not None else -1 for v in row] for row in ids])
    return pos.astype(np.int64), np.asarray(sc, dtype=np.float32)


def newsnlp_query(est):
    by_text = _accepts(est.related, "by")

    def query(text: str):
        return est.related(text, k=K, by="text") if by_text else est.related(text, k=K)

    return query


def newsnlp_matrix(est, texts) -> sp.csr_matrix:
    m = getattr(est, "matrix_", None)
    return m if m is not None else est.transform(texts)


def newsnlp_exact(est, rows: np.ndarray, k: int = K):
    """Exact reference for newsnlp's ``related_all`` on *rows*: the same index searched with
    ``search="exact"`` (every candidate scored: what ``related()`` returns), positions and
    scores."""
    before = est.get_params()["search"]
    est.set_params(search="exact")  # read at query time: the caches are kept
    try:
        pos, sc = est.related_all(k=k, ids=[est.ids_[r] for r in rows], positions=True)
    finally:
        est.set_params(search=before)
    return np.asarray(pos, dtype=np.int64), np.asarray(sc, dtype=np.float32)


def newsnlp_pool(est, pool: np.ndarray, k: int) -> np.ndarray:
    """Each pool article's *k* related articles searched among the pool only (``related()``
    with every other article excluded), as positions (-1 padded)."""
    outside = [est.ids_[i] for i in np.setdiff1d(np.arange(len(est.ids_)), pool)]
    out = np.full((len(pool), k), -1, dtype=np.int64)
    pos_of = {v: i for i, v in enumerate(est.ids_)}
    for row, r in enumerate(pool.tolist()):
        found = est.related(est.ids_[r], k=k, exclude=outside)
        out[row, : len(found)] = [pos_of[x.id] for x in found]
    return out


def newsnlp_params(est) -> dict:
    def show(v):
        if isinstance(v, (int, float, str, bool, type(None))):
            return v
        if callable(v) and hasattr(v, "__qualname__"):
            return f"{getattr(v, '__module__', '')}.{v.__qualname__}".lstrip(".")
        return repr(v)

    return {k: show(v) for k, v in est.get_params().items()}


# ------------------------------------------------------------------------------------ workers
def emit(**fields) -> None:
    print("@@ " + json.dumps(fields), flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def current_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run_with_deadline(fn, seconds: float):
    """``(value, seconds)`` of ``fn()``, or ``(None, None)`` if still running after *seconds*."""
    box: dict = {}

    def target():
        start = time.perf_counter()
        try:
            box["value"] = fn()
        except BaseException as exc:  # re-raised in the caller
            box["error"] = exc
        box["s"] = time.perf_counter() - start

    th = threading.Thread(target=target, daemon=True)
    th.start()
    th.join(seconds)
    if th.is_alive():
        return None, None
    if "error" in box:
        raise box["error"]
    return box["value"], box["s"]


def latency(query, texts: list[str], budget_s: float = 60.0) -> dict:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        start = time.perf_counter()
        query(texts[0])
        first = time.perf_counter() - start
        times = []
        t_end = time.perf_counter() + budget_s
        for text in texts[1:]:
            t0 = time.perf_counter()
            query(text)
            times.append(time.perf_counter() - t0)
            if time.perf_counter() > t_end:
                break
    ms = np.asarray(times) * 1000
    return {
        "first_ms": first * 1000,
        "median_ms": float(np.median(ms)),
        "p95_ms": float(np.percentile(ms, 95)),
        "n": len(ms),
    }


def corpus_texts(spec: dict) -> tuple[list[str], list[str]]:
    """(index texts, query texts) for a speed worker."""
    if spec["corpus"] == "orangesum":
        arts = load_orangesum(Path(spec["data"]), spec.get("limit"))
        return orangesum_texts(arts), spliced_queries(
            [a["text"] for a in arts], spec["queries"] + 1
        )
    syn = load_synthetic_module()
    n = spec["n"]
    return syn.generate(n), syn.generate(spec["queries"] + 1, start=n)


def worker_speed(spec: dict) -> None:
    system = spec["system"]
    start = time.perf_counter()
    texts, queries = corpus_texts(spec)  # before importing newsnlp / sklearn: RSS of the texts
    emit(n=len(texts), load_s=time.perf_counter() - start, rss_texts_mb=current_rss_mb())
    if system == "newsnlp":
        try:
            sim = newsnlp_related()
        except (ImportError, AttributeError) as exc:
            emit(unavailable=f"{type(exc).__name__}: {exc}")
            return
    if system == "baseline":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.neighbors import NearestNeighbors

        vec = TfidfVectorizer()
        start = time.perf_counter()
        X = vec.fit_transform(texts)
        emit(fit_s=time.perf_counter() - start, nnz=int(X.nnz), terms=int(X.shape[1]))
        emit(rss_after_fit_mb=peak_rss_mb())
        n = X.shape[0]
        start = time.perf_counter()
        nn = NearestNeighbors(n_neighbors=K + 1, metric="cosine", algorithm="brute").fit(X)
        if n <= spec["full_baseline_max"]:
            nn.kneighbors(X)
            emit(related_all_s=time.perf_counter() - start, extrapolated=False)
        else:
            sample = np.sort(np.random.default_rng(0).choice(n, BASELINE_SAMPLE, replace=False))
            nn.kneighbors(X[sample])
            measured = time.perf_counter() - start
            emit(
                related_all_s=measured * n / BASELINE_SAMPLE,
                extrapolated=True,
                sample_rows=BASELINE_SAMPLE,
                sample_s=measured,
            )

        def query(text):
            return nn.kneighbors(vec.transform([text]), n_neighbors=K)

        emit(latency=latency(query, queries, spec["latency_budget_s"]))
        emit(rss_mb=peak_rss_mb())
        return

    est = sim.RelatedArticles()
    start = time.perf_counter()
    newsnlp_fit(est, texts)
    emit(fit_s=time.perf_counter() - start, params=newsnlp_params(est))
    emit(rss_after_fit_mb=peak_rss_mb())
    M = newsnlp_matrix(est, texts)
    emit(nnz=int(M.nnz), terms=int(M.shape[1]))
    n_jobs = est.get_params().get("n_jobs")

    def measure_latency():
        est.set_params(n_jobs=1)
        emit(latency=latency(newsnlp_query(est), queries, spec["latency_budget_s"]))
        est.set_params(n_jobs=n_jobs)

    if spec.get("latency_only"):
        measure_latency()
        emit(rss_mb_latency_worker=peak_rss_mb())
        return
    n = len(texts)
    if n > spec["full_baseline_max"] and _accepts(est.related_all, "ids"):
        # as for the baseline: the rows of a sample, extrapolated; plus the one-off costs (the
        # inverted index, the near-duplicate groups, the pruned search's index), timed apart
        sample = np.sort(np.random.default_rng(0).choice(n, BASELINE_SAMPLE, replace=False))
        sample_ids = [est.ids_[i] for i in sample]
        for label, jobs in (("", n_jobs), ("_all_cores", -1)):
            est.set_params(n_jobs=jobs)
            start = time.perf_counter()
            est.related_all(k=K, ids=[])
            once_s = time.perf_counter() - start  # first call: groups + index + search index
            start = time.perf_counter()
            est.related_all(k=K, ids=[])
            per_call_s = time.perf_counter() - start  # the search index alone (every call)
            start = time.perf_counter()
            est.related_all(k=K, ids=sample_ids, positions=True)
            sample_s = time.perf_counter() - start - per_call_s
            est.set_params(n_jobs=n_jobs)
            emit(
                **{
                    f"related_all{label}_s": once_s + sample_s * n / BASELINE_SAMPLE,
                    f"related_all{label}_sample_s": sample_s,
                    f"related_all{label}_once_s": once_s,
                },
                extrapolated=True,
                sample_rows=BASELINE_SAMPLE,
                n_jobs=jobs,
                cores=os.cpu_count(),
            )
            if label == "":
                est._reset_caches()  # the all-cores run pays the one-off costs again (the
                # cache of newsnlp.related.index.QueryCache: inverted index, groups)
        measure_latency()
        emit(rss_mb=peak_rss_mb())
        rows = sample[:RECALL_SAMPLE]
        ex_pos, ex_sc = newsnlp_exact(est, rows)
        got_pos, got_sc = est.related_all(k=K, ids=[est.ids_[r] for r in rows], positions=True)
        emit(recall=recall_by_scores(got_pos, got_sc, ex_pos, ex_sc), recall_rows=len(rows))
        return
    # related_all first, on the freshly fitted model (as a user would call it).
    result, seconds = run_with_deadline(lambda: newsnlp_related_all(est, K), spec["timeout"])
    if result is None:  # the abandoned thread cannot be stopped: exit, latency is re-run apart
        emit(related_all_s=None, timeout_s=spec["timeout"], rss_mb=peak_rss_mb())
        sys.stdout.flush()
        os._exit(0)
    emit(related_all_s=seconds, n_jobs=n_jobs)
    pos, pos_sc = result
    if seconds < 120 and (os.cpu_count() or 1) > 1:
        est.set_params(n_jobs=-1)
        _, seconds_mt = run_with_deadline(lambda: newsnlp_related_all(est, K), spec["timeout"])
        est.set_params(n_jobs=n_jobs)
        emit(related_all_all_cores_s=seconds_mt, cores=os.cpu_count())
    measure_latency()
    emit(rss_mb=peak_rss_mb())  # before the recall check (its copies are not newsnlp's)
    rows = np.sort(
        np.random.default_rng(1).choice(len(texts), min(RECALL_SAMPLE, len(texts)), replace=False)
    )
    start = time.perf_counter()
    ex_pos, ex_sc = newsnlp_exact(est, rows)
    emit(
        recall=recall_by_scores(pos[rows], pos_sc[rows], ex_pos, ex_sc),
        recall_rows=len(rows),
        recall_check_s=time.perf_counter() - start,
    )


def worker_quality_baseline(spec: dict) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    data = Path(spec["data"])
    arts = load_orangesum(data, spec.get("limit"))
    n = len(arts)
    groups = load_groups(data, [a["id"] for a in arts])
    gof = group_of(groups, n)
    labels, tags = topic_labels(arts), tag_matrix(arts)
    tagged = np.flatnonzero(np.diff(tags.indptr) > 0)
    rows = np.arange(n)
    kbig = K + max((len(g) for g in groups), default=1) - 1
    out = {}
    for name, texts in (("title+body", orangesum_texts(arts)), ("body", [a["text"] for a in arts])):
        X = TfidfVectorizer().fit_transform(texts)
        start = time.perf_counter()
        pos, _ = exact_top_k(X, kbig)
        seconds = time.perf_counter() - start
        top, _ = drop_group_members(pos, rows, gof)
        tpos, _ = exact_top_k(X, kbig, rows=tagged, cols=tagged)
        ttop, _ = drop_group_members(tpos, tagged, gof)
        out[name] = {
            "topic": precision_topic(top, rows, labels),
            "tags": precision_tags(top[tagged], tagged, tags),
            "tags_tagged_pool": precision_tags(ttop, tagged, tags),
            "group_members_in_top10_self_only": count_group_members(pos[:, :K], rows, gof),
            "exact_topk_s": seconds,
        }
        emit(**{name: out[name]})
    emit(n=n, tagged=len(tagged), groups=len(groups))


def identical_pairs(arts: list[dict], groups: list[np.ndarray]) -> tuple[list, list]:
    """Pairs (i < j) of a group with identical bodies, and the group's other pairs."""
    same, other = [], []
    for g in groups:
        for a_i, i in enumerate(g):
            for j in g[a_i + 1 :]:
                (same if arts[i]["text"] == arts[j]["text"] else other).append((int(i), int(j)))
    return same, other


def worker_quality_newsnlp(spec: dict) -> None:
    try:
        sim = newsnlp_related()
    except (ImportError, AttributeError) as exc:
        emit(unavailable=f"{type(exc).__name__}: {exc}")
        return
    data = Path(spec["data"])
    arts = load_orangesum(data, spec.get("limit"))
    n = len(arts)
    ids = [a["id"] for a in arts]
    bodies = [a["text"] for a in arts]
    titles = [a["title"] for a in arts]
    dates = [a.get("published") or a.get("date") or None for a in arts]
    groups = load_groups(data, ids)
    gof = group_of(groups, n)
    labels, tags = topic_labels(arts), tag_matrix(arts)
    tagged = np.flatnonzero(np.diff(tags.indptr) > 0)
    rows = np.arange(n)
    kbig = K + max((len(g) for g in groups), default=1) - 1
    variants = [
        ("default", {}, dict(texts=bodies, titles=titles, dates=dates)),
        ("title+body as text", {}, dict(texts=orangesum_texts(arts))),
        ("body only", {}, dict(texts=bodies)),
        ("title_weight=2", {"title_weight": 2}, dict(texts=bodies, titles=titles, dates=dates)),
        ("ngram_range=(1, 2)", {"ngram_range": (1, 2)}, dict(texts=bodies, titles=titles, dates=dates)),
        ("latent_dims=0 (cosine only)", {"latent_dims": 0}, dict(texts=bodies, titles=titles, dates=dates)),
    ]  # fmt: skip
    cores = -1 if (os.cpu_count() or 1) > 1 else None
    if not spec.get("all_variants"):  # with title_weight=1: the same bag of words as "default"
        variants = [v for v in variants if v[0] != "title+body as text"]
    for name, params, inputs in variants:
        est = sim.RelatedArticles(**params)
        start = time.perf_counter()
        newsnlp_fit(est, inputs["texts"], ids, inputs.get("titles"), inputs.get("dates"))
        fit_s = time.perf_counter() - start
        est.set_params(n_jobs=cores)
        start = time.perf_counter()
        pos, _ = newsnlp_related_all(est, kbig)
        seconds = time.perf_counter() - start
        top, _ = drop_group_members(pos, rows, gof)
        res = {
            "topic": precision_topic(top, rows, labels),
            "tags": precision_tags(top[tagged], tagged, tags),
            "fit_s": fit_s,
            f"related_all_k{kbig}_s": seconds,
        }
        if name == "default":
            tpos = newsnlp_pool(est, tagged, kbig)  # searched among the tagged articles only
            ttop, _ = drop_group_members(tpos, tagged, gof)
            res["tags_tagged_pool"] = precision_tags(ttop, tagged, tags)
            res["params"] = newsnlp_params(est)
            # Section 2: duplicates and own-group members in related_all(k=10).
            top10, _ = newsnlp_related_all(est, K)
            # related_all(k=10) should be the prefix of related_all(k=kbig) used above
            res["prefix_mismatch_rows"] = int((top10 != pos[:, :K]).any(axis=1).sum())
            same, other = identical_pairs(arts, groups)
            same_set = set(same)
            g = gof[rows][:, None]
            in_group = (g >= 0) & (top10 >= 0) & (gof[np.maximum(top10, 0)] == g)
            r_idx, c_idx = np.nonzero(in_group)
            ident = sum(
                (min(i, j), max(i, j)) in same_set
                for i, j in zip(r_idx.tolist(), top10[r_idx, c_idx].tolist(), strict=True)
            )
            start = time.perf_counter()
            found_groups = est.duplicates()
            dup_s = time.perf_counter() - start
            pos_of = {v: i for i, v in enumerate(ids)}
            found_of = np.full(n, -1, dtype=np.int64)
            for gi, members in enumerate(found_groups):
                found_of[[pos_of[v] for v in members]] = gi

            def recall(pairs, found_of=found_of):
                if not pairs:
                    return None
                hit = sum(found_of[i] >= 0 and found_of[i] == found_of[j] for i, j in pairs)
                return hit / len(pairs)

            found_pairs = sum(len(m) * (len(m) - 1) // 2 for m in found_groups)
            listed = 0  # found pairs that are also in one listed group
            for members in found_groups:
                g_ids = gof[[pos_of[v] for v in members]]
                counts = np.bincount(g_ids[g_ids >= 0])
                listed += int((counts * (counts - 1) // 2).sum())
            res["duplicates"] = {
                "identical_pairs": len(same),
                "recall_identical": recall(same),
                "other_pairs": len(other),
                "recall_other": recall(other),
                "groups_found": len(found_groups),
                "articles_in_groups_found": int((found_of >= 0).sum()),
                "pairs_found": found_pairs,
                "pairs_found_not_listed": found_pairs - listed,
                "group_members_in_top10": int(in_group.sum()),
                "identical_in_top10": int(ident),
                "other_group_in_top10": int(in_group.sum()) - int(ident),
                "duplicates_s": dup_s,
            }
        emit(**{name: res})
    emit(n=n, tagged=len(tagged), groups=len(groups))


# --------------------------------------------------------------------- small corpora (fixture)
FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "small-corpus"
SMALL_SIZES = (5, 20, 50, 200)


def load_fixture() -> list[dict]:
    """The invented stories of ``tests/fixtures/small-corpus`` (two or three write-ups each)."""
    path = FIXTURE / "articles.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def small_corpus(size: int, stories: list[dict], data: Path) -> list[dict]:
    """The first whole stories making *size* articles; above the fixture, every story plus
    OrangeSum articles (single-article "stories", never queried) up to *size*."""
    if size <= len(stories):
        out, seen = [], []
        for a in stories:
            if a["story"] not in seen:
                if len(out) >= size:
                    break
                seen.append(a["story"])
            out.append(a)
        return out
    extra = load_orangesum(data, size - len(stories))
    return stories + [
        {"id": f"os-{a['id']}", "story": f"os-{a['id']}", "title": a["title"], "text": a["text"]}
        for a in extra
    ]


def small_scores(neighbour_of, corpus: list[dict]) -> dict:
    """Top-1 from the article's own story (articles whose story has another article in the
    corpus), and the empty answers among them."""
    story = {a["id"]: a["story"] for a in corpus}
    size = {}
    for a in corpus:
        size[a["story"]] = size.get(a["story"], 0) + 1
    hit = total = empty = 0
    for a in corpus:
        if size[a["story"]] < 2:
            continue
        total += 1
        first = neighbour_of(a["id"])
        empty += first is None
        hit += first is not None and story[first] == a["story"]
    return {"top1": hit / total if total else None, "queries": total, "empty": empty}


def worker_small(spec: dict) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    sim = newsnlp_related()
    stories = load_fixture()
    for size in SMALL_SIZES:
        corpus = small_corpus(size, stories, Path(spec["data"]))
        ids = [a["id"] for a in corpus]
        est = sim.RelatedArticles().fit(
            [a["text"] for a in corpus], ids=ids, titles=[a["title"] for a in corpus]
        )
        res = small_scores(
            lambda i, est=est: next((r.id for r in est.related(i, k=1)), None), corpus
        )
        story = {a["id"]: a["story"] for a in corpus}
        plain = sim.RelatedArticles(word_vectors=None).fit(
            [a["text"] for a in corpus], ids=ids, titles=[a["title"] for a in corpus]
        )  # the default before word vectors
        res["no_vectors_top1"] = small_scores(
            lambda i, est=plain: next((r.id for r in est.related(i, k=1)), None), corpus
        )["top1"]
        res["writeups_grouped"] = sum(
            len({story[x] for x in g}) < len(g) for g in est.duplicates()
        )  # a group holding two articles of one story: two write-ups taken for copies
        res["groups"] = len(est.duplicates())
        res["vocabulary"] = len(est.vocabulary_)
        res["min_df_"], res["max_df_"] = est.min_df_, est.max_df_
        X = TfidfVectorizer().fit_transform([a["title"] + "\n" + a["text"] for a in corpus])
        first = exact_top_k(X, 1)[0][:, 0]
        where = {v: i for i, v in enumerate(ids)}
        res["baseline_top1"] = small_scores(
            lambda i, first=first, ids=ids, where=where: (
                ids[first[where[i]]] if first[where[i]] >= 0 else None
            ),
            corpus,
        )["top1"]
        emit(**{f"small-{len(corpus)}": res})


# ----------------------------------------------- small corpora (OrangeSum, independent)
#: (articles, corpora drawn) of the OrangeSum small-corpus evaluation.
OS_SMALL = ((20, 100), (50, 60), (200, 20), (500, 8))


def orangesum_small_pool(data: Path) -> list[dict]:
    """OrangeSum articles outside every duplicate group (and with a body not seen before),
    each with its half: ``dev`` (CRC-32 of the id even: the half the word-vector weight was
    chosen on) or ``test`` (odd: never looked at while designing)."""
    import zlib

    dup = set()
    for line in (data / "orangesum-fr" / "orangesum_duplicate_groups.txt").read_text().splitlines():
        dup.update(v.strip() for v in line.split(",") if v.strip())
    seen, pool = set(), []
    for a in load_orangesum(data):
        if a["id"] in dup or a["text"] in seen:
            continue
        seen.add(a["text"])
        a["half"] = "dev" if zlib.crc32(a["id"].encode()) % 2 == 0 else "test"
        pool.append(a)
    return pool


def top1_relevant(first: list[int], corpus: list[dict], relevant) -> tuple[int, int]:
    """(hits, queries): queries are the articles with a relevant article in the corpus."""
    hits = total = 0
    for i, a in enumerate(corpus):
        if any(relevant(a, b) for j, b in enumerate(corpus) if j != i):
            total += 1
            hits += first[i] >= 0 and relevant(a, corpus[first[i]])
    return hits, total


def worker_small_orangesum(spec: dict) -> None:
    """Random OrangeSum corpora of each size of :data:`OS_SMALL`, per half: top-1 relevant,
    relevance = same (topic, subtopic) among random articles, or a shared editorial tag among
    random tagged articles; newsnlp's default, ``word_vectors=None`` (the previous default) and
    ``TfidfVectorizer()`` (title + body, cosine)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    sim = newsnlp_related()
    pool = orangesum_small_pool(Path(spec["data"]))
    label = {
        "topic": lambda a, b: (a["topic"], a["subtopic"]) == (b["topic"], b["subtopic"]),
        "tags": lambda a, b: bool(set(a["tags"]) & set(b["tags"])),
    }
    systems = {"default": {}, "no_vectors": {"word_vectors": None}}
    for half in ("dev", "test"):
        for mode, relevant in label.items():
            cand = [a for a in pool if a["half"] == half and (mode == "topic" or a["tags"])]
            for size, n_corpora in OS_SMALL:
                rng = np.random.default_rng(1000 + size)
                counts = {name: [0, 0] for name in (*systems, "baseline")}
                for _ in range(n_corpora):
                    corpus = [cand[i] for i in rng.choice(len(cand), size, replace=False)]
                    for name, params in systems.items():
                        est = sim.RelatedArticles(**params).fit(
                            [a["text"] for a in corpus], titles=[a["title"] for a in corpus]
                        )
                        pos, _ = est.related_all(k=1, positions=True)
                        h, t = top1_relevant(pos[:, 0].tolist(), corpus, relevant)
                        counts[name][0] += h
                        counts[name][1] += t
                    X = TfidfVectorizer().fit_transform(
                        [a["title"] + "\n" + a["text"] for a in corpus]
                    )
                    h, t = top1_relevant(exact_top_k(X, 1)[0][:, 0].tolist(), corpus, relevant)
                    counts["baseline"][0] += h
                    counts["baseline"][1] += t
                emit(**{f"os-{half}-{mode}-{size}": {
                    **{name: h / t if t else None for name, (h, t) in counts.items()},
                    "queries": counts["baseline"][1], "corpora": n_corpora,
                }})  # fmt: skip


# ------------------------------------------------------- near-duplicates on built pairs
def edited_copies(arts: list[dict], n: int, seed: int = 11) -> list[tuple[str, str, str]]:
    """``(original id, kind, edited body)`` for *n* articles: a sentence removed, a paragraph
    added (an update), words changed (corrections), or both removed and added."""
    rng = np.random.default_rng(seed)
    out = []
    for k, i in enumerate(rng.choice(len(arts), n, replace=False).tolist()):
        sentences = [x for x in arts[i]["text"].replace(". ", ".\n").split("\n") if x.strip()]
        if len(sentences) < 4:
            continue
        kind = ("removed", "added", "corrected", "removed+added")[k % 4]
        edited = list(sentences)
        if "removed" in kind:
            del edited[int(rng.integers(1, len(edited)))]
        if "added" in kind:  # two sentences of another article: news added to the wire
            other = arts[(i + 1 + int(rng.integers(len(arts) - 1))) % len(arts)]
            edited.append(". ".join(other["text"].split(". ")[:2]))
        if kind == "corrected":
            words = " ".join(edited).split(" ")
            for w in rng.choice(len(words), max(1, len(words) // 40), replace=False).tolist():
                words[w] = words[w] + "e"  # a word in forty changed: corrections
            edited = [" ".join(words)]
        out.append((arts[i]["id"], kind, " ".join(edited)))
    return out


def worker_dup_pairs(spec: dict) -> None:
    sim = newsnlp_related()
    data = Path(spec["data"])
    arts = load_orangesum(data, spec.get("dup_background", 5000))
    stories = load_fixture()
    copies = edited_copies(arts, 400)
    texts = [a["text"] for a in arts] + [c[2] for c in copies] + [a["text"] for a in stories]
    titles = [a["title"] for a in arts] + [""] * len(copies) + [a["title"] for a in stories]
    ids = [a["id"] for a in arts] + [f"copy-{o}-{kind}" for o, kind, _ in copies]
    ids += [a["id"] for a in stories]
    est = sim.RelatedArticles().fit(texts, ids=ids, titles=titles)
    start = time.perf_counter()
    group = {x: g[0] for g in est.duplicates() for x in g}
    dup_s = time.perf_counter() - start
    same = lambda a, b: group.get(a, a) == group.get(b, b)  # noqa: E731
    by_kind: dict = {}
    for o, kind, _ in copies:
        by_kind.setdefault(kind, []).append(same(o, f"copy-{o}-{kind}"))
    writeups = [
        (a["id"], b["id"])
        for i, a in enumerate(stories)
        for b in stories[i + 1 :]
        if a["story"] == b["story"]
    ]
    wrong = sum(same(a, b) for a, b in writeups)
    tp = sum(sum(v) for v in by_kind.values())
    emit(
        dup_pairs={
            "copies": len(copies),
            "recall_edited": tp / len(copies),
            "recall_by_kind": {k: float(np.mean(v)) for k, v in by_kind.items()},
            "writeup_pairs": len(writeups),
            "writeups_grouped": wrong,
            "precision": tp / (tp + wrong) if tp + wrong else None,
            "background": len(arts),
            "duplicates_s": dup_s,
        }
    )


# ------------------------------------------------------------------- entities (annotated once)
OUT = Path(__file__).resolve().parent / "out"


def annotations(data: Path) -> dict[str, dict]:
    """OrangeSum bodies and titles annotated once by ``newsnlp.batch.run`` into
    ``benchmarks/out/`` (reused afterwards): id → record with the entities of both."""
    from newsnlp.batch import run

    OUT.mkdir(exist_ok=True)
    arts = load_orangesum(data)
    merged: dict[str, dict] = {}
    for part in ("bodies", "titles"):
        source, target = OUT / f"orangesum-{part}.jsonl", OUT / f"orangesum-{part}.annotated.jsonl"
        if not source.exists():
            with source.open("w", encoding="utf-8") as fh:
                for a in arts:
                    text = a["text"] if part == "bodies" else a["title"]
                    fh.write(json.dumps({"id": a["id"], "text": text}, ensure_ascii=False) + "\n")
        run(source, target, resume=True, progress=False)  # nothing to do once complete
        for line in target.open(encoding="utf-8"):
            r = json.loads(line)
            m = merged.setdefault(r["id"], {"entities": [], "countries": {}})
            m["entities"] += r.get("entities") or []
            for code, count in (r.get("countries") or {}).items():
                m["countries"][code] = m["countries"].get(code, 0) + count
    return merged


def worker_entities(spec: dict) -> None:
    sim = newsnlp_related()
    data = Path(spec["data"])
    start = time.perf_counter()
    ann = annotations(data)
    emit(annotations_s=time.perf_counter() - start)
    arts = load_orangesum(data)
    n, ids = len(arts), [a["id"] for a in arts]
    groups = load_groups(data, ids)
    gof = group_of(groups, n)
    labels, tags = topic_labels(arts), tag_matrix(arts)
    tagged = np.flatnonzero(np.diff(tags.indptr) > 0)
    kbig = K + max(len(g) for g in groups) - 1
    records = [{"text": a["text"], "title": a["title"], **ann.get(a["id"], {})} for a in arts]
    variants = [("plain texts", {}, [a["text"] for a in arts])]
    variants += [
        (f"entities, weight {w}", {"entities": True, "entity_weight": w}, records)
        for w in (0.5, 1.0)
    ]
    for name, params, items in variants:
        est = sim.RelatedArticles(n_jobs=-1, **params)
        start = time.perf_counter()
        titles = [a["title"] for a in arts] if not params else None
        est.fit(items, ids=ids, titles=titles)
        fit_s = time.perf_counter() - start
        pos, _ = est.related_all(k=kbig, positions=True)
        top, _ = drop_group_members(pos, np.arange(n), gof)
        emit(**{name: {
            "topic": precision_topic(top, np.arange(n), labels),
            "tags": precision_tags(top[tagged], tagged, tags),
            "fit_s": fit_s,
            "entity_terms": sum(t.startswith("@") for t in est.vocabulary_),
        }})  # fmt: skip


# ------------------------------------------------------------------------------ Spark
def payload_bytes(payload: dict) -> dict:
    """Bytes of each array of what ``related_all_spark`` broadcasts (each executor holds one
    copy), and of the ids as Python objects."""
    out = {}
    for name, value in payload.items():
        if isinstance(value, np.ndarray):
            out[name] = int(value.nbytes)
    out["ids"] = sum(sys.getsizeof(v) for v in payload["ids"]) + sys.getsizeof(payload["ids"])
    return out


def worker_structures(spec: dict) -> None:
    """RSS MiB a Spark Python worker adds for its search, measured in a fresh interpreter (no
    freed memory to reuse): the broadcast unpickled from its file (as pyspark reads it), then
    the index built from it (inverted index, latent vectors), then after searching one block
    (the pruned search's postings, kept, and the block's buffers)."""
    import pickle

    from newsnlp.integrations.spark.related_all import payload_index
    from newsnlp.related.search import related_all
    from newsnlp.related.sparse import row_blocks

    rss = [current_rss_mb()]
    with open(spec["path"], "rb") as f:
        payload = pickle.load(f)
    rss.append(current_rss_mb())
    index = payload_index(payload)
    rss.append(current_rss_mb())
    n, parts = payload["shape"][0], {}
    related_all(
        index, K, targets=np.arange(min(4096, n)), search=payload["search"],
        n_candidates=payload["n_candidates"], threads=1, parts=parts,
        blocks=lambda r: row_blocks(r, n, 2048),
    )  # fmt: skip
    rss.append(current_rss_mb())
    emit(worker_structures={
        "broadcast_mb": rss[1] - rss[0],
        "index_mb": rss[2] - rss[1],
        "search_mb": rss[3] - rss[2],
        "components_mb": 0 if payload["components"] is None else payload["components"].nbytes / 2**20,
    })  # fmt: skip


def spark_worker_rss_mb() -> list[float]:
    """RSS MiB of the Spark Python processes below this one (``pyspark.daemon`` and the
    workers forked from it), read from /proc: the daemon first."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, ppid = int(stat.parent.name), int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(pid)
    todo, out = list(children.get(os.getpid(), [])), []
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if b"pyspark.daemon" in cmd:  # the daemon and the workers forked from it
            kb = next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:"))
            out.append((pid, kb / 1024))
    return [mb for _, mb in sorted(out)]


def worker_spark(spec: dict) -> None:
    """``related_all_spark`` on ``local[workers]``, twice in one session, each time on a freshly
    loaded copy of the fitted index (so each job computes the near-duplicate groups on the
    driver, broadcasts the index and has each Python worker build its search structures):
    "cold" = the session's first job (the Python workers start and import newsnlp), "warm" =
    the second (workers reused). Timed: from the call to all output rows on the driver as one
    Arrow table (``toArrow``); ``collect()``'s conversion to Python rows is timed apart."""
    import pickle
    import shutil

    from pyspark.sql import SparkSession

    from newsnlp.integrations.spark import related_all_spark
    from newsnlp.integrations.spark.related_all import search_payload

    sim = newsnlp_related()
    arts = load_orangesum(Path(spec["data"]), spec.get("limit"))
    ids = [a["id"] for a in arts]
    est = sim.RelatedArticles().fit(
        [a["text"] for a in arts], ids=ids, titles=[a["title"] for a in arts]
    )
    start = time.perf_counter()
    local_pos, local_sc = est.related_all(k=K, positions=True)
    emit(local_related_all_s=time.perf_counter() - start, n=len(ids))
    saved = Path(tempfile.mkdtemp(prefix="bench-spark-")) / "index"
    est.save(saved)
    start = time.perf_counter()
    payload = search_payload(sim.RelatedArticles.load(saved))
    payload_s = time.perf_counter() - start
    start = time.perf_counter()
    pickled = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    emit(
        payload_s=payload_s, pickle_s=time.perf_counter() - start,
        payload_bytes=payload_bytes(payload), pickled_bytes=len(pickled),
    )  # fmt: skip
    (saved.parent / "payload.pickle").write_bytes(pickled)  # read back by the next process only
    del payload, pickled
    memory = spawn(
        {"kind": "spark-memory", "path": str(saved.parent / "payload.pickle")}, 600, log=id
    )
    emit(worker_structures=memory.get("worker_structures"))
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    start = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{spec['workers']}]")
        .config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    emit(session_s=time.perf_counter() - start, workers=spec["workers"])
    pos_of = {v: i for i, v in enumerate(ids)}
    for run in ("cold", "warm"):
        model = sim.RelatedArticles.load(saved)  # groups not cached: computed in the job
        load = os.getloadavg()[0]
        start = time.perf_counter()
        table = related_all_spark(model=model, k=K, spark=spark).toArrow()
        seconds = time.perf_counter() - start
        load_after = os.getloadavg()[0]
        start = time.perf_counter()
        rows = table.to_pylist()
        rows_s = time.perf_counter() - start
        got = np.full((len(ids), K), -1, dtype=np.int64)
        got_sc = np.full((len(ids), K), np.nan, dtype=np.float32)
        for r in rows:
            got[pos_of[r["id"]], r["rank"] - 1] = pos_of[r["neighbour_id"]]
            got_sc[pos_of[r["id"]], r["rank"] - 1] = r["score"]
        emit(**{
            f"{run}_s": seconds, f"{run}_rows_s": rows_s, f"{run}_load": [load, load_after],
            f"{run}_rows": len(rows), f"{run}_worker_rss_mb": spark_worker_rss_mb(),
            f"{run}_recall": recall_by_scores(got, got_sc, local_pos, local_sc),
            f"{run}_identical": bool((got == local_pos).all() and np.allclose(
                got_sc, local_sc, equal_nan=True)),
        })  # fmt: skip
    spark.stop()
    shutil.rmtree(saved.parent, ignore_errors=True)


def worker(spec: dict) -> None:
    kind = spec["kind"]
    if kind == "speed":
        worker_speed(spec)
    elif kind == "quality-baseline":
        worker_quality_baseline(spec)
    elif kind == "quality-newsnlp":
        worker_quality_newsnlp(spec)
    elif kind == "small":
        worker_small(spec)
    elif kind == "small-orangesum":
        worker_small_orangesum(spec)
    elif kind == "dup-pairs":
        worker_dup_pairs(spec)
    elif kind == "entities":
        worker_entities(spec)
    elif kind == "spark":
        worker_spark(spec)
    elif kind == "spark-memory":
        worker_structures(spec)
    else:
        raise ValueError(kind)


def spawn(spec: dict, timeout: float, one_thread: bool = False, log=print) -> dict:
    """Run :func:`worker` in a fresh interpreter; merge its ``@@ {json}`` lines as they come."""
    env = dict(os.environ)
    if one_thread:
        env.update({name: "1" for name in THREAD_ENV})
    answer: dict = {}
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as err:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", json.dumps(spec)],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=env,
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            for line in proc.stdout:
                if line.startswith("@@ "):
                    fields = json.loads(line[3:])
                    answer.update(fields)
                    log(fields)
            proc.wait()
        finally:
            timer.cancel()
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().strip().splitlines()[-4:]
            answer["error"] = f"exit {proc.returncode}: " + " | ".join(tail)
    answer["wall_s"] = time.perf_counter() - start
    return answer


# ------------------------------------------------------------------------------------ report
def _fmt(value, spec: str = ".3f") -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "n/a"
    return format(value, spec)


def _ratio(a, b):
    return a / b if a is not None and b else None


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 4) if np.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_rounded(v) for v in obj]
    return obj


def _progress(label: str):
    def log(fields: dict) -> None:
        short = {
            k: (round(v, 3) if isinstance(v, float) else v)
            for k, v in fields.items()
            if not isinstance(v, dict) or k in ("latency",)
        }
        if short:
            print(f"    [{label}] {json.dumps(short)[:200]}", flush=True)
        for k, v in fields.items():
            if isinstance(v, dict) and k != "latency" and "topic" in v:
                print(
                    f"    [{label}] {k}: topic {_fmt(v['topic'])} tags {_fmt(v['tags'])}",
                    flush=True,
                )

    return log


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N OrangeSum articles")
    parser.add_argument(
        "--synthetic",
        default=None,
        help="comma-separated synthetic corpus sizes (default 10000,100000; 'none' to skip)",
    )
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--queries", type=int, default=200, help="related(text) queries")
    parser.add_argument(
        "--timeout", type=float, default=600, help="abandon a related_all run after T s"
    )
    parser.add_argument(
        "--full-baseline-max",
        type=int,
        default=40_000,
        help="above this size the baseline kneighbors is timed on a sample and extrapolated",
    )
    parser.add_argument("--skip-quality", action="store_true", help="sections 3-5 only")
    parser.add_argument(
        "--all-variants",
        action="store_true",
        help="also newsnlp on title+body as the text (same terms as the default when title_weight=1)",
    )
    parser.add_argument(
        "--only",
        default=None,
        help="comma-separated sections to run: quality,small,small-orangesum,dups,speed,entities,"
        "spark (default: quality,small,small-orangesum,dups,speed; entities and spark with "
        "--entities / --spark)",
    )
    parser.add_argument(
        "--entities",
        action="store_true",
        help="entity features on OrangeSum (annotates it once into benchmarks/out/: ~30 min)",
    )
    parser.add_argument(
        "--spark", action="store_true", help="related_all_spark on local[1] and local[2]"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(json.loads(args.worker))
        return 0

    t_run = time.perf_counter()
    if args.quick:
        limit = args.limit or 2000
        sizes = [2000]
        queries, timeout, budget = min(args.queries, 50), min(args.timeout, 120), 10.0
    else:
        limit, queries, timeout, budget = args.limit, args.queries, args.timeout, 60.0
        sizes = [10_000, 100_000]
    if args.synthetic is not None:
        sizes = (
            []
            if args.synthetic.strip().lower() in ("", "none", "0")
            else [int(float(s)) for s in args.synthetic.split(",") if s.strip()]
        )
    systems = ("newsnlp",) if args.skip_baseline else ("baseline", "newsnlp")
    base = {"data": str(args.data), "limit": limit}
    figures: dict = {"quality": {}, "speed": {}, "extra": {}, "errors": []}
    sections = {"quality", "small", "small-orangesum", "dups", "speed"}
    if args.skip_quality:
        sections.discard("quality")
    sections |= {x for x in ("entities", "spark") if getattr(args, x)}
    if args.only:
        sections = {x.strip() for x in args.only.split(",") if x.strip()}
    print(
        f"bench_related: OrangeSum limit={limit or 'all'}, synthetic sizes {sizes}, "
        f"{queries} latency queries, related_all timeout {timeout:.0f} s, "
        f"{os.cpu_count()} cores; every measurement in its own subprocess",
        flush=True,
    )

    def run(spec: dict, label: str, one_thread: bool = False) -> dict:
        print(f"  {label} ...", flush=True)
        ans = spawn(spec, timeout=3 * timeout + 7200, one_thread=one_thread, log=_progress(label))
        if "error" in ans:
            figures["errors"].append(f"{label}: {ans['error']}")
            print(f"  {label}: ERROR {ans['error']}", flush=True)
        return ans

    # ---- 1 + 2: quality and duplicates (OrangeSum)
    if "quality" in sections:
        if "baseline" in systems:
            figures["quality"]["baseline"] = run(
                {**base, "kind": "quality-baseline"}, "quality baseline"
            )
        figures["quality"]["newsnlp"] = run(
            {**base, "kind": "quality-newsnlp", "all_variants": args.all_variants},
            "quality newsnlp",
        )

    # ---- small corpora, built duplicate pairs, entities, Spark
    extra = figures["extra"]
    if "small" in sections:
        extra["small"] = run({**base, "kind": "small"}, "small corpora")
    if "small-orangesum" in sections:
        extra["small_orangesum"] = run(
            {**base, "kind": "small-orangesum"}, "small corpora, OrangeSum"
        )
    if "dups" in sections:
        extra["dup_pairs"] = run({**base, "kind": "dup-pairs"}, "near-duplicates, built pairs")
    if "entities" in sections:
        extra["entities"] = run({**base, "kind": "entities"}, "entities")
    if "spark" in sections:
        extra["spark"] = {
            w: run({**base, "kind": "spark", "workers": w}, f"spark local[{w}]") for w in (1, 2)
        }

    # ---- 3-5: speed, latency, fit, memory
    corpora = [("orangesum", {"corpus": "orangesum"})] + [
        (f"synthetic-{n}", {"corpus": "synthetic", "n": n}) for n in sizes
    ]
    if "speed" not in sections:
        corpora = []
    for cname, cspec in corpora:
        figures["speed"][cname] = {}
        for system in systems:
            spec = {
                **base,
                **cspec,
                "kind": "speed",
                "system": system,
                "queries": queries,
                "timeout": timeout,
                "latency_budget_s": budget,
                "full_baseline_max": args.full_baseline_max,
            }
            ans = run(spec, f"{cname} {system}", one_thread=True)
            if ans.get("timeout_s"):  # latency was not reached: measure it in its own worker
                lat = run({**spec, "latency_only": True}, f"{cname} {system} latency", True)
                ans["latency"] = lat.get("latency")
                ans["rss_mb_latency_worker"] = lat.get("rss_mb_latency_worker")
                ans["latency_worker"] = {
                    k: lat.get(k) for k in ("fit_s", "rss_after_fit_mb", "wall_s", "error")
                }
            figures["speed"][cname][system] = ans

    report(figures, sizes)
    report_extra(figures["extra"], figures["goals_met"])
    print(
        "\ngoals met: " + (", ".join(f"{k}={v}" for k, v in figures["goals_met"].items()) or "n/a")
    )
    figures["run_s"] = time.perf_counter() - t_run
    figures["goals"] = GOALS
    figures["reference"] = REFERENCE
    print(f"\ntotal run time {figures['run_s'] / 60:.1f} min")
    print(json.dumps(_rounded(figures), sort_keys=True))
    return 0


def report(figures: dict, sizes: list[int]) -> None:
    q = figures["quality"]
    qb, qn = q.get("baseline", {}), q.get("newsnlp", {})
    met: dict = {}
    if q:
        n = qb.get("n") or qn.get("n")
        print(
            f"\n== 1. Quality: OrangeSum, {_fmt(n, ',')} articles, top 10 excluding the article's "
            f"duplicate group; P@10 topic/subtopic over all, tags over the "
            f"{_fmt(qb.get('tagged') or qn.get('tagged'), ',')} tagged =="
        )
        print(f"{'':44}{'topic/sub':>10}{'tags':>8}{'tags,tagged pool':>18}   (delta vs baseline)")
        ref = qb.get("title+body", {})
        rows = [
            ("baseline TfidfVectorizer() title+body", qb.get("title+body"), None),
            ("baseline TfidfVectorizer() body only", qb.get("body"), None),
            ("newsnlp default: bodies + titles=", qn.get("default"), ref),
            ("newsnlp title+body as the text", qn.get("title+body as text"), ref),
            ("newsnlp body only (vs baseline body)", qn.get("body only"), qb.get("body", {})),
            ("newsnlp titles=, title_weight=2", qn.get("title_weight=2"), ref),
            ("newsnlp titles=, ngram_range=(1, 2)", qn.get("ngram_range=(1, 2)"), ref),
            ("newsnlp titles=, latent_dims=0", qn.get("latent_dims=0 (cosine only)"), ref),
        ]
        for label, r, against in rows:
            if label.startswith("newsnlp title+body") and not r:
                continue  # --all-variants only
            r = r or {}
            delta = ""
            if against is not None and r.get("topic") is not None and against.get("topic"):
                delta = f"   ({r['topic'] - against['topic']:+.3f} / {r['tags'] - against['tags']:+.3f})"
            print(
                f"{label:44}{_fmt(r.get('topic')):>10}{_fmt(r.get('tags')):>8}"
                f"{_fmt(r.get('tags_tagged_pool')):>18}{delta}"
            )
        print(
            f"issue reference (baseline): {REFERENCE['baseline_topic']} / {REFERENCE['baseline_tags']}"
            f"; goal: newsnlp default >= baseline + {GOALS['quality_delta_topic']} (topic) and "
            f"+ {GOALS['quality_delta_tags']} (tags, tagged pool)."
        )
        if "unavailable" in qn:
            print(f"newsnlp: n/a ({qn['unavailable']})")
        d, b = qn.get("default"), qb.get("title+body")
        if d and b:
            met["quality_topic"] = d["topic"] - b["topic"] >= GOALS["quality_delta_topic"]
            # the issue's tag measure is over the 9,710 tagged articles (its baseline 0.765 is
            # what the tagged pool gives; the all-article pool, printed too, gives 0.626)
            tags = (
                "tags_tagged_pool"
                if "tags_tagged_pool" in d and "tags_tagged_pool" in b
                else "tags"
            )
            met["quality_tags"] = d[tags] - b[tags] >= GOALS["quality_delta_tags"]
        if b:
            print(
                f"(exact blockwise top-k of this script on the baseline matrix: {b['exact_topk_s']:.1f} s)"
            )
        if d and d.get("prefix_mismatch_rows"):
            print(
                f"WARNING: related_all(k=10) differs from the first 10 of related_all(k=K) on "
                f"{d['prefix_mismatch_rows']:,} rows: group-excluded P@10 may be off"
            )

        dup = (qn.get("default") or {}).get("duplicates")
        print("\n== 2. Near-duplicates (newsnlp default model, OrangeSum) ==")
        if dup:
            print(
                f"recall of identical-body pairs in duplicates(): {_fmt(dup['recall_identical'])} "
                f"({dup['identical_pairs']:,} pairs; goal >= {GOALS['dup_recall']})"
            )
            print(
                f"recall of the other listed pairs (title/abstract only): {_fmt(dup['recall_other'])} "
                f"({dup['other_pairs']:,} pairs; information)"
            )
            print(
                f"duplicates(): {dup['groups_found']:,} groups, {dup['articles_in_groups_found']:,} "
                f"articles, {dup['pairs_found']:,} pairs of which {dup['pairs_found_not_listed']:,} "
                f"not in the listed groups; {dup['duplicates_s']:.1f} s"
            )
            print(
                f"own-group members in related_all(k=10) top 10s: {dup['group_members_in_top10']:,} "
                f"(identical body {dup['identical_in_top10']:,}, other groups "
                f"{dup['other_group_in_top10']:,}); goal: 0 identical-body pairs recommended"
            )
            met["dup_recall"] = (dup["recall_identical"] or 0) >= GOALS["dup_recall"]
            # the issue: none of the identical-body pairs ever recommended (updated versions of
            # a wire, listed in the same group with another body, are counted above for information)
            met["dup_in_top10"] = dup["identical_in_top10"] <= GOALS["dup_in_top10"]
        else:
            print("newsnlp: n/a")
        if b:
            print(
                f"baseline for comparison (top 10, only self excluded): "
                f"{b['group_members_in_top10_self_only']:,} own-group members"
            )

    s = figures["speed"]
    print(
        "\n== 3. related_all(k=10) seconds, each system on its own matrix, vectorisation excluded =="
    )
    print(
        f"{'corpus':22}{'docs':>10}{'baseline NN':>14}{'newsnlp':>10}{'speed-up':>10}"
        f"{'newsnlp all cores':>19}{'speed-up':>10}{'recall@10':>11}"
    )
    notes = []
    for cname, systems in s.items():
        b, m = systems.get("baseline", {}), systems.get("newsnlp", {})
        bs, ms = b.get("related_all_s"), m.get("related_all_s")
        btxt = _fmt(bs, ".1f") + ("*" if b.get("extrapolated") else "")
        mtxt = f">{m['timeout_s']:.0f}" if m.get("timeout_s") else _fmt(ms, ".1f")
        speedup = _ratio(bs, ms)
        if m.get("timeout_s") and bs:
            speedup_txt = f"<{bs / m['timeout_s']:.2f}"
        else:
            speedup_txt = _fmt(speedup, ".2f")
        print(
            f"{cname:22}{_fmt(b.get('n') or m.get('n'), ',d'):>10}{btxt:>14}{mtxt:>10}"
            f"{speedup_txt:>10}{_fmt(m.get('related_all_all_cores_s'), '.1f'):>19}"
            f"{_fmt(_ratio(bs, m.get('related_all_all_cores_s')), '.2f'):>10}"
            f"{_fmt(m.get('recall'), '.4f'):>11}"
        )
        if b.get("extrapolated"):
            notes.append(
                f"* {cname}: baseline kneighbors timed on {b['sample_rows']:,} random query rows "
                f"({b['sample_s']:.1f} s) and extrapolated linearly to all rows"
            )
        if m.get("extrapolated"):
            notes.append(
                f"* {cname}: newsnlp related_all(ids=...) timed on the same {m['sample_rows']:,} "
                f"rows ({m['related_all_sample_s']:.1f} s) and extrapolated linearly, plus its "
                f"one-off costs ({m['related_all_once_s']:.1f} s: index, duplicate groups)"
            )
        if speedup is not None:
            met.setdefault("speedup", True)
            met["speedup"] = met["speedup"] and speedup >= GOALS["speedup"]
        elif m.get("timeout_s"):
            met["speedup"] = False
        if m.get("recall") is not None:
            met["recall"] = met.get("recall", True) and m["recall"] >= GOALS["recall"]
    for note in notes:
        print(note)
    print(
        f"baseline = TfidfVectorizer() + NearestNeighbors(11, cosine, brute).fit(X).kneighbors(X), "
        f"1 thread; newsnlp = RelatedArticles() defaults; goal speed-up >= {GOALS['speedup']:.0f}; "
        f"recall@10 vs the exact top 10 of newsnlp's own matrix on {RECALL_SAMPLE:,} rows "
        f"(goal >= {GOALS['recall']})"
    )

    print("\n== 4. related(text) latency, one new article, 1 thread: median / p95 ms ==")
    print(f"{'corpus':22}{'baseline':>18}{'newsnlp':>18}{'median ratio':>14}{'newsnlp 1st':>13}")
    for cname, systems in s.items():
        bl = systems.get("baseline", {}).get("latency") or {}
        ml = systems.get("newsnlp", {}).get("latency") or {}

        def cell(x):
            return (
                f"{_fmt(x.get('median_ms'), '.1f')} / {_fmt(x.get('p95_ms'), '.1f')}"
                if x
                else "n/a"
            )

        first = ml.get("first_ms")
        first_txt = "n/a" if first is None else (
            f"{first:.0f} ms" if first < 10_000 else f"{first / 1000:.0f} s"
        )  # fmt: skip
        print(
            f"{cname:22}{cell(bl):>18}{cell(ml):>18}"
            f"{_fmt(_ratio(ml.get('median_ms'), bl.get('median_ms')), '.3f'):>14}"
            f"{first_txt:>13}"
        )
        if cname == "synthetic-1000000" and ml:
            met["latency_1m"] = ml["median_ms"] < GOALS["latency_ms_1m"]
    counts = {
        f"{c}/{sy}": v.get("latency", {}).get("n") for c, d in s.items() for sy, v in d.items()
    }
    print(
        f"queries timed per cell: {sorted(set(v for v in counts.values() if v))}; ratio = newsnlp / "
        f"baseline; '1st' = newsnlp's first query after fit (caches built on first use: "
        f"inverted index, near-duplicate groups), not in the median; goal median < "
        f"{GOALS['latency_ms_1m']:.0f} ms at 1M"
    )

    print(
        "\n== 5. Fit seconds, same texts: TfidfVectorizer().fit_transform vs RelatedArticles().fit =="
    )
    print(f"{'corpus':22}{'baseline':>10}{'newsnlp':>10}{'ratio':>8}")
    for cname, systems in s.items():
        bf = systems.get("baseline", {}).get("fit_s")
        mf = systems.get("newsnlp", {}).get("fit_s")
        ratio = _ratio(mf, bf)
        print(f"{cname:22}{_fmt(bf, '.1f'):>10}{_fmt(mf, '.1f'):>10}{_fmt(ratio, '.2f'):>8}")
        if ratio is not None:
            met["fit_ratio"] = met.get("fit_ratio", True) and ratio <= GOALS["fit_ratio"]
    print(f"goal ratio newsnlp / baseline <= {GOALS['fit_ratio']}")

    print("\n== Memory: peak RSS MiB of each speed worker (texts included) ==")
    print(
        f"{'corpus':22}{'texts only':>12}{'baseline':>10}{'(after fit)':>12}"
        f"{'newsnlp':>10}{'(after fit)':>12}"
    )
    for cname, systems in s.items():
        b, m = systems.get("baseline", {}), systems.get("newsnlp", {})
        m_rss = max((m[k] for k in ("rss_mb", "rss_mb_latency_worker") if m.get(k)), default=None)
        print(
            f"{cname:22}{_fmt(m.get('rss_texts_mb') or b.get('rss_texts_mb'), ',.0f'):>12}"
            f"{_fmt(b.get('rss_mb'), ',.0f'):>10}{_fmt(b.get('rss_after_fit_mb'), ',.0f'):>12}"
            f"{_fmt(m_rss, ',.0f'):>10}{_fmt(m.get('rss_after_fit_mb'), ',.0f'):>12}"
        )
        if cname == "synthetic-1000000" and m_rss:
            met["rss_1m"] = m_rss < GOALS["rss_mb_1m"]
    for system in ("newsnlp", "baseline"):
        una = [d.get(system, {}).get("unavailable") for d in s.values()]
        if any(una):
            print(f"{system}: n/a ({next(u for u in una if u)})")
    if figures["errors"]:
        print("\nERRORS:\n  " + "\n  ".join(figures["errors"]))
    figures["goals_met"] = met


def report_extra(extra: dict, met: dict) -> None:
    """The sections of issue 13: small corpora, built duplicate pairs, entities, Spark."""
    small = extra.get("small") or {}
    if small:
        print("\n== 6. Small corpora (tests/fixtures/small-corpus; 200 = + OrangeSum articles) ==")
        print(f"{'articles':>9}{'top-1 own story':>17}{'no vectors':>11}{'baseline':>10}{'empty':>7}"
              f"{'write-ups grouped':>19}{'vocabulary':>12}{'  min_df_, max_df_'}")  # fmt: skip
        for key in sorted((k for k in small if k.startswith("small-")), key=lambda k: int(k[6:])):
            r = small[key]
            print(
                f"{key[6:]:>9}{_fmt(r['top1']):>17}{_fmt(r.get('no_vectors_top1')):>11}"
                f"{_fmt(r['baseline_top1']):>10}{r['empty']:>7}"
                f"{r['writeups_grouped']:>19}{r['vocabulary']:>12}  {r['min_df_']}, {r['max_df_']}"
            )
            met["small_top1"] = met.get("small_top1", True) and r["top1"] >= GOALS["small_top1"]
            met["small_writeups"] = met.get("small_writeups", True) and r["writeups_grouped"] == 0
            met["small_empty"] = met.get("small_empty", True) and r["empty"] == 0
        print(f"goal: top-1 >= {GOALS['small_top1']}, no write-ups grouped, no empty answer")
    report_small_orangesum(extra.get("small_orangesum") or {})
    dp = (extra.get("dup_pairs") or {}).get("dup_pairs")
    if dp:
        print("\n== 7. Near-duplicates on built pairs (OrangeSum background + edited copies + "
              "fixture write-ups) ==")  # fmt: skip
        print(
            f"edited copies found: {_fmt(dp['recall_edited'])} of {dp['copies']} "
            f"({', '.join(f'{k} {_fmt(v)}' for k, v in dp['recall_by_kind'].items())}); "
            f"different write-ups grouped: {dp['writeups_grouped']} of {dp['writeup_pairs']} "
            f"pairs; precision {_fmt(dp['precision'])}; duplicates() {dp['duplicates_s']:.1f} s "
            f"on {dp['background'] + dp['copies']:,} articles"
        )
        met["dup_precision"] = (dp["precision"] or 0) >= GOALS["dup_precision"]
    ent = extra.get("entities") or {}
    if any(isinstance(v, dict) and "topic" in v for v in ent.values()):
        print("\n== 8. Entity features (OrangeSum annotated once, benchmarks/out/) ==")
        for name, r in ent.items():
            if isinstance(r, dict) and "topic" in r:
                print(
                    f"{name:28}topic {_fmt(r['topic'])}  tags {_fmt(r['tags'])}  fit "
                    f"{r['fit_s']:.1f} s  entity terms {r['entity_terms']:,}"
                )
    sp_runs = extra.get("spark") or {}
    if sp_runs:
        report_spark(sp_runs, met)


def report_small_orangesum(res: dict) -> None:
    rows = [k for k in res if k.startswith("os-")]
    if not rows:
        return
    print(
        "\n== 6b. Small corpora, OrangeSum (random corpora, duplicate groups excluded): top-1 "
        "relevant ==\n(dev = the half the word-vector weight was chosen on; test = the other "
        "half, not looked at while designing)"
    )
    print(f"{'half':>5}{'relevance':>10}{'articles':>9}{'corpora':>8}{'queries':>8}"
          f"{'default':>9}{'word_vectors=None':>19}{'TfidfVectorizer':>17}")  # fmt: skip
    for key in rows:
        _, half, mode, size = key.split("-")
        r = res[key]
        print(
            f"{half:>5}{mode:>10}{size:>9}{r['corpora']:>8}{r['queries']:>8}"
            f"{_fmt(r['default']):>9}{_fmt(r['no_vectors']):>19}{_fmt(r['baseline']):>17}"
        )


def report_spark(sp_runs: dict, met: dict) -> None:
    print("\n== 9. related_all_spark (OrangeSum, k=10) vs local related_all ==")
    print(
        "seconds from the call to every output row on the driver as an Arrow table "
        "(toArrow), on a freshly loaded index (the driver computes its near-duplicate groups "
        "in the job); cold = the session's first job (Python workers start, import newsnlp), "
        "warm = the second; + rows = collect()'s conversion to Python rows, timed apart; "
        "load = 1-min load average before -> after the job"
    )
    for w, r in sorted(sp_runs.items()):
        for run in ("cold", "warm"):
            load = r.get(f"{run}_load") or [float("nan")] * 2
            print(
                f"local[{w}] {run}: {_fmt(r.get(f'{run}_s'), '.1f')} s (+ rows "
                f"{_fmt(r.get(f'{run}_rows_s'), '.1f')} s), load {load[0]:.2f} -> {load[1]:.2f}, "
                f"recall@10 {_fmt(r.get(f'{run}_recall'), '.4f')}, identical "
                f"{r.get(f'{run}_identical')}, worker RSS MiB {r.get(f'{run}_worker_rss_mb')}"
            )
        print(
            f"local[{w}] driver: payload {_fmt(r.get('payload_s'), '.2f')} s, pickle "
            f"{_fmt(r.get('pickle_s'), '.2f')} s; local related_all "
            f"{_fmt(r.get('local_related_all_s'), '.1f')} s; session start "
            f"{_fmt(r.get('session_s'), '.1f')} s"
        )
    one, two = sp_runs.get(1, {}), sp_runs.get(2, {})
    for run in ("cold", "warm"):
        if one.get(f"{run}_s") and two.get(f"{run}_s"):
            speedup = one[f"{run}_s"] / two[f"{run}_s"]
            print(f"2 workers vs 1, {run}: {speedup:.2f}x (goal >= {GOALS['spark_speedup']})")
            if run == "warm":  # the workers' start is once per session, whatever the data
                met["spark_speedup"] = speedup >= GOALS["spark_speedup"]
    recalls = [
        r.get(f"{run}_recall") for r in sp_runs.values() for run in ("cold", "warm")
        if r.get(f"{run}_recall") is not None
    ]  # fmt: skip
    if recalls:
        met["spark_recall"] = min(recalls) >= GOALS["spark_recall"]
    r = one if one.get("payload_bytes") else two
    sizes, n, ws = r.get("payload_bytes"), r.get("n"), r.get("worker_structures")
    if sizes and n and ws:
        fixed = sizes.get("components", 0)  # terms x dimensions: not per article
        pickled = (r["pickled_bytes"] - fixed) / n
        worker = (ws["broadcast_mb"] + ws["index_mb"] + ws["search_mb"]) * 2**20 - fixed
        print(
            "broadcast arrays per article: " + ", ".join(
                f"{k} {v / n:,.0f}" for k, v in sizes.items() if k != "components"
            ) + f" bytes, + the latent components, {fixed / 2**20:.1f} MiB whatever n; "
            f"pickled (held by each executor's JVM) {pickled:,.0f} bytes per article + the "
            f"components. Each Python worker (RSS, fresh interpreter): broadcast unpickled "
            f"{ws['broadcast_mb']:.1f} MiB + index built {ws['index_mb']:.1f} MiB + first "
            f"block's search {ws['search_mb']:.1f} MiB = {worker / n:,.0f} bytes per article "
            f"+ the components"
        )  # fmt: skip
        for size in (1_000_000, 10_000_000):
            print(
                f"  {size:,} articles: {(pickled * size + fixed) / 2**30:.1f} GiB per executor "
                f"(JVM) + {(worker / n * size + fixed) / 2**30:.1f} GiB per Python worker"
            )


if __name__ == "__main__":
    raise SystemExit(main())
