"""French word classes of news-page furniture, read by the line features of the cleaner.

Language data kept apart from the algorithm (:mod:`newsnlp.text.features` computes the features,
:mod:`newsnlp.lang.fr.line_model` holds their fitted weights). These are *words*, never phrases:
a line is not removed because it matches an entry, but because its features together (how much
of it is page vocabulary, whether it addresses the reader, has a finite verb, a date, an icon…)
score it as furniture. Words are matched lower-cased, as whole tokens (``mots-clés``,
``abonnez-vous`` and ``e-mail`` are one token; an elided article is split off: ``d’articles`` →
``articles``).

Each class of :data:`PAGE_WORDS` is named after the reason a line mostly made of its words is
reported with (:attr:`newsnlp.RemovedLine.reason`). Words that are common in article text too
("annonce", "lecture", "temps", "avis", "compte", "offre") are left out on purpose: the features
must not fire on a heading such as "L’annonce du gouvernement".
"""

from __future__ import annotations

__all__ = [
    "AGENCIES",
    "CTA_VERBS",
    "FINITE_VERBS",
    "NOT_IMPERATIVE",
    "PAGE_NOUNS",
    "PAGE_WORDS",
    "PUBLISH_VERBS",
    "READER_WORDS",
    "SELF_DETERMINERS",
    "SUBJECT_CLITICS",
]

_CLASSES = {
    # the page's own controls and the networks it shares to
    "share": """partager partagez partage partages imprimer imprimez copier copiez copié favoris
        sauvegarder sauvegardez écouter écoutez tweet tweeter tweetez retweeter facebook twitter
        x linkedin whatsapp messenger telegram pinterest instagram bluesky threads tiktok youtube
        snapchat reddit flipboard mastodon sms e-mail email mail courriel""",
    # the comment form under the article
    "comment": """commentaire commentaires commenter commentez réaction réactions réagir
        réagissez modéré modérés modérée modérées modération signaler signalez signalez-la
        signalez-le signalez-nous obligatoires pseudo""",
    # newsletters, subscriptions, paywalls, accounts
    "subscribe": """newsletter newsletters infolettre infolettres abonné abonnés abonnée abonnées
        abonner abonnez abonnez-vous abonnement abonnements inscrire inscrivez inscrivez-vous
        inscription connecter connectez connectez-vous connexion identifiez-vous désabonner
        premium gratuitement offert soutenez soutenez-nous""",
    "advertising": "publicité publicite pub sponsorisé sponsorisée sponsorisés annonceurs",
    "cookie": "cookie cookies traceurs consentement paramétrer",
    # tag lines: "Mots-clés : Budget, Sénat", "Sujets : …"
    "tags": "tags tag mots-clés mots-clefs mot-clé étiquettes sujets thèmes thématiques",
    # photo captions and their credits
    "caption": "photo photos crédit crédits illustration légende dr",
    "copyright": "copyright réservés",
    "reading-time": "lecture min minute minutes mn",
    # headers of related-article blocks
    "related": "articles similaires recommandés rubrique",
}

#: Page vocabulary: word -> the reason of the class it belongs to.
PAGE_WORDS: dict[str, str] = {
    word: reason for reason, words in _CLASSES.items() for word in words.split()
}

#: Press agencies and photo agencies, as they sign a caption or a credit line.
AGENCIES = frozenset(
    """afp reuters ap map aps tap belga ats keystone epa getty sipa abaca maxppp xinhua anadolu
    dpa ansa efe istock shutterstock apa aip acp""".split()
)

#: Page actions in the infinitive, as a control or a call to action starts with them ("Lire
#: plus tard", "S’abonner", "Ajouter à mes favoris", "Laisser un commentaire").
CTA_VERBS = frozenset(
    """partager imprimer copier envoyer enregistrer sauvegarder télécharger écouter regarder
    lire commenter réagir signaler suivre abonner inscrire connecter ajouter laisser offrir
    accepter refuser fermer afficher charger cliquer découvrir retrouver recevoir rejoindre
    soutenir consulter activer gérer voir""".split()
)

#: Words ending in "-ez" that are not second-person imperatives.
NOT_IMPERATIVE = frozenset("chez assez nez rez lez suez".split())

#: The reader addressed by the page ("Votre adresse e-mail…", "Vous avez trouvé une erreur ?").
READER_WORDS = frozenset("vous votre vos".split())

#: Past participles that date a page ("Publié le …", "Mis à jour à …", "Modifié le …").
PUBLISH_VERBS = frozenset(
    """publié publiée posté postée modifié modifiée actualisé actualisée édité éditée paru
    parue mis mise màj maj""".split()
)

#: Finite forms of the commonest French verbs (auxiliaries, modals, reporting verbs): one of them
#: makes a line a sentence rather than a label, a caption or a control. Regular forms are
#: recognised by their endings (:mod:`newsnlp.text.features`).
FINITE_VERBS = frozenset(
    """a ai as ont avons avez avait avaient aura auront aurait auraient est sont suis es sommes
    êtes était étaient sera seront serait seraient fut furent soit soient fait font faisait
    fera feront ferait va vont allait ira iront irait peut peuvent pouvait pourra pourront
    pourrait doit doivent devait devra devront devrait veut veulent voulait voudrait faut
    fallait faudra faudrait dit disent disait dira prend prennent met mettent vient viennent
    venait viendra tient tiennent devient deviennent reste restent semble semblent paraît sait
    savent voit voient croit croient reçoit reçoivent estime estiment juge jugent annonce
    annoncent affirme affirment indique indiquent rappelle souligne assure explique précise
    déclare appelle""".split()
)

#: Subject pronouns and the particles before a conjugated verb ("il a", "on ne", "se montre").
SUBJECT_CLITICS = frozenset("il elle ils elles on je tu nous vous ne se s’ n’ qui".split())

#: What a page calls itself: with a demonstrative or a possessive before it ("cet article",
#: "ce site", "notre newsletter", "cette page"), the page speaks of itself, not of the news.
PAGE_NOUNS = frozenset("site article page contenu newsletter infolettre application appli".split())
#: The determiners that make a page noun the page itself.
SELF_DETERMINERS = frozenset("ce cet cette notre nos votre vos".split())
