"""The test newsroom of tests/related: fourteen articles in four topics, with a re-sent wire
and an updated story, and helpers comparing two indexes (imported by the tests of the package,
as ``tests/golden`` imports ``cases``)."""

from __future__ import annotations

import copy

import numpy as np

from newsnlp.related import Related, RelatedArticles

# A small newsroom: four topics of three articles, a re-sent wire and an updated story.
ARTICLES = [
    ("foot-1", "foot", "2024-03-03", "PSG-OM : Mbappé offre le Classique",
     "Le PSG a battu l'OM 3-0 au Parc des Princes dimanche soir. Kylian Mbappé a inscrit un "
     "doublé et le club parisien conforte sa place de leader de la Ligue 1."),
    ("foot-2", "foot", "2024-03-04", "L'OM s'incline au Parc",
     "Ligue 1 : l’Olympique de Marseille s’incline face au PSG. L’entraîneur de l’OM regrette "
     "une défaite lourde au Parc des Princes, où les supporters marseillais étaient absents."),
    ("foot-3", "foot", "2024-03-10", "Mbappé prolonge au PSG",
     "Mbappé prolonge son contrat avec le PSG jusqu’en 2025, annonce le club de la capitale. "
     "Le buteur de Ligue 1 reste à Paris malgré l'intérêt du Real Madrid."),
    ("eu-1", "europe", "2024-04-10", "Le pacte migratoire adopté",
     "Le Parlement européen a adopté mercredi le pacte sur la migration et l’asile, après des "
     "années de négociations entre les États membres de l'Union européenne."),
    ("eu-2", "europe", "2024-04-11", "Migration : vote à Strasbourg",
     "Migration : les députés européens votent le pacte sur l’asile à Strasbourg. Les ONG "
     "dénoncent un texte qui durcit les contrôles aux frontières de l'Union."),
    ("eu-3", "europe", "2024-04-20", "Asile : les Vingt-Sept divisés",
     "Les Etats membres de l’Union européenne restent divisés sur l’accueil des demandeurs "
     "d’asile. La Commission européenne défend le pacte sur la migration."),
    ("sncf-1", "rail", "2024-05-02", "Grève à la SNCF",
     "Grève à la SNCF : le trafic des TGV et des TER fortement perturbé jeudi. Les syndicats de "
     "cheminots protestent contre la réforme ferroviaire."),
    ("sncf-2", "rail", "2024-05-03", "Les cheminots reconduisent la grève",
     "Les cheminots reconduisent la grève. La SNCF prévoit un TGV sur trois et peu de TER ce "
     "week-end, les voyageurs sont invités à reporter leur trajet."),
    ("sncf-3", "rail", "2024-05-06", "Réforme ferroviaire : le gouvernement reçoit les syndicats",
     "Réforme ferroviaire : le gouvernement reçoit les syndicats de cheminots pour tenter de "
     "mettre fin à la grève à la SNCF, qui perturbe le trafic des TGV."),
    ("covid-1", "sante", "2024-06-01", "Rappel du vaccin pour les plus de 65 ans",
     "Covid-19 : la Haute autorité de santé recommande une dose de rappel du vaccin pour les "
     "plus de 65 ans et les personnes fragiles avant l'hiver."),
    ("covid-2", "sante", "2024-06-05", "La campagne de rappel s'ouvre aux soignants",
     "Vaccin contre le Covid-19 : la campagne de rappel s'ouvre aux soignants des hôpitaux. "
     "L'Agence régionale de santé appelle à la vigilance."),
    ("covid-3", "sante", None, "L'épidémie progresse",
     "L'épidémie de Covid-19 progresse : les hôpitaux se préparent, le ministre de la Santé "
     "appelle à la vaccination et au rappel du vaccin."),
    ("eu-1-bis", "europe", "2024-04-10", "Le pacte migratoire adopté",  # the wire, re-sent
     "Le Parlement européen a adopté mercredi le pacte sur la migration et l’asile, après des "
     "années de négociations entre les États membres de l'Union européenne."),
    ("sncf-1-maj", "rail", "2024-05-02", "Grève à la SNCF (mise à jour)",  # updated version
     "Grève à la SNCF : le trafic des TGV et des TER fortement perturbé jeudi. Les syndicats de "
     "cheminots protestent contre la réforme ferroviaire. Le trafic reprendra vendredi."),
]  # fmt: skip
IDS = [a[0] for a in ARTICLES]
TOPIC = {a[0]: a[1] for a in ARTICLES}
DATES = [a[2] for a in ARTICLES]
TITLES = [a[3] for a in ARTICLES]
TEXTS = [a[4] for a in ARTICLES]
ORIGINALS = IDS[:12]
DUPLICATES = {
    "eu-1": "eu-1-bis",
    "eu-1-bis": "eu-1",
    "sncf-1": "sncf-1-maj",
    "sncf-1-maj": "sncf-1",
}


