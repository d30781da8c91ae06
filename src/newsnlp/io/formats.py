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

import codecs
import datetime as _dt
import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from newsnlp.errors import option

__all__ = [
    "FORMATS",
    "MAX_DEPTH",
    "BadRecord",
    "PathLike",
    "as_text",
    "check_encoding",
    "decoding_error",
    "detect_format",
    "dumps",
    "json_default",
    "too_deep",
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
#: Deepest nesting of lists and objects a record may have: a deeper record is a
#: :class:`BadRecord` (whatever the depth of the call stack reading it, so the same file gives
#: the same records everywhere; Python's own limit is about 1,000 levels, less in a deep stack).
MAX_DEPTH = 100
_ESCAPED = re.compile("[\udc80-\udcff]")
_CONTAINERS = (dict, list, tuple)


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


def check_encoding(encoding: Any) -> str:
    """*encoding*, the normalised name of a text encoding known to Python.

    Raises ``TypeError`` / ``ValueError`` (with what to pass) otherwise.

    Examples
    --------
    >>> check_encoding("CP1252"), check_encoding("utf8")
    ('cp1252', 'utf-8')
    """
    if not isinstance(encoding, str):
        raise TypeError(f"encoding must be a str such as 'utf-8', not {type(encoding).__name__}")
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(
            f"unknown encoding {encoding!r}: pass {option('encoding', 'utf-8')}, 'cp1252', "
            "'latin-1'…"
        ) from None


def decoding_error(
    data: bytes | str, line: int, encoding: str, *, last: int | None = None
) -> BadRecord:
    """The :class:`BadRecord` of input *line* (to *last*, for a record over several lines)
    whose bytes are not valid *encoding*: which byte, and the option that names the file's
    encoding.

    *data* is the line's bytes, or its text decoded with ``errors="surrogateescape"`` (each
    undecodable byte is then a lone surrogate U+DC80–U+DCFF).

    Examples
    --------
    >>> decoding_error(b"caf\\xe9", 4, "utf-8").error
    "UnicodeDecodeError: line 4: byte 0xe9 at position 3 is not valid utf-8: give the file's encoding, e.g. encoding='cp1252' (--encoding cp1252) for French sites"
    """
    if isinstance(data, str):
        found = _ESCAPED.search(data)
        at, byte = "", ord(found.group()) - 0xDC00 if found else 0
    else:
        try:
            data.decode(encoding)
            at, byte = "", 0
        except UnicodeDecodeError as exc:
            at, byte = f" at position {exc.start}", data[exc.start]
    utf8 = codecs.lookup(encoding).name == "utf-8"
    advice = option("encoding", "cp1252" if utf8 else "utf-8", everywhere=True)
    where = f"line {line}" if last is None or last <= line else f"lines {line}-{last}"
    return BadRecord(
        f"UnicodeDecodeError: {where}: byte 0x{byte:02x}{at} is not valid {encoding}: give "
        f"the file's encoding, e.g. {advice}{' for French sites' if utf8 else ''}",
        line,
    )


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether *value* nests dicts, lists and tuples (what JSON decodes to) more than *limit*
    levels deep, measured without recursion (any depth), in one pass over the containers.

    Examples
    --------
    >>> too_deep({"a": [[1]]}, 3), too_deep({"a": [[1]]}, 2), too_deep("[[[", 1)
    (False, True, False)
    """
    stack = [(value, 1)] if isinstance(value, _CONTAINERS) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, _CONTAINERS):
                stack.append((child, depth + 1))
    return False


def detect_format(
    path: PathLike, format: str | None = None, *, option_name: str = "format"
) -> tuple[str, bool]:
    """Return ``(format, gzip)`` for *path*: the format from its extension unless given.

    Parameters
    ----------
    path : str or os.PathLike
        File name (``-`` means standard input/output: JSONL unless *format* says otherwise).
    format : {"jsonl", "csv", "parquet"}, optional
        Explicit format; gzip is still taken from a ``.gz`` suffix.
    option_name : str, keyword-only
        The caller's name for *format*, used in the error message (``input_format`` for
        :func:`newsnlp.batch.run`, ``--input-format`` on the command line: see
        :func:`newsnlp.errors.option`).

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
                f".jsonl.gz, .csv or .parquet, or pass {option(option_name, 'jsonl')} (or "
                f"{', '.join(FORMATS[1:])})"
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
