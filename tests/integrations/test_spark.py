"""newsnlp.integrations.spark on a real local Spark session (``local[2]``): the Spark output
equals the single-machine output on the same records.

Needs pyspark (the ``spark`` extra, installed by ``make test``) and Java 17+. Without them the
tests skip with the reason; with ``CI`` set (or ``NEWSNLP_REQUIRE_SPARK=1``) they fail
instead, so that CI cannot skip them silently.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import sys

import numpy as np
import pytest

from newsnlp.batch import SCHEMA_FIELDS, annotate, output_fields
from newsnlp.related import RelatedArticles

# pyspark 4 warns that it does not fully support pandas 3 (this module does not use pandas)
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")

REQUIRED = os.environ.get("NEWSNLP_REQUIRE_SPARK") == "1" or os.environ.get(
    "CI", ""
).lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(
            f"{reason} — the Spark tests are required here (CI or NEWSNLP_REQUIRE_SPARK=1 is "
            "set): install the spark extra and Java 17+",
            pytrace=False,
        )
    pytest.skip(reason)


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    return shutil.which("java")


@pytest.fixture(scope="module")
def pyspark():
    try:
        import pyspark
    except ImportError:
        _unavailable("pyspark is not installed: pip install 'newsnlp[spark]'")
    return pyspark


@pytest.fixture(scope="module")
def spark(pyspark):
    if _java() is None:
        _unavailable("no Java runtime (java on PATH or $JAVA_HOME/bin/java): Spark needs Java 17+")
    from pyspark.sql import SparkSession

    # the Python workers run this interpreter (the one newsnlp is installed in)
    patch = pytest.MonkeyPatch()
    patch.setenv("PYSPARK_PYTHON", sys.executable)
    patch.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        session = (
            SparkSession.builder.master("local[2]")
            .appName("newsnlp-tests")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.default.parallelism", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "1g")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
    except Exception as exc:  # e.g. a Java older than Spark needs
        patch.undo()
        _unavailable(f"Spark could not start: {type(exc).__name__}: {str(exc)[:300]}")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    patch.undo()


# --------------------------------------------------------------------------- annotate_spark
LONG = "Le gouvernement a présenté son budget. " * 12  # > MAX_CHARS
MAX_CHARS = 400
TEXTS = [
    "Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat son homologue "
    "espagnol.",
    "Temps de lecture : 2 min\nSelon l’ONU, le Maroc et les États-Unis ont signé l’accord.",
    None,
    "",
    "   ",
    LONG,
    "The government presented its budget to parliament on Tuesday.",
    "Pêche : Rabat et Lisbonne signent un accord\nLe ministre de l’Agriculture a signé mardi un "
    "accord avec le Portugal.\nLire aussi : La pêche artisanale en crise",
    "Le président chinois a rencontré le Premier ministre français à Paris.",
    "L’Union européenne et la Banque mondiale financent un projet au Sénégal.",
    "Partager\nLe Maroc et l’Espagne renforcent leur coopération.\n© AFP",
    "Grève à la SNCF : les contrôleurs arrêtent le travail vendredi.",
    "<html><head><title>Budget</title></head><body><article><h1>Le budget voté</h1><p>Les "
    "députés ont adopté mardi le projet de loi de finances pour l’année prochaine.</p>"
    "</article></body></html>",
    "Bruno Retailleau, ministre de l’Intérieur, s’est rendu à Marseille.",
    "Le ministre de l’Intérieur, Abdelouafi Laftit, a reçu le ministre français de l’Intérieur.",
    "Des pluies abondantes sont attendues en Algérie et en Tunisie cette semaine.",
    "La Commission européenne propose un nouveau pacte sur la migration.",
    "123",
    "Le FMI prévoit une croissance de 3 % au Maroc en 2025.",
    "Emmanuel Macron s’est entretenu avec le roi Mohammed VI.",
]


def _row_dicts(df):
    return [r.asDict(recursive=True) for r in df.collect()]


def _expected(records, keep=(), **kw):
    fields = output_fields(keep)
    return [{f: r.get(f) for f in fields} for r in annotate(records, keep=keep, **kw)]


def test_annotate_spark_equals_annotate(spark):
    from pyspark.sql import types as T

    from newsnlp.integrations.spark import annotate_spark

    rows = [(f"r{i:02d}", text, i, f"https://exemple.fr/{i}") for i, text in enumerate(TEXTS)]
    df = spark.createDataFrame(rows, "id string, text string, n int, url string")
    assert df.rdd.getNumPartitions() == 2
    out = annotate_spark(df, keep=("url", "n"), max_chars=MAX_CHARS)

    # the declared schema: typed columns, no JSON strings
    assert out.columns == output_fields(("url", "n"))
    types = {f.name: f.dataType for f in out.schema.fields}
    assert isinstance(types["id"], T.StringType) and isinstance(types["n"], T.IntegerType)
    assert isinstance(types["reading_time"], T.StructType)
    assert types["reading_time"].names == ["words", "seconds", "minutes", "wpm", "lang"]
    assert isinstance(types["entities"].elementType, T.StructType)
    assert isinstance(types["ministers"].elementType, T.StructType)
    assert isinstance(types["countries"], T.MapType)
    assert isinstance(types["institutions"].elementType, T.StringType)
    assert isinstance(types["removed"].elementType, T.StructType)

    got = _row_dicts(out)
    assert [r["id"] for r in got] == [r[0] for r in rows]  # one row per input, in order
    records = [dict(zip(("id", "text", "n", "url"), r, strict=True)) for r in rows]
    expected = _expected(records, keep=("url", "n"), max_chars=MAX_CHARS)
    for g, e in zip(sorted(got, key=lambda r: r["id"]), expected, strict=True):
        for field in e:
            assert g[field] == e[field], (e["id"], field)
        assert g == e
    by_id = {r["id"]: r for r in got}
    assert by_id["r02"]["error"].startswith("TypeError: text must be str, not None")
    assert by_id["r05"]["error"].startswith(f"ValueError: text has {len(LONG)} characters")
    assert by_id["r03"]["error"] is None and by_id["r03"]["language"] == "und"
    assert by_id["r00"]["ministers"][0]["country"] == "MA"
    assert by_id["r12"]["source"] == "html"
    assert sum(r["error"] is not None for r in got) == 2


def test_annotate_spark_text_column_of_another_type(spark):
    """A text that is not a string (here a column of numbers) gives error records, as
    annotate does for the same records; no row is dropped, the job does not stop."""
    from newsnlp.integrations.spark import annotate_spark

    rows = [(1, 42), (2, None), (3, -7)]
    df = spark.createDataFrame(rows, "key long, body long")
    got = _row_dicts(annotate_spark(df, text_field="body", id_field="key", entities=False))
    expected = _expected(
        [{"key": k, "body": b} for k, b in rows], text_field="body", id_field="key", entities=False
    )
    assert got == expected
    assert got[0]["error"].startswith("TypeError: body must be str, not int")


def test_annotate_spark_checks_arguments(spark):
    from newsnlp.integrations.spark import annotate_spark

    df = spark.createDataFrame([("a", "x")], "id string, text string")
    with pytest.raises(KeyError, match=r"no column 'body'.*text_field="):
        annotate_spark(df, text_field="body")
    with pytest.raises(KeyError, match=r"no column 'key'.*monotonically_increasing_id"):
        annotate_spark(df, id_field="key")
    with pytest.raises(ValueError, match="cannot keep"):
        annotate_spark(df, keep=("language",))
    with pytest.raises(TypeError, match="Spark DataFrame"):
        annotate_spark([{"id": 1, "text": "x"}])
    with pytest.raises(ValueError, match="batch_size"):
        annotate_spark(df, batch_size=0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'n_process'"):
        annotate_spark(df, n_process=2)
    renamed = pytest.warns(
        DeprecationWarning, match=r"annotate_spark\(text_col=\.\.\.\) is deprecated"
    )
    with renamed, pytest.raises(KeyError, match=r"no column 'body'"):
        annotate_spark(df, text_col="body")


def test_annotate_spark_keeps_a_title_as_annotate_does(spark):
    """keep=("title",): a row's title replaces the cleaner's (newsnlp.batch.INPUT_FIELDS)."""
    from newsnlp.integrations.spark import annotate_spark

    rows = [
        ("a", "Le titre du site", TEXTS[7], "u1"),
        ("b", None, TEXTS[7], "u2"),
        ("c", "Sans texte", None, "u3"),
    ]
    df = spark.createDataFrame(rows, "id string, title string, text string, url string")
    out = annotate_spark(df, keep=("title", "url"), entities=False)
    assert out.columns == output_fields(("url",))
    records = [dict(zip(("id", "title", "text", "url"), r, strict=True)) for r in rows]
    got = _row_dicts(out)
    assert got == _expected(records, keep=("title", "url"), entities=False)
    assert [r["title"] for r in got] == ["Le titre du site", "Pêche : Rabat et Lisbonne signent un accord", "Sans texte"]  # fmt: skip
    numbers = spark.createDataFrame([("a", 1, "x")], "id string, title int, text string")
    with pytest.raises(TypeError, match="column 'title' must hold text"):
        annotate_spark(numbers, keep=("title",))


def test_annotate_spark_old_column_names_and_config(spark):
    """text_col= / id_col= still work (deprecated); a BatchConfig gives the same rows."""
    from newsnlp.batch import BatchConfig
    from newsnlp.integrations.spark import annotate_spark

    df = spark.createDataFrame([(1, TEXTS[0]), (2, None)], "key long, body string")
    new = _row_dicts(annotate_spark(df, text_field="body", id_field="key", entities=False))
    with pytest.warns(DeprecationWarning) as caught:
        old = _row_dicts(annotate_spark(df, text_col="body", id_col="key", entities=False))
    renamed = [
        str(w.message).split(" is ")[0] for w in caught if "annotate_spark(" in str(w.message)
    ]
    assert renamed == ["annotate_spark(text_col=...)", "annotate_spark(id_col=...)"]
    assert old == new
    config = BatchConfig(text_field="body", id_field="key", entities=False, n_process=4)
    assert _row_dicts(annotate_spark(df, config=config)) == new


def test_annotation_schema_matches_article_to_dict(pyspark):
    """Every field and nested key of a real record is in the Spark schema, with its type."""
    from pyspark.sql import types as T

    from newsnlp import analyze
    from newsnlp.schema import spark_fields

    fields = {f.name: f.dataType for f in spark_fields()}
    assert list(fields) == [*SCHEMA_FIELDS, "error"]
    rec = analyze(
        "Temps de lecture : 2 min\nPêche : Rabat et Lisbonne signent un accord\nLe ministre des "
        "Affaires étrangères, Nasser Bourita, a reçu à Rabat son homologue portugais, avec l’ONU."
        "\nLire aussi : La pêche en crise"
    ).to_dict()
    assert rec["entities"] and rec["ministers"] and rec["countries"] and rec["removed"]
    python_types = {
        T.StringType: str,
        T.IntegerType: int,
        T.DoubleType: (int, float),
    }

    def check(value, kind, where):
        if value is None:
            return
        if isinstance(kind, T.StructType):
            assert set(value) == set(kind.names), where
            for f in kind.fields:
                check(value[f.name], f.dataType, f"{where}.{f.name}")
        elif isinstance(kind, T.ArrayType):
            for v in value:
                check(v, kind.elementType, f"{where}[]")
        elif isinstance(kind, T.MapType):
            for k, v in value.items():
                check(k, kind.keyType, f"{where} key")
                check(v, kind.valueType, f"{where} value")
        else:
            assert isinstance(value, python_types[type(kind)]), where

    for name, value in rec.items():
        check(value, fields[name], name)
    teaser = {"title": "x", "lede": None}
    check([teaser], fields["teasers"], "teasers")


def test_record_that_does_not_fit_the_schema_becomes_an_error_record(pyspark):
    """Defensive path of the workers: a value that Arrow cannot convert to the declared type
    turns that record (only) into an error record instead of failing the task."""
    from newsnlp.integrations.spark.annotate import _record_columns
    from newsnlp.integrations.spark.common import arrow_schema
    from newsnlp.schema import spark_fields

    schema = arrow_schema(spark_fields())
    good = {"id": 1, "language": "fr", "countries": {"FR": 2}, "institutions": ["ONU"]}
    bad = {"id": 2, "language": "fr", "reading_time": {"words": "many"}}
    columns = _record_columns([good, bad, {"id": 3, "error": "TypeError: x"}], schema)
    rows = {f.name: col.to_pylist() for f, col in zip(schema, columns, strict=True)}
    assert rows["language"] == ["fr", None, None]
    assert rows["countries"][0] == [("FR", 2)]
    assert rows["error"][0] is None and rows["error"][2] == "TypeError: x"
    assert "converting the record to the Spark schema" in rows["error"][1]


def test_missing_pyspark_names_the_extra(monkeypatch):
    from newsnlp.integrations import spark as module

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(ImportError, match=r"newsnlp\[spark\]"):
        module.annotate_spark(object())
    with pytest.raises(ImportError, match=r"newsnlp\[spark\]"):
        module.fit_related_spark(object())


def test_import_newsnlp_does_not_import_pyspark():
    code = (
        "import sys, newsnlp, newsnlp.batch, newsnlp.integrations.spark; "
        "assert 'pyspark' not in sys.modules, 'pyspark imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# --------------------------------------------------------------------------- fit_related_spark
TOPICS = {
    "greve": "grève SNCF contrôleurs trains cheminots syndicats préavis trafic perturbé gares",
    "budget": "budget État déficit députés finances impôts dette ministre économie vote",
    "foot": "football match but équipe entraîneur championnat supporters victoire stade",
    "meteo": "pluies orages vigilance Météo-France inondations vent départements alerte",
    "sante": "hôpital vaccin épidémie médecins patients santé urgences virus soins",
}


def _corpus(n=36, seed=3):
    rnd = random.Random(seed)
    names = list(TOPICS)
    docs = []
    for i in range(n):
        topic = names[i % len(names)]
        words = TOPICS[topic].split()
        body = " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 14)))
        body = f"Le {body.capitalize()} selon l’AFP."
        title = None if i % 7 == 3 else f"{rnd.choice(words).capitalize()} : {rnd.choice(words)}"
        docs.append([f"d{i:02d}", body, title, topic])
    docs[5][1] = docs[0][1]  # an identical body, another title
    docs[9][1] = ""  # an empty body
    docs[13][1] = "Le la les de du des et"  # stop words only
    return docs


def _dates(n):
    values = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            values.append(f"2020-07-{1 + i % 28:02d}")
        elif kind == 1:
            values.append(f"2020-07-{1 + i % 28:02d}T19:09:00+02:00")
        elif kind == 2:
            values.append(None)
        else:
            values.append(f"2021-01-{1 + i % 28:02d}T08:00:00Z")
    return values


def _same_model(a: RelatedArticles, b: RelatedArticles) -> None:
    assert a.vocabulary_ == b.vocabulary_
    assert a.idf_.dtype == b.idf_.dtype
    np.testing.assert_array_equal(a.idf_, b.idf_)
    assert a.n_documents_fit_ == b.n_documents_fit_
    assert a.matrix_.shape == b.matrix_.shape and a.matrix_.dtype == b.matrix_.dtype
    assert (a.matrix_ != b.matrix_).nnz == 0
    assert a.ids_ == b.ids_
    assert a.dates_.dtype == b.dates_.dtype
    assert a.dates_.astype(np.int64).tolist() == b.dates_.astype(np.int64).tolist()
    assert a.body_fingerprints_.tolist() == b.body_fingerprints_.tolist()
    np.testing.assert_array_equal(a.body_signatures_, b.body_signatures_)
    np.testing.assert_array_equal(a.body_shingles_, b.body_shingles_)
    assert (a.min_df_, a.max_df_) == (b.min_df_, b.max_df_)
    # the same latent projection: a small corpus's word vectors, as the local fit's
    assert (a.latent_components_ is None) == (b.latent_components_ is None)
    if a.latent_components_ is not None:
        np.testing.assert_array_equal(a.latent_components_, b.latent_components_)
    for key in a.ids_[:6]:
        assert a.related(key, k=4) == b.related(key, k=4)
    assert a.duplicates() == b.duplicates()


def _local_fit(df, *, id_field="id", title_field=None, date_field=None, **params):
    rows = df.collect()  # the DataFrame's order
    return RelatedArticles(**params).fit(
        [r["text"] for r in rows],
        ids=[r[id_field] for r in rows] if id_field else None,
        titles=[r[title_field] for r in rows] if title_field else None,
        dates=[r[date_field] for r in rows] if date_field else None,
    )


@pytest.fixture(scope="module")
def corpus_df(spark):
    docs = _corpus()
    dates = _dates(len(docs))
    rows = [(*d, date) for d, date in zip(docs, dates, strict=True)]
    return spark.createDataFrame(
        rows, "id string, text string, title string, topic string, date string"
    )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"max_features": 15, "ngram_range": (1, 2), "title_weight": 2},
        {"min_df": 0.05, "max_df": 0.4, "sublinear_tf": False, "dtype": np.float64},
    ],
    ids=["defaults", "max_features-bigrams", "fractions-float64"],
)
def test_fit_related_spark_equals_fit(spark, corpus_df, params):
    from newsnlp.integrations.spark import fit_related_spark

    model = fit_related_spark(corpus_df, title_field="title", date_field="date", **params)
    local = _local_fit(corpus_df, title_field="title", date_field="date", **params)
    _same_model(model, local)
    assert len(model.ids_) == 36 and model.matrix_.nnz > 0
    if "max_features" in params:
        assert len(model.vocabulary_) == 15


def test_fit_related_spark_dates_timestamps_and_positions(spark):
    """Timestamps are instants (stored in UTC), dates are midnight; id_field=None gives
    positions; a corpus where min_df leaves no term keeps every term, as fit does."""
    from newsnlp.integrations.spark import fit_related_spark

    paris = dt.timezone(dt.timedelta(hours=2))
    rows = [
        ("Grève à la SNCF", dt.datetime(2020, 7, 2, 19, 9, tzinfo=paris), dt.date(2020, 7, 2)),
        ("Budget de l’État", None, None),
        ("Des contrôleurs aériens", dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc), None),
    ]
    df = spark.createDataFrame(rows, "text string, ts timestamp, day date")
    for column in ("ts", "day"):
        model = fit_related_spark(df, id_field=None, date_field=column)  # min_df=2: none left
        dates = [r[1] if column == "ts" else r[2] for r in rows]
        local = RelatedArticles().fit([r[0] for r in rows], dates=dates)
        _same_model(model, local)
        assert model.ids_ == [0, 1, 2] and len(model.vocabulary_) == 6
    assert str(model.dates_[0]) == "2020-07-02T00:00:00"
    model = fit_related_spark(df, id_field=None, date_field="ts")
    assert str(model.dates_[0]) == "2020-07-02T17:09:00"


def test_fit_related_spark_errors(spark, corpus_df):
    from newsnlp.integrations.spark import fit_related_spark

    with pytest.raises(TypeError, match="1 of the 2 rows have a null text"):
        fit_related_spark(
            spark.createDataFrame([("a", "x"), ("b", None)], "id string, text string")
        )
    two = spark.createDataFrame([("a", "x y"), ("a", "y z")], "id string, text string")
    with pytest.raises(ValueError, match="duplicate ids: 'a'"):
        fit_related_spark(two)
    dated = spark.createDataFrame(
        [("a", "x", "2020-01-01"), ("b", "y", "hier")], "id string, text string, date string"
    )
    with pytest.raises(ValueError, match=r"row 1 \(id 'b'\): date='hier' is not an ISO 8601"):
        fit_related_spark(dated, date_field="date")
    with pytest.raises(ValueError, match="empty DataFrame"):
        fit_related_spark(corpus_df.limit(0))
    with pytest.raises(TypeError, match="column 'n' must hold strings"):
        fit_related_spark(spark.createDataFrame([("a", 1)], "id string, n int"), text_field="n")
    with pytest.raises(KeyError, match="id_field=None"):
        fit_related_spark(corpus_df, id_field="key")
    with pytest.raises(TypeError, match="unexpected keyword"):
        fit_related_spark(corpus_df, min_dff=2)
    with pytest.raises(ValueError, match="min_df"):
        fit_related_spark(corpus_df, min_df=0)


def test_fit_related_spark_former_column_arguments(spark, corpus_df):
    """text_col, id_col, title_col and date_col (the former names) still work for one release,
    with a DeprecationWarning naming the new one."""
    from newsnlp.integrations.spark import fit_related_spark

    body = corpus_df.withColumnRenamed("text", "body").withColumnRenamed("id", "key")
    with pytest.warns(DeprecationWarning) as caught:
        model = fit_related_spark(
            body, text_col="body", id_col="key", title_col="title", date_col="date"
        )
    ours = [str(w.message) for w in caught if str(w.message).startswith("fit_related_spark(")]
    assert sorted(m.split("(")[1].split("=")[0] for m in ours) == [
        "date_col", "id_col", "text_col", "title_col",
    ]  # fmt: skip
    assert all("_field=" in m for m in ours)
    _same_model(model, _local_fit(corpus_df, title_field="title", date_field="date"))
    with pytest.raises(TypeError, match="both text_col= and text_field="):
        fit_related_spark(body, text_col="body", text_field="body")


# --------------------------------------------------------------------------- Dask (docs example)
# --------------------------------------------------------------------------- related_all_spark
def _pairs(df) -> dict:
    out: dict = {}
    for row in df.collect():
        out.setdefault(row["id"], []).append((row["rank"], row["neighbour_id"], row["score"]))
    return {key: sorted(v) for key, v in out.items()}


@pytest.mark.parametrize("block_rows", [7, 4096])
def test_related_all_spark_equals_related_all(spark, corpus_df, block_rows):
    from newsnlp.integrations.spark import related_all_spark

    out = related_all_spark(corpus_df, k=4, title_field="title", block_rows=block_rows)
    assert out.columns == ["id", "neighbour_id", "score", "rank"]
    assert [f.dataType.simpleString() for f in out.schema.fields] == [
        "string", "string", "float", "int",
    ]  # fmt: skip
    local = _local_fit(corpus_df, title_field="title")
    ids, scores = local.related_all(k=4)
    expected = {
        key: [(r + 1, ids[i, r], float(scores[i, r])) for r in range(4) if ids[i, r] is not None]
        for i, key in enumerate(local.ids_)
    }
    assert _pairs(out) == {key: v for key, v in expected.items() if v}


def test_related_all_spark_with_a_model_and_int_ids(spark):
    from newsnlp.integrations.spark import related_all_spark

    texts = [
        " ".join(TOPICS[t].split()[i % 5 :]) + f" n{i}" for i, t in enumerate(list(TOPICS) * 4)
    ]
    model = RelatedArticles(search="exact").fit(texts, ids=list(range(100, 100 + len(texts))))
    out = related_all_spark(model=model, k=3, spark=spark, partitions=3, block_rows=5)
    assert out.schema["id"].dataType.simpleString() == "bigint"
    got = _pairs(out)
    ids, scores = model.related_all(k=3)
    for i, key in enumerate(model.ids_):
        want = [(r + 1, ids[i, r], float(scores[i, r])) for r in range(3) if ids[i, r] is not None]
        assert got.get(key, []) == want
    with pytest.raises(TypeError, match="DataFrame of articles or a fitted model"):
        related_all_spark(k=3)
    with pytest.raises(TypeError, match="no fit options"):
        related_all_spark(model=model, spark=spark, title_field="title")
    with pytest.raises(ValueError, match="k must be >= 1"):
        related_all_spark(model=model, spark=spark, k=0)


def test_dask_bag_example_equals_annotate():
    """The Dask example of docs/distributed.md gives annotate's records (dask is in the test
    extra; skipped where it is not installed)."""
    db = pytest.importorskip("dask.bag")
    from newsnlp.batch import annotate_partition

    records = [{"id": f"n{i}", "text": t, "url": f"u{i}"} for i, t in enumerate(TEXTS[:6])]
    bag = db.from_sequence(records, npartitions=2)
    annotated = bag.map_partitions(annotate_partition, keep=("url",), max_chars=MAX_CHARS)
    got = annotated.compute(scheduler="synchronous")
    assert got == list(annotate(records, keep=("url",), max_chars=MAX_CHARS))


def test_a_search_worker_imports_no_scikit_learn():
    """A Spark worker unpickling a related_all_spark task imports its module only: no
    scikit-learn (1.2 s per worker), which only the fit needs."""
    code = (
        "import sys, newsnlp.integrations.spark.related_all; "
        "print('sklearn' in sys.modules); "
        "from newsnlp.integrations.spark import fit_related_spark; "
        "from newsnlp.related import RelatedArticles; print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
