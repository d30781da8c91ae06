"""Saved related-articles indexes: a directory of JSON and ``.npy`` files, checked file by
file, read without pickle.

The format (version 1) is stable: ``manifest.json`` (format name and version, library
versions, parameters, the analyzer's name in :data:`~newsnlp.related.analysis.ANALYZERS`,
the matrix shape, the SHA-256 and size of every other file), ``ids.json``,
``vocabulary.json`` (terms in column order), ``data.npy``, ``indices.npy``, ``indptr.npy``
(the CSR matrix), ``idf.npy``, ``dates.npy`` and, since body fingerprints exist,
``body_fingerprints.npy``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
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
from newsnlp.related.params import check_params

__all__ = [
    "ADDED_PARAMS",
    "FINGERPRINT_FILE",
    "FORMAT",
    "FORMAT_VERSION",
    "JSON_FILES",
    "NPY_FILES",
    "load",
    "read_manifest",
    "save",
    "sha256",
]

logger = logging.getLogger(__name__)

FORMAT = "newsnlp.RelatedArticles"
FORMAT_VERSION = 1
NPY_FILES = ("data.npy", "indices.npy", "indptr.npy", "idf.npy", "dates.npy")
JSON_FILES = ("ids.json", "vocabulary.json")
#: Saved body fingerprints (optional: an index saved before them loads without them).
FINGERPRINT_FILE = "body_fingerprints.npy"
#: Parameters added after format version 1, with the value a manifest without them gets.
ADDED_PARAMS: dict[str, Any] = {
    "collapse_duplicates": True,
    "search": "pruned",
    "n_candidates": 100,
}


def sha256(path: Path) -> str:
    """The hex SHA-256 of the file at *path*.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "f").write_bytes(b"")
    ...     sha256(Path(d) / "f")[:12]
    0
    'e3b0c44298fc'
    """
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_json(path: Path, obj: object) -> None:
    with path.open("w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"))


def save(est: Any, path: str | os.PathLike) -> Path:
    """Save fitted *est* to directory *path* (created if needed); see
    :meth:`newsnlp.related.RelatedArticles.save`.

    Examples
    --------
    >>> import tempfile
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sorted(p.name for p in save(est, d).iterdir())[:3]
    ['body_fingerprints.npy', 'data.npy', 'dates.npy']
    """
    name = analyzer_name(est.analyzer)
    if ANALYZERS.get(name) is not est.analyzer:
        raise ValueError(
            f"cannot save an index whose analyzer is {name}: only the newsnlp analyzers "
            f"{sorted(ANALYZERS)} can be saved (by name; code is never pickled)"
        )
    params = est.get_params(deep=False)
    params["analyzer"] = name
    params["ngram_range"] = list(est.ngram_range)
    params["dtype"] = np.dtype(est.dtype).name
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    m = est.matrix_
    arrays = {
        "data.npy": m.data,
        "indices.npy": m.indices,
        "indptr.npy": m.indptr,
        "idf.npy": est.idf_,
        "dates.npy": est.dates_,
        FINGERPRINT_FILE: np.asarray(est.body_fingerprints_, dtype=FINGERPRINT_DTYPE),
    }
    for fname, arr in arrays.items():
        np.save(folder / fname, np.ascontiguousarray(arr), allow_pickle=False)
    _write_json(folder / "ids.json", est.ids_)
    _write_json(folder / "vocabulary.json", list(est.vocabulary_))
    files = {}
    for fname in (*JSON_FILES, *NPY_FILES, FINGERPRINT_FILE):
        p = folder / fname
        files[fname] = {"sha256": sha256(p), "size": p.stat().st_size}
    manifest = {
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
        "files": files,
    }
    with (folder / "manifest.json").open("w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2, sort_keys=True)
    logger.info("saved %d articles to %s", m.shape[0], folder)
    return folder


def read_manifest(folder: Path) -> tuple[dict[str, Any], set[str]]:
    """The manifest of the index saved in *folder* and the files it lists, each checked
    (size and SHA-256) against the manifest.

    Examples
    --------
    >>> import tempfile
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     manifest, files = read_manifest(save(est, d))
    >>> manifest["format"], manifest["shape"], len(files)
    ('newsnlp.RelatedArticles', [2, 3], 8)
    """
    mpath = folder / "manifest.json"
    if not mpath.is_file():
        raise FileNotFoundError(f"{mpath} not found: not a saved RelatedArticles index")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"manifest.json in {folder} is not valid JSON: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError(f"manifest.json in {folder} is not a {FORMAT} manifest")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ValueError(
            f"unsupported format_version {manifest.get('format_version')!r} in {mpath} "
            f"(this newsnlp reads version {FORMAT_VERSION})"
        )
    files = manifest.get("files")
    expected = {*JSON_FILES, *NPY_FILES}
    if isinstance(files, dict) and FINGERPRINT_FILE in files:  # absent before fingerprints
        expected.add(FINGERPRINT_FILE)
    if not isinstance(files, dict) or set(files) != expected:
        raise ValueError(
            f"manifest.json in {folder} must list exactly the files {sorted(expected)} "
            f"(and {FINGERPRINT_FILE}, saved since body fingerprints exist)"
        )
    for fname in sorted(expected):
        p, info = folder / fname, files[fname]
        if not p.is_file():
            raise ValueError(f"{fname} is missing from {folder}")
        size = p.stat().st_size
        if size != info.get("size"):
            raise ValueError(
                f"{fname} in {folder} has {size} bytes, the manifest says {info.get('size')}: "
                "the file is truncated or was modified"
            )
        if sha256(p) != info.get("sha256"):
            raise ValueError(
                f"{fname} in {folder} does not match its SHA-256 in the manifest: "
                "the file is corrupted or was modified"
            )
    return manifest, expected


def _params(manifest: dict[str, Any], folder: Path, known: set[str]) -> dict[str, Any]:
    """The estimator's parameters from *manifest* (the analyzer resolved by name)."""
    name = manifest.get("analyzer")
    if name not in ANALYZERS:
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
    params["ngram_range"] = tuple(params["ngram_range"])
    params["dtype"] = np.dtype(params["dtype"]).type
    return params


