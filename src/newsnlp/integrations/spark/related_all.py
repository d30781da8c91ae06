"""Every article's related articles on Spark (see :func:`related_all_spark`): the search of
:meth:`newsnlp.RelatedArticles.related_all`, block by block on the executors."""

from __future__ import annotations

import functools
import logging
import secrets
import threading
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from newsnlp.checks import check_int, check_k
from newsnlp.integrations.spark.common import check_dataframe, require_pyspark
from newsnlp.related.duplicates import DuplicateRule
from newsnlp.related.index import snapshot
from newsnlp.related.latent import project, shortlist
from newsnlp.related.search import SearchIndex, related_all
from newsnlp.related.sparse import row_blocks
from newsnlp.related.wordvectors import blend_weight

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

    from newsnlp.related import RelatedArticles

__all__ = ["OUTPUT_COLUMNS", "payload_index", "related_all_spark", "search_payload"]

logger = logging.getLogger(__name__)

#: The columns of :func:`related_all_spark`'s output.
OUTPUT_COLUMNS = ("id", "neighbour_id", "score", "rank")
#: Rows of the index searched per Spark task (a block: one row of the blocks DataFrame).
_BLOCK_ROWS = 4096
_INDEXES: dict[str, tuple[SearchIndex, dict]] = {}  # per Python worker: a broadcast's index
_LOCK = threading.Lock()


def search_payload(model: RelatedArticles, *, threads: int = 1) -> dict[str, Any]:
    """What the executors need to search *model* as ``related_all`` does, as plain arrays
    (sent once per executor as a broadcast variable): the matrix, body codes, near-duplicate
    groups (computed here, once, on the driver), signatures, ids and the search parameters.

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> model = RelatedArticles().fit(["Grève SNCF", "La SNCF en grève", "Budget"])
    >>> sorted(search_payload(model))[:4]
    ['codes', 'components', 'data', 'dtype']
    """
    cache = snapshot(model)
    threshold = float(model.duplicate_threshold)
    groups = None
    if model.collapse_duplicates:
        groups = cache.groups(threshold, block_size=model.block_size, threads=threads)
    m = cache.matrix
    return {
        "data": m.data, "indices": m.indices, "indptr": m.indptr, "shape": m.shape,
        "dtype": np.dtype(m.dtype).str, "codes": cache.body_codes()[0], "groups": groups,
        "signatures": cache.signatures, "shingles": cache.shingles, "threshold": threshold,
        "ids": list(cache.ids), "search": model.search, "n_candidates": int(model.n_candidates),
        "components": cache.components, "latent_weight": blend_weight(model),
        "key": secrets.token_hex(8),  # which payload a worker's cached index was built from
    }  # fmt: skip


def payload_index(payload: dict[str, Any]) -> SearchIndex:
    """The search index a Python worker builds from :func:`search_payload`'s *payload* (once
    per broadcast): the matrix (the payload's arrays, not copied), its inverted index and the
    latent vectors (new arrays: with the payload, what each worker holds).

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> model = RelatedArticles().fit(["Grève SNCF", "La SNCF en grève", "Budget"])
    >>> payload_index(search_payload(model)).inverted.shape == model.matrix_.T.shape
    True
    """
    import scipy.sparse as sp

    matrix = sp.csr_matrix(
        (payload["data"], payload["indices"], payload["indptr"]), shape=payload["shape"]
    )
    inverted = matrix.T.tocsr()
    inverted.sort_indices()
    rule = DuplicateRule(payload["threshold"], payload["signatures"], payload["shingles"])
    comps = payload["components"]
    return SearchIndex(
        matrix, inverted, payload["codes"], payload["groups"], rule,
        latent=None if comps is None else project(matrix, comps), components=comps,
        latent_weight=payload["latent_weight"], shortlist=shortlist(payload["n_candidates"]),
    )  # fmt: skip


def _index_of(broadcast: Any) -> tuple[SearchIndex, dict, dict[str, Any]]:
    """The search index of *broadcast* and its pruned search's parts, built once per Python
    worker (kept for its next tasks: ``spark.python.worker.reuse``)."""
    key = broadcast.value["key"]
    with _LOCK:
        got = _INDEXES.get(key)
        if got is None:
            _INDEXES.clear()  # one model at a time per worker
            got = _INDEXES[key] = (payload_index(broadcast.value), {})
    return got[0], got[1], broadcast.value


def _neighbour_rows(
    batches: Iterable[pa.RecordBatch], *, broadcast: Any, k: int, block_rows: int, id_type: Any
) -> Iterator[pa.RecordBatch]:
    """Runs in the Python workers: for each block number, the block's rows' *k* related
    articles (:func:`newsnlp.related.search.related_all` on one thread), as output rows."""
    import pyarrow as pa

    index, parts, payload = _index_of(broadcast)
    n, ids = payload["shape"][0], payload["ids"]
    for batch in batches:
        for block in batch.column(0).to_pylist():
            a, b = block * block_rows, min((block + 1) * block_rows, n)
            if a >= b:
                continue
            pos, scores = related_all(
                index, k, targets=np.arange(a, b), search=payload["search"],
                n_candidates=payload["n_candidates"], threads=1, parts=parts,
                blocks=lambda rows: row_blocks(rows, n, 2048),
            )  # fmt: skip
            row, col = np.nonzero(pos >= 0)
            yield pa.RecordBatch.from_arrays(
                [
                    pa.array([ids[a + r] for r in row.tolist()], id_type),
                    pa.array([ids[p] for p in pos[row, col].tolist()], id_type),
                    pa.array(scores[row, col], pa.float32()),
                    pa.array(col + 1, pa.int32()),
                ],
                names=list(OUTPUT_COLUMNS),
            )


