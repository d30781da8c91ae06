"""analyze(): the text layer end to end, and the Article schema."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import newsnlp
from newsnlp import Article, analyze
from newsnlp.article import SCHEMA_VERSION, analyze_batch

SAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "sample-article.txt").read_text(
    "utf-8"
)
SCHEMA_KEYS = {
    "schema_version",
    "title",
    "text",
    "language",
    "reading_time",
    "entities",
    "ministers",
    "countries",
    "institutions",
    "teasers",
    "removed",
    "source",
}


def test_analyze_sample_article():
    art = analyze(SAMPLE)
    assert isinstance(art, Article)
    assert art.title.startswith("Pêche : Rabat et Lisbonne signent un accord")
    assert art.language == "fr"
    assert art.reading_time.lang == "fr"
    assert art.reading_time.words == newsnlp.count_words(art.text)
    assert art.reading_time.minutes >= 1
    assert "Temps de lecture" not in art.text and "Tous droits réservés" not in art.text
    first = art.teasers[0].title
    assert first == "Pêche artisanale : les coopératives du Sud réclament de nouveaux ports"
    assert len(art.teasers) == 3
    assert {e.text for e in art.entities} >= {"Rabat", "Lisbonne", "Union européenne"}
    assert art.countries.get("PT", 0) >= 1  # "portugaise", "portugais"
    assert analyze(SAMPLE, entities=False).entities == ()


def test_to_dict_is_the_documented_json_schema():
    d = analyze(SAMPLE).to_dict()
    assert set(d) == SCHEMA_KEYS
    assert d["schema_version"] == SCHEMA_VERSION
    assert set(d["reading_time"]) == {"words", "seconds", "minutes", "wpm", "lang"}
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert all(set(r) == {"line", "text", "reason"} for r in d["removed"])
    assert all(set(t) == {"title", "lede"} for t in d["teasers"])


def test_analyze_uses_the_rate_of_the_detected_language():
    english = (
        "The government presented its budget on Tuesday to members of parliament, "
        "who will vote on the text next month after a long debate in committee."
    )
    art = analyze(english)
    assert art.language == "en"
    assert art.reading_time.wpm == newsnlp.text.readtime.READING_RATES["en"]


def test_analyze_dev_articles_word_counts(data_path):
    path = data_path("newsnlp-dev", "articles.jsonl")
    for line in path.read_text("utf-8").splitlines():
        gold = json.loads(line)
        art = analyze(gold["raw"])
        assert art.language == "fr"
        assert abs(art.reading_time.words - gold["words"]) <= 0.01 * gold["words"], gold["id"]


@pytest.mark.parametrize("empty", ["", "   \n\t"])
def test_empty_input_gives_an_empty_valid_article(empty):
    art = analyze(empty)
    assert art.text == "" and art.language == "und" and art.reading_time.minutes == 0
    assert json.loads(json.dumps(art.to_dict()))["text"] == ""


@pytest.mark.parametrize("bad", [None, b"bytes", 12, ["a list"]])
def test_bad_input(bad):
    with pytest.raises(TypeError):
        analyze(bad)


def test_deterministic_across_threads():
    texts = [SAMPLE, SAMPLE.replace("Rabat", "Tanger"), SAMPLE[:600]] * 8
    expected = [analyze(t).to_dict() for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda t: analyze(t).to_dict(), texts)) == expected


def test_the_lines_removed_from_the_page_place_ministers_the_text_does_not():
    """A dateline on its own line is removed from the text, and still tells where the page
    speaks from; the batch path gives the same."""
    body = (
        "Le ministre de l’Hydraulique, Cheikh Tidiane Dièye, a annoncé jeudi le lancement "
        "d’une usine de dessalement, a indiqué son cabinet dans un communiqué de presse."
    )
    page = "\n".join(["Politique", "Dakar, 4 déc (APS) –", body, "Partager sur WhatsApp"])
    art = analyze(page)
    assert "Dakar" not in art.text
    assert [(m.country, m.country_source) for m in art.ministers] == [("SN", "home")]
    assert [(m.country, m.country_source) for m in analyze(body).ministers] == [(None, None)]
    assert analyze_batch([page, body]) == [art, analyze(body)]
