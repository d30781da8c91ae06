"""newsnlp.batch.annotate: one output per input record, in order; error records; the same records
as analyze; keep fields and ids; annotate_partition; annotate_dataframe."""

from __future__ import annotations

import pytest
from batch_corpus import ENGLISH, FRENCH, HTML, corpus

import newsnlp.article
import newsnlp.entities
from newsnlp import analyze
from newsnlp import io as nio
from newsnlp.batch import (
    SCHEMA_FIELDS,
    BatchConfig,
    annotate,
    annotate_dataframe,
    annotate_partition,
    output_fields,
)


def test_one_output_per_input_with_error_records():
    records = [
        {"id": "ok", "text": FRENCH[0]},
        {"id": "no-text", "title": "sans texte"},
        {"id": "none", "text": None},
        {"id": "bytes", "text": FRENCH[0].encode()},
        {"id": "int", "text": 42},
        {"id": "nan", "text": float("nan")},
        {"id": "long", "text": "mot " * 100},
        nio.BadRecord("JSONDecodeError: line 8: Expecting value", 8),
        3.14,
        FRENCH[1],
        {"id": "empty", "text": ""},
    ]
    out = list(annotate(records, max_chars=300, progress=False))
    assert len(out) == len(records)
    assert [r["id"] for r in out] == [
        "ok", "no-text", "none", "bytes", "int", "nan", "long", 7, 8, 9, "empty"
    ]  # fmt: skip
    errors = {r["id"]: r["error"] for r in out if "error" in r}
    assert set(errors) == {"no-text", "none", "bytes", "int", "nan", "long", 7, 8}
    assert errors["no-text"].startswith("KeyError: record has no 'text' field (fields: id, title)")
    assert errors["none"].startswith("TypeError: text must be str, not None")
    assert errors["bytes"].startswith("TypeError: text must be str, not bytes: decode it first")
    assert errors["int"].startswith("TypeError: text must be str, not int")
    assert errors["nan"].startswith("TypeError: text is missing (NaN)")
    assert errors["long"].startswith("ValueError: text has 400 characters, more than max_chars=300")
    assert errors[7] == "JSONDecodeError: line 8: Expecting value"
    assert errors[8] == "TypeError: record must be a dict or a str, not float"
    for record in out:  # an error record has the id and the error only
        assert set(record) == ({"id", "error"} if "error" in record else {"id", *SCHEMA_FIELDS})
    assert out[0]["ministers"][0]["name"] == "Nasser Bourita"
    assert out[-1]["text"] == "" and out[-1]["entities"] == []


def test_same_as_analyze():
    texts = [*FRENCH, ENGLISH, "", "   "]
    try:
        import trafilatura  # noqa: F401 - the html extra
    except ImportError:
        pass
    else:
        texts.append(HTML)
    out = list(annotate(texts, batch_size=2, progress=False))
    for text, record in zip(texts, out, strict=True):
        assert {k: v for k, v in record.items() if k != "id"} == analyze(text).to_dict()
    assert [r["id"] for r in out] == list(range(len(texts)))
    assert out[3]["language"] == "en" and out[3]["entities"] == []
    assert len(texts) == 6 or (out[6]["source"] == "html" and out[6]["ministers"])


def test_keep_fields_ids_and_start():
    records = [
        {"id": 10, "text": FRENCH[0], "url": "u0", "lang": "fr"},
        {"text": FRENCH[1], "url": "u1"},  # no id: its position
        {"id": None, "url": "u2"},  # error record keeps the fields too
    ]
    out = list(annotate(records, keep=("url", "lang"), start=100, progress=False))
    assert [(r["id"], r["url"], r["lang"]) for r in out] == [
        (10, "u0", "fr"),
        (101, "u1", None),
        (102, "u2", None),
    ]
    assert list(out[0])[:3] == ["id", "url", "lang"]
    assert "error" in out[2]
    by_position = list(annotate(records[:2], id_field=None, entities=False, progress=False))
    assert [r["id"] for r in by_position] == [0, 1]
    assert output_fields(("url",)) == ["id", "url", *SCHEMA_FIELDS, "error"]


def test_order_kept_and_batches_do_not_matter():
    records = corpus(40)
    one = list(annotate(records, batch_size=1, progress=False))
    many = list(annotate(iter(records), batch_size=16, progress=False))  # a one-pass iterator
    assert one == many
    assert [r["id"] for r in one] == [r["id"] for r in records]


def test_argument_errors():
    with pytest.raises(TypeError, match="wrap it in a list"):
        annotate("un seul texte")
    with pytest.raises(TypeError, match="wrap it in a list"):
        annotate({"id": 1, "text": "x"})
    with pytest.raises(TypeError, match="iterable"):
        annotate(42)
    with pytest.raises(TypeError, match=r"keep=\('url',\)"):
        annotate([], keep="url")
    with pytest.raises(ValueError, match="already has a field"):
        annotate([], keep=("language",))
    with pytest.raises(ValueError, match="batch_size must be >= 1"):
        annotate([], batch_size=0)
    with pytest.raises(TypeError, match="n_process must be an int"):
        annotate([], n_process="2")
    with pytest.raises(TypeError, match="text_field"):
        annotate([], text_field=1)


