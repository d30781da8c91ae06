"""Offline French gazetteers: countries, demonyms, cities and institutions (see
:mod:`newsnlp.entities.gazetteer.gazetteer` for the lookup rules)."""

from __future__ import annotations

from newsnlp.entities.gazetteer.gazetteer import (
    COMMON_WORDS,
    City,
    Country,
    Demonym,
    Gazetteer,
    Institution,
    fold,
    get_gazetteer,
    strip_article,
)

__all__ = [
    "COMMON_WORDS",
    "City",
    "Country",
    "Demonym",
    "Gazetteer",
    "Institution",
    "fold",
    "get_gazetteer",
    "strip_article",
]
