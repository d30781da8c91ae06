"""The line classifier behind :func:`newsnlp.clean`: which lines of a page are the article.

:func:`classify_lines` reads the normalised lines of one page in passes:

1. **structure** — a teaser (a related title glued to its lede, ending in ``…|``), a
   "Lire aussi : <title>" link, a line the site repeats on many pages (a fitted
   :class:`newsnlp.text.Boilerplate`);
2. **scorer** — every other line of at most :data:`~newsnlp.text.lines.MAX_BOILERPLATE_CHARS`
   characters that is not a full paragraph (:data:`PARAGRAPH_WORDS` words ending like a
   sentence) is scored from its features (:mod:`newsnlp.text.features`) by the fitted
   :class:`~newsnlp.text.linemodel.LineModel`, first alone, then with its neighbours' scores;
   the feature that contributed most gives the reason;
3. **related blocks** — a header ("À lire aussi", or a short line right before teasers) and the
   related titles after it, until the body resumes;
4. **rubrics and headings** — section names and short labels above the title; the title and
   the headings inside the article are kept unless a feature names a reason to remove them;
   lines above the title that read like labels (no verb, no full stop) are rubrics too; a
   sentence (:data:`SENTENCE_WORDS` words or more, a capital, a full stop) anywhere is removed
   only if a feature names a reason or the line on its own is furniture, never for its
   position and neighbours alone (a short last paragraph before the share bar is article text);
5. **duplicates** — a line repeating the previous kept one.

The passes run again on the kept lines until nothing more is removed (at most
:data:`MAX_ROUNDS` rounds; two in practice): the kept lines are then a fixed point, which is what
makes ``clean(clean(x)) == clean(x)`` hold whatever the features look at.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass

from newsnlp.checks import ensure_text
from newsnlp.lang.fr import boilerplate as fr
from newsnlp.text.features import LINE_FEATURES, line_features
from newsnlp.text.linemodel import LineModel, default_model
from newsnlp.text.lines import (
    MAX_BOILERPLATE_CHARS,
    is_body,
    is_breadcrumb,
    is_section_name,
    is_sentence,
    is_short_label,
    looks_like_teaser,
    split_teaser,
    word_count,
)
from newsnlp.text.normalize import normalize_text
from newsnlp.text.results import LineDecision, Teaser
from newsnlp.text.scoring import GENERIC, ScoreCache, reason_evidence

__all__ = [
    "ANCHOR_WORDS",
    "GENERIC",
    "MAX_ROUNDS",
    "SENTENCE_WORDS",
    "Classification",
    "classify_lines",
    "first_round",
]

logger = logging.getLogger(__name__)

#: Most rounds of the passes over the kept lines (each removes at least one line).
MAX_ROUNDS = 6
#: Words of a paragraph that anchors the position features.
ANCHOR_WORDS = 20
#: A line of this many words ending like a sentence is a paragraph, never scored.
PARAGRAPH_WORDS = 25
_SENTENCE_END = frozenset('.!?…»"”)')
#: A line of at least this many words, capitalised and ending with a full stop, is a sentence:
#: removed only on its own evidence (:meth:`_Round.sentences`).
SENTENCE_WORDS = 6
#: ... or when features naming a reason (page words, a call to action…) add this much to its
#: score.
SENTENCE_EVIDENCE = 0.5
_FINITE = LINE_FEATURES.index("finite_verb")
_LABEL_COLON = LINE_FEATURES.index("label_colon")
_ENDS = (" \t|\u00a0\u202f", ("…", "..."))


@dataclass(frozen=True, slots=True)
class Classification:
    """What :func:`classify_lines` found on a page.

    Attributes
    ----------
    decisions : tuple of LineDecision
        One per non-empty line, in input order.
    teasers : tuple of Teaser
        The related articles named on the page, in order.
    title : str or None
        The article title (the first kept line when it stands before the body, or the page
        title given).
    """

    decisions: tuple[LineDecision, ...]
    teasers: tuple[Teaser, ...]
    title: str | None


class _Round:
    """One round of the passes over *texts* (mutable working state)."""

    def __init__(self, texts: list[str], model: LineModel, cache: ScoreCache):
        n = len(texts)
        self.texts, self.model, self.cache = texts, model, cache
        lines = cache.lines
        self.info = [lines.get(t) or _info(t, lines) for t in texts]  # see _info
        self.words = [info[0] for info in self.info]
        self.body = [info[1] for info in self.info]
        self.reasons: list[str | None] = [None] * n
        self.teasers: list[Teaser | None] = [None] * n
        self.scores: list[float | None] = [None] * n
        self.vectors: list[tuple[float, ...] | None] = [None] * n
        self.rounded: list[float | None] = [None] * n  # the score as shown, 4 decimals
        self.scored = [False] * n  # removed by the scorer (not by the page's structure)
        self.span = (n, n)  # first and last anchor paragraphs
        self.contributions: list[tuple[tuple[str, float], ...]] = [()] * n

    def structure(self, site: Container[str] | None) -> None:
        """Pass 1: what a line is by its shape alone (cached per text: the same in every round)."""
        for i, text in enumerate(self.texts):
            info = self.info[i]
            if info[3] is None:
                info[3] = _shape(text, site)
            self.reasons[i], self.teasers[i] = info[3]

    def body_span(self) -> tuple[int, int]:
        """First and last body paragraph among the lines not removed yet (``(n, -1)``: none)."""
        body = [i for i, b in enumerate(self.body) if b and self.reasons[i] is None]
        return (body[0], body[-1]) if body else (len(self.texts), -1)

    def anchors(self) -> tuple[int, int]:
        """First and last body paragraph of at least :data:`ANCHOR_WORDS` words, where the
        article surely is (a 12-word "Cet article vous est offert. Abonnez-vous." is not an
        anchor); ``(n, n)`` without any: then position says nothing."""
        n = len(self.texts)
        long = [
            i
            for i, b in enumerate(self.body)
            if b and self.reasons[i] is None and self.words[i] >= ANCHOR_WORDS
        ]
        return (long[0], long[-1]) if long else (n, n)

    def score(self) -> None:
        """Pass 2: the scorer, on every line not removed by the structure."""
        texts, n = self.texts, len(self.texts)
        first, last = self.span = self.anchors()
        top = first if first < n else self.body_span()[0]  # where the article starts
        counts = Counter(texts)
        cache, info = self.cache, self.info
        after: list[bool | None] = [None] * n  # scored lines: whether after the article
        prior = [0.0 if r is None else 1.0 for r in self.reasons]
        for i, text in enumerate(texts):
            if self.reasons[i] is None and _scored(text, self.words[i]):
                line = info[i]
                if line[2] is None:
                    line[2] = line_features(text)
                after[i] = i > last
                prior[i] = cache.first_pass(text, line[2], i > last)
        for i, flag in enumerate(after):
            if flag is None:
                continue
            around = 0.0  # above the article, the title is always among furniture: no evidence
            if i > top:
                # the page's last line has one neighbour: the end of the page is no evidence
                around = min(prior[i - 1], prior[i + 1]) if i + 1 < n else prior[i - 1]
            text = texts[i]
            found = cache.line(text, info[i][2], flag, around, counts[text] > 1)
            self.vectors[i], self.scores[i], self.contributions[i], reason, self.rounded[i] = found
            if reason is not None:
                self.reasons[i] = reason
                self.scored[i] = True

    def related_blocks(self) -> None:
        """Pass 3: a related header and the titles after it, until the body resumes."""
        run: list[int] = []  # related titles of the current block
        in_related = False
        for i, text in enumerate(self.texts):
            reason = self.reasons[i]
            if reason in ("teaser", "related-link", "site-boilerplate"):
                continue
            if self._is_header(i):
                self.reasons[i], self.scored[i], in_related = "related-header", False, True
                run.clear()
            elif not in_related or (reason is not None and reason != GENERIC):
                continue  # a line the scorer removed keeps its reason; the block goes on
            elif text.rstrip(_ENDS[0]).endswith(_ENDS[1]):
                self.reasons[i], self.teasers[i] = "teaser", split_teaser(text)
            elif not self.body[i] and self.words[i] <= 30:
                self.reasons[i], self.teasers[i] = "related", Teaser(title=text)
                run.append(i)
            else:  # the body resumes: the block's last title was a heading of the article
                in_related = False
                if run and not self.scored[run[-1]]:
                    self.reasons[run[-1]], self.teasers[run[-1]] = None, None
                run.clear()

    def _is_header(self, i: int) -> bool:
        """A related-block header: its label ("À lire aussi"); or a short line that is not a
        sentence, has no other reason to go, and stands right before a teaser ("Plus d’articles
        sur ce thème"), or after the article right before two or more headlines."""
        reason, text = self.reasons[i], self.texts[i]
        if (reason is not None and not self.scored[i]) or len(text) > MAX_BOILERPLATE_CHARS:
            return False
        if self.info[i][4]:
            return True
        if reason not in (None, GENERIC, "related") or self.words[i] > 8 or self.body[i]:
            return False
        if i + 1 < len(self.texts) and self.reasons[i + 1] == "teaser":
            return True
        last = self.span[1]
        return last < i < len(self.texts) and self._titles_after(i) >= 2

    def _titles_after(self, i: int) -> int:
        """How many headline-like lines (6+ words, not a sentence, not decided by structure) follow
        line *i* in a row (at most three are looked at)."""
        n = 0
        for k in range(i + 1, min(len(self.texts), i + 4)):
            text = self.texts[k]
            if self.body[k] or self.words[k] < 6 or text[-1] in _SENTENCE_END:
                break
            if self.reasons[k] is not None and not self.scored[k]:
                break  # decided by structure: not a title
            n += 1
        return n

    def rubrics(self) -> None:
        """Pass 4: rubric labels around the title. The candidates are the lines before the first
        body paragraph that are kept, or scored furniture without any evidence naming a reason
        (a short title is short, which is all the scorer saw). The title is the last candidate
        that is neither a rubric name, a breadcrumb nor a short label (else the last that is not
        a rubric): kept. Rubric names, breadcrumbs and short labels around it are rubrics, and
        so are the lines above it that read like labels (:meth:`_label`)."""
        first, _ = self.body_span()
        header = [i for i in range(first) if self.reasons[i] in (None, GENERIC)]
        rubric = {i for i in header if self._rubric(i)[0]}
        named = [i for i in header if i not in rubric]
        titles = [i for i in named if not self._rubric(i)[1]]
        title = titles[-1] if titles else named[-1] if named else None
        for i in header:
            if i == title:
                self.reasons[i], self.scored[i] = None, False
            elif i in rubric or self._rubric(i)[1] or (title is not None and self._label(i, title)):
                self.reasons[i], self.scored[i] = "section", False
        for i in range(first):  # a rubric the scorer removed is reported as a rubric
            if self.scored[i] and self._rubric(i)[0]:
                self.reasons[i], self.scored[i] = "section", False

    def _label(self, i: int, title: int) -> bool:
        """A line above the title that reads like a label, not like another title or a
        sentence: no verb, no full stop, no "topic : headline" shape ("Article réservé aux
        abonnés", a site's name above its headline; "Budget : le Sénat adopte le texte" above a
        short standfirst is kept)."""
        features = self.info[i][2]
        if i >= title or features is None or is_sentence(self.texts[i]):
            return False
        return not features[_FINITE] and not features[_LABEL_COLON]

    def _rubric(self, i: int) -> tuple[bool, bool]:
        """(a rubric name or breadcrumb, a short label) for line *i*, cached by text."""
        info = self.info[i]
        if info[5] is None:
            text = self.texts[i]
            info[5] = (is_section_name(text) or is_breadcrumb(text), is_short_label(text))
        return info[5]

    def decision(self, k: int, line: int, *, kept: bool) -> LineDecision:
        """The :class:`LineDecision` of line *k* of this round (*line*: its index in the page)."""
        reason, vector = self.reasons[k], self.vectors[k]
        if vector is None:
            return LineDecision(line, self.texts[k], kept, reason)  # type: ignore[arg-type]
        contributions = self.contributions[k]
        score = self.rounded[k]
        return LineDecision(line, self.texts[k], kept, reason, score, contributions)  # type: ignore[arg-type]

    def headings(self) -> None:
        """Inside the article (between its first and last anchor paragraphs), a line is removed
        only for a reason: one the scorer removed without evidence naming any is a heading."""
        first, last = self.span
        for i in range(first + 1, last):
            if self.reasons[i] == GENERIC:
                self.reasons[i], self.scored[i] = None, False

    def sentences(self) -> None:
        """A sentence (a capital, :data:`SENTENCE_WORDS` words or more, a full stop) is removed
        on its own evidence, never for where it stands: one the scorer removed because of its
        position and its neighbours (a short last paragraph right before the share bar) is
        kept when no feature naming a reason weighs :data:`SENTENCE_EVIDENCE` and the line
        alone — the first pass, not placed after the article — is not furniture."""
        cache, threshold = self.cache, self.cache.model.threshold
        for i, text in enumerate(self.texts):
            if not self.scored[i] or self.reasons[i] in ("related", "teaser"):
                continue
            if self.words[i] < SENTENCE_WORDS or not is_sentence(text):
                continue
            if reason_evidence(self.contributions[i]) >= SENTENCE_EVIDENCE:
                continue
            if cache.first_pass(text, self.info[i][2], False) < threshold:
                self.reasons[i], self.scored[i] = None, False

    def duplicates(self) -> None:
        """Pass 5: a line repeating the previous kept line."""
        previous = None
        for i, text in enumerate(self.texts):
            if self.reasons[i] is None:
                if text == previous:
                    self.reasons[i] = "duplicate"
                previous = text


def _scored(text: str, words: int) -> bool:
    """Whether the scorer reads the line: furniture is short, so a line over
    :data:`~newsnlp.text.lines.MAX_BOILERPLATE_CHARS` characters, or a full paragraph (at least
    :data:`PARAGRAPH_WORDS` words ending like a sentence), is article text."""
    if len(text) > MAX_BOILERPLATE_CHARS:
        return False
    return words < PARAGRAPH_WORDS or text[-1] not in _SENTENCE_END


def _info(text: str, cache: dict[str, list]) -> list:
    """What the passes read of a line more than once: [word count, body paragraph, features
    (filled when scored), shape (filled by pass 1), related header, rubric (filled by pass 4)]."""
    words = word_count(text)
    header = len(text) <= MAX_BOILERPLATE_CHARS and fr.RELATED_HEADER.fullmatch(text) is not None
    info = cache[text] = [words, is_body(text, words=words), None, None, header, None]
    return info


def _shape(text: str, site: Container[str] | None) -> tuple[str | None, Teaser | None]:
    """(reason, teaser) of a line by its shape alone: a site line, a teaser, a related link."""
    if site is not None and text in site:
        return "site-boilerplate", None
    if looks_like_teaser(text, in_related=False):
        return "teaser", split_teaser(text)
    if len(text) <= MAX_BOILERPLATE_CHARS:
        link = fr.RELATED_LINK.fullmatch(text)
        if link is not None and not fr.RELATED_HEADER.fullmatch(text):
            return "related-link", Teaser(title=link.group("title").strip())
    return None, None


def _run(texts: list[str], model: LineModel, site, cache: ScoreCache) -> _Round:
    state = _Round(texts, model, cache)
    state.structure(site)
    state.score()
    state.related_blocks()
    state.rubrics()
    state.headings()
    state.sentences()
    state.duplicates()
    return state


def classify_lines(
    lines: Sequence[str],
    *,
    page_title: str | None = None,
    model: LineModel | None = None,
    site: Container[str] | None = None,
) -> Classification:
    """Classify the normalised lines of one page (see the module documentation).

    Parameters
    ----------
    lines : sequence of str
        The page's lines, normalised (:func:`newsnlp.text.normalize.normalize_text`); empty
        lines are skipped but keep their index.
    page_title : str, optional
        The title read from an HTML page's markup, which names the title line.
    model : LineModel, optional
        The scorer's weights (default: :func:`~newsnlp.text.linemodel.default_model`).
    site : container of str, optional
        Lines to remove as ``"site-boilerplate"`` (a fitted :class:`newsnlp.text.Boilerplate`).

    Returns
    -------
    Classification

    Examples
    --------
    >>> found = classify_lines(["Partager", "Le Sénat a adopté le budget après un long débat."])
    >>> [(d.line, d.kept, d.reason) for d in found.decisions]
    [(0, False, 'share'), (1, True, 'paragraph')]
    """
    model = model or default_model()
    active = [i for i, text in enumerate(lines) if text]
    removed: dict[int, LineDecision] = {}
    teasers: dict[int, Teaser] = {}
    cache = ScoreCache(model)
    for _ in range(MAX_ROUNDS):
        state = _run([lines[i] for i in active], model, site, cache)
        gone = [k for k, reason in enumerate(state.reasons) if reason is not None]
        if not gone:
            break
        for k in gone:
            removed[active[k]] = state.decision(k, active[k], kept=False)
            if state.teasers[k] is not None:
                teasers[active[k]] = state.teasers[k]
        active = [i for k, i in enumerate(active) if state.reasons[k] is None]
    else:
        logger.debug("classify_lines: still removing lines after %d rounds", MAX_ROUNDS)
        state = _Round([lines[i] for i in active], model, cache)  # the kept lines, for the record
        state.score()
    title, kept = _kept(state, active, page_title)
    decisions = tuple(sorted([*removed.values(), *kept], key=lambda d: d.line))
    return Classification(decisions, tuple(teasers[i] for i in sorted(teasers)), title)


def line_reason(line: str) -> str | None:
    """The reason one line standing alone is removed for, or ``None`` if it is kept.

    A page is more than its lines (position, neighbours, related blocks decide too): use
    :func:`newsnlp.explain_cleaning` on the page. This is the one-line view that the former
    ``newsnlp.text.lines.rule_reason`` gave.

    Examples
    --------
    >>> line_reason("Temps de lecture : 3 minutes"), line_reason("Le Sénat adopte le budget.")
    ('reading-time', None)
    """
    text = normalize_text(ensure_text(line, name="line"))
    decisions = classify_lines(text.split("\n")).decisions
    removed = [d.reason for d in decisions if not d.kept]
    return removed[0] if removed else None


def first_round(
    lines: Sequence[str], *, model: LineModel | None = None
) -> list[tuple[int, str | None, tuple[float, ...] | None]]:
    """The first round of :func:`classify_lines` on a page, line by line: what the scorer is
    fitted on (``scripts/fit_line_model.py``).

    Returns
    -------
    list of (int, str or None, tuple of float or None)
        For each non-empty line: its index, the reason the round removes it for (``None``: kept)
        and its feature vector (:data:`newsnlp.text.linemodel.FEATURES`; ``None`` for a line
        the scorer does not read).
    """
    active = [i for i, text in enumerate(lines) if text]
    model = model or default_model()
    state = _run([lines[i] for i in active], model, None, ScoreCache(model))
    return [(i, state.reasons[k], state.vectors[k]) for k, i in enumerate(active)]


def _kept(state: _Round, active: list[int], page_title: str | None):
    """The title and the decisions of the kept lines: title, heading or paragraph."""
    texts = state.texts
    first_body = next((k for k, b in enumerate(state.body) if b), len(texts))
    title = page_title or (texts[0] if texts and first_body > 0 else None)
    kept = []
    for k, i in enumerate(active):
        role = "title" if k == 0 and texts[k] == title else "paragraph"
        if role != "title" and not state.body[k]:
            role = "heading"
        state.reasons[k] = role
        kept.append(state.decision(k, i, kept=True))
    return title, kept
