"""French grammar of ministers' titles and role phrases, as the entity layer reads them.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``). A role phrase
is a title ("ministre", "Premier ministre", "secrétaire d’État") and the portfolio written after
it ("des Affaires étrangères, de la Coopération africaine et des Marocains résidant à
l’étranger"); the person is the name written right before or after it.

Examples
--------
>>> MINISTER_TITLE.search("le ministre délégué chargé du Budget").group()
'ministre délégué'
>>> bool(NOT_SITTING.search("l’ancien ")), "estime" in ROLE_STOPWORDS
(True, True)
"""

from __future__ import annotations

import re

__all__ = [
    "ARTICLE_BEFORE_TITLE",
    "BARE_TITLES",
    "COMING_FROM",
    "HOMOLOGUE",
    "MINISTER_TITLE",
    "NAME_AFTER_TITLE",
    "NOT_MINISTER_TITLES",
    "NOT_SITTING",
    "PORTFOLIO_START",
    "ROLE_CONTINUATION",
    "ROLE_FUNCTION_WORDS",
    "ROLE_STOPWORDS",
    "SEP_AFTER",
    "SEP_BEFORE",
    "SWISS_TITLE",
    "TITLES_JOINED",
]

A = "[’']"  # apostrophe, typographic or straight

# A minister's title, as written before or after the name.
MINISTER_TITLE = re.compile(
    rf"(?<![\w-])(?:(?:vice-|Vice-)?(?:[Pp]remier|[Pp]remière) ministre|[Mm]inistres? d{A}[ÉE]tat"
    rf"|[Mm]inistres?(?: délégué(?:e)?s?| déléguée?s?)?|[Ss]ecrétaires? d{A}[ÉE]tat"
    rf"|[Cc]hef du [Gg]ouvernement|[Cc]hef(?:fe)? de l{A}[Ee]xécutif"
    rf"|[Pp]résident(?:e)? du [Gg]ouvernement|[Cc]onseill(?:er|ère) fédéral(?:e)?"
    rf"|[Gg]arde des [Ss]ceaux|[Cc]hef(?:fe)? du [Dd]épartement)(?![\w-])"
)
# Words before a title that make it a former or future office ("l’ancien ministre").
NOT_SITTING = re.compile(r"(?:ancien(?:ne)?s?|ex-?|futur(?:e)?s?|feu|défunt(?:e)?)\s*$", re.I)
# Titles that contain "ministre"/"secrétaire" but are not ministers.
NOT_MINISTER_TITLES = re.compile(
    r"ministre-conseill|ministre plénipotentiaire|secrétaire général", re.I
)
# Connectors between a portfolio's parts: "des Affaires étrangères, de la Coopération africaine
# et des Marocains résidant à l’étranger", "délégué auprès de la ministre …, chargé du Budget".
PORTFOLIO_START = re.compile(
    rf"\s*(?:,\s*)?(?:(?:et\s+)?(?:de la|de l{A}|du|des|de|d{A}|à la|au|aux)\s+"
    rf"|(?:délégué(?:e)?|déléguée)\s+|(?:chargé(?:e)?s?|en charge)\s+(?:de la|de l{A}|du|des|de|d{A})\s*"
    rf"|auprès\s+(?:de la|de l{A}|du|des|de)\s+)"
)

# Words that end a role phrase (verbs, relative pronouns, days, prepositions of the sentence);
# they are not part of an institution's name either.
ROLE_STOPWORDS = frozenset(
    """a ont est sont était étaient avait avaient sera seront sont s’est se s’ qui que qu’ dont
    lors pour dans sur selon lundi mardi mercredi jeudi vendredi samedi dimanche hier mais
    doit doivent va vont vient a-t-il a-t-elle estime juge rappelle rappelé souligné annoncé
    déclaré affirmé indiqué précisé présenté reçu salué plaide entend devrait pourrait""".split()
)
# Lower-case words that continue a portfolio before its next capitalised word.
ROLE_FUNCTION_WORDS = frozenset(
    "de des du d’ d' la le les l’ l' et à au aux auprès chargé chargée chargés chargées délégué déléguée délégués avec en".split()
)
# What may follow a comma inside a portfolio ("…, de la Coopération africaine", "…, chargé du").
ROLE_CONTINUATION = re.compile(
    r"(?:de la|de l’|de l'|du|des|de|d’|d'|et de|et du|et des|chargée?s?|déléguée?s?|porte-parole|en charge)(?![\w’'])"
)
# Between two titles of one person: "vice-Premier ministre et ministre des Affaires étrangères".
TITLES_JOINED = re.compile(r"\s+et\s+")
# A person named right after a title: "le Premier ministre Bart De Wever".
NAME_AFTER_TITLE = re.compile(
    r"[ \u00a0]+([A-ZÀ-ÖØ-ÞŒ][\w’'-]+(?:[ \u00a0]+(?:(?:de|De|Le|La|van|Van|von|Von|El|Al|Ben|ben|da|Da|di|Di|du|Du|Mac)[ \u00a0]+)?[A-ZÀ-ÖØ-ÞŒ][\w’'-]+){1,3})"
)
# Between a role phrase and the name after it ("ministre de l’Intérieur, Abdelouafi Laftit").
SEP_AFTER = re.compile(r"[ \u00a0]*,?[ \u00a0]*")
# Between a name and the role phrase after it ("Nasser Bourita, ministre de …", "X, le nouveau
# ministre de …").
SEP_BEFORE = re.compile(
    r"[ \u00a0]*,[ \u00a0]*(?:(?:par ailleurs|aussi|également|désormais|actuel|actuelle|l’actuel|l’actuelle|lui-même|elle-même|nouveau|nouvelle|le nouveau|la nouvelle|le|la)[ \u00a0,]+)*"
)
# An article or possessive right before a title: the person is then named after it ("le
# ministre de l’Intérieur, X"), else before it ("X, ministre de l’Intérieur").
ARTICLE_BEFORE_TITLE = re.compile(
    r"(?:^|\s)(?:[Ll]e|[Ll]a|[Ll]’|[Ll]'|[Dd]u|[Dd]e la|[Aa]u|[Ss]on|[Ss]a|[Ll]eur)\s*$"
)
# Titles without a portfolio: a longer title of the same person replaces them.
BARE_TITLES = frozenset(
    {
        "ministre",
        "premier ministre",
        "vice-premier ministre",
        "conseiller fédéral",
        "conseillère fédérale",
        "secrétaire d’état",
        "chef du gouvernement",
    }
)
# Titles of the Swiss federal government.
SWISS_TITLE = re.compile(r"[Cc]onseill(?:er|ère) fédéral|[Dd]épartement fédéral")
# "son homologue espagnol, José Manuel Albares": the adjective gives the minister's country.
HOMOLOGUE = re.compile(r"homologues?\s+(\w+)\s*,?\s*$")
# "…, Mohamed Mehdi Bensaid, venu spécialement de Rabat": the place gives the country.
COMING_FROM = re.compile(
    r"\s*,\s*(?:venue?s?|arrivée?s?|dépêchée?s?)(?:\s+\w+)?\s+(?:de|d’|du|depuis)\s+([A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?)"
)
