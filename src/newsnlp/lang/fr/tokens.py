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
    "COMPLEMENT_ARTICLE_BEFORE",
    "ELIDED_ARTICLE_AFTER_DE",
    "ELIDED_ARTICLE_BEFORE",
    "INLINE_SPACES",
    "LEADING_PUNCTUATION",
    "NAME_BREAK",
    "SENTENCE_BREAKS",
    "TOKEN",
    "TRAILING_PUNCTUATION",
    "TRAILING_SMALL_WORDS",
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
# What a name never crosses: a line break, an opening or closing guillemet with its space, a
# colon with a space after it ("Football : le Minsep"), a sentence end before a capital (also
# glued: "l’AFP.Ces", "(LR).En", "RPP.\"Nous", "l’Elysée.146 personnes") or a dash
# ("l’Assemblée nationale.- Le foot reprend -").
NAME_BREAK = re.compile(
    r"\n|[ \u00a0\u202f]*[«»“”][ \u00a0\u202f]*|[ \u00a0\u202f]*:[ \u00a0\u202f]+"
    r"|(?<=[a-zà-ÿ]{2})[.!?][ \u00a0]+(?=[A-ZÀ-Ý])|(?<=\w{2})\.(?=[A-ZÀ-Ý][a-zà-ÿ])"
    r"|(?<=\w{2})[.!?][ \u00a0]*[-–—]"
    r"|(?<=[)\]])[.!?]|(?<=\w)[.!?](?=[\"“«][ \u00a0]*[A-ZÀ-Ý])|(?<=[a-zà-ÿ]{2})\.(?=\d)"
)
# Small words and days that never end a name ("Alliance des États du Sahel de la", "le Sénat
# mardi"): stripped.
TRAILING_SMALL_WORDS = re.compile(
    r"(?:[ \u00a0]+(?:de|du|des|la|le|les|et|à|au|aux|en|pour|sur|par|avec|d[’']|l[’']"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|demain|matin|soir))+$"
)
# "de l’" before a word the model read as a person ("le président de l’Arcom"): a person's
# name has particles ("de Montchalin"), never an elided article.
ELIDED_ARTICLE_AFTER_DE = re.compile(r"[Dd]e[ \u00a0]+[lL][’']")
# An elided article right before a word ("reprendre l’Artibonite"): persons take none.
ELIDED_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(«]))[lL][’']$")
# "de la", "du", "des", "de l’" right before a word: the complement of a noun ("le président de
# la République", "la ministre de la Santé"), which a common noun after it is, not a name.
COMPLEMENT_ARTICLE_BEFORE = re.compile(r"(?<![\w’'])(?:de la|de l[’']|du|des)[ \u00a0]?$")
