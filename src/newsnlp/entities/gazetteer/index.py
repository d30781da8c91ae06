"""Exact and folded lookups of gazetteer forms, with the matching restrictions of
:mod:`newsnlp.entities.gazetteer.gazetteer` (acronyms in capitals, common words and one-word
names never matched in lower case).

Examples
--------
>>> index = FormIndex()
>>> index.add("Côte d’Ivoire", "CI")
>>> index.find("la cote d'ivoire"), index.find("Côte")
(['CI'], [])
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from newsnlp.lang.fr.places import COMMON_WORDS, LEADING_ARTICLE
from newsnlp.text.fold import fold, unify_apostrophes

__all__ = ["FormIndex", "drop_initial_accent", "has_upper", "normalise", "strip_article"]

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, apostrophes unified to ’, runs of spaces to one, stripped.

    Examples
    --------
    >>> normalise("  Côte  d'Ivoire ")
    'Côte d’Ivoire'
    """
    text = unify_apostrophes(unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text).strip()


def strip_article(text: str) -> str:
    """Remove one leading definite article (``le``, ``la``, ``les``, ``l’``/``l'``).

    Examples
    --------
    >>> strip_article("les États-Unis"), strip_article("l'ONU"), strip_article("La Haye")
    ('États-Unis', 'ONU', 'Haye')
    """
    text = normalise(text)
    return LEADING_ARTICLE.sub("", text, count=1)


def drop_initial_accent(text: str) -> str:
    """*text* without the accent of its first letter (``États-Unis`` → ``Etats-Unis``).

    Examples
    --------
    >>> drop_initial_accent("Égypte"), drop_initial_accent("Maroc")
    ('Egypte', 'Maroc')
    """
    first = unicodedata.normalize("NFKD", text[:1])
    base = "".join(c for c in first if not unicodedata.combining(c))
    return base + text[1:] if base != text[:1] else text


def has_upper(text: str) -> bool:
    """Whether *text* has an upper-case letter.

    Examples
    --------
    >>> has_upper("onu"), has_upper("Onu")
    (False, True)
    """
    return any(c.isupper() for c in text)


def _push(table: dict, key: str, item: Any) -> None:
    items = table.setdefault(key, [])
    if all(existing is not item for existing in items):
        items.append(item)


class FormIndex:
    """Exact and folded form → records, with the matching restrictions of the gazetteer.

    Parameters
    ----------
    single_word_needs_capital : bool, keyword-only
        An all-lowercase query never matches a one-word form (``sénat``, ``europol``).
    """

    __slots__ = ("acronyms", "exact", "folded", "single_word_needs_capital")

    def __init__(self, *, single_word_needs_capital: bool = False) -> None:
        self.exact: dict[str, list[Any]] = {}
        self.folded: dict[str, list[tuple[Any, bool]]] = {}
        self.acronyms: dict[str, list[Any]] = {}  # folded, for title-case matches (Unesco)
        self.single_word_needs_capital = single_word_needs_capital

    def add(self, form: str, record: Any, *, acronym: bool = False, title_ok: bool = False) -> None:
        """Index *record* under *form*.

        Parameters
        ----------
        form : str
            A name, alias or acronym.
        record : object
            What :meth:`find` returns for the form.
        acronym : bool, keyword-only
            Match only as written (in capitals).
        title_ok : bool, keyword-only
            An acronym of four letters or more also matches in title case (``Unesco``).
        """
        form = normalise(form)
        if not form:
            return
        _push(self.exact, form, record)
        if acronym:
            if title_ok and len(form) >= 4 and form.isupper():
                _push(self.acronyms, fold(form), record)
            return
        single = " " not in fold(form)
        bucket = self.folded.setdefault(fold(form), [])
        if all(rec is not record for rec, _ in bucket):
            bucket.append((record, single))

    def find(self, query: str, *, common_words: frozenset[str] = COMMON_WORDS) -> list[Any]:
        """Records of *query*: exact form first (then without its article), else folded.

        Parameters
        ----------
        query : str
            Any form.
        common_words : frozenset of str, keyword-only
            Folded forms an all-lowercase query never matches.

        Returns
        -------
        list
            The records, in the order they were added; empty if none.
        """
        text = normalise(query)
        if not text:
            return []
        stripped = strip_article(text)
        forms = [text] if stripped == text else [text, stripped]
        for form in forms:
            if form in self.exact:
                return list(self.exact[form])
        lowercase = not has_upper(text)
        for form in forms:
            key = fold(form)
            if lowercase and key in common_words:
                continue
            hits = [
                rec
                for rec, single in self.folded.get(key, ())
                if not (lowercase and single and self.single_word_needs_capital)
            ]
            if hits:
                return hits
            if not lowercase and has_upper(form) and key in self.acronyms:
                return list(self.acronyms[key])
        return []
