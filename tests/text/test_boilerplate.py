"""newsnlp.text.Boilerplate: lines a site repeats on many pages, learnt, saved, applied."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp import clean, clean_article, explain_cleaning
from newsnlp.article import analyze, analyze_batch
from newsnlp.text import Boilerplate
from newsnlp.text.boilerplate import line_key

TOWNS = ["Lyon", "Brest", "Metz", "Nice", "Pau", "Sète", "Albi", "Caen", "Dole", "Agen"]


def page(town: str, k: int = 0) -> str:
    return (
        f"Temps de lecture : {k + 2} minutes\n"
        "Recevez chaque soir le meilleur de nos enquêtes\n"
        f"Le conseil municipal de {town} a adopté mardi soir un budget en hausse de {k} %, "
        "après un long débat entre la majorité et l’opposition sur les investissements.\n"
        f"© {2020 + k} Le Journal des régions"
    )


SITE = [page(t, k) for k, t in enumerate(TOWNS)]


def test_fit_finds_the_site_lines_digits_masked():
    bp = Boilerplate(min_pages=3, min_share=0.5).fit(SITE)
    assert bp.pages == 10
    assert "Recevez chaque soir le meilleur de nos enquêtes" in bp
    assert "Temps de lecture : 9 minutes" in bp  # digits are masked
    assert "© 2031 Le Journal des régions" in bp
    assert not bp.is_boilerplate(SITE[0].split("\n")[2])  # the article's paragraph
    assert len(bp) == 3 and set(bp.counts.values()) == {10}


def test_clean_removes_site_lines_with_their_reason():
    bp = Boilerplate(min_pages=3, min_share=0.5).fit(SITE)
    new = page("Tulle", 5).replace("Recevez chaque soir", "Recevez chaque soir")  # held out
    decisions = explain_cleaning(new, boilerplate=bp)
    assert [d.reason for d in decisions if not d.kept] == ["site-boilerplate"] * 3
    assert clean(new, boilerplate=bp) == new.split("\n")[2]
    art = clean_article(new, boilerplate=bp)
    assert [r.reason for r in art.removed] == ["site-boilerplate"] * 3
    assert clean(clean(new, boilerplate=bp)) == clean(new, boilerplate=bp)


def test_thresholds():
    assert len(Boilerplate(min_pages=11, min_share=0.1).fit(SITE)) == 0  # only 10 pages
    two = SITE[:2] + ["Un autre article, sans rien de commun avec les deux premiers."] * 1
    assert len(Boilerplate(min_pages=2, min_share=0.7).fit(two)) == 0  # on 2 of 3 pages
    assert len(Boilerplate(min_pages=2, min_share=0.6).fit(two)) == 3


def test_duplicate_pages_count_once():
    """A wire story published five times must not turn its paragraphs into boilerplate."""
    story = "Le Sénat a adopté mardi le projet de loi de finances par 200 voix contre 120."
    pages = [f"Titre {k}\n{story}" for k in range(5)] + [f"Autre sujet {k}" for k in range(5)]
    bp = Boilerplate(min_pages=2, min_share=0.2).fit(pages)
    assert story not in bp
    assert bp.pages == 6  # the four copies are skipped


def test_fit_returns_a_new_object_and_config_is_frozen():
    config = Boilerplate(min_pages=3, min_share=0.5)
    fitted = config.fit(SITE)
    assert fitted is not config and config.pages == 0 and len(config) == 0
    assert (fitted.min_pages, fitted.min_share) == (3, 0.5)
    with pytest.raises(FrozenInstanceError):
        fitted.min_pages = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Boilerplate(3, 0.5)  # type: ignore[misc]  # keyword-only


def test_fit_reads_a_generator_once():
    bp = Boilerplate(min_pages=3, min_share=0.5).fit(p for p in SITE)
    assert bp.pages == 10 and len(bp) == 3


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"min_pages": 0}, ValueError),
        ({"min_pages": 2.5}, TypeError),
        ({"min_pages": True}, TypeError),
        ({"min_share": 0}, ValueError),
        ({"min_share": 1.5}, ValueError),
        ({"min_share": "0.1"}, TypeError),
    ],
)
def test_bad_config(kwargs, error):
    with pytest.raises(error, match="min_"):
        Boilerplate(**kwargs)


def test_bad_pages_and_lines():
    with pytest.raises(TypeError, match="not a single str"):
        Boilerplate().fit("une seule page")
    with pytest.raises(TypeError, match=r"pages\[1\] must be str"):
        Boilerplate().fit(["ok", b"bytes"])
    bp = Boilerplate(min_pages=3, min_share=0.5).fit(SITE)
    with pytest.raises(TypeError, match="line must be str"):
        bp.is_boilerplate(None)  # type: ignore[arg-type]
    assert 3 not in bp  # `in` answers False for a non-str, as for any container


def test_clean_refuses_an_unfitted_or_foreign_boilerplate():
    with pytest.raises(ValueError, match="not fitted"):
        clean("Un texte.", boilerplate=Boilerplate())
    with pytest.raises(TypeError, match="Boilerplate"):
        clean("Un texte.", boilerplate={"Publicité"})  # type: ignore[arg-type]


def test_save_load_round_trip_is_atomic_and_validated(tmp_path):
    bp = Boilerplate(min_pages=3, min_share=0.5).fit(SITE)
    path = tmp_path / "site.json"
    bp.save(path)
    assert Boilerplate.load(path) == bp
    assert Boilerplate.from_dict(json.loads(path.read_text("utf-8"))) == bp
    assert [p.name for p in tmp_path.iterdir()] == ["site.json"]  # no temporary file left
    bp.save(path)  # overwrite
    assert path.read_bytes() == path.read_bytes() and Boilerplate.load(path) == bp
    assert json.loads(json.dumps(bp.to_dict())) == bp.to_dict()


@pytest.mark.parametrize(
    "broken",
    [
        "not json",
        "[]",
        '{"format": "other", "version": 1}',
        '{"format": "newsnlp.Boilerplate", "version": 99}',
        '{"format": "newsnlp.Boilerplate", "version": 1, "min_pages": 3}',
        '{"format": "newsnlp.Boilerplate", "version": 1, "min_pages": 0, "min_share": 0.5,'
        ' "pages": 3, "lines": {}}',
        '{"format": "newsnlp.Boilerplate", "version": 1, "min_pages": 3, "min_share": 0.5,'
        ' "pages": -1, "lines": {}}',
        '{"format": "newsnlp.Boilerplate", "version": 1, "min_pages": 3, "min_share": 0.5,'
        ' "pages": 3, "lines": {"pub": "3"}}',
        '{"format": "newsnlp.Boilerplate", "version": 1, "min_pages": 3, "min_share": 0.5,'
        ' "pages": 3, "lines": ["pub"]}',
    ],
)
def test_load_refuses_what_is_not_a_saved_boilerplate(tmp_path, broken):
    path = tmp_path / "bad.json"
    path.write_text(broken, "utf-8")
    with pytest.raises(ValueError, match=r"bad\.json"):
        Boilerplate.load(path)


def test_analyze_batch_takes_one_or_one_per_text():
    bp = Boilerplate(min_pages=3, min_share=0.5).fit(SITE)
    new = page("Tulle", 5)
    one = analyze_batch([new, new], entities=False, boilerplate=bp)
    each = analyze_batch([new, new], entities=False, boilerplate=[bp, None])
    assert [r.reason for r in one[0].removed] == ["site-boilerplate"] * 3
    assert one[0].text == one[1].text == each[0].text
    assert "site-boilerplate" not in [r.reason for r in each[1].removed]
    assert analyze(new, entities=False, boilerplate=bp).text == one[0].text
    with pytest.raises(ValueError, match="one per text"):
        analyze_batch([new], entities=False, boilerplate=[bp, bp])
    with pytest.raises(TypeError, match="Boilerplate or None"):
        analyze_batch([new], entities=False, boilerplate=["x"])


def test_html_pages_are_read_as_the_cleaner_reads_them():
    pytest.importorskip("trafilatura")
    para = (
        "Le conseil municipal de {0} a adopté mardi soir un budget en hausse, après un long "
        "débat entre la majorité et l’opposition sur les investissements de la ville."
    )
    html = (
        "<html><head><title>Budget à {0}</title></head><body><article><h1>Budget à {0}</h1>"
        f"<p>{para}</p><p>Abonnez-vous à la lettre du soir</p><p>{para}</p>"
        "</article></body></html>"
    )
    pages = [html.format(t) for t in TOWNS[:6]]
    bp = Boilerplate(min_pages=3, min_share=0.5).fit(pages)
    assert "Abonnez-vous à la lettre du soir" in bp
    assert "Abonnez-vous" not in clean(html.format("Tulle"), boilerplate=bp)


def test_line_key_folds_case_accents_spaces_and_digits():
    assert line_key("ÉCONOMIE  –  12 mars") == line_key("economie – 3 mars")
    assert line_key("") == ""


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=8))
def test_any_pages_fit_and_round_trip(pages):
    bp = Boilerplate(min_pages=1, min_share=0.5).fit(pages)
    assert Boilerplate.from_dict(json.loads(json.dumps(bp.to_dict()))) == bp
    for text in pages:
        out = clean(text, boilerplate=bp) if bp.pages else clean(text)
        out.encode("utf-8")


def test_fit_memory_is_bounded_by_min_share_not_by_the_corpus():
    """Lossy counting: 10,000 pages of unique paragraphs do not stay in memory."""
    import tracemalloc

    filler = "x" * 300

    def word(k: int) -> str:  # digits are masked in line keys: make lines unique with letters
        return "".join("abcdefghij"[int(d)] for d in str(k))

    def pages():
        for k in range(10_000):
            yield f"Publicité\nParagraphe {word(k)} {filler} fin.\nAutre {word(k)} {filler}"

    tracemalloc.start()
    try:
        bp = Boilerplate(min_pages=5, min_share=0.1).fit(pages())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "Publicité" in bp and len(bp) == 1 and bp.pages == 10_000
    assert peak < 5_000_000  # the 20,000 unique lines held at once would take over 10 MB


def test_fitted_boilerplate_is_read_only_hashable_and_picklable():
    import pickle

    bp = Boilerplate(min_pages=3, min_share=0.5).fit(SITE)
    with pytest.raises(TypeError):
        bp.counts["pub"] = 1  # type: ignore[index]
    assert hash(bp) == hash(Boilerplate.from_dict(bp.to_dict()))
    again = pickle.loads(pickle.dumps(bp))
    assert again == bp and "Recevez chaque soir le meilleur de nos enquêtes" in again
