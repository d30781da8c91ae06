"""Input checks shared by every public function.

Bad input must fail early, with an error that says what to pass instead, and never deep inside
spaCy or a regular expression.
"""

from __future__ import annotations

__all__ = ["ensure_text"]


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
