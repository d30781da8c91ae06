"""Hostile input shapes for the cleaner: ``name -> make(n)``, a text of *n* characters.

One table for ``bench_clean.py`` (1 MB of each, timed) and ``tests/text/test_linear_time.py``
(a size and eight times it: the growth must be linear).
"""

from __future__ import annotations

__all__ = ["SHAPES"]


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
    "one-letter lines": _repeat("a\n"),
    "glue points ending in …|": lambda n: _repeat("dansParis ")(n) + "… |",
    "teaser lines": _repeat("Le Maroc réélu au Conseil de l’UnescoLe Maroc a été réélu… |\n"),
    "acronyms": _repeat("ONU OTAN UE FMI BCE OMS CEDEAO "),
    "emoji": _repeat("😀🎉⏱ "),
    "no spaces": lambda n: "a" * n,
    "mojibake": _repeat("Ã©tÃ© lâ€™ONU "),
    "dates and durations": _repeat("12/03/2024 10h45 3 min "),
    "related blocks": _repeat("À lire aussi\nUn titre court\n"),
    "angle brackets": _repeat("a < b <p c "),
    "HTML paragraphs": lambda n: (
        "<html><body>"
        + "<p>Le conseil municipal a voté mardi le budget de la ville.</p>" * (n // 62)
    ),
}
