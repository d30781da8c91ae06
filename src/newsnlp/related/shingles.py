"""Body signatures for near-duplicates: word shingles summarised by one-permutation MinHash.

Two articles are near-duplicates when the shorter body's word 3-shingles (three consecutive
index terms of the analyzer) are mostly found in the longer body (containment) and the shorter
is not a small part of the longer (length guard): an updated wire (sentences added, edited or
removed) is one; two write-ups of one event, which share names and facts but not sentences,
are not. The shingles themselves are never kept: each body is summarised by a signature of
:data:`BINS` one-byte values and its number of distinct shingles (:data:`SIGNATURE_BYTES`
bytes per article, whatever its length), from which the resemblance of two bodies is estimated.

* :func:`signatures` — the signatures of token lists (one-permutation hashing, Li et al. 2012,
  "One permutation hashing": one hash per shingle, the minimum of each of 128 bins, kept as
  one byte, b-bit MinHash, Li and König 2010), computed a chunk of bodies at a time;
* :func:`resemblance`, :func:`containment` — estimates for pairs of signatures;
* :func:`is_duplicate` — the rule (:data:`LENGTH_RATIO`, a containment threshold).

Every hash is a fixed function of the tokens (BLAKE2b of each token, integer mixing): the same
body gives the same signature in every process, run and machine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

__all__ = [
    "BINS",
    "LENGTH_RATIO",
    "SHINGLE",
    "SIGNATURE_BYTES",
    "containment",
    "empty_signatures",
    "is_duplicate",
    "length_ratio",
    "resemblance",
    "signatures",
]

#: Bins of a signature (one byte each).
BINS = 128
#: Words per shingle.
SHINGLE = 3
#: Bytes kept per article: the signature and the number of distinct shingles (uint32).
SIGNATURE_BYTES = BINS + 4
#: Length guard: the shorter body has at least this share of the longer one's shingles. An
#: update that adds to a wire stays a duplicate up to 3.3 times the original length; a short
#: text quoted inside a long article is not its duplicate.
LENGTH_RATIO = 0.3
_BITS = 7  # log2(BINS)
_CHUNK = 4096  # bodies hashed at a time
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)  # splitmix64
_C = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_COLLIDE = 1.0 / 255  # two different minima have the same byte value (1 … 255)


class _TokenHashes(dict):
    """Token → 64-bit BLAKE2b hash, computed on first use (a bounded cache)."""

    limit = 500_000

    def __missing__(self, token: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        value = self[token] = int.from_bytes(digest, "little")
        return value


_HASHES = _TokenHashes()


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (a bijection of uint64 that spreads every bit)."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def _shingles(docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The shingle hashes of *docs* (lists of tokens), concatenated, and each one's document.

    A body of fewer than :data:`SHINGLE` tokens has one shingle (its tokens); an empty one none.
    """
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    hashes = np.fromiter(
        (_HASHES[t] for doc in docs for t in doc), dtype=np.uint64, count=int(lengths.sum())
    )
    n_sh = np.where(lengths >= SHINGLE, lengths - SHINGLE + 1, np.minimum(lengths, 1))
    start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), n_sh)
    first = np.repeat(start, n_sh) + (
        np.arange(int(n_sh.sum())) - np.repeat(np.cumsum(n_sh) - n_sh, n_sh)
    )
    end = np.repeat(start + lengths, n_sh)
    padded = np.concatenate((hashes, np.zeros(SHINGLE, dtype=np.uint64)))
    acc = np.zeros(len(first), dtype=np.uint64)
    for w in range(SHINGLE):  # tokens past the end of a short body count as 0
        pos = first + w
        part = np.where(pos < end, padded[np.minimum(pos, len(hashes))], np.uint64(0))
        acc = _mix(acc ^ (part * _C[w]))
    return acc, doc_of


