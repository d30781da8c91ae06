"""Progress of a batch job on standard error, in one of three modes (:func:`progress_mode`):

* ``"bar"`` — a tqdm bar (on a terminal, or when asked for with ``progress=True``);
* ``"log"`` — when standard error is not a terminal (a pipe, a log file, cron, nohup): a log
  record every *interval* seconds through :mod:`logging` (logger
  ``newsnlp.batch.progress``, level INFO): records done, records/s, words/s and the
  estimated time left when the number of records is known. ``newsnlp annotate`` shows them on
  standard error; in Python they appear where the application's logging sends INFO records;
* ``"off"`` — nothing (``progress=False``).

Examples
--------
>>> bar = Progress(False, total=2)
>>> bar.update(2, words=record_words({"reading_time": {"words": 150}}))
>>> bar.done, bar.words
(2, 150)
>>> bar.close()
>>> format_duration(3725), format_duration(218), format_duration(9.4)
('1 h 02 min', '3 min 38 s', '9 s')
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Mapping
from typing import Any

__all__ = ["Progress", "format_duration", "isatty", "progress_mode", "record_words"]

logger = logging.getLogger(__name__)

#: Seconds between two log records in ``"log"`` mode (default of :class:`Progress`).
_LOG_SECONDS = 30.0


def isatty(stream: Any) -> bool:
    """Whether *stream* is a terminal (``False`` for a closed or replaced stream)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_mode(progress: bool | None) -> str:
    """``"bar"``, ``"log"`` or ``"off"`` for the *progress* option of a batch job.

    ``None``: a bar when standard error is a terminal, else log records when logging would
    show them (INFO enabled for ``newsnlp.batch.progress``), else nothing. ``True``: a bar
    (log records without tqdm). ``False``: nothing.
    """
    if progress is False:
        return "off"
    if progress is None and not isatty(sys.stderr):
        return "log" if logger.isEnabledFor(logging.INFO) else "off"
    try:
        import tqdm.auto  # noqa: F401
    except ImportError:
        logger.info("progress: install tqdm for a progress bar")
        return "log"
    return "bar"


def record_words(record: Mapping[str, Any]) -> int:
    """Words of an output record's text (0 for an error record)."""
    rt = record.get("reading_time")
    return rt.get("words", 0) if isinstance(rt, Mapping) else 0


def format_duration(seconds: float) -> str:
    """*seconds* for a person: ``"9 s"``, ``"3 min 38 s"``, ``"1 h 02 min"``."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """Records and words done so far, shown as they come.

    Parameters
    ----------
    progress : bool or None
        The mode, as for :func:`progress_mode`.
    total : int or None
        Records expected, when known (for the bar and the estimated time left).
    desc : str, default "annotate"
        Label of the bar.
    interval : float, optional
        Seconds between two log records (default 30).
    """

    def __init__(
        self,
        progress: bool | None,
        total: int | None,
        desc: str = "annotate",
        *,
        interval: float | None = None,
    ) -> None:
        self.mode = progress_mode(progress)
        self.enabled = self.mode != "off"
        self.total = total
        self.desc = desc
        self.interval = _LOG_SECONDS if interval is None else interval
        self.bar = None
        self.done = 0
        self.words = 0
        self.start = self.last_log = time.monotonic()
        if self.mode == "bar":
            from tqdm.auto import tqdm

            self.bar = tqdm(
                total=total, desc=desc, unit=" rec", file=sys.stderr, dynamic_ncols=True
            )

    def status(self, message: str) -> None:
        """Say what the job is doing before its first records (e.g. loading the model)."""
        if self.bar is not None:
            self.bar.set_postfix_str(message)
        elif self.mode == "log":
            logger.info("%s…", message)

    def begin(self) -> None:
        """The records start coming now: rates are measured from here."""
        self.start = self.last_log = time.monotonic()
        if self.bar is not None:
            self.bar.set_postfix_str("", refresh=True)
        elif self.mode == "log":
            todo = "records" if self.total is None else f"{self.total:,} records"
            logger.info("%s to go, progress every %s", todo, format_duration(self.interval))

    def update(self, records: int, words: int) -> None:
        """Count *records* more records holding *words* words."""
        self.done += records
        self.words += words
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = max(now - self.start, 1e-9)
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.words / elapsed:,.0f} words/s", refresh=False)
            self.bar.update(records)
        elif now - self.last_log >= self.interval:
            self.last_log = now
            logger.info("%s", self.line(elapsed))

    def line(self, elapsed: float) -> str:
        """The log record after *elapsed* seconds: done, rates, time left."""
        rate = self.done / elapsed
        done = f"{self.done:,}"
        left = ""
        if self.total:
            done = f"{self.done:,} of {self.total:,} records ({100 * self.done / self.total:.0f} %)"
            if rate > 0 and self.done < self.total:
                left = f", about {format_duration((self.total - self.done) / rate)} left"
        else:
            done += " records"
        return f"{done}, {rate:,.1f} records/s, {self.words / elapsed:,.0f} words/s{left}"

    def close(self) -> None:
        """Close the bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
