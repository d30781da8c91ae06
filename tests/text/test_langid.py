"""Tests for newsnlp.text.langid: language identification."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.text.langid import UNDETERMINED, LanguageGuess, detect_language, detect_languages

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
LINGUA = DATA / "lingua-langid-testdata"

SENTENCES = {
    "fr": "Le président de la République a reçu mardi les représentants des syndicats à l'Élysée.",
    "en": "The prime minister said on Tuesday that the government would not change its plans.",
    "de": "Die Bundesregierung will die Steuern für kleine und mittlere Unternehmen senken.",
    "es": "El Gobierno aprobó ayer una reforma que afectará a millones de trabajadores.",
    "it": "Il governo ha approvato ieri una riforma che riguarda milioni di lavoratori.",
    "nl": "De regering heeft gisteren een hervorming goedgekeurd voor miljoenen werknemers.",
}

ARTICLE_FR = (
    "Cette décision a été annoncée à l'issue d'une réunion organisée avec les syndicats de la "
    "fonction publique hospitalière, dans la nuit de mercredi à jeudi. Le gouvernement avait déjà "
    "annoncé débloquer six milliards d'euros lors d'une précédente réunion. "
) * 40

MIXED = [
    *SENTENCES.values(),
    ARTICLE_FR,
    "selon école",
    "Hello world",
    "中文",
    "日本語です",
    "Привет мир",
    "Ελληνικά κείμενα",
    "Le Monde",
    "NATO",
    "",
    "ab",
]


@pytest.mark.parametrize(("lang", "text"), sorted(SENTENCES.items()))
def test_sentences(lang: str, text: str) -> None:
    assert detect_language(text) == lang
    guesses = detect_languages(text)
    assert guesses[0].lang == lang
    assert guesses[0].prob > 0.5


def test_long_french_article() -> None:
    assert detect_language(ARTICLE_FR) == "fr"
    assert detect_languages(ARTICLE_FR)[0].prob > 0.99


def test_english_title_before_french_body_is_french() -> None:
    # Early stopping must not decide on an opening quotation in another language.
    text = (
        '"Too Much and Never Enough: How My Family Created the World\'s Most Dangerous Man" '
        "doit sortir le 28 juillet. " + ARTICLE_FR
    )
    assert detect_language(text) == "fr"


def test_non_latin_scripts() -> None:
    assert detect_language("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.") == "el"
    assert detect_language("Правительство объявило о новых мерах поддержки экономики.") == "ru"
    assert detect_language("中华人民共和国国务院总理今天在北京会见了外国代表团。") == "zh"


def test_urls_and_emails_are_ignored() -> None:
    text = "Contact: https://www.example.com/news/politics redaction@example.com"
    url_only = "https://www.example.com/news/politics redaction@example.com"
    assert detect_language(url_only) == UNDETERMINED
    assert detect_language(text) != UNDETERMINED


@pytest.mark.parametrize("text", ["", " ", " \n\t\u00a0 ", "1234 !!", "a", "É", "😀😀", "-- ## --"])
def test_undetermined(text: str) -> None:
    assert detect_language(text) == UNDETERMINED
    assert detect_languages(text) == []


@pytest.mark.parametrize("bad", [b"Bonjour", bytearray(b"Bonjour"), None, 42, 3.5, ["mot"]])
def test_type_errors(bad: object) -> None:
    with pytest.raises(TypeError, match="must be str"):
        detect_language(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be str"):
        detect_languages(bad)  # type: ignore[arg-type]


def test_bytes_error_gives_advice() -> None:
    with pytest.raises(TypeError, match="decode"):
        detect_language(b"Bonjour")  # type: ignore[arg-type]


def test_str_subclass_accepted() -> None:
    class Text(str):
        pass

    assert detect_language(Text(SENTENCES["fr"])) == "fr"


@pytest.mark.parametrize("k", [0, -1])
def test_bad_k_value(k: int) -> None:
    with pytest.raises(ValueError, match="k must be >= 1"):
        detect_languages("Bonjour à tous", k=k)


@pytest.mark.parametrize("k", ["3", 2.0, None, True])
def test_bad_k_type(k: object) -> None:
    with pytest.raises(TypeError, match="k must be an int"):
        detect_languages("Bonjour à tous", k=k)  # type: ignore[arg-type]


def test_k_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        detect_languages("Bonjour à tous", 2)  # type: ignore[misc]


@pytest.mark.parametrize("text", ["selon école", "Hello world", SENTENCES["es"], "Le Monde"])
@pytest.mark.parametrize("k", [1, 2, 3, 10, 100])
def test_detect_languages_contract(text: str, k: int) -> None:
    guesses = detect_languages(text, k=k)
    assert 1 <= len(guesses) <= k
    probs = [g.prob for g in guesses]
    assert probs == sorted(probs, reverse=True)
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert sum(probs) <= 1.0 + 1e-9
    assert len({g.lang for g in guesses}) == len(guesses)
    assert guesses[0].lang == detect_language(text)
    for g in guesses:
        assert isinstance(g, LanguageGuess)
        assert isinstance(g.lang, str) and isinstance(g.prob, float)


def test_short_text_probabilities_are_not_all_certain() -> None:
    # Two words are weak evidence: the answer should not claim certainty.
    guesses = detect_languages("Hello world", k=3)
    assert len(guesses) >= 2
    assert guesses[0].prob < 0.99


def test_to_dict_json_serialisable() -> None:
    guesses = detect_languages(SENTENCES["fr"], k=5)
    payload = json.loads(json.dumps([g.to_dict() for g in guesses]))
    assert payload[0]["lang"] == "fr"
    assert payload[0]["prob"] == guesses[0].prob
    assert set(payload[0]) == {"lang", "prob"}


def test_language_guess_is_frozen_and_slotted() -> None:
    guess = LanguageGuess("fr", 0.9)
    with pytest.raises(AttributeError):
        guess.lang = "en"  # type: ignore[misc]
    assert not hasattr(guess, "__dict__")


def test_codes_are_iso_639_1() -> None:
    # langdetect's "zh-cn" / "zh-tw" profiles are reported as "zh".
    guesses = detect_languages("中华人民共和国国务院总理今天在北京会见了外国代表团。", k=100)
    codes = [g.lang for g in guesses]
    assert "zh" in codes
    assert all(len(c) == 2 for c in codes)


def test_deterministic_repeated_calls() -> None:
    first = [detect_languages(t, k=5) for t in MIXED]
    for _ in range(3):
        assert [detect_languages(t, k=5) for t in MIXED] == first


def test_deterministic_across_threads() -> None:
    expected = [detect_languages(t, k=3) for t in MIXED]
    items = MIXED * 20
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda t: detect_languages(t, k=3), items))
    assert results == expected * 20


def test_deterministic_across_processes() -> None:
    code = (
        "import json, sys\n"
        "from newsnlp.text.langid import detect_languages\n"
        "texts = json.load(sys.stdin)\n"
        "json.dump([[g.to_dict() for g in detect_languages(t, k=3)] for t in texts], sys.stdout)\n"
    )
    env = {"PYTHONPATH": str(REPO / "src"), "PYTHONHASHSEED": "random"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            input=json.dumps(MIXED),
            capture_output=True,
            text=True,
            check=True,
            env=env,
            timeout=120,
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    here = [[g.to_dict() for g in detect_languages(t, k=3)] for t in MIXED]
    assert json.loads(runs[0]) == here


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_never_raises(text: str) -> None:
    code = detect_language(text)
    assert isinstance(code, str)
    assert code == UNDETERMINED or (len(code) == 2 and code.isalpha() and code.islower())
    guesses = detect_languages(text, k=2)
    assert (code == UNDETERMINED) == (guesses == [])
    assert all(0.0 <= g.prob <= 1.0 for g in guesses)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40), st.integers(min_value=50, max_value=1000))
def test_long_arbitrary_text(piece: str, times: int) -> None:
    # Long texts go through the chunking / early-stop / cap path.
    text = piece * times
    code = detect_language(text)
    assert code == UNDETERMINED or len(code) == 2
    assert [g.lang for g in detect_languages(text, k=1)] == ([] if code == UNDETERMINED else [code])


def test_huge_text_without_whitespace() -> None:
    assert detect_language("é" * 2_000_000) in {UNDETERMINED, *"fr pt es it ca".split()}
    assert detect_language("ab" * 1_000_000) != UNDETERMINED


def _lingua_items(kind: str, lang: str) -> list[str]:
    path = LINGUA / kind / f"{lang}.txt"
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


@pytest.mark.skipif(
    not LINGUA.is_dir(), reason=f"Lingua test data not found at {LINGUA} (shared data absent)"
)
@pytest.mark.parametrize(
    ("kind", "minimum"),
    # Held-out odd lines; langdetect 1.0.9 (seeded) scores 98.8 / 76.2 on them.
    [("sentences", 98.0), ("word-pairs", 78.0)],
)
def test_lingua_french_accuracy(kind: str, minimum: float) -> None:
    items = _lingua_items(kind, "fr")[1::2]
    correct = sum(detect_language(t) == "fr" for t in items)
    assert 100.0 * correct / len(items) >= minimum


@pytest.mark.skipif(
    not LINGUA.is_dir(), reason=f"Lingua test data not found at {LINGUA} (shared data absent)"
)
def test_lingua_european_sentences_accuracy() -> None:
    langs = "fr en de es it pt nl pl ro el hu cs sv bg da fi sk hr lt sl lv".split()
    accuracies = []
    for lang in langs:
        items = _lingua_items("sentences", lang)[1::2]
        accuracies.append(sum(detect_language(t) == lang for t in items) / len(items))
    # langdetect 1.0.9 (seeded): 97.8 % macro on the same held-out lines.
    assert 100.0 * sum(accuracies) / len(accuracies) >= 97.5
