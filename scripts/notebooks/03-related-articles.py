# Source of notebooks/03-related-articles.ipynb: edit here, then run scripts/build_notebooks.py.

# %% [markdown]
# # Related articles and near-duplicates
#
# `newsnlp.RelatedArticles` indexes a corpus of French news articles and recommends, for any
# article (or any new text), the most similar ones, with the **terms they share** to explain
# each match. It is a scikit-learn estimator over a TF-IDF built for French press text
# (elisions, accents and stop words handled), and it knows about **near-duplicates**: copies of
# one wire are never recommended for each other, and a group of copies takes one place in a
# list, not three.
#
# This notebook fits it on a corpus of 33,000 articles, looks at the recommendations and the
# near-duplicates it finds, and measures **precision@10** (the share of the 10 recommendations
# that have the query's topic) against scikit-learn's default `TfidfVectorizer()` with cosine
# nearest neighbours. It runs in well under a minute.

# %%
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from sklearn.feature_extraction.text import TfidfVectorizer

import newsnlp
from newsnlp.evaluation import cosine_neighbours, find_data, group_labels, precision_at_k

K = 10  # precision@K
N_QUERIES = 1000  # articles used as queries for precision@K
SEED = 13

pd.set_option("display.max_colwidth", 90)

# %% [markdown]
# ## The corpus
#
# **OrangeSum** as rebuilt in the project's evaluation data (`shared/data/orangesum-fr/`, found
# by `find_data()` above the current folder or in `$NEWSNLP_DATA`): 33,059 articles with
# `id`, `title`, `text`, `date`, `topic` and `subtopic`, plus a list of known duplicate groups
# (articles sharing a title, an abstract or a body). The topic label used below is the topic,
# or topic/subtopic for `societe` (`societe/sante`, `societe/people`…): 12 labels.
#
# Without that data, the notebook uses the 32 invented articles of `examples/corpus-fr.jsonl`
# and their duplicate list: every step runs, on a toy scale.

# %%
orangesum = find_data("orangesum-fr")
if orangesum is not None:
    corpus = pd.read_json(orangesum / "orangesum_articles.jsonl.gz", lines=True, dtype={"id": str})
    duplicates_file = orangesum / "orangesum_duplicate_groups.txt"
    source = "OrangeSum"
else:
    examples = Path("../examples")
    corpus = pd.read_json(examples / "corpus-fr.jsonl", lines=True, dtype={"id": str})
    duplicates_file = examples / "corpus-fr-duplicates.txt"
    source = "the bundled invented corpus"
corpus = corpus.reset_index(drop=True)
corpus["label"] = corpus["topic"].where(
    corpus["topic"] != "societe", "societe/" + corpus["subtopic"]
)
by_id = corpus.set_index("id")
print(f"{source}: {len(corpus):,} articles")
corpus["label"].value_counts().to_frame("articles")

# %% [markdown]
# ## Fit
#
# `fit(texts, ids=..., titles=..., dates=...)`: the bodies, their ids (any `str` or `int`), and
# optionally titles (their terms count with the body's) and dates (for `since=` filters).

# %%
start = time.perf_counter()
model = newsnlp.RelatedArticles().fit(
    corpus["text"].tolist(),
    ids=corpus["id"].tolist(),
    titles=corpus["title"].tolist(),
    dates=corpus["date"].tolist(),
)
print(f"fitted in {time.perf_counter() - start:.1f} s: {len(model.ids_):,} articles")
print(f"{len(model.vocabulary_):,} terms (those in at least 2 articles and at most half of them)")

# %% [markdown]
# ## Related articles, and why
#
# `related(id, k)` returns `Related(id, score, terms)` objects, best first: `score` is the
# cosine similarity, `terms` the indexed terms the two articles share that weigh the most in
# the match (accents folded, as indexed). The first query after `fit` also computes the
# near-duplicate groups, once (a few seconds on 33,000 articles).


