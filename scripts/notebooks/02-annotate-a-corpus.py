# Source of notebooks/02-annotate-a-corpus.ipynb: edit here, then run scripts/build_notebooks.py.

# %% [markdown]
# # Annotate a corpus: what do thousands of articles talk about?
#
# `newsnlp.annotate_dataframe()` runs `newsnlp.analyze()` over every row of a pandas
# DataFrame and returns one row per article: cleaned text, language, reading time, entities,
# ministers, countries and institutions. This notebook annotates a sample of French news
# articles and turns the result into tables and charts:
#
# * the most-cited countries;
# * the ministers mentioned, month by month;
# * reading time by topic.
#
# **Run time.** Entity recognition costs about 25 ms per article on one core, so the sample is
# sized at `N = 1500` articles: about a minute in all. Raise `N` for a fuller picture (the whole
# corpus, 33,000 articles, takes about 15 minutes on one core; `n_process=2` halves it).

# %%
import time

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from newsnlp import annotate_dataframe
from newsnlp.display import country_name
from newsnlp.evaluation import find_data
from newsnlp.entities.gazetteer import fold

N = 1500  # articles to annotate
SEED = 13  # for the random sample

pd.set_option("display.max_colwidth", 80)

# %% [markdown]
# ## The corpus
#
# The articles come from **OrangeSum** (news from the Orange Actu portal, 2011–2020, mostly
# AFP-style wire copy), as rebuilt in the project's evaluation data, `shared/data/orangesum-fr/`:
# one JSON object per article with `id`, `title`, `text` (the body), `topic` (`france`,
# `politique`, `monde`, `societe`, `auto`), `subtopic` (for `societe`: `people`, `sante`,
# `culture`…), `date` and more. `find_data()` looks for it above the current folder, or in
# `$NEWSNLP_DATA`.
#
# When the data is not on this machine, the notebook falls back on `examples/corpus-fr.jsonl`:
# 32 short articles invented for this project, with the same fields. The figures are then
# tiny, but every step runs.

# %%
orangesum = find_data("orangesum-fr", "orangesum_articles.jsonl.gz")
if orangesum is not None:
    corpus = pd.read_json(orangesum, lines=True, dtype={"id": str})
    source = "OrangeSum"
else:
    corpus = pd.read_json("../examples/corpus-fr.jsonl", lines=True, dtype={"id": str})
    source = "the bundled invented corpus"
sample = corpus.sample(min(N, len(corpus)), random_state=SEED).sort_values("date")
print(f"{source}: {len(corpus):,} articles, annotating {len(sample):,}")
display(sample["topic"].value_counts().to_frame("articles in the sample"))
sample[["id", "date", "topic", "subtopic", "title"]].head()

# %% [markdown]
# ## Annotate
#
# One call. `keep=` copies input columns to the output; the other columns are those of
# `Article.to_dict()`. A row that cannot be processed (no text, not a string…) gets its
# message in `error` instead of failing the whole run. The titles are not passed: OrangeSum
# keeps them apart from the body, and `text` is what is analysed.

# %%
start = time.perf_counter()
ann = annotate_dataframe(sample, keep=("topic", "subtopic", "date"), progress=False)
seconds = time.perf_counter() - start
print(f"{len(ann):,} articles in {seconds:.0f} s ({len(ann) / seconds:.0f} articles/s)")
print(f"errors: {ann['error'].notna().sum()}")
ann[["id", "topic", "language", "reading_time", "ministers", "countries", "institutions"]].head()

# %% [markdown]
# The nested columns hold lists and dicts (the JSON schema of the README). Flatten what the
# charts need into tidy tables: one row per article for reading time, one row per (article,
# country) and per (article, minister).

# %%
ok = ann[ann["error"].isna()].copy()
ok["minutes"] = ok["reading_time"].str["seconds"] / 60
ok["words"] = ok["reading_time"].str["words"]
ok["month"] = pd.to_datetime(ok["date"]).dt.to_period("M")

countries = pd.DataFrame(
    [(r.id, iso, n) for r in ok.itertuples() for iso, n in r.countries.items()],
    columns=["id", "iso", "references"],
)
ministers = pd.DataFrame(
    [
        (r.id, r.month, m["name"], m["role"], m["country"])
        for r in ok.itertuples()
        for m in r.ministers
    ],
    columns=["id", "month", "name", "role", "country"],
)
print(f"languages: {ok['language'].value_counts().to_dict()}")
print(f"{len(countries):,} (article, country) pairs, {len(ministers):,} (article, minister) pairs")

# %% [markdown]
# ## Most-cited countries
#
# A country is cited by an article when the article names it, its people or uses its adjective
# ("le président chinois"). Counting **articles** (not references) keeps one long article from
# outweighing many short ones.

