"""Character-level normalisation of scraped French text: small ``str -> str`` functions.

Each function does one thing, is idempotent (``f(f(x)) == f(x)``) and keeps line breaks, so
they can be composed in any order. Each takes a ``str`` and raises a ``TypeError`` saying what to
pass for anything else (``bytes``: decode first); lone surrogates become U+FFFD
(:func:`newsnlp.checks.ensure_text`), so the output can always be encoded; :func:`normalize_text` applies them all in the order used by
:func:`newsnlp.clean`.

French typography is kept: no-break spaces (U+00A0) and narrow no-break spaces (U+202F) around
« », before ``: ; ? !`` and inside numbers stay as they are; superscript ordinal letters
(``79ᵉ``, ``1ʳᵉ``) are kept (NFKC would turn them into plain letters, so NFC is used).
"""

from __future__ import annotations

import re
import unicodedata

from newsnlp.checks import ensure_text
from newsnlp.text.fold import APOSTROPHE

__all__ = [
    "fix_mojibake",
    "normalize_apostrophes",
    "normalize_line_breaks",
    "normalize_spaces",
    "normalize_text",
    "remove_invisible",
]

NBSP = "\u00a0"
NNBSP = "\u202f"

# --------------------------------------------------------------------------- line breaks
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def normalize_line_breaks(text: str) -> str:
    r"""Turn every line-break convention (CRLF, CR, U+2028, form feed…) into ``\n``.

    Examples
    --------
    >>> normalize_line_breaks("Titre\r\nCorps\u2028suite")
    'Titre\nCorps\nsuite'
    """
    return _normalize_line_breaks(ensure_text(text))


def _normalize_line_breaks(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text)


# --------------------------------------------------------------------------- invisible characters
# Zero-width space, word joiner, BOM, soft hyphen, bidi marks and other format characters that
# scrapers leave inside words. ZWJ (U+200D) is kept: it is part of emoji sequences.
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u200c\u200e\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def remove_invisible(text: str) -> str:
    """Remove zero-width characters, soft hyphens, bidi controls and C0/C1 control characters.

    Examples
    --------
    >>> remove_invisible("gou\u00advernement\u200b")
    'gouvernement'
    """
    return _remove_invisible(ensure_text(text))


def _remove_invisible(text: str) -> str:
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


# --------------------------------------------------------------------------- mojibake
# UTF-8 text decoded as cp1252/latin-1 ("Ã©" for "é", "â€™" for "’"). A run is repaired only when
# re-encoding it gives valid UTF-8, which makes the repair unambiguous in practice.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = "\u0080-\u00bf" + _CP1252_EXTRA  # characters standing for UTF-8 continuation bytes
# Lead bytes covered: C2-C5 and CB (Latin-1 supplement, Latin Extended-A: é, à, «, œ, č, ł…,
# and ˆ ˜) and E2 (’ “ ” – — … €). These are the mojibake of Western and Central European text.
_LEADS = "ÂÃÄÅËâ"
_MOJIBAKE = re.compile(f"(?:[ÂÃÄÅË][{_CONT}]|â[{_CONT}]{{2}})+")
_LEAD_RE = re.compile(f"[{_LEADS}]")
_CONT_SET = frozenset(chr(c) for c in range(0x80, 0xC0)) | frozenset(_CP1252_EXTRA)
_CP1252_BYTES = {
    ch: bytes([b])
    for b in range(0x80, 0xA0)
    for ch in [bytes([b]).decode("cp1252", "ignore")]
    if ch
}


_A_GRAVE = re.compile("\u00c3(?: (?= )|(?= ))")


def _to_bytes(s: str) -> bytes | None:
    out = bytearray()
    for ch in s:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
        elif ch in _CP1252_BYTES:
            out += _CP1252_BYTES[ch]
        else:
            return None
    return bytes(out)


