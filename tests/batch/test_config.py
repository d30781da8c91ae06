"""newsnlp.batch.config: one BatchConfig, checked once; options merged over a config; the old
column spellings."""

from __future__ import annotations

import os
import pickle
import warnings

import pytest

from newsnlp.batch import DEFAULT_MAX_CHARS, SCHEMA_FIELDS, BatchConfig, output_fields
from newsnlp.batch.config import check_keep, rename_options, resolve_config
from newsnlp.schema import FIELD_NAMES


def test_defaults_and_normalised_values():
    config = BatchConfig()
    assert config.to_dict() == {
        "text_field": "text",
        "id_field": "id",
        "keep": (),
        "max_chars": DEFAULT_MAX_CHARS,
        "batch_size": 32,
        "n_process": 1,
        "entities": True,
        "model": None,
        "memory_zone": False,
        "site_boilerplate": True,
        "site_field": None,
        "sample_size": 200,
        "boilerplate": None,
    }
    config = BatchConfig(keep=["url", "date", "url"], n_process=-1, entities=0, max_chars=None)
    assert config.keep == ("url", "date") and config.entities is False
    assert config.n_process == max(1, os.cpu_count() or 1) and config.max_chars is None
    assert pickle.loads(pickle.dumps(config)) == config  # sent to worker processes
    with pytest.raises(AttributeError):
        config.batch_size = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"batch_size": 0}, ValueError, "batch_size must be >= 1"),
        ({"batch_size": 2.0}, TypeError, "batch_size must be an int"),
        ({"n_process": "2"}, TypeError, "n_process must be an int"),
        ({"n_process": 0}, ValueError, "n_process must be >= 1"),
        ({"n_process": True}, TypeError, "n_process must be an int"),
        ({"max_chars": 0}, ValueError, "max_chars must be >= 1"),
        ({"text_field": 1}, TypeError, "text_field must be a str"),
        ({"id_field": 1}, TypeError, "id_field must be a str or None"),
        ({"model": 3}, TypeError, "model must be a str"),
        ({"keep": "url"}, TypeError, r"keep=\('url',\)"),
        ({"keep": ("language",)}, ValueError, "already has a field"),
        ({"keep": (1,)}, TypeError, "field names"),
        ({"keep": 3}, TypeError, "sequence of field names"),
        ({"site_field": 1}, TypeError, "site_field must be a str or None"),
        ({"sample_size": 0}, ValueError, "sample_size must be >= 1"),
        ({"boilerplate": ["a"]}, TypeError, "boilerplate must be a"),
        ({"boilerplate": {"a.fr": "Pub"}}, TypeError, "fitted Boilerplate, not str"),
    ],
)
def test_invalid_options(options, error, message):
    with pytest.raises(error, match=message):
        BatchConfig(**options)
    with pytest.raises(error, match=message):  # replace() checks again
        BatchConfig().replace(**options)


def test_resolve_config_merges_keywords_over_the_config():
    base = BatchConfig(batch_size=8, keep=("url",))
    assert resolve_config(None, {}, caller="f") == BatchConfig()
    assert resolve_config(base, {}, caller="f") is base
    merged = resolve_config(base, {"keep": (), "entities": False}, caller="f")
    assert (merged.batch_size, merged.keep, merged.entities) == (8, (), False)
    with pytest.raises(TypeError, match=r"f\(\) got an unexpected keyword argument 'nope'"):
        resolve_config(None, {"nope": 1}, caller="f")
    with pytest.raises(TypeError, match="unexpected keyword argument 'memory_zone'"):
        resolve_config(None, {"memory_zone": True}, caller="run", exclude=("memory_zone",))
    with pytest.raises(TypeError, match=r"config must be a newsnlp\.batch\.BatchConfig"):
        resolve_config({"batch_size": 8}, {}, caller="f")  # type: ignore[arg-type]


def test_rename_options_warns_once_per_old_name():
    renames = {"text_col": "text_field", "id_col": "id_field"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = rename_options({"text_col": "body", "keep": ()}, renames, caller="g")
    assert out == {"keep": (), "text_field": "body"}
    assert [w.category for w in caught] == [DeprecationWarning]
    assert rename_options({"text_field": "body"}, renames, caller="g") == {"text_field": "body"}
    with pytest.raises(TypeError, match="got both id_col= and id_field="):
        rename_options({"id_col": "a", "id_field": "b"}, renames, caller="g")


def test_output_fields_come_from_the_schema():
    assert SCHEMA_FIELDS == FIELD_NAMES
    assert output_fields(("url", "date")) == ["id", "url", "date", *FIELD_NAMES, "error"]
    assert check_keep(iter(["a", "b"])) == ("a", "b")
