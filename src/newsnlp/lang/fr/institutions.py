"""French grammar of institution names, as the entity layer reads them.

Language data kept apart from the algorithm (as spaCy keeps ``spacy/lang/fr/``). An institution
name is a capitalised head ("Conseil", "Direction", "Stade"), adjectives ("générale",
"national") and complements ("des droits de l’homme", "pour les réfugiés").

Examples
--------
>>> INSTITUTION_HEADS["Conseil"], INSTITUTION_HEADS["Fédération"]
('institution', 'organization')
>>> "générale".endswith(ADJECTIVE_ENDINGS), ACRONYM_AFTER.match(" (DGSI)").group(1)
(True, 'DGSI')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ACRONYM_AFTER",
    "ACRONYM_FORM",
    "ADJECTIVE_ENDINGS",
    "ADJECTIVE_LEMMA_SUFFIXES",
    "ADJECTIVE_PREFIXES",
    "ARTICLES_BEFORE_HEAD",
    "BARE_HEADS",
    "COMPLEMENT_PRENOMINALS",
    "CURRENCY_BEFORE",
    "DETERMINER_WORDS",
    "EVENT_HEADS",
    "FACILITY_HEADS",
    "INSTITUTION_HEADS",
    "INTERNATIONAL",
    "LAW_NAME",
    "NAME_ARTICLES",
    "NAME_PREPOSITIONS",
    "NAME_WORDS_BEFORE_ACRONYM",
    "NOT_ADJECTIVES",
    "NOT_STATE_BODY",
    "ORGANISATION_BEFORE",
    "ORGAN_OF_ACRONYM",
    "OTHER_ADJECTIVES",
    "OTHER_PREPOSITIONS",
    "PARTICIPLE_COMPLEMENTS",
    "PARTICIPLE_ENDINGS",
    "PARTICIPLE_GENITIVES",
    "PEOPLE_ENDINGS",
    "PLACE_BEFORE",
    "PORTFOLIO_HEADS",
    "PRENOMINAL_ADJECTIVES",
    "PUBLIC_WHEN_NATIONAL",
    "SMALL_NAME_WORDS",
    "STATE_ADJECTIVES",
    "YEAR_AFTER",
]

# Words whose capitalised form starts an institution name ("Conseil des ministres"): head
# noun → kind. The name continues over "de/des/du/d’/aux/pour les/et de…" complements.
INSTITUTION_HEADS = {
    # state bodies and intergovernmental organisations
    **dict.fromkeys(
        """Agence Assemblée Autorité Banque Bureau Caisse Chambre Comité Commissariat Commission
        Conseil Cour Délégation Département Direction Gendarmerie Gouvernement Haut-Commissariat
        Inspection Ministère Office Organisation Parlement Parquet Police Préfecture Présidence
        Secrétariat Sénat Service Services Sûreté Tribunal Trésor Cabinet ministère Force Forces
        Armée Garde Douane Douanes Établissement""".split(),
        "institution",
    ),
    # companies, federations, parties, museums, cultural institutes, NGOs
    **dict.fromkeys(
        """Académie Association Centre Club Compagnie Confédération Fédération Fondation Groupe Institut
        Ligue Mouvement Musée Observatoire Parti Syndicat Société Union Alliance Coalition
        Collectif Front Rassemblement Réseau""".split(),
        "organization",
    ),
}
# The press often leaves capitals unaccented ("Etablissement", "Etat"): those forms too.
INSTITUTION_HEADS.update(
    {
        unicodedata.normalize("NFD", head[0])[0] + head[1:]: kind
        for head, kind in list(INSTITUTION_HEADS.items())
        if not head[0].isascii()
    }
)
# Heads of named facilities (LOC: "Stade Prince Moulay Abdellah", "Complexe Mohammed VI de
# football") and events (MISC: "Festival international du film de Marrakech"), completed the
# same way when the model found their start.
FACILITY_HEADS = frozenset(
    "Stade Complexe Palais Parc Hôtel Château Aéroport Port Pont Gare Hôpital Théâtre Arène Cathédrale Mosquée Basilique".split()
)
EVENT_HEADS = frozenset(
    "Festival Coupe Championnat Salon Forum Biennale Jeux Mondial Semaine Journée Sommet Conférence Saison".split()
)
# Heads whose name coordinates portfolios: "ministère de l’Économie et des Finances" is one
# ministry (elsewhere, "… et de la Surveillance du territoire" starts another body).
PORTFOLIO_HEADS = frozenset({"Ministère", "ministère"})
# Adjectives written before a head ("Haut Conseil", "Haute Cour", "Grand Conseil").
PRENOMINAL_ADJECTIVES = frozenset("Haut Haute Hauts Hautes Grand Grande Nouveau Nouvelle".split())
# Adjectives written before the noun of a complement ("Haute Autorité pour la bonne
# gouvernance", "Agence pour la petite enfance"): the name goes on to the noun.
COMPLEMENT_PRENOMINALS = frozenset(
    """bon bonne bons bonnes grand grande grands grandes haut haute hauts hautes petit petite
    petits petites nouveau nouvel nouvelle nouveaux nouvelles jeune jeunes meilleur meilleure
    meilleurs meilleures""".split()
)
# Prefixes of invariable adjectives that the lexicon lacks ("Commission nationale
# anticorruption", "brigade antidrogue").
ADJECTIVE_PREFIXES = ("anti",)
# Heads that name a country's one body when written alone with a capital inside a sentence
# ("le président du Parlement", "l’Assemblée a voté"), outside a minister's title ("chargé
# des Relations avec le Parlement").
BARE_HEADS = frozenset("Parlement Assemblée Congrès Primature Présidence".split())
# Prepositions that may go on inside a name although the grammar does not read them ("Centre
# de prévention et de lutte contre les maladies"): the model's longer name is kept.
OTHER_PREPOSITIONS = frozenset("contre sur sous avec par entre dans chez vers envers".split())
# Articles and contractions before a bare head.
ARTICLES_BEFORE_HEAD = frozenset("le la l’ l' du au".split())
# Prepositions that continue an institution name, and the articles that may follow them.
NAME_PREPOSITIONS = ("de", "des", "du", "d’", "d'", "aux", "pour", "et", "à")
NAME_ARTICLES = ("la", "le", "les", "l’", "l'")
# Determiners, quantifiers and ordinals that end a name's complement ("… de ses partenaires",
# "… et des premiers contingents"): not a name.
DETERMINER_WORDS = frozenset(
    """ce cet cette ces son sa ses leur leurs un une plusieurs tous toutes notre nos votre vos
    premier première premiers premières dernier dernière derniers dernières autre autres
    nombreux nombreuses certains certaines quelques divers diverses différents différentes
    deux trois quatre cinq six sept huit neuf dix cent cents mille""".split()
)

# ------------------------------------------------------------------------------ adjectives
# Adjectives without a tell-tale ending that often occur in names.
OTHER_ADJECTIVES = frozenset(
    "arabe arabes berbère amazighe russe russes belge belges suisse suisses turc turque grec grecque kurde public publique publics publiques civil civile civils libre libres supérieur supérieure mondial unies unis uni unie".split()
)
# Endings of the masculine plural nouns naming a people or a town's inhabitants ("les
# Tchétchènes", "les Parisiens", "des Hongkongais", "les Ottomans", "les Moscovites"); "les
# Caraïbes", "les Invalides", "Valenciennes" are places.
PEOPLE_ENDINGS = ("ais", "ois", "iens", "ains", "ans", "ites", "ènes", "ards")
# Lower-case adjectives inside institution names ("générale", "nationale", "fédéral"):
# recognised by their endings, since the entity layer runs without a tagger.
ADJECTIVE_ENDINGS = (
    "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ien", "ienne", "iens", "iennes",
    "ique", "iques", "aire", "aires", "if", "ive", "ifs", "ives", "ais", "aise", "aises", "ain",
    "aine", "ains", "aines", "ois", "oise", "oises", "eur", "eure", "eurs", "eures", "unies", "unis",
    "uni", "unie", "é", "ée", "és", "ées", "in", "ine", "ins", "ines", "an", "ane", "ans", "anes",
    "ier", "ière", "iers", "ières", "ième", "ère", "ères", "eux", "euse", "euses", "ète", "ètes",
    "ant", "ante", "ants", "antes", "ent", "ente", "ents", "entes", "able", "ables", "ible",
    "ibles", "iste", "istes", "ome", "omes",
)  # fmt: skip
# Words with an adjective's ending that are not adjectives.
NOT_ADJECTIVES = frozenset(
    """dans sans avant pendant selon mais puis ainsi aussi bien lui ont sont sera était avait
    avaient seront afin alors moins plus très tout tous toute toutes chez vers entre contre
    parmi depuis durant malgré sein main""".split()
)
# Inflected ending → masculine-singular ending (générales → général, étrangères → étranger).
ADJECTIVE_LEMMA_SUFFIXES = (
    ("s", ""),
    ("x", ""),
    ("e", ""),
    ("es", ""),
    ("aux", "al"),
    ("elle", "el"),
    ("elles", "el"),
    ("enne", "en"),
    ("ennes", "en"),
    ("ive", "if"),
    ("ives", "if"),
    ("euse", "eux"),
    ("euses", "eux"),
    ("ère", "er"),
    ("ères", "er"),
    ("que", "c"),
    ("ques", "c"),
    ("ète", "et"),
    ("ètes", "et"),
    ("onne", "on"),
    ("onnes", "on"),
    ("sse", "s"),
    ("sses", "s"),
    ("che", "c"),
    ("ches", "c"),
)
# A past participle followed by its complement ends the name: "la commission du Conseil
# national chargée d’examiner".
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
PARTICIPLE_COMPLEMENTS = frozenset(
    {"de", "d’", "d'", "à", "par", "pour", "en", "sur", "dans", "avec"}
)
#: Of those, the ones that may go on a name with a place ("Église réformée de France"); the
#: others open a phrase after the name ("l’Armée de terre italienne basée à Venise").
PARTICIPLE_GENITIVES = frozenset({"de", "d’", "d'"})

# ------------------------------------------------------------------------------ after the name
# The year of an event: "Mondial 2030", "Coupe du monde 2030".
YEAR_AFTER = re.compile(r"[ \u00a0]+((?:19|20)\d\d)(?!\d)")
# An acronym defined after the name: "Direction générale de la sécurité intérieure (DGSI)".
ACRONYM_AFTER = re.compile(r"[ \u00a0]*\(([A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,9})\)")
# What may be an acronym in brackets: capitals ("PNH", "CEE-ONU") or a capitalised short word
# ("Finul", "Fecafoot", "Minsep"); the letters of the name before it decide.
ACRONYM_FORM = re.compile(r"[A-ZÀ-Ý](?:[A-Za-zÀ-ÿ0-9&]*[A-ZÀ-Ý0-9][A-Za-zÀ-ÿ0-9&-]*|[a-zà-ÿ]{2,9})")
# Small words of a name, folded: they may give the acronym a letter or not ("CEDEAO": "des").
SMALL_NAME_WORDS = frozenset(
    "de des du d la le les l et pour en au aux a sur dans of the and for on".split()
)
# Words that are not letters and may sit inside a name before its acronym ("AT&T").
NAME_WORDS_BEFORE_ACRONYM = frozenset({"&"})
# Bodies named like state institutions that are professional, private or sports
# organisations ("Comité national olympique", "Tribunal arbitral du sport").
NOT_STATE_BODY = re.compile(
    r"^Chambres? (?:de commerce|d’agriculture|d'agriculture|des métiers|d’industrie|d'industrie)|^Banque (?!centrale|de France|du Canada|mondiale|africaine|européenne|nationale)"
    r"|\b(?:olympiques?|sportif|sportive|sportifs|sport|sports|football|basket-ball|handball|rugby|athlétisme)\b"
)
# Adjectives that make these organisation heads a state body ("Institut national de la
# statistique", "Centre fédéral …"; a "Société nationale" stays a company).
STATE_ADJECTIVES = frozenset("national nationale fédéral fédérale public publique".split())
PUBLIC_WHEN_NATIONAL = frozenset("Institut Centre Observatoire".split())
# A gazetteer form "<organ with its own name> de l’<ACRONYM>" ("Conseil de sécurité de l’ONU"):
# two mentions, the organ and the organisation; a bare organ keeps it ("Conseil de l’UE").
ORGAN_OF_ACRONYM = re.compile(r"^\S+ .+? (?:de l’|de l'|de la |du |des |de )[A-Z]{2,}$")
# The name of a law, code, treaty or charter (MISC, as works and programmes): its French head
# first, an English one last ("Code pénal", "Pacte de stabilité", "Digital Services Act").
LAW_NAME = re.compile(
    r"^(?:Loi|Lois|Code|Pacte|Traité|Charte|Directive|Règlement)\b|[ \u00a0](?:Act|Treaty)$"
)
# Before a capitalised word, the name of a currency ("francs CFA"): not an entity.
CURRENCY_BEFORE = re.compile(r"\bfrancs?[ \u00a0]+$")
# A common noun (and an adjective) that introduces the name of a company, a medium, a party or
# a club: the name after it is an organisation's ("le quotidien Le Soleil", "la compagnie Air
# Madagascar", "le groupe minier Comilog", "le parti Pastef"; not "le constructeur de Molsheim",
# "partis en Californie").
ORGANISATION_BEFORE = re.compile(
    r"(?<![\w-])(?:quotidiens?|journal|journaux|hebdomadaires?|magazines?|chaînes?|radios?"
    r"|télévisions?|groupes?|compagnies?|sociétés?|entreprises?|constructeurs?|opérateurs?"
    r"|partis?|clubs?|syndicats?|ONG|associations?|fabricants?|géants?|firmes?|banques?"
    r"|mouvements?)(?:[ \u00a0]+(?!(?:de|du|des|le|la|les|en|au|aux|à|pour|par|sur|dans|avec"
    r"|et|ou|qui|que|un|une|chez|vers)[ \u00a0])[a-zé][\w-]*)?[ \u00a0]+$"
)
# A lower-case head of a site or a facility: the name after it, even a person's written in
# one word or with hyphens as streets and buildings are, names the place ("l’hôpital
# Aristide-Le-Dantec", "le boulevard Omar-Bongo", "le stade Abdoulaye-Wade"; not "place",
# "parc", "marché", which are verbs too: "le sondage place Stéphane Bern").
PLACE_BEFORE = re.compile(
    r"(?<![\w-])(?:stade|hôpital|clinique|aéroport|avenue|boulevard|rue|pont|port|barrage"
    r"|gare|prison|palais|quartier|mosquée|cathédrale|église|cimetière|rond-point"
    r"|carrefour)[ \u00a0]+$"
)
# Words of an international body's name (no home country).
INTERNATIONAL = re.compile(r"Nations unies|international|européen|africain|mondial|ONU", re.I)
