"""The cleaner's time grows linearly with its input, whatever the input's shape (issue 14).

Each shape is cleaned at a size and at eight times that size, in the same run, best of three;
only the ratio is checked (linear: about 8, quadratic: 64), never an absolute time. The absolute
speeds, 1 MB of each shape, are in ``benchmarks/bench_clean.py``.
"""

from __future__ import annotations

import pytest
from linear_growth import MAX_RATIO, growth_ratio

from newsnlp import clean


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


SHAPES = {
    "one line of words": _repeat("Le gouvernement a présenté mardi son projet de budget. "),
    "paragraphs": _repeat(
        "Le gouvernement a présenté mardi son projet de budget pour l’année prochaine.\n"
    ),
    "short distinct lines": lambda n: "\n".join(
        f"Titre numéro {i} du jour" for i in range(n // 24)
    ),
    "furniture lines": lambda n: "\n".join(
        x
        for i in range(n // 80 + 1)
        for x in ("Partager sur Facebook", f"Publié le 12/03/2024 à 10h{i % 60:02d}", f"⏱ {i} min")
    )[:n],
    "glue points ending in …|": lambda n: _repeat("dansParis ")(n) + "… |",
    "teaser lines": _repeat("Le Maroc réélu au Conseil de l’UnescoLe Maroc a été réélu… |\n"),
    "acronyms": _repeat("ONU OTAN UE FMI BCE OMS CEDEAO "),
    "emoji": _repeat("😀🎉⏱ "),
    "no spaces": lambda n: "a" * n,
    "mojibake": _repeat("Ã©tÃ© lâ€™ONU "),
    "dates and durations": _repeat("12/03/2024 10h45 3 min "),
    "related blocks": _repeat("À lire aussi\nUn titre court\n"),
    "angle brackets": _repeat("a < b <p c "),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_clean_time_grows_linearly(shape):
    ratio = growth_ratio(clean, SHAPES[shape], 20_000)
    assert ratio < MAX_RATIO, f"{shape}: 8x the input took {ratio:.1f}x the time"


def test_html_time_grows_linearly():
    pytest.importorskip("trafilatura")
    para = "<p>Le conseil municipal a voté mardi le budget de la ville.</p>"
    ratio = growth_ratio(clean, lambda n: "<html><body>" + para * (n // len(para)), 20_000)
    assert ratio < MAX_RATIO, f"8x the page took {ratio:.1f}x the time"
