"""newsnlp.text.htmltext: visible text of any page as a stream of tags, in linear time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linear_growth import MAX_RATIO, growth_ratio

from newsnlp.text.htmltext import visible_text


def test_blocks_become_lines_and_furniture_is_left_out() -> None:
    page = (
        "<html><head><title>T &amp; U</title><style>p { color: red }</style></head><body>"
        "<nav><a href='/'>Accueil</a></nav><p>Un &eacute;t&eacute; <b>chaud</b>.</p>"
        "<script>if (a < b) { x(); }</script><div>Deux</div><footer>© Journal</footer>"
        "</body></html>"
    )
    assert visible_text(page) == ("T & U", "Un été chaud.\nDeux")


def test_nesting_depth_does_not_matter() -> None:
    page = "<div>" * 100_000 + "<p>Le texte profond.</p>" + "</div>" * 100_000
    assert visible_text(page) == (None, "Le texte profond.")


def test_unclosed_comment_script_and_stray_brackets() -> None:
    assert visible_text("<p>a < b et c > d</p><!-- jamais fermé <p>x</p>") == (
        None,
        "a < b et c > d",
    )
    assert visible_text("<p>avant</p><script>var x = '<p>';") == (None, "avant")


@pytest.mark.parametrize("bad", [None, b"<p>x</p>", 3])
def test_rejects_non_text(bad: object) -> None:
    with pytest.raises(TypeError, match="html must be str"):
        visible_text(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", ["<p ", "<", "<!--", '<a href="', "<p>x</p>", "&amp;", "<!x"])
def test_time_grows_linearly_with_any_shape(shape: str) -> None:
    ratio = growth_ratio(visible_text, lambda n: shape * (n // len(shape)), 60_000)
    assert ratio < MAX_RATIO, f"{shape!r}: 8x the input took {ratio:.1f}x the time"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<div>", "<script>", "</script>", "<!--", "-->", "<", ">"])
        | st.text(max_size=20),
        max_size=30,
    ).map("".join)
)
def test_never_fails_and_output_is_clean(page: str) -> None:
    title, text = visible_text(page)
    text.encode("utf-8")
    assert text == text.strip() and "\n\n" not in text
    assert title is None or title == title.strip()
