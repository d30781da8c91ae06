"""SpanIndex (newsnlp.entities.overlaps) against a plain list scan, and the entity layer's work
growing linearly with the text (no model: the entities are given)."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.entities.gazetteer import get_gazetteer
from newsnlp.entities.layer import EntityLayer
from newsnlp.entities.overlaps import SpanIndex
from newsnlp.entities.state import Candidate

_SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=25)
_OPS = st.lists(st.tuples(st.booleans(), st.integers(0, 60), st.integers(1, 12)), max_size=25)


@settings(max_examples=200, deadline=None)
@given(_SPANS, _OPS, st.integers(0, 70), st.integers(1, 15))
def test_span_index_answers_as_a_list_scan(initial, ops, start, length):
    spans = [Candidate(s, s + n, "ORG", "spacy") for s, n in initial]
    index = SpanIndex(spans)
    for add, s, n in ops:  # add new spans, remove the first overlapping one
        if add:
            c = Candidate(s, s + n, "PER", "head")
            spans.append(c)
            index.add(c)
        else:
            hit = next((o for o in spans if o.start < s + n and s < o.end), None)
            assert index.first_overlapping(s, s + n) is hit
            if hit is not None:
                spans.remove(hit)
                index.remove(hit)
    end = start + length
    expected = [o for o in spans if o.start < end and start < o.end]
    assert index.overlapping(start, end) == expected
    assert index.in_order() == spans and len(index) == len(spans)


def _dense_text(sentences: int) -> tuple[str, list[tuple[int, int, str]]]:
    """Press text with new persons, acronyms, institutions and roles in every sentence, and
    the entities a model would give for it."""
    parts: list[str] = []
    ents: list[tuple[int, int, str]] = []
    offset = 0

    def put(text: str, label: str | None = None) -> None:
        nonlocal offset
        if label:
            ents.append((offset, offset + len(text), label))
        parts.append(text)
        offset += len(text)

    for i in range(sentences):
        name = "".join("bdfgklmnprstv"[(i // 13**k) % 13] + "aeiou"[(i + k) % 5] for k in range(3))
        put("Le ministre de l’Intérieur, ")
        put(f"Jean {name.title()}", "PER")
        put(", a reçu la ")
        put(f"Direction générale des {name}s (DG{i:04d})", "ORG")
        put(" et l’")
        put("ONU", "ORG")
        put(". ")
        put(name.title(), "LOC")  # a surname the model took for a place
        put(" a salué le ")
        put(f"Conseil national de {name}", "ORG")
        put(".\n")
    return "".join(parts), ents


def _line_events(layer: EntityLayer, sentences: int) -> int:
    """Lines run in newsnlp's entity modules (loop iterations included) for one call."""
    text, ents = _dense_text(sentences)
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if "newsnlp/entities" not in frame.f_code.co_filename:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        layer(text, ents)
    finally:
        sys.settrace(None)
    return count


def test_the_layer_work_grows_linearly_with_the_text():
    """Four times the text, about four times the work (a quadratic pass would give 16)."""
    layer = EntityLayer(gazetteer=get_gazetteer())
    small, large = _line_events(layer, 150), _line_events(layer, 600)
    assert large < 5 * small, (small, large)
