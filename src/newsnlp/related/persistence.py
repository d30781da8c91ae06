"""Saved related-articles indexes: a directory of JSON and ``.npy`` files, written atomically,
checked file by file and array by array on load, read without pickle.

The format (version 2; version 1 is still read) is stable: ``manifest.json`` (format name and
version, library versions, parameters, the analyzer's name in
:data:`~newsnlp.related.analysis.ANALYZERS`, the matrix shape, the document-frequency limits
applied, the SHA-256 and size of every other file), ``ids.json``, ``vocabulary.json`` (terms in
column order), ``data.npy``, ``indices.npy``, ``indptr.npy`` (the CSR matrix), ``idf.npy``,
``dates.npy``, ``body_fingerprints.npy`` and, since version 2, ``body_signatures.npy`` and
``body_shingles.npy`` (:mod:`newsnlp.related.shingles`: 132 bytes per article) and
``latent_components.npy`` (:mod:`newsnlp.related.latent`: 256 bytes per term; the articles'
latent vectors are recomputed at load). An index of
version 1 has no signatures: its near-duplicates are decided by cosine, as when it was saved.

A model directory is input, not trusted code (:mod:`newsnlp.related.storage` for the files,
:func:`problems` for the arrays): whatever its bytes, :func:`load` gives a working index or
raises ``ValueError``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn

from newsnlp._version import __version__
from newsnlp.related.analysis import ANALYZERS, analyzer_name
from newsnlp.related.duplicates import FINGERPRINT_DTYPE, valid_fingerprints
from newsnlp.related.index import set_index
from newsnlp.related.latent import MIN_DOCUMENTS
from newsnlp.related.params import check_params
from newsnlp.related.shingles import BINS
from newsnlp.related.storage import (
    new_folder,
    parse_array,
    read_file,
    recover,
    replace_folder,
    write_array,
    write_file,
)

__all__ = [
    "ADDED_PARAMS",
    "FINGERPRINT_FILE",
    "FORMAT",
    "FORMAT_VERSION",
    "JSON_FILES",
    "LATENT_FILE",
    "NPY_FILES",
    "SIGNATURE_FILES",
    "load",
    "problems",
    "read_manifest",
    "save",
    "sha256",
]

logger = logging.getLogger(__name__)

FORMAT = "newsnlp.RelatedArticles"
FORMAT_VERSION = 2
_READS = (1, 2)
NPY_FILES = ("data.npy", "indices.npy", "indptr.npy", "idf.npy", "dates.npy")
JSON_FILES = ("ids.json", "vocabulary.json")
#: Saved body fingerprints (optional in version 1: an index saved before them loads without).
FINGERPRINT_FILE = "body_fingerprints.npy"
#: Saved body signatures and shingle counts (version 2).
SIGNATURE_FILES = ("body_signatures.npy", "body_shingles.npy")
#: The saved latent projection (version 2, with ``latent_dims`` > 0).
LATENT_FILE = "latent_components.npy"
_ALL_FILES = frozenset({"manifest.json", *JSON_FILES, *NPY_FILES, FINGERPRINT_FILE,
                        *SIGNATURE_FILES, LATENT_FILE})  # fmt: skip
#: Parameters added after format version 1, with the value a manifest without them gets.
ADDED_PARAMS: dict[str, Any] = {
    "collapse_duplicates": True,
    "search": "pruned",
    "n_candidates": 100,
    "entities": False,
    "entity_weight": 1.0,
    "latent_dims": 0,  # an index saved before latent topics ranks by cosine, as then
    "latent_weight": 1.0,
    "word_vectors": None,  # an index saved before word vectors has none
    "word_vector_weight": 0.5,
}


def _json(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _check_target(target: Path) -> None:
    """Refuse a *target* that save must not replace: a link, a file, a directory that is
    neither empty nor a saved index (its other files would be lost)."""
    if target.is_symlink():
        raise ValueError(
            f"{target} is a symbolic link: save never writes through a link; "
            "pass the directory's real path"
        )
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target} exists and is not a directory: choose another path")
    if target.is_dir():
        names = {p.name for p in target.iterdir()}
        if names and ("manifest.json" not in names or not names <= _ALL_FILES):
            raise ValueError(
                f"{target} is neither empty nor a saved index (it holds "
                f"{sorted(names - _ALL_FILES)[:5] or sorted(names)[:5]}): save replaces the "
                "whole directory, so choose a new path"
            )


def _manifest(est: Any, name: str, files: dict) -> dict[str, Any]:
    params = est.get_params(deep=False)
    params["analyzer"] = name
    params["ngram_range"] = list(est.ngram_range)
    params["dtype"] = np.dtype(est.dtype).name
    m = est.matrix_
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "versions": {
            "newsnlp": __version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "params": params,
        "analyzer": name,
        "shape": [int(m.shape[0]), int(m.shape[1])],
        "n_documents_fit": int(est.n_documents_fit_),
        "df_limits": [getattr(est, "min_df_", est.min_df), getattr(est, "max_df_", est.max_df)],
        "files": files,
    }


def save(est: Any, path: str | os.PathLike) -> Path:
    """Save fitted *est* to directory *path*, atomically; see
    :meth:`newsnlp.related.RelatedArticles.save`.

    Examples
    --------
    >>> import tempfile
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sorted(p.name for p in save(est, Path(d) / "m").iterdir())[:3]
    ['body_fingerprints.npy', 'body_shingles.npy', 'body_signatures.npy']
    """
    name = analyzer_name(est.analyzer)
    if ANALYZERS.get(name) is not est.analyzer:
        raise ValueError(
            f"cannot save an index whose analyzer is {name}: only the newsnlp analyzers "
            f"{sorted(ANALYZERS)} can be saved (by name; code is never pickled)"
        )
    target = Path(path)
    _check_target(target)
    m = est.matrix_
    arrays = {
        "data.npy": m.data,
        "indices.npy": m.indices,
        "indptr.npy": m.indptr,
        "idf.npy": est.idf_,
        "dates.npy": est.dates_,
        FINGERPRINT_FILE: np.asarray(est.body_fingerprints_, dtype=FINGERPRINT_DTYPE),
    }
    if est.latent_components_ is not None:
        arrays[LATENT_FILE] = est.latent_components_
    if est.body_signatures_ is not None:
        arrays.update(zip(SIGNATURE_FILES, (est.body_signatures_, est.body_shingles_), strict=True))
    folder = new_folder(target)
    try:
        files = {fname: write_array(folder, fname, arr) for fname, arr in arrays.items()}
        files["ids.json"] = write_file(folder, "ids.json", _json(est.ids_))
        files["vocabulary.json"] = write_file(
            folder, "vocabulary.json", _json(list(est.vocabulary_))
        )
        manifest = json.dumps(_manifest(est, name, files), ensure_ascii=False, indent=2,
                              sort_keys=True)  # fmt: skip
        write_file(folder, "manifest.json", manifest.encode("utf-8"))
        replace_folder(folder, target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    logger.info("saved %d articles to %s", m.shape[0], target)
    return target


def _expected(files: object, version: int) -> set[str]:
    """The files an index of format *version* listing *files* must have: signatures since
    version 2 (both or neither: an index of the cosine rule, loaded from version 1, saves none),
    fingerprints in version 1 when listed (absent before they existed)."""
    expected = {*JSON_FILES, *NPY_FILES}
    listed = files if isinstance(files, dict) else {}
    if version >= 2:
        expected.add(FINGERPRINT_FILE)
        if any(name in listed for name in SIGNATURE_FILES):
            expected.update(SIGNATURE_FILES)
        if LATENT_FILE in listed:
            expected.add(LATENT_FILE)
    elif FINGERPRINT_FILE in listed:
        expected.add(FINGERPRINT_FILE)
    return expected


def read_manifest(folder: Path) -> tuple[dict[str, Any], dict[str, bytearray]]:
    """The manifest of the index saved in *folder* and the bytes of every file it lists, each
    read once and checked (size and SHA-256) against the manifest.

    Examples
    --------
    >>> import tempfile
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     manifest, files = read_manifest(save(est, Path(d) / "m"))
    >>> manifest["format"], manifest["shape"], len(files)
    ('newsnlp.RelatedArticles', [2, 3], 11)
    """
    if not (folder / "manifest.json").exists() and not (folder / "manifest.json").is_symlink():
        raise FileNotFoundError(
            f"{folder / 'manifest.json'} not found: not a saved RelatedArticles index"
        )
    try:
        manifest = json.loads(bytes(read_file(folder, "manifest.json")).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"manifest.json in {folder} is not valid JSON: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError(f"manifest.json in {folder} is not a {FORMAT} manifest")
    version = manifest.get("format_version")
    if version not in _READS:
        raise ValueError(
            f"unsupported format_version {version!r} in {folder / 'manifest.json'} "
            f"(this newsnlp reads versions {list(_READS)})"
        )
    files = manifest.get("files")
    expected = _expected(files, version)
    if not isinstance(files, dict) or set(files) != expected:
        raise ValueError(
            f"manifest.json in {folder} must list exactly the files {sorted(expected)}"
        )
    blobs = {}
    for fname in sorted(expected):
        info = files[fname] if isinstance(files[fname], dict) else {}
        blob = read_file(folder, fname)
        if len(blob) != info.get("size"):
            raise ValueError(
                f"{fname} in {folder} has {len(blob)} bytes, the manifest says "
                f"{info.get('size')}: the file is truncated or was modified"
            )
        if sha256(blob) != info.get("sha256"):
            raise ValueError(
                f"{fname} in {folder} does not match its SHA-256 in the manifest: "
                "the file is corrupted or was modified"
            )
        blobs[fname] = blob
    return manifest, blobs


def sha256(data: bytes | bytearray | Path) -> str:
    """The hex SHA-256 of *data* (bytes, or the file at a path).

    Examples
    --------
    >>> sha256(b"")[:12]
    'e3b0c44298fc'
    """
    if isinstance(data, Path):
        data = data.read_bytes()
    return hashlib.sha256(data).hexdigest()


def _params(manifest: dict[str, Any], folder: Path, known: set[str]) -> dict[str, Any]:
    """The estimator's parameters from *manifest* (the analyzer resolved by name)."""
    name = manifest.get("analyzer")
    if not isinstance(name, str) or name not in ANALYZERS:
        raise ValueError(
            f"unknown analyzer {name!r} in {folder / 'manifest.json'}: allowed {sorted(ANALYZERS)}"
        )
    params = manifest.get("params")
    if isinstance(params, dict):  # saved before these parameters existed: their defaults
        params = {**{p: v for p, v in ADDED_PARAMS.items() if p not in params}, **params}
    if not isinstance(params, dict) or set(params) != known:
        raise ValueError(
            f"manifest.json in {folder} must give exactly the parameters {sorted(known)}"
        )
    params = dict(params)
    params["analyzer"] = ANALYZERS[name]
    try:
        params["ngram_range"] = tuple(params["ngram_range"])
        params["dtype"] = np.dtype(params["dtype"]).type
    except (TypeError, ValueError):
        raise ValueError(f"manifest.json in {folder}: bad ngram_range or dtype") from None
    return params


