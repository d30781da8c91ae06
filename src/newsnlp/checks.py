"""Argument checks shared by every public function: one definition each.

Bad input must fail early, with an error that says what to pass instead, and never deep inside
spaCy, a regular expression or numpy.

Text that is not valid Unicode
------------------------------
A Python ``str`` can hold lone surrogates (U+D800–U+DFFF), e.g. from ``json.loads('"\\ud800"')``
or bytes decoded with ``errors="surrogateescape"``; they cannot be encoded, so spaCy, hashing and
every writer would fail on them. :func:`ensure_text`, the entry point of every public function
that takes text, replaces each with U+FFFD (the replacement character), as decoders do with
``errors="replace"`` and as ftfy does. One code point stands for one, so offsets into the text
are unchanged, and the result is the same in every function.
"""

from __future__ import annotations

import logging
import re
from numbers import Integral
from typing import Any

__all__ = ["REPLACEMENT_CHARACTER", "check_int", "check_k", "ensure_text"]

logger = logging.getLogger(__name__)

#: What a lone surrogate becomes (U+FFFD).
REPLACEMENT_CHARACTER = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


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
        *text* itself (``str`` subclasses are converted to plain ``str``), each lone surrogate
        replaced with U+FFFD (see the module notes).

    Raises
    ------
    TypeError
        For ``bytes``/``bytearray`` (decode first), ``None`` and any other non-string value.

    Examples
    --------
    >>> ensure_text("Bonjour")
    'Bonjour'
    >>> ensure_text("caf\\udce9 noir")
    'caf\\ufffd noir'
    >>> ensure_text(b"Bonjour")
    Traceback (most recent call last):
    ...
    TypeError: text must be str, not bytes: decode it first, e.g. data.decode("utf-8") (French news sites also use "cp1252" / "latin-1")
    """
    if isinstance(text, str):
        text = str(text) if type(text) is not str else text
        return text if text.isascii() else _valid_unicode(text, name)
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


def _valid_unicode(text: str, name: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        found = _SURROGATE.search(text)
        logger.debug(
            "%s holds lone surrogates (first at %d): replaced with U+FFFD",
            name,
            found.start() if found else -1,
        )
        return _SURROGATE.sub(REPLACEMENT_CHARACTER, text)
    return text


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
