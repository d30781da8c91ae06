"""French press grammar around names: what the entity layer strips from a mention.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``). Forms use the
typographic apostrophe ’ (texts are normalised before they reach the entity layer; a straight
apostrophe in raw text is accepted too: the patterns allow both): determiners and elided
articles, honorifics, titles and generic heads written before a name, particles of names, and
words that are never an entity on their own.

The grammar of ministers' titles moved to :mod:`newsnlp.lang.fr.roles`, that of institution
names to :mod:`newsnlp.lang.fr.institutions` (their old names here still work until the next
release, with a ``DeprecationWarning``).

Examples
--------
>>> LEADING_DETERMINERS.match("l’ONU").end(), PERSON_PREFIXES.match("M. Dupont").group()
(2, 'M. ')
"""

from __future__ import annotations

import re
from typing import Any

from newsnlp._deprecation import moved

__all__ = [
    "GENERIC_PLACE_HEADS",
    "HONORIFIC",
    "HONORIFICS",
    "HONORIFIC_ABBREVIATION",
    "HONORIFIC_ABBREVIATIONS",
    "LEADING_DETERMINERS",
    "LOWER_WORDS_BEFORE_NAME",
    "NAME_PARTICLES",
    "NAME_START",
    "NOT_ENTITIES",
    "OFFICIAL_TITLES",
    "PERSON_ARTICLES",
    "PERSON_NAME_WORDS",
    "PERSON_PREFIXES",
    "TITLE_AND_PREPOSITION",
]

A = "[’']"  # apostrophe, typographic or straight

# Determiners and elided articles stripped from the start of a mention ("l’ONU" → "ONU").
LEADING_DETERMINERS = re.compile(
    rf"^(?:l{A}|d{A}|L{A}|D{A}|(?:le|la|les|du|des|au|aux|de la|de l{A}|de|Le|La|Les|Du|Des|Au|Aux)\s+)"
)
# Articles stripped from the start of a person mention; "de", "du", "Le" may be particles of
# the name ("de Montchalin", "Le Maire") and stay.
PERSON_ARTICLES = re.compile(rf"^(?:l{A}|L{A}|(?:le|la|les|Les)\s+)")
# Honorifics, ranks and functions written before a person's name ("le prince", "cheikh", "le
# Commandant", "le colonel-major"): stripped from a person mention, skipped between a title and
# the name ("le ministre saoudien des Affaires étrangères, le prince Fayçal ben Farhane").
# Lower case; a capital initial is accepted too ("Commandant", "Cheikh").
HONORIFICS = frozenset(
    """roi reine prince princesse émir sultan cheikh cheikha sheikh président présidente ministre
    général générale colonel colonel-major lieutenant-colonel commandant capitaine amiral
    maréchal pape cardinal imam ayatollah maître docteur professeur sayyed""".split()
) | {
    "général de division",
    "général de brigade",
    "général d’armée",
    "général de corps d’armée",
    "contre-amiral",
    "vice-amiral",
}
# Abbreviated honorifics, written as is ("M. Dupont", "S.E. Nasser Bourita").
HONORIFIC_ABBREVIATIONS = frozenset(
    (*"M. MM. Mme Mmes Mlle Me Dr Pr Mgr S.M. SM S.E. Monsieur Madame".split(), "Sa Majesté")
) | {"Mademoiselle", "Son Excellence"}


