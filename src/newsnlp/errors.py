"""Optional dependencies: one helper that imports them or says how to install them.

Every feature behind an extra (HTML extraction, Parquet, pandas, Spark) calls :func:`require`
when it is used, never at import time, so ``import newsnlp`` stays light and a missing
package gives the same kind of message everywhere.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]


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
