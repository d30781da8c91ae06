"""The ``newsnlp`` command (also ``python -m newsnlp``): see :mod:`newsnlp.cli.main`."""

from __future__ import annotations

from newsnlp.cli.main import main

__all__ = ["main"]