def _repair(match: re.Match[str]) -> str:
    raw = _to_bytes(match.group())
    if raw is None:
        return match.group()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def _has_mojibake(text: str) -> bool:
    """Whether *text* holds a lead character followed by continuation characters.

    Equivalent to ``_MOJIBAKE.search(text) is not None``, but scans only for the (rare) lead
    characters, then looks at what follows each: much faster on ordinary French text.
    """
    if not any(lead in text for lead in _LEADS):
        return False
    for match in _LEAD_RE.finditer(text):
        needed = 2 if match.group() == "â" else 1
        following = text[match.end() : match.end() + needed]
        if len(following) == needed and all(ch in _CONT_SET for ch in following):
            return True
    return False


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252 or latin-1 (``Ã©`` → ``é``).

    Only runs that decode cleanly as UTF-8 are changed; text without mojibake is returned as is.
    Covers the mojibake of Western and Central European text (UTF-8 lead bytes C2–C5, CB, E2).

    Examples
    --------
    >>> fix_mojibake("Le ministre a rÃ©affirmÃ© lâ€™engagement du Maroc")
    'Le ministre a réaffirmé l’engagement du Maroc'
    >>> fix_mojibake("Ça coûte 3 €")
    'Ça coûte 3 €'
    """
    return _fix_mojibake(ensure_text(text))


def _fix_mojibake(text: str) -> str:
    if not _has_mojibake(text):
        return text
    original = text
    for _ in range(3):  # double-encoded text needs a second pass
        fixed = _MOJIBAKE.sub(_repair, text)
        if fixed == text:
            break
        text = fixed
    if text != original:
        # "à" is C3 A0: once its no-break space has become a plain space, "Ã " is left. In text
        # shown to be mojibake, that can only be "à".
        text = _A_GRAVE.sub("à", text)
    return text


# --------------------------------------------------------------------------- apostrophes
# Straight and look-alike apostrophes become ’. A left quote or accent is an apostrophe only
# between two letters (l‘ONU, aujourd´hui); elsewhere it may be a quotation mark.
_APOS_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[`´‘′](?=[^\W\d_])")


def normalize_apostrophes(text: str) -> str:
    """Unify apostrophes to the typographic ’ (U+2019).

    ``'`` and ``ʼ`` always become ’; ```` ` ````, ``´``, ``‘`` and ``′`` only between two letters.

    Examples
    --------
    >>> normalize_apostrophes("l'ONU et aujourd´hui")
    'l’ONU et aujourd’hui'
    """
    return _normalize_apostrophes(ensure_text(text))


def _normalize_apostrophes(text: str) -> str:
    if "'" in text:
        text = text.replace("'", APOSTROPHE)
    if "\u02bc" in text:
        text = text.replace("\u02bc", APOSTROPHE)
    return _APOS_BETWEEN_LETTERS.sub(APOSTROPHE, text)


# --------------------------------------------------------------------------- spaces
# Thin, figure and punctuation spaces are what typesetters use where French wants a narrow
# no-break space (before ; ! ?, in 78 000): they become U+202F. Other Unicode spaces are plain.
_NARROW_SPACES = str.maketrans({"\u2007": NNBSP, "\u2008": NNBSP, "\u2009": NNBSP, "\u200a": NNBSP})
_WIDE_SPACES = str.maketrans(
    dict.fromkeys("\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u205f\u3000", " ")
)
_ODD_SPACE = re.compile("[\u1680\u2000-\u200a\u205f\u3000]")
# A run of horizontal spaces: kept as one no-break space if it contains one (narrow wins),
# otherwise one ordinary space.
_SPACE_RUN = re.compile(f"[ \t{NBSP}{NNBSP}]{{2,}}|\t")


def _collapse(match: re.Match[str]) -> str:
    run = match.group()
    if NNBSP in run:
        return NNBSP
    if NBSP in run:
        return NBSP
    return " "


def normalize_spaces(text: str) -> str:
    """Collapse runs of spaces and tabs, keep French no-break spaces, strip every line.

    A run of spaces containing a no-break space collapses to that no-break space (narrow
    U+202F first); a run of ordinary spaces/tabs to one space. Thin and figure spaces become
    narrow no-break spaces, other exotic Unicode spaces ordinary spaces. Lines are stripped;
    line breaks are kept.

    Examples
    --------
    >>> normalize_spaces("  Le  texte\\t table sur «\u00a0 4,6\u00a0%\u00a0».  ")
    'Le texte table sur «\u00a04,6\u00a0%\u00a0».'
    """
    return _normalize_spaces(ensure_text(text))


def _normalize_spaces(text: str) -> str:
    if _ODD_SPACE.search(text):
        text = text.translate(_NARROW_SPACES).translate(_WIDE_SPACES)
    text = _SPACE_RUN.sub(_collapse, text)
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.split("\n"))


# Characters that only the rarer normalisations care about: one scan tells whether any of them
# is needed, which keeps the common case (ordinary French text) to a few fast passes.
_RARE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u02bc\u1680\u2000-\u200f\u2028-\u202e\u205f-\u2064"
    "\u2066-\u2069\u3000\ufeff`´‘′]"
)
_NO_BREAK_NEXT_TO_SPACE = re.compile("[ \u00a0\u202f][\u00a0\u202f]|[\u00a0\u202f] ")


def _needs_space_collapse(text: str) -> bool:
    if "  " in text or "\t" in text:
        return True
    if "\u00a0" not in text and "\u202f" not in text:
        return False
    return _NO_BREAK_NEXT_TO_SPACE.search(text) is not None


def normalize_text(text: str) -> str:
    """Apply every character-level normalisation, in the order :func:`newsnlp.clean` uses.

    Mojibake, line breaks, invisible characters, Unicode NFC, apostrophes, spaces: the
    composition of this module's functions, with fast paths for text that needs none of them.
    When unifying apostrophes completes a mojibake sequence (``Å'`` → ``Å’``, that is ``Œ``), a
    second round repairs it, so that the result is a fixed point.

    Examples
    --------
    >>> normalize_text("Lâ€™ONU  salue\\r\\nla 79\u1d49 session")
    'L’ONU salue\\nla 79ᵉ session'
    """
    return _normalize_text(ensure_text(text))


def _normalize_text(text: str) -> str:
    out = _normalize_once(text)
    if out != text and _has_mojibake(out):
        out = _normalize_once(out)
    return out


def _normalize_once(text: str) -> str:
    text = _fix_mojibake(text)  # first: C1 characters and U+00AD may be mojibake bytes
    rare = _RARE.search(text) is not None
    if rare or "\r" in text:
        text = _remove_invisible(_normalize_line_breaks(text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "'" in text:
        text = text.replace("'", APOSTROPHE)
    if rare:
        text = _normalize_apostrophes(text)
        if _ODD_SPACE.search(text):
            text = text.translate(_NARROW_SPACES).translate(_WIDE_SPACES)
    if _needs_space_collapse(text):
        text = _SPACE_RUN.sub(_collapse, text)
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.split("\n"))