def related_all_spark(
    df: DataFrame | None = None,
    k: int = 10,
    *,
    model: RelatedArticles | None = None,
    spark: Any = None,
    block_rows: int = _BLOCK_ROWS,
    partitions: int | None = None,
    **fit_options: Any,
) -> DataFrame:
    """Every article's *k* related articles, computed on the Spark executors.

    The index is fitted by :func:`~newsnlp.integrations.spark.fit_related_spark` on *df*
    (with *fit_options*: ``text_field``, ``title_field``, parameters of
    :class:`~newsnlp.RelatedArticles` …), or given as *model*. The driver computes the
    near-duplicate groups once, then broadcasts the index (matrix, signatures, groups, ids):
    each Python worker builds its inverted index once, and every task searches one block of
    *block_rows* articles against the whole index, as
    :meth:`~newsnlp.RelatedArticles.related_all` does on one machine (same exclusions,
    collapse and tie-breaking: the same neighbours and scores). See ``docs/distributed.md``
    for memory per executor and scaling.

    Parameters
    ----------
    df : pyspark.sql.DataFrame, optional
        The articles (see ``fit_related_spark``); not needed with *model*.
    k : int, default 10
        Related articles per article.
    model : RelatedArticles, optional
        A fitted index (e.g. ``fit_related_spark``'s, or ``RelatedArticles.load(...)``).
    spark : SparkSession, optional
        The session to run on (default: *df*'s, or the active one).
    block_rows : int, default 4096
        Articles searched per task.
    partitions : int, optional
        Spark partitions of the blocks (default: ``spark.sparkContext.defaultParallelism``
        times 4, at most one per block).
    **fit_options
        Passed to ``fit_related_spark`` when *model* is not given.

    Returns
    -------
    pyspark.sql.DataFrame
        Columns ``id``, ``neighbour_id`` (the ids' type: string, or long for integer ids),
        ``score`` (float) and ``rank`` (int, 1 = best): one row per (article, neighbour),
        fewer than *k* rows for an article with fewer related articles.

    Raises
    ------
    ImportError
        If pyspark or pyarrow is not installed.
    TypeError, ValueError
        Bad arguments (neither *df* nor *model*, *k* < 1 …), or those of ``fit_related_spark``.

    Examples
    --------
    >>> pairs = related_all_spark(spark.read.parquet("articles.parquet"), k=10,
    ...                           title_field="title")                       # doctest: +SKIP
    >>> pairs.write.parquet("related.parquet")                             # doctest: +SKIP
    """
    require_pyspark()
    from pyspark.sql import SparkSession
    from pyspark.sql import types as T

    k = check_k(k)
    block_rows = check_int(block_rows, "block_rows", 1)
    if model is None:
        if df is None:
            raise TypeError("related_all_spark needs a DataFrame of articles or a fitted model=")
        check_dataframe(df, "related_all_spark")
        from newsnlp.integrations.spark.related import fit_related_spark

        model = fit_related_spark(df, **fit_options)
    elif fit_options:
        raise TypeError(f"with model=, no fit options: got {sorted(fit_options)}")
    spark = spark or (df.sparkSession if df is not None else SparkSession.getActiveSession())
    if spark is None:
        raise ValueError("no active Spark session: pass spark= or a DataFrame")
    start = time.perf_counter()
    payload = search_payload(model, threads=1)
    built = time.perf_counter() - start
    n = payload["shape"][0]
    numeric = all(type(v) is int for v in payload["ids"])
    id_type = T.LongType() if numeric else T.StringType()
    schema = T.StructType(
        [T.StructField("id", id_type, False), T.StructField("neighbour_id", id_type, False),
         T.StructField("score", T.FloatType(), False), T.StructField("rank", T.IntegerType(), False)]
    )  # fmt: skip
    if not numeric:
        payload["ids"] = [str(v) for v in payload["ids"]]
    n_blocks = max(1, -(-n // block_rows))
    if partitions is None:
        partitions = 4 * spark.sparkContext.defaultParallelism
    partitions = max(1, min(check_int(partitions, "partitions", 1), n_blocks))
    start = time.perf_counter()
    broadcast = spark.sparkContext.broadcast(payload)
    import pyarrow as pa

    task = functools.partial(
        _neighbour_rows, broadcast=broadcast, k=k, block_rows=block_rows,
        id_type=pa.int64() if numeric else pa.string(),
    )  # fmt: skip
    logger.info(
        "related_all_spark: %d articles in %d blocks, %d partitions; driver %.2f s (index "
        "payload, near-duplicate groups) + %.2f s (broadcast)",
        n, n_blocks, partitions, built, time.perf_counter() - start,
    )  # fmt: skip
    blocks = spark.range(0, n_blocks, numPartitions=partitions)
    return blocks.mapInArrow(task, schema)
