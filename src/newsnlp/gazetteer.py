"""Deprecated: moved to :mod:`newsnlp.entities.gazetteer` (this path works until the next release)."""

from newsnlp._deprecation import moved

__getattr__ = moved(__name__, "newsnlp.entities.gazetteer")
