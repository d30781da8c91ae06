"""The one output schema of newsnlp: the fields of an analysed article, and their types.

:meth:`newsnlp.Article.to_dict` writes these fields; every other form of the record is derived
from this table, never written out again: the batch records (:mod:`newsnlp.batch`), the Arrow
schema of Parquet output (:func:`arrow_schema`), the Spark schema of
:func:`newsnlp.integrations.spark.annotate_spark` (:func:`spark_fields`), and the check that a
record has the documented shape (:func:`check_record`).

Types are logical: ``INT`` is an Arrow ``int64`` and a Spark ``int``; ``FLOAT`` a ``float64``
/ ``double``; every value may be null (an error record has only its id, its kept fields and
``error``).

Examples
--------
>>> FIELD_NAMES[:4]
('schema_version', 'title', 'text', 'language')
>>> describe(FIELDS["ministers"])
'list<struct<name: string, role: string, country: string, country_source: string>>'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ERROR_FIELD",
    "FIELDS",
    "FIELD_NAMES",
    "FLOAT",
    "INT",
    "SCHEMA_VERSION",
    "STRING",
    "FieldType",
    "arrow_schema",
    "arrow_type",
    "check_record",
    "describe",
    "spark_fields",
    "spark_type",
]

#: Version of the record schema; bumped on any incompatible change ("3": ministers carry
#: ``country_source``).
SCHEMA_VERSION = "3"


@dataclass(frozen=True, slots=True)
class FieldType:
    """A logical type: ``string``, ``int``, ``float``, ``list`` (of *item*), ``struct`` (of
    named *fields*) or ``map`` (string keys, *item* values)."""

    kind: str
    item: FieldType | None = None
    fields: tuple[tuple[str, FieldType], ...] = ()


STRING = FieldType("string")
INT = FieldType("int")
FLOAT = FieldType("float")


def _list(item: FieldType) -> FieldType:
    return FieldType("list", item)


def _struct(*fields: tuple[str, FieldType]) -> FieldType:
    return FieldType("struct", fields=fields)


READING_TIME = _struct(
    ("words", INT), ("seconds", FLOAT), ("minutes", INT), ("wpm", FLOAT), ("lang", STRING)
)
ENTITY = _struct(
    ("text", STRING),
    ("label", STRING),
    ("start", INT),
    ("end", INT),
    ("canonical", STRING),
    ("kind", STRING),
    ("country", STRING),
    ("role", STRING),
)
MINISTER = _struct(
    ("name", STRING), ("role", STRING), ("country", STRING), ("country_source", STRING)
)
TEASER = _struct(("title", STRING), ("lede", STRING))
REMOVED_LINE = _struct(("line", INT), ("text", STRING), ("reason", STRING))

#: Field name → type, in record order.
FIELDS: Mapping[str, FieldType] = {
    "schema_version": STRING,
    "title": STRING,
    "text": STRING,
    "language": STRING,
    "reading_time": READING_TIME,
    "entities": _list(ENTITY),
    "ministers": _list(MINISTER),
    "countries": FieldType("map", INT),
    "institutions": _list(STRING),
    "teasers": _list(TEASER),
    "removed": _list(REMOVED_LINE),
    "source": STRING,
}
#: The article fields, in record order.
FIELD_NAMES: tuple[str, ...] = tuple(FIELDS)
#: The field of an error record that holds the message.
ERROR_FIELD = ("error", STRING)


def describe(t: FieldType) -> str:
    """The type as text, e.g. ``list<struct<name: string>>``."""
    if t.kind == "list":
        return f"list<{describe(t.item)}>"  # type: ignore[arg-type]
    if t.kind == "map":
        return f"map<string, {describe(t.item)}>"  # type: ignore[arg-type]
    if t.kind == "struct":
        return "struct<" + ", ".join(f"{n}: {describe(f)}" for n, f in t.fields) + ">"
    return t.kind


# --------------------------------------------------------------------------- Python
_PYTHON = {"string": (str,), "int": (int,), "float": (float, int)}


def check_record(record: Mapping[str, Any]) -> list[str]:
    """Problems of an article record against the schema (``[]`` when it conforms).

    Examples
    --------
    >>> import newsnlp
    >>> check_record(newsnlp.analyze("Bonjour.", entities=False).to_dict())
    []
    >>> check_record({**newsnlp.analyze("", entities=False).to_dict(), "title": 3})
    ['title: int where string is expected']
    """
    problems = [f"missing field {name}" for name in FIELD_NAMES if name not in record]
    for name, t in FIELDS.items():
        if name in record:
            problems.extend(_check_value(record[name], t, name))
    return problems


def _check_value(value: Any, t: FieldType, where: str) -> list[str]:
    if value is None:
        return []
    if t.kind in _PYTHON:
        ok = isinstance(value, _PYTHON[t.kind]) and not isinstance(value, bool)
        return [] if ok else [f"{where}: {type(value).__name__} where {t.kind} is expected"]
    if t.kind == "list":
        if not isinstance(value, (list, tuple)):
            return [f"{where}: {type(value).__name__} where a list is expected"]
        return [p for i, v in enumerate(value) for p in _check_value(v, t.item, f"{where}[{i}]")]  # type: ignore[arg-type]
    if not isinstance(value, Mapping):
        return [f"{where}: {type(value).__name__} where a mapping is expected"]
    if t.kind == "map":
        return [p for k, v in value.items() for p in _check_value(v, t.item, f"{where}[{k!r}]")]  # type: ignore[arg-type]
    names = [n for n, _ in t.fields]
    if list(value) != names:
        return [f"{where}: fields {list(value)} where {names} are expected"]
    return [p for n, f in t.fields for p in _check_value(value[n], f, f"{where}.{n}")]


# --------------------------------------------------------------------------- Arrow
def arrow_type(t: FieldType) -> Any:
    """The ``pyarrow`` type of *t* (needs pyarrow)."""
    import pyarrow as pa

    if t.kind == "string":
        return pa.string()
    if t.kind == "int":
        return pa.int64()
    if t.kind == "float":
        return pa.float64()
    if t.kind == "list":
        return pa.list_(arrow_type(t.item))  # type: ignore[arg-type]
    if t.kind == "map":
        return pa.map_(pa.string(), arrow_type(t.item))  # type: ignore[arg-type]
    return pa.struct([(name, arrow_type(f)) for name, f in t.fields])


def arrow_schema() -> dict[str, Any]:
    """Arrow type of every article field and of ``error``, by name (needs pyarrow)."""
    types = {name: arrow_type(t) for name, t in FIELDS.items()}
    types[ERROR_FIELD[0]] = arrow_type(ERROR_FIELD[1])
    return types


# --------------------------------------------------------------------------- Spark
def spark_type(t: FieldType) -> Any:
    """The ``pyspark.sql.types`` type of *t* (needs pyspark); every field nullable."""
    from pyspark.sql import types as T

    if t.kind == "string":
        return T.StringType()
    if t.kind == "int":
        return T.IntegerType()
    if t.kind == "float":
        return T.DoubleType()
    if t.kind == "list":
        return T.ArrayType(spark_type(t.item))  # type: ignore[arg-type]
    if t.kind == "map":
        return T.MapType(T.StringType(), spark_type(t.item))  # type: ignore[arg-type]
    return T.StructType([T.StructField(name, spark_type(f), True) for name, f in t.fields])


def spark_fields() -> list[Any]:
    """Spark fields of the article record, in order, then ``error`` (needs pyspark)."""
    from pyspark.sql import types as T

    fields = [*FIELDS.items(), ERROR_FIELD]
    return [T.StructField(name, spark_type(t), True) for name, t in fields]
