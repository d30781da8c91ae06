"""French: the language data newsnlp reads, as small data modules (as ``spacy/lang/fr/``).

* :mod:`newsnlp.lang.fr.boilerplate` — news-page boilerplate (reading-time lines, bylines,
  share / subscribe / comment prompts, related-article headers, rubric names);
* :mod:`newsnlp.lang.fr.elision` — elided clitics (l’, d’, qu’, jusqu’ …);
* :mod:`newsnlp.lang.fr.press` — press grammar: determiners and honorifics stripped from names,
  institution heads, minister titles;
* :mod:`newsnlp.lang.fr.stop_words` — stop words of news text.

The gazetteers (countries, demonyms, cities, institutions) are JSON files in ``newsnlp/data``.
"""

from __future__ import annotations

from newsnlp.lang.fr import boilerplate, elision, press, stop_words
from newsnlp.lang.fr.stop_words import STOP_WORDS

__all__ = ["STOP_WORDS", "FrenchDefaults", "boilerplate", "elision", "press", "stop_words"]


class FrenchDefaults:
    """Where each kind of French data lives (the role of spaCy's ``Language.Defaults``)."""

    stop_words = STOP_WORDS
    boilerplate = boilerplate
    elision = elision
    press = press
