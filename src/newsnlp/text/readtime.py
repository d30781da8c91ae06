"""Reading time of an article, with rates from reading research rather than a round guess.

Rates (words per minute, silent reading of non-fiction)
--------------------------------------------------------
Brysbaert (2019, *Journal of Memory and Language* 109:104047, "How many words do we read per
minute?") estimates, over 190 studies, that adults read English non-fiction silently at
**238 wpm**, and that other languages differ by how many words they need for the same message.
The IReST study (Trauzettel-Klosinski & Dietz 2012, *IOVS* 53(9):5452, 17 languages, the same
texts translated and matched) measured that ratio directly, reading aloud: English 228 wpm,
French 195 wpm, German 179, Spanish 218, Italian 188, Dutch 202, Portuguese 181, Swedish 199,
Finnish 161, Polish 166, Russian 184, Slovenian 180, Turkish 166, Hebrew 187, Arabic 138
(17-language mean 184).

A language's silent rate is therefore taken as ``238 × IReST(lang) / IReST(en)``; for French
``238 × 195 / 228 ≈ 204 wpm`` (the default). Languages outside IReST use the 17-language mean
(≈ 192 wpm). Pass ``wpm=`` to use your own rate.

Words are counted as a French reader sees them: whitespace-separated tokens that contain at least
one letter or digit, so ``l’ONU``, ``aujourd’hui``, ``58ᵉ`` and ``2,75`` are one word each and a
lone ``«``, ``»``, ``:``, ``–`` or ``%`` is none.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import Any

from newsnlp.checks import ensure_text

__all__ = ["DEFAULT_WPM", "READING_RATES", "ReadingTime", "count_words", "reading_time"]

_BRYSBAERT_EN_SILENT = 238.0
_IREST_ALOUD = {
    "ar": 138, "de": 179, "en": 228, "es": 218, "fi": 161, "fr": 195, "he": 187, "it": 188,
    "nl": 202, "pl": 166, "pt": 181, "ru": 184, "sl": 180, "sv": 199, "tr": 166,
}  # fmt: skip
_IREST_MEAN = 184

#: Silent-reading rate (words per minute) per ISO 639-1 language code.
READING_RATES: dict[str, int] = {
    lang: round(_BRYSBAERT_EN_SILENT * v / _IREST_ALOUD["en"]) for lang, v in _IREST_ALOUD.items()
}
#: Default rate: French silent reading (≈ 204 wpm).
DEFAULT_WPM: int = READING_RATES["fr"]
_OTHER_WPM = round(_BRYSBAERT_EN_SILENT * _IREST_MEAN / _IREST_ALOUD["en"])

# Extra seconds per image: 12 s for the first, one second less for each next one, 3 s from the
# tenth on (the convention popularised by Medium's reading-time estimate).
_IMAGE_FIRST, _IMAGE_MIN = 12, 3

# A whitespace-separated token without any letter or digit ("«", "–", "%", "…"), preceded by
# whitespace (the text is padded with spaces before matching).
_NON_WORD = re.compile(r"\s(?:[^\w\s]|_)+(?=\s)")


def _image_seconds(images: int) -> int:
    ramp = min(images, _IMAGE_FIRST - _IMAGE_MIN)  # images read at 12, 11, … 4 s
    return _IMAGE_FIRST * ramp - ramp * (ramp - 1) // 2 + _IMAGE_MIN * (images - ramp)


@dataclass(frozen=True, slots=True)
class ReadingTime:
    """Estimated reading time.

    Attributes
    ----------
    words : int
        Words counted (see :func:`count_words`).
    seconds : float
        Estimated reading time in seconds (words at *wpm*, plus image time).
    minutes : int
        Display value: ``seconds / 60`` rounded up, at least 1 for a non-empty text, 0 for none.
    wpm : float
        The rate used, in words per minute.
    lang : str
        The language code passed (lower-cased), whose rate was used.
    """

    words: int
    seconds: float
    minutes: int
    wpm: float
    lang: str

    def __str__(self) -> str:
        return f"{self.minutes} min"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


def count_words(text: str) -> int:
    """Count the words of *text* as a reader sees them.

    Examples
    --------
    >>> count_words("« L’ONU salue la 58ᵉ session » : 2,75 % – aujourd’hui.")
    7
    """
    text = ensure_text(text)
    if not text:
        return 0
    return len(text.split()) - len(_NON_WORD.findall(f" {text} "))


# An ISO 639-1/2/3 code, optionally followed by BCP 47 subtags (region, script): "fr", "fr-CA".
_LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")


def _check_lang(lang: object) -> str:
    """*lang* lower-cased, ``_`` read as ``-``; a clear error for anything not shaped like a code."""
    if not isinstance(lang, str):
        raise TypeError(
            f"lang must be a str language code such as 'fr', not {type(lang).__name__}"
            + (": leave it out for French" if lang is None else "")
        )
    code = lang.strip().lower().replace("_", "-")
    if not _LANG.fullmatch(code):
        raise ValueError(
            f"lang must be an ISO 639 language code such as 'fr' or 'fr-CA', not {lang!r}"
        )
    return code


def reading_time(
    text: str, *, wpm: float | None = None, images: int = 0, lang: str = "fr"
) -> ReadingTime:
    """Estimate how long a reader takes to read *text*.

    Parameters
    ----------
    text : str
        The article text (clean it first: boilerplate lines would count).
    wpm : float, optional
        Words per minute. Default: the silent-reading rate of *lang* (French: 204 wpm; see the
        module documentation for the sources).
    images : int, default 0
        Number of images in the article: 12 s for the first, one less for each next, at least 3 s.
    lang : str, default "fr"
        Language of the text, which selects the rate when *wpm* is not given: an ISO 639 code
        (``"fr"``, ``"deu"``), optionally with a region (``"fr-CA"``: the rate of ``"fr"``),
        any case. A code without a research rate (see :data:`READING_RATES`) uses the mean rate
        of the 17 IReST languages. Stored lower-cased in the result.

    Returns
    -------
    ReadingTime
        ``.words``, ``.seconds``, ``.minutes`` (rounded up, ≥ 1 for non-empty text); ``str()`` gives
        ``"3 min"``.

    Raises
    ------
    TypeError
        If *text* is not a ``str``.
    TypeError
        If *lang* is not a ``str``.
    ValueError
        If *wpm* is not positive, *images* is negative or *lang* is not shaped like a language
        code.

    Examples
    --------
    >>> rt = reading_time("mot " * 500)
    >>> rt.words, rt.minutes, str(rt)
    (500, 3, '3 min')
    >>> reading_time("").minutes
    0
    >>> reading_time("mot " * 300, lang="fr-CA").wpm, reading_time("mot", lang="xx").wpm
    (204, 192)
    >>> reading_time("mot", lang="français")
    Traceback (most recent call last):
    ...
    ValueError: lang must be an ISO 639 language code such as 'fr' or 'fr-CA', not 'français'
    """
    text = ensure_text(text)
    lang = _check_lang(lang)
    if wpm is None:
        rate = READING_RATES.get(lang.split("-")[0], _OTHER_WPM)
    else:
        if (
            isinstance(wpm, bool)
            or not isinstance(wpm, (int, float))
            or not wpm > 0
            or math.isinf(wpm)
        ):
            raise ValueError(f"wpm must be a positive number of words per minute, got {wpm!r}")
        rate = wpm
    if isinstance(images, bool) or not isinstance(images, int) or images < 0:
        raise ValueError(f"images must be a non-negative integer, got {images!r}")
    words = count_words(text)
    seconds = words * 60.0 / rate
    seconds += _image_seconds(images)
    minutes = math.ceil(round(seconds, 6) / 60) if seconds > 0 else 0
    if words and minutes == 0:
        minutes = 1
    return ReadingTime(words=words, seconds=round(seconds, 3), minutes=minutes, wpm=rate, lang=lang)
