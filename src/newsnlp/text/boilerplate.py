"""Cross-page boilerplate: the lines a site repeats on many of its pages.

A line that one page shows is hard to judge; a line that 40 % of a site's pages show is the
site's furniture ("Publicité", "Abonnez-vous à notre newsletter", "Les commentaires sont
modérés", a recurring credit), whatever its wording. :class:`Boilerplate` learns these lines from
a sample of a site's pages (``fit``), then :func:`newsnlp.clean` (``boilerplate=``) removes them
with the reason ``"site-boilerplate"``. trafilatura's ``deduplicate`` option does a cruder
version with a process-wide LRU cache, so its result depends on the order of calls; a fitted
:class:`Boilerplate` is an explicit, saved, immutable object.

How lines are counted
---------------------
* Each page is read as the cleaner reads it (:func:`newsnlp.text.source.page_lines`: HTML pages
  through their extracted article text), each line keyed by :func:`newsnlp.text.fold.fold` with
  digit runs masked, so "Temps de lecture : 3 minutes" and "… 4 minutes", or "© 2024" and
  "© 2025", are the same line; a line counts once per page.
* A page whose longest line (as it is, digits included) was seen on an earlier page is a
  duplicate (a wire story published twice) and is skipped: duplicated articles must not turn their paragraphs into boilerplate.
  Seen pages are remembered in a fixed-size Bloom filter (2 MiB).
* Counting is lossy counting (Manku & Motwani, 2002) with an error of a tenth of *min_share*:
  memory stays bounded on millions of pages, and a line's count is exact up to that error.
* A line is boilerplate when it is on at least *min_pages* pages and at least *min_share* of
  the (distinct) pages.

Examples
--------
>>> towns = ["Lyon", "Brest", "Metz", "Nice", "Pau", "Sète"]
>>> pages = [f"Publicité\\nLe conseil municipal de {town} a voté le budget." for town in towns]
>>> bp = Boilerplate(min_pages=3, min_share=0.5).fit(pages)
>>> "Publicité" in bp, bp.is_boilerplate("Le conseil municipal de Metz a voté le budget.")
(True, False)
>>> from newsnlp import clean
>>> clean("Publicité\\nUn titre\\nLe maire a présenté mardi le budget de la ville.", boilerplate=bp)
'Un titre\\nLe maire a présenté mardi le budget de la ville.'
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsnlp.checks import check_int, ensure_text
from newsnlp.text.fold import fold
from newsnlp.text.normalize import normalize_text
from newsnlp.text.source import page_lines

__all__ = ["FORMAT", "SITES_FORMAT", "Boilerplate", "line_key", "load_sites", "save_sites"]

#: The ``format`` field of a saved :class:`Boilerplate`, with its version.
FORMAT = {"format": "newsnlp.Boilerplate", "version": 1}
#: The ``format`` field of saved site boilerplate (:func:`save_sites`), with its version.
SITES_FORMAT = {"format": "newsnlp.SiteBoilerplate", "version": 1}
_DIGITS = re.compile(r"\d+")
_BLOOM_BITS = 1 << 24
_BLOOM_HASHES = 3


def line_key(line: str) -> str:
    """The key a line is counted and looked up by: normalised, folded, digit runs masked.

    Examples
    --------
    >>> line_key("Temps de lecture : 3 minutes") == line_key("temps de  lecture : 12 MINUTES")
    True
    """
    return _DIGITS.sub("0", fold(normalize_text(line)))


class _SeenPages:
    """A Bloom filter of page fingerprints: fixed memory, no false negatives."""

    def __init__(self) -> None:
        self.bits = bytearray(_BLOOM_BITS // 8)

    def add(self, fingerprint: str) -> bool:
        """Add *fingerprint*; return whether it was (probably) there already."""
        digest = hashlib.blake2b(fingerprint.encode("utf-8"), digest_size=16).digest()
        seen = True
        for k in range(_BLOOM_HASHES):
            bit = int.from_bytes(digest[4 * k : 4 * k + 4], "little") % _BLOOM_BITS
            byte, mask = bit >> 3, 1 << (bit & 7)
            if not self.bits[byte] & mask:
                seen = False
                self.bits[byte] |= mask
        return seen


class _LossyCounter:
    """Lossy counting of keys over pages (each page a set of keys)."""

    def __init__(self, error: float) -> None:
        self.width = max(1, math.ceil(1 / error))  # pages per bucket
        self.counts: dict[str, list[int]] = {}  # key -> [count, maximum undercount]
        self.pages = 0

    def add(self, keys: set[str]) -> None:
        self.pages += 1
        bucket = math.ceil(self.pages / self.width)
        for key in keys:
            entry = self.counts.get(key)
            if entry is None:
                self.counts[key] = [1, bucket - 1]
            else:
                entry[0] += 1
        if self.pages % self.width == 0:
            self.counts = {k: e for k, e in self.counts.items() if e[0] + e[1] > bucket}


@dataclass(frozen=True, kw_only=True)
class Boilerplate:
    """Lines that recur on many pages of one site, learnt by :meth:`fit` (immutable).

    Parameters
    ----------
    min_pages : int, default 5
        A line is boilerplate when it is on at least this many (distinct) pages...
    min_share : float, default 0.05
        ... and on at least this share of them, in ``(0, 1]``.

    Attributes
    ----------
    pages : int
        Distinct pages the lines were counted on (0: not fitted).
    counts : mapping of str to int
        The boilerplate lines, by key (:func:`line_key`), with the pages they were counted on
        (read-only).

    Examples
    --------
    >>> bp = Boilerplate(min_pages=2, min_share=0.5).fit(["Pub\\nUn.", "Pub\\nDeux.", "Trois."])
    >>> dict(bp.counts)
    {'pub': 2}
    """

    min_pages: int = 5
    min_share: float = 0.05
    pages: int = field(default=0, init=False)
    counts: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({}), init=False, repr=False, hash=False
    )

    def __post_init__(self) -> None:
        check_int(self.min_pages, "min_pages", 1)
        share = self.min_share
        if isinstance(share, bool) or not isinstance(share, (int, float)):
            raise TypeError(f"min_share must be a float in (0, 1], not {type(share).__name__}")
        if not 0.0 < share <= 1.0:
            raise ValueError(f"min_share must be in (0, 1], not {share!r}")
        object.__setattr__(self, "min_share", float(share))

    # ------------------------------------------------------------------ fitting
    def fit(self, pages: Iterable[str]) -> Boilerplate:
        """Count the lines of *pages* (texts or HTML pages of one site) and return a new fitted
        :class:`Boilerplate` with this configuration (this one is left unchanged).

        Parameters
        ----------
        pages : iterable of str
            Read once, in order (a generator is fine: memory stays bounded).

        Returns
        -------
        Boilerplate

        Raises
        ------
        TypeError
            If *pages* is a single ``str`` or holds a non-``str``.
        """
        if isinstance(pages, (str, bytes)):
            raise TypeError("pages must be an iterable of page texts, not a single str")
        counter = _LossyCounter(self.min_share / 10)
        seen = _SeenPages()
        for k, page in enumerate(pages):
            lines = [line for line in page_lines(ensure_text(page, name=f"pages[{k}]"))[0] if line]
            keys = {line_key(line) for line in lines}
            keys.discard("")
            if keys and not seen.add(max(lines, key=lambda s: (len(s), s))):
                counter.add(keys)
        n = counter.pages
        needed = max(self.min_pages, math.ceil(self.min_share * n - 1e-9))
        found = {k: e[0] for k, e in sorted(counter.counts.items()) if e[0] >= needed}
        return self._fitted(n, found)

    def _fitted(self, pages: int, counts: Mapping[str, int]) -> Boilerplate:
        out = Boilerplate(min_pages=self.min_pages, min_share=self.min_share)
        object.__setattr__(out, "pages", pages)
        object.__setattr__(out, "counts", MappingProxyType(dict(counts)))
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its :meth:`to_dict` (worker processes of a batch job receive it)."""
        return (_from_dict, (self.to_dict(),))

    # ------------------------------------------------------------------ lookup
    def __contains__(self, line: object) -> bool:
        return isinstance(line, str) and bool(self.counts) and line_key(line) in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def is_boilerplate(self, line: str) -> bool:
        """Whether *line* (any text; it is normalised and folded) is one of the site's lines.

        Raises
        ------
        TypeError
            If *line* is not a ``str``.
        """
        return ensure_text(line, name="line") in self

    # ------------------------------------------------------------------ persistence
    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (keys sorted: the same object gives the same bytes)."""
        return {
            **FORMAT,
            "min_pages": self.min_pages,
            "min_share": self.min_share,
            "pages": self.pages,
            "lines": dict(sorted(self.counts.items())),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Boilerplate:
        """Rebuild a :class:`Boilerplate` from :meth:`to_dict`, checking every field.

        Raises
        ------
        ValueError
            If *data* is not a saved Boilerplate of a supported version, or a field is invalid.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"a saved Boilerplate is a JSON object, not {type(data).__name__}")
        if data.get("format") != FORMAT["format"] or data.get("version") != FORMAT["version"]:
            raise ValueError(
                f"not a saved Boilerplate of version {FORMAT['version']}: format="
                f"{data.get('format')!r}, version={data.get('version')!r}"
            )
        try:
            out = cls(min_pages=data["min_pages"], min_share=data["min_share"])
            pages = check_int(data["pages"], "pages", 0)
            lines = data["lines"]
        except (KeyError, TypeError) as err:
            raise ValueError(f"invalid saved Boilerplate: {err}") from err
        if not isinstance(lines, Mapping) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 1
            for k, v in lines.items()
        ):
            raise ValueError("invalid saved Boilerplate: lines must map str to a count >= 1")
        return out._fitted(pages, lines)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`to_dict` as JSON to *path*, atomically (a temporary file in the same
        folder, then renamed: a crash never leaves a half-written file)."""
        _write_json(Path(path), self.to_dict())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Boilerplate:
        """Read a :class:`Boilerplate` written by :meth:`save`.

        Raises
        ------
        FileNotFoundError
            If *path* does not exist.
        ValueError
            If the file is not valid JSON or not a saved Boilerplate.
        """
        data = _read_json(path)
        try:
            return cls.from_dict(data)
        except ValueError as err:
            raise ValueError(f"{path}: {err}") from err


def _write_json(path: Path, value: Any) -> None:
    """*value* as JSON in *path*, atomically (a temporary file in the same folder, renamed)."""
    data = json.dumps(value, ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_json(path: str | os.PathLike[str]) -> Any:
    text = Path(path).read_text("utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"{path} is not a saved Boilerplate (invalid JSON: {err})") from err


def save_sites(sites: Mapping[str, Boilerplate], path: str | os.PathLike[str]) -> None:
    """Write the site boilerplate of a batch job, ``{source: Boilerplate}``, as one JSON file
    (atomically, sources sorted: the same sites give the same bytes).

    Examples
    --------
    >>> import os, tempfile
    >>> bp = Boilerplate(min_pages=2, min_share=0.5).fit(["Pub\\nUn.", "Pub\\nDeux."])
    >>> path = os.path.join(tempfile.mkdtemp(), "sites.json")
    >>> save_sites({"exemple.fr": bp}, path)
    >>> load_sites(path) == {"exemple.fr": bp}
    True
    """
    data = {**SITES_FORMAT, "sites": {k: v.to_dict() for k, v in sorted(sites.items())}}
    _write_json(Path(path), data)


def load_sites(path: str | os.PathLike[str]) -> dict[str, Boilerplate]:
    """Read the ``{source: Boilerplate}`` written by :func:`save_sites`.

    Raises
    ------
    FileNotFoundError
        If *path* does not exist.
    ValueError
        If the file is not valid JSON or not saved site boilerplate.
    """
    data = _read_json(path)
    if not isinstance(data, Mapping) or any(data.get(k) != v for k, v in SITES_FORMAT.items()):
        raise ValueError(
            f"{path} is not saved site boilerplate of version {SITES_FORMAT['version']} "
            "(written by newsnlp.text.boilerplate.save_sites or newsnlp annotate "
            "--save-boilerplate)"
        )
    sites = data.get("sites")
    if not isinstance(sites, Mapping):
        raise ValueError(f"{path}: invalid saved site boilerplate: no sites object")
    try:
        return {str(k): Boilerplate.from_dict(v) for k, v in sites.items()}
    except ValueError as err:
        raise ValueError(f"{path}: {err}") from err


def _from_dict(data: Mapping[str, Any]) -> Boilerplate:
    return Boilerplate.from_dict(data)
