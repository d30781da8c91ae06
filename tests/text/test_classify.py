"""newsnlp.text.classify: the passes over a page's lines, on furniture no development page had.

The pages here are written for these tests, in the kinds the issue lists (reading time with an
icon, update stamps, comment forms, newsletter prompts, "Lire plus tard", share buttons, a rubric
between title and body, a share bar on one line), with wordings that are *not* in the
development data the scorer was fitted on.
"""

from __future__ import annotations

import pytest

from newsnlp import clean, explain_cleaning
from newsnlp.text.classify import MAX_ROUNDS, classify_lines, first_round
from newsnlp.text.linemodel import FEATURES, LineModel

TITLE = "Transports : la région commande trente nouveaux trains régionaux"
BODY = [
    "Le conseil régional a voté jeudi une commande de trente rames destinées aux lignes de la "
    "vallée, pour un montant de 420 millions d’euros, a annoncé son président à la presse.",
    "Les premières rames doivent entrer en service à la fin de l’année prochaine, après une "
    "série d’essais sur le réseau, selon le calendrier présenté aux élus de l’opposition.",
    "Les syndicats de cheminots saluent une décision attendue depuis des années, mais "
    "s’inquiètent des effectifs nécessaires pour assurer la maintenance des nouveaux trains.",
]


def decide(*lines: str) -> list[tuple[bool, str]]:
    return [(d.kept, d.reason) for d in explain_cleaning("\n".join(lines))]


@pytest.mark.parametrize(
    ("furniture", "reason"),
    [
        ("🕑 3 min de lecture", "reading-time"),
        ("Modifié le 3 février 2025 à 08h12", "date"),
        ("Actualisé le 04.02.2025 - 21:07", "date"),
        ("Par Amélie Fontaine et Rachid Benali", "byline"),
        ("Imprimer", "share"),
        ("Sauvegarder", "share"),
        ("Partager sur Facebook · Partager sur X", "share"),
        ("12 commentaires", "comment"),
        ("Votre adresse courriel ne sera pas publiée.", "share"),  # "courriel": a share word
        ("Inscrivez-vous à notre newsletter quotidienne", "subscribe"),
        ("Lire plus tard", "call-to-action"),
        ("Tags : Trains, Région, Cheminots", "tags"),
    ],
)
def test_unseen_furniture_after_the_article_is_removed(furniture, reason):
    decisions = decide(TITLE, *BODY, furniture)
    assert decisions[-1] == (False, reason), explain_cleaning("\n".join([TITLE, *BODY, furniture]))
    assert decisions[:4] == [(True, "title")] + [(True, "paragraph")] * 3


@pytest.mark.parametrize(
    "furniture",
    ["🕑 3 min de lecture", "Modifié le 3 février 2025 à 08h12", "Écouter l’article", "Imprimer"],
)
def test_unseen_furniture_between_title_and_body_is_removed(furniture):
    assert clean("\n".join([TITLE, furniture, *BODY])) == "\n".join([TITLE, *BODY])


def test_rubric_label_between_title_and_body():
    out = explain_cleaning("\n".join([TITLE, "Mobilités durables", *BODY]))
    assert [(d.kept, d.reason) for d in out[:2]] == [(True, "title"), (False, "section")]


def test_headings_inside_the_article_are_kept_even_short():
    page = [TITLE, BODY[0], "Calendrier", BODY[1], "Les syndicats prudents", BODY[2]]
    assert clean("\n".join(page)) == "\n".join(page)


def test_photo_caption_with_its_credit():
    caption = "Une rame du nouveau modèle en gare de Lyon-Part-Dieu, en mars. (Photo : DR)"
    decisions = decide(TITLE, caption, *BODY)
    assert decisions[1] == (False, "caption")


def test_header_before_teasers_opens_a_related_block():
    teaser = "Trains : la grève se poursuitLes cheminots ont reconduit le mouvement… |"
    decisions = decide(TITLE, *BODY, "Encore plus sur les transports", teaser, teaser + " ")
    assert decisions[-3:] == [(False, "related-header"), (False, "teaser"), (False, "teaser")]


def test_removed_lines_explain_themselves():
    out = explain_cleaning("\n".join([TITLE, *BODY, "🕑 3 min de lecture"]))
    last = out[-1]
    assert last.score is not None and last.score >= 0.5
    names = [name for name, _ in last.features]
    assert "duration" in names and "icon" in names
    assert abs(last.features[0][1]) >= abs(last.features[-1][1])  # largest effect first
    assert out[1].score is None and out[1].features == ()  # a full paragraph is not scored


