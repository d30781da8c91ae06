"""Related articles: French analysis, the scikit-learn contract, recommendations, duplicates,
incremental indexing, persistence without pickle, bad input and determinism."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from newsnlp.lang.fr.stop_words import STOP_WORDS
from newsnlp.related import (
    ANALYZERS,
    FRENCH_STOP_WORDS,
    Related,
    RelatedArticles,
    french_analyzer,
    french_analyzer_no_numbers,
    french_tokens,
)

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


def fit(**params) -> RelatedArticles:
    """The index of ARTICLES; min_df=1 by default, as suits a corpus of 14 articles."""
    return RelatedArticles(**{"min_df": 1, **params}).fit(TEXTS, IDS, titles=TITLES, dates=DATES)


@pytest.fixture(scope="module")
def index() -> RelatedArticles:
    return fit()


def same_results(a: RelatedArticles, b: RelatedArticles) -> None:
    for i in a.ids_:
        assert a.related(i, k=20) == b.related(i, k=20)
    ids_a, sc_a = a.related_all(k=5)
    ids_b, sc_b = b.related_all(k=5)
    assert ids_a.tolist() == ids_b.tolist()
    np.testing.assert_array_equal(sc_a, sc_b)
    ta, tb = a.transform(TEXTS), b.transform(TEXTS)
    assert (ta != tb).nnz == 0 and ta.dtype == tb.dtype


# ---------------------------------------------------------------------------- analysis


def test_elisions_all_apostrophes():
    for apostrophe in ("’", "'", "ʼ", "‘"):
        text = f"L{apostrophe}ONU s{apostrophe}inquiète qu{apostrophe}elle n{apostrophe}ait pas jusqu{apostrophe}à présent d{apostrophe}accord lorsqu{apostrophe}il parle"
        assert french_tokens(text) == ["onu", "inquiete", "present", "accord", "parle"], apostrophe


def test_elisions_stripped_without_stop_words_and_one_letter_tokens():
    toks = french_tokens("L’ONU qu’il jusqu’à lorsqu’elle d’Ivoire", stop_words=False, min_len=1)
    assert toks == ["onu", "il", "a", "elle", "ivoire"]
    assert french_tokens("qu’il jusqu’au lorsqu’on", stop_words=False) == ["il", "au", "on"]


def test_accents_folded_and_kept():
    assert french_tokens("Etats") == french_tokens("ÉTATS") == french_tokens("États") == ["etats"]
    assert french_tokens("Cœur Noël Ærø") == ["coeur", "noel", "aero"]
    assert french_tokens("États", strip_accents=False) == ["états"]
    assert french_tokens("Άθήνα") == ["αθηνα"]  # beyond Latin too


def test_stop_words_and_punctuation():
    text = "Selon lui, il a été élu après deux ans, et il y a aussi plus de voix : « — … » !!"
    assert french_tokens(text) == ["elu", "voix"]
    kept = french_tokens(text, stop_words=False)
    assert {"selon", "ete", "apres", "ans", "aussi", "plus"} <= set(kept)
    for word in ("a", "été", "selon", "après", "plus", "aussi", "ans", "le", "nous", "sont"):
        assert word in STOP_WORDS
    assert 400 <= len(STOP_WORDS) <= 700
    assert all(w == w.lower() and " " not in w for w in STOP_WORDS)
    assert "ete" in FRENCH_STOP_WORDS and "premier" not in FRENCH_STOP_WORDS


def test_numbers_policy():
    text = "En 2019, 228 morts, 3,5 % et le vol AF447 ; la 5G en 1789."
    assert french_tokens(text) == ["2019", "morts", "vol", "af447", "5g", "1789"]
    assert french_tokens(text, numbers="none") == ["morts", "vol", "af447", "5g"]
    assert french_tokens(text, numbers="all") == [
        "2019",
        "228",
        "morts",
        "vol",
        "af447",
        "5g",
        "1789",
    ]
    assert french_analyzer_no_numbers(text) == french_tokens(text, numbers="none")
    with pytest.raises(ValueError, match="numbers"):
        french_tokens(text, numbers="some")
    with pytest.raises(ValueError, match="min_len"):
        french_tokens(text, min_len=0)


def test_min_len_and_underscores():
    assert french_tokens("Loi ELAN, loi n°3 et __init__", min_len=4) == ["elan", "init"]
    assert french_tokens("a_b __ cd_ef") == ["cd", "ef"]


@pytest.mark.parametrize("func", [french_analyzer, french_tokens])
@pytest.mark.parametrize("bad", [b"texte", None, 3, ["texte"]])
def test_analyzer_rejects_non_str(func, bad):
    with pytest.raises(TypeError, match="must be str"):
        func(bad)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(list("’'ʼʻ‘`´-_ «»ÉéèçœŒÆ0123456789")),
        ),
        max_size=80,
    ),
    st.booleans(),
    st.booleans(),
    st.integers(1, 3),
    st.sampled_from(["none", "years", "all"]),
)
def test_analyzer_property(text, stop_words, strip_accents, min_len, numbers):
    toks = french_tokens(
        text, stop_words=stop_words, strip_accents=strip_accents, min_len=min_len, numbers=numbers
    )
    assert isinstance(toks, list)
    for t in toks:
        assert t and t == t.lower(), t
        assert not any(c in t for c in "'’ʼʻ‘ \t\n-_"), t
        assert len(t) >= min_len or not strip_accents
        if stop_words:
            assert t not in (FRENCH_STOP_WORDS if strip_accents else STOP_WORDS)
    if strip_accents and min_len == 2 and stop_words and numbers == "years":
        assert french_analyzer(text) == toks


# ---------------------------------------------------------------------------- sklearn contract


def test_init_only_stores_params_and_clone():
    est = RelatedArticles(min_df=-5, ngram_range="bad")  # no validation in __init__
    assert est.get_params()["min_df"] == -5
    with pytest.raises(ValueError, match="min_df"):
        est.fit(TEXTS)
    est = RelatedArticles(min_df=1, title_weight=3, ngram_range=(1, 2))
    twin = clone(est)
    assert twin is not est and twin.get_params() == est.get_params()
    assert twin.set_params(max_df=0.8).max_df == 0.8
    assert set(RelatedArticles().get_params()) == {
        "analyzer", "min_df", "max_df", "max_features", "ngram_range", "sublinear_tf",
        "title_weight", "duplicate_threshold", "collapse_duplicates", "block_size", "search",
        "n_candidates", "n_jobs", "dtype",
    }  # fmt: skip
    fitted = fit()
    assert not hasattr(clone(fitted), "matrix_")


@pytest.mark.parametrize(
    "call",
    [
        lambda e: e.transform(TEXTS),
        lambda e: e.related("foot-1"),
        lambda e: e.related_all(),
        lambda e: e.duplicates(),
        lambda e: e.add(["texte"]),
        lambda e: e.save("/nonexistent"),
        lambda e: e.get_feature_names_out(),
    ],
)
def test_not_fitted(call):
    with pytest.raises(NotFittedError):
        call(RelatedArticles())


def test_transform_equals_scikit_learn_tfidf(index):
    ref = TfidfVectorizer(
        analyzer=french_analyzer, min_df=2, max_df=0.5, sublinear_tf=True, dtype=np.float32
    )
    expected = ref.fit_transform(TEXTS)
    est = RelatedArticles().fit(TEXTS)
    assert list(est.vocabulary_) == list(ref.get_feature_names_out())
    np.testing.assert_allclose(est.idf_, ref.idf_, rtol=1e-6)
    got = est.transform(TEXTS)
    assert sp.issparse(got) and got.dtype == np.float32
    np.testing.assert_allclose(got.toarray(), expected.toarray(), atol=1e-6)
    np.testing.assert_allclose(sp.linalg.norm(got, axis=1), 1, rtol=1e-6)
    # fit's matrix and transform of the same texts are the same bits
    assert (est.fit_transform(TEXTS) != est.transform(TEXTS)).nnz == 0


def test_pipeline():
    pipe = Pipeline([("tfidf", RelatedArticles()), ("clf", LogisticRegression(C=100))])
    topics = [TOPIC[i] for i in IDS]
    pipe.fit(TEXTS, topics)  # y goes to the classifier, not to ids
    assert pipe.predict(
        ["Mbappé et le PSG en Ligue 1", "Grève des cheminots à la SNCF"]
    ).tolist() == [
        "foot",
        "rail",
    ]
    assert pipe.named_steps["tfidf"].ids_ == list(range(len(TEXTS)))
    names = pipe.named_steps["tfidf"].get_feature_names_out()
    assert "psg" in names and len(names) == len(pipe.named_steps["tfidf"].vocabulary_)


# ---------------------------------------------------------------------------- related


def test_same_topic_first_without_self_and_duplicates(index):
    for i in IDS:
        res = index.related(i, k=3)
        assert res, i
        assert TOPIC[res[0].id] == TOPIC[i], (i, res)
        got = [r.id for r in res]
        assert i not in got and DUPLICATES.get(i) not in got
        scores = [r.score for r in res]
        assert scores == sorted(scores, reverse=True) and all(0 < s < 0.9 for s in scores)
    assert index.related("eu-1", k=1)[0].id in {"eu-2", "eu-3"}


def test_terms_explain_the_match(index):
    row = dict(zip(index.vocabulary_, range(len(index.vocabulary_)), strict=True))
    for r in index.related("foot-2", k=5):
        assert 1 <= len(r.terms) <= 5
        q = index.matrix_[IDS.index("foot-2")].toarray()[0]
        d = index.matrix_[IDS.index(r.id)].toarray()[0]
        contrib = {t: q[row[t]] * d[row[t]] for t in index.vocabulary_ if q[row[t]] * d[row[t]] > 0}
        best = sorted(contrib, key=lambda t: (-contrib[t], t))[:5]
        assert list(r.terms) == best
        assert sum(contrib.values()) == pytest.approx(r.score, rel=1e-5)
    assert {"psg", "parc", "princes"} & set(index.related("foot-1", k=1)[0].terms)


def test_exclude_and_since(index):
    plain = copy.copy(index).set_params(collapse_duplicates=False)
    first = [r.id for r in plain.related("sncf-2", k=5)]
    assert [r.id for r in plain.related("sncf-2", k=5, exclude=[first[0], "unknown"])] == [
        x for x in first if x != first[0]
    ]
    # collapsing applies to what exclude leaves: sncf-1 excluded, its update takes its place
    assert [r.id for r in index.related("sncf-2", k=2)] == ["sncf-1", "sncf-3"]
    assert [r.id for r in index.related("sncf-2", k=2, exclude="sncf-1")] == [
        "sncf-1-maj",
        "sncf-3",
    ]
    assert index.related("sncf-2", exclude="sncf-3")[0].id != "sncf-3"
    recent = index.related("covid-1", k=10, since="2024-06-02")
    assert [r.id for r in recent] == ["covid-2"]  # covid-3 has no date: excluded with since
    import datetime as dt

    assert index.related("covid-1", since=dt.date(2024, 6, 2)) == recent
    assert index.related("covid-1", since=dt.datetime(2024, 6, 5, 0, 0)) == recent
    assert index.related("covid-1", since="2024-06-05T01:00:00+02:00") == recent  # = 23:00 UTC
    assert index.related("covid-1", since="2024-06-05T01:00:00") == []
    assert "covid-3" in [r.id for r in index.related("covid-1", k=10)]
    with pytest.raises(ValueError, match="ISO 8601"):
        index.related("covid-1", since="5 juin")


def test_id_or_text_rule(index):
    as_text = index.related("Le PSG et Mbappé au Parc des Princes")
    assert as_text[0].id.startswith("foot")
    assert index.related("foot-1", by="text") == []  # the string "foot-1" as a text: no term
    with pytest.raises(KeyError, match="not in the index"):
        index.related("PSG Mbappé", by="id")
    with pytest.raises(KeyError, match="42"):
        index.related(42)
    with pytest.raises(ValueError, match="by"):
        index.related("foot-1", by="name")
    with pytest.raises(TypeError, match="must be str"):
        index.related(3, by="text")
    # a text identical to an indexed article: that article is its near-duplicate
    assert "foot-3" not in [r.id for r in index.related(TEXTS[2], by="text")]


def test_k_and_ties():
    texts = ["grève sncf", "grève sncf cheminots", "grève sncf cheminots", "grève ratp"]
    est = RelatedArticles(min_df=1, max_df=1.0, duplicate_threshold=0.99, collapse_duplicates=False)
    est.fit(texts, ["q", "b", "a", "c"])
    res = est.related("q", k=10)  # k larger than the index: what exists
    assert [r.id for r in res] == ["b", "a", "c"]  # b and a tie: index order, not id order
    assert res[0].score == res[1].score
    assert [r.id for r in est.related("q", k=1)] == ["b"]
    # b and a are identical: collapsed, the first indexed stays
    assert [r.id for r in est.set_params(collapse_duplicates=True).related("q")] == ["b", "c"]
    est.set_params(collapse_duplicates=False).fit(texts[::-1], ["c", "a", "b", "q"])
    assert [r.id for r in est.related("q", k=2)] == ["a", "b"]
    assert [r.id for r in est.set_params(collapse_duplicates=True).related("q")] == ["a", "c"]
    for bad in (0, -1):
        with pytest.raises(ValueError, match="k must be >= 1"):
            est.related("q", k=bad)
    with pytest.raises(TypeError, match="k must be an int"):
        est.related("q", k=2.5)


def test_related_to_dict_and_frozen(index):
    r = index.related("eu-2", k=1)[0]
    d = r.to_dict()
    assert json.loads(json.dumps(d)) == d and set(d) == {"id", "score", "terms"}
    assert isinstance(r.score, float) and isinstance(r.terms, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.score = 1.0  # type: ignore[misc]
    assert Related("x", 0.5, ("a",)).to_dict() == {"id": "x", "score": 0.5, "terms": ["a"]}


# ---------------------------------------------------------------------------- related_all


@pytest.mark.parametrize(("n_jobs", "block_size"), [(1, 2048), (2, 2048), (1, 1), (2, 3), (-1, 5)])
def test_related_all_equals_related(index, n_jobs, block_size):
    est = clone(index).set_params(n_jobs=n_jobs, block_size=block_size)
    est.fit(TEXTS, IDS, titles=TITLES, dates=DATES)
    ids, scores = est.related_all(k=4)
    assert ids.shape == scores.shape == (len(IDS), 4)
    assert ids.dtype == object and scores.dtype == np.float32
    for row, i in enumerate(IDS):
        expected = index.related(i, k=4)
        n = len(expected)
        assert ids[row, :n].tolist() == [r.id for r in expected]
        assert scores[row, :n].tolist() == [np.float32(r.score) for r in expected]
        assert all(x is None for x in ids[row, n:]) and np.isnan(scores[row, n:]).all()
    ref_ids, ref_scores = index.related_all(k=4)
    assert ids.tolist() == ref_ids.tolist()
    np.testing.assert_array_equal(scores, ref_scores)


def test_related_all_padding_and_positions(index):
    ids, scores = index.related_all(k=len(IDS) + 5)
    pos, pscores = index.related_all(k=len(IDS) + 5, positions=True)
    np.testing.assert_array_equal(scores, pscores)
    assert pos.dtype == np.int64 and (pos[:, -5:] == -1).all()
    for row in range(len(IDS)):
        filled = pos[row] >= 0
        assert [IDS[p] for p in pos[row][filled]] == ids[row][filled].tolist()
        assert np.isnan(scores[row][~filled]).all() and not np.isnan(scores[row][filled]).any()
    with pytest.raises(ValueError, match="k must be"):
        index.related_all(k=0)


# ---------------------------------------------------------------------------- duplicates


def test_duplicates(index):
    groups = index.duplicates()
    assert groups == [["eu-1", "eu-1-bis"], ["sncf-1", "sncf-1-maj"]]
    assert index.duplicates(threshold=0.999) == [["eu-1", "eu-1-bis"]]
    assert index.duplicates(threshold=1.0) == [["eu-1", "eu-1-bis"]]  # float32 rounding tolerated
    low = index.duplicates(threshold=0.05)
    assert len(low) >= 1 and sum(map(len, low)) > 4
    with pytest.raises(ValueError, match="threshold"):
        index.duplicates(threshold=1.5)
    assert (
        clone(index).set_params(n_jobs=2, block_size=2).fit(TEXTS, IDS, titles=TITLES).duplicates()
        == groups
    )


def test_identical_corpus(caplog):
    est = RelatedArticles().fit(["La SNCF en grève jeudi."] * 4, ["a", "b", "c", "d"])
    assert "keeping every term" in caplog.text
    assert est.duplicates() == [["a", "b", "c", "d"]]
    assert est.related("a") == []
    assert est.related("La SNCF en grève") == []
    ids, scores = est.related_all(k=2)
    assert (ids == None).all() and np.isnan(scores).all()  # noqa: E711
    single = RelatedArticles().fit(["Un seul article sur la SNCF."])
    assert single.related(0) == [] and single.duplicates() == []


# ---------------------------------------------------------------------------- add


def test_add_keeps_idf_frozen_and_finds_new_article():
    est = fit()
    idf, vocab, matrix = est.idf_.copy(), dict(est.vocabulary_), est.matrix_.copy()
    new = "Grève SNCF : les cheminots et les syndicats maintiennent le mouvement, TGV annulés."
    est.add(
        [new, "Texte sans rapport avec le reste"], ["sncf-4", "autre"], dates=["2024-05-07", None]
    )
    assert est.ids_[-2:] == ["sncf-4", "autre"] and est.matrix_.shape[0] == len(IDS) + 2
    np.testing.assert_array_equal(est.idf_, idf)
    assert est.vocabulary_ == vocab
    assert (est.matrix_[: len(IDS)] != matrix).nnz == 0  # indexed vectors unchanged
    assert "sncf-4" in [r.id for r in est.related("sncf-2", k=3)]
    assert est.related("sncf-4", k=1)[0].id.startswith("sncf")
    assert [r.id for r in est.related("sncf-2", since="2024-05-07")] == ["sncf-4"]
    ids, _ = est.related_all(k=3)
    assert ids[-2].tolist() == [r.id for r in est.related("sncf-4", k=3)]
    est.add([])  # nothing to add: fine
    est.add(["Le PSG recrute"])  # default ids continue the positions
    assert est.ids_[-1] == len(IDS) + 2
    with pytest.raises(ValueError, match=r"duplicate ids: 'foot-1'"):
        est.add(["encore"], ["foot-1"])
    with pytest.raises(ValueError, match=r"duplicate ids: 'x'"):
        est.add(["un", "deux"], ["x", "x"])


# ---------------------------------------------------------------------------- save / load


def test_save_load_round_trip(tmp_path, index):
    est = fit(ngram_range=(1, 2), title_weight=2)
    folder = est.save(tmp_path / "idx")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format_version"] == 1
    assert manifest["analyzer"] == "newsnlp.similarity.french_analyzer"
    assert set(manifest["versions"]) == {"newsnlp", "numpy", "scipy", "scikit-learn"}
    assert manifest["params"]["ngram_range"] == [1, 2] and manifest["params"]["dtype"] == "float32"
    assert set(manifest["files"]) == {
        "ids.json", "vocabulary.json", "data.npy", "indices.npy", "indptr.npy", "idf.npy",
        "dates.npy", "body_fingerprints.npy",
    }  # fmt: skip
    for name, info in manifest["files"].items():
        assert (folder / name).stat().st_size == info["size"] and len(info["sha256"]) == 64
        if name.endswith(".npy"):
            np.load(folder / name, allow_pickle=False)  # no object arrays
    loaded = RelatedArticles.load(folder)
    assert loaded.get_params() == est.get_params()
    assert loaded.ids_ == est.ids_ and loaded.vocabulary_ == est.vocabulary_
    np.testing.assert_array_equal(loaded.dates_, est.dates_)
    same_results(est, loaded)
    assert loaded.duplicates() == est.duplicates()
    loaded.add(["Le PSG gagne encore au Parc des Princes"], ["foot-4"])
    assert loaded.related("foot-4", k=1)[0].id.startswith("foot")
    index.save(folder)  # overwriting a saved index is fine
    same_results(index, RelatedArticles.load(folder))


def test_int_ids_and_float64_round_trip(tmp_path):
    est = RelatedArticles(dtype=np.float64).fit(TEXTS, list(range(100, 100 + len(TEXTS))))
    loaded = RelatedArticles.load(est.save(tmp_path))
    assert loaded.ids_ == est.ids_ and isinstance(loaded.ids_[0], int)
    assert loaded.matrix_.dtype == np.float64
    same_results(est, loaded)


def test_no_pickle(tmp_path, monkeypatch, index):
    def forbidden(*args, **kwargs):
        raise AssertionError("pickle used")

    for name in ("dump", "dumps", "load", "loads"):
        monkeypatch.setattr(pickle, name, forbidden)
    loaded = RelatedArticles.load(index.save(tmp_path))
    assert loaded.related("foot-1") == index.related("foot-1")


@pytest.mark.parametrize(
    "name",
    [
        "data.npy",
        "indices.npy",
        "ids.json",
        "vocabulary.json",
        "dates.npy",
        "body_fingerprints.npy",
    ],
)
def test_tampered_file_refused(tmp_path, index, name):
    folder = index.save(tmp_path)
    path = folder / name
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0x01  # same size, one bit changed
    path.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=rf"{name}.*SHA-256"):
        RelatedArticles.load(folder)


@pytest.mark.parametrize("name", ["indptr.npy", "idf.npy", "ids.json"])
def test_truncated_or_missing_file_refused(tmp_path, index, name):
    folder = index.save(tmp_path)
    path = folder / name
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(ValueError, match=rf"{name}.*truncated"):
        RelatedArticles.load(folder)
    path.unlink()
    with pytest.raises(ValueError, match=rf"{name} is missing"):
        RelatedArticles.load(folder)


def test_manifest_checks(tmp_path, index):
    folder = index.save(tmp_path)
    mpath = folder / "manifest.json"
    manifest = json.loads(mpath.read_text())
    for key, value, message in [
        ("analyzer", "os.system", "unknown analyzer"),
        ("format_version", 99, "unsupported format_version"),
        ("format", "other", "not a newsnlp.RelatedArticles manifest"),
        ("params", {**manifest["params"], "extra": 1}, "exactly the parameters"),
        ("files", {}, "exactly the files"),
    ]:
        mpath.write_text(json.dumps({**manifest, key: value}))
        with pytest.raises(ValueError, match=message):
            RelatedArticles.load(folder)
    mpath.write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        RelatedArticles.load(folder)
    with pytest.raises(FileNotFoundError):
        RelatedArticles.load(tmp_path / "nothing")


def test_custom_analyzer_cannot_be_saved(tmp_path):
    est = RelatedArticles(analyzer=str.split).fit(TEXTS)
    assert est.related(0)  # works, but cannot be saved without pickling code
    with pytest.raises(ValueError, match="only the newsnlp analyzers"):
        est.save(tmp_path)
    assert set(ANALYZERS.values()) >= {french_analyzer, french_analyzer_no_numbers}


# ---------------------------------------------------------------------------- bad input


def test_bad_input():
    est = RelatedArticles()
    with pytest.raises(ValueError, match="empty corpus"):
        est.fit([])
    with pytest.raises(TypeError, match="single str"):
        est.fit("Un seul texte")
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not bytes: decode it first"):
        est.fit(["ok", b"bytes"])
    with pytest.raises(TypeError, match=r"texts\[0\] must be str, not None"):
        est.fit([None, "ok"])
    with pytest.raises(ValueError, match=r"duplicate ids: 'a', 'b'"):
        est.fit(TEXTS[:5], ["a", "b", "a", "b", "c"])
    for kw in ("titles", "dates"):
        with pytest.raises(ValueError, match=rf"{kw} has 2 values for 3 texts"):
            est.fit(TEXTS[:3], **{kw: TEXTS[:2]})
    with pytest.raises(ValueError, match="ids has 2 values for 3 texts"):
        est.fit(TEXTS[:3], ["a", "b"])
    with pytest.raises(TypeError, match=r"ids\[0\] must be a str or an int"):
        est.fit(TEXTS[:2], [("a",), "b"])
    with pytest.raises(ValueError, match=r"dates\[1\]='hier'"):
        est.fit(TEXTS[:2], dates=["2024-01-01", "hier"])
    with pytest.raises(TypeError, match=r"titles\[0\] must be str"):
        est.fit(TEXTS[:2], titles=[b"x", None])
    for params, message in [
        ({"max_df": 1.5}, "max_df"),
        ({"ngram_range": (2, 1)}, "ngram_range"),
        ({"title_weight": -1}, "title_weight"),
        ({"duplicate_threshold": 0}, "duplicate_threshold"),
        ({"block_size": 0}, "block_size"),
        ({"dtype": np.int32}, "dtype"),
        ({"max_features": 0}, "max_features"),
    ]:
        with pytest.raises(ValueError, match=message):
            RelatedArticles(**params).fit(TEXTS)
    with pytest.raises(ValueError, match="n_jobs"):
        fit(n_jobs=0).related_all()


def test_empty_and_foreign_texts_are_zero_vectors():
    texts = [*TEXTS, "", "   ", "The quick brown fox jumps over the lazy dog", "の日本語"]
    ids = [*IDS, "vide", "blanc", "english", "japonais"]
    est = RelatedArticles().fit(texts, ids)
    for zero in ids[-4:]:
        assert est.matrix_[ids.index(zero)].nnz == 0
        assert est.related(zero) == []
    for i in IDS:
        assert not set(ids[-4:]) & {r.id for r in est.related(i, k=20)}
    assert est.related("", by="text") == [] and est.related("Hello world", by="text") == []
    assert not any(set(g) & set(ids[-4:]) for g in est.duplicates())
    all_ids, _ = est.related_all(k=20)
    assert not set(ids[-4:]) & set(all_ids[: len(IDS)].ravel().tolist())


def test_ids_types():
    est = RelatedArticles().fit(TEXTS[:4], [np.int64(5), "b", np.str_("c"), 7])
    assert est.ids_ == [5, "b", "c", 7] and type(est.ids_[0]) is int and type(est.ids_[2]) is str
    with pytest.raises(TypeError, match="str or an int"):
        RelatedArticles().fit(TEXTS[:2], [True, False])


# ---------------------------------------------------------------------------- options, determinism


def test_titles_and_ngrams(index):
    plain = RelatedArticles(min_df=1).fit(TEXTS, IDS)
    assert plain.matrix_.shape != index.matrix_.shape  # title-only terms
    assert (fit(title_weight=0).matrix_ != plain.matrix_).nnz == 0
    heavy = fit(title_weight=3)
    row, col = IDS.index("foot-3"), heavy.vocabulary_["prolonge"]  # in foot-3's title and text
    assert heavy.matrix_[row, col] > index.matrix_[row, col] > plain.matrix_[row, col]
    bigrams = fit(ngram_range=(1, 2), min_df=2)
    assert "parc princes" in bigrams.vocabulary_ and "psg" in bigrams.vocabulary_
    only = fit(ngram_range=(2, 2))
    assert all(" " in t for t in only.vocabulary_)
    assert len(fit(max_features=10).vocabulary_) == 10


def test_determinism():
    a, b = fit(), fit()
    assert list(a.vocabulary_) == list(b.vocabulary_) == sorted(a.vocabulary_)
    assert (a.matrix_ != b.matrix_).nnz == 0
    same_results(a, b)
    order = np.random.default_rng(0).permutation(len(TEXTS))
    shuffled = RelatedArticles(min_df=1).fit(
        [TEXTS[i] for i in order], [IDS[i] for i in order], titles=[TITLES[i] for i in order]
    )
    assert list(shuffled.vocabulary_) == list(a.vocabulary_)
    np.testing.assert_array_equal(shuffled.idf_, a.idf_)


def test_query_by_text_matches_query_by_id():
    # an indexed article's text is its own near-duplicate: querying by text excludes it too
    plain = RelatedArticles().fit(TEXTS, IDS)
    for i in ("foot-2", "covid-3", "eu-1"):
        by_text = plain.related(TEXTS[IDS.index(i)], k=3, by="text")
        assert by_text == plain.related(i, k=3)


def test_path_objects(tmp_path, index):
    assert isinstance(index.save(str(tmp_path / "s")), Path)


def test_counting_by_chunks_changes_nothing(monkeypatch, index):
    import newsnlp.related.estimator as similarity

    monkeypatch.setattr(similarity, "_COUNT_CHUNK", 3)
    chunked = fit()
    assert chunked.vocabulary_ == index.vocabulary_
    assert (chunked.matrix_ != index.matrix_).nnz == 0
    assert (chunked.transform(TEXTS) != index.transform(TEXTS)).nnz == 0
    assert index.transform([]).shape == (0, len(index.vocabulary_))


@pytest.mark.parametrize("threshold", [0.2, 0.35, 0.5, 0.7, 0.9, 0.99])
def test_duplicates_equal_brute_force(index, threshold):
    # the prefix filter of duplicates() must find exactly the pairs of the full product
    full = (index.matrix_ @ index.matrix_.T).tocoo()
    parent = list(range(len(IDS)))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j, v in zip(full.row, full.col, full.data, strict=True):
        if i < j and v >= threshold - 1e-6:
            a, b = sorted((root(i), root(j)))
            parent[b] = a
    groups: dict[int, list[str]] = {}
    for x in range(len(IDS)):
        groups.setdefault(root(x), []).append(IDS[x])
    expected = sorted((g for g in groups.values() if len(g) > 1), key=lambda g: IDS.index(g[0]))
    assert index.duplicates(threshold) == expected


# ---------------------------------------------------------------------------- collapsed duplicates

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
    return RelatedArticles(**{"min_df": 1, **params}).fit(W_TEXTS, W_IDS, dates=W_DATES)


def collapsed_by_hand(est: RelatedArticles, value, k: int, **kwargs) -> list[Related]:
    """Brute force: every related article without collapsing, then the first of each group."""
    plain = copy.copy(est).set_params(collapse_duplicates=False)
    group = {i: g[0] for g in est.duplicates() for i in g}
    seen, out = set(), []
    for r in plain.related(value, k=len(est.ids_), **kwargs):
        if group.get(r.id, r.id) not in seen:
            seen.add(group.get(r.id, r.id))
            out.append(r)
    return out[:k]


def ids_of(results: list[Related]) -> list:
    return [r.id for r in results]


def test_collapse_keeps_one_copy_of_a_wire():
    est = fit_wires()
    assert est.duplicates()[-1] == WIRES
    plain = copy.copy(est).set_params(collapse_duplicates=False)
    off = plain.related("sncf-2", k=3)
    assert ids_of(off) == WIRES  # the three copies fill the list
    assert off[0].score == off[1].score > off[2].score and off[0].terms == off[1].terms
    on = est.related("sncf-2", k=3)
    assert ids_of(on) == ["wire-1", "sncf-1", "sncf-3"]  # wire-1 and wire-2 tie: index order
    assert on[0] == off[0]
    assert on == collapsed_by_hand(est, "sncf-2", 3)
    for i in W_IDS:
        for k in (1, 2, 3, 5, 20):
            assert est.related(i, k=k) == collapsed_by_hand(est, i, k), (i, k)
            assert len({*ids_of(est.related(i, k=k))} & {*WIRES}) <= 1
    text = "Les cheminots en grève : peu de TGV et de TER ce week-end à la SNCF"
    assert len({*ids_of(est.related(text, k=5))} & {*WIRES}) == 1
    assert len({*ids_of(plain.related(text, k=5))} & {*WIRES}) == 3
    # index order decides ties: the copy indexed first stays
    order = [*range(len(IDS)), len(IDS) + 1, len(IDS), len(IDS) + 2]  # wire-2 before wire-1
    swapped = RelatedArticles(min_df=1).fit([W_TEXTS[i] for i in order], [W_IDS[i] for i in order])
    assert ids_of(swapped.related("sncf-2", k=1)) == ["wire-2"]


def test_collapse_keeps_the_best_ranked_copy():
    # a copy indexed last but closer to the query is the one shown
    est = RelatedArticles(min_df=1).fit([*TEXTS, WIRE, WIRE, WIRE + " Les voyageurs"], W_IDS)
    assert est.duplicates()[-1] == WIRES
    off = copy.copy(est).set_params(collapse_duplicates=False).related("sncf-2", k=3)
    assert ids_of(off) == ["wire-3", "wire-1", "wire-2"]
    assert ids_of(est.related("sncf-2", k=3)) == ["wire-3", "sncf-1", "sncf-3"]


def test_collapse_after_exclude_and_since():
    est = fit_wires()
    assert ids_of(est.related("sncf-2", k=2, exclude=["wire-1"])) == ["wire-2", "sncf-1"]
    assert ids_of(est.related("sncf-2", k=2, since="2024-05-05")) == ["wire-3", "sncf-3"]
    assert est.related("sncf-2", k=3, since="2024-05-04") == collapsed_by_hand(
        est, "sncf-2", 3, since="2024-05-04"
    )


@pytest.mark.parametrize("collapse", [True, False])
@pytest.mark.parametrize("narrow", [False, True])
@pytest.mark.parametrize(("n_jobs", "block_size"), [(1, 2048), (2, 2048), (1, 1), (2, 3)])
def test_related_all_equals_related_collapsed(monkeypatch, collapse, narrow, n_jobs, block_size):
    import newsnlp.related.estimator as similarity

    if narrow:  # no margin: rows run short and are redone wider, related() widens too
        monkeypatch.setattr(similarity, "_collapse_margin", lambda k: k)
    widened = []
    real = similarity._top_k_collapsed
    monkeypatch.setattr(similarity, "_top_k_collapsed", lambda *a: widened.append(a) or real(*a))
    est = fit_wires(collapse_duplicates=collapse, n_jobs=n_jobs, block_size=block_size)
    for k in (1, 2, 4, len(W_IDS) + 2):
        widened.clear()
        ids, scores = est.related_all(k=k)
        pos, _ = est.related_all(k=k, positions=True)
        assert (len(widened) > 0) == (collapse and narrow and k in (2, 4))  # short rows redone
        for row, i in enumerate(W_IDS):
            expected = est.related(i, k=k)
            n = len(expected)
            assert ids[row, :n].tolist() == ids_of(expected), (i, k)
            assert scores[row, :n].tolist() == [np.float32(r.score) for r in expected]
            assert all(x is None for x in ids[row, n:]) and np.isnan(scores[row, n:]).all()
            assert (pos[row, n:] == -1).all()
            if collapse:
                assert expected == collapsed_by_hand(est, i, k)
        if not collapse:
            assert ids_of(est.related("sncf-2", k=3)) == WIRES
    assert est.related_all(k=3)[0][IDS.index("sncf-2")].tolist() == (
        ["wire-1", "sncf-1", "sncf-3"] if collapse else WIRES
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["greve", "sncf", "tgv", "psg", "budget", "etat"]), max_size=5),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from([0.5, 0.8, 0.9, 1.0]),
    st.integers(1, 6),
)
def test_collapse_property(docs, threshold, k):
    texts = [" ".join(d) for d in docs]
    est = RelatedArticles(min_df=1, max_df=1.0, duplicate_threshold=threshold, block_size=4)
    est.fit(texts)
    ids, _ = est.related_all(k=k)
    for i in est.ids_:
        expected = collapsed_by_hand(est, i, k)
        assert est.related(i, k=k) == expected
        assert ids[i, : len(expected)].tolist() == ids_of(expected)
        assert all(x is None for x in ids[i, len(expected) :])


def test_collapse_param_clone_save_load(tmp_path):
    est = RelatedArticles(collapse_duplicates=False)
    assert est.get_params()["collapse_duplicates"] is False
    assert clone(est).get_params()["collapse_duplicates"] is False
    assert RelatedArticles().get_params()["collapse_duplicates"] is True
    with pytest.raises(TypeError, match="collapse_duplicates must be True or False"):
        RelatedArticles(collapse_duplicates="yes").fit(TEXTS)
    with pytest.raises(TypeError, match="collapse_duplicates"):
        fit_wires().set_params(collapse_duplicates=None).related("sncf-2")
    for value in (False, True):
        fitted = fit_wires(collapse_duplicates=value)
        folder = fitted.save(tmp_path / str(value))
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["params"]["collapse_duplicates"] is value
        assert set(manifest["files"]) == {
            "ids.json",
            "vocabulary.json",
            "data.npy",
            "indices.npy",
            "indptr.npy",
            "idf.npy",
            "dates.npy",
            "body_fingerprints.npy",
        }  # fmt: skip  (the groups are recomputed, not saved)
        loaded = RelatedArticles.load(folder)
        assert loaded.collapse_duplicates is value
        assert loaded.get_params() == fitted.get_params()
        assert loaded.related("sncf-2", k=3) == fitted.related("sncf-2", k=3)
        ids_a, sc_a = loaded.related_all(k=3)
        ids_b, sc_b = fitted.related_all(k=3)
        assert ids_a.tolist() == ids_b.tolist()
        np.testing.assert_array_equal(sc_a, sc_b)
    # a manifest written before the parameter existed: its default
    for name in ("collapse_duplicates", "search", "n_candidates"):
        del manifest["params"][name]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    old = RelatedArticles.load(folder)
    assert (old.collapse_duplicates, old.search, old.n_candidates) == (True, "pruned", 100)


def test_groups_follow_add_and_threshold():
    est = RelatedArticles(min_df=1).fit(W_TEXTS[:-1], W_IDS[:-1])
    assert ids_of(est.related("sncf-2", k=2)) == ["wire-1", "sncf-1"]  # groups cached
    est.add([WIRE + " Les voyageurs"], ["wire-3"])  # a closer copy: regrouped at the next query
    assert est.duplicates()[-1] == WIRES
    assert ids_of(est.related("sncf-2", k=2)) == ["wire-3", "sncf-1"]
    assert est.related_all(k=2)[0][IDS.index("sncf-2")].tolist() == ["wire-3", "sncf-1"]
    est.set_params(duplicate_threshold=0.99)  # read at query time: wire-3 is a group of its own
    assert ids_of(est.related("sncf-2", k=2)) == ["wire-3", "wire-1"]
    assert est.related_all(k=2)[0][IDS.index("sncf-2")].tolist() == ["wire-3", "wire-1"]


# ---------------------------------------------------------------------------- identical bodies

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
    return RelatedArticles(**params).fit(SB_TEXTS, SB_IDS, titles=SB_TITLES)


def test_body_fingerprint_normalisation():
    from newsnlp.related.estimator import _body_fingerprint

    fp = _body_fingerprint("L’État  adopte\nla réforme ")
    assert len(fp) == 32 and fp == _body_fingerprint("l’e\u0301tat adopte la\u202fRÉFORME")
    assert fp != _body_fingerprint("L’État adopte la réforme.")
    assert _body_fingerprint("") == _body_fingerprint(" \n\t") == b""


@pytest.mark.parametrize("collapse", [True, False])
def test_identical_bodies_never_related(collapse):
    est = fit_same_body(collapse_duplicates=collapse)
    a, b = SB_IDS.index("covid-2"), len(SB_IDS) - 1
    assert float((est.matrix_[a] @ est.matrix_[b].T).toarray()[0, 0]) < 0.9  # cosine alone: no
    assert est.body_fingerprints_.dtype == np.dtype("S32")
    assert est.body_fingerprints_[a] == est.body_fingerprints_[b] != b""
    assert ["covid-2", SAME_BODY] in est.duplicates()
    assert ["covid-2", SAME_BODY] in est.duplicates(threshold=0.999)
    for i, j in (("covid-2", SAME_BODY), (SAME_BODY, "covid-2")):
        assert j not in ids_of(est.related(i, k=len(SB_IDS)))
    by_text = est.related(SB_TEXTS[a], k=len(SB_IDS), by="text")
    assert by_text and not {"covid-2", SAME_BODY} & set(ids_of(by_text))
    ids, _ = est.related_all(k=len(SB_IDS))
    for i in range(len(SB_IDS)):
        assert [x for x in ids[i].tolist() if x is not None] == ids_of(
            est.related(SB_IDS[i], k=len(SB_IDS))
        )
    assert SAME_BODY not in ids[a].tolist() and "covid-2" not in ids[b].tolist()
    # add(): a third copy joins the group and is excluded too
    est.add([SB_TEXTS[a]], ["covid-2-ter"], titles=["Vaccination"])
    assert ["covid-2", SAME_BODY, "covid-2-ter"] in est.duplicates()
    assert not {SAME_BODY, "covid-2-ter"} & set(ids_of(est.related("covid-2", k=20)))
    assert est.related_all(k=20)[0][-1].tolist().count("covid-2") == 0


def test_identical_bodies_save_load(tmp_path):
    est = fit_same_body()
    folder = est.save(tmp_path / "idx")
    fps = np.load(folder / "body_fingerprints.npy", allow_pickle=False)
    assert fps.dtype == np.dtype("S32") and fps.tolist() == est.body_fingerprints_.tolist()
    loaded = RelatedArticles.load(folder)
    np.testing.assert_array_equal(loaded.body_fingerprints_, est.body_fingerprints_)
    assert loaded.duplicates() == est.duplicates()
    for i in SB_IDS:
        assert loaded.related(i, k=20) == est.related(i, k=20)
    assert SAME_BODY not in ids_of(loaded.related("covid-2", k=20))


def test_fingerprint_file_checked(tmp_path):
    folder = fit_same_body().save(tmp_path / "idx")
    path, mpath = folder / "body_fingerprints.npy", folder / "manifest.json"
    manifest = json.loads(mpath.read_text())
    # content that is not fingerprints, with a manifest rewritten to match: refused all the same
    files = {**manifest["files"]}
    for bad in (
        np.array([b"not hex!"] * len(SB_IDS), dtype="S32"),
        np.zeros(3, dtype="S32"),  # wrong length
    ):
        np.save(path, bad, allow_pickle=False)
        files["body_fingerprints.npy"] = {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "size": path.stat().st_size,
        }
        mpath.write_text(json.dumps({**manifest, "files": files}))
        with pytest.raises(ValueError, match=r"body_fingerprints\.npy must hold"):
            RelatedArticles.load(folder)
    # listed in the manifest but missing
    path.unlink()
    with pytest.raises(ValueError, match=r"body_fingerprints\.npy is missing"):
        RelatedArticles.load(folder)


def test_index_saved_without_fingerprints_loads(tmp_path):
    est = fit_same_body()
    folder = est.save(tmp_path / "idx")
    mpath = folder / "manifest.json"
    manifest = json.loads(mpath.read_text())
    del manifest["files"]["body_fingerprints.npy"]
    (folder / "body_fingerprints.npy").unlink()
    mpath.write_text(json.dumps(manifest))
    old = RelatedArticles.load(folder)
    assert old.body_fingerprints_.dtype == np.dtype("S32")
    assert old.body_fingerprints_.tolist() == [b""] * len(SB_IDS)  # unknown: cosine only
    assert ["covid-2", SAME_BODY] not in old.duplicates()
    assert SAME_BODY in ids_of(old.related("covid-2", k=20))  # the behaviour it was saved with
    ids, _ = old.related_all(k=20)
    assert [x for x in ids[SB_IDS.index("covid-2")].tolist() if x is not None] == ids_of(
        old.related("covid-2", k=20)
    )
    old.add([SB_TEXTS[-1]], ["covid-2-ter"])  # added articles get fingerprints
    assert old.body_fingerprints_[-1] == est.body_fingerprints_[-1]
    assert "covid-2-ter" not in ids_of(old.related(SB_TEXTS[-1], k=20, by="text"))


@pytest.mark.parametrize(
    "params",
    [{}, {"min_df": 1, "max_features": 25}, {"ngram_range": (1, 2), "title_weight": 2}],
)
def test_fit_from_document_frequencies_equals_fit(params):
    """The distributed fit's path (document frequencies counted elsewhere, then the rows
    appended) gives the model that ``fit`` gives: same vocabulary, idf, matrix and answers."""
    ids = [a[0] for a in ARTICLES]
    titles = [a[3] for a in ARTICLES]
    texts = [a[4] for a in ARTICLES]
    dates = [a[2] for a in ARTICLES]
    local = RelatedArticles(**params).fit(texts, ids, titles=titles, dates=dates)

    other = RelatedArticles(**params)
    df: dict[str, int] = {}
    totals: dict[str, float] = {}
    for text, title in zip(texts, titles, strict=True):
        feats = other._features(text, title)
        for t in set(feats):
            df[t] = df.get(t, 0) + 1
        for t in feats:
            totals[t] = totals.get(t, 0) + 1
    other._fit_document_frequencies(df, len(texts), term_totals=totals)
    assert other.vocabulary_ == local.vocabulary_
    np.testing.assert_array_equal(other.idf_, local.idf_)
    assert other.n_documents_fit_ == local.n_documents_fit_
    other.add(texts[:5], ids[:5], titles=titles[:5], dates=dates[:5])
    other.add(texts[5:], ids[5:], titles=titles[5:], dates=dates[5:])
    assert (other.matrix_ != local.matrix_).nnz == 0
    same_results(local, other)


def test_fit_from_document_frequencies_checks():
    with pytest.raises(ValueError, match="empty corpus"):
        RelatedArticles()._fit_document_frequencies({}, 0)
    with pytest.raises(ValueError, match="term_totals"):
        RelatedArticles(max_features=3)._fit_document_frequencies({"a": 1}, 1)
