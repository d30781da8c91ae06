"""Fit :class:`newsnlp.RelatedArticles` on a Spark DataFrame (see :func:`fit_related_spark`)."""

from __future__ import annotations

import functools
import logging
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from numbers import Integral
from typing import TYPE_CHECKING, Any

import numpy as np

from newsnlp.integrations.spark.common import (
    arrow_schema,
    check_column,
    check_dataframe,
    check_type,
    collect_arrow,
    require_pyspark,
)
from newsnlp.related.duplicates import FINGERPRINT_DTYPE, body_fingerprints
from newsnlp.related.index import append_rows, set_index, set_latent
from newsnlp.related.inputs import NAT, check_ids, check_unique_ids, parse_date
from newsnlp.related.params import check_params
from newsnlp.related.shingles import BINS
from newsnlp.related.vectorize import (
    df_bounds,
    feature_options,
    features,
    fit_vocabulary,
    index_rows,
)
from newsnlp.related.vocabulary import resolve_df
from newsnlp.related.wordvectors import latent_projection

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

    from newsnlp.related import RelatedArticles

__all__ = ["fit_related_spark"]

logger = logging.getLogger(__name__)

#: Distinct features a worker counts before it sends partial counts on (memory bound).
_MAX_COUNTED = 1_000_000
#: Rows per Arrow batch of partial counts.
_COUNT_ROWS = 65_536
#: The former names of the column arguments (until the next release, with a warning).
_RENAMED = {"text_col": "text_field", "id_col": "id_field", "title_col": "title_field",
            "date_col": "date_field"}  # fmt: skip


