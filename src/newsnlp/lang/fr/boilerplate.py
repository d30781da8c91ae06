"""French news-page structure: the few patterns the cleaner (:mod:`newsnlp.text.clean`) reads.

Language data kept apart from the algorithm (as spaCy does in ``spacy/lang/fr/``). What is left
here is structural, not a list of lines seen on some page:

* :data:`DATE_TIME` — how dates and times are written, which a line *feature* measures;
* :data:`RELATED_LINK` / :data:`RELATED_HEADER` — the labels of related-article links and
  blocks ("Lire aussi : <title>", "À lire aussi" followed by titles), which decide what the
  *next* lines are;
* :data:`SECTION_NAMES` — rubric names, removed above the title;
* :data:`LEDE_STARTERS` — where a teaser's title ends and its lede begins.

Every other kind of page furniture (reading time, dates, bylines, share bars, comment forms,
newsletter prompts, captions, tags…) is recognised by the fitted line scorer from its features
(:mod:`newsnlp.text.features`, word classes in :mod:`newsnlp.lang.fr.page_words`). Patterns are
matched against one normalised line (apostrophes already ``’``, spaces collapsed, stripped).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    "|décembre|decembre|janv\\.?|févr\\.?|avr\\.?|juil\\.?|sept\\.?|oct\\.?|nov\\.?|déc\\.?"
)
DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
#: A date or a time of day written with digits, as pages print them: "18/11/2025",
#: "2025-12-02", "14 janvier 2025", "1er mars", "16:45", "11h42", "17 h 04", "5 h 12 HNE",
#: "(il y a) 2 heures". Every
#: match starts with a digit, the pattern too (so the search skips to digits). The line features measure how much
#: of a line such expressions cover, with :data:`DATE_WORDS`.
DATE_TIME = re.compile(
    rf"\d(?<![\w/.:-]\d)(?:\d?(?:er)?\s+(?:{MONTHS})(?:\s+\d{{4}})?(?!\w)"
    r"|\d?[/.-]\d{1,2}[/.-]\d{2,4}(?!\w)|\d{3}-\d{2}-\d{2}(?!\w)"
    r"|\d?\s?(?:h|:|H)\s?\d{0,2}(?:\s?(?:min|mn))?(?:\s?[A-Z]{2,4})?(?!\w))"
    r"|\d(?<=il y a \d)\d*\s*\w+",
    _I,
)
#: Words that date a line without digits: days of the week, "hier", "aujourd’hui", "heures"
#: ("il y a 2 heures").
DATE_WORDS = frozenset(f"{DAYS.replace('|', ' ')} hier aujourd hui heures heure".split())
RELATED_HEADS = (
    r"(?:à |a )?lire (?:aussi|également|egalement|encore)|(?:à |a )?voir (?:aussi|également)"
    r"|sur le même sujet|dans la même rubrique|(?:nos )?articles? (?:similaires|liés|associés|recommandés)"
    r"|(?:à |a )?découvrir (?:aussi|également)|vous aimerez (?:aussi|également)|les plus lus"
    r"|ces articles (?:pourraient|peuvent) vous intéresser|lire la suite|(?:à |a )?écouter aussi"
    r"|(?:à |a )?regarder aussi|(?:nos |les )?dernières? (?:actualités|articles)|plus d’articles"
    r"|(?:en|dans) relation|sélectionné pour vous|recommandé pour vous"
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


def __getattr__(name: str) -> object:
    if name == "LINE_RULES":
        raise AttributeError(
            "newsnlp.lang.fr.boilerplate.LINE_RULES was removed: lines are no longer matched "
            "against phrases but scored from their features (newsnlp.text.features, word classes "
            "in newsnlp.lang.fr.page_words); newsnlp.text.classify.line_reason(line) gives a "
            "line's reason"
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