def _alternation(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_ARTICLE = rf"(?:(?:[Ll]e|[Ll]a|[Ll]{A}) ?)?"
# Honorifics that are also first names when capitalised ("Cheikh Tidiane Gadio").
_FIRST_NAMES = frozenset({"cheikh", "cheikha", "sheikh", "sayyed"})
_CAPITALISED = frozenset(w[0].upper() + w[1:] for w in HONORIFICS - _FIRST_NAMES)
#: One abbreviated honorific ("M.", "Mme", "S.E."), as a regular expression.
HONORIFIC_ABBREVIATION = rf"(?:{_alternation(HONORIFIC_ABBREVIATIONS)})"
#: One honorific (with its article: "le prince"), any case of its first letter.
HONORIFIC = (
    rf"(?:{HONORIFIC_ABBREVIATION}"
    rf"|{_ARTICLE}(?:{_alternation(HONORIFICS | _CAPITALISED)}))(?![\w-])"
)
# Honorifics and functions stripped from the start of a person mention. A capitalised one
# only when a name of two words follows ("Commandant Ismaël Sombié" → "Ismaël Sombié"; not
# "Président de la République"), and never one
# that is also a first name ("Cheikh Diba", "Cheikh Tidiane Gadio" in Senegal).
PERSON_PREFIXES = re.compile(
    rf"^(?:(?:(?:{_alternation(HONORIFIC_ABBREVIATIONS)})|{_ARTICLE}(?:{_alternation(HONORIFICS)}))"
    rf"(?![\w-])\s+"
    rf"|{_ARTICLE}(?:{_alternation(_CAPITALISED)})(?![\w-])\s+(?=[A-ZÀ-ÖØ-Þ]\S*\s+\S))+"
)
# Lower-case words before a capitalised one, particles excepted: titles, functions and generic
# heads written before the name ("maréchal Serrano", "vicechancelier comte Nesselrode").
LOWER_WORDS_BEFORE_NAME = re.compile(
    r"(?:(?!(?:de|du|des|d’|d'|van|von|da|di|del|della|der|dos|ben|bin|ibn|ould|el|al|le|la)\s)[a-zà-öø-ÿ][\w’'.-]*\s+)+"
)
# The start of a name: particles, then a capital.
NAME_START = re.compile(
    r"(?:(?:de|du|des|d’|d'|van|von|da|di|del|della|der|dos|ben|bin|ibn|ould|el|al|le|la)\s+)*[A-ZÀ-ÖØ-ÞŒ]"
)
# Capitalised titles of office written before a body's name ("Haut-Commissaire des Nations
# unies" → "Nations unies").
OFFICIAL_TITLES = frozenset(
    """Haut-Commissaire Haute-Commissaire Secrétaire Président Présidente Directeur Directrice
    Ambassadeur Ambassadrice Gouverneur Gouverneure Commissaire Procureur Procureure Représentant
    Représentante Envoyé Envoyée Porte-parole Vice-président Vice-présidente""".split()
)
# A title or generic head and the preposition that joins it to the name ("gisement de ").
TITLE_AND_PREPOSITION = re.compile(r"\S+\s+(?:(?:de la|de l’|du|des|de|d’|aux|à la|au)\s*)?")
# Generic lower-case heads that are not part of a place name ("le lac Léman" → "Léman").
GENERIC_PLACE_HEADS = frozenset(
    """lac fleuve rivière mont monts île îles place rue avenue boulevard quartier gisement champ
    région province département ville village port aéroport baie golfe mer océan désert vallée
    plaine détroit canal cap col massif plateau presqu’île péninsule""".split()
)
# Particles of a person's name ("de Montchalin", "Ben Ali", "Ould Ghazouani").
NAME_PARTICLES = frozenset({"de", "De", "du", "Du", "des", "Le", "La", "van", "Van", "von", "Von", "der", "El", "Al", "al", "el", "ben", "Ben", "bin", "Bin", "bint", "Bint", "ibn", "Ibn", "Ould", "ould", "Mint", "mint", "Ag", "Abou", "Abu", "d’", "D’", "Mac", "Di", "Da", "da", "dos", "Dos"})  # fmt: skip

# Lower-case words of persons' names that are also French grammatical words ("Jean de la
# Fontaine", "José Ortega y Gasset", "Eduardo dos Santos e Silva"): a person's mention goes on
# over them (it is cut at any other grammatical word: "Édouard Philippe à Matignon").
PERSON_NAME_WORDS = frozenset(p for p in NAME_PARTICLES if p.islower()) | frozenset(
    {"la", "le", "les", "y", "e", "di", "do", "del", "della", "das", "zu", "ter", "ten"}
)

# Capitalised words that are never a named entity on their own (role words, common nouns
# that the model often tags after a capital, the editor's note "NDLR", the unit "Nm"): checked
# after the gazetteers.
NOT_ENTITIES = frozenset(
    """Royaume État États Etat Etats Gouvernement Exécutif Premier Ministre Président Présidente
    Sud Nord Est Ouest Parlement Conseil Commission Chambre Cour Assemblée Sénat Cap Plan
    Budget Dette Défense Soutien Culture Économie Finances Intérieur Justice Santé Sports
    Monsieur Madame Mme M. Etat-major NDLR Ndlr N.D.L.R. Nm""".split()
)

_MOVED_TO = {
    **dict.fromkeys(
        ("MINISTER_TITLE", "NOT_SITTING", "NOT_MINISTER_TITLES", "PORTFOLIO_START"),
        moved(__name__, "newsnlp.lang.fr.roles"),
    ),
    **dict.fromkeys(
        (
            "INSTITUTION_HEADS",
            "FACILITY_HEADS",
            "EVENT_HEADS",
            "OTHER_ADJECTIVES",
            "NAME_PREPOSITIONS",
            "NAME_ARTICLES",
            "ADJECTIVE_ENDINGS",
        ),
        moved(__name__, "newsnlp.lang.fr.institutions"),
    ),
}


def __getattr__(name: str) -> Any:
    forward = _MOVED_TO.get(name)
    if forward is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return forward(name)
