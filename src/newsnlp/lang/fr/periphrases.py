"""French periphrases for ministers: how the press names an office without its title.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``):

* the head of a country's diplomacy: "le chef de la diplomatie française", "la patronne de la
  diplomatie canadienne", "le numéro un de la diplomatie saoudienne";
* the finance minister: "le grand argentier du pays", "la grande argentière";
* the interior minister: "le premier flic de France";
* a minister's colleague named by a portfolio: "son collègue des Finances";
* the holder of a ministry's seat: "le locataire de Matignon", "le patron de Bercy", "la
  locataire de la place Beauvau" — the seat must be, in the gazetteer, an institution whose
  canonical name is a ministry or a head of government's office (:data:`SEAT_CANONICAL`):
  "le locataire de l’Élysée" is a head of state, not a minister.

A periphrasis names a minister only when a name is written next to it, and not when it is
supranational ("le chef de la diplomatie européenne", "… de l’Union européenne").

Examples
--------
>>> PERIPHRASIS.search("La patronne de la diplomatie canadienne, Anita Anand").group()
'patronne de la diplomatie'
>>> SEAT_PERIPHRASIS.search("le locataire de Matignon, François Bayrou").group("seat")
'Matignon'
"""

from __future__ import annotations

import re

__all__ = [
    "COLLEAGUE",
    "PERIPHRASIS",
    "PERIPHRASIS_WORDS",
    "SEAT_CANONICAL",
    "SEAT_PERIPHRASIS",
    "SEAT_WORDS",
]

A = "[’']"  # apostrophe, typographic or straight

# Periphrases of a portfolio: diplomacy, finance, interior.
PERIPHRASIS = re.compile(
    r"(?=[CcPpRrNnTtGg])(?<![\w-])(?:"  # the first letters, for speed
    r"(?:[Cc]hef(?:fe)?|[Pp]atron(?:ne)?|[Rr]esponsable|[Nn]uméro un|[Tt]enante?)"
    r" de la diplomatie"
    r"|[Gg]rand(?:e)? argenti(?:er|ère)"
    r"|[Pp]remi(?:er|ère) flic"
    r")(?![\w-])"
)
# A minister's colleague named by a portfolio: "son collègue des Finances", "sa collègue de la
# Santé" (the word after the article must not be a body's name: "son collègue du Parlement").
COLLEAGUE = re.compile(
    rf"(?<![\w-])(?:[Ss]on|[Ss]a|[Ll]eurs?) (?P<title>collègues?)"
    rf"(?= (?:de la |de l{A}|du |des |d{A})(?P<portfolio>[A-ZÀ-Ý][\w’'-]*))"
)
# The holder of a seat of government: "le locataire de Matignon", "le patron de Bercy", "le chef
# du Pentagone".
SEAT_PERIPHRASIS = re.compile(
    rf"(?=[LlPpHhOoTtCc])(?<![\w-])(?:[Ll]ocataire|[Pp]atron(?:ne)?|[Hh]ôte(?:sse)?|[Oo]ccupante?|[Tt]enante?|[Cc]hef(?:fe)?)"
    rf" (?:de la |de l{A}|du |de )"
    rf"(?P<seat>(?:place |rue |hôtel de |[Hh]ôtel de |quai )?[A-ZÀ-Ý][\w’'-]*"
    rf"(?: (?:d{A})?[A-ZÀ-Ý][\w’'-]*)?)"
)
# Words without which a text holds no periphrasis (a quick test before the patterns).
PERIPHRASIS_WORDS = re.compile(r"diplomatie|argenti|flic")
SEAT_WORDS = re.compile(r"ocataire|atronn?e? d|ôtes?s?e? d|ccupante? d|enante? d|heff?e? d")
# Canonical names of the institutions a seat periphrasis may stand for.
SEAT_CANONICAL = re.compile(
    r"^(?:Ministère|Services du Premier ministre|Primature|Cabinet du Premier ministre"
    r"|Chancellerie fédérale|Gouvernement|Département)"
)
