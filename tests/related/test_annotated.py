"""newsnlp.related.annotated: Articles and annotated records as related articles read them,
their canonical entities as index features (l'ONU and les Nations unies meet)."""

from __future__ import annotations

import pytest

from newsnlp import Entity, analyze
from newsnlp.related import RelatedArticles
from newsnlp.related.annotated import entity_features, is_entity_feature, read_articles

ONU = "L’ONU a adopté une résolution sur le cessez-le-feu au Soudan, un texte voté vendredi."
NATIONS = "Les Nations unies réclament une trêve entre les combattants à Khartoum."
OTHER = "Le PSG a battu l’OM au Parc des Princes grâce à un doublé de son attaquant."


def test_entity_features_from_entities_and_countries():
    ents = [
        Entity("ONU", "ORG", 0, 3, "Organisation des Nations unies", "institution"),
        Entity("Macron", "PER", 5, 11, "Emmanuel Macron", "person"),
        Entity("Paris", "LOC", 12, 17, "Paris", "city", "FR"),
        Entity("Tour", "MISC", 18, 22, "Tour", None),  # not indexed
    ]
    feats = entity_features(ents, {"SD": 2})
    assert feats == [
        "@org:organisation des nations unies", "@per:emmanuel macron", "@loc:paris",
        "@country:SD", "@country:SD",
    ]  # fmt: skip
    assert entity_features([e.to_dict() for e in ents], {"SD": 2}) == feats  # records too
    assert all(is_entity_feature(f) for f in feats) and not is_entity_feature("onu")


def test_read_articles_takes_texts_articles_and_records():
    record = {"id": "r", "text": ONU, "title": "Soudan", "entities": [], "countries": {"SD": 1}}
    arts = read_articles([OTHER, record], entities=False)
    assert arts.texts == [OTHER, ONU] and arts.titles == [None, "Soudan"] and arts.entities is None
    with_entities = read_articles([record], entities=True)
    assert with_entities.entities == [["@country:SD"]]
    with pytest.raises(ValueError, match=r"texts\[0\] is not an article: its error is"):
        read_articles([{"id": 1, "error": "TypeError: boom"}], entities=False)
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not int"):
        read_articles([ONU, 3], entities=False)
    with pytest.raises(TypeError, match="single dict"):
        read_articles(record, entities=False)


def test_entities_join_the_onu_and_the_united_nations():
    """Without entities the two articles share no term; with them (annotated once, as
    Articles), the canonical « Organisation des Nations unies » links them."""
    articles = [analyze(t) for t in (ONU, NATIONS, OTHER)]
    plain = RelatedArticles().fit([a.text for a in articles], ids=["onu", "nu", "foot"])
    assert "nu" not in [r.id for r in plain.related("onu")]
    est = RelatedArticles(entities=True).fit(articles, ids=["onu", "nu", "foot"])
    found = est.related("onu")
    assert found[0].id == "nu" and "@org:organisation des nations unies" in found[0].terms
    again = est.related(NATIONS)  # a plain text query is annotated on the way
    assert again[0].id == "onu"
    assert est.transform([articles[0]]).shape == (1, len(est.vocabulary_))