#: The parameters of the helpers' indexes by default: cosine only (no word vectors).
COSINE = {"word_vectors": None}


def fit(**params) -> RelatedArticles:
    """The index of ARTICLES; min_df=1 by default, as suits a corpus of 14 articles, and no
    word vectors by default: the cosine arithmetic these tests check (word vectors:
    tests/related/test_wordvectors.py)."""
    return RelatedArticles(**{"min_df": 1, **COSINE, **params}).fit(
        TEXTS, ids=IDS, titles=TITLES, dates=DATES
    )


def same_results(a: RelatedArticles, b: RelatedArticles) -> None:
    for i in a.ids_:
        assert a.related(i, k=20) == b.related(i, k=20)
    ids_a, sc_a = a.related_all(k=5)
    ids_b, sc_b = b.related_all(k=5)
    assert ids_a.tolist() == ids_b.tolist()
    np.testing.assert_array_equal(sc_a, sc_b)
    ta, tb = a.transform(TEXTS), b.transform(TEXTS)
    assert (ta != tb).nnz == 0 and ta.dtype == tb.dtype


# A wire re-sent three times (two identical copies and a signed one): near-duplicates of each
# other, on the topic of sncf-2 but not near-duplicates of it.
WIRE = (
    "Grève à la SNCF : les cheminots reconduisent le mouvement, un TGV sur trois et peu de TER "
    "circuleront ce week-end, annonce la direction."
)
WIRES = ["wire-1", "wire-2", "wire-3"]
W_TEXTS = [*TEXTS, WIRE, WIRE, WIRE + " (AFP)"]
W_IDS = [*IDS, *WIRES]
W_DATES = [*DATES, "2024-05-04", "2024-05-04", "2024-05-05"]


def fit_wires(**params) -> RelatedArticles:
    return RelatedArticles(**{"min_df": 1, **COSINE, **params}).fit(
        W_TEXTS, ids=W_IDS, dates=W_DATES
    )


def collapsed_by_hand(est: RelatedArticles, value, k: int, **kwargs) -> list[Related]:
    """Brute force: every related article without collapsing, without the query's own group
    of near-duplicates (an indexed query), then the first of each group."""
    plain = copy.copy(est).set_params(collapse_duplicates=False)
    group = {i: g[0] for g in est.duplicates() for i in g}
    seen = {group.get(value, value)} if value in est.ids_ else set()
    out = []
    for r in plain.related(value, k=len(est.ids_), **kwargs):
        if group.get(r.id, r.id) not in seen:
            seen.add(group.get(r.id, r.id))
            out.append(r)
    return out[:k]


def ids_of(results: list[Related]) -> list:
    return [r.id for r in results]


# covid-2's body again under a very different, longer title: cosine far below the threshold.
SAME_BODY = "covid-2-copie"
SB_TEXTS = [*TEXTS, TEXTS[IDS.index("covid-2")]]
SB_IDS = [*IDS, SAME_BODY]
SB_TITLES = [
    *TITLES,
    "Hôpitaux : les soignants appelés à se faire vacciner avant l’hiver, l’ARS inquiète",
]


def fit_same_body(**params) -> RelatedArticles:
    params = {"min_df": 1, "title_weight": 3, **params}
    return RelatedArticles(**{**COSINE, **params}).fit(SB_TEXTS, ids=SB_IDS, titles=SB_TITLES)
