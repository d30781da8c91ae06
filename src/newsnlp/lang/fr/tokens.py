"""French words as the entity layer reads them, and what ends a sentence.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``).

Examples
--------
>>> [m.group() for m in TOKEN.finditer("l’ONU et les États-Unis, aujourd’hui.")]
['l’', 'ONU', 'et', 'les', 'États-Unis', ',', 'aujourd’hui', '.']
"""

from __future__ import annotations

import re

__all__ = [
    "INLINE_SPACES",
    "LEADING_PUNCTUATION",
    "SENTENCE_BREAKS",
    "TOKEN",
    "TRAILING_PUNCTUATION",
]

# Words as the rules see them: elided articles apart ("l’" + "ONU"), hyphenated and
# apostrophised words whole ("États-Unis", "aujourd’hui"), punctuation one character each.
TOKEN = re.compile(
    r"(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)[’'](?=\w)|\w+(?:[-’']\w+)*|[^\w\s]"
)
# Spaces skipped back from a word to find what precedes it on its line.
INLINE_SPACES = " \u00a0\u202f\t"
# Characters after which a word starts a sentence, a heading or a quotation.
SENTENCE_BREAKS = '\n.!?:«"“—–-'
# Punctuation trimmed from the end and the start of a mention (quotes, brackets, dashes).
TRAILING_PUNCTUATION = '.,;:!?»«"()[]–-'
LEADING_PUNCTUATION = '«"([–-'
