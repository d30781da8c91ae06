"""Part of pass 9, what a minister's own sentence tells of its government
(newsnlp.entities.local), on hand-made mentions: no spaCy model."""

from __future__ import annotations

import pytest
from handmade import layer, mentions, minister_countries
from hypothesis import given
from hypothesis import strategies as st

from newsnlp.entities.local import Places, sentence_bounds
from newsnlp.entities.state import LayerState
from newsnlp.entities.types import CountryReference

LOMBARD = (
    "Le ministre de l’Économie, Éric Lombard, a rencontré à Rabat son homologue marocaine. "
    "Selon l’ONU, le Maroc et les États-Unis…"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the party the sentence speaks for, at its start (after a dash or a quote too)
        ("Côté israélien, le Premier ministre Benjamin Netanyahu consulte.", "IL"),
        ("Tensions ? -Du côté marocain, le ministre Karim Zidane a dit.", "MA"),
        # the country the sentence is set in, even with numbers in it
        (
            "En Grande-Bretagne, où 43.575 personnes sont mortes, le Premier ministre "
            "Boris Johnson a promis un plan.",
            "GB",
        ),
        # the one country its sentence names
        (
            "Le Premier ministre Elyes Fakhfakh a dit que la crise coûterait cher à la Tunisie.",
            "TN",
        ),
        ("Le ministre de l’Aviation Ghulam Khan a critiqué les pilotes pakistanais.", "PK"),
        # a country where the news happens, when the sentence tells of no visit
        (
            "Un assouplissement sera limité au Royaume-Uni, selon le ministre de "
            "l’Environnement George Eustice.",
            "GB",
        ),
        # a city: its country (the article, naming Mali as much, has no home country)
        (
            "La défaite d’Ottawa pèse sur le Premier ministre Justin Trudeau. Le Mali, le Mali.",
            "CA",
        ),
    ],
)
def test_the_sentence_gives_the_country(text, expected):
    name = next(
        w
        for w in (
            "Benjamin Netanyahu",
            "Karim Zidane",
            "Boris Johnson",
            "Elyes Fakhfakh",
            "Ghulam Khan",
            "Justin Trudeau",
            "George Eustice",
        )
        if w in text
    )
    assert minister_countries(text, name) == [(name, expected, "phrase")]


@pytest.mark.parametrize(
    "text",
    [
        # two countries in the sentence: no guess
        "Le Premier ministre Justin Trudeau a parlé de la Chine et de l’Inde.",
        # the country of another party's office is not evidence
        "Le ministre de la Santé Ahmed Diallo a reçu l’ambassadeur de Chine.",
        "Le ministre de la Santé Ahmed Diallo a reçu le président américain.",
        # a country named only in the next sentence is not read
        "Le ministre de la Santé Ahmed Diallo a parlé. Le Mali a voté.",
        # a city at the start of the sentence hosts foreign ministers: not its country
        "À Bruxelles, le ministre de la Santé Ahmed Diallo a parlé. L’Inde, l’Inde.",
        # a language is not a country
        "Le ministre de la Santé Ahmed Diallo renforce l’enseignement du français.",
        # where something happens is not a party
        "Le ministre de la Santé Ahmed Diallo, en visite à Alger, a parlé. L’Inde, le Mali.",
        "Le ministre de la Santé Ahmed Diallo s’est rendu en Algérie. L’Inde, l’Inde.",
    ],
)
def test_no_country_without_one_in_the_sentence(text):
    assert minister_countries(text, "Ahmed Diallo" if "Diallo" in text else "Justin Trudeau")[0][
        1:
    ] == (
        None,
        None,
    )


def test_a_country_the_person_is_not_of_is_no_evidence():
    # his counterpart is Moroccan: the sentence names only Morocco, so nothing; the next
    # sentence (the UN, Morocco, the United States) is not read
    assert minister_countries(LOMBARD, "Éric Lombard") == [("Éric Lombard", None, None)]
    text = "En Espagne, le ministre Karim Zidane a reçu son homologue espagnol."
    assert minister_countries(text, "Karim Zidane") == [("Karim Zidane", None, None)]


def test_sentence_bounds():
    text = "Il a dit. En Grande-Bretagne, 43.575 morts ; enfin! Fin"
    start, end = sentence_bounds(text, 12)
    assert text[start:end] == " En Grande-Bretagne, 43.575 morts "
    assert text[slice(*sentence_bounds(text, len(text) - 1))] == " Fin"
    assert sentence_bounds("", 0) == (0, 0)