def test_spacy_failure_in_a_batch_loses_only_the_failing_record(monkeypatch, caplog):
    real = newsnlp.entities.extract_annotations

    def flaky(texts, **kw):
        texts = list(texts)
        if any("BOUM" in t for t in texts):
            raise RuntimeError("spaCy exploded")
        return real(texts, **kw)

    records = [{"id": i, "text": t} for i, t in enumerate(FRENCH)]
    expected = list(annotate(records, progress=False))
    monkeypatch.setattr(newsnlp.article, "extract_annotations", flaky)
    records.insert(1, {"id": "boum", "text": "Le président BOUM a parlé à Paris."})
    out = list(annotate(records, batch_size=32, progress=False))
    assert [r["id"] for r in out] == [0, "boum", 1, 2]
    assert out[1] == {"id": "boum", "error": "RuntimeError: spaCy exploded"}
    assert [out[0], *out[2:]] == expected
    assert "retrying text by text" in caplog.text


def test_memory_zone_same_records_and_no_vocabulary_growth():
    from newsnlp.entities.spacy_component import load_pipeline

    records = [
        {"id": i, "text": f"Le ministre Xqzwy{i}ovitch a reçu à Vrolbourg{i} le délégué Plonk{i}."}
        for i in range(12)
    ]
    strings = load_pipeline().vocab.strings
    size = len(strings)
    zoned = list(annotate(records, batch_size=4, memory_zone=True, progress=False))
    assert len(strings) == size  # the new words' strings were freed after each batch
    assert zoned == list(annotate(records, batch_size=4, progress=False))
    assert len(strings) > size  # without the zone they stay


def test_no_entities_skips_spacy():
    out = list(annotate(FRENCH, entities=False, progress=False))
    assert all(r["entities"] == [] and r["language"] == "fr" for r in out)
    assert out[0]["reading_time"] == analyze(FRENCH[0], entities=False).reading_time.to_dict()


def test_annotate_partition_is_annotate():
    records = corpus(10)
    assert list(annotate_partition(records, keep=("url",))) == list(
        annotate(records, keep=("url",), progress=False)
    )


def test_annotate_dataframe():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {"text": [FRENCH[0], None, FRENCH[2]], "url": ["a", "b", "c"]}, index=[7, 8, 9]
    )
    out = annotate_dataframe(df, keep=("url",))
    assert list(out.columns) == output_fields(("url",))
    assert list(out.index) == [7, 8, 9] and list(out["id"]) == [7, 8, 9]  # ids from the index
    assert list(out["url"]) == ["a", "b", "c"]
    assert out.loc[8, "error"].startswith("TypeError") and out.loc[8, "text"] is None
    assert out.loc[7, "error"] is None and out.loc[7, "ministers"][0]["country"] == "MA"
    df["id"] = ["x", "y", "z"]
    assert list(annotate_dataframe(df, n_process=1)["id"]) == ["x", "y", "z"]
    with pytest.raises(KeyError, match="text_field"):
        annotate_dataframe(df, text_field="body")
    with pytest.raises(TypeError, match="DataFrame"):
        annotate_dataframe([{"text": "x"}])


def test_annotate_dataframe_columns_by_name_and_old_spelling():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"key": ["k1", "k2"], "body": [FRENCH[0], FRENCH[1]]}, index=[5, 6])
    new = annotate_dataframe(df, text_field="body", id_field="key", entities=False)
    assert list(new["id"]) == ["k1", "k2"] and list(new["language"]) == ["fr", "fr"]
    by_index = annotate_dataframe(df, text_field="body", id_field=None, entities=False)
    assert list(by_index["id"]) == [5, 6]
    with pytest.warns(DeprecationWarning) as caught:
        old = annotate_dataframe(df, text_col="body", id_col="key", entities=False)
    assert [str(w.message).split(" is ")[0] for w in caught] == [
        "annotate_dataframe(text_col=...)",
        "annotate_dataframe(id_col=...)",
    ]
    assert caught[0].filename == __file__  # the warning points at the caller
    assert old.equals(new)
    with pytest.raises(TypeError, match="both text_col= and text_field="):
        annotate_dataframe(df, text_col="body", text_field="body")


# --------------------------------------------------------------------------- config
def test_config_or_keywords_give_the_same_records():
    records = corpus(6)
    config = BatchConfig(keep=("url",), batch_size=2, entities=False)
    expected = list(annotate(records, keep=("url",), batch_size=2, entities=False))
    assert list(annotate(records, config=config, progress=False)) == expected
    assert list(annotate_partition(records, config=config)) == expected
    # keywords win over the config
    merged = list(annotate(records, config=config, keep=(), progress=False))
    assert merged == list(annotate(records, batch_size=2, entities=False, progress=False))
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'batchsize'"):
        annotate(records, batchsize=2)
    with pytest.raises(TypeError, match=r"annotate_partition\(\) got an unexpected .*'n_process'"):
        annotate_partition(records, n_process=2)
    with pytest.raises(TypeError, match=r"config must be a newsnlp\.batch\.BatchConfig"):
        annotate(records, config={"batch_size": 2})


def test_annotate_partition_runs_here_whatever_the_config(monkeypatch):
    import newsnlp.batch.engine

    records = corpus(4)
    expected = list(annotate(records, entities=False, progress=False))

    def no_pool(*args, **kwargs):
        raise AssertionError("annotate_partition started worker processes")

    monkeypatch.setattr(newsnlp.batch.engine, "WorkerPool", no_pool)
    out = list(annotate_partition(records, config=BatchConfig(n_process=2, entities=False)))
    assert out == expected


def test_names_of_the_old_single_module_still_work():
    import newsnlp.batch

    with pytest.warns(DeprecationWarning, match=r"newsnlp\.batch\.annotate\.run moved"):
        from newsnlp.batch.annotate import run
    assert run is newsnlp.batch.run
    with pytest.warns(DeprecationWarning):
        from newsnlp.batch.annotate import SCHEMA_FIELDS as fields
    assert fields == SCHEMA_FIELDS
