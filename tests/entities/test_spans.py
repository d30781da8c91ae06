"""Pass 1, span clean-up (newsnlp.entities.spans), on hand-made mentions."""

from __future__ import annotations

import pytest
from handmade import layer, matcher, mentions, spans, state

from newsnlp.entities.spans import normalise_spans, strip_span


def _strip(text: str, mention: str, label: str) -> str | None:
    ((s, e, _),) = mentions(text, (mention, label))
    found = strip_span(text, s, e, label, matcher())
    return None if found is None else text[found[0] : found[1]]


@pytest.mark.parametrize(
    ("text", "mention", "label", "name"),
    [
        ("Selon l’ONU, rien.", "l’ONU", "ORG", "ONU"),
        ("Selon l'ONU, rien.", "l'ONU", "ORG", "ONU"),  # straight apostrophe
        ("Il a vu M. Dupont hier.", "M. Dupont", "PER", "Dupont"),
        ("Il a vu le roi Mohammed VI hier.", "le roi Mohammed VI", "PER", "Mohammed VI"),
        ("Le maréchal Serrano est arrivé.", "maréchal Serrano", "PER", "Serrano"),
        ("Amélie de Montchalin a dit.", "Amélie de Montchalin", "PER", "Amélie de Montchalin"),
        ("Il a vu de Montchalin.", "de Montchalin", "PER", "de Montchalin"),  # a particle
        ("Il est à Rabat, hier.", "Rabat,", "LOC", "Rabat"),
        ("« Le Monde » a écrit.", "« Le Monde »", "ORG", "Monde"),
        ("Le jeune T. a dit.", "T.", "PER", "T."),  # an initial keeps its full stop
        ("Il est à La Haye.", "La Haye", "LOC", "La Haye"),  # the article of a name
        ("Il est au Caire.", "Caire", "LOC", "Caire"),
        ("Organisé par Les Ombelles.", "Les Ombelles", "ORG", "Les Ombelles"),  # mid-sentence
        ("Les Ombelles organisent.", "Les Ombelles", "ORG", "Ombelles"),  # sentence start
        (
            "Le Haut-Commissaire des Nations unies.",
            "Haut-Commissaire des Nations unies",
            "ORG",
            "Nations unies",
        ),
        (
            "Le Président de la République a dit.",
            "Président de la République",
            "PER",
            "Président de la République",
        ),
        ("Le gisement de Sangomar produit.", "gisement de Sangomar", "LOC", "Sangomar"),
        ("Le lac Léman gèle.", "lac Léman", "LOC", "Léman"),
        ("En Suisse, la conférence.", "En Suisse", "MISC", "Suisse"),  # sentence's word
        ("Selon Jean Dupont, oui.", "Selon Jean Dupont", "PER", "Jean Dupont"),
        ("Il parle de la Banque.", "Banque", "ORG", "Banque"),
        (
            "Le retrait de l’Alliance des États du Sahel de la Communauté.",
            "Alliance des États du Sahel de la",
            "ORG",
            "Alliance des États du Sahel",
        ),
        ("Le président de l’Arcom a dit.", "de l’Arcom", "PER", "Arcom"),  # no person
        ("Amélie de Montchalin a dit.", "de Montchalin", "PER", "de Montchalin"),
    ],
)
def test_a_mention_holds_the_proper_name_only(text, mention, label, name):
    assert _strip(text, mention, label) == name


def test_a_mention_of_punctuation_only_is_dropped():
    text = "Il a dit « » à Rabat hier."
    assert _strip(text, "« »", "MISC") is None
    st = state(text, ("« »", "MISC"), ("Rabat", "LOC"), ("hier", "MISC"))
    normalise_spans(st, matcher())
    assert spans(st) == [("Rabat", "LOC")]  # "hier" alone is a grammatical word


