"""Invariants of every public function of ``newsnlp`` on hostile text.

Strategies include lone surrogates, C0/C1 control characters, emoji, no-break spaces, glued
teaser shapes and HTML nested hundreds of levels deep. Whatever the input, a public function
returns a valid result (never an exception from deep inside spaCy, lxml or numpy), its text
output can be encoded as UTF-8, and its offsets index the text it documents.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsnlp
from newsnlp.checks import ensure_text
from newsnlp.schema import check_record

# Every code point, surrogates and control characters included.
ANY_CHARACTER = st.characters(blacklist_categories=())
PRESS_PIECES = st.sampled_from(
    [
        "Le ministre des Affaires étrangères, Nasser Bourita, a reçu à Rabat son homologue. ",
        "Selon l’ONU, le Maroc et les États-Unis ont signé l’accord. ",
        "Temps de lecture : 3 min\n",
        "Partager sur Facebook · Partager sur X\n",
        "Lire aussi : Budget : le Sénat cherche un compromis\n",
        "Titre collé au chapeauLe texte commence ici… |\n",
        "\ud800",
        "\x00\x07\x1b\x85",
        "\u00a0\u202f",
        "🇫🇷 ⏱ ",
        "l'",
        "\n\n",
        "<p>",
        "</div>",
    ]
)
TEXTS = st.one_of(
    st.text(alphabet=ANY_CHARACTER, max_size=300),
    st.lists(PRESS_PIECES, max_size=12).map("".join),
)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _encodable(value: object) -> None:
    json.dumps(value, ensure_ascii=False).encode("utf-8")


@FAST
@given(TEXTS)
def test_text_functions_return_encodable_valid_results(text):
    cleaned = newsnlp.clean(text)
    cleaned.encode("utf-8")
    assert newsnlp.clean(cleaned) == cleaned
    article = newsnlp.clean_article(text)
    assert article.text == cleaned
    _encodable(article.to_dict())
    decisions = newsnlp.explain_cleaning(text)
    assert "\n".join(d.text for d in decisions if d.kept) == cleaned
    _encodable([d.to_dict() for d in decisions])
    assert newsnlp.detect_language(text) == newsnlp.detect_language(text)
    for guess in newsnlp.detect_languages(text, k=3):
        assert 0.0 <= guess.prob <= 1.0
    assert newsnlp.count_words(text) >= 0
    assert newsnlp.reading_time(text).minutes >= 0


@FAST
@given(TEXTS)
def test_analyze_without_entities_gives_a_schema_record(text):
    record = newsnlp.analyze(text, entities=False).to_dict()
    assert check_record(record) == []
    _encodable(record)


@pytest.mark.parametrize("depth", [10, 300, 2000])
def test_deeply_nested_html_never_raises(depth):
    page = "<html><body>" + "<div>" * depth + "<p>Le Maroc signe un accord.</p>" + "</div>" * depth
    article = newsnlp.clean_article(page + "</body></html>")
    assert article.source == "html"
    article.text.encode("utf-8")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_entities_index_the_text_as_passed(text):
    valid = ensure_text(text)  # lone surrogates read as U+FFFD: same length, same offsets
    for entity in newsnlp.extract_entities(text):
        assert valid[entity.start : entity.end] == entity.text
    record = newsnlp.analyze(text).to_dict()
    assert check_record(record) == []
    for entity in record["entities"]:
        assert record["text"][entity["start"] : entity["end"]] == entity["text"]
    _encodable(record)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=2, max_size=6))
def test_related_articles_accept_any_text(texts):
    model = newsnlp.RelatedArticles(min_df=1, max_df=1.0).fit(
        texts, ids=[f"a{i}" for i in range(len(texts))]
    )
    for result in model.related("a0", k=3):
        assert result.id != "a0"
        _encodable(result.to_dict())
    model.related(texts[-1], by="text")
    model.duplicates()