def signatures(docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The signatures of token lists *docs* (one list per body, in text order).

    Returns
    -------
    signatures : ndarray of uint8, shape (len(docs), BINS)
        Bin ``b`` holds the byte value (1 … 255) of the smallest hash among the body's shingles
        that fall in bin ``b``, 0 when none does.
    counts : ndarray of uint32, shape (len(docs),)
        Distinct shingles of each body (0 for an empty body: never a near-duplicate).

    Examples
    --------
    >>> sig, n = signatures([["greve", "sncf", "trafic", "perturbe"], []])
    >>> sig.shape, n.tolist(), int((sig[0] > 0).sum()), int(sig[1].max())
    ((2, 128), [2, 0], 2, 0)
    """
    out = np.zeros((len(docs), BINS), dtype=np.uint8)
    counts = np.zeros(len(docs), dtype=np.uint32)
    for a in range(0, len(docs), _CHUNK):
        part = docs[a : a + _CHUNK]
        h, doc = _shingles(part)
        if not len(h):
            continue
        cell = doc * BINS + (h >> np.uint64(64 - _BITS)).astype(np.int64)
        key = np.sort((cell.astype(np.uint64) << np.uint64(32)) | (h & np.uint64(0xFFFFFFFF)))
        new = np.ones(len(key), dtype=bool)
        new[1:] = key[1:] != key[:-1]  # distinct shingles (bin and 32 bits of their hash)
        cells = (key >> np.uint64(32)).astype(np.int64)
        head = np.ones(len(key), dtype=bool)
        head[1:] = cells[1:] != cells[:-1]  # the smallest hash of each cell comes first
        values = (key[head] & np.uint64(0xFFFFFFFF)) % np.uint64(255) + np.uint64(1)
        out[a : a + len(part)].reshape(-1)[cells[head]] = values.astype(np.uint8)
        counts[a : a + len(part)] = np.bincount(cells[new] // BINS, minlength=len(part))
    return out, counts


def empty_signatures(n: int) -> tuple[np.ndarray, np.ndarray]:
    """*n* unknown signatures (no shingle: never near-duplicates by signature).

    Examples
    --------
    >>> [a.shape for a in empty_signatures(2)]
    [(2, 128), (2,)]
    """
    return np.zeros((n, BINS), dtype=np.uint8), np.zeros(n, dtype=np.uint32)


def resemblance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard resemblance of the shingle sets of signature rows *a* and *b*
    (arrays of shape ``(p, BINS)``), corrected for one-byte collisions; 0 where both are empty.

    Examples
    --------
    >>> sig, _ = signatures([["a", "b", "c", "d"], ["a", "b", "c", "d"], ["x", "y", "z"]])
    >>> resemblance(sig[[0, 0]], sig[[1, 2]]).round(2).tolist()
    [1.0, 0.0]
    """
    a = np.atleast_2d(a)
    b = np.atleast_2d(b)
    full_a, full_b = a != 0, b != 0
    both = np.count_nonzero(full_a & full_b, axis=1)
    either = np.count_nonzero(full_a | full_b, axis=1)
    match = np.count_nonzero((a == b) & full_a, axis=1)
    true_match = (match - both * _COLLIDE) / (1.0 - _COLLIDE)
    with np.errstate(invalid="ignore", divide="ignore"):
        est = np.where(either > 0, true_match / np.maximum(either, 1), 0.0)
    return np.clip(est, 0.0, 1.0)


def length_ratio(na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    """Shingles of the shorter body over those of the longer (0 when one is empty).

    Examples
    --------
    >>> length_ratio(np.array([10, 0]), np.array([40, 5])).tolist()
    [0.25, 0.0]
    """
    lo = np.minimum(na, nb).astype(np.float64)
    hi = np.maximum(na, nb).astype(np.float64)
    return np.divide(lo, hi, out=np.zeros(len(lo)), where=hi > 0)


def containment(a: np.ndarray, b: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    """Estimated share of the shorter body's shingles found in the longer one, from signature
    rows *a*, *b* and shingle counts *na*, *nb* (|A ∩ B| = J (|A| + |B|) / (1 + J)).

    Examples
    --------
    >>> words = [f"w{i}" for i in range(300)]
    >>> sig, n = signatures([words[:100], words])
    >>> float(containment(sig[[0]], sig[[1]], n[[0]], n[[1]])[0]) > 0.8
    True
    """
    j = resemblance(a, b)
    na = np.asarray(na, dtype=np.float64)
    nb = np.asarray(nb, dtype=np.float64)
    inter = j * (na + nb) / (1.0 + j)
    lo = np.minimum(na, nb)
    return np.clip(np.divide(inter, lo, out=np.zeros(len(lo)), where=lo > 0), 0.0, 1.0)


def is_duplicate(
    sig: np.ndarray, counts: np.ndarray, i: np.ndarray, j: np.ndarray, threshold: float
) -> np.ndarray:
    """Mask of the pairs ``(i[p], j[p])`` of rows of *sig*/*counts* that are near-duplicates:
    containment at least *threshold* and the length guard (:data:`LENGTH_RATIO`).

    *i* may also be one signature row and its count, given as ``(row, count)`` (a new text).

    Examples
    --------
    >>> words = [f"w{i}" for i in range(120)]
    >>> sig, n = signatures([words, words[:100], words[:20], [w + "x" for w in words]])
    >>> is_duplicate(sig, n, np.array([0, 0, 0]), np.array([1, 2, 3]), 0.8).tolist()
    [True, False, False]
    """
    if isinstance(i, tuple):
        row, count = i
        a, na = np.broadcast_to(row, (len(j), BINS)), np.full(len(j), count)
    else:
        a, na = sig[i], counts[i]
    b, nb = sig[j], counts[j]
    ok = length_ratio(na, nb) >= LENGTH_RATIO
    if not ok.any():
        return ok
    out = np.zeros(len(j), dtype=bool)
    out[ok] = containment(a[ok], b[ok], na[ok], nb[ok]) >= threshold
    return out