# %%
def show_related(query: str, k: int = 5, **kwargs) -> None:
    """Print the query article, then its related articles as a table."""
    q = by_id.loc[query]
    print(f"{query} · {q['label']} · {q['date']:%Y-%m-%d} · {q['title']}")
    rows = [
        {
            "score": round(r.score, 3),
            "id": r.id,
            "label": by_id.at[r.id, "label"],
            "date": f"{by_id.at[r.id, 'date']:%Y-%m-%d}",
            "title": by_id.at[r.id, "title"],
            "shared terms": ", ".join(r.terms),
        }
        for r in model.related(query, k=k, **kwargs)
    ]
    display(pd.DataFrame(rows))


# Three stories: the first article whose title has one of these words (in date order).
keywords = ["Brexit", "Notre-Dame", "SNCF", "Budget", "urgences", "Cannes"]
stories = []
for word in keywords:
    hits = corpus[corpus["title"].str.contains(word, regex=False)].sort_values("date")
    if len(hits) and len(stories) < 3:
        stories.append(hits["id"].iat[0])

start = time.perf_counter()
model.related(stories[0], k=1)
print(f"first query (builds the near-duplicate groups): {time.perf_counter() - start:.1f} s\n")
for story in stories:
    show_related(story)

# %% [markdown]
# A text that is not in the index works the same way: `related()` reads any string that is not
# a known id as a text (`by="text"` forces it).

# %%
new_text = (
    "Le gouvernement a présenté un plan pour lutter contre les déserts médicaux : aides à "
    "l'installation des jeunes médecins dans les zones rurales et développement de la "
    "télémédecine."
)
pd.DataFrame(
    [
        {"score": round(r.score, 3), "id": r.id, "title": by_id.at[r.id, "title"], "terms": r.terms}
        for r in model.related(new_text, k=5)
    ]
)

# %% [markdown]
# ## Near-duplicates
#
# Agencies re-send wires, sites republish them under another title, updates repeat most of a
# story. `duplicates()` returns the groups of articles whose TF-IDF cosine is at least
# `duplicate_threshold` (0.9 by default), chained (A~B and B~C make one group), plus the
# articles whose bodies are identical whatever their titles.

# %%
groups = model.duplicates()
sizes = pd.Series([len(g) for g in groups], dtype=int)
print(
    f"{len(groups):,} groups of near-duplicates, {sizes.sum():,} articles; "
    f"group sizes: {sizes.value_counts().sort_index().to_dict()}"
)
# Two examples: the largest group, and a pair published under different titles.
different_titles = [g for g in groups if by_id.loc[g, "title"].nunique() > 1]
for group in [max(groups, key=len), *different_titles[:1]]:
    display(by_id.loc[group[:6], ["date", "label", "title"]])

# %% [markdown]
# The corpus comes with its own list of duplicates (same title, abstract or body). The groups
# with identical bodies are found by `duplicates()`; the others are often updated or re-edited
# wires whose text changed, below the 0.9 threshold: related stories rather than copies.

# %%
ids = corpus["id"].tolist()
known = group_labels([line.split(",") for line in duplicates_file.read_text("utf-8").split()], ids)
found = group_labels(groups, ids)
members = pd.DataFrame({"known": known, "found": found})[known >= 0]
whole = members.groupby("known")["found"].agg(lambda s: s.iat[0] >= 0 and s.nunique() == 1)
print(f"known duplicate groups: {len(whole):,} ({len(members):,} articles)")
print(f"found whole by duplicates(): {whole.mean():.0%}")

# %% [markdown]
# ## How duplicate groups are excluded
#
# **In the recommendations.** `related()` never returns the query's own near-duplicates (cosine
# ≥ 0.9 or the same body), and, with `collapse_duplicates=True` (the default), it keeps only
# the best-ranked article of each group among the results, the next articles taking the freed
# places: *k* articles still come back. Here, an article of the largest group and its
# recommendations: none of its copies is among them.

# %%
largest = max(groups, key=len)
related_ids = [r.id for r in model.related(largest[0], k=K)]
print(f"{largest[0]} has {len(largest) - 1} near-duplicates in the index;")
print(f"among its {len(related_ids)} related articles: {len(set(related_ids) & set(largest))}")

# %% [markdown]
# **In the evaluation.** The corpus' list of known duplicates also holds articles that are not
# near-duplicates for the model (an updated wire). They share the query's topic by
# construction, so any method would score an easy hit with them: the evaluation below skips
# them for both systems. For one query, `exclude=` does it: here a query whose
# recommendations include a member of its known group, then the same query with its group
# excluded.

