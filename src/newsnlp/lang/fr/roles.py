"""French grammar of ministers' titles and role phrases, as the entity layer reads them.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``). A role phrase
is a title ("ministre", "Premier ministre", "secrétaire d’État", "cheffe du gouvernement",
"chef du Département fédéral") and the portfolio written after it ("des Affaires étrangères, de
la Coopération africaine et des Marocains résidant à l’étranger"); the person is the name
written right before or after it, honorifics and ranks between them skipped ("…, le prince
Fayçal ben Farhane"). Periphrases ("le chef de la diplomatie française") are in
:mod:`newsnlp.lang.fr.periphrases`, the phrases that tell a minister's government in
:mod:`newsnlp.lang.fr.government`.

Examples
--------
>>> MINISTER_TITLE.search("le ministre délégué chargé du Budget").group()
'ministre délégué'
>>> MINISTER_TITLE.search("la cheffe du gouvernement").group()
'cheffe du gouvernement'
>>> MINISTER_TITLE.search("le ministre-conseiller de l’ambassade") is None
True
>>> bool(NOT_SITTING.search("l’ancien ")), "estime" in ROLE_STOPWORDS
(True, True)
"""

from __future__ import annotations

import re

from newsnlp.lang.fr.government import COMING_FROM, HOMOLOGUE
from newsnlp.lang.fr.press import HONORIFIC, HONORIFIC_ABBREVIATION, NAME_PARTICLES

__all__ = [
    "APPOSITION_RELATIVE",
    "APPOSITION_SEGMENT",
    "ARTICLE_BEFORE_TITLE",
    "BARE_TITLES",
    "COMING_FROM",
    "COORDINATION",
    "DEPUTY_TITLE",
    "DISMISSED",
    "DISMISSED_WORDS",
    "ELLIPTIC_TITLE",
    "FORMER_AFTER",
    "HEAD_OF_GOVERNMENT",
    "HOMOLOGUE",
    "IMPERFECT",
    "INTERIM",
    "MINISTER_TITLE",
    "NAME_AFTER_HONORIFIC",
    "NAME_AFTER_TITLE",
    "NEW_PHRASE_AFTER_AND",
    "NOT_A_TITLE_BEFORE",
    "NOT_MINISTER_TITLES",
    "NOT_SITTING",
    "NOUNS_IN_AIT",
    "PAST_PERIOD",
    "PLURAL_TITLE",
    "PORTFOLIO",
    "PORTFOLIO_PURPOSE",
    "PORTFOLIO_START",
    "REFLEXIVE_PRONOUNS",
    "ROLE_CONTINUATION",
    "ROLE_ENDS",
    "ROLE_FUNCTION_WORDS",
    "ROLE_STOPWORDS",
    "SEP_AFTER",
    "SEP_BEFORE",
    "SWISS_TITLE",
    "TITLES_JOINED",
    "TITLE_NEEDS_COUNTRY",
]

A = "[’']"  # apostrophe, typographic or straight
_SP = "[ \u00a0]"  # a space inside a line

