"""Shared test helpers: where the project's evaluation data lives, and how to skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: ../shared/data next to the repository (read-only evaluation data), or $NEWSNLP_DATA.
DATA_DIR = Path(os.environ.get("NEWSNLP_DATA", ROOT.parent / "shared" / "data"))


def _data_path(*parts: str) -> Path:
    path = DATA_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not available: {path} (set NEWSNLP_DATA to its folder)")
    return path


@pytest.fixture
def data_path():
    """``data_path("newsnlp-dev", "articles.jsonl")``: a file of the shared data; skips the test
    with a clear reason when the data is absent."""
    return _data_path
