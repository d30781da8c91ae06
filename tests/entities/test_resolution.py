"""Passes 3 and 6, gazetteer matches, merging, labels and overlaps
(newsnlp.entities.resolution), on hand-made mentions."""

from __future__ import annotations

import pytest
from handmade import LEXICON, layer, matcher, mentions, spans, state

from newsnlp.entities.resolution import (
    add_gazetteer_matches,
    classify,
    merge,
    plausible,
    resolve_overlaps,
    stronger,
)
from newsnlp.entities.state import Candidate, LayerState


def test_stronger_prefers_the_containing_span_then_the_source():
    nations = Candidate(10, 23, "ORG", "gazetteer")
    office = Candidate(0, 23, "ORG", "spacy")
    assert stronger(office, nations) and not stronger(nations, office)
    crossing = Candidate(5, 15, "ORG", "head")
    assert stronger(nations, crossing) and not stronger(crossing, nations)


def test_merge_replaces_only_weaker_overlaps():
    st = LayerState(
        "x" * 40, [Candidate(0, 10, "ORG", "spacy"), Candidate(20, 30, "LOC", "gazetteer")]
    )
    merge(st, [Candidate(5, 12, "ORG", "head"), Candidate(25, 28, "PER", "title")])
    assert [(c.start, c.end, c.source) for c in st.cands] == [
        (20, 30, "gazetteer"),
        (0, 5, "spacy"),  # the part before the new name stays
        (5, 12, "head"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "la Côte d’Ivoire et la Guinée-Bissau",
            [("Côte d’Ivoire", "LOC"), ("Guinée-Bissau", "LOC")],
        ),
        ("Les Marocains de Rabat", [("Marocains", "MISC"), ("Rabat", "LOC")]),
        ("selon les Nations unies", [("Nations unies", "ORG")]),
        ("le maroc et la chine", []),  # lower case: not names
    ],
)
def test_gazetteer_names_longest_first(text, found):
    st = state(text)
    add_gazetteer_matches(st, matcher())
    assert spans(st) == found


def test_gazetteer_names_replace_the_models_shorter_spans():
    st = state("Il a cité la Côte d’Ivoire.", ("Côte", "LOC"))
    add_gazetteer_matches(st, matcher())
    assert [(s, c.source) for s, c in zip(spans(st), st.cands, strict=True)] == [
        (("Côte d’Ivoire", "LOC"), "gazetteer")
    ]


def test_classify_gives_gazetteer_types_and_institution_heads():
    text = "PARIS, 15 (Havas). La Chambre de commerce du Canada et Genève."
    st = state(text, ("PARIS", "MISC"), ("Chambre de commerce du Canada", "LOC"), ("Genève", "PER"))
    classify(st, matcher(), LEXICON)
    assert [(c.label, c.kind) for c in st.cands] == [
        ("LOC", "city"),
        ("ORG", "institution"),
        ("LOC", "city"),
    ]


@pytest.mark.parametrize(
    ("text", "mention", "label", "kept"),
    [
        ("Budget : les chiffres.", "Budget", "MISC", False),  # a common noun starts a heading
        ("Il parle de la Méditerranée.", "Méditerranée", "LOC", True),  # mid-sentence: a name
        ("Le match France-Maroc aura lieu.", "France-Maroc", "LOC", False),
        ("Le Royaume avance.", "Royaume", "LOC", False),
        ("Le jeune T. a dit.", "T.", "PER", True),
        ("Le groupe X a dit.", "X", "ORG", False),
        ("Des États frontaliers.", "États frontaliers", "LOC", False),
        ("Une Coopération africaine.", "Coopération africaine", "MISC", True),
        ("Il a vu de Gaulle.", "de Gaulle", "PER", True),
        ("Il a vu ministre Dupont.", "ministre Dupont", "ORG", False),
        # a person may bear a common noun's name, not a plural one nor a heading's label
        ("Finance a dit oui.", "Finance", "PER", True),
        ("Finances publiques en hausse.", "Finances", "PER", False),
        ("Finance : les chiffres.", "Finance", "PER", False),
        ("Il a vu Finance : rien.", "Finance", "PER", True),  # mid-sentence
        # ... nor a noun's complement
        ("Le président de la Dette a dit.", "de la Dette", "PER", False),
        ("Le président de la Dette a dit.", "Dette", "PER", False),
        ("Le fils de Finance a dit.", "Finance", "PER", True),  # no article: a surname
        # the editor's note, a unit
        ("Le texte (ndlr) puis NDLR.", "NDLR", "ORG", False),
        ("Un couple de 500 Nm.", "Nm", "LOC", False),
    ],
)
def test_plausible(text, mention, label, kept):
    st = state(text, (mention, label))
    (c,) = st.cands
    assert plausible(c, mention, text, matcher(), LEXICON) is kept


