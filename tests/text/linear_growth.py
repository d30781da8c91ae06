"""Helper of the text tests: does a function's time grow linearly with its input?

Timings never decide a test on their own (machines differ and are shared): a size and eight
times that size are timed in the same run, best of three, and only their ratio is checked, with
a generous factor. Linear work gives a ratio near 8; quadratic work gives 64.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: Time ratio allowed between 8x and x: well above linear (8), well below quadratic (64).
MAX_RATIO = 24.0


def _best(func: Callable[[str], object], text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth_ratio(func: Callable[[str], object], make: Callable[[int], str], size: int) -> float:
    """Time of ``func(make(8 * size))`` over time of ``func(make(size))``, best of three each."""
    small, large = make(size), make(8 * size)
    func(small)  # warm-up: lazy imports, compiled patterns
    return _best(func, large) / max(_best(func, small), 1e-6)
