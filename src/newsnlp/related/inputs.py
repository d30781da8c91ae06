"""Checks of the articles given to related articles: texts, ids, titles, dates, thresholds.

Each function returns the value in the form the index keeps (ids as ``str``/``int``, dates as
``datetime64[s]``) or raises a ``TypeError``/``ValueError`` that says what to pass instead.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterable
from numbers import Real

import numpy as np

from newsnlp.checks import ensure_text

__all__ = [
    "NAT",
    "check_articles",
    "check_dates",
    "check_ids",
    "check_optional",
    "check_texts",
    "check_threshold",
    "check_titles",
    "check_unique_ids",
    "ids_from_y",
    "parse_date",
    "parse_since",
]

#: An unknown date.
NAT = np.datetime64("NaT", "s")


def _as_list(values: object, name: str) -> list:
    if isinstance(values, (str, bytes)):
        raise TypeError(
            f"{name} must be a list of texts, not a single {type(values).__name__}: "
            f"wrap it in a list, e.g. [{name[:-1] if name.endswith('s') else name}]"
        )
    if values is None or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a list (or other iterable) of str, not {values!r}")
    return list(values)


def check_texts(texts: object, name: str = "texts") -> list[str]:
    """*texts* as a list of ``str`` (a single ``str``, bytes or ``None`` is refused).

    Examples
    --------
    >>> check_texts(("a", "b"))
    ['a', 'b']
    >>> check_texts("a")
    Traceback (most recent call last):
    ...
    TypeError: texts must be a list of texts, not a single str: wrap it in a list, e.g. [text]
    """
    values = _as_list(texts, name)
    return [ensure_text(t, name=f"{name}[{i}]") for i, t in enumerate(values)]


def check_optional(values: object, n: int, name: str) -> list | None:
    """*values* as a list of one value per text (``None`` stays ``None``).

    Examples
    --------
    >>> check_optional(["x"], 2, "titles")
    Traceback (most recent call last):
    ...
    ValueError: titles has 1 values for 2 texts: pass one per text
    """
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a list with one value per text, not a single str")
    out = list(values)
    if len(out) != n:
        raise ValueError(f"{name} has {len(out)} values for {n} texts: pass one per text")
    return out


def check_ids(ids: object, n: int, start: int = 0) -> list[str | int]:
    """*n* ids as ``str``/``int`` (numpy scalars converted); ``None``: the positions
    ``start … start + n - 1``.

    Examples
    --------
    >>> check_ids(None, 3, 10)
    [10, 11, 12]
    >>> check_ids([np.int64(5), "b"], 2)
    [5, 'b']
    """
    if ids is None:
        return list(range(start, start + n))
    out = check_optional(ids, n, "ids")
    assert out is not None
    for i, v in enumerate(out):
        if isinstance(v, np.integer):
            out[i] = int(v)
        elif isinstance(v, np.str_):
            out[i] = str(v)
        elif isinstance(v, bool) or not isinstance(v, (str, int)):
            raise TypeError(
                f"ids[{i}] must be a str or an int (ids are saved as JSON), "
                f"not {type(v).__name__}: convert it, e.g. str(value)"
            )
    return out


def check_unique_ids(ids: Iterable, existing: object = ()) -> None:
    """Raise ``ValueError`` naming the ids that repeat, or that are already in *existing*.

    Examples
    --------
    >>> check_unique_ids(["a", "b", "a"])
    Traceback (most recent call last):
    ...
    ValueError: duplicate ids: 'a'; every article needs a unique id
    """
    seen: set = set()
    dups = []
    for v in ids:
        if v in seen or v in existing:  # type: ignore[operator]
            dups.append(v)
        seen.add(v)
    if dups:
        unique = list(dict.fromkeys(dups))
        shown = ", ".join(repr(v) for v in unique[:10])
        more = f" (and {len(unique) - 10} more)" if len(unique) > 10 else ""
        raise ValueError(f"duplicate ids: {shown}{more}; every article needs a unique id")


def check_titles(titles: object, n: int) -> list[str]:
    """*n* titles as ``str`` (``None`` titles, and no titles at all, are ``""``).

    Examples
    --------
    >>> check_titles(None, 2), check_titles(["Titre", None], 2)
    (['', ''], ['Titre', ''])
    """
    out = check_optional(titles, n, "titles")
    if out is None:
        return [""] * n
    return ["" if t is None else ensure_text(t, name=f"titles[{i}]") for i, t in enumerate(out)]


def parse_date(value: object, name: str) -> np.datetime64:
    """One date as ``datetime64[s]``: aware datetimes in UTC, naive ones as given, dates at
    00:00, ``None`` and ``""`` as :data:`NAT`.

    Examples
    --------
    >>> parse_date("2020-07-02T19:09:00+02:00", "date")
    np.datetime64('2020-07-02T17:09:00')
    >>> parse_date("hier", "date")
    Traceback (most recent call last):
    ...
    ValueError: date='hier' is not an ISO 8601 date: use e.g. '2020-07-02' or '2020-07-02T19:09:00+02:00'
    """
    if value is None:
        return NAT
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[s]")
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return NAT
        if s.endswith(("Z", "z")):
            s = s[:-1] + "+00:00"
        try:
            value = _dt.datetime.fromisoformat(s)
        except ValueError:
            raise ValueError(
                f"{name}={value!r} is not an ISO 8601 date: use e.g. '2020-07-02' or "
                "'2020-07-02T19:09:00+02:00'"
            ) from None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return np.datetime64(value, "s")
    if isinstance(value, _dt.date):
        return np.datetime64(_dt.datetime.combine(value, _dt.time()), "s")
    raise TypeError(
        f"{name} must be an ISO string, a datetime.date/datetime or None, "
        f"not {type(value).__name__}"
    )


def check_dates(dates: object, n: int) -> np.ndarray:
    """*n* dates as a ``datetime64[s]`` array (:func:`parse_date`; no dates: all :data:`NAT`).

    Examples
    --------
    >>> check_dates(["2024-01-01", None], 2).tolist()
    [datetime.datetime(2024, 1, 1, 0, 0), None]
    """
    out = check_optional(dates, n, "dates")
    if out is None:
        return np.full(n, NAT)
    return np.array([parse_date(d, f"dates[{i}]") for i, d in enumerate(out)], "datetime64[s]")


def check_threshold(threshold: object, name: str) -> float:
    """A cosine threshold: a number in (0, 1].

    Examples
    --------
    >>> check_threshold(0.8, "threshold")
    0.8
    >>> check_threshold(0, "threshold")
    Traceback (most recent call last):
    ...
    ValueError: threshold must be in (0, 1], not 0
    """
    if isinstance(threshold, bool) or not isinstance(threshold, Real):
        raise TypeError(f"{name} must be a number in (0, 1], not {threshold!r}")
    if not 0.0 < float(threshold) <= 1.0:
        raise ValueError(f"{name} must be in (0, 1], not {threshold!r}")
    return float(threshold)


def parse_since(since: object) -> np.datetime64 | None:
    """The ``since=`` filter of a query: ``None`` (no filter) or a date (:func:`parse_date`).

    Examples
    --------
    >>> parse_since("2024-05-04")
    np.datetime64('2024-05-04T00:00:00')
    """
    if since is None:
        return None
    out = parse_date(since, "since")
    if np.isnat(out):
        raise ValueError("since must be a date, not an empty value; pass None for no filter")
    return out


def check_articles(
    texts: object,
    ids: object,
    titles: object,
    dates: object,
    *,
    start: int = 0,
    existing: object = (),
    fit: bool = False,
    checked: bool = False,
) -> tuple[list[str], list[str | int], list[str], np.ndarray]:
    """The articles of ``fit`` (*fit*: an empty corpus is refused) or ``add`` (default ids
    from *start*, none of them in *existing*), checked in order: texts (unless *checked*: a
    list of ``str`` already), ids, titles, dates.

    Examples
    --------
    >>> check_articles(["Grève"], None, None, ["2024-05-02"], start=3)[1:3]
    ([3], [''])
    """
    texts = texts if checked else check_texts(texts)  # type: ignore[assignment]
    n = len(texts)
    if fit and n == 0:
        raise ValueError("cannot fit on an empty corpus: pass at least one text")
    ids_list = check_ids(ids, n, start)
    check_unique_ids(ids_list, existing)
    return texts, ids_list, check_titles(titles, n), check_dates(dates, n)


def ids_from_y(y: object, ids: object) -> object:
    """The ids of ``RelatedArticles.fit(texts, ids)``, the former signature: a second positional
    argument (scikit-learn's *y*) is read as ids until the next release, with a warning.

    Examples
    --------
    >>> ids_from_y(None, ["a"])
    ['a']
    """
    if y is None or ids is not None:
        return ids
    warnings.warn(
        "RelatedArticles.fit(texts, ids) is deprecated: pass the ids by keyword, "
        "fit(texts, ids=ids) (the second positional argument is scikit-learn's y; it is read "
        "as ids until the next release)",
        DeprecationWarning,
        stacklevel=3,
    )
    return y
