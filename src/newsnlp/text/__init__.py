"""Text layer: normalisation, cleaning, HTML extraction, language and reading time.

Small single-purpose modules, each usable on its own (as textacy's ``preprocessing``):

* :mod:`newsnlp.text.fold` — the one folding of accents, case and apostrophes used for lookups
  and index terms;
* :mod:`newsnlp.text.normalize` — ``str -> str`` character normalisations;
* :mod:`newsnlp.text.clean` — the line cleaner: :func:`clean_and_explain`, from which
  :func:`clean`, :func:`clean_article` and :func:`explain_cleaning` derive;
* :mod:`newsnlp.text.source` — the normalised lines the cleaner reads from a text or a page;
* :mod:`newsnlp.text.classify` — the passes that decide each line (structure, scorer, related
  blocks, rubrics, headings, duplicates), run to a fixed point;
* :mod:`newsnlp.text.lines` — structural tests of one line (body paragraph, teaser, rubric);
* :mod:`newsnlp.text.features` — the features of one line the scorer reads;
* :mod:`newsnlp.text.linemodel` — the scorer: fitted logistic regressions over the features;
* :mod:`newsnlp.text.boilerplate` — :class:`Boilerplate`, the lines a site repeats on its pages;
* :mod:`newsnlp.text.html` — HTML detection and article extraction (``newsnlp[html]``), with
  :mod:`newsnlp.text.htmltext` reading the pages lxml cannot hold;
* :mod:`newsnlp.text.langid` — deterministic language identification;
* :mod:`newsnlp.text.readtime` — reading time at research-based rates.
"""

from __future__ import annotations

from newsnlp.text.boilerplate import Boilerplate
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
    "Boilerplate",
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
