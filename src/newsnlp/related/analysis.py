"""French index terms for related articles: :func:`french_tokens` and the analyzers.

Text analysis is French-aware: elisions (« l’ONU » → ``onu``, the clitics of
:mod:`newsnlp.lang.fr.elision`), typographic apostrophes, accent folding (« Etats » = « États »,
:func:`newsnlp.text.fold.strip_accents`), a French news stop-word list
(:mod:`newsnlp.lang.fr.stop_words`) and a numbers policy. :data:`ANALYZERS` names the analyzers
that a saved index may use: those names are part of the saved-model format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from numbers import Integral
from typing import Literal

from newsnlp.checks import ensure_text
from newsnlp.lang.fr.elision import ELIDED_CLITICS, ELISION_PATTERN
from newsnlp.lang.fr.stop_words import STOP_WORDS
from newsnlp.text.fold import APOSTROPHES, strip_accents

__all__ = [
    "ANALYZERS",
    "FRENCH_STOP_WORDS",
    "analyzer_name",
    "french_analyzer",
    "french_analyzer_all_numbers",
    "french_analyzer_no_numbers",
    "french_tokens",
]

# Words are runs of letters and digits: apostrophes, hyphens and punctuation split them, so an
# elided clitic is a token of its own ("l", "d", "qu", "jusqu" …), dropped as a one-letter
# token or as a clitic. Two modifier letters used as apostrophes are \w: they are replaced first.
_WORD2 = re.compile(r"\w\w+")  # fastest; only used when the text has no "_"
_WORD2_STRICT = re.compile(r"[^\W_]{2,}")
_WORD = re.compile(r"[^\W_]+")
# min_len=1 keeps one-letter words, so elided clitics must be recognised by their apostrophe.
_TOKEN1 = re.compile(rf"(?:\b(?:{ELISION_PATTERN})[{APOSTROPHES}])?([^\W_]+)")
#: Clitics that only exist elided (« qu’il », « jusqu’à »): never index terms.
_CLITICS = ELIDED_CLITICS

#: French stop words with accents folded, as :func:`french_tokens` compares them by default.
FRENCH_STOP_WORDS: frozenset[str] = frozenset(strip_accents(w) for w in STOP_WORDS)
_STOP_WORDS_ACCENTS = frozenset(w.lower() for w in STOP_WORDS)
# Tokens dropped before folding: (stop_words, strip_accents) -> set. With folding, both spellings
# are listed so that stop words go before the (slower) folding of the remaining tokens.
_DROP = {
    (True, True): FRENCH_STOP_WORDS | _STOP_WORDS_ACCENTS | _CLITICS,
    (True, False): _STOP_WORDS_ACCENTS | _CLITICS,
    (False, True): _CLITICS,
    (False, False): _CLITICS,
}
_NUMBERS = ("none", "years", "all")
_FOLD_CACHE: dict[tuple, dict[str, tuple[str, ...]]] = {}
_FOLD_CACHE_MAX = 200_000


def _is_year(tok: str) -> bool:
    return len(tok) == 4 and tok[0] in "12"


def french_tokens(
    text: str,
    *,
    stop_words: bool = True,
    strip_accents: bool = True,
    min_len: int = 2,
    numbers: Literal["none", "years", "all"] = "years",
) -> list[str]:
    """Split French news text into index terms.

    Steps: lowercase; every apostrophe (’ ' ‘ ʼ …) read as one; elided clitics dropped
    (l’, d’, j’, m’, n’, s’, t’, c’, qu’, jusqu’, lorsqu’, puisqu’, quoiqu’, quelqu’: « l’ONU »
    → ``onu``); words are runs of letters and digits (hyphens, apostrophes and punctuation split:
    « aujourd’hui » → ``aujourd`` + ``hui``, both stop words); accents folded; tokens shorter than
    *min_len*, stop words and numbers (per *numbers*) removed.

    Parameters
    ----------
    text : str
        The text.
    stop_words : bool, keyword-only
        Remove :data:`FRENCH_STOP_WORDS` (articles, pronouns, prepositions, auxiliaries, very
        common news verbs and adverbs, weekdays, number words).
    strip_accents : bool, keyword-only
        Fold accents and ligatures (é → e, œ → oe), so that « Etats » and « États » match.
    min_len : int, keyword-only
        Minimum token length in characters.
    numbers : {"none", "years", "all"}, keyword-only
        Tokens made only of digits: drop them all, keep 4-digit years from 1000 to 2999 (the
        default), or keep them all. Tokens mixing letters and digits (« covid19 », « a380 »,
        « 5g ») are always kept.

    Returns
    -------
    list of str
        Lowercase tokens in text order, without apostrophes.

    Raises
    ------
    TypeError
        If *text* is not a ``str``.

    Examples
    --------
    >>> french_tokens("L’ONU et les États-Unis s’inquiètent, jusqu’à présent, de l'élection de 2022.")
    ['onu', 'etats', 'unis', 'inquietent', 'present', 'election', '2022']
    >>> french_tokens("Les Etats-Unis", strip_accents=False) == french_tokens("Les États-Unis", strip_accents=False)
    False
    >>> french_tokens("Il a été élu en 2022 avec 51 % des voix", numbers="none")
    ['elu', 'voix']
    """
    text = ensure_text(text)
    if numbers not in _NUMBERS:
        raise ValueError(f"numbers must be one of {_NUMBERS}, not {numbers!r}")
    if not isinstance(min_len, Integral) or min_len < 1:
        raise ValueError(f"min_len must be an integer >= 1, not {min_len!r}")
    return _tokens(text, stop_words, strip_accents, int(min_len), numbers)


def _keep_number(tok: str, numbers: str) -> bool:
    return numbers == "all" or not tok.isdigit() or (numbers == "years" and _is_year(tok))


def _filter(toks: list[str], drop: frozenset[str], numbers: str) -> list[str]:
    if numbers == "all":
        return [t for t in toks if t not in drop]
    if numbers == "years":
        return [t for t in toks if t not in drop and (not t.isdigit() or _is_year(t))]
    return [t for t in toks if t not in drop and not t.isdigit()]


def _fold(toks: list[str], drop: frozenset[str], min_len: int, numbers: str) -> list[str]:
    """Fold the accents of the non-ASCII tokens (cached: a corpus repeats its words)."""
    cache = _FOLD_CACHE.setdefault((drop, min_len, numbers), {})
    if len(cache) > _FOLD_CACHE_MAX:
        cache.clear()
    out: list[str] = []
    for tok in toks:
        if tok.isascii():
            out.append(tok)
            continue
        folded = cache.get(tok)
        if folded is None:
            folded = tuple(
                p
                for p in _WORD.findall(strip_accents(tok))
                if len(p) >= min_len and p not in drop and _keep_number(p, numbers)
            )
            cache[tok] = folded
        out.extend(folded)
    return out


def _tokens(text: str, stop_words: bool, strip_accents: bool, min_len: int, numbers: str):
    s = text.lower()
    if "\u02bc" in s or "\u02bb" in s:  # modifier letters used as apostrophes are \w
        s = s.replace("\u02bc", "'").replace("\u02bb", "'")
    if min_len >= 2:
        toks = (_WORD2 if "_" not in s else _WORD2_STRICT).findall(s)
    else:
        toks = _TOKEN1.findall(s)
    drop = _DROP[(bool(stop_words), bool(strip_accents))]
    toks = _filter(toks, drop, numbers)
    if strip_accents and not s.isascii() and not all(map(str.isascii, toks)):
        toks = _fold(toks, drop, min_len, numbers)
    if min_len > 2:
        toks = [t for t in toks if len(t) >= min_len]
    return toks


def french_analyzer(text: str) -> list[str]:
    """The default analyzer of :class:`RelatedArticles`: :func:`french_tokens` with its defaults.

    Stop words removed, accents folded, tokens of at least 2 characters, 4-digit years kept and
    other numbers dropped.

    Examples
    --------
    >>> french_analyzer("Selon l’Insee, le chômage a reculé en 2019 de 0,3 point.")
    ['insee', 'chomage', 'recule', '2019']
    """
    return _tokens(ensure_text(text), True, True, 2, "years")


def french_analyzer_all_numbers(text: str) -> list[str]:
    """:func:`french_tokens` keeping every number of two digits or more (``numbers="all"``).

    Examples
    --------
    >>> french_analyzer_all_numbers("Le vol AF447 a fait 228 morts en 2009.")
    ['vol', 'af447', '228', 'morts', '2009']
    """
    return _tokens(ensure_text(text), True, True, 2, "all")


def french_analyzer_no_numbers(text: str) -> list[str]:
    """:func:`french_tokens` dropping every all-digit token, years too (``numbers="none"``).

    Examples
    --------
    >>> french_analyzer_no_numbers("Le vol AF447 a fait 228 morts en 2009.")
    ['vol', 'af447', 'morts']
    """
    return _tokens(ensure_text(text), True, True, 2, "none")


#: Analyzers that :meth:`RelatedArticles.save` can record and :meth:`RelatedArticles.load`
#: resolves, by name (an allow-list: a saved index never names code to import). The names are
#: part of the saved-model format: they are the dotted names the functions had when the format
#: was defined, and stay the same wherever the functions live.
ANALYZERS: dict[str, Callable[[str], list[str]]] = {
    f"newsnlp.similarity.{f.__name__}": f
    for f in (french_analyzer, french_analyzer_all_numbers, french_analyzer_no_numbers)
}


def analyzer_name(func: Callable) -> str:
    """The saved name of *func* (its :data:`ANALYZERS` key), or its dotted name when it has none.

    Examples
    --------
    >>> analyzer_name(french_analyzer)
    'newsnlp.similarity.french_analyzer'
    """
    for name, known in ANALYZERS.items():
        if known is func:
            return name
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
