"""French words about countries and places, as the gazetteer and the entity layer read them.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``): place names
that are also common words, the leading article of a name, the phrases that mark a country as
foreign to the article ("le ministre français", "l’ambassadeur de Chine"), and "le Royaume".

Examples
--------
>>> "grenade" in COMMON_WORDS, LEADING_ARTICLE.sub("", "les États-Unis")
(True, 'États-Unis')
>>> FOREIGN_ADJECTIVE.search("le président chinois").group(1)
'chinois'
"""

from __future__ import annotations

import re

__all__ = [
    "CITY_PREPOSITION_BEFORE",
    "COMMON_WORDS",
    "FOREIGN_ADJECTIVE",
    "FOREIGN_OF",
    "HOME_KINGDOM",
    "KINGDOM",
    "KINGDOM_NOT_ALONE",
    "LANGUAGE_CONTEXT",
    "LEADING_ARTICLE",
    "LOCATIVE_BEFORE",
    "MONARCHIES",
    "NATURAL_FEATURE_BEFORE",
]

#: Folded forms that are French (or English) common words as well as place names. An
#: all-lowercase query never folds onto them (``grenade`` is a grenade, ``Grenade`` a country).
COMMON_WORDS: frozenset[str] = frozenset(
    word.strip()
    for word in """
    argentine, benin, berne, beni, bordeaux, calais, canton, cannes, cap, cap vert, chili, chine,
    chypre, curacao, damas, equateur, grenade, guernesey, guinee, havane, japon, jersey,
    la havane, la reunion, le cap, liege, lima, limoges, lourdes, lucerne, macao, male, manille,
    menton, niger, nice, panama, parme, porto, rabat, rennes, reunion, roseau, royaume uni,
    saint martin, sale, sienne, split, sucre, suisse, tamale, tournai, tours, valence, vichy,
    vienne
    """.split(",")
)
#: One leading definite article (``le``, ``la``, ``les``, ``l’``), any case.
LEADING_ARTICLE = re.compile(r"^(?:l’|(?:les|le|la)\s+)(?=\S)", re.IGNORECASE)

# "le ministre français", "le président chinois", "l’émir qatari": an office of another party
# than the article's home country ("son homologue haïtien" is not: in Haitian press, the
# counterpart of a foreign minister is Haitian).
FOREIGN_ADJECTIVE = re.compile(
    r"(?=[PpMmSsAaCcRrÉéDdEe])"  # the first letters, for speed
    r"(?:[Pp]résidente?|[Mm]inistres?|[Ss]ecrétaire d’[ÉE]tat|[Pp]remier ministre|[Aa]mbassad(?:eur|rice)|[Cc]hef de l’[ÉE]tat|[Rr]oi|[Rr]eine|[Éé]mir|[Pp]rince héritier|[Dd]élégation|[Ee]nvoyée?)\s+([a-zéèêëàâîïôöûüç]+)"
)
# "l’ambassadeur de Chine", "l’ambassadrice du Maroc", "venu spécialement de Rabat"
FOREIGN_OF = re.compile(
    r"(?=[AaDdEev])"  # the first letters, for speed
    r"(?:[Aa]mbassad(?:eur|rice)s?|[Dd]élégations?|[Ee]nvoyée?s?|venue?s?(?:\s+\w+)?)\s+(?:de la|de l’|du|des|de|d’)\s*([A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?)"
)
# A river, lake, mountain or gulf named like a country is not the country: "le fleuve Gambie",
# "le lac Tchad", "le delta du Niger", "le golfe de Guinée" ("l’île Maurice" is the country).
NATURAL_FEATURE_BEFORE = re.compile(
    r"(?<![\w-])(?:fleuve|rivière|lac|mont|monts|massif|golfe|désert|bassin|delta|vallée|"
    r"plateau|canal|baie|détroit|cours)\s+(?:(?:de la|de l’|de l'|du|des|de|d’|d')\s*)?$"
)
# "à" before a country name that takes an article names its city: "à Luxembourg", "à Koweït"
# ("au Luxembourg" is the country).
CITY_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])à\s+$")
# A place where something happens rather than a party: "à Rabat", "en Algérie", "au Maroc",
# "aux États-Unis", "dans le pays" ("coûter à la Tunisie", "la défaite d’Ottawa" are parties).
LOCATIVE_BEFORE = re.compile(r"(?<![\w-])(?:[àÀaA]|[Ee]n|[Aa]ux?|[Dd]ans|[Dd]epuis|[Vv]ers)\s+$")
# Words before an adjective that make it a language, not a country: "en français", "l’arabe",
# "l’enseignement du français".
LANGUAGE_CONTEXT = frozenset({"en", "le", "du", "l’", "l'"})

# "le Royaume" alone stands for the kingdom the article is about; not when a complement or an
# adjective follows ("Royaume du Maroc", "Royaume hachémite", "Royaume-Uni").
KINGDOM = "Royaume"
KINGDOM_NOT_ALONE = frozenset({"du", "de", "d’", "d'", "des", "hachémite", "uni", "Uni"})
# Kingdoms (ISO 3166-1 alpha-2) "le Royaume" may stand for.
MONARCHIES = frozenset(
    "MA ES BE NL GB SE NO DK JO SA TH JP LU MC LI AD BH KW QA AE OM BT BN KH MY SZ LS TO".split()
)
# The kingdom of the press newsnlp reads first: "le Royaume" is Morocco whenever Morocco is named.
HOME_KINGDOM = "MA"