def test_the_layer_gives_the_stripped_span_and_its_canonical_name():
    text = "Selon l’ONU, le Maroc avance."
    ann = layer()(text, mentions(text, ("l’ONU", "ORG"), ("le Maroc", "LOC")))
    assert [(e.text, e.canonical) for e in ann.entities] == [
        ("ONU", "Organisation des Nations unies"),
        ("Maroc", "Maroc"),
    ]
    assert all(text[e.start : e.end] == e.text for e in ann.entities)


def test_a_name_never_crosses_a_line_guillemets_a_colon_or_a_sentence_end():
    text = (
        "Football : le Minsep et les Lions indomptables\nLa crise. Le Bureau de prévention "
        "juge la motion « contraire »."
    )
    st = state(
        text,
        ("Football : le Minsep", "MISC"),
        ("Lions indomptables\nLa crise. Le Bureau", "ORG"),
        ("juge la motion « contraire", "ORG"),
    )
    normalise_spans(st, matcher())
    assert spans(st) == [
        ("Football", "MISC"),
        ("Minsep", "MISC"),
        ("Lions indomptables", "ORG"),
        ("crise", "ORG"),
        ("Bureau", "ORG"),
        ("juge la motion", "ORG"),
        ("contraire", "ORG"),
    ]
    assert st.cands[0].source == st.cands[1].source == "spacy"  # pieces of one candidate


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Le record date de 2012.La police enquête.", "2012.La"),  # pieces without a name
        ("Selon l’AFP.Ces collectes ont cessé.", "AFP.Ces"),
    ],
)
def test_glued_sentences_are_cut_and_grammatical_words_alone_dropped(text, mention):
    st = state(text, (mention, "MISC"))
    normalise_spans(st, matcher())
    assert [t for t, _ in spans(st)] == [t for t in ("AFP",) if t in mention]


def test_a_sentence_end_before_a_dash_is_cut():
    text = "Une mission de l’Assemblée nationale.- Le foot reprend -Après"
    st = state(text, ("Assemblée nationale.- Le foot", "ORG"))
    normalise_spans(st, matcher())
    assert spans(st)[0] == ("Assemblée nationale", "ORG")


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        (
            "Une unité de l’Armée de terre italienne basée à Venise.",
            "Armée de terre italienne basée",
            "Armée de terre italienne",
        ),
        # "de" may go on a name with a place: kept
        ("L’Église réformée de France a dit.", "Église réformée", "Église réformée"),
        # a person's name is left alone
        ("Jean Dupont basé à Paris.", "Jean Dupont", "Jean Dupont"),
    ],
)
def test_a_trailing_participle_opening_a_phrase_is_not_the_name(text, mention, name):
    st = state(text, (mention, "PER" if "Dupont" in mention else "ORG"))
    normalise_spans(st, matcher())
    assert spans(st)[0][0] == name


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Les Républicains (LR).En effet, ils votent.", "LR).En", ["LR"]),
        ('Sur la radio RPP."Nous allons', 'RPP."Nous', ["RPP"]),
        ("Devant l’Elysée.146 personnes ont défilé.", "Elysée.146", ["Elysée"]),
        ("Lors de son audition au Sénat mardi soir.", "Sénat mardi soir", ["Sénat"]),
        ("La version 3.1 de Windows et l’U.S. Army.", "U.S. Army", ["U.S. Army"]),
    ],
)
def test_glued_text_and_days_end_a_name(text, mention, expected):
    st = state(text, (mention, "ORG"))
    normalise_spans(st, matcher())
    assert [t for t, _ in spans(st)] == expected


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Édouard Philippe à Matignon", "Édouard Philippe"),
        ("Edouard Philippe au Havre", "Edouard Philippe"),
        ("Jean de la Fontaine", "Jean de la Fontaine"),  # particles go on
        ("José Ortega y Gasset", "José Ortega y Gasset"),
    ],
)
def test_a_person_ends_before_a_grammatical_word_of_the_sentence(mention, name):
    text = f"Il a été reçu par {mention}."
    start = text.index(mention)
    span = strip_span(text, start, start + len(mention), "PER", matcher())
    assert text[span[0] : span[1]] == name
