"""French: the language data newsnlp reads, as small data modules (as ``spacy/lang/fr/``).

* :mod:`newsnlp.lang.fr.boilerplate` — news-page boilerplate (reading-time lines, bylines,
  share / subscribe / comment prompts, related-article headers, rubric names);
* :mod:`newsnlp.lang.fr.elision` — elided clitics (l’, d’, qu’, jusqu’ …), for index terms;
* :mod:`newsnlp.lang.fr.stop_words` — stop words of news text;
* the entity layer's grammar (:mod:`newsnlp.entities`): :mod:`newsnlp.lang.fr.tokens` (words
  as the rules read them), :mod:`newsnlp.lang.fr.press` (determiners, honorifics and titles
  stripped from names), :mod:`newsnlp.lang.fr.roles` (ministers' titles and portfolios),
  :mod:`newsnlp.lang.fr.periphrases` ("le chef de la diplomatie française"),
  :mod:`newsnlp.lang.fr.government` (the phrases that tell a minister's government, datelines),
  :mod:`newsnlp.lang.fr.institutions` (institution names), :mod:`newsnlp.lang.fr.places`
  (place names that are common words, foreign offices, "le Royaume").

The gazetteers (countries, demonyms, cities, institutions) are JSON files in ``newsnlp/data``.
"""

from __future__ import annotations

from newsnlp.lang.fr import (
    boilerplate,
    elision,
    government,
    institutions,
    periphrases,
    places,
    press,
    roles,
    stop_words,
    tokens,
)
from newsnlp.lang.fr.stop_words import STOP_WORDS

__all__ = [
    "STOP_WORDS",
    "FrenchDefaults",
    "boilerplate",
    "elision",
    "government",
    "institutions",
    "periphrases",
    "places",
    "press",
    "roles",
    "stop_words",
    "tokens",
]


class FrenchDefaults:
    """Where each kind of French data lives (the role of spaCy's ``Language.Defaults``)."""

    stop_words = STOP_WORDS
    boilerplate = boilerplate
    elision = elision
    press = press
    roles = roles
    periphrases = periphrases
    government = government
    institutions = institutions
    places = places
    tokens = tokens
