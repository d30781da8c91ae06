"""Offline French gazetteers: countries, demonyms, cities and institutions.

* :mod:`~newsnlp.entities.gazetteer.gazetteer` — :class:`Gazetteer` (the lookup rules) and
  :func:`get_gazetteer`, the shared instance of the bundled data;
* :mod:`~newsnlp.entities.gazetteer.records` — the records it returns, each with a
  ``country`` attribute;
* :mod:`~newsnlp.entities.gazetteer.index` — exact and folded form lookups;
* :mod:`~newsnlp.entities.gazetteer.build` — from the JSON data to records and indexes.

``fold`` is :func:`newsnlp.text.fold.fold` and ``COMMON_WORDS``
:data:`newsnlp.lang.fr.places.COMMON_WORDS`, re-exported here.
"""

from __future__ import annotations

from newsnlp.entities.gazetteer.gazetteer import FILES, Gazetteer, get_gazetteer
from newsnlp.entities.gazetteer.index import strip_article
from newsnlp.entities.gazetteer.records import City, Country, Demonym, Institution, Record
from newsnlp.lang.fr.places import COMMON_WORDS
from newsnlp.text.fold import fold

__all__ = [
    "COMMON_WORDS",
    "FILES",
    "City",
    "Country",
    "Demonym",
    "Gazetteer",
    "Institution",
    "Record",
    "fold",
    "get_gazetteer",
    "strip_article",
]