# %% tags=["figure:02-countries"]
top = (
    countries.groupby("iso")
    .agg(articles=("id", "nunique"), references=("references", "sum"))
    .sort_values(["articles", "references"], ascending=False)
    .head(15)
)
top.insert(0, "country", top.index.map(country_name))
display(top)

fig, ax = plt.subplots(figsize=(7, 4.2), dpi=80)
ax.barh(top["country"][::-1], top["articles"][::-1], color="#3a7ca5")
ax.set_xlabel(f"articles citing the country (of {len(ok):,})")
ax.set_title(f"Most-cited countries, {source} sample")
fig.tight_layout()
plt.show()

# %% [markdown]
# ### And a world map?
#
# A map would need country shapes. None of the well-kept Python mapping libraries draws one
# offline, and this project's machines have no internet access: GeoPandas no longer ships world
# data since version 1.0, Cartopy downloads Natural Earth on first use, Plotly's maps load their
# country shapes from a CDN, and Basemap (which bundles boundaries) is deprecated in favour of
# Cartopy. Bundling map data in this repository is not worth it for one chart, so the bar chart
# above stands in for the map. On a machine with internet access, `top` joins a Natural Earth
# layer on ISO alpha-2 codes (`ISO_A2` column).

# %% [markdown]
# ## Ministers mentioned, month by month
#
# A minister is a person named with a ministerial title ("le ministre de l’Intérieur, Christophe
# Castaner"); `role` keeps the title as written, portfolio included. Names are as written in
# each article, so the same person may be spelt two ways ("Edouard Philippe", "Édouard
# Philippe"): `newsnlp.entities.gazetteer.fold` (accents, case, hyphens folded) gives one key per person.
# First the ministers mentioned in the most articles, under their commonest spelling and role:


# %%
def most_common(values: pd.Series):
    values = values.dropna()
    return values.value_counts().index[0] if len(values) else None


ministers["person"] = ministers["name"].map(fold)
(
    ministers.groupby("person")
    .agg(
        name=("name", most_common),
        articles=("id", "nunique"),
        role=("role", most_common),
        country=("country", most_common),
    )
    .sort_values("articles", ascending=False)
    .head(10)
    .set_index("name")
)

# %% [markdown]
# Then, per month, the number of (article, minister) mentions and the share of articles that
# mention at least one minister. The corpus is uneven in time (few articles before 2016, many in
# mid-2020), so the share is the fairer line to compare months.

# %% tags=["figure:02-ministers-per-month"]
per_month = pd.DataFrame(
    {
        "articles": ok.groupby("month").size(),
        "minister mentions": ministers.groupby("month").size(),
        "articles with a minister": ministers.groupby("month")["id"].nunique(),
    }
).fillna(0)
per_month = per_month[per_month["articles"] >= 5]  # months with too few articles say nothing
per_month["share with a minister"] = per_month["articles with a minister"] / per_month["articles"]
display(per_month.tail(6))

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(8, 5), dpi=80, sharex=True)
x = per_month.index.to_timestamp()
ax1.bar(x, per_month["minister mentions"], width=20, color="#c05746")
ax1.set_ylabel("minister mentions")
ax1.set_title(f"Ministers in the news, {source} sample (months with ≥ 5 articles)")
ax2.plot(x, 100 * per_month["share with a minister"], marker=".", color="#3a7ca5")
ax2.set_ylabel("% of articles")
ax2.set_ylim(bottom=0)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Reading time by topic
#
# Reading time in minutes (not rounded: `reading_time["seconds"] / 60`), at 204 words per
# minute for French. The boxes show the median and quartiles of each topic; the whiskers reach
# 1.5 times the inter-quartile range, and the dots beyond are long reads.

# %% tags=["figure:02-reading-time"]
order = ok.groupby("topic")["minutes"].median().sort_values().index.tolist()
display(ok.groupby("topic")["minutes"].describe()[["count", "25%", "50%", "75%", "max"]].round(1))

fig, ax = plt.subplots(figsize=(7, 4), dpi=80)
ax.boxplot(
    [ok.loc[ok["topic"] == t, "minutes"] for t in order],
    tick_labels=order,
    flierprops={"markersize": 3, "alpha": 0.4},
)
ax.set_ylabel("reading time (minutes)")
ax.set_title(f"Reading time by topic, {source} sample")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Going further
#
# * Save the annotations for later: `ann.to_parquet("annotated.parquet")` (nested columns are
#   kept), or annotate a file directly from the shell with `newsnlp annotate corpus.jsonl -o
#   annotated.jsonl`, which is resumable after a crash.
# * For the whole corpus, pass `n_process=2` (or `-1`, one worker per core) to
#   `annotate_dataframe`; each worker loads the spaCy model once.
# * `03-related-articles.ipynb` links the articles of the corpus to each other.