# A minister's title, as written before or after the name: heads of government (of a country
# or of a federated state: "premier ministre du Québec", "ministre-président flamand"; "la
# chancelière Angela Merkel"; "le PM" before a name),
# ministers, ministres d’État, délégués, secrétaires d’État, the US secretaries ("secrétaire
# américain au Trésor"), Swiss federal councillors and department heads ("chef du DFAE"),
# feminine forms included.
MINISTER_TITLE = re.compile(
    rf"(?=[VvPpMmSsCcGg])(?<![\w-])(?:"  # the first letters, for speed
    rf"(?:[Vv]ice-)?(?:[Pp]remiers?|[Pp]remières?) [Mm]inistres?"
    rf"|(?<=[Ll]e |[Dd]u |[Aa]u )PM(?= [A-ZÀ-Ý])"  # "le PM Christian Ntsay"
    rf"|[Mm]inistres?-[Pp]résident(?:e|s|es)?"
    rf"|[Mm]inistres? d{A}[ÉE]tat"
    rf"|[Mm]inistres?(?: délégué(?:e|s|es)?)?"
    rf"|[Ss]ecrétaires? d{A}[ÉE]tat"
    rf"|[Ss]ecrétaires?(?= (?:[a-zé]+ )?(?:à la|à l{A}|au|aux) [A-ZÀ-Ý])"
    rf"|[Cc]hef(?:fe)?s? du [Gg]ouvernement|[Cc]hef(?:fe)? de l{A}[Ee]xécutif"
    rf"|(?:[Vv]ice-)?[Pp]résident(?:e)? du [Gg]ouvernement"
    rf"|[Pp]résident(?:e)? du [Cc]onseil(?= (?:des ministres )?[a-zé]+(?![\w-])(?! d[eu]s? | d{A}))"
    rf"|[Cc]onseill(?:er|ère) fédéral(?:e)?"
    rf"|[Gg]arde des [Ss]ceaux"
    rf"|(?:[Vv]ice-)?[Cc]hancel(?:ier|ière)s?"
    rf"|[Cc]hef(?:fe)? du (?:Département|département fédéral|DFAE|DFI|DFJP|DDPS|DFF|DEFR|DETEC)"
    rf")(?![\w-])"
)
# A pronoun standing for the title of a minister named before it in its sentence: "la ministre
# des Outre-mers Annick Girardin, celle de la Recherche Frédérique Vidal", "le ministre de la
# Culture … ou celui de l’Intérieur Christophe Castaner".
ELLIPTIC_TITLE = re.compile(
    rf"(?<![\w-])(?:[Cc]elui|[Cc]elle|[Cc]eux|[Cc]elles)(?= (?:de la |de l{A}|du |des )[A-ZÀ-Ý])"
)
# A title in the plural names several ministers: "les ministres de l’Éducation et de
# l’Intérieur Jean-Michel Blanquer et Christophe Castaner", "X et Y, ministres de …".
PLURAL_TITLE = re.compile(
    rf"(?:[Vv]ice-)?(?:[Pp]remiers |[Pp]remières )?[Mm]inistres(?![\w-])|[Ss]ecrétaires d{A}[ÉE]tat"
)
# Between two names of one list ("X et Y", "X, Y et Z").
COORDINATION = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:et[ \u00a0]+)?|et[ \u00a0]+)")
# Deputies' titles: their words are a role's (not entities) and the name after them is a
# person's, but a deputy is not a minister ("le vice-ministre de la Santé Iraj Harirchi", "le
# ministre adjoint de la Santé", "le sous-secrétaire d’État …").
DEPUTY_TITLE = re.compile(
    rf"(?<![\w-])(?:[Vv]ice-[Mm]inistres?|[Mm]inistres?[- ][Aa]djointe?s?"
    rf"|[Ss]ous-[Ss]ecrétaires? d{A}[ÉE]tat)(?![\w-])"
)
# Titles that need a country in the role to be a government office: "président du Conseil
# italien" is the Italian head of government, "président du Conseil national" is not.
TITLE_NEEDS_COUNTRY = re.compile(r"[Pp]résident(?:e)? du [Cc]onseil")
# Heads of government (not their deputies): one per government.
HEAD_OF_GOVERNMENT = re.compile(
    r"(?<![\w-])(?:(?:[Pp]remier|[Pp]remière) [Mm]inistre|PM|[Cc]hef(?:fe)? du [Gg]ouvernement"
    r"|[Pp]résident(?:e)? du [Gg]ouvernement|[Mm]inistre-[Pp]résident(?:e)?"
    r"|(?<!-)[Cc]hancel(?:ier|ière))"
)
# The first portfolio of a minister ("ministre des Affaires étrangères, de …" → "Affaires
# étrangères"): one holder per government.
PORTFOLIO = re.compile(
    rf"(?<![\w-])[Mm]inistre(?: d{A}[ÉE]tat)?(?:,? [Mm]inistre)? (?:de la |de l{A}|du |des |d{A})"
    rf"([A-ZÀ-Ý][\w’'-]*(?: [a-zà-ÿ][\w’'-]*)?)"
)
# Words before a title that make it a former or future office ("l’ancien ministre").
NOT_SITTING = re.compile(
    r"(?:ancien(?:ne)?s?|ex-?|futur(?:e)?s?|feu|défunt(?:e)?|éphémère)\s*$", re.I
)
# Words ending a role phrase that make it a former office ("le Premier ministre de l’époque").
FORMER_AFTER = re.compile(rf"(?<![\w-])(?:de l{A}époque|d{A}alors|à l{A}époque)$")
# A dismissal right after a role phrase: the office has ended ("le ministre de la Santé limogé
# mi-avril"). The words also end the role phrase.
_DISMISSED_STEMS = ("limogé", "évincé", "destitué", "congédié", "démis")
DISMISSED_WORDS = frozenset(w + e for w in _DISMISSED_STEMS for e in ("", "e", "s", "es"))
DISMISSED = re.compile(rf"[ \u00a0,]*(?:{'|'.join(_DISMISSED_STEMS)})(?:e|s|es)?(?![\w-])")
# A period that has ended, right after a role phrase: "ministre de 2012 à 2017", "ministre de
# la Santé jusqu’en mai 2012".
PAST_PERIOD = re.compile(
    rf"[ \u00a0]*(?:(?:de|entre)[ \u00a0]+\d{{4}}[ \u00a0]+(?:à|et)[ \u00a0]+\d{{4}}"
    rf"|jusqu{A}(?:en|au|à)[ \u00a0]+(?:[a-zéû]+[ \u00a0]+)?\d{{4}})"
)
# Words before a title that make it part of a body's name ("le Conseil des ministres") or
# another office ("le grand chancelier").
NOT_A_TITLE_BEFORE = re.compile(
    r"(?:[Cc]onseils?|[Cc]onférences?|[Rr]éunions?|[Cc]omités?|[Cc]ollège) (?:des|de) $"
    r"|[Gg]rande? $"  # "le grand chancelier de la Légion d’honneur"
)
# Titles that contain "ministre"/"secrétaire" but are not ministers: checked at the title
# ("ministre plénipotentiaire", "secrétaire d’État adjoint"); "ministre-conseiller",
# "sous-secrétaire" and "secrétaire général" are not titles at all.
NOT_MINISTER_TITLES = re.compile(
    rf"ministre-conseill|ministres? plénipotentiaires?|secrétaire général"
    rf"|chancel(?:ier|ière)s? (?:de l{A}université|des universités|de la Légion|de l{A}[Oo]rdre)"
    rf"|secrétaires? d{A}[ÉE]tat (?:[a-zé]+ )?adjointe?s?",
    re.I,
)
# Connectors between a portfolio's parts: "des Affaires étrangères, de la Coopération africaine
# et des Marocains résidant à l’étranger", "délégué auprès de la ministre …, chargé du Budget".
PORTFOLIO_START = re.compile(
    rf"\s*(?:,\s*)?(?:(?:et\s+)?(?:de la|de l{A}|du|des|de|d{A}|à la|au|aux)\s+"
    rf"|(?:délégué(?:e)?|déléguée)\s+|(?:chargé(?:e)?s?|en charge)\s+(?:de la|de l{A}|du|des|de|d{A})\s*"
    rf"|auprès\s+(?:de la|de l{A}|du|des|de)\s+)"
)

