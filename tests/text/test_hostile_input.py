"""Every text function on hostile input: lone surrogates, control characters, bidi marks,
mojibake leads, deeply nested HTML. None may raise (other than a TypeError for a non-str), every
output must be encodable, and the str -> str ones must be idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp import clean, clean_article, explain_cleaning
from newsnlp.text import Boilerplate, clean_and_explain, detect_language, detect_languages
from newsnlp.text.features import line_features
from newsnlp.text.fold import fold, strip_accents, unify_apostrophes
from newsnlp.text.html import looks_like_html
from newsnlp.text.htmltext import visible_text
from newsnlp.text.readtime import count_words, reading_time
from newsnlp.text.source import page_lines

HOSTILE = [
    "\ud800", "\udc80", "\udfff", "\x00", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9f",
    "\u202e", "\u2066", "\ufeff", "\u200b", "\u00ad", "Ã", "â€", "Â", "©", "’", "'", "…", "|",
    "\u00a0", "\u202f", "\t", "\r", "\n", "\u2028", " ", "a", "É", "œ", "😀", "<", ">", "&",
]  # fmt: skip
_piece = st.sampled_from(HOSTILE) | st.text(max_size=12) | st.sampled_from(
    ["Partager", "Publié le 3 mars 2025 à 10h00", "Lire aussi : Un titre", "À lire aussi",
     "Un titreLe début… |", "Le ministre a présenté mardi son projet de budget.", "Abonnez-vous"]
)  # fmt: skip
hostile_text = st.lists(_piece, max_size=40).map("".join)


def _nest(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["div", "p", "span", "section", "article", "b", "li", "script"])
    return st.tuples(tags, st.lists(children, max_size=3)).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"
    )


nested_html = st.recursive(hostile_text, _nest, max_leaves=30)


def _encodable(*texts: object) -> None:
    for text in texts:
        if isinstance(text, str):
            text.encode("utf-8")


@settings(max_examples=250, deadline=None)
@given(hostile_text | nested_html)
def test_cleaner_on_hostile_text(text):
    once = clean(text)
    _encodable(once)
    assert clean(once) == once
    art, decisions = clean_and_explain(text)
    assert art.text == once == clean_article(text).text
    assert [d.to_dict() for d in decisions] == [d.to_dict() for d in explain_cleaning(text)]
    _encodable(art.title, *(d.text for d in decisions), *(t.title for t in art.teasers))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=3000), hostile_text)
def test_cleaner_on_deep_html(depth, text):
    page = "<html><body>" + "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth
    out = clean(page)
    _encodable(out)
    assert clean(out) == out


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_language_and_reading_time_on_hostile_text(text):
    assert isinstance(detect_language(text), str)
    for guess in detect_languages(text, k=3):
        assert 0.0 <= guess.prob <= 1.0
    rt = reading_time(text)
    assert rt.words == count_words(text) >= 0 and rt.seconds >= 0


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_folding_is_encodable_and_idempotent(text):
    for func in (fold, strip_accents, unify_apostrophes):
        once = func(text)
        _encodable(once)
        assert func(once) == once, func.__name__


@settings(max_examples=200, deadline=None)
@given(hostile_text | nested_html)
def test_page_reading_on_hostile_text(text):
    assert isinstance(looks_like_html(text), bool)
    lines, title, source = page_lines(text)
    _encodable(title, *lines)
    assert source in ("text", "html")
    title2, visible = visible_text(text)
    _encodable(title2, visible)
    for line in lines:
        if line:
            assert all(0.0 <= v <= 1.0 for v in line_features(line))


@settings(max_examples=60, deadline=None)
@given(st.lists(hostile_text, min_size=1, max_size=6))
def test_boilerplate_on_hostile_pages(pages):
    bp = Boilerplate(min_pages=1, min_share=0.5).fit(pages)
    for page in pages:
        assert isinstance(bp.is_boilerplate(page), bool)
        if bp.pages:
            out = clean(page, boilerplate=bp)
            _encodable(out)
            assert clean(out, boilerplate=bp) == out


@pytest.mark.parametrize(
    "func",
    [clean, clean_article, explain_cleaning, detect_language, reading_time, count_words,
     looks_like_html, visible_text, page_lines, fold],
)  # fmt: skip
@pytest.mark.parametrize("bad", [None, b"texte", 3, ["texte"]])
def test_non_text_is_a_clear_type_error(func, bad):
    with pytest.raises(TypeError, match="must be str"):
        func(bad)
