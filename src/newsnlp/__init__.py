"""newsnlp: French-language news text, cleaned and analysed.

>>> import newsnlp
>>> newsnlp.clean("Temps de lecture : 2 min\\nLe Maroc et l'Espagne renforcent leur coopération.")
'Le Maroc et l’Espagne renforcent leur coopération.'

Public API (stable): :func:`clean`, :func:`clean_article`, :func:`detect_language`,
:func:`detect_languages`, :func:`reading_time`, :func:`analyze` and their result types.
Submodules are imported on first use, so ``import newsnlp`` stays cheap.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from newsnlp._version import __version__

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from newsnlp.article import Article, analyze
    from newsnlp.clean import CleanedArticle, RemovedLine, Teaser, clean, clean_article
    from newsnlp.lang import LanguageGuess, detect_language, detect_languages
    from newsnlp.readtime import ReadingTime, count_words, reading_time

__all__ = [
    "Article",
    "CleanedArticle",
    "LanguageGuess",
    "ReadingTime",
    "RemovedLine",
    "Teaser",
    "__version__",
    "analyze",
    "clean",
    "clean_article",
    "count_words",
    "detect_language",
    "detect_languages",
    "reading_time",
]

_LAZY = {
    "Article": "newsnlp.article",
    "analyze": "newsnlp.article",
    "CleanedArticle": "newsnlp.clean",
    "RemovedLine": "newsnlp.clean",
    "Teaser": "newsnlp.clean",
    "clean": "newsnlp.clean",
    "clean_article": "newsnlp.clean",
    "LanguageGuess": "newsnlp.lang",
    "detect_language": "newsnlp.lang",
    "detect_languages": "newsnlp.lang",
    "ReadingTime": "newsnlp.readtime",
    "count_words": "newsnlp.readtime",
    "reading_time": "newsnlp.readtime",
}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsnlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
