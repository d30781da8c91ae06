"""newsnlp.text.lines: structural tests of one line, and the former rule_reason."""

from __future__ import annotations

import pytest

from newsnlp.lang.fr import boilerplate
from newsnlp.text.lines import is_body, is_breadcrumb, is_section_name, split_teaser


def test_breadcrumbs():
    assert is_breadcrumb("Accueil › Économie › Finances publiques")
    assert is_breadcrumb("Sport / Football / Ligue 1")
    assert not is_breadcrumb("Budget : le Sénat cherche un compromis")
    assert not is_breadcrumb("Les prix > 3 % / an en moyenne, a-t-il dit.")


def test_section_names_and_body():
    assert is_section_name("Monde › Afrique")
    assert is_body("Le Sénat a adopté mardi le budget après un long débat dans l’hémicycle.")
    assert is_body("mot " * 30, words=30)


def test_split_teaser_is_linear_and_finds_the_lede():
    t = split_teaser("Le Maroc réélu au Conseil exécutif de l’UnescoLe Maroc a été réélu… |")
    assert t.title == "Le Maroc réélu au Conseil exécutif de l’Unesco"
    assert t.lede == "Le Maroc a été réélu…"


def test_rule_reason_is_deprecated_for_line_reason():
    with pytest.warns(DeprecationWarning, match="line_reason"):
        from newsnlp.text.lines import rule_reason
    assert rule_reason("Temps de lecture : 3 minutes") == "reading-time"
    assert rule_reason("Le Sénat a adopté mardi le budget après un long débat.") is None


def test_line_rules_are_gone_with_an_explanation():
    with pytest.raises(AttributeError, match="scored from their features"):
        boilerplate.LINE_RULES  # noqa: B018
