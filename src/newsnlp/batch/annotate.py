"""The batch API in Python: many articles in, one record out per article, in order.

* :func:`annotate` — records (dicts or strings) → output records: the
  :meth:`newsnlp.Article.to_dict` schema plus ``"id"`` and the input fields asked for with
  ``keep``. Cleaning, language and reading time run per record in Python; the entity layer runs
  through spaCy's ``nlp.pipe`` in batches of ``batch_size``; ``n_process`` worker processes
  share the work (same records as ``n_process=1``).
* :func:`annotate_dataframe` — the same over a pandas DataFrame (``pip install pandas``).
* :func:`annotate_partition` — the engine-agnostic building block for Dask or Ray.

Options are those of :class:`~newsnlp.batch.BatchConfig`, given as keyword arguments or as a
``config=`` (keyword arguments win). Every input record yields exactly one output record, in
input order: the result, or an error record ``{"id": …, "error": "<type>: <message>"}`` (plus
the ``keep`` fields) when the record cannot be processed — no text field, a text that is not a
``str``, a text longer than ``max_chars``, a line of the input file that is not JSON, or an
exception while analysing it (see :mod:`newsnlp.batch.items`). Records hold no timing fields:
the same input gives the same output, byte for byte.

Examples
--------
>>> from newsnlp.batch import annotate
>>> records = [
...     {"id": "a1", "url": "https://exemple.fr/1",
...      "text": "Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat "
...              "son homologue espagnol."},
...     {"id": "a2", "url": "https://exemple.fr/2", "body": "pas de champ text"},
...     "Un article passé comme simple chaîne de caractères, sans identifiant.",
... ]
>>> out = list(annotate(records, keep=("url",)))
>>> [(r["id"], r["url"], r.get("error", "")[:8]) for r in out]
[('a1', 'https://exemple.fr/1', ''), ('a2', 'https://exemple.fr/2', 'KeyError'), (2, None, '')]
>>> out[0]["ministers"]  # doctest: +NORMALIZE_WHITESPACE
[{'name': 'Nasser Bourita', 'role': 'ministre des Affaires étrangères', 'country': 'MA',
  'country_source': 'home'}]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sized
from typing import Any

from newsnlp._deprecation import moved
from newsnlp.batch.config import (
    COLUMN_RENAMES,
    BatchConfig,
    output_fields,
    rename_options,
    resolve_config,
)
from newsnlp.batch.engine import stream
from newsnlp.batch.sites import plan_sites
from newsnlp.checks import check_int
from newsnlp.errors import require

__all__ = ["annotate", "annotate_dataframe", "annotate_partition"]

# Names this module held before the split (run, Summary, output_fields, …) forward to
# newsnlp.batch with a DeprecationWarning until the next release.
__getattr__ = moved(__name__, "newsnlp.batch")


def _check_records(records: Any) -> None:
    if isinstance(records, (str, bytes, bytearray, Mapping)):
        raise TypeError(
            f"records must be an iterable of records (dicts or strings), not one "
            f"{type(records).__name__}: wrap it in a list, or use newsnlp.analyze(text) for one text"
        )
    if type(records).__name__ == "DataFrame":
        raise TypeError("records is a DataFrame: use newsnlp.batch.annotate_dataframe(df)")
    if not isinstance(records, Iterable):
        raise TypeError(
            f"records must be an iterable of dicts or strings, not {type(records).__name__}"
        )


def annotate(
    records: Iterable[Any],
    *,
    config: BatchConfig | None = None,
    progress: bool | None = None,
    start: int = 0,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Annotate many articles: one output record per input record, in input order.

    Parameters
    ----------
    records : iterable of dict or str
        Records or texts, read lazily; a list twice, an iterator once (:mod:`newsnlp.batch.sites`).
    config : BatchConfig, optional
        The options below as one object.
    progress : bool or None, default None
        Progress bar on standard error (tqdm): ``None`` shows it when standard error is a
        terminal, and otherwise logs the progress every 30 s (INFO records of the logger
        ``newsnlp.batch.progress``, shown where the application's logging sends them);
        ``True`` always shows the bar, ``False`` nothing (:mod:`newsnlp.batch.progress`).
    start : int, default 0
        Position of the first record in the whole input (ids of records without one).
    **options
        Options of :class:`~newsnlp.batch.BatchConfig`, over *config*:

        - ``text_field`` (default ``"text"``): field holding the article text (plain text or
          HTML, as for :func:`newsnlp.analyze`);
        - ``id_field`` (default ``"id"``): field holding the record id, copied to the output
          ``"id"``; records without one (and all records when ``None``) get their 0-based
          position (plus *start*);
        - ``keep`` (default ``()``): input fields copied to the output (``None`` when a record
          lacks one), lone surrogates replaced with U+FFFD as in the text; names of output
          fields (``id``, ``error``, ``SCHEMA_FIELDS``) are refused, except ``title``: the
          record's non-empty title then replaces the one the cleaner finds;
        - ``n_process`` (default 1): worker processes (``-1``: one per CPU); each loads the
          spaCy model once (≈ 4 s); the output is the same as with 1;
        - ``batch_size`` (default 32): records per spaCy ``nlp.pipe`` batch (and per task sent
          to a worker);
        - ``max_chars`` (default 1,000,000): longer texts become error records (``None``: no
          limit);
        - ``entities`` (default ``True``): ``False`` skips the entity layer (and spaCy);
          ``model``: spaCy model (default ``fr_core_news_md``);
        - ``memory_zone`` (default ``False``): run each spaCy batch in ``nlp.memory_zone()``
          (flat memory in a long job), only when no other thread of this process uses
          newsnlp's spaCy pipeline meanwhile; always on in the worker processes and in
          :func:`~newsnlp.batch.run`.
        - ``site_boilerplate`` (default ``True``), ``site_field``, ``sample_size``, ``boilerplate``:
          lines a source repeats, learnt in a first pass, removed (:mod:`newsnlp.batch.sites`).

    Yields
    ------
    dict
        ``{"id": …, <keep fields>, <Article.to_dict() fields>}``, or for a record that cannot
        be processed ``{"id": …, <keep fields>, "error": "<type>: <message>"}``.

    Raises
    ------
    TypeError, ValueError
        At call time, for invalid arguments (not for invalid records: those become error
        records).
    OSError
        When iteration starts, if the spaCy model is not installed (``RuntimeError`` from
        the worker processes when ``n_process`` > 1).

    See Also
    --------
    newsnlp.batch.run : file to file, resumable.

    Examples
    --------
    >>> records = ["Le Maroc et l’Espagne signent un accord.", {"id": "x", "text": None}, 42]
    >>> [r.get("error") or r["countries"] for r in annotate(records)]
    [{'ES': 1, 'MA': 1}, "TypeError: text must be str, not None: pass '' for an empty text", 'TypeError: record must be a dict or a str, not int']
    """
    _check_records(records)
    config = resolve_config(config, options, caller="annotate")
    start = check_int(start, "start", 0)
    total = len(records) if isinstance(records, Sized) else None
    return _annotated(records, config, progress=progress, start=start, total=total)


