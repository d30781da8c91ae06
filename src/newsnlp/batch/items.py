"""Records in, records out: an input record reduced to an :class:`Item` (its id, the fields it
keeps, its text or why it cannot be processed), items processed by the one pipeline
(:func:`newsnlp.article.analyze_batch`) into output records or error records.

Every input record yields exactly one output record: the result, or an error record
``{"id": …, <keep fields>, "error": "<type>: <message>"}``. Records without an id (strings,
dicts without the ``id_field``) get their 0-based position in the input as id.

Output records are valid Unicode, whatever the input: the text goes through
:func:`newsnlp.checks.ensure_text`, which replaces each lone surrogate (``"\\ud800"`` in a
JSON file) with U+FFFD, and the same policy is applied here, in :func:`valid`, to the id, the
kept fields (their keys and nested values too) and the error message. So every writer can
encode them (UTF-8 files, Arrow, Spark), and the id a resumed job compares is the id written.
A kept ``title`` replaces the title the cleaner found (see
:data:`newsnlp.batch.config.INPUT_FIELDS`).

Examples
--------
>>> from newsnlp.batch.config import INPUT_FIELDS, BatchConfig
>>> config = BatchConfig(keep=("url",), entities=False)
>>> items = [extract(0, {"id": "a", "url": "u", "text": "Bonjour à tous."}, config),
...          extract(1, {"url": "v"}, config)]
>>> [(r["id"], r["url"], r.get("language"), r.get("error", "")[:8]) for r in process(items, config)]
[('a', 'u', 'fr', ''), (1, 'v', None, 'KeyError')]
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from newsnlp.article import analyze_batch
from newsnlp.batch.config import INPUT_FIELDS, BatchConfig
from newsnlp.checks import ensure_text
from newsnlp.errors import option
from newsnlp.io import BadRecord
from newsnlp.io.formats import as_text
from newsnlp.text.boilerplate import Boilerplate

__all__ = [
    "Item",
    "describe_error",
    "error_record",
    "extract",
    "groups",
    "is_missing",
    "process",
    "record_id",
    "result_record",
    "valid",
]

logger = logging.getLogger(__name__)

_MAX_ERROR_CHARS = 500


def describe_error(exc: BaseException) -> str:
    """The ``error`` of an error record: ``"<type>: <message>"``, at most 500 characters.

    Examples
    --------
    >>> describe_error(ValueError("max_chars"))
    'ValueError: max_chars'
    """
    message = f"{type(exc).__name__}: {exc}"
    return message if len(message) <= _MAX_ERROR_CHARS else message[: _MAX_ERROR_CHARS - 1] + "…"


def error_record(head: Mapping[str, Any], error: str) -> dict[str, Any]:
    """The error record of an input record: its *head* (id and kept fields), then ``error``
    (made :func:`valid`: a message may quote the input)."""
    return {**head, "error": valid(error)}


def valid(value: Any) -> Any:
    """*value* with every lone surrogate of its strings (dict keys included, at any depth)
    replaced with U+FFFD, the policy of :func:`newsnlp.checks.ensure_text`; *value* itself
    when it holds none.

    Examples
    --------
    >>> valid({"a\\ud800": ["b", "\\udce9"], "n": 1})
    {'a\\ufffd': ['b', '\\ufffd'], 'n': 1}
    >>> record = {"id": "x"}
    >>> valid(record) is record
    True
    """
    if isinstance(value, str):
        return value if value.isascii() else ensure_text(value)
    if isinstance(value, Mapping):
        pairs = [(valid(k), valid(v)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if isinstance(value, (list, tuple)):
        items = [valid(v) for v in value]
        if all(v is v0 for v, v0 in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) else tuple(items)
    return value


def is_missing(value: Any) -> bool:
    """Whether *value* is a missing value of a DataFrame (NaN, ``pandas.NA``)."""
    return (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType"


def record_id(record: Any, position: int, id_field: str | None) -> Any:
    """The output id of *record*: its ``id_field`` value (made :func:`valid`), else its
    *position*.

    Examples
    --------
    >>> record_id({"id": "a"}, 3, "id"), record_id({"id": None}, 3, "id"), record_id("texte", 3, "id")
    ('a', 3, 3)
    """
    if id_field is not None and isinstance(record, Mapping):
        value = record.get(id_field)
        if value is not None and not is_missing(value):
            return valid(value)
    return position


@dataclass(slots=True)
class Item:
    """One input record reduced to what is processed: output head (id + kept fields), and the
    text or the reason it cannot be processed, and its site's boilerplate if any (picklable,
    sent to worker processes)."""

    head: dict[str, Any]
    text: str | None = None
    error: str | None = None
    boilerplate: Boilerplate | None = None


def extract(position: int, record: Any, config: BatchConfig) -> Item:
    """Read one input record at *position* of the input (never raises)."""
    is_map = isinstance(record, Mapping)
    head = {"id": record_id(record, position, config.id_field)}
    for name in config.keep:
        value = record.get(name) if is_map else None
        head[name] = None if is_missing(value) else valid(value)
    if isinstance(record, BadRecord):
        return Item(head, error=record.error)
    field = config.text_field
    if isinstance(record, str):
        value: Any = record
    elif is_map:
        if field not in record:
            names = ", ".join(map(str, list(record)[:10])) or "none"
            return Item(
                head,
                error=f"KeyError: record has no {field!r} field (fields: {names}): "
                f"pass {option('text_field', everywhere=True)} to name the field that holds the text",
            )
        value = record[field]
    else:
        advice = ": decode it first" if isinstance(record, (bytes, bytearray)) else ""
        return Item(
            head,
            error=f"TypeError: record must be a dict or a str, not {type(record).__name__}"
            + advice,
        )
    if is_missing(value):
        return Item(
            head,
            error=f"TypeError: {field} is missing (NaN), not a str: drop or fill "
            "the records without text",
        )
    try:
        text = ensure_text(value, name=field)
    except TypeError as exc:
        return Item(head, error=describe_error(exc))
    if config.max_chars is not None and len(text) > config.max_chars:
        return Item(
            head,
            error=f"ValueError: {field} has {len(text):,} characters, more than "
            f"{option('max_chars', config.max_chars, everywhere=True)}: split the text, or raise "
            "the limit",
        )
    return Item(head, text=text)


def _memory_zone(config: BatchConfig):
    """A spaCy memory zone around the whole group when asked for: the strings and lexemes spaCy
    adds for it are freed after it (the annotations are plain Python data by then), so the
    vocabulary does not grow with every new word of a long job. It is the pipeline's shared
    zone (:func:`newsnlp.entities.runtime.memory_zone`), which the entity functions the group
    calls join: zones are never nested, and other threads share it."""
    if not (config.memory_zone and config.entities):
        return contextlib.nullcontext()
    from newsnlp.entities.runtime import memory_zone
    from newsnlp.entities.spacy_component import DEFAULT_MODEL, load_pipeline

    return memory_zone(load_pipeline(config.model or DEFAULT_MODEL), always=True)


def process(items: list[Item], config: BatchConfig) -> list[dict[str, Any]]:
    """Output records for *items*, in order (never raises for a record's sake): the articles
    of :func:`newsnlp.article.analyze_batch`, the one pipeline, or error records."""
    kept = [item for item in items if item.error is None]
    sites = [item.boilerplate for item in kept]
    with _memory_zone(config):
        results = iter(
            analyze_batch(
                [item.text for item in kept],  # type: ignore[misc]
                entities=config.entities,
                batch_size=config.batch_size,
                model=config.model,
                errors="return",
                boilerplate=sites if any(site is not None for site in sites) else None,
            )
        )
    out = []
    for item in items:
        if item.error is not None:
            out.append(error_record(item.head, item.error))
            continue
        result = next(results)
        if isinstance(result, Exception):
            logger.warning("record %r: %s", item.head.get("id"), describe_error(result))
            out.append(error_record(item.head, describe_error(result)))
        else:
            out.append(result_record(item.head, result.to_dict()))
    return out


def result_record(head: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any]:
    """The output record of an analysed input record: its *head* (id, kept fields), then the
    *article* fields; a kept ``title`` (:data:`~newsnlp.batch.config.INPUT_FIELDS`) that is
    not empty replaces the article's, in its place.

    Examples
    --------
    >>> result_record({"id": 1, "title": "Titre du site"}, {"title": "Titre trouvé", "text": "…"})
    {'id': 1, 'title': 'Titre du site', 'text': '…'}
    >>> result_record({"id": 1, "title": None}, {"title": "Titre trouvé", "text": "…"})
    {'id': 1, 'title': 'Titre trouvé', 'text': '…'}
    """
    if not any(name in head for name in INPUT_FIELDS):
        return {**head, **article}
    record = {**{k: v for k, v in head.items() if k not in INPUT_FIELDS}, **article}
    for name in INPUT_FIELDS:
        value = as_text(head.get(name))
        if value.strip():
            record[name] = value
    return record


def groups(items: Iterable[Item], size: int, first: int) -> Iterator[list[Item]]:
    """Cut *items* into lists of *size*, aligned on absolute positions (the first group is
    shorter when *first*, the position of the first item, is not a multiple of *size*), so a
    resumed run batches the records exactly as an uninterrupted one.

    Examples
    --------
    >>> [len(g) for g in groups([Item({})] * 7, 3, first=4)]
    [2, 3, 2]
    """
    group: list[Item] = []
    limit = size - first % size
    for item in items:
        group.append(item)
        if len(group) == limit:
            yield group
            group, limit = [], size
    if group:
        yield group
