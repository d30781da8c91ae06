"""Text layer: normalisation, cleaning, HTML extraction, language and reading time.

Small single-purpose modules, each usable on its own (as textacy's ``preprocessing``):

* :mod:`newsnlp.text.fold` — the one folding of accents, case and apostrophes used for lookups
  and index terms;
* :mod:`newsnlp.text.normalize` — ``str -> str`` character normalisations;
* :mod:`newsnlp.text.clean` — the line cleaner: :func:`clean_and_explain`, from which
  :func:`clean`, :func:`clean_article` and :func:`explain_cleaning` derive;
* :mod:`newsnlp.text.lines` — the features of one line that the cleaner reads;
* :mod:`newsnlp.text.html` — HTML detection and article extraction (``newsnlp[html]``);
* :mod:`newsnlp.text.langid` — deterministic language identification;
* :mod:`newsnlp.text.readtime` — reading time at research-based rates.
"""

from __future__ import annotations

from newsnlp.text.clean import (
    CleanedArticle,
    LineDecision,
    RemovedLine,
    Teaser,
    clean,
    clean_and_explain,
    clean_article,
    explain_cleaning,
)
from newsnlp.text.langid import LanguageGuess, detect_language, detect_languages
from newsnlp.text.readtime import ReadingTime, count_words, reading_time

__all__ = [
    "CleanedArticle",
    "LanguageGuess",
    "LineDecision",
    "ReadingTime",
    "RemovedLine",
    "Teaser",
    "clean",
    "clean_and_explain",
    "clean_article",
    "count_words",
    "detect_language",
    "detect_languages",
    "explain_cleaning",
    "reading_time",
]