def test_the_kept_lines_are_a_fixed_point():
    page = [TITLE, "Lire plus tard", *BODY, "Newsletter", "« Le Fil du matin »", "S’inscrire"]
    found = classify_lines(page)
    kept = [d.text for d in found.decisions if d.kept]
    again = classify_lines(kept)
    assert [d.text for d in again.decisions if d.kept] == kept


def test_rounds_are_bounded():
    """Each round removes at least one line; a page needing more rounds stops at MAX_ROUNDS."""
    assert MAX_ROUNDS >= 2
    page = [TITLE, *BODY] + ["Publicité", "Partager"] * 50
    assert clean("\n".join(page)) == "\n".join([TITLE, *BODY])


def test_a_model_that_never_removes_leaves_only_the_structure():
    never = LineModel((0.0,) * len(FEATURES), -50.0, (0.0,) * (len(FEATURES) - 2), -50.0)
    teaser = "Trains : la grève se poursuitLes cheminots ont reconduit le mouvement… |"
    found = classify_lines([TITLE, "Imprimer", *BODY, teaser], model=never)
    # the short label between title and body is a rubric by structure
    assert [d.reason for d in found.decisions if not d.kept] == ["section", "teaser"]
    assert found.teasers[0].title == "Trains : la grève se poursuit"


def test_first_round_gives_the_fitting_rows():
    rows = first_round([TITLE, "", "Imprimer", *BODY])
    assert [i for i, _, _ in rows] == [0, 2, 3, 4, 5]
    assert rows[1][1] == "share" and len(rows[1][2]) == len(FEATURES)
    assert rows[2][2] is None  # a full paragraph: not scored


def test_unknown_header_before_headlines_after_the_article_opens_a_related_block():
    headlines = [
        "La grève des contrôleurs reconduite jusqu’à dimanche",
        "Un nouveau tramway pour la métropole en 2027",
    ]
    assert clean("\n".join([TITLE, *BODY, "Ailleurs sur le site", *headlines])) == "\n".join(
        [TITLE, *BODY]
    )


def test_a_short_list_ending_the_article_is_kept():
    facts = ["Les dates clés", "Mai : premiers essais", "Décembre : mise en service"]
    assert clean("\n".join([TITLE, *BODY, *facts])) == "\n".join([TITLE, *BODY, *facts])


@pytest.mark.parametrize(
    "last",
    [
        "Le ministre des Finances, Alousséni Sanou, a présenté la future banque régionale.",
        "Le CFL devra recruter 300 conducteurs d’ici 2028.",
        "Les usagers dénoncent des coupures de douze heures.",  # a time, no known verb form
    ],
)
def test_a_short_last_paragraph_before_the_share_bar_is_kept(last):
    """Position and neighbours alone never remove a sentence: the line on its own must be
    furniture (these were removed as 'furniture' or 'date' before)."""
    footer = ["Partager", "Imprimer", "Commentaires (3)", "© Le Journal 2025"]
    out = explain_cleaning("\n".join([TITLE, *BODY, last, *footer]))
    assert out[4].kept, out[4]
    assert [d.kept for d in out[5:]] == [False] * 4


def test_a_sentence_that_is_furniture_on_its_own_still_goes():
    footer = "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués."
    out = explain_cleaning("\n".join([TITLE, *BODY, footer, "Partager"]))
    assert not out[4].kept and out[4].reason != "furniture"


def test_a_label_above_the_title_goes_another_title_stays():
    label = decide("Le Journal du Plat Pays", "Article réservé aux abonnés", TITLE, *BODY)
    assert label[:3] == [(False, "section"), (False, "section"), (True, "title")]
    headline = "Trains : la région signe la commande"  # a headline shape above a short standfirst
    kept = decide(headline, "Les élus ont voté dans la nuit de mardi", *BODY)
    assert kept[:2] == [(True, "title"), (True, "heading")]


def test_a_page_action_after_a_preposition():
    assert decide(TITLE, *BODY, "À voir en vidéo")[-1] == (False, "call-to-action")


def test_the_last_line_of_a_page_is_read_with_its_one_neighbour():
    """The end of the page is no evidence that a line is article text."""
    page = [TITLE, *BODY, "Voir les commentaires", "Newsletter Rennes : chaque matin, l’essentiel"]
    assert [d.kept for d in explain_cleaning("\n".join(page))[-2:]] == [False, False]