def _shape(manifest: dict[str, Any], folder: Path) -> tuple[int, int, int]:
    shape, fit_n = manifest.get("shape"), manifest.get("n_documents_fit")
    ints = [*shape, fit_n] if isinstance(shape, list) and len(shape) == 2 else []
    if len(ints) != 3 or not all(type(x) is int and x >= 0 for x in ints):
        raise ValueError(f"manifest.json in {folder}: shape and n_documents_fit must be counts")
    return shape[0], shape[1], fit_n


def _is_id(value: object) -> bool:
    return type(value) is str or type(value) is int


def _matrix_problems(data, indices, indptr, n: int, v: int, dtype: np.dtype) -> list[str]:
    """What makes ``(data, indices, indptr)`` not a canonical CSR matrix of unit rows."""
    if data.dtype != dtype or data.ndim != 1:
        return [f"data.npy must hold {dtype.name} values (it holds {data.dtype})"]
    if indices.dtype not in (np.int32, np.int64) or indptr.dtype not in (np.int32, np.int64):
        return ["indices.npy and indptr.npy must hold int32 or int64"]
    if indices.shape != data.shape or indptr.shape != (n + 1,):
        return ["indices.npy, indptr.npy and data.npy do not match the manifest's shape"]
    ptr = indptr.astype(np.int64)
    if ptr[0] != 0 or ptr[-1] != len(data) or (np.diff(ptr) < 0).any():
        return ["indptr.npy is not a monotonic row index from 0 to the number of values"]
    if len(indices) and (indices.min() < 0 or indices.max() >= v):
        return ["indices.npy has column indices outside the vocabulary"]
    rows = np.repeat(np.arange(n), np.diff(ptr))
    step = np.diff(indices.astype(np.int64))
    if (step[rows[1:] == rows[:-1]] <= 0).any():
        return ["indices.npy is not sorted without repeats within each row"]
    if not np.isfinite(data).all():
        return ["data.npy holds NaN or infinite values"]
    norms = np.bincount(rows, weights=data.astype(np.float64) ** 2, minlength=n)
    if (np.abs(norms - 1) > 1e-3)[norms > 0].any():
        return ["data.npy's rows are not unit vectors"]
    return []