def _annotated(
    records: Iterable[Any], config: BatchConfig, **options: Any
) -> Iterator[dict[str, Any]]:
    """The output of :func:`annotate`; the site boilerplate is learnt when iteration starts."""
    sites, records = plan_sites(records, config)
    yield from stream(records, config, sites=sites, **options)


def annotate_partition(
    rows: Iterable[Any],
    *,
    config: BatchConfig | None = None,
    start: int = 0,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Annotate one partition of a distributed dataset, in the calling (worker) process.

    The spaCy pipeline is loaded once per worker process (cached by
    :func:`newsnlp.load_pipeline`) and reused by every partition that process gets. The
    output is that of :func:`annotate` with ``n_process=1`` and no progress bar. Give rows an
    ``id`` field: positions restart at *start* in each partition.

    Parameters
    ----------
    rows : iterable of dict or str
        The partition's rows.
    config, start
        As for :func:`annotate` (``config.n_process`` is not used: this runs in the calling
        process).
    **options
        As for :func:`annotate`, except ``n_process``. Set ``memory_zone=True`` where each
        worker process runs one partition at a time (Ray tasks, Dask ``distributed`` workers
        with ``nthreads=1``), not with Dask's threaded scheduler.
        Site boilerplate is not learnt here (a partition's would depend on how the data is
        partitioned): pass ``boilerplate=``, learnt over the whole dataset (e.g. by
        ``newsnlp annotate --save-boilerplate`` on a sample), to remove it.

    Yields
    ------
    dict
        One output record per row, in order.

    Examples
    --------
    Dask (a bag of dicts read from JSONL files):

    >>> import json, dask.bag as db                                       # doctest: +SKIP
    >>> from newsnlp.batch import annotate_partition
    >>> bag = db.read_text("articles-*.jsonl").map(json.loads)            # doctest: +SKIP
    >>> out = bag.map_partitions(
    ...     lambda rows: list(annotate_partition(rows, keep=("url",))))   # doctest: +SKIP
    >>> out.map(json.dumps).to_textfiles("annotated-*.jsonl")            # doctest: +SKIP

    Ray Data (batches as pandas DataFrames):

    >>> import pandas as pd, ray                                          # doctest: +SKIP
    >>> def annotate_batch(df: pd.DataFrame) -> pd.DataFrame:
    ...     return pd.DataFrame(annotate_partition(df.to_dict("records"), keep=("url",)))
    >>> ds = ray.data.read_json("articles.jsonl")                         # doctest: +SKIP
    >>> ds.map_batches(annotate_batch, batch_format="pandas",
    ...                batch_size=256).write_json("annotated/")           # doctest: +SKIP
    """
    config = resolve_config(config, options, caller="annotate_partition", exclude=("n_process",))
    config = config.replace(n_process=1, site_boilerplate=False)
    return annotate(rows, config=config, progress=False, start=start)


def annotate_dataframe(
    df: Any,
    *,
    config: BatchConfig | None = None,
    progress: bool | None = None,
    **options: Any,
):
    """Annotate the articles of a pandas DataFrame: one output row per input row.

    Parameters
    ----------
    df : pandas.DataFrame
    config, progress
        As for :func:`annotate`.
    **options
        As for :func:`annotate`, the fields being columns: ``text_field`` (default ``"text"``)
        the column holding the text; ``id_field`` (default ``"id"``) the column holding the
        id (when the frame has no such column, or with ``None``, the index labels are the
        ids); ``keep`` the columns copied to the output. ``text_col=`` and ``id_col=``, the
        former names of ``text_field=`` and ``id_field=``, still work until the next release
        (with a ``DeprecationWarning``).

    Returns
    -------
    pandas.DataFrame
        Columns :func:`~newsnlp.batch.output_fields` (``id``, *keep*, the article fields,
        ``error``), the index of *df*; nested fields (``entities``, ``reading_time``…) hold
        lists and dicts. A row that cannot be processed has its message in ``error`` and no
        article fields.

    Raises
    ------
    ImportError
        If pandas is not installed.
    TypeError
        If *df* is not a DataFrame.
    KeyError
        If the text column or a *keep* column is not in *df*.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [10, 11], "agency": ["AFP", "MAP"],
    ...                    "text": ["Le Maroc et l’Espagne signent un accord.", None]})
    >>> out = annotate_dataframe(df, keep=("agency",))
    >>> out[["id", "agency", "language", "error"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 10, 'agency': 'AFP', 'language': 'fr', 'error': None},
     {'id': 11, 'agency': 'MAP', 'language': None,
      'error': 'TypeError: text is missing (NaN), not a str: drop or fill the records without
      text'}]
    """
    pd = require("pandas", "pandas", feature="annotate_dataframe")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"df must be a pandas DataFrame, not {type(df).__name__}: for an iterable of dicts "
            "use newsnlp.batch.annotate(records)"
        )
    options = rename_options(options, COLUMN_RENAMES, caller="annotate_dataframe")
    config = resolve_config(config, options, caller="annotate_dataframe")
    text_col, id_col, keep = config.text_field, config.id_field, config.keep
    missing = [c for c in (text_col, *keep) if c not in df.columns]
    if missing:
        raise KeyError(
            f"DataFrame has no column {missing[0]!r} (columns: {', '.join(map(str, df.columns))})"
            + (": pass text_field= to name the text column" if missing[0] == text_col else "")
        )
    texts = df[text_col].tolist()
    ids = df[id_col].tolist() if id_col in df.columns else df.index.tolist()
    kept = {name: df[name].tolist() for name in keep}
    records = [
        {"id": ids[i], "text": texts[i], **{name: kept[name][i] for name in keep}}
        for i in range(len(df))
    ]
    fields = output_fields(keep)
    rows = [
        {f: r.get(f) for f in fields}
        for r in annotate(
            records, config=config.replace(text_field="text", id_field="id"), progress=progress
        )
    ]
    return pd.DataFrame(rows, columns=fields, index=df.index, dtype=object)