# After a portfolio's capitalised noun, "pour" and an article then a common noun go on with the
# portfolio ("chargé de l’Accord pour la paix et la réconciliation nationale"); elsewhere "pour"
# ends a role ("le ministre pour sa part").
PORTFOLIO_PURPOSE = re.compile(rf"\s+(?:la|le|les|l{A})\s*[a-zà-ÿ]")
# A verb in the imperfect ends a role ("Le Premier ministre répondait au patron des députés");
# the few nouns with that ending do not.
IMPERFECT = re.compile(r"[a-zéèêàâîôûç]{3,}(?:ait|aient)")
NOUNS_IN_AIT = frozenset("attrait extrait portrait retrait souhait trait".split())
# "par" ends a role ("nommé chef du gouvernement par Vladimir Poutine") but in "par intérim".
INTERIM = re.compile(r"\s+intérim(?![\w-])")

# Words that end a role phrase (verbs, relative pronouns, days, prepositions of the sentence);
# they are not part of an institution's name either.
ROLE_STOPWORDS = frozenset(
    """a ont est sont était étaient avait avaient sera seront sont s’est se s’ qui que qu’ dont
    lors pour dans sur selon après avant depuis puis jusqu’ jusqu’à jusqu' lundi mardi mercredi jeudi vendredi samedi dimanche hier mais
    tandis lorsque lorsqu’ quand car puisque puisqu’ alors devant
    doit doivent va vont vient a-t-il a-t-elle estime juge rappelle rappelé souligné annoncé
    déclaré affirmé indiqué précisé présenté reçu salué plaide entend devrait pourrait""".split()
)
# Words that end a role phrase but may be part of a body's name: possessives, pronouns,
# indefinite articles ("le ministre et son homologue", "en Conseil des ministres un projet").
ROLE_ENDS = (
    ROLE_STOPWORDS
    | DISMISSED_WORDS
    | frozenset(
        """son sa ses leur leurs notre nos il elle ils elles ce cette ces un une où
    aujourd’hui demain désormais également aussi encore respectivement comme par""".split()
    )
)
# Lower-case words that continue a portfolio before its next capitalised word.
ROLE_FUNCTION_WORDS = frozenset(
    "de des du d’ d' la le les l’ l' et à au aux auprès chargé chargée chargés chargées délégué déléguée délégués avec en".split()
)
# What may follow a comma inside a portfolio ("…, de la Coopération africaine", "…, chargé du").
ROLE_CONTINUATION = re.compile(
    r"(?:de la|de l’|de l'|du|des|de|d’|d'|et de|et du|et des|chargée?s?|déléguée?s?|porte-parole|en charge)(?![\w’'])"
)
# "et" and an article start another noun phrase, not a portfolio part ("le ministre de
# l’Intérieur et le chef de la diplomatie"), except after "entre" ("l’Égalité entre les femmes
# et les hommes").
NEW_PHRASE_AFTER_AND = re.compile(rf"\s*(?:les?|la|l{A})(?![\w’'])")
# Between two titles of one person: "vice-Premier ministre et ministre des Affaires
# étrangères", "ministre d’État, ministre de l’Agriculture", "Premier ministre, chef du
# gouvernement".
TITLES_JOINED = re.compile(r"\s*,?\s+et\s+|\s*,\s*")
# A person named right after a title: "le Premier ministre Bart De Wever", "la ministre danoise
# du Numérique, Caroline Stage Olsen", "…, cheikh Mohammed ben Abderrahmane Al Thani".
_PARTICLE = "|".join(sorted((re.escape(p) for p in NAME_PARTICLES), key=len, reverse=True))
# a capitalised word, or one with an Arabic article or patronymic joined by a hyphen
# ("al-Rabiah", "ben-Ali")
_CAP_WORD = r"(?:(?:al|el|ad|ar|as|at|ash|ben|bin|ibn|abu|abou|ould)-)?[A-ZÀ-ÖØ-ÞŒ][\w’'-]+"
NAME_AFTER_TITLE = re.compile(
    rf"{_SP}*(,)?{_SP}+(?:{HONORIFIC}{_SP}+)*(?!{HONORIFIC}{_SP})"
    rf"({_CAP_WORD}(?:{_SP}+(?:(?:{_PARTICLE}){_SP}+)?{_CAP_WORD}){{1,4}})"
)
# A person named right after an abbreviated honorific (press.HONORIFIC_ABBREVIATIONS), even by
# the surname alone: "M. Attaf", "Mme Dati", "Me Jean Dupont" (the honorific is not the name).
NAME_AFTER_HONORIFIC = re.compile(
    rf"(?<![\w.]){HONORIFIC_ABBREVIATION}[ \u00a0]+"
    rf"({_CAP_WORD}(?:{_SP}+(?:(?:{_PARTICLE}){_SP}+)?{_CAP_WORD}){{0,3}})"
)
_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier)"
# Between a role phrase and the name after it ("ministre de l’Intérieur, Abdelouafi Laftit",
# "…, le prince Fayçal ben Farhane", "…, le Commandant Ismaël Sombié", "…, le social-démocrate
# Hubertus Heil", "Nommé ministre de l’Économie en 2017, Bruno Le Maire", "(la ministre de la
# Justice) Nicole Belloubet", "d’autres ministres comme Bruno Le Maire et Gérald Darmanin",
# "Ministre du Tourisme depuis le 15 août, Renzo Gracie").
SEP_AFTER = re.compile(
    rf"(?:{_SP}+(?:(?:en|depuis|dès){_SP}+(?:\d{{4}}|le{_SP}+\d{{1,2}}(?:er)?{_SP}+[a-zéû]+(?:{_SP}+\d{{4}})?)|{_DAY}))?{_SP}*\)?{_SP}*(?:comme{_SP}+)?(?:,{_SP}*(?:(?:le|la|l{A}){_SP}*[a-zé][\w-]*{_SP}+)?)?{_SP}*(?:{HONORIFIC}{_SP}+)*"
)
# A verb giving a person the office named after it, in the present ("X a été nommé ministre de
# …", "X est le nouveau ministre de …", "X devient Première ministre"; "X a été ministre" and
# "X avait été nommé" are past offices: not read).
_APPOINTED = (
    r"(?:nommée?|désignée?|reconduite?|promue?|confirmée?|choisie?|élue?|investie?|installée?)"
    rf"(?:{_SP}+{_DAY})?(?:{_SP}+(?:au poste de|comme|en tant que))?"
)
PREDICATE_BEFORE = (
    rf"{_SP}+(?:(?:a{_SP}+été|est|vient{_SP}+d{A}être){_SP}+{_APPOINTED}"
    rf"|est(?:{_SP}+désormais)?|devient|redevient|reste|demeure)"
    rf"(?:{_SP}+(?:le|la|l{A}|un|une))?(?:{_SP}*(?:nouveau|nouvelle|actuel|actuelle|[a-z]+ième))?{_SP}*"
)
# Between a name and the role phrase after it ("Nasser Bourita, ministre de …", "X, le nouveau
# ministre de …", "Xavier Bettel (DP), ministre de …": a party in parentheses; "X (ministre de
# …)"; "X a été nommé ministre de …": :data:`PREDICATE_BEFORE`).
SEP_BEFORE = re.compile(
    r"(?:[ \u00a0]*\([^()\n.;:!?]{1,30}\))?(?:[ \u00a0]*\([ \u00a0]*|[ \u00a0]*,[ \u00a0]*(?:(?:par ailleurs|aussi|également|désormais|aujourd’hui|aujourd'hui|actuellement|l’autre|l'autre|actuel|actuelle|l’actuel|l’actuelle|lui-même|elle-même|nouveau|nouvelle|le nouveau|la nouvelle|le|la)[ \u00a0,]+)*"
    rf"|{PREDICATE_BEFORE}"
    # "Antonio Tajani, vice-président du Conseil et ministre des Affaires étrangères": another
    # office of the same person, joined by "et" without an article
    r"|[ \u00a0]*,[ \u00a0]*[a-zé][\w’'-]*(?:[ \u00a0]+[\w’'-]+){0,7}[ \u00a0]+et[ \u00a0]+)"
)
# What may follow a role phrase in apposition to the name before it and stay in the apposition
# ("X, le ministre de l’Intérieur, a dit", "…, le ministre qui …", "…, le ministre de la Justice
# de la région où le scandale a éclaté"): a relative pronoun; otherwise a finite verb or a
# reflexive pronoun before the next punctuation makes the role the subject of a new clause
# ("… d’Emmanuel Macron, le ministre des Affaires étrangères se serait exprimé").
APPOSITION_RELATIVE = re.compile(rf"[ \u00a0]*(?:qui|que|qu{A}|dont|où)(?![\w’'])")
APPOSITION_SEGMENT = re.compile(r"[^,.;:!?»…\n]{0,80}")
REFLEXIVE_PRONOUNS = frozenset({"se", "s’", "s'"})
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
        "première ministre",
        "vice-premier ministre",
        "conseiller fédéral",
        "conseillère fédérale",
        "secrétaire d’état",
        "chef du gouvernement",
        "cheffe du gouvernement",
        "ministre d’état",
    }
)
# Titles of the Swiss federal government.
SWISS_TITLE = re.compile(
    r"[Cc]onseill(?:er|ère) fédéral|[Dd]épartement fédéral|(?<!\w)(?:DFAE|DFI|DFJP|DDPS|DFF|DEFR|DETEC)(?!\w)"
)
