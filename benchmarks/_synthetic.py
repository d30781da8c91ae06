"""Deterministic synthetic news-like corpus for the related-articles speed benchmarks.

Not a package module: ``bench_related.py`` and the tests load it by path. Needs only numpy.

A document is a string of word tokens ``w<rank>`` (``w0`` is the most frequent word) separated by
single spaces, e.g. ``"w3 w17 w0 w20417 …"``: both scikit-learn's default token pattern and
newsnlp's :func:`~newsnlp.related.french_analyzer` keep every such token as it is (two or more
word characters, not all digits, ASCII: no stop word, no accent folding).

* Vocabulary: ``vocab_size`` word types (default 200,000), Zipfian frequencies
  ``p(rank) ∝ (rank + 1) ** -exponent`` (default exponent 1.1).
* Lengths: log-normal, mean ``mean_len`` (default 400 tokens, sigma 0.5), clipped to [20, 4000].
* Topics, so that nearest neighbours mean something: every document has one of ``n_topics``
  (1,000) topics and draws a share ``topic_share`` (20 %) of its tokens from its topic's own
  Zipfian list of 2,000 words (exponent 1.1) instead of the global distribution. Topic ``t``'s
  list is a window of a fixed random permutation of the words of rank >= 1,000, shifted by 500
  per topic, so that neighbouring topics share words (graded similarity) and topic words are
  mid/low-frequency words of the global list.
* Determinism and prefixes: documents are made in chunks of :data:`CHUNK` documents, chunk ``c``
  from ``numpy.random.default_rng([seed, c])``. Document ``i`` therefore depends only on
  ``(seed, i)`` and the distribution parameters: ``generate(10_000)`` is the prefix of
  ``generate(100_000)``, and ``generate(200, start=n)`` gives 200 documents that are not among
  the first ``n`` (fresh queries for an index of ``n`` documents).

Speed: about 1 s per 10,000 documents of 400 tokens (vectorised gathers of the token bytes, one
``str`` slice per document), ~2.2 GB of Python strings for 1,000,000 documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

import numpy as np

CHUNK = 10_000
TOPIC_WORDS = 2_000
TOPIC_SHIFT = 500
TOPIC_FIRST_RANK = 1_000


@lru_cache(maxsize=4)
def _tables(vocab_size: int, exponent: float, seed: int):
    """Global CDF, topic CDF, topic permutation and the token byte table (cached per setting)."""
    ranks = np.arange(1, vocab_size + 1, dtype=np.float64)
    cdf = np.cumsum(ranks**-exponent)
    cdf /= cdf[-1]
    topic_cdf = np.cumsum(np.arange(1, TOPIC_WORDS + 1, dtype=np.float64) ** -exponent)
    topic_cdf /= topic_cdf[-1]
    perm = np.random.default_rng([seed, 0x70C]).permutation(vocab_size - TOPIC_FIRST_RANK)
    perm += TOPIC_FIRST_RANK
    words = [f"w{i} ".encode("ascii") for i in range(vocab_size)]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=vocab_size)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    table = np.frombuffer(b"".join(words), dtype=np.uint8)
    return cdf, topic_cdf, perm, table, offsets, lengths


def _chunk(
    c: int,
    *,
    vocab_size: int,
    exponent: float,
    mean_len: float,
    n_topics: int,
    topic_share: float,
    seed: int,
) -> list[str]:
    cdf, topic_cdf, perm, table, offsets, lengths = _tables(vocab_size, exponent, seed)
    rng = np.random.default_rng([seed, c])
    sigma = 0.5
    doc_len = rng.lognormal(np.log(mean_len) - sigma * sigma / 2, sigma, CHUNK)
    doc_len = np.clip(np.rint(doc_len), 20, 4000).astype(np.int64)
    topics = rng.integers(0, n_topics, CHUNK)
    total = int(doc_len.sum())
    tokens = np.searchsorted(cdf, rng.random(total), side="right")
    np.minimum(tokens, vocab_size - 1, out=tokens)  # float rounding at the top of the CDF
    # Topic tokens: a share of each document's positions, drawn from its topic's word list.
    from_topic = rng.random(total) < topic_share
    doc_of_token = np.repeat(np.arange(CHUNK), doc_len)
    n_topic = int(from_topic.sum())
    r = np.searchsorted(topic_cdf, rng.random(n_topic), side="right")
    np.minimum(r, TOPIC_WORDS - 1, out=r)
    window = topics[doc_of_token[from_topic]] * TOPIC_SHIFT + r
    tokens[from_topic] = perm[window % len(perm)]
    del from_topic, doc_of_token, r, window
    # Bytes of "w<rank> " for every token, gathered without a Python loop, 1,000 documents at a
    # time (bounded temporary arrays; the output does not depend on this batch size).
    doc_end = np.cumsum(doc_len)
    out: list[str] = []
    for d0 in range(0, CHUNK, 1000):
        d1 = min(d0 + 1000, CHUNK)
        t0 = int(doc_end[d0 - 1]) if d0 else 0
        toks = tokens[t0 : int(doc_end[d1 - 1])]
        tok_len = lengths[toks]
        ends = np.cumsum(tok_len)
        src = np.repeat(offsets[toks] - (ends - tok_len), tok_len)
        src += np.arange(len(src), dtype=np.int64)
        text = table[src].tobytes().decode("ascii")
        bounds = np.concatenate(([0], ends[doc_end[d0:d1] - t0 - 1])).tolist()
        out.extend(text[a : b - 1] for a, b in pairwise(bounds))
    return out


def iter_documents(
    n: int,
    *,
    start: int = 0,
    vocab_size: int = 200_000,
    exponent: float = 1.1,
    mean_len: float = 400,
    n_topics: int = 1_000,
    topic_share: float = 0.2,
    seed: int = 0,
) -> Iterator[str]:
    """Documents ``start … start + n - 1`` of the corpus, one string at a time."""
    if n < 0 or start < 0:
        raise ValueError("n and start must be >= 0")
    params = dict(
        vocab_size=vocab_size,
        exponent=exponent,
        mean_len=mean_len,
        n_topics=n_topics,
        topic_share=topic_share,
        seed=seed,
    )
    end = start + n
    for c in range(start // CHUNK, (end + CHUNK - 1) // CHUNK):
        docs = _chunk(c, **params)
        lo, hi = max(start - c * CHUNK, 0), min(end - c * CHUNK, CHUNK)
        yield from docs[lo:hi]


def generate(n: int, **kwargs) -> list[str]:
    """``list(iter_documents(n, **kwargs))``: see the module docstring for the distribution."""
    return list(iter_documents(n, **kwargs))
