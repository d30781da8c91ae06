"""explain_cleaning: the line-by-line view of clean_article, consistent with it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsnlp
from newsnlp import LineDecision, clean, clean_article, explain_cleaning

CASES = json.loads((Path(__file__).parent / "cases" / "clean_cases.json").read_text("utf-8"))
KEPT_REASONS = {"title", "heading", "paragraph"}


def assert_consistent(text: str) -> tuple[LineDecision, ...]:
    decisions = explain_cleaning(text)
    art = clean_article(text)
    assert "\n".join(d.text for d in decisions if d.kept) == art.text == clean(text)
    removed = [(d.line, d.text, d.reason) for d in decisions if not d.kept]
    assert removed == [(r.line, r.text, r.reason) for r in art.removed]
    assert all(d.reason in KEPT_REASONS for d in decisions if d.kept)
    assert all(d.reason not in KEPT_REASONS for d in decisions if not d.kept)
    assert [d.line for d in decisions] == sorted({d.line for d in decisions})
    assert all(d.text for d in decisions)
    titles = [d.text for d in decisions if d.reason == "title"]
    assert titles == ([art.title] if art.title is not None and art.text else [])
    return decisions


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_consistent_with_clean_article_on_cases(case):
    assert_consistent(case["input"])


def test_roles_of_kept_lines():
    raw = (
        "Temps de lecture : 3 minutes\n"
        "Politique\n"
        "Budget : le Sénat cherche un compromis\n"
        "\n"
        "Le Premier ministre a réuni mardi les présidents des groupes du Sénat pour trouver un "
        "accord sur le texte.\n"
        "Une négociation serrée\n"
        "Les discussions doivent reprendre jeudi, a indiqué l'entourage du chef du gouvernement "
        "à la presse.\n"
        "Partager sur Facebook"
    )
    decisions = assert_consistent(raw)
    assert [(d.line, d.kept, d.reason) for d in decisions] == [
        (0, False, "reading-time"),
        (1, False, "section"),
        (2, True, "title"),
        (4, True, "paragraph"),
        (5, True, "heading"),
        (6, True, "paragraph"),
        (7, False, "share"),
    ]
    assert "’" in decisions[5].text  # the normalised line, as in the cleaned text


def test_text_without_title_has_no_title_line():
    raw = (
        "Le Premier ministre a réuni mardi les présidents des groupes du Sénat pour trouver un "
        "accord sur le texte du budget.\nPartager"
    )
    decisions = assert_consistent(raw)
    assert [d.reason for d in decisions] == ["paragraph", "share"]


@pytest.mark.parametrize("empty", ["", "   ", "\n\n\t\n"])
def test_empty_text_gives_no_lines(empty):
    assert explain_cleaning(empty) == ()


@pytest.mark.parametrize("bad", [None, b"x", 1, object()])
def test_rejects_non_text(bad):
    with pytest.raises(TypeError, match="must be str"):
        explain_cleaning(bad)


def test_line_decision_is_frozen_and_serialisable():
    d = explain_cleaning("Partager\nLe Maroc et l'Espagne signent un accord de pêche.")[0]
    out = d.to_dict()
    assert {k: out[k] for k in ("line", "text", "kept", "reason")} == {
        "line": 0, "text": "Partager", "kept": False, "reason": "share"
    }  # fmt: skip
    assert 0.5 <= out["score"] <= 1 and out["features"]["page_words"] > 0
    assert json.loads(json.dumps(out)) == out
    with pytest.raises(AttributeError):
        d.kept = True  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.features = ()  # type: ignore[misc]
    assert isinstance(d.features, tuple) and all(isinstance(f, tuple) for f in d.features)
    hash(d)  # truly immutable
    assert "LineDecision" in newsnlp.__all__ and "explain_cleaning" in newsnlp.__all__


def test_html_page_is_explained_from_its_article_text():
    pytest.importorskip("trafilatura")
    para = (
        "Le gouvernement a présenté mercredi un projet de loi visant à réformer l'assurance "
        "chômage, une mesure très attendue par les partenaires sociaux depuis plusieurs mois."
    )
    html = (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        "<title>Réforme de l'assurance chômage</title></head><body><article>"
        "<h1>Réforme de l'assurance chômage</h1>"
        f"<p>{para}</p><p>{para.replace('mercredi', 'jeudi')}</p>"
        "</article></body></html>"
    )
    decisions = assert_consistent(html)
    assert decisions[0].reason == "title"
    assert decisions[0].text == "Réforme de l’assurance chômage"


def test_dev_set(data_path):
    path = data_path("newsnlp-dev", "articles.jsonl")
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            assert_consistent(json.loads(line)["raw"])


def test_orangesum_html_sample(data_path):
    pytest.importorskip("trafilatura")
    path = data_path("orangesum-fr", "orangesum_raw_html_sample.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        pages = [json.loads(line) for _, line in zip(range(10), fh, strict=False)]
    for page in pages:
        assert_consistent(page["html"])


_lines = st.lists(
    st.sampled_from(
        [
            "",
            "Temps de lecture : 2 min",
            "Politique",
            "Partager",
            "Lire aussi : Dette publique : pourquoi les taux inquiètent",
            "À lire aussi",
            "Budget : le Sénat cherche un compromis",
            "Le Sénat a adopté mardi soir le projet de loi de finances après une longue séance.",
            "Le Maroc réélu au Conseil exécutif de l’UnescoLe Maroc a été réélu mardi… |",
            "© Le Quotidien – Tous droits réservés",
            "Une négociation serrée",
            "  Le  ministre a  parlé ",
        ]
    ),
    max_size=20,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(_lines)
def test_consistent_with_clean_article_on_generated_pages(text):
    assert_consistent(text)