def _problems(arrays: dict[str, Any], n: int, v: int) -> list[str]:
    """What is inconsistent in the arrays of an index of shape ``(n, v)``."""
    ids, terms = arrays["ids"], arrays["terms"]
    data, indices, indptr = arrays["data"], arrays["indices"], arrays["indptr"]
    idf, dates, fps = arrays["idf"], arrays["dates"], arrays["fingerprints"]
    problems = []
    if not isinstance(ids, list) or len(ids) != n or len(set(ids)) != n:
        problems.append(f"ids.json must hold {n} unique ids")
    if not isinstance(terms, list) or len(terms) != v or len(set(terms)) != v:
        problems.append(f"vocabulary.json must hold {v} unique terms")
    if indptr.shape != (n + 1,) or indptr[0] != 0 or indptr[-1] != len(data):
        problems.append("indptr.npy does not match the matrix shape")
    if len(indices) != len(data) or (len(indices) and (indices.min() < 0 or indices.max() >= v)):
        problems.append("indices.npy does not match data.npy and the vocabulary")
    if idf.shape != (v,) or dates.shape != (n,) or dates.dtype != np.dtype("datetime64[s]"):
        problems.append("idf.npy or dates.npy has the wrong shape or type")
    if not valid_fingerprints(fps, n):
        problems.append(f"{FINGERPRINT_FILE} must hold {n} fingerprints (S32, hex or empty)")
    return problems


def load(cls: type, path: str | os.PathLike) -> Any:
    """An estimator of class *cls* from the index saved in *path*, verified first; see
    :meth:`newsnlp.related.RelatedArticles.load`.

    Examples
    --------
    >>> import tempfile
    >>> from newsnlp.related import RelatedArticles
    >>> est = RelatedArticles(min_df=1).fit(["Grève SNCF", "Budget"], ids=["a", "b"])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     load(RelatedArticles, save(est, d)).ids_
    ['a', 'b']
    """
    folder = Path(path)
    manifest, files = read_manifest(folder)
    params = _params(manifest, folder, set(cls().get_params(deep=False)))
    est = cls(**params)
    check_params(est.get_params(deep=False), cls.__name__)

    def arr(fname: str) -> np.ndarray:
        return np.load(folder / fname, allow_pickle=False)

    n, v = manifest["shape"]
    arrays = {
        "ids": json.loads((folder / "ids.json").read_text(encoding="utf-8")),
        "terms": json.loads((folder / "vocabulary.json").read_text(encoding="utf-8")),
        "data": arr("data.npy"),
        "indices": arr("indices.npy"),
        "indptr": arr("indptr.npy"),
        "idf": arr("idf.npy"),
        "dates": arr("dates.npy"),
        "fingerprints": (
            arr(FINGERPRINT_FILE) if FINGERPRINT_FILE in files else np.zeros(n, FINGERPRINT_DTYPE)
        ),
    }
    problems = _problems(arrays, n, v)
    if problems:
        raise ValueError(f"inconsistent index in {folder}: " + "; ".join(problems))
    return set_index(
        est,
        vocabulary={t: i for i, t in enumerate(arrays["terms"])},
        idf=arrays["idf"],
        n_documents_fit=int(manifest["n_documents_fit"]),
        matrix=sp.csr_matrix((arrays["data"], arrays["indices"], arrays["indptr"]), shape=(n, v)),
        ids=arrays["ids"],
        dates=arrays["dates"],
        body_fingerprints=arrays["fingerprints"],
    )
