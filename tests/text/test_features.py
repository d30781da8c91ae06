"""newsnlp.text.features: what each feature sees, and that it never needs a model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.text.features import LINE_FEATURES, line_features, page_word_reason


def feats(line: str) -> dict[str, float]:
    return {k: v for k, v in zip(LINE_FEATURES, line_features(line), strict=True) if v}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("⏱ Lecture : 4 min", {"icon", "duration", "label_colon"}),
        ("Publié le 18/11/2025 à 16:45 – Mis à jour le 18/11/2025 à 18:02", {"published"}),
        ("Le 19/05/2025 à 10h41", {"mostly_date"}),
        ("Par Claire Morvan", {"byline"}),
        ("Partager : Facebook | X | LinkedIn | WhatsApp", {"list_shape", "cta_start"}),
        ("Lire plus tard", {"cta_start"}),
        ("Abonnez-vous à notre newsletter", {"imperative"}),
        ("Vous avez trouvé une erreur ? Signalez-la-nous.", {"imperative", "reader"}),
        ("Cet article vous est offert.", {"self_reference", "reader"}),
        ("Clara Chappaz, le 10 juin 2025, à Paris. Photo AFP", {"credit_tail", "agency"}),
        ("Un producteur à Bobo-Dioulasso (© DR)", {"credit_tail", "copyright_sign"}),
        ("Commentaires (4)", {"count", "words_1_2"}),
        ("PUBLICITÉ", {"all_caps", "page_words"}),
    ],
)
def test_features_that_fire(line, expected):
    assert expected <= set(feats(line)), feats(line)


@pytest.mark.parametrize(
    ("line", "absent"),
    [
        # a sentence with a date, a duration, a name after "par", "vous" in a quotation
        (
            "Le rapport, publié le 3 mars par la Cour des comptes, souligne les risques.",
            "published",
        ),
        (
            "Le nombre de lecteurs a progressé de 3 minutes par jour en moyenne sur l’année.",
            "duration",
        ),
        ("Par ailleurs, le ministre a rappelé la règle.", "byline"),
        ("« Vous ne passerez pas », a lancé le ministre aux manifestants.", "reader"),
        ("Pedro Sánchez", "imperative"),  # a name, not a verb
        ("Chez les agriculteurs, la colère monte", "imperative"),
        ("Le Premier ministre a réuni mardi les présidents des groupes.", "list_shape"),
        ("Budget 2026 : le Sénat cherche un compromis", "credit_tail"),
        # an agency quoted by a sentence is not a credit
        ("Personne n’y croit, a déclaré jeudi à l’AFP le ministre du Tourisme.", "agency"),
    ],
)
def test_features_that_do_not_fire(line, absent):
    assert absent not in feats(line), feats(line)


def test_finite_verb():
    assert feats("Le ministre a signé l’accord.")["finite_verb"] == 1.0
    assert feats("Il signe l’accord")["finite_verb"] == 1.0  # after a subject pronoun
    assert "finite_verb" not in feats("Le Premier ministre remettant les clés à un producteur")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Partager sur Facebook", "share"),
        ("Les commentaires sont modérés", "comment"),
        ("Abonnez-vous à notre newsletter", "subscribe"),
        ("Publicité", "advertising"),
        ("Mots-clés : Budget, Sénat", "tags"),
        ("Ce site utilise des cookies", "cookie"),
        ("Le Sénat adopte le budget", None),
    ],
)
def test_page_word_reason(line, reason):
    assert page_word_reason(line) == reason


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip()))
def test_any_line_gives_values_in_0_1(line):
    values = line_features(line.strip())
    assert len(values) == len(LINE_FEATURES)
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in values)


@pytest.mark.parametrize(
    ("line", "duration"),
    [
        ("Temps de lecture : 3’", 1.0),
        ("Lecture 4'", 1.0),
        ("Il a marqué à la 3’, puis ses coéquipiers ont tenu le score", 0.0),
    ],
)
def test_a_duration_in_prime_minutes(line, duration):
    assert dict(zip(LINE_FEATURES, line_features(line), strict=True))["duration"] == duration


@pytest.mark.parametrize(
    ("line", "cta"),
    [("À voir en vidéo", 1.0), ("À découvrir aussi", 1.0), ("À Paris, la neige", 0.0)],
)
def test_a_page_action_after_a(line, cta):
    assert dict(zip(LINE_FEATURES, line_features(line), strict=True))["cta_start"] == cta