def test_resolve_overlaps_keeps_one_candidate_per_stretch():
    st = LayerState(
        "x" * 40,
        [
            Candidate(0, 10, "ORG", "spacy"),
            Candidate(0, 5, "ORG", "gazetteer"),
            Candidate(8, 20, "LOC", "gazetteer"),
            Candidate(30, 35, "PER", "spacy"),
        ],
    )
    resolve_overlaps(st)
    assert [(c.start, c.end) for c in st.cands] == [(8, 20), (30, 35)]


def test_labels_through_the_layer():
    text = "PARIS, 15 (Havas). Budget : la Dette publique et la Méditerranée."
    ents = mentions(
        text, ("PARIS", "LOC"), ("Budget", "MISC"), ("Dette", "MISC"), ("Méditerranée", "LOC")
    )
    ann = layer()(text, ents)
    assert [(e.text, e.kind) for e in ann.entities] == [
        ("PARIS", "city"),
        ("Méditerranée", "location"),
    ]


def _classified(text: str, *items: tuple) -> list[tuple[str, str]]:
    st = state(text, *items)
    classify(st, matcher(), LEXICON_WITH_PARTICIPLES)
    return spans(st)


LEXICON_WITH_PARTICIPLES = type(LEXICON)(
    common_nouns=LEXICON.common_nouns, adjectives=LEXICON.adjectives | {"autorisé"}
)


@pytest.mark.parametrize(
    ("text", "items", "expected"),
    [
        (  # a known acronym, then the envoy's title
            "L’envoyé du secrétaire général de l’ONU pour la sécurité routière a parlé.",
            [("ONU pour la sécurité routière", "ORG")],
            [("ONU", "ORG")],
        ),
        (  # a currency
            "Il a payé 2 milliards de francs CFA au CFA.",
            [("CFA", "ORG", 1), ("CFA", "ORG", 2)],
            [("CFA", "ORG")],
        ),
        (  # persons take no article
            "Le plan pour reprendre l’Artibonite est prêt.",
            [("Artibonite", "PER")],
            [("Artibonite", "LOC")],
        ),
        (  # a people, named as a demonym is, is no place; a plural place is
            "Des Tchétchènes ont manifesté aux Caraïbes.",
            [("Tchétchènes", "LOC"), ("Caraïbes", "LOC")],
            [("Tchétchènes", "MISC"), ("Caraïbes", "LOC")],
        ),
        (  # a participle that only starts the sentence
            "La force arrive.\nAutorisée fin septembre, elle compte 5 000 hommes.",
            [("Autorisée", "PER")],
            [],
        ),
    ],
)
def test_classification_of_the_models_mentions(text, items, expected):
    assert _classified(text, *items) == expected


def test_a_hyphen_joining_names_gives_each_name_but_not_for_two_countries():
    text = "Une réunion conjointe Maroc-CCG et un match France-Maroc."
    st = state(text, ("Maroc-CCG", "ORG"), ("France-Maroc", "LOC"))
    add_gazetteer_matches(st, matcher())
    assert spans(st) == [("Maroc", "LOC"), ("CCG", "ORG"), ("France-Maroc", "LOC")]


@pytest.mark.parametrize(
    ("name", "label"),
    [("Digital Services Act", "MISC"), ("Code pénal", "MISC"), ("Pacte de stabilité", "MISC")],
)
def test_laws_codes_and_pacts_are_misc(name, label):
    assert _classified(f"Selon le {name}, non.", (name, "ORG")) == [(name, label)]


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        ("Le quotidien Le Soleil rapporte les faits.", "Le Soleil", "LOC", ("ORG", "organization")),
        ("Le groupe minier Comilog exploite le site.", "Comilog", "LOC", ("ORG", "organization")),
        (
            "Le mouvement Black Lives Matter manifeste.",
            "Black Lives Matter",
            "MISC",
            ("ORG", "organization"),
        ),
        # a place after a preposition is a place
        ("Le constructeur de Molsheim présente un modèle.", "Molsheim", "LOC", ("LOC", "location")),
        ("Ils sont partis en Californie.", "Californie", "LOC", ("LOC", "location")),
        # a person's name, hyphenated or in one word, after a site's head names the site
        (
            "Il est à l’hôpital Aristide-Le-Dantec.",
            "Aristide-Le-Dantec",
            "PER",
            ("LOC", "location"),
        ),
        ("Il est à l’hôpital Tenon.", "Tenon", "PER", ("LOC", "location")),
        ("Le président du stade Jean Dupont a dit.", "Jean Dupont", "PER", ("PER", "person")),
    ],
)
def test_a_name_a_common_noun_introduces_takes_its_type(text, name, label, expected):
    ann = layer()(text, mentions(text, (name, label)))
    assert [(e.text, e.label, e.kind) for e in ann.entities] == [(name, *expected)]
