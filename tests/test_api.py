"""The public API contract: names, types, packaging."""

from __future__ import annotations

import dataclasses
import importlib.metadata
from pathlib import Path

import pytest

import newsnlp


def test_all_names_exist_and_are_documented():
    for name in newsnlp.__all__:
        obj = getattr(newsnlp, name)
        if name != "__version__":
            assert obj.__doc__ and obj.__doc__.strip(), name


def test_version_matches_installed_metadata():
    assert newsnlp.__version__ == importlib.metadata.version("newsnlp")


def test_py_typed_marker_is_shipped():
    assert (Path(newsnlp.__file__).parent / "py.typed").exists()


@pytest.mark.parametrize(
    "cls",
    [
        newsnlp.Article,
        newsnlp.CleanedArticle,
        newsnlp.LanguageGuess,
        newsnlp.ReadingTime,
        newsnlp.RemovedLine,
        newsnlp.Teaser,
    ],
)
def test_results_are_frozen_dataclasses_with_to_dict(cls):
    assert dataclasses.is_dataclass(cls)
    assert cls.__dataclass_params__.frozen
    assert callable(cls.to_dict)


@pytest.mark.parametrize(
    "func",
    [
        newsnlp.clean,
        newsnlp.clean_article,
        newsnlp.detect_language,
        newsnlp.detect_languages,
        newsnlp.reading_time,
        newsnlp.count_words,
        newsnlp.analyze,
    ],
)
@pytest.mark.parametrize("bad", [None, b"x", 1, 2.5, object()])
def test_every_function_rejects_non_text_with_type_error(func, bad):
    with pytest.raises(TypeError, match="must be str"):
        func(bad)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        newsnlp.reading_time("texte", 200)
    with pytest.raises(TypeError):
        newsnlp.detect_languages("texte", 3)


def test_library_logs_nothing_by_default(capsys):
    newsnlp.analyze("Le Maroc et l’Espagne signent un accord de pêche.")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
