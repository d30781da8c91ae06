"""Argument checks shared by every public function: one definition each.

Bad input must fail early, with an error that says what to pass instead, and never deep inside
spaCy, a regular expression or numpy.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

__all__ = ["check_int", "check_k", "ensure_text"]


def ensure_text(text: object, *, name: str = "text") -> str:
    """Return *text* if it is a ``str``; raise an explanatory ``TypeError`` otherwise.

    Parameters
    ----------
    text : object
        The value passed by the caller.
    name : str, keyword-only
        The parameter name to use in the error message.

    Returns
    -------
    str
        *text* itself (``str`` subclasses are converted to plain ``str``).

    Raises
    ------
    TypeError
        For ``bytes``/``bytearray`` (decode first), ``None`` and any other non-string value.

    Examples
    --------
    >>> ensure_text("Bonjour")
    'Bonjour'
    >>> ensure_text(b"Bonjour")
    Traceback (most recent call last):
    ...
    TypeError: text must be str, not bytes: decode it first, e.g. data.decode("utf-8") (French news sites also use "cp1252" / "latin-1")
    """
    if isinstance(text, str):
        return str(text) if type(text) is not str else text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"{name} must be str, not {type(text).__name__}: decode it first, "
            'e.g. data.decode("utf-8") (French news sites also use "cp1252" / "latin-1")'
        )
    if text is None:
        raise TypeError(f"{name} must be str, not None: pass '' for an empty text")
    raise TypeError(
        f"{name} must be str, not {type(text).__name__}: pass the article text as a string"
        + (
            " (str(value) if you really mean to analyse its textual form)"
            if isinstance(text, (int, float))
            else ""
        )
    )


def check_int(value: Any, name: str, minimum: int, *, allow_none: bool = False) -> Any:
    """Return *value* as an ``int`` if it is an integer >= *minimum* (``None`` too when
    *allow_none*); raise ``TypeError`` / ``ValueError`` naming *name* otherwise.

    ``bool`` is refused (``True`` is an ``int`` to Python, never a count to a user); numpy
    integers are accepted.

    Examples
    --------
    >>> check_int(32, "batch_size", 1)
    32
    >>> check_int(0, "batch_size", 1)
    Traceback (most recent call last):
    ...
    ValueError: batch_size must be >= 1, not 0
    >>> check_int(None, "max_chars", 1, allow_none=True) is None
    True
    """
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, not {value}")
    return int(value)


def check_k(k: Any, name: str = "k") -> int:
    """The number of results asked for: an ``int`` >= 1.

    Examples
    --------
    >>> check_k(10)
    10
    >>> check_k(2.0)
    Traceback (most recent call last):
    ...
    TypeError: k must be an int, not float
    """
    return check_int(k, name, 1)
