"""Names a package imports when they are first asked for (PEP 562 module ``__getattr__``).

A package whose names pull in a heavy library (spaCy, scikit-learn, pyspark) lists them with
the module that defines them::

    __getattr__ = lazy(__name__, {"RelatedArticles": "newsnlp.related.estimator"})

The first access imports the module and keeps the value in the package, so later accesses
are plain attribute reads.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy"]


def lazy(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for *package* importing each of *names* (name → module) from
    its module on first access.

    Examples
    --------
    >>> getattr_ = lazy("newsnlp", {"fold": "newsnlp.text.fold"})
    >>> getattr_("fold").__name__
    'fold'
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'newsnlp' has no attribute 'nothing'
    """
    table = dict(names)

    def __getattr__(name: str) -> Any:
        source = table.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
