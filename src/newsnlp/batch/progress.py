"""Progress of a batch job on standard error: a tqdm bar on a terminal, a log line every 30 s
without tqdm, nothing when switched off.

Examples
--------
>>> bar = Progress(False, total=2)
>>> bar.update(2, words=record_words({"reading_time": {"words": 150}}))
>>> bar.done, bar.words
(2, 150)
>>> bar.close()
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Mapping
from typing import Any

__all__ = ["Progress", "isatty", "record_words"]

logger = logging.getLogger(__name__)

_LOG_SECONDS = 30.0


def isatty(stream: Any) -> bool:
    """Whether *stream* is a terminal (``False`` for a closed or replaced stream)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def record_words(record: Mapping[str, Any]) -> int:
    """Words of an output record's text (0 for an error record)."""
    rt = record.get("reading_time")
    return rt.get("words", 0) if isinstance(rt, Mapping) else 0


class Progress:
    """Records and words done so far, shown as they come.

    Parameters
    ----------
    progress : bool or None
        ``None``: shown when standard error is a terminal; ``True`` / ``False``: forced on /
        off.
    total : int or None
        Records expected, when known.
    desc : str, default "annotate"
        Label of the bar.
    """

    def __init__(self, progress: bool | None, total: int | None, desc: str = "annotate"):
        enabled = progress if progress is not None else isatty(sys.stderr)
        self.bar = None
        self.enabled = bool(enabled)
        self.done = 0
        self.words = 0
        self.start = self.last_log = time.monotonic()
        if self.enabled:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                logger.info("progress: install tqdm for a progress bar")
            else:
                self.bar = tqdm(
                    total=total, desc=desc, unit=" rec", file=sys.stderr, dynamic_ncols=True
                )

    def update(self, records: int, words: int) -> None:
        """Count *records* more records holding *words* words."""
        self.done += records
        self.words += words
        if not self.enabled:
            return
        now = time.monotonic()
        rate = self.words / max(now - self.start, 1e-9)
        if self.bar is not None:
            self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
            self.bar.update(records)
        elif now - self.last_log >= _LOG_SECONDS:
            self.last_log = now
            logger.info("%d records, %.0f words/s", self.done, rate)

    def close(self) -> None:
        """Close the bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
