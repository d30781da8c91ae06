"""The cleaner's time grows linearly with its input, whatever the input's shape (issue 14).

Each shape is cleaned at a size and at eight times that size, in the same run, best of three;
only the ratio is checked (linear: about 8, quadratic: 64), never an absolute time. The absolute
speeds, 1 MB of each shape, are in ``benchmarks/bench_clean.py``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from linear_growth import MAX_RATIO, growth_ratio

from newsnlp import clean

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "_shapes.py"
_spec = importlib.util.spec_from_file_location("_shapes_under_test", _PATH)
_shapes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shapes)
SHAPES = _shapes.SHAPES  # the shapes bench_clean.py times at 1 MB


@pytest.mark.parametrize("shape", SHAPES)
def test_clean_time_grows_linearly(shape):
    if shape.startswith("HTML"):
        pytest.importorskip("trafilatura")
    ratio = growth_ratio(clean, SHAPES[shape], 20_000)
    assert ratio < MAX_RATIO, f"{shape}: 8x the input took {ratio:.1f}x the time"
