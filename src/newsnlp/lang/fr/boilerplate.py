"""French news-page boilerplate: the line patterns :mod:`newsnlp.clean` removes.

Language data kept apart from the algorithm (as spaCy does in ``spacy/lang/fr/``). Every
pattern is matched against one normalised line (apostrophes already ``’``, spaces collapsed,
stripped), case-insensitively, and must match the *whole* line unless noted. Patterns are
deliberately anchored and short-line-only so that a body paragraph that happens to mention
"abonnez-vous" or "cookies" is never dropped.

Each entry is ``(reason, pattern)``; the reason is what :class:`newsnlp.RemovedLine` reports.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    "|décembre|decembre|janv\\.?|févr\\.?|avr\\.?|juil\\.?|sept\\.?|oct\\.?|nov\\.?|déc\\.?"
)
DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_TIME = r"\d{1,2}\s?(?:h|:|H)\s?\d{0,2}(?:\s?(?:min|mn))?(?:\s?[A-Z]{2,4})?"
_DATE = (
    rf"(?:(?:{DAYS})\s+)?(?:\d{{1,2}}(?:er)?\s+(?:{MONTHS})(?:\s+\d{{4}})?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
_WHEN = rf"(?:le\s+)?(?:{_DATE}|aujourd’hui|hier|ce matin|ce soir|il y a \d+\s*\w+)(?:,?\s*(?:à|a|[-–|•])\s*{_TIME})?"
_SOCIAL = (
    "facebook|twitter|x|linkedin|whatsapp|messenger|pinterest|telegram|bluesky|threads|instagram"
    "|e-?mail|mail|courriel|flipboard|reddit|sms"
)
RELATED_HEADS = (
    r"(?:à |a )?lire (?:aussi|également|egalement|encore)|(?:à |a )?voir (?:aussi|également)"
    r"|sur le même sujet|dans la même rubrique|(?:nos )?articles? (?:similaires|liés|associés|recommandés)"
    r"|(?:à |a )?découvrir (?:aussi|également)|vous aimerez (?:aussi|également)|les plus lus"
    r"|ces articles (?:pourraient|peuvent) vous intéresser|lire la suite|(?:à |a )?écouter aussi"
    r"|(?:à |a )?regarder aussi|(?:nos |les )?dernières? (?:actualités|articles)|plus d’articles"
    r"|(?:en|dans) relation|sélectionné pour vous|recommandé pour vous"
)

LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, 0 if reason == "byline" else _I))
    for reason, pattern in (
        # "Temps de lecture : 3 minutes", "Lecture : 2 min", "Temps de Lecture 4 min.", "5 min de lecture"
        (
            "reading-time",
            r"(?:temps|durée|duree)?\s*(?:de\s+)?lecture\s*:?\s*(?:\d+|moins d’une?|une?)\s*"
            r"(?:min(?:ute)?s?|mn)\.?|(?:\d+|moins d’une?)\s*(?:min(?:ute)?s?|mn)\.?\s+de lecture\.?",
        ),
        # Dates and update stamps above or below the article, with an optional source before
        # them ("Orange avec AFP, publié le mardi 23 octobre 2018 à 09h30").
        (
            "date",
            rf"(?:[^\n,]{{1,40}},\s*){{0,3}}(?:publié|publiée|mis à jour|mise à jour|modifié|modifiée|actualisé|actualisée|posté|postée"
            rf"|paru|parue|dernière mise à jour|màj|maj|édité|mis en ligne)\s*(?:le|à|a|:)?\s*"
            rf"(?:{_WHEN}|{_TIME})"
            rf"(?:[,;|•·–-]\s*(?:mis à jour|modifié|actualisé|màj|maj)?\s*(?:le|à|a|:)?\s*"
            rf"(?:{_WHEN}|{_TIME}))*\.?",
        ),
        ("date", rf"{_WHEN}\.?"),
        # Bylines: "Par Claire Morvan", "Par la rédaction", "Propos recueillis par …". Case matters
        # for the names (the rule is compiled without IGNORECASE, keywords carry their own (?i:)).
        (
            "byline",
            r"(?i:par|by|propos recueillis par|textes?|rédaction|auteurs?|de notre"
            r" (?:envoyée?|correspondante?) spéciale?(?: à [^\n]{1,40})?)(?:\s*:\s*|\s+)"
            r"(?:(?i:la rédaction|l’équipe[^\n]{0,40})|(?:[A-ZÀ-Ý][\w’.-]*|de|d’|du|des|le|la|van|von|et|avec|,)"
            r"(?:\s+(?:[A-ZÀ-Ý][\w’.-]*|de|d’|du|des|le|la|van|von|et|avec|à|,)){0,9}"
            r"(?:\s*[,(–-]\s*[^\n]{0,40})?)",
        ),
        # Rubric labels and breadcrumbs: "Accueil > Monde > Afrique".
        ("section", r"accueil\s*[>›»/|][^\n]{0,200}"),
        # Share / print / comment prompts and social-network names standing alone.
        (
            "share",
            rf"(?:partager|partagez|partage)(?:\s+(?:sur|via|par|cet?|cette|l’|la|le|ce|les|article|page"
            rf"|{_SOCIAL}|\s)*)?[\s:]*|(?:{_SOCIAL})|copier le lien|lien copié|copier|imprimer"
            r"|version imprimable|envoyer(?: par (?:e-?mail|courriel))?|envoyer à un ami"
            r"|(?:ajouter|enregistrer) (?:à|aux) (?:mes )?favoris|sauvegarder(?: cet article)?"
            r"|suivez-nous(?: sur [^\n]{0,60})?|suivre|écouter(?: cet article)?(?: \d+ min)?"
            r"|offrir(?: cet article)?",
        ),
        (
            "comment",
            r"(?:\d+\s+)?commentaires?|\d+\s+réactions?|commenter|réagir|réagissez"
            r"|(?:voir|lire|afficher) les (?:\d+ )?(?:commentaires|réactions)"
            r"|(?:ajouter|laisser|écrire|poster) un commentaire[^\n]{0,40}"
            r"|vous avez (?:repéré|remarqué|constaté|relevé) une (?:erreur|faute|coquille)[^\n]{0,60}"
            r"|signaler (?:une erreur|un abus|un contenu)[^\n]{0,20}",
        ),
        # Subscription, newsletter and paywall notices.
        (
            "subscribe",
            r"(?:newsletter|lettre d’information|infolettre)\b[^\n]{0,200}"
            r"|(?:abonnez-vous|abonnez vous|abonnez-vous gratuitement|s’abonner|je m’abonne|inscrivez-vous"
            r"|s’inscrire|je m’inscris|recevez gratuitement|soutenez[^\n]{0,20}|déjà abonnée?)\b[^\n]{0,160}"
            r"|(?:cet article|ce contenu|la suite de cet article) est réservée? aux abonnés[^\n]{0,80}"
            r"|il vous reste \d+\s?% de (?:cet|l’)article à lire[^\n]{0,40}|article réservé aux abonnés"
            r"|(?:réservé|exclusivité|contenu) (?:aux )?abonnés|premium|se connecter|connectez-vous[^\n]{0,80}",
        ),
        # Copyright, credits, agency lines.
        (
            "copyright",
            r"(?:©|\(c\)|copyright)[^\n]{0,200}|[^\n]{0,120}tous droits réservés[^\n]{0,60}"
            r"|[^\n]{0,60}reproduction (?:interdite|réservée)[^\n]{0,60}",
        ),
        (
            "credit",
            r"(?:crédits?|crédit photo|photo|photos|illustration|source|sources|légende)"
            r"\s*:\s*[^\n]{0,80}|(?:avec\s+)?(?:afp|reuters|ap|belga|ats|map|aps|rfi|xinhua)"
            r"(?:\s*(?:et|/|,)\s*(?:afp|reuters|ap|belga|ats|map|aps))*",
        ),
        # Cookie and consent banners (whole line must be about cookies).
        (
            "cookie",
            r"[^\n]{0,200}\b(?:cookies?|traceurs)\b[^\n]{0,200}"
            r"(?:accept|consent|paramétr|param|refus|navigation|politique)[^\n]{0,200}"
            r"|(?:tout )?(?:accepter|refuser)(?: et (?:fermer|continuer))?|paramétrer les cookies",
        ),
        (
            "advertising",
            r"publicité|publicite|pub|contenu sponsorisé|sponsorisé|annonce|partenaire",
        ),
    )
)

# "Lire aussi : <title>" link, or a bare header ("À lire aussi") followed by related titles.
RELATED_LINK = re.compile(rf"(?:{RELATED_HEADS})\s*(?::|>|»|-|–|\|)\s*(?P<title>\S[^\n]*)", _I)
RELATED_HEADER = re.compile(rf"(?:{RELATED_HEADS})\s*[:>»|.…-]?", _I)

# Rubric names that are removed when they stand alone before the body (any case).
SECTION_NAMES = frozenset(
    """actualité actualités actu accueil afrique agriculture allemagne amérique amériques art arts
    asie auto automobile belgique bourse canada carnet chronique cinéma climat consommation
    culture débat débats décryptage défense diplomatie droit économie éco éducation édito
    éditorial élections emploi énergie enquête entreprises environnement europe exposition
    faits divers fait-divers famille finance finances france gastronomie géopolitique
    high-tech histoire immobilier industrie insolite international interview justice livres
    local maghreb maroc média médias météo monde musique mode nation national nations opinion
    opinions people planète police politique portrait régions région religion santé science
    sciences sécurité société sport sports suisse technologie tech télévision tendances
    tourisme tribune une vidéo vidéos voyage webtv""".split()
)

# Words that start a teaser's lede (the text glued to a related article's title: "…de
# l’ONULa Retraite…|"): where the title ends and the lede begins.
LEDE_STARTERS = frozenset(
    """le la les l un une des du de d ce cet cette ces il elle ils elles on au aux à a en dans
    selon après avant alors pour lors depuis face plus mais si c sur par avec entre quelques
    plusieurs deux trois quatre cinq nous vous son sa ses leur leurs tout toute tous toutes
    malgré comme quand dès cela ainsi lundi mardi mercredi jeudi vendredi samedi dimanche hier
    aujourd cinquante dix vingt trente cent mille certains certaines chaque nouvelle nouveau
    officiellement désormais""".split()
)
