"""newsnlp.related.shingles: signatures of word shingles (deterministic, bounded size), the
estimates of resemblance and containment, and the near-duplicate rule with its length guard."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.related.analysis import french_analyzer
from newsnlp.related.shingles import (
    BINS,
    LENGTH_RATIO,
    containment,
    is_duplicate,
    length_ratio,
    resemblance,
    signatures,
)

WORDS = [f"mot{i}" for i in range(400)]


def test_signatures_are_fixed_size_and_the_same_in_every_process():
    docs = [WORDS[:300], WORDS[:5], ["seul"], []]
    sig, counts = signatures(docs)
    assert sig.shape == (4, BINS) and sig.dtype == np.uint8 and counts.tolist() == [298, 3, 1, 0]
    assert (sig[3] == 0).all() and (sig[0] > 0).sum() > 100  # most bins hold a shingle
    code = (
        "from newsnlp.related.shingles import signatures;"
        "print(signatures([[f'mot{i}' for i in range(300)]])[0].tobytes().hex())"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert other.stdout.strip() == sig[0].tobytes().hex()  # no salted hash


def test_estimates_follow_the_shingle_sets():
    sig, n = signatures([WORDS[:300], WORDS[:300], WORDS[100:300], WORDS[300:400]])
    assert resemblance(sig[[0]], sig[[1]])[0] == 1.0
    assert abs(resemblance(sig[[0]], sig[[2]])[0] - 198 / 298) < 0.1
    assert containment(sig[[2]], sig[[0]], n[[2]], n[[0]])[0] > 0.9  # the part in the whole
    assert resemblance(sig[[0]], sig[[3]])[0] < 0.05
    assert length_ratio(n[[2]], n[[0]])[0] == 198 / 298


def test_rule_updates_are_duplicates_write_ups_are_not():
    wire = french_analyzer(
        "Un tremblement de terre de magnitude 6,8 a frappé vendredi soir le sud-ouest du Maroc. "
        "Le bilan dépasse désormais 2 000 morts, selon le ministère de l’Intérieur. Les villages "
        "de montagne de la province d’Al Haouz, au sud de Marrakech, sont les plus touchés."
    )
    update = wire + french_analyzer("Le roi a décrété trois jours de deuil national.")
    other = french_analyzer(
        "Routes coupées, maisons effondrées : dans le Haut Atlas, les sauveteurs progressent "
        "vers les villages isolés après le séisme qui a frappé la région de Marrakech."
    )
    quoted = wire[:6] + WORDS[:200]  # a few words of the wire inside a long article
    sig, n = signatures([wire, update, other, quoted])
    dup = is_duplicate(sig, n, np.array([0, 0, 0]), np.array([1, 2, 3]), 0.8)
    assert dup.tolist() == [True, False, False]
    assert length_ratio(n[[0]], n[[3]])[0] < LENGTH_RATIO
    new = signatures([update])
    assert is_duplicate(sig, n, (new[0][0], int(new[1][0])), np.array([0, 2]), 0.8).tolist() == [
        True,
        False,
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 60), min_size=0, max_size=80),
    st.lists(st.integers(0, 60), min_size=0, max_size=80),
)
def test_estimates_are_symmetric_and_bounded(a, b):
    sig, n = signatures([[f"t{x}" for x in a], [f"t{x}" for x in b]])
    r1, r2 = resemblance(sig[[0]], sig[[1]])[0], resemblance(sig[[1]], sig[[0]])[0]
    assert r1 == r2 and 0.0 <= r1 <= 1.0
    c = containment(sig[[0]], sig[[1]], n[[0]], n[[1]])[0]
    assert 0.0 <= c <= 1.0
    if a == b and a:
        assert r1 == 1.0 and c == 1.0
