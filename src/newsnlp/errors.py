"""Messages that tell the user what to do: one helper for optional dependencies, one for
naming options.

Every feature behind an extra (HTML extraction, Parquet, pandas, Spark) calls :func:`require`
when it is used, never at import time, so ``import newsnlp`` stays light and a missing
package gives the same kind of message everywhere.

A message naming an option spells it with :func:`option`: a keyword argument for Python
callers, a flag for the ``newsnlp`` command (:func:`command_line_options`).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from contextvars import ContextVar
from types import ModuleType
from typing import Any

__all__ = ["command_line_options", "option", "require"]


def require(module: str, extra: str, *, feature: str, package: str | None = None) -> ModuleType:
    """Import *module*, or raise an ``ImportError`` that names the extra to install.

    Parameters
    ----------
    module : str
        Dotted module name (``"pyarrow.parquet"``).
    extra : str
        The newsnlp extra that installs it (``"parquet"``).
    feature : str
        What needs it, for the message ("Parquet files").
    package : str, optional
        The PyPI name when it differs from the top-level module name.

    Returns
    -------
    module

    Raises
    ------
    ImportError
        ``"<feature> needs <package>: pip install "newsnlp[<extra>]" (or pip install
        <package>)"``, chained to the original error.

    Examples
    --------
    >>> require("json", "none", feature="JSON").__name__
    'json'
    >>> require("no_such_module_xyz", "html", feature="HTML pages")
    Traceback (most recent call last):
    ...
    ImportError: HTML pages need no_such_module_xyz: pip install "newsnlp[html]" (or pip install no_such_module_xyz)
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        name = package or module.split(".", 1)[0]
        verb = "need" if feature.endswith("s") else "needs"
        raise ImportError(
            f'{feature} {verb} {name}: pip install "newsnlp[{extra}]" (or pip install {name})'
        ) from exc


# --------------------------------------------------------------------------- options in messages
_COMMAND_LINE: ContextVar[bool] = ContextVar("newsnlp_command_line", default=False)
_UNSET: Any = object()


def option(
    name: str, value: Any = _UNSET, *, flag: str | None = None, everywhere: bool = False
) -> str:
    """How a message names the option *name* (set to *value*): as the caller spells it.

    A message that tells the user what to pass names a Python keyword argument
    (``resume=True``, ``text_field=``) when the caller is Python code, and the command-line
    flag (``--resume``, ``--text-field``) inside :func:`command_line_options`, which the
    ``newsnlp`` command enters. The flag is ``--`` + *name* with dashes, ``--no-NAME`` for
    ``False``, followed by the value unless it is a bool; *flag* gives it when it differs.

    Text that outlives the call — the ``error`` of an error record, written to a file the
    same way by Python and by the command — names both (*everywhere*), so that the records
    are the same whoever wrote them.

    Examples
    --------
    >>> option("resume", True), option("text_field"), option("keep", ("url",))
    ('resume=True', 'text_field=', "keep=('url',)")
    >>> with command_line_options():
    ...     option("resume", True), option("text_field"), option("keep", ("url", "date"))
    ('--resume', '--text-field', '--keep url,date')
    >>> with command_line_options():
    ...     option("entities", False), option("by", "text", flag="--text FILE")
    ('--no-entities', '--text FILE')
    >>> option("encoding", "cp1252", everywhere=True)
    "encoding='cp1252' (--encoding cp1252)"
    """
    keyword = f"{name}=" if value is _UNSET else f"{name}={value!r}"
    if flag is None:
        dashed = name.replace("_", "-")
        if value is False:
            flag = f"--no-{dashed}"
        elif value is _UNSET or value is True:
            flag = f"--{dashed}"
        else:
            shown = ",".join(map(str, value)) if isinstance(value, (tuple, list)) else value
            flag = f"--{dashed} {shown}"
    if everywhere:
        return f"{keyword} ({flag})"
    return flag if _COMMAND_LINE.get() else keyword


@contextlib.contextmanager
def command_line_options() -> Iterator[None]:
    """Within the block (this thread or task), :func:`option` names command-line flags."""
    token = _COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _COMMAND_LINE.reset(token)
