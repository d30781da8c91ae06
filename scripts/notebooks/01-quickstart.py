# Source of notebooks/01-quickstart.ipynb: edit here, then run scripts/build_notebooks.py.

# %% [markdown]
# # newsnlp quickstart: one scraped article in, an analysis out
#
# `newsnlp.analyze()` takes the text of a French news page as a scraper delivers it (or the
# HTML page itself) and returns an `Article`: the cleaned text, its language, its reading time
# and the named entities, with the **ministers** and their portfolios, the **countries** and the
# **institutions** the article talks about.
#
# This notebook analyses one article and looks at every part of the result:
#
# 1. what the cleaner removed from the page, line by line, and why;
# 2. language and reading time;
# 3. the entities, highlighted in the text;
# 4. ministers, countries and institutions as tables.
#
# It runs in about 10 seconds (most of it loading spaCy's French model once).

# %%
import time
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from spacy import displacy

import newsnlp
from newsnlp.display import country_name, displacy_options, to_displacy
from newsnlp.evaluation import find_data

pd.set_option("display.max_colwidth", 120)

# %% [markdown]
# ## The article
#
# The article is `seed-article.txt` of the project's evaluation data (an invented article in
# the shape of a page scraped from a Moroccan news site) when that data is on this machine:
# `find_data()` looks for `shared/data` above the current folder, or in the folder named by the
# `NEWSNLP_DATA` environment variable. Otherwise the notebook uses the bundled example,
# `examples/sample-article.txt` (invented too). To analyse your own article, set `path`.

# %%
EXAMPLES = next(p for p in (Path("../examples"), Path("examples")) if p.is_dir())
path = find_data("newsnlp-dev", "seed-article.txt") or EXAMPLES / "sample-article.txt"
raw = path.read_text(encoding="utf-8")
print(f"{path.name}: {len(raw.splitlines())} lines, {len(raw):,} characters\n")
print(raw[:1200], "…")

# %% [markdown]
# ## One call
#
# `analyze()` cleans the text, detects its language, computes the reading time and, for French
# text, finds the entities. The result is a frozen dataclass; `to_dict()` gives the same as
# JSON-ready dict (the schema is in the README).

# %%
start = time.perf_counter()
art = newsnlp.analyze(raw)
print(f"analyze(): {time.perf_counter() - start:.1f} s (the first call loads the spaCy model)")

pd.Series(
    {
        "title": art.title,
        "language": art.language,
        "reading time": str(art.reading_time),
        "words": art.reading_time.words,
        "lines removed": len(art.removed),
        "teasers (related articles on the page)": len(art.teasers),
        "entity mentions": len(art.entities),
        "ministers": len(art.ministers),
        "countries": len(art.countries),
        "institutions": len(art.institutions),
    },
    name="Article",
).to_frame()

# %% [markdown]
# ## What the cleaner removed, and why
#
# Scraped pages come with boilerplate: reading-time lines, rubric labels, bylines and dates,
# "Lire aussi" links, share buttons, copyright lines, and blocks of teasers for other articles
# whose title is glued to the start of their lede (`…de l’ONULa Retraite…|`).
#
# `newsnlp.explain_cleaning()` lists every non-empty line of the page with what the cleaner did:
# a kept line is the `title`, a `heading` or a `paragraph` of the cleaned text; a removed line
# comes with the reason (the `reason` values are listed in the README). Lines are shown after
# character normalisation (apostrophes unified to ’, runs of spaces collapsed, mojibake
# repaired), which is all the cleaner changes in the lines it keeps.

# %%
lines = pd.DataFrame([d.to_dict() for d in newsnlp.explain_cleaning(raw)])
lines["raw line"] = lines["text"]
lines["cleaned text"] = lines["text"].where(lines["kept"], "")


def shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[:width] + "…"


def strike_removed(column: pd.Series) -> list[str]:
    removed = "color: #888; text-decoration: line-through"
    return ["" if kept else removed for kept in lines.loc[column.index, "kept"]]


(
    lines[["line", "reason", "raw line", "cleaned text"]]
    .style.apply(strike_removed, subset=["raw line"])
    .format({"raw line": shorten, "cleaned text": shorten})
    .hide(axis="index")
)

# %% [markdown]
# The same page as a picture: one bar per line of the page, as long as the line, coloured by
# what happened to it. The body is what remains in green; everything in grey and orange was
# dropped.

# %% tags=["figure:01-cleaning"]
KEPT_COLORS = {"title": "#1b7837", "heading": "#5aae61", "paragraph": "#a6dba0"}
removed_reasons = sorted(set(lines.loc[~lines["kept"], "reason"]))
palette = plt.get_cmap("tab10").colors
colors = {**KEPT_COLORS, **{r: palette[i % 10] for i, r in enumerate(removed_reasons)}}

