"""Old import paths that still work for one release, with a ``DeprecationWarning``.

A module that moved leaves a three-line stub behind::

    from newsnlp._deprecation import moved
    __getattr__ = moved(__name__, "newsnlp.related")

Attribute access on the stub then warns once per name and returns the attribute of the new
module, so ``from newsnlp.similarity import RelatedArticles`` keeps working.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import Any

__all__ = ["moved", "renamed"]


def moved(old: str, new: str, *, names: dict[str, str] | None = None) -> Callable[[str], Any]:
    """A module ``__getattr__`` forwarding *old*'s names to module *new* with a warning.

    Parameters
    ----------
    old, new : str
        Dotted module names.
    names : dict, optional
        Names that were renamed too: old name → new name in *new*.

    Examples
    --------
    >>> import warnings
    >>> getattr_ = moved("newsnlp.oldplace", "newsnlp.text.normalize")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     getattr_("fix_mojibake").__name__, caught[0].category.__name__
    ('fix_mojibake', 'DeprecationWarning')
    """
    renames = dict(names or {})

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        target = renames.get(name, name)
        module = importlib.import_module(new)
        try:
            value = getattr(module, target)
        except AttributeError:
            raise AttributeError(
                f"module {old!r} has no attribute {name!r} ({old} moved to {new})"
            ) from None
        warnings.warn(
            f"{old}.{name} moved to {new}.{target}; the old path will be removed in the next "
            "release",
            DeprecationWarning,
            stacklevel=2,
        )
        return value

    return __getattr__


def renamed(old: str, new: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """*func* under its former name *old*: calling it warns that the name is now *new*.

    Examples
    --------
    >>> import warnings
    >>> f = renamed("add_one", "increment", lambda x: x + 1)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     f(1), str(caught[0].message)
    (2, 'add_one is deprecated: use increment (the old name will be removed in the next release)')
    """

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(
            f"{old} is deprecated: use {new} (the old name will be removed in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return func(*args, **kwargs)

    wrapper.__name__ = old.rsplit(".", 1)[-1]
    wrapper.__qualname__ = wrapper.__name__
    wrapper.__doc__ = f"Deprecated alias of :func:`{new}`."
    return wrapper
