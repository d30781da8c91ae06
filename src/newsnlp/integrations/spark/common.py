"""What the Spark integration's modules share: the pyspark import, argument checks, Arrow
conversions. pyspark is imported inside the functions, never at module import."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsnlp.errors import require

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = [
    "arrow_schema",
    "check_column",
    "check_dataframe",
    "check_type",
    "collect_arrow",
    "require_pyspark",
]

_MIN_PYSPARK = (3, 5)


def require_pyspark():
    """Import pyspark (>= 3.5) and pyarrow, or raise an ImportError that names the extra
    (``pip install "newsnlp[spark]"``; Spark also needs Java 17 or later on the machine)."""
    try:
        require("pyarrow", "spark", feature="newsnlp.integrations.spark")
        pyspark = require("pyspark", "spark", feature="newsnlp.integrations.spark")
    except ImportError as exc:
        raise ImportError(f"{exc}; Spark also needs Java 17 or later on the machine") from exc
    try:
        version = tuple(int(p) for p in pyspark.__version__.split(".")[:2])
    except ValueError:  # pragma: no cover - development builds
        version = _MIN_PYSPARK
    if version < _MIN_PYSPARK:
        raise ImportError(
            f"newsnlp.integrations.spark needs pyspark >= 3.5, found {pyspark.__version__}: "
            'pip install -U "newsnlp[spark]"'
        )
    return pyspark


def check_dataframe(df: Any, function: str) -> None:
    """Raise a ``TypeError`` naming *function* unless *df* is a Spark DataFrame."""
    if not all(hasattr(df, name) for name in ("mapInArrow", "schema", "select", "columns")):
        raise TypeError(
            f"{function} takes a Spark DataFrame, not {type(df).__name__}: for a pandas "
            "DataFrame use newsnlp.batch.annotate_dataframe / RelatedArticles().fit, for an "
            "iterable of dicts newsnlp.batch.annotate"
        )


def check_column(df: Any, name: Any, what: str, hint: str = "") -> str:
    """*name*, a column of *df* (``TypeError`` if not a str, ``KeyError`` naming the columns
    and the *hint* if absent); *what* names the argument."""
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a column name (str), not {type(name).__name__}")
    if name not in df.columns:
        raise KeyError(
            f"DataFrame has no column {name!r} (columns: {', '.join(df.columns)})"
            + (f": {hint}" if hint else "")
        )
    return name


def check_type(kind: Any, allowed: tuple[type, ...], column: str, what: str) -> None:
    """Raise a ``TypeError`` (how to cast it) unless the Spark type *kind* of *column* is one
    of *allowed*; *what* says what the column must hold."""
    if not isinstance(kind, allowed):
        raise TypeError(
            f"column {column!r} must hold {what}, not {kind.simpleString()}: cast it, e.g. "
            f"df.withColumn({column!r}, df[{column!r}].cast('string'))"
        )


def collect_arrow(df: DataFrame) -> pa.Table:
    """All rows of *df* as one Arrow table, in the DataFrame's order."""
    if hasattr(df, "toArrow"):  # pyspark >= 4.0
        return df.toArrow()
    import pyarrow as pa  # pragma: no cover - pyspark 3.5

    batches = df._collect_as_arrow()  # pragma: no cover
    return pa.Table.from_batches(batches, schema=arrow_schema(df.schema.fields))  # pragma: no cover


def arrow_schema(fields: list) -> pa.Schema:
    """The Arrow schema of the Spark *fields* (as pyspark converts them)."""
    from pyspark.sql.pandas.types import to_arrow_schema
    from pyspark.sql.types import StructType

    return to_arrow_schema(StructType(fields))
