"""French press grammar used by the entity layer: titles, determiners, institution heads.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``). Forms use the
typographic apostrophe ’ (texts are normalised before they reach the entity layer; a straight
apostrophe in raw text is accepted too: the patterns allow both).
"""

from __future__ import annotations

import re

A = "[’']"  # apostrophe, typographic or straight

# Determiners and elided articles stripped from the start of a mention ("l’ONU" → "ONU").
LEADING_DETERMINERS = re.compile(
    rf"^(?:l{A}|d{A}|L{A}|D{A}|(?:le|la|les|du|des|au|aux|de la|de l{A}|de|Le|La|Les|Du|Des|Au|Aux)\s+)"
)
# Articles stripped from the start of a person mention; "de", "du", "Le" may be particles of
# the name ("de Montchalin", "Le Maire") and stay.
PERSON_ARTICLES = re.compile(rf"^(?:l{A}|L{A}|(?:le|la|les|Les)\s+)")
# Honorifics and functions stripped from the start of a person mention.
PERSON_PREFIXES = re.compile(
    r"^(?:(?:M\.|MM\.|Mme|Mmes|Mlle|Me|Dr|Pr|Mgr|Sa Majesté|S\.M\.|SM|Son Excellence|S\.E\.)\s+"
    r"|(?:le |la |l’|l')?(?:roi|reine|prince|princesse|président|présidente|ministre|général|"
    r"colonel|commandant|cheikh|émir|sultan|pape|cardinal|imam|maître|docteur|professeur)\s+)+"
)

# Words whose capitalised form starts an institution name ("Conseil des ministres"): head
# noun → kind. The name continues over "de/des/du/d’/aux/pour les/et de…" complements.
INSTITUTION_HEADS = {
    # state bodies and intergovernmental organisations
    **dict.fromkeys(
        """Agence Assemblée Autorité Banque Bureau Caisse Chambre Comité Commissariat Commission
        Conseil Cour Délégation Département Direction Gendarmerie Gouvernement Haut-Commissariat
        Inspection Ministère Office Organisation Parlement Parquet Police Préfecture Présidence
        Secrétariat Sénat Service Services Sûreté Tribunal Trésor Cabinet ministère""".split(),
        "institution",
    ),
    # companies, federations, parties, museums, cultural institutes, NGOs
    **dict.fromkeys(
        """Académie Association Centre Club Compagnie Confédération Fédération Fondation Groupe Institut
        Ligue Mouvement Musée Observatoire Parti Syndicat Société Union""".split(),
        "organization",
    ),
}
# Heads of named facilities (LOC: "Stade Prince Moulay Abdellah", "Complexe Mohammed VI de
# football") and events (MISC: "Festival international du film de Marrakech"), completed the
# same way when the model found their start.
FACILITY_HEADS = frozenset(
    "Stade Complexe Palais Parc Hôtel Château Aéroport Port Pont Gare Hôpital Théâtre Arène Cathédrale Mosquée Basilique".split()
)
EVENT_HEADS = frozenset(
    "Festival Coupe Championnat Salon Forum Biennale Jeux Mondial Semaine Journée Sommet Conférence Saison".split()
)
# Adjectives without a tell-tale ending that often occur in names.
OTHER_ADJECTIVES = frozenset(
    "arabe arabes berbère amazighe russe russes belge belges suisse suisses turc turque grec grecque kurde public publique publics publiques civil civile civils libre libres supérieur supérieure mondial unies unis uni unie".split()
)
# Prepositions that continue an institution name, and the articles that may follow them.
NAME_PREPOSITIONS = ("de", "des", "du", "d’", "d'", "aux", "pour", "et", "à")
NAME_ARTICLES = ("la", "le", "les", "l’", "l'")
# Lower-case adjectives inside institution names ("générale", "nationale", "fédéral"):
# recognised by their endings, since the entity layer runs without a tagger.
ADJECTIVE_ENDINGS = (
    "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ien", "ienne", "iens", "iennes",
    "ique", "iques", "aire", "aires", "if", "ive", "ifs", "ives", "ais", "aise", "aises", "ain",
    "aine", "ains", "aines", "ois", "oise", "oises", "eur", "eure", "eurs", "eures", "unies", "unis",
    "uni", "unie", "é", "ée", "és", "ées", "in", "ine", "ins", "ines", "an", "ane", "ans", "anes",
    "ier", "ière", "iers", "ières", "ième", "ère", "ères",
)  # fmt: skip

# Generic lower-case heads that are not part of a place name ("le lac Léman" → "Léman").
GENERIC_PLACE_HEADS = frozenset(
    """lac fleuve rivière mont monts île îles place rue avenue boulevard quartier gisement champ
    région province département ville village port aéroport baie golfe mer océan désert vallée
    plaine détroit canal cap col massif plateau presqu’île péninsule""".split()
)

# Capitalised words that are never a named entity on their own (role words, common nouns
# that the model often tags after a capital): checked after the gazetteers.
NOT_ENTITIES = frozenset(
    """Royaume État États Etat Etats Gouvernement Exécutif Premier Ministre Président Présidente
    Sud Nord Est Ouest Parlement Conseil Commission Chambre Cour Assemblée Sénat Cap Plan
    Budget Dette Défense Soutien Culture Économie Finances Intérieur Justice Santé Sports
    Monsieur Madame Mme M. Etat-major""".split()
)

# --------------------------------------------------------------------------- ministers
# A minister's title, as written before or after the name. The portfolio that follows is
# read by the entity layer (see newsnlp.entities).
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
