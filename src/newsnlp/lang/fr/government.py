"""French phrases that tell which government a minister belongs to, and which country an
article is written from.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``); the entity
layer reads them in :mod:`newsnlp.entities.government` and :mod:`newsnlp.entities.countries`:

* "son homologue espagnol, José Manuel Albares" — the adjective gives the named person's
  country (:data:`HOMOLOGUE`, :data:`HOMOLOGUE_AFTER`); "X a reçu son homologue marocain" —
  X is *not* Moroccan (:data:`HOMOLOGUE_ANY`);
* "le gouvernement sénégalais, par la voix de son ministre …", "…, au nom du gouvernement
  malien", "…, venu spécialement de Rabat" — the government named in the same phrase; "À
  Doha, le Premier ministre …", "En Grande-Bretagne, où …, le Premier ministre …" — the
  place the sentence is set in (:data:`SCENE`); "Côté israélien, le Premier ministre …" —
  the party it speaks for (:data:`SIDE`);
* "PARIS (AFP) –", "Rabat, 12 mai –", "Paris." — a dateline at the top of the article, and
  bodies foreign to the article ("Ambassade de France").

The offices that mark a country as another party's ("le président kényan", "l’ambassadeur de
Chine") are in :mod:`newsnlp.lang.fr.places`.

Examples
--------
>>> HOMOLOGUE.search("il a reçu son homologue espagnol, ").group(1)
'espagnol'
>>> GOVERNMENT_BEFORE.search("Le gouvernement malien, par la voix de son ").group("adj")
'malien'
>>> DATELINE.match("PARIS (AFP) – Le ministre").group("place")
'PARIS'
"""

from __future__ import annotations

import re

from newsnlp.lang.fr.press import HONORIFIC

__all__ = [
    "COMING_FROM",
    "COUNTERPART_AFTER",
    "COUNTERPART_BEFORE",
    "DATELINE",
    "DATELINE_LINES",
    "FOREIGN_BODY_HEADS",
    "GOVERNMENT_AFTER",
    "GOVERNMENT_BEFORE",
    "HOMOLOGUE",
    "HOMOLOGUE_AFTER",
    "HOMOLOGUE_ANY",
    "LANGUAGE_NOUNS",
    "OWNER_BEFORE",
    "PRONOUN_SUBJECT",
    "SCENE",
    "SIDE",
    "VISIT",
]

A = "[’']"  # apostrophe, typographic or straight
_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_COUNTRY_NAME = rf"{_CAP}(?:\s+(?:d{A}|de\s+|du\s+)?{_CAP}|\s+[a-zé]+)?"

# Portfolio nouns whose country adjective names a language or a community, not the
# government ("ministre responsable de la Langue française", "ministre de la Communauté
# française" of Belgium; but "ministre de l’Intérieur britannique" is British).
LANGUAGE_NOUNS = frozenset({"Langue", "Langues", "Communauté", "Communautés"})