@given(st.text(alphabet="ab .;\n1", max_size=60), st.integers(0, 60))
def test_sentence_bounds_contain_the_position(text, pos):
    pos = min(pos, len(text))
    start, end = sentence_bounds(text, pos)
    assert 0 <= start <= pos <= end <= len(text)
    assert not any(ch in "!?;\n" for ch in text[start:end])


def test_places_leave_out_other_parties_spans():
    refs = [
        CountryReference(3, 8, "Maroc", "MA"),
        CountryReference(25, 32, "chinois", "CN"),
        CountryReference(40, 45, "Chine", "CN"),
    ]
    state = LayerState("Le Maroc et le président chinois, puis la Chine.")
    places = Places(state, refs, [(25, 32), (0, 1)])
    assert places.between(0, 33) == {"MA"}
    assert places.between(0, 60) == {"MA", "CN"}
    assert places.between(9, 39) == set()


@pytest.mark.parametrize(
    ("text", "persons", "expected"),
    [
        (
            "Hakan Fidan, chef de la diplomatie turque, et Sergueï Lavrov, son homologue russe, "
            "se sont parlé.",
            ("Hakan Fidan", "Sergueï Lavrov"),
            [
                ("Hakan Fidan", "chef de la diplomatie turque", "TR", "role"),
                ("Sergueï Lavrov", "homologue russe", "RU", "homologue"),
            ],
        ),
        (
            "La ministre Catherine Colonna a reçu son homologue marocain Nasser Bourita.",
            ("Catherine Colonna", "Nasser Bourita"),
            [
                ("Catherine Colonna", "ministre", None, None),
                ("Nasser Bourita", "homologue marocain", "MA", "homologue"),
            ],
        ),
        # a president's counterpart is a president
        (
            "Le président Emmanuel Macron a reçu son homologue égyptien Abdel Fattah al-Sissi.",
            ("Emmanuel Macron", "Abdel Fattah al-Sissi"),
            [],
        ),
        # a minister's counterpart in another sentence is not read
        (
            "La ministre Catherine Colonna a parlé. Puis son homologue marocain Nasser Bourita a dit.",
            ("Catherine Colonna", "Nasser Bourita"),
            [("Catherine Colonna", "ministre", None, None)],
        ),
        # ... unless "Son homologue" opens the next sentence: "son" is the last sentence's
        (
            "Le ministre Cheikh Diba a parlé. Son homologue mauritanien, Sid’Ahmed Ould Bouh, a dit.",
            ("Cheikh Diba", "Sid’Ahmed Ould Bouh"),
            [
                ("Cheikh Diba", "ministre", None, None),
                ("Sid’Ahmed Ould Bouh", "homologue mauritanien", "MR", "homologue"),
            ],
        ),
        (
            "Le président Macky Sall a parlé. Son homologue mauritanien, Mohamed Ghazouani, a dit.",
            ("Macky Sall", "Mohamed Ghazouani"),
            [],
        ),
        # ... or a pronoun is the subject of the sentence ("il": the last sentence's minister)
        (
            "Le ministre Heiko Maas est arrivé. Il rencontrera son homologue israélien Gabi "
            "Ashkenazi.",
            ("Heiko Maas", "Gabi Ashkenazi"),
            [
                ("Heiko Maas", "ministre", None, None),
                ("Gabi Ashkenazi", "homologue israélien", "IL", "homologue"),
            ],
        ),
        (
            "Le président Macky Sall a parlé. Il a reçu son homologue mauritanien Mohamed "
            "Ghazouani.",
            ("Macky Sall", "Mohamed Ghazouani"),
            [],
        ),
        # the minister whose counterpart it is may be unnamed, before it or after it
        (
            "Le chef de la diplomatie française a reçu son homologue marocain Nasser Bourita.",
            ("Nasser Bourita",),
            [("Nasser Bourita", "homologue marocain", "MA", "homologue")],
        ),
        (
            "Avec son homologue israélien Gabi Ashkénazi, le ministre allemand a parlé.",
            ("Gabi Ashkénazi",),
            [("Gabi Ashkénazi", "homologue israélien", "IL", "homologue")],
        ),
        # ... but a role after the counterpart that names someone else is not the possessor's
        (
            "Le président a reçu son homologue américain Donald Trump et le ministre Mike Pompeo.",
            ("Donald Trump", "Mike Pompeo"),
            [("Mike Pompeo", "ministre", None, None)],
        ),
    ],
)
def test_a_ministers_counterpart_is_a_minister(text, persons, expected):
    ann = layer(None)(text, mentions(text, *((p, "PER") for p in persons)))
    assert [(m.name, m.role, m.country, m.country_source) for m in ann.ministers] == expected
