"""Golden outputs: the same inputs give the same outputs, byte for byte, as recorded in
``golden.json`` (see ``cases.py`` for the cases and how to regenerate them on purpose)."""

from __future__ import annotations

import json

import pytest
from cases import CASES, GOLDEN, compute

STORED = json.loads(GOLDEN.read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_outputs_match_the_golden_hashes(name):
    hashes = compute(name)
    if hashes is None:
        pytest.skip(f"evaluation data for the {name!r} golden case is not available")
    expected = STORED[name]
    changed = sorted(k for k in set(hashes) | set(expected) if hashes.get(k) != expected.get(k))
    assert not changed, (
        f"{len(changed)} outputs of {name!r} changed: {changed[:10]} (if on purpose, run "
        "tests/golden/cases.py --update and say why in the commit)"
    )
