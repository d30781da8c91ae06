"""French elision, as a small data module: the clitics written with an apostrophe before a
vowel (« l’ONU », « qu’il », « jusqu’à »).

Read by the index terms of related articles (:func:`newsnlp.related.french_tokens`): an elided
clitic is never an index term.
"""

from __future__ import annotations

__all__ = ["ELIDED_CLITICS", "ELISION_PATTERN"]

#: Regular expression (alternation, no group) of the clitics that elide before an apostrophe:
#: c’, d’, j’, l’, m’, n’, s’, t’, ç’ and qu’, jusqu’, lorsqu’, puisqu’, quoiqu’, quelqu’.
ELISION_PATTERN = r"[cdjlmnstç]|qu|jusqu|lorsqu|puisqu|quoiqu|quelqu"

#: Clitics that only exist elided (« qu’il », « jusqu’à »), so never a word of their own.
ELIDED_CLITICS = frozenset({"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "quelqu"})
