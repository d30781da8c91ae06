"""The one folding of newsnlp: apostrophes, accents, ligatures and case.

Gazetteer keys (:mod:`newsnlp.entities.gazetteer`), the entity layer's forms and the index
terms of related articles (:mod:`newsnlp.related.analysis`) all fold with these functions, so
a name looked up and a name indexed always agree ("Côte d’Ivoire" = "COTE D'IVOIRE").

* :func:`unify_apostrophes` — every character read as an apostrophe becomes ’;
* :func:`strip_accents` — lowercase, accents and ligatures folded (é → e, œ → oe, ß → ss);
* :func:`fold` — the lookup key: :func:`strip_accents` plus case folding, hyphens and spaces
  unified, dots removed.

Text normalisation for display (:mod:`newsnlp.text.normalize`) is another matter: it keeps
accents, and reads a left quote as an apostrophe only between two letters.

Each function takes a ``str`` (a clear ``TypeError`` otherwise) and returns encodable text: a
lone surrogate becomes U+FFFD, as in :func:`newsnlp.checks.ensure_text`.
"""

from __future__ import annotations

import re
import unicodedata

from newsnlp.checks import ensure_text

__all__ = ["APOSTROPHE", "APOSTROPHES", "fold", "strip_accents", "unify_apostrophes"]

#: The French typographic apostrophe (U+2019).
APOSTROPHE = "\u2019"
#: Characters read as an apostrophe in names and index terms: straight, typographic, modifier
#: letters, accents and primes used as such, full-width.
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\uff07\u201b"
_TO_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHES, APOSTROPHE))
#: Letters that Unicode decomposition does not fold to ASCII.
_SPECIAL = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i"}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[-‐‑‒–—]")
_AROUND_APOS = re.compile(r"\s*'\s*")


def unify_apostrophes(text: str) -> str:
    """Every apostrophe-like character of :data:`APOSTROPHES` becomes ’.

    Examples
    --------
    >>> unify_apostrophes("l'ONU, l‘Unesco, lʼOMS")
    'l’ONU, l’Unesco, l’OMS'
    """
    return ensure_text(text).translate(_TO_APOSTROPHE)


def strip_accents(text: str) -> str:
    """Lowercase *text* and fold accents and ligatures (É → e, œ → oe, ß → ss, ﬁ → fi).

    Examples
    --------
    >>> strip_accents("États, Œuvre, Łódź")
    'etats, oeuvre, lodz'
    """
    text = ensure_text(text).lower()
    if not text.isascii():
        text = text.translate(_SPECIAL_TABLE)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return text


def fold(text: str) -> str:
    """The lookup key of a name: accents, case, apostrophes, hyphens, dots and spaces folded.

    Parameters
    ----------
    text : str
        Any name or form.

    Returns
    -------
    str
        Lowercase ASCII-like key: ``œ`` → ``oe``, apostrophes → ``'``, hyphens → spaces, dots
        removed, runs of spaces → one.

    Examples
    --------
    >>> fold("Côte d’Ivoire") == fold("COTE D'IVOIRE") == "cote d'ivoire"
    True
    >>> fold("Haut-Commissariat"), fold("U.S.A.")
    ('haut commissariat', 'usa')
    """
    text = unify_apostrophes(unicodedata.normalize("NFC", ensure_text(text)))
    text = strip_accents(_SPACES.sub(" ", text).strip()).casefold()
    text = _DASHES.sub(" ", text.replace(APOSTROPHE, "'")).replace(".", "")
    text = _AROUND_APOS.sub("'", text)
    return _SPACES.sub(" ", text).strip()
