"""Deprecated: moved to :mod:`newsnlp.text.html` (this path works until the next release)."""

from newsnlp._deprecation import moved

__getattr__ = moved(__name__, "newsnlp.text.html")
