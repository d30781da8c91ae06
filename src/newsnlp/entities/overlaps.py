"""Spans by position: which candidates (or role phrases) overlap a stretch of text, without
scanning them all.

The passes of the entity layer ask, for each new mention, which mentions it overlaps; asked of
a list, that question makes a pass quadratic in the mentions of a text (an acronym-dense page of
80,000 characters took seconds). :class:`SpanIndex` answers it in ``O(log n + k)`` for spans of
bounded length, and keeps the order in which spans were added, so that a pass that uses it
leaves the candidates in the order the list-based pass did.

Examples
--------
>>> from newsnlp.entities.state import Candidate
>>> a, b, c = Candidate(0, 5, "LOC", "spacy"), Candidate(6, 9, "ORG", "spacy"), Candidate(20, 24, "PER", "spacy")
>>> index = SpanIndex([c, a, b])
>>> [x.label for x in index.overlapping(4, 7)]
['LOC', 'ORG']
>>> index.remove(a)
>>> index.add(Candidate(2, 8, "ORG", "head"))
>>> [(x.start, x.source) for x in index.in_order()]
[(20, 'spacy'), (6, 'spacy'), (2, 'head')]
>>> index.first_overlapping(0, 30).start
20
"""

from __future__ import annotations

from bisect import bisect_left, insort
from itertools import count
from typing import Any, Protocol

__all__ = ["SpanIndex", "Spanned"]


class Spanned(Protocol):
    """Anything with ``start`` and ``end`` character offsets."""

    start: int
    end: int


class SpanIndex:
    """A set of spans (objects with ``start`` and ``end``) sorted by start, in the order they
    were added.

    Parameters
    ----------
    spans : iterable
        The initial spans, in their order.

    Notes
    -----
    Spans may overlap one another; a query looks at the spans that start less than the longest
    span's length before it, so its cost is the number of spans in that window (the spans of
    a text are short next to the text).
    """

    def __init__(self, spans: Any = ()) -> None:
        self._order = count()
        self._keys: list[tuple[int, int]] = []  # (start, order), sorted
        self._spans: dict[int, Any] = {}  # order -> span
        self._orders: dict[int, int] = {}  # id(span) -> order
        self._longest = 0
        for span in spans:
            self.add(span)

    def __len__(self) -> int:
        return len(self._spans)

    def add(self, span: Any) -> None:
        """Add *span* after the others (in :meth:`in_order`)."""
        order = next(self._order)
        insort(self._keys, (span.start, order))
        self._spans[order] = span
        self._orders[id(span)] = order
        self._longest = max(self._longest, span.end - span.start)

    def remove(self, span: Any) -> None:
        """Remove *span* (the same object that was added)."""
        order = self._orders.pop(id(span))
        del self._keys[bisect_left(self._keys, (span.start, order))]
        del self._spans[order]

    def overlapping(self, start: int, end: int) -> list[Any]:
        """The spans that share a character with ``[start, end)``, in the order they were
        added."""
        found = [
            order
            for order in self._window(start, end)
            if self._spans[order].end > start and self._spans[order].start < end
        ]
        return [self._spans[order] for order in sorted(found)]

    def first_overlapping(self, start: int, end: int) -> Any | None:
        """The first-added span that overlaps ``[start, end)``, or None."""
        found = self.overlapping(start, end)
        return found[0] if found else None

    def in_order(self) -> list[Any]:
        """Every span, in the order they were added."""
        return [self._spans[order] for order in sorted(self._spans)]

    def _window(self, start: int, end: int) -> list[int]:
        """Orders of the spans that start in ``(start - longest, end)``."""
        lo = bisect_left(self._keys, (start - self._longest + 1, -1))
        hi = bisect_left(self._keys, (end, -1))
        return [order for _, order in self._keys[lo:hi]]