fig, ax = plt.subplots(figsize=(8, 0.22 * len(lines) + 1.2), dpi=80)
ax.barh(
    lines["line"],
    lines["text"].str.len(),
    color=[colors[r] for r in lines["reason"]],
    height=0.8,
)
ax.invert_yaxis()
ax.set_xlabel("characters in the line")
ax.set_ylabel("line of the scraped page")
ax.set_title(f"{path.name}: what the cleaner kept and removed")
handles = [plt.Rectangle((0, 0), 1, 1, color=colors[r]) for r in colors]
labels = [f"kept: {r}" if r in KEPT_COLORS else f"removed: {r}" for r in colors]
ax.legend(handles, labels, loc="lower right", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# The cleaned text, one title, heading or paragraph per line. This is `art.text`, and also
# what `newsnlp.clean(raw)` returns:

# %%
print(art.text)

# %% [markdown]
# The teasers are not lost: they name related articles, so `analyze()` keeps them apart.

# %%
pd.DataFrame([t.to_dict() for t in art.teasers])

# %% [markdown]
# ## Language and reading time
#
# Language detection is deterministic (the same answer in every call and process).
# `detect_languages()` gives the ranked guesses with their probability.
#
# Reading time counts words as a French reader sees them (`l’ONU` is one word, a lone `«` is
# none) at 204 words per minute for French: 238 words/min for silent reading of English
# non-fiction (Brysbaert 2019) scaled by the French/English ratio measured on the same texts
# (IReST). The minutes shown round up.

# %%
display(pd.DataFrame([g.to_dict() for g in newsnlp.detect_languages(art.text, k=3)]))
rt = art.reading_time
said = [r.text for r in art.removed if r.reason == "reading-time"]
print(f"newsnlp: {rt} ({rt.words} words at {rt.wpm:g} words/min = {rt.seconds:.0f} s)")
print(f"the page itself said: {said[0] if said else 'nothing'}")

# %% [markdown]
# ## Entities, highlighted in the text
#
# Each mention is labelled with its **kind**: `MINISTER`, `PERSON`, `INSTITUTION` (state bodies,
# intergovernmental organisations), `ORGANIZATION` (companies, media, parties…), `COUNTRY`,
# `CITY`, `LOCATION`, or `MISC`. `newsnlp.display.to_displacy()` turns the article into
# spaCy's displaCy "manual" format; `label="label"` would show the NER labels (PER, ORG, LOC,
# MISC) instead.

# %%
displacy.render(
    to_displacy(art.text, art.entities, title=art.title or path.name),
    style="ent",
    manual=True,
    jupyter=True,
    options=displacy_options(),
)

# %% [markdown]
# Every mention also carries a **canonical** name, the same for all the mentions of one
# referent (`l’ONU`, `Nations unies` → `Organisation des Nations unies`; a surname used alone →
# the full name), and a country when one applies. Grouped by referent:

# %%
entities = pd.DataFrame([e.to_dict() for e in art.entities])
(
    entities.groupby(["kind", "canonical"], dropna=False)
    .agg(mentions=("text", "size"), as_written=("text", lambda s: sorted(set(s))))
    .sort_values("mentions", ascending=False)
)

# %% [markdown]
# ## Ministers and their portfolios
#
# A minister is a person named next to a ministerial title. `role` is the title as written,
# so it holds the portfolio; `country` is the government's country (from the title, e.g.
# "ministre marocain", or from the article's context).

# %%
ministers = pd.DataFrame([m.to_dict() for m in art.ministers], columns=["name", "role", "country"])
ministers["country name"] = ministers["country"].map(country_name, na_action="ignore")
display(ministers)

# %% [markdown]
# ## Countries and institutions
#
# `countries` counts the references to each country: names (`le Maroc`), demonyms
# (`les Marocains`), adjectives (`le président chinois`) and phrases such as `le Royaume` in a
# Moroccan article. Institutions are listed once each, under their canonical name.

# %%
countries = pd.DataFrame(
    [(iso, country_name(iso), n) for iso, n in art.countries.items()],
    columns=["code", "country", "references"],
)
display(countries)
pd.DataFrame({"institution": art.institutions})

# %% [markdown]
# ## Next
#
# * `02-annotate-a-corpus.ipynb`: the same analysis over thousands of articles with
#   `newsnlp.annotate_dataframe`, and charts of what the corpus talks about.
# * `03-related-articles.ipynb`: related-article recommendations and near-duplicates with
#   `newsnlp.RelatedArticles`, evaluated against a scikit-learn baseline.
# * HTML pages work the same way: `newsnlp.analyze(html)` extracts the article first
#   (`pip install "newsnlp[html]"`).