# %%
group_of = pd.Series(known, index=ids)
example = None
for query in corpus["id"][known >= 0]:
    mates = [i for i in group_of.index[group_of == group_of[query]] if i != query]
    if set(mates) & {r.id for r in model.related(query, k=5)}:
        example = query
        break
if example is None:
    print("no query has a known duplicate among its first 5 related articles")
else:
    print(f"known duplicates of {example}: {mates}\n")
    show_related(example)
    show_related(example, exclude=mates)

# %% [markdown]
# In `precision_at_k`, `groups=` (one group number per article, from `group_labels`) does the
# same for every query at once: a neighbour in the query's group is skipped before the first
# *k* are counted. Each system is therefore asked for `K + (largest group − 1)` neighbours, so
# that *k* remain after skipping.
#
# ## Precision@10 against scikit-learn's defaults
#
# For `N_QUERIES` random articles: the share of their 10 recommendations that have their
# label (topic, or topic/subtopic). Baseline: `TfidfVectorizer()` with its default parameters
# on `title + "\n" + text` (the same words newsnlp sees), then the exact cosine nearest
# neighbours of each query among all the articles (`newsnlp.evaluation.cosine_neighbours`).
# "chance" is what random neighbours would score: the sum of the squared label shares.

# %%
rng = np.random.default_rng(SEED)
queries = np.sort(rng.choice(len(corpus), size=min(N_QUERIES, len(corpus)), replace=False))
depth = K + (int(np.bincount(known[known >= 0]).max()) - 1 if (known >= 0).any() else 0)
position = {id_: i for i, id_ in enumerate(ids)}
labels = corpus["label"].to_numpy()

start = time.perf_counter()
newsnlp_nb = [[position[r.id] for r in model.related(ids[q], k=depth)] for q in queries]
newsnlp_s = time.perf_counter() - start

start = time.perf_counter()
X = TfidfVectorizer().fit_transform(corpus["title"] + "\n" + corpus["text"])
baseline_nb = cosine_neighbours(X, queries, k=depth)
baseline_s = time.perf_counter() - start

per_query = pd.DataFrame(
    {
        "newsnlp RelatedArticles": precision_at_k(
            newsnlp_nb, labels, k=K, queries=queries, groups=known, average=False
        ),
        "TfidfVectorizer() + cosine": precision_at_k(
            baseline_nb, labels, k=K, queries=queries, groups=known, average=False
        ),
    },
    index=pd.Index(labels[queries], name="label"),
)
chance = float((corpus["label"].value_counts(normalize=True) ** 2).sum())
print(f"{len(queries):,} queries, {depth} neighbours each")
print(f"newsnlp: {newsnlp_s:.1f} s; baseline (vectorise + neighbours): {baseline_s:.1f} s")
summary = per_query.mean().to_frame(f"P@{K}").round(3)
display(summary)
per_query.groupby("label").mean().round(3).assign(queries=per_query.groupby("label").size())

# %% tags=["figure:03-precision"]
fig, ax = plt.subplots(figsize=(5.5, 3), dpi=80)
names = [*summary.index, "chance"]
values = [*summary[f"P@{K}"], chance]
bars = ax.barh(names[::-1], values[::-1], color=["#bbbbbb", "#9dc3e6", "#2e75b6"])
ax.bar_label(bars, fmt="%.3f", padding=3)
ax.set_xlim(0, 1)
ax.set_xlabel(f"precision@{K} (same topic/subtopic), {len(queries):,} queries")
ax.set_title(f"Related articles on {source}")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Going further
#
# * `model.related_all(k=10)` gives every article's neighbours at once (ids and scores as
#   arrays), computed blockwise; `n_jobs=-1` uses every core.
# * `model.related(text_or_id, since="2020-01-01")` keeps recent articles only;
#   `exclude=` removes ids you already showed.
# * `model.save("models/news")` writes the index without pickle (JSON + NumPy files with a
#   manifest); `newsnlp.RelatedArticles.load("models/news")` reads it back. From the shell:
#   `newsnlp related fit corpus.jsonl -o models/news`, then
#   `newsnlp related query models/news --id 12345 -k 5`.
