"""What every record format shares: the format of a file name, the record that could not be
read, and the JSON text of a value.

Formats are chosen from the file name (``.jsonl``/``.ndjson``/``.json``, ``.csv``/``.tsv``,
``.parquet``/``.pq``, each JSONL/CSV optionally ``.gz``) or given as ``format=``.

Examples
--------
>>> detect_format("articles.csv.gz")
('csv', True)
>>> dumps({"id": 1, "tags": {"b", "a"}})
'{"id": 1, "tags": ["a", "b"]}'
>>> as_text(["Maroc", None]), as_text(None), as_text(3)
('["Maroc", null]', '', '3')
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = [
    "FORMATS",
    "BadRecord",
    "PathLike",
    "as_text",
    "detect_format",
    "dumps",
    "json_default",
]

#: Supported formats (compression is separate: ``.gz`` for JSONL and CSV).
FORMATS = ("jsonl", "csv", "parquet")
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}

#: A file name: ``str`` or :class:`os.PathLike` (``"-"`` is standard input / output).
PathLike = str | os.PathLike


@dataclass(frozen=True, slots=True)
class BadRecord:
    """An input record that could not be read (invalid JSON, invalid UTF-8, truncated file).

    Readers yield it in place of the record so that a batch job can report it as an error record
    and go on; :func:`newsnlp.batch.annotate` turns it into ``{"id": position, "error": …}``.

    Attributes
    ----------
    error : str
        ``"<type>: <message>"``.
    line : int or None
        1-based line number in the input, when known.
    """

    error: str
    line: int | None = None


def detect_format(path: PathLike, format: str | None = None) -> tuple[str, bool]:
    """Return ``(format, gzip)`` for *path*: the format from its extension unless given.

    Parameters
    ----------
    path : str or os.PathLike
        File name (``-`` means standard input/output: JSONL unless *format* says otherwise).
    format : {"jsonl", "csv", "parquet"}, optional
        Explicit format; gzip is still taken from a ``.gz`` suffix.

    Returns
    -------
    tuple of (str, bool)

    Raises
    ------
    ValueError
        Unknown extension or format.

    Examples
    --------
    >>> detect_format("articles.jsonl.gz"), detect_format("out.parquet"), detect_format("-")
    (('jsonl', True), ('parquet', False), ('jsonl', False))
    """
    name = os.fspath(path)
    if not isinstance(name, str):
        raise TypeError(f"path must be str or os.PathLike, not {type(path).__name__}")
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
        fmt = format
    elif name == "-":
        fmt = "jsonl"
    else:
        fmt = _EXTENSIONS.get(Path(lower).suffix, "")
        if not fmt:
            raise ValueError(
                f"cannot tell the format of {name!r} from its extension: name it .jsonl, "
                f".jsonl.gz, .csv or .parquet, or pass format= (one of {', '.join(FORMATS)})"
            )
    if fmt == "parquet" and gz:
        raise ValueError("Parquet files are compressed internally: drop the .gz suffix")
    return fmt, gz


# --------------------------------------------------------------------------- JSON text
def json_default(obj: Any) -> Any:
    """``json`` fallback for values common in data pipelines (numpy, pandas, dates, sets,
    decimals, bytes); anything else becomes its ``str``.

    Examples
    --------
    >>> import datetime
    >>> json_default(datetime.date(2024, 1, 2)), json_default(b"caf\\xc3\\xa9")
    ('2024-01-02', 'café')
    """
    if hasattr(obj, "item") and type(obj).__module__ == "numpy":  # numpy scalar
        return obj.item()
    if hasattr(obj, "tolist"):  # numpy array
        return obj.tolist()
    if isinstance(obj, (_dt.datetime, _dt.date, _dt.time)):
        return obj.isoformat()
    if type(obj).__name__ in {"NAType", "NaTType"}:  # pandas.NA, pandas.NaT
        return None
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=repr)
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, (bytes, bytearray)):
        return obj.decode("utf-8", "backslashreplace")
    return str(obj)


def _finite(obj: Any) -> Any:
    """*obj* with NaN and infinities replaced by ``None`` (strict JSON has no NaN)."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, Mapping):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def dumps(record: Any) -> str:
    """One-line, strict JSON for *record* (UTF-8 text kept as is; NaN → ``null``; numpy,
    pandas and date values converted).

    Examples
    --------
    >>> dumps({"id": 1, "text": "Élysée", "score": float("nan")})
    '{"id": 1, "text": "Élysée", "score": null}'
    """
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False, default=json_default)
    except ValueError:  # NaN / infinity somewhere
        return json.dumps(_finite(record), ensure_ascii=False, default=json_default)


def as_text(value: Any) -> str:
    """*value* as the text of one cell of a text column (CSV, a Parquet ``string`` column):
    ``None`` and NaN are empty, lists, dicts and booleans JSON, numbers as Python prints them.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (bool, Mapping, list, tuple)):
        return dumps(value)
    return str(json_default(value)) if type(value).__module__ == "numpy" else str(value)
