"""newsnlp.related.persistence: saved indexes (manifest, checksums, no pickle), the format of
version 2, the indexes of version 1 and those saved before its later parameters and files, and
the checks that refuse a crafted model (a model file is input, not trusted code)."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from newsroom import (
    SAME_BODY,
    SB_IDS,
    SB_TEXTS,
    TEXTS,
    fit,
    fit_same_body,
    fit_wires,
    ids_of,
    same_results,
)
from sklearn.base import clone

from newsnlp.related import (
    ANALYZERS,
    RelatedArticles,
    french_analyzer,
    french_analyzer_no_numbers,
)
from newsnlp.related.persistence import FORMAT, FORMAT_VERSION, read_manifest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "related-model-v1"
FILES = (
    "ids.json", "vocabulary.json", "data.npy", "indices.npy", "indptr.npy", "idf.npy",
    "dates.npy", "body_fingerprints.npy", "body_signatures.npy", "body_shingles.npy",
)  # fmt: skip


def test_format_names_and_files_are_stable(tmp_path, index):
    """The saved-model format: its name, version, files and manifest keys."""
    assert (FORMAT, FORMAT_VERSION) == ("newsnlp.RelatedArticles", 2)
    folder = index.save(tmp_path / "idx")
    manifest, files = read_manifest(folder)
    assert set(manifest) == {
        "format", "format_version", "versions", "params", "analyzer", "shape",
        "n_documents_fit", "df_limits", "files",
    }  # fmt: skip
    assert set(files) == set(manifest["files"]) == set(FILES)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*files, "manifest.json"])
    fixture, _ = read_manifest(FIXTURE)  # the previous release's model: version 1
    assert fixture["format_version"] == 1 and set(fixture) == set(manifest) - {"df_limits"}
    added = {"entities", "entity_weight", "latent_dims", "latent_weight", "word_vectors",
             "word_vector_weight"}  # fmt: skip
    assert set(fixture["params"]) == set(manifest["params"]) - added


def test_save_load_round_trip(tmp_path, index):
    est = fit(ngram_range=(1, 2), title_weight=2)
    folder = est.save(tmp_path / "idx")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format_version"] == 2
    assert manifest["analyzer"] == "newsnlp.similarity.french_analyzer"
    assert set(manifest["versions"]) == {"newsnlp", "numpy", "scipy", "scikit-learn"}
    assert manifest["params"]["ngram_range"] == [1, 2] and manifest["params"]["dtype"] == "float32"
    assert set(manifest["files"]) == set(FILES)
    for name, info in manifest["files"].items():
        assert (folder / name).stat().st_size == info["size"] and len(info["sha256"]) == 64
        if name.endswith(".npy"):
            np.load(folder / name, allow_pickle=False)  # no object arrays
    loaded = RelatedArticles.load(folder)
    assert loaded.get_params() == est.get_params()
    assert loaded.ids_ == est.ids_ and loaded.vocabulary_ == est.vocabulary_
    np.testing.assert_array_equal(loaded.dates_, est.dates_)
    same_results(est, loaded)
    assert loaded.duplicates() == est.duplicates()
    loaded.add(["Le PSG gagne encore au Parc des Princes"], ["foot-4"])
    assert loaded.related("foot-4", k=1)[0].id.startswith("foot")
    index.save(folder)  # overwriting a saved index is fine
    same_results(index, RelatedArticles.load(folder))


def test_int_ids_and_float64_round_trip(tmp_path):
    est = RelatedArticles(dtype=np.float64).fit(TEXTS, ids=list(range(100, 100 + len(TEXTS))))
    loaded = RelatedArticles.load(est.save(tmp_path))
    assert loaded.ids_ == est.ids_ and isinstance(loaded.ids_[0], int)
    assert loaded.matrix_.dtype == np.float64
    same_results(est, loaded)


def test_no_pickle(tmp_path, monkeypatch, index):
    def forbidden(*args, **kwargs):
        raise AssertionError("pickle used")

    for name in ("dump", "dumps", "load", "loads"):
        monkeypatch.setattr(pickle, name, forbidden)
    loaded = RelatedArticles.load(index.save(tmp_path))
    assert loaded.related("foot-1") == index.related("foot-1")


@pytest.mark.parametrize(
    "name",
    [
        "data.npy",
        "indices.npy",
        "ids.json",
        "vocabulary.json",
        "dates.npy",
        "body_fingerprints.npy",
    ],
)
def test_tampered_file_refused(tmp_path, index, name):
    folder = index.save(tmp_path)
    path = folder / name
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0x01  # same size, one bit changed
    path.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=rf"{name}.*SHA-256"):
        RelatedArticles.load(folder)


@pytest.mark.parametrize("name", ["indptr.npy", "idf.npy", "ids.json"])
def test_truncated_or_missing_file_refused(tmp_path, index, name):
    folder = index.save(tmp_path)
    path = folder / name
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(ValueError, match=rf"{name}.*truncated"):
        RelatedArticles.load(folder)
    path.unlink()
    with pytest.raises(ValueError, match=rf"{name} is missing"):
        RelatedArticles.load(folder)


def test_manifest_checks(tmp_path, index):
    folder = index.save(tmp_path)
    mpath = folder / "manifest.json"
    manifest = json.loads(mpath.read_text())
    for key, value, message in [
        ("analyzer", "os.system", "unknown analyzer"),
        ("format_version", 99, "unsupported format_version"),
        ("format", "other", "not a newsnlp.RelatedArticles manifest"),
        ("params", {**manifest["params"], "extra": 1}, "exactly the parameters"),
        ("files", {}, "exactly the files"),
    ]:
        mpath.write_text(json.dumps({**manifest, key: value}))
        with pytest.raises(ValueError, match=message):
            RelatedArticles.load(folder)
    mpath.write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        RelatedArticles.load(folder)
    with pytest.raises(FileNotFoundError):
        RelatedArticles.load(tmp_path / "nothing")


def test_custom_analyzer_cannot_be_saved(tmp_path):
    est = RelatedArticles(analyzer=str.split).fit(TEXTS)
    assert est.related(0)  # works, but cannot be saved without pickling code
    with pytest.raises(ValueError, match="only the newsnlp analyzers"):
        est.save(tmp_path)
    assert set(ANALYZERS.values()) >= {french_analyzer, french_analyzer_no_numbers}


def test_path_objects(tmp_path, index):
    assert isinstance(index.save(str(tmp_path / "s")), Path)


def test_collapse_param_clone_save_load(tmp_path):
    est = RelatedArticles(collapse_duplicates=False)
    assert est.get_params()["collapse_duplicates"] is False
    assert clone(est).get_params()["collapse_duplicates"] is False
    assert RelatedArticles().get_params()["collapse_duplicates"] is True
    with pytest.raises(TypeError, match=r"'collapse_duplicates' parameter .* must be an instance"):
        RelatedArticles(collapse_duplicates="yes").fit(TEXTS)
    for value in (False, True):
        fitted = fit_wires(collapse_duplicates=value)
        folder = fitted.save(tmp_path / str(value))
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["params"]["collapse_duplicates"] is value
        assert set(manifest["files"]) == set(FILES)  # the groups are recomputed, not saved
        loaded = RelatedArticles.load(folder)
        assert loaded.collapse_duplicates is value
        assert loaded.get_params() == fitted.get_params()
        assert loaded.related("sncf-2", k=3) == fitted.related("sncf-2", k=3)
        ids_a, sc_a = loaded.related_all(k=3)
        ids_b, sc_b = fitted.related_all(k=3)
        assert ids_a.tolist() == ids_b.tolist()
        np.testing.assert_array_equal(sc_a, sc_b)
    # a manifest written before the parameter existed: its default
    for name in ("collapse_duplicates", "search", "n_candidates", "entities", "entity_weight"):
        del manifest["params"][name]
    for name in ("latent_dims", "latent_weight"):
        del manifest["params"][name]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    old = RelatedArticles.load(folder)
    assert (old.collapse_duplicates, old.search, old.n_candidates) == (True, "pruned", 100)
    assert (old.entities, old.entity_weight) == (False, 1.0)
    assert (old.latent_dims, old.latent_weight) == (0, 1.0)  # ranked by cosine, as then


def test_identical_bodies_save_load(tmp_path):
    est = fit_same_body()
    folder = est.save(tmp_path / "idx")
    fps = np.load(folder / "body_fingerprints.npy", allow_pickle=False)
    assert fps.dtype == np.dtype("S32") and fps.tolist() == est.body_fingerprints_.tolist()
    loaded = RelatedArticles.load(folder)
    np.testing.assert_array_equal(loaded.body_fingerprints_, est.body_fingerprints_)
    assert loaded.duplicates() == est.duplicates()
    for i in SB_IDS:
        assert loaded.related(i, k=20) == est.related(i, k=20)
    assert SAME_BODY not in ids_of(loaded.related("covid-2", k=20))


def test_fingerprint_file_checked(tmp_path):
    folder = fit_same_body().save(tmp_path / "idx")
    path, mpath = folder / "body_fingerprints.npy", folder / "manifest.json"
    manifest = json.loads(mpath.read_text())
    # content that is not fingerprints, with a manifest rewritten to match: refused all the same
    files = {**manifest["files"]}
    for bad in (
        np.array([b"not hex!"] * len(SB_IDS), dtype="S32"),
        np.zeros(3, dtype="S32"),  # wrong length
    ):
        np.save(path, bad, allow_pickle=False)
        files["body_fingerprints.npy"] = {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "size": path.stat().st_size,
        }
        mpath.write_text(json.dumps({**manifest, "files": files}))
        with pytest.raises(ValueError, match=r"body_fingerprints\.npy must hold"):
            RelatedArticles.load(folder)
    # listed in the manifest but missing
    path.unlink()
    with pytest.raises(ValueError, match=r"body_fingerprints\.npy is missing"):
        RelatedArticles.load(folder)


def _version_1(folder: Path, fingerprints: bool = True) -> None:
    """Make the index saved in *folder* one of format version 1 (without signatures and,
    unless *fingerprints*, without body fingerprints), as the previous releases saved it."""
    mpath = folder / "manifest.json"
    manifest = json.loads(mpath.read_text())
    drop = ["body_signatures.npy", "body_shingles.npy"]
    drop += [name for name in ["latent_components.npy"] if name in manifest["files"]]
    if not fingerprints:
        drop.append("body_fingerprints.npy")
    for name in drop:
        del manifest["files"][name]
        (folder / name).unlink()
    for name in ("entities", "entity_weight", "latent_dims", "latent_weight", "word_vectors",
                 "word_vector_weight"):  # fmt: skip
        del manifest["params"][name]
    del manifest["df_limits"]
    manifest["format_version"] = 1
    mpath.write_text(json.dumps(manifest))


def test_index_saved_without_fingerprints_loads(tmp_path):
    est = fit_same_body(duplicate_threshold=0.9)
    folder = est.save(tmp_path / "idx")
    _version_1(folder, fingerprints=False)
    old = RelatedArticles.load(folder)
    assert old.body_signatures_ is None and old.body_shingles_ is None  # the cosine rule
    assert old.body_fingerprints_.dtype == np.dtype("S32")
    assert old.body_fingerprints_.tolist() == [b""] * len(SB_IDS)  # unknown: cosine only
    assert ["covid-2", SAME_BODY] not in old.duplicates()
    assert SAME_BODY in ids_of(old.related("covid-2", k=20))  # the behaviour it was saved with
    ids, _ = old.related_all(k=20)
    assert [x for x in ids[SB_IDS.index("covid-2")].tolist() if x is not None] == ids_of(
        old.related("covid-2", k=20)
    )
    old.add([SB_TEXTS[-1]], ["covid-2-ter"])  # added articles get fingerprints
    assert old.body_fingerprints_[-1] == est.body_fingerprints_[-1]
    assert "covid-2-ter" not in ids_of(old.related(SB_TEXTS[-1], k=20, by="text"))
    assert old.body_signatures_ is None  # still the cosine rule, until a refit
    resaved = RelatedArticles.load(old.save(tmp_path / "again"))
    assert resaved.body_signatures_ is None and resaved.duplicates() == old.duplicates()


def test_version_1_index_keeps_its_cosine_rule(tmp_path):
    est = fit_wires(duplicate_threshold=0.9)
    folder = est.save(tmp_path / "idx")
    _version_1(folder)
    old = RelatedArticles.load(folder)
    cos = (old.matrix_ @ old.matrix_.T).toarray()
    for group in old.duplicates():  # pairs of cosine >= 0.9, or the same body
        rows = [old.ids_.index(i) for i in group]
        assert all(
            max(cos[a, b] for b in rows if b != a) >= 0.9 - 1e-6
            or sum(old.body_fingerprints_[a] == old.body_fingerprints_[b] for b in rows) > 1
            for a in rows
        )


# ---------------------------------------------------------------------------- crafted models
def _rewrite(folder: Path, name: str, array: np.ndarray) -> None:
    """Replace *name* with *array* and re-hash the manifest: a crafted model whose checksums
    all match (what an attacker, or a buggy tool, writes)."""
    path, mpath = folder / name, folder / "manifest.json"
    np.save(path, array, allow_pickle=False)
    manifest = json.loads(mpath.read_text())
    manifest["files"][name] = {
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "size": path.stat().st_size,
    }
    mpath.write_text(json.dumps(manifest))


def _crafted(index: RelatedArticles):
    m = index.matrix_
    data, indices, indptr = m.data, m.indices, m.indptr
    n = m.shape[0]
    backwards = indptr.copy()
    backwards[3], backwards[4] = backwards[4], backwards[3]  # non-monotonic
    beyond = indptr.copy()
    beyond[5] = len(data) + 1000  # out of range
    wide = indices.copy()
    wide[0] = m.shape[1] + 7  # a column outside the vocabulary
    negative = indices.copy()
    negative[1] = -3
    nan, inf = data.copy(), data.copy()
    nan[2], inf[3] = np.nan, np.inf
    return [
        ("indptr.npy", backwards, "monotonic"),
        ("indptr.npy", beyond, "monotonic"),
        ("indptr.npy", indptr[:-1], "shape"),
        ("indices.npy", wide, "outside the vocabulary"),
        ("indices.npy", negative, "outside the vocabulary"),
        ("indices.npy", indices[::-1].copy(), "sorted"),
        ("data.npy", nan, "NaN"),
        ("data.npy", inf, "NaN or infinite"),
        ("data.npy", data * 3, "unit vectors"),
        ("data.npy", data.astype(np.float16), "float32"),
        ("data.npy", data.astype(np.complex64), "float32"),
        ("data.npy", np.array(["x"] * len(data)), "float32"),
        ("indices.npy", indices.astype(np.float32), "int32 or int64"),
        ("idf.npy", np.full(m.shape[1], np.nan), "idf.npy"),
        ("idf.npy", index.idf_.astype(np.float16), "idf.npy"),
        ("dates.npy", np.zeros(n, dtype="datetime64[D]"), "dates.npy"),
        ("body_signatures.npy", np.zeros((n, 64), dtype=np.uint8), "body_signatures"),
        ("body_shingles.npy", np.zeros(n, dtype=np.float64), "body_shingles"),
    ]


def test_crafted_arrays_refused(tmp_path, index):
    """Re-hashed models whose arrays would crash related() natively, answer [] or fail later
    are refused on load with a ValueError naming the problem."""
    for k, (name, array, message) in enumerate(_crafted(index)):
        folder = index.save(tmp_path / f"m{k}")
        _rewrite(folder, name, array)
        with pytest.raises(ValueError, match=message):
            RelatedArticles.load(folder)


def test_crafted_json_and_manifest_refused(tmp_path, index):
    folder = index.save(tmp_path / "m")
    mpath = folder / "manifest.json"
    manifest = json.loads(mpath.read_text())
    for key, value, message in [
        ("shape", [10**9, 3], "match the manifest's shape|shape"),
        ("shape", [-1, 3], "counts"),
        ("n_documents_fit", "many", "counts"),
        ("params", {**manifest["params"], "dtype": "complex64"}, "dtype"),
    ]:
        mpath.write_text(json.dumps({**manifest, key: value}))
        with pytest.raises(ValueError, match=message):
            RelatedArticles.load(folder)
    mpath.write_text(json.dumps(manifest))
    for name, value, message in [
        ("ids.json", [[1]] * len(index.ids_), "ids"),
        ("ids.json", [True] * len(index.ids_), "ids"),
        ("vocabulary.json", list(index.vocabulary_)[:-1], "terms"),
    ]:
        path = folder / name
        path.write_text(json.dumps(value))
        manifest["files"][name] = {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "size": path.stat().st_size,
        }
        mpath.write_text(json.dumps(manifest))
        with pytest.raises(ValueError, match=message):
            RelatedArticles.load(folder)