def _fields(params: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """*fields* (``text_field`` …), with the values given under their former names
    (``text_col`` …) taken out of *params*, with a ``DeprecationWarning``."""
    defaults = {"text_field": "text", "id_field": "id", "title_field": None, "date_field": None}
    for old, new in _RENAMED.items():
        if old not in params:
            continue
        if fields[new] != defaults[new]:
            raise TypeError(f"fit_related_spark got both {old}= and {new}=: pass {new}= only")
        warnings.warn(
            f"fit_related_spark({old}=...) is deprecated: use {new}= (the old name will be "
            "removed in the next release)",
            DeprecationWarning,
            stacklevel=3,
        )
        fields[new] = params.pop(old)
    return fields


def fit_related_spark(
    df: DataFrame,
    *,
    text_field: str = "text",
    id_field: str | None = "id",
    title_field: str | None = None,
    date_field: str | None = None,
    **params: Any,
) -> RelatedArticles:
    """Fit a :class:`newsnlp.RelatedArticles` on the articles of a Spark DataFrame.

    Two Spark jobs read *df* (cache it if it is costly to compute): the first counts each
    feature's documents and occurrences on the executors and sums them with a ``groupBy``
    (terms under an integer ``min_df`` are dropped before they reach the driver); the driver
    chooses the vocabulary and idf; the second computes each row's TF-IDF vector, body
    fingerprint, shingle signature and date on the executors, and the driver collects them in
    the DataFrame's order (``min_df="auto"``, the default, first counts the rows); the driver
    learns the latent topics from the collected matrix. The result equals
    ``RelatedArticles(**params).fit(texts, ids=ids, titles=titles, dates=dates)`` on the rows
    of ``df.collect()``, in that order: same vocabulary, idf, matrix, ids, dates, body
    fingerprints, signatures and latent topics, hence the same answers.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The articles, one per row.
    text_field : str, default "text"
        Column of article bodies (strings; a null body is an error, as in ``fit``).
    id_field : str or None, default "id"
        Column of unique ids (string or integer column); ``None``: the positions ``0 … n-1``
        in the DataFrame's order.
    title_field : str, optional
        Column of titles (strings or null), weighted by ``title_weight``.
    date_field : str, optional
        Column of publication dates: ISO 8601 strings, dates or timestamps (a timestamp is
        an instant: stored in UTC; ``timestamp_ntz`` values as given).
    **params
        Parameters of :class:`newsnlp.RelatedArticles` (``min_df``, ``max_df``,
        ``max_features``, ``ngram_range``, ``title_weight``…). The former names of the column
        arguments, ``text_col``, ``id_col``, ``title_col`` and ``date_col``, still work until
        the next release, with a ``DeprecationWarning``.

    Returns
    -------
    RelatedArticles
        Fitted, with every row indexed.

    Raises
    ------
    ImportError
        If pyspark or pyarrow is not installed.
    KeyError
        A column is not in *df*.
    TypeError
        A column of the wrong type, null texts or ids, a bad parameter.
    ValueError
        An empty DataFrame, duplicate ids, a date that is not ISO 8601, a bad parameter.
    RuntimeError
        *df* gave a different number of rows to the two jobs (a non-deterministic DataFrame:
        cache it first).

    Examples
    --------
    >>> model = fit_related_spark(spark.read.parquet("articles.parquet"),
    ...                           title_field="title", date_field="published",
    ...                           ngram_range=(1, 2))                       # doctest: +SKIP
    >>> model.save("models/news")                                          # doctest: +SKIP
    """
    require_pyspark()
    from newsnlp.related import RelatedArticles

    check_dataframe(df, "fit_related_spark")
    fields = _fields(
        params,
        {"text_field": text_field, "id_field": id_field, "title_field": title_field,
         "date_field": date_field},
    )  # fmt: skip
    est = RelatedArticles(**params)
    check_params(est.get_params(deep=False))
    if est.entities:
        raise ValueError(
            "fit_related_spark reads texts, not annotated records: pass entities=False, or fit "
            "RelatedArticles(entities=True) on the annotate_spark output collected locally"
        )
    types = _check_columns(df, fields)
    n = _fit_vocabulary(df, est, fields["text_field"], fields["title_field"])
    logger.info("vocabulary: %d terms from %d documents", len(est.vocabulary_), n)
    _index_rows(df, est, n, fields, types)
    latent = latent_projection(  # on the driver, as fit: topics, or a small corpus's word vectors
        est.matrix_, list(est.vocabulary_), n, dims=int(est.latent_dims),
        word_vectors=est.word_vectors,
    )  # fmt: skip
    set_latent(est, latent)
    logger.info(
        "indexed %d articles, %d terms, %d non-zeros", n, len(est.vocabulary_), est.matrix_.nnz
    )
    return est


def _check_columns(df: DataFrame, fields: dict[str, Any]) -> dict[str, Any]:
    """Check that the columns of *fields* exist and have the right types; return the types of
    *df*'s columns."""
    from pyspark.sql import types as T

    text, ids, title, date = (
        fields[name] for name in ("text_field", "id_field", "title_field", "date_field")
    )
    fields["text_field"] = check_column(
        df, text, "text_field", "pass text_field= to name the text column"
    )
    if ids is not None:
        check_column(df, ids, "id_field", "pass id_field=None to use positions as ids")
    if title is not None:
        check_column(df, title, "title_field")
    if date is not None:
        check_column(df, date, "date_field")
    types = {f.name: f.dataType for f in df.schema.fields}
    check_type(types[text], (T.StringType,), text, "strings")
    if title is not None:
        check_type(types[title], (T.StringType,), title, "strings")
    if ids is not None:
        check_type(types[ids], (T.StringType, T.IntegralType), ids, "strings or integers")
    if date is not None:
        date_types = (T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType)
        check_type(types[date], date_types, date, "ISO strings, dates or timestamps")
    return types


def _fit_vocabulary(df: DataFrame, est: RelatedArticles, text: str, title: str | None) -> int:
    """Job 1: count each feature's documents on the executors and sum them with a ``groupBy``
    (terms under an integer ``min_df`` dropped before they reach the driver); set *est*'s
    vocabulary and idf, with an empty index. Returns the number of rows."""
    from pyspark.sql import functions as F

    options = feature_options(est)
    if "auto" in (est.min_df, est.max_df):  # the limits depend on the corpus size: count it
        est.min_df_, est.max_df_ = resolve_df(est.min_df, est.max_df, df.count())
    else:
        est.min_df_, est.max_df_ = est.min_df, est.max_df
    min_df, max_df = est.min_df_, est.max_df_
    counted = df.select(text, *([title] if title else [])).mapInArrow(
        functools.partial(_count_features, options=options, has_title=title is not None),
        "term string, docs long, total long",
    )
    sums = counted.groupBy("term").agg(F.sum("docs").alias("docs"), F.sum("total").alias("total"))
    # an integer min_df drops most terms (those of one document) before they reach the driver
    floor = min_df if isinstance(min_df, Integral) and min_df > 1 else None
    if floor is None:
        rows = _counts(sums)
    else:
        rows = _counts(sums.where(F.col("term").isNull() | (F.col("docs") >= floor)))
    n, nulls = rows.pop(None, (0, 0))
    if n == 0:
        raise ValueError("cannot fit on an empty DataFrame: it has no rows")
    if nulls:
        raise TypeError(
            f"{nulls} of the {n} rows have a null {text}: drop them "
            f"(df.dropna(subset=[{text!r}])) or fill them (df.fillna('', [{text!r}]))"
        )
    if floor is not None and not _any_kept(min_df, max_df, rows, n):
        # min_df and max_df leave no term: fit keeps every term then, so count them all
        rows = _counts(sums)
        rows.pop(None, None)
    terms = sorted(rows)
    fitted = fit_vocabulary(
        terms,
        [rows[t][0] for t in terms],
        n,
        min_df=min_df,
        max_df=max_df,
        max_features=est.max_features,
        term_totals=np.array([rows[t][1] for t in terms], dtype=np.float64),
    )
    set_index(est, vocabulary=fitted.vocabulary, idf=fitted.idf, n_documents_fit=n)
    return n


def _index_rows(
    df: DataFrame, est: RelatedArticles, n: int, fields: dict[str, Any], types: dict[str, Any]
) -> None:
    """Job 2: each row's vector, fingerprint and date computed on the executors, collected in
    the DataFrame's order and appended to *est*'s index."""
    from pyspark.sql import types as T

    text, ids, title, date = (
        fields[name] for name in ("text_field", "id_field", "title_field", "date_field")
    )
    value_type = T.FloatType() if np.dtype(est.dtype) == np.float32 else T.DoubleType()
    schema_fields = [
        T.StructField("indices", T.ArrayType(T.IntegerType(), False), False),
        T.StructField("values", T.ArrayType(value_type, False), False),
        T.StructField("fingerprint", T.BinaryType(), False),
        T.StructField("signature", T.BinaryType(), False),
        T.StructField("shingles", T.LongType(), False),
        T.StructField("date", T.LongType(), True),
        T.StructField("error", T.StringType(), True),
    ]
    if ids is not None:
        schema_fields.insert(0, T.StructField("id", types[ids], True))
    columns = [c for c in (ids, text, title, date) if c is not None]
    # pyspark sends the estimator (vocabulary and idf) with the task, as a broadcast variable
    # when it is large (spark.broadcast threshold)
    task = functools.partial(
        _vector_rows,
        est=est,
        id_field=ids,
        text_field=text,
        title_field=title,
        date_field=date,
        arrow_schema=arrow_schema(schema_fields),
    )
    table = collect_arrow(df.select(*columns).mapInArrow(task, T.StructType(schema_fields)))
    _append_rows(est, table, n, ids, date)


def _counts(df: DataFrame) -> dict[str | None, tuple[int, int]]:
    """term → (documents, occurrences) from the aggregated counts (``None``: rows, nulls)."""
    table = collect_arrow(df)
    terms = table.column("term").to_pylist()
    docs = table.column("docs").to_pylist()
    totals = table.column("total").to_pylist()
    return {t: (d, c) for t, d, c in zip(terms, docs, totals, strict=True)}


def _any_kept(min_df: Any, max_df: Any, rows: dict[Any, tuple[int, int]], n: int) -> bool:
    """Whether some term is within ``min_df`` and ``max_df`` (the test of ``fit``)."""
    lo, hi = df_bounds(min_df, max_df, n)
    return any(lo <= d <= hi for d, _ in rows.values())


def _count_features(
    batches: Iterable[pa.RecordBatch], *, options: dict[str, Any], has_title: bool
) -> Iterator[pa.RecordBatch]:
    """Runs in the Python workers: each feature's (documents, occurrences) in the partition
    (partial sums, sent on every :data:`_MAX_COUNTED` distinct features), then one row with a
    null term holding (rows, rows with a null text)."""
    import pyarrow as pa

    docs: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    rows = nulls = 0
    for batch in batches:
        texts = batch.column(0).to_pylist()
        titles = batch.column(1).to_pylist() if has_title else [None] * len(texts)
        for text, title in zip(texts, titles, strict=True):
            rows += 1
            if not isinstance(text, str):
                nulls += 1
                continue
            feats = features(text, title or "", **options)
            totals.update(feats)
            docs.update(set(feats))
        if len(totals) > _MAX_COUNTED:
            yield from _count_batches(docs, totals)
            docs.clear()
            totals.clear()
    yield from _count_batches(docs, totals)
    yield pa.RecordBatch.from_arrays(
        [
            pa.array([None], pa.string()),
            pa.array([rows], pa.int64()),
            pa.array([nulls], pa.int64()),
        ],
        names=["term", "docs", "total"],
    )


def _count_batches(docs: Counter[str], totals: Counter[str]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    terms = list(totals)
    for i in range(0, len(terms), _COUNT_ROWS):
        part = terms[i : i + _COUNT_ROWS]
        yield pa.RecordBatch.from_arrays(
            [
                pa.array(part, pa.string()),
                pa.array([docs[t] for t in part], pa.int64()),
                pa.array([totals[t] for t in part], pa.int64()),
            ],
            names=["term", "docs", "total"],
        )


def _vector_rows(
    batches: Iterable[pa.RecordBatch],
    *,
    est: RelatedArticles,
    id_field: str | None,
    text_field: str,
    title_field: str | None,
    date_field: str | None,
    arrow_schema: pa.Schema,
) -> Iterator[pa.RecordBatch]:
    """Runs in the Python workers: each row's TF-IDF vector (column indices and values), body
    fingerprint, date (seconds since the epoch, null when unknown) and error (a null text, a
    bad date), in order."""
    import pyarrow as pa

    value_type = arrow_schema.field("values").type.value_type
    for batch in batches:
        n = batch.num_rows
        if n == 0:
            continue
        texts = batch.column(text_field).to_pylist()
        errors: list[str | None] = [None] * n
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                errors[i] = f"TypeError: {text_field} must be str, not {type(text).__name__}"
                texts[i] = ""
        titles = batch.column(title_field).to_pylist() if title_field else None
        vectors, (signatures, shingles) = index_rows(est, texts, titles)
        seconds: list[int | None] = [None] * n
        if date_field:
            for i, value in enumerate(batch.column(date_field).to_pylist()):
                try:
                    date = parse_date(value, date_field)
                except (TypeError, ValueError) as exc:
                    errors[i] = errors[i] or f"{type(exc).__name__}: {exc}"
                    continue
                if date != NAT:
                    seconds[i] = int(date.astype(np.int64))
        offsets = pa.array(vectors.indptr, pa.int32())
        arrays = [
            pa.ListArray.from_arrays(
                offsets,
                pa.array(vectors.indices, pa.int32()),
                type=arrow_schema.field("indices").type,
            ),
            pa.ListArray.from_arrays(
                offsets,
                pa.array(vectors.data, value_type),
                type=arrow_schema.field("values").type,
            ),
            pa.array(body_fingerprints(texts).tolist(), pa.binary()),
            pa.array([row.tobytes() for row in signatures], pa.binary()),
            pa.array(shingles.astype(np.int64), pa.int64()),
            pa.array(seconds, pa.int64()),
            pa.array(errors, pa.string()),
        ]
        if id_field is not None:
            arrays.insert(0, batch.column(id_field))
        yield pa.RecordBatch.from_arrays(arrays, names=arrow_schema.names)


def _append_rows(
    est: RelatedArticles, table: pa.Table, n: int, id_field: str | None, date_field: str | None
) -> None:
    """Check the collected rows and append them to *est*'s index (in the table's order)."""
    import pyarrow.compute as pc

    if table.num_rows != n:
        raise RuntimeError(
            f"the DataFrame gave {n} rows to the first job and {table.num_rows} to the second: "
            "it is not deterministic; cache it (df.cache() or df.localCheckpoint()) and fit again"
        )
    errors = table.column("error")
    if errors.null_count < n:
        i = pc.index(pc.is_valid(errors), True).as_py()
        message = errors[i].as_py()
        where = f"row {i}" + (f" (id {table.column('id')[i].as_py()!r})" if id_field else "")
        kind, _, text = message.partition(": ")
        raise (TypeError if kind == "TypeError" else ValueError)(f"{where}: {text}")
    ids = check_ids(table.column("id").to_pylist() if id_field else None, n, 0)
    check_unique_ids(ids)
    if date_field:
        seconds = pc.fill_null(table.column("date"), NAT.astype(np.int64).item())
        dates = np.asarray(seconds.to_numpy(), dtype=np.int64).view("datetime64[s]")
    else:
        dates = np.full(n, NAT)
    fps = np.array(table.column("fingerprint").to_pylist(), dtype=FINGERPRINT_DTYPE).reshape(n)
    raw = b"".join(table.column("signature").to_pylist())
    signatures = np.frombuffer(raw, dtype=np.uint8).reshape(n, BINS).copy()
    shingles = np.asarray(table.column("shingles").to_numpy(), dtype=np.uint32)
    vectors = _vectors(table, n, len(est.vocabulary_), est.dtype)
    append_rows(est, vectors, ids, dates, fps, (signatures, shingles))


def _vectors(table: pa.Table, n: int, n_terms: int, dtype: Any):
    """The rows' TF-IDF vectors, a CSR matrix of shape ``(n, n_terms)``, from the columns
    ``indices`` and ``values`` of the collected *table*."""
    import scipy.sparse as sp

    indptr = [np.zeros(1, dtype=np.int64)]
    indices, data = [], []
    base = 0
    for batch in table.select(["indices", "values"]).to_batches():
        idx_chunk, val_chunk = batch.column(0), batch.column(1)
        offsets = idx_chunk.offsets.to_numpy().astype(np.int64)
        indptr.append(offsets[1:] - offsets[0] + base)
        base += int(offsets[-1] - offsets[0])
        indices.append(idx_chunk.flatten().to_numpy())
        data.append(val_chunk.flatten().to_numpy())
    value_dtype = np.dtype(dtype)
    return sp.csr_matrix(
        (
            np.concatenate(data).astype(value_dtype) if data else np.zeros(0, value_dtype),
            np.concatenate(indices) if indices else np.zeros(0, np.int32),
            np.concatenate(indptr),
        ),
        shape=(n, n_terms),
    )
