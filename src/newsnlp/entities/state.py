"""The working state of one :class:`~newsnlp.entities.layer.EntityLayer` call, shared by its
passes: candidate mentions, role phrases and the text's words.

These types are the passes' common vocabulary, not part of the stable API: the layer returns
an :class:`~newsnlp.entities.types.Annotation`.

Examples
--------
>>> state = LayerState("Le Maroc et l’ONU.", [Candidate(3, 8, "LOC", "spacy")])
>>> [w for _, _, w in state.words]
['Le', 'Maroc', 'et', 'l’', 'ONU', '.']
>>> at_sentence_start(state.text, 0), at_sentence_start(state.text, 3)
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsnlp.lang.fr.government import LANGUAGE_NOUNS
from newsnlp.lang.fr.tokens import INLINE_SPACES, SENTENCE_BREAKS, TOKEN

__all__ = [
    "Candidate",
    "LayerState",
    "RolePhrase",
    "Word",
    "at_sentence_start",
    "is_capitalised",
    "portfolio_adjective",
    "words_of",
]

#: A word of the text: (start, end, text).
Word = tuple[int, int, str]


@dataclass(slots=True)
class Candidate:
    """A candidate mention.

    Attributes
    ----------
    start, end : int
        Character offsets into the text.
    label : str
        ``"PER"``, ``"ORG"``, ``"LOC"`` or ``"MISC"``.
    source : str
        Which rule found it: ``"spacy"`` (the model), ``"gazetteer"``, ``"head"`` (an
        institution head and its complements), ``"surname"``, ``"title"`` (a name after a
        title) or ``"acronym"``.
    kind : str or None
        The gazetteer type (``"country"``, ``"city"``, ``"institution"``, ``"demonym"``) or
        the kind an institution head gives (``"institution"``, ``"organization"``,
        ``"location"``).
    canonical : str or None
        The full name of a surname used alone.
    record : object or None
        The gazetteer record, with a ``country`` attribute.
    """

    start: int
    end: int
    label: str
    source: str
    kind: str | None = None
    canonical: str | None = None
    record: Any = None


@dataclass(slots=True)
class RolePhrase:
    """A minister's title and its portfolio, as written, and the person it belongs to.

    Attributes
    ----------
    start, end : int
        From the start of the title to the end of the portfolio.
    text : str
        ``text[start:end]``.
    sitting : bool
        False for a former or future office ("l’ancien ministre").
    person : Candidate or None
        The person named next to it (see :func:`newsnlp.entities.roles.attach_roles`).
    periphrasis : bool
        True for a periphrasis ("le chef de la diplomatie française"): a title of the same
        person is preferred as the role as written.
    minister : bool
        False for a deputy's title ("le vice-ministre de la Santé"): a role phrase whose
        person is not a minister.
    """

    start: int
    end: int
    text: str
    sitting: bool
    person: Candidate | None = None
    periphrasis: bool = False
    minister: bool = True


@dataclass(slots=True)
class LayerState:
    """What the passes read and change: the text, the candidates and the role phrases."""

    text: str
    cands: list[Candidate] = field(default_factory=list)
    roles: list[RolePhrase] = field(default_factory=list)
    _words: list[Word] | None = None

    @property
    def words(self) -> list[Word]:
        """The text's words (see :data:`newsnlp.lang.fr.tokens.TOKEN`), computed once."""
        if self._words is None:
            self._words = words_of(self.text)
        return self._words


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]``, with offsets into *text*.

    Examples
    --------
    >>> words_of("l’ONU à Genève", 2)
    [(2, 5, 'ONU'), (6, 7, 'à'), (8, 14, 'Genève')]
    """
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]


def is_capitalised(word: str) -> bool:
    """Whether *word* starts with a capital.

    Examples
    --------
    >>> is_capitalised("Maroc"), is_capitalised("maroc"), is_capitalised("")
    (True, False, False)
    """
    return bool(word) and word[0].isupper()


def at_sentence_start(text: str, i: int) -> bool:
    """Whether the word at offset *i* starts a sentence, a line, a heading or a quotation.

    Examples
    --------
    >>> at_sentence_start("Budget : la Dette", 9), at_sentence_start("le Budget", 3)
    (True, False)
    """
    j = i
    while j > 0 and text[j - 1] in INLINE_SPACES:
        j -= 1
    return j == 0 or text[j - 1] in SENTENCE_BREAKS


def portfolio_adjective(words: list[Word], i: int) -> bool:
    """Whether word *i* of a role phrase follows a portfolio noun whose country adjective
    names a language or a community (:data:`~newsnlp.lang.fr.government.LANGUAGE_NOUNS`):
    "ministre de la Langue française" is not a French minister.

    Examples
    --------
    >>> words = words_of("ministre de la Langue française")
    >>> other = words_of("ministre de l’Intérieur français")
    >>> portfolio_adjective(words, 4), portfolio_adjective(other, 4)
    (True, False)
    """
    return i >= 1 and words[i - 1][2] in LANGUAGE_NOUNS
