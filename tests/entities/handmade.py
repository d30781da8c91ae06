"""Hand-made inputs for the entity layer's unit tests: no spaCy model is loaded.

``mentions(text, ("Nasser Bourita", "PER"), ...)`` writes the ``(start, end, label)`` a NER
would give, from the mentions' text (first occurrence, or the *n*-th with a third item);
``state(text, ...)`` makes the layer's working state from them.
"""

from __future__ import annotations

from functools import cache

from newsnlp.entities.gazetteer import get_gazetteer
from newsnlp.entities.layer import EntityLayer
from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.state import Candidate, LayerState

#: Common nouns and adjectives as the model's lemmatizer tables would give a few of them.
LEXICON = Lexicon(
    common_nouns=frozenset(
        {"budget", "dette", "méditerranée", "coopération", "état", "finance", "défense"}
    ),
    adjectives=frozenset(
        {
            "général",
            "national",
            "économique",
            "monétaire",
            "intérieur",
            "ouest-africain",
            "autonome",
            "tchétchène",
            "caraïbe",
        }
    ),
)


def mentions(text: str, *items: tuple) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of each ``(mention, label[, occurrence])`` in *text*."""
    out = []
    for item in items:
        sub, label, nth = (*item, 1) if len(item) == 2 else item
        start = -1
        for _ in range(nth):
            start = text.index(sub, start + 1)
        out.append((start, start + len(sub), label))
    return out


def state(text: str, *items: tuple, source: str = "spacy") -> LayerState:
    """The layer's state with the hand-written mentions as candidates."""
    cands = [Candidate(s, e, label, source) for s, e, label in mentions(text, *items)]
    return LayerState(text, cands)


def spans(st: LayerState) -> list[tuple[str, str]]:
    """(text, label) of the state's candidates, in text order."""
    return [(st.text[c.start : c.end], c.label) for c in sorted(st.cands, key=lambda c: c.start)]


@cache
def matcher() -> GazetteerMatcher:
    return GazetteerMatcher(get_gazetteer())


@cache
def layer(default_country: str | None = None) -> EntityLayer:
    return EntityLayer(
        gazetteer=get_gazetteer(),
        common_nouns=LEXICON.common_nouns,
        adjectives=LEXICON.adjectives,
        default_country=default_country,
    )


def minister_countries(text: str, *persons: str, default: str | None = None) -> list[tuple]:
    """(name, country, country_source) of each minister the layer finds, the *persons* being
    the model's PER mentions."""
    ann = layer(default)(text, mentions(text, *((p, "PER") for p in persons)))
    return [(m.name, m.country, m.country_source) for m in ann.ministers]
