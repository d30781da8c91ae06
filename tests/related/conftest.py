"""Fixtures of tests/related: the newsroom index and a synthetic corpus with common terms."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from newsroom import fit

from newsnlp.related import RelatedArticles

_SYNTHETIC = Path(__file__).resolve().parents[2] / "benchmarks" / "_synthetic.py"


def _synthetic():
    spec = importlib.util.spec_from_file_location("_synthetic_for_search", _SYNTHETIC)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def index() -> RelatedArticles:
    """The newsroom's index (tests/related/newsroom.py)."""
    return fit()


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    # 3,000 Zipfian documents in 100 overlapping topics, shortened so that the test is quick:
    # common terms (in > 2 % of the documents) exist, so the pruned search really prunes
    return _synthetic().generate(3000, mean_len=150, n_topics=100)


@pytest.fixture(scope="module")
def exact(corpus) -> tuple[RelatedArticles, np.ndarray, np.ndarray]:
    est = RelatedArticles(search="exact", latent_dims=0).fit(corpus)  # cosine arithmetic
    pos, scores = est.related_all(k=10, positions=True)
    return est, pos, scores