# "son homologue espagnol, José Manuel Albares", "son homologue marocain, le ministre …":
# right before a person or a role, the adjective gives that person's country.
HOMOLOGUE = re.compile(rf"homologues?\s+(\w+)\s*,?\s*(?:(?:le|la|l{A})\s*)?$")
# "José Manuel Albares, son homologue espagnol": right after the person.
HOMOLOGUE_AFTER = re.compile(r"\s*,\s*(?:son|sa|leur)\s+homologues?\s+(\w+)")
# Any "son homologue <adjectif>" ("Son homologue …" opening a sentence too): the person whose
# counterpart it is belongs to another country.
HOMOLOGUE_ANY = re.compile(
    r"(?=[sSlL])(?<!\w)(?:[Ss]on|[Ss]a|[Ll]eurs?|[Ss]es)\s+homologues?\s+([a-zé]\w*)"
)
# Between "son homologue russe" and the counterpart named after it ("…, Sergueï Lavrov", "…
# le ministre Sergueï Lavrov" is a role of its own), or before it ("Sergueï Lavrov, son …").
COUNTERPART_AFTER = re.compile(rf"[ \u00a0]*,?[ \u00a0]*(?:{HONORIFIC}[ \u00a0]+)*")
COUNTERPART_BEFORE = re.compile(r"[ \u00a0]*,[ \u00a0]*")
# A sentence whose subject is a pronoun before "son homologue …" ("Il rencontrera son
# homologue israélien …"): "son" is the minister of the sentence before.
PRONOUN_SUBJECT = re.compile(r"[ \u00a0]*(?:Il|Elle|Celui-ci|Celle-ci)\b[^,;:]*$")
# "…, Mohamed Mehdi Bensaid, venu spécialement de Rabat": the place gives the country.
COMING_FROM = re.compile(
    r"\s*,\s*(?:venue?s?|arrivée?s?|dépêchée?s?)(?:\s+\w+)?\s+(?:de|d’|du|depuis)\s+([A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?)"
)
# The government named right before the role: "Le gouvernement sénégalais, par la voix de son
# ministre …", "Au sein du gouvernement du Niger, le ministre …", "Pour l’exécutif malien, la
# ministre …".
GOVERNMENT_BEFORE = re.compile(
    rf"(?:[Gg]ouvernement|[Ee]xécutif|[Cc]abinet)\s+"
    rf"(?:(?P<adj>[a-zé][\w-]*)|(?:de la|de l{A}|du|des|de|d{A})\s*(?P<name>{_COUNTRY_NAME}))"
    rf"\s*,\s*(?:(?:par la voix|par l{A}intermédiaire|représentée?)\s+(?:de\s+|du\s+|par\s+)?)?"
    rf"(?:(?:son|sa|leur|le|la|l{A})\s*)?$"
)
# The body whose office the role is, named before it: "l’Union européenne, par la voix de son
# chef de la diplomatie", "le Maroc, représenté par son ministre …", "La France, par la voix du
# chef de la diplomatie".
OWNER_BEFORE = re.compile(
    rf"(?P<owner>{_CAP}(?:\s+(?:de\s+la\s+|de\s+l{A}|d{A}|du\s+|des\s+|de\s+)?{_CAP}|\s+[a-zé]+){{0,3}})"
    rf"\s*,?\s*(?:par la voix|par l{A}intermédiaire|représentée?s?)\s+"
    rf"(?:(?:de\s+|du\s+|par\s+)?(?:son|sa|leur)|du|de\s+la|de\s+l{A}|par\s+(?:le|la|l{A}))\s*$"
)
# The government named right after the person: "…, au nom du gouvernement malien",
# "…, membre du gouvernement ivoirien", "…, qui représentait le gouvernement du Niger".
GOVERNMENT_AFTER = re.compile(
    rf"\s*,\s*(?:qui\s+représentait|représentant|au nom|membre|pour le compte)\s+(?:du|le)\s+"
    rf"(?:gouvernement|cabinet|exécutif)\s+"
    rf"(?:(?P<adj>[a-zé][\w-]*)|(?:de la|de l{A}|du|des|de|d{A})\s*(?P<name>{_COUNTRY_NAME}))"
)
# The place a sentence is set in, at its start: "À Doha, enfin, le Premier ministre …", "Au
# Québec, le premier ministre …".
SCENE = re.compile(
    rf"[ \u00a0]*(?:À|Au|Aux|En)[ \u00a0]+(?P<place>{_CAP}(?:[ -]{_CAP}){{0,2}})[ \u00a0]*,"
)
# The party a sentence speaks for, at its start: "Côté israélien, le Premier ministre …",
# "Du côté marocain, le ministre …".
SIDE = re.compile(
    r"[ \u00a0\-–—«\"]*(?:[Dd]u[ \u00a0]+)?[Cc]ôté[ \u00a0]+(?P<adj>[a-zé]\w*)[ \u00a0]*,"
)
# Words of a journey before a place: the place is where a minister goes, not the government it
# belongs to ("en visite au Maroc", "s’est rendu en Algérie", "est attendu à Kinshasa", "un
# aller-retour à Nouakchott"). Not
# "a reçu à Rabat", "a accueilli à Dakar": a host receives at home.
VISIT = re.compile(
    r"(?<![\w-])(?:visite|déplacement|voyage|tournée|séjour|escale|allers?-retours?|"
    r"rendue?s?|arrivée?s?|venue?s?|attendue?s?|dépêchée?s?)(?![\w-])",
    re.I,
)
# Heads of a body's name that make it foreign to the article ("Ambassade de France").
FOREIGN_BODY_HEADS = frozenset({"Ambassade", "Consulat", "Consulat général", "Haut-Commissariat"})

# A dateline at the top of an article: a place, an optional agency, then a full stop, a dash or
# a date ("PARIS (AFP) –", "Rabat, 12 mai –", "Dakar, le 3 juin (APS) -", "Paris. Le …").
DATELINE = re.compile(
    rf"[ \u00a0]*(?P<place>{_CAP}(?:[ -]{_CAP}){{0,2}})[ \u00a0]*"
    rf"(?:\((?:[A-Z][\w.]*)(?:[ /][A-Z][\w.]*)?\)[ \u00a0]*)?"
    rf"(?:[.—–](?:[ \u00a0]|$)|-[ \u00a0]|,[ \u00a0]+(?:le[ \u00a0]+)?\d)"
)
#: Datelines are looked for on the first lines of the text only (a title may come first).
DATELINE_LINES = 3