def problems(arrays: dict[str, Any], n: int, v: int, dtype: Any) -> list[str]:
    """What is wrong with the arrays of an index of shape ``(n, v)`` and value type *dtype*:
    types, shapes, a canonical CSR matrix of unit rows with finite values, a finite positive
    idf, ``datetime64[s]`` dates, fingerprints, signatures (``[]``: nothing).

    Examples
    --------
    >>> ok = {"ids": ["a"], "terms": ["t"], "data": np.ones(1, np.float32),
    ...       "indices": np.zeros(1, np.int32), "indptr": np.array([0, 1], np.int32),
    ...       "idf": np.ones(1), "dates": np.zeros(1, "datetime64[s]"),
    ...       "fingerprints": np.zeros(1, "S32"), "signatures": None, "shingles": None}
    >>> problems(ok, 1, 1, np.float32)
    []
    >>> problems({**ok, "indptr": np.array([0, 5], np.int32)}, 1, 1, np.float32)
    ['indptr.npy is not a monotonic row index from 0 to the number of values']
    """
    ids, terms = arrays["ids"], arrays["terms"]
    out = []
    if not isinstance(ids, list) or len(ids) != n or not all(map(_is_id, ids)):
        out.append(f"ids.json must hold {n} ids (str or int)")
    elif len(set(ids)) != n:
        out.append("ids.json holds repeated ids")
    if not isinstance(terms, list) or len(terms) != v or not all(type(t) is str for t in terms):
        out.append(f"vocabulary.json must hold {v} terms (str)")
    elif len(set(terms)) != v:
        out.append("vocabulary.json holds repeated terms")
    out += _matrix_problems(
        arrays["data"], arrays["indices"], arrays["indptr"], n, v, np.dtype(dtype)
    )
    idf, dates = arrays["idf"], arrays["dates"]
    if idf.dtype != np.float64 or idf.shape != (v,) or not (np.isfinite(idf) & (idf > 0)).all():
        out.append(f"idf.npy must hold {v} finite positive float64 values")
    if dates.shape != (n,) or dates.dtype != np.dtype("datetime64[s]"):
        out.append(f"dates.npy must hold {n} datetime64[s] values")
    if not valid_fingerprints(arrays["fingerprints"], n):
        out.append(f"{FINGERPRINT_FILE} must hold {n} fingerprints (S32, hex or empty)")
    comps = arrays.get("latent")
    if comps is not None and (
        comps.dtype != np.float32 or comps.ndim != 2 or comps.shape[1] != v
        or not 1 <= comps.shape[0] <= 1024 or not np.isfinite(comps).all()
    ):  # fmt: skip
        out.append(f"{LATENT_FILE} must hold finite float32 rows of {v} values")
    sig, shingles = arrays["signatures"], arrays["shingles"]
    if sig is not None and (sig.dtype != np.uint8 or sig.shape != (n, BINS)):
        out.append(f"{SIGNATURE_FILES[0]} must hold {n} rows of {BINS} uint8")
    if shingles is not None and (shingles.dtype != np.uint32 or shingles.shape != (n,)):
        out.append(f"{SIGNATURE_FILES[1]} must hold {n} uint32 counts")
    return out


def _arrays(blobs: dict[str, bytearray], n: int) -> dict[str, Any]:
    def arr(fname: str) -> np.ndarray:
        return parse_array(blobs[fname], fname)

    def js(fname: str) -> Any:
        try:
            return json.loads(bytes(blobs[fname]).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{fname} is not valid JSON: {exc}") from None

    signed = SIGNATURE_FILES[0] in blobs
    return {
        "ids": js("ids.json"),
        "terms": js("vocabulary.json"),
        "data": arr("data.npy"),
        "indices": arr("indices.npy"),
        "indptr": arr("indptr.npy"),
        "idf": arr("idf.npy"),
        "dates": arr("dates.npy"),
        "fingerprints": (
            arr(FINGERPRINT_FILE) if FINGERPRINT_FILE in blobs else np.zeros(n, FINGERPRINT_DTYPE)
        ),
        "signatures": arr(SIGNATURE_FILES[0]) if signed else None,
        "shingles": arr(SIGNATURE_FILES[1]) if signed else None,
        "latent": arr(LATENT_FILE) if LATENT_FILE in blobs else None,
    }


def load(cls: type, path: str | os.PathLike) -> Any:
    """An estimator of class *cls* from the index saved in *path*, verified first; see
    :meth:`newsnlp.related.RelatedArticles.load`.

    Examples
    --------
    >>> import tempfile
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"], ids=["a", "b"])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     load(RelatedArticles, save(est, Path(d) / "m")).ids_
    ['a', 'b']
    """
    folder = Path(path)
    backup = recover(folder)
    if backup is not None:
        logger.warning("%s is missing: loading %s, left by an interrupted save", folder, backup)
        folder = backup
    manifest, blobs = read_manifest(folder)
    est = cls(**_params(manifest, folder, set(cls().get_params(deep=False))))
    check_params(est.get_params(deep=False), cls.__name__)
    n, v, fit_n = _shape(manifest, folder)
    arrays = _arrays(blobs, n)
    found = problems(arrays, n, v, est.dtype)
    comps = arrays["latent"]
    if comps is not None and fit_n >= MIN_DOCUMENTS and not 0 < comps.shape[0] <= est.latent_dims:
        found.append(f"{LATENT_FILE} has {comps.shape[0]} rows for latent_dims={est.latent_dims}")
    if found:
        raise ValueError(f"inconsistent index in {folder}: " + "; ".join(found))
    limits = manifest.get("df_limits", [est.min_df, est.max_df])
    est.min_df_, est.max_df_ = (
        limits if isinstance(limits, list) and len(limits) == 2 else (est.min_df, est.max_df)
    )
    matrix = sp.csr_matrix((arrays["data"], arrays["indices"], arrays["indptr"]), shape=(n, v))
    signed = arrays["signatures"] is not None
    return set_index(
        est,
        vocabulary={t: i for i, t in enumerate(arrays["terms"])},
        idf=arrays["idf"],
        n_documents_fit=fit_n,
        matrix=matrix,
        ids=arrays["ids"],
        dates=arrays["dates"],
        body_fingerprints=arrays["fingerprints"],
        signatures=(arrays["signatures"], arrays["shingles"]) if signed else None,
        latent=arrays["latent"],
    )
