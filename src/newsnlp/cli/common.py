"""What the commands share: reading an input file or standard input, logging and notices on
standard error, integer options, the help format.

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "a.txt")
>>> with open(path, "wb") as fh:
...     _ = fh.write("Député".encode("cp1252"))
>>> read_text(path, "cp1252")
'Député'
>>> positive_int("32"), positive_int_or_all("-1")
(32, -1)
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import threading
from collections.abc import Callable, Iterator

from newsnlp.errors import option

__all__ = [
    "HelpFormatter",
    "decoding_advice",
    "log_to_stderr",
    "notice_if_slow",
    "positive_int",
    "positive_int_or_all",
    "read_text",
]

#: Loggers whose INFO records a command shows when it asks for progress (the rest: WARNING).
_PROGRESS_LOGGERS = ("newsnlp.batch.progress",)


def read_text(path: str, encoding: str) -> str:
    """The text of the file *path* (``-``: standard input), decoded with *encoding*."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    return data.decode(encoding)


def decoding_advice(exc: UnicodeDecodeError) -> str:
    """What to do about a file that is not in the encoding it was read with.

    Examples
    --------
    >>> from newsnlp.errors import command_line_options
    >>> try:
    ...     b"caf\\xe9".decode("utf-8")
    ... except UnicodeDecodeError as exc:
    ...     with command_line_options():
    ...         print(decoding_advice(exc))
    the file is not utf-8: pass --encoding cp1252 (French sites) or the file's encoding
    """
    utf8 = exc.encoding.replace("_", "-").lower() in {"utf-8", "utf8", "utf-8-sig"}
    suggested = option("encoding", "cp1252" if utf8 else "utf-8")
    return (
        f"the file is not {exc.encoding}: pass {suggested}"
        f"{' (French sites)' if utf8 else ''} or the file's encoding"
    )


def positive_int(text: str) -> int:
    """An integer option >= 1 (for argparse ``type=``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, not {value}")
    return value


def positive_int_or_all(text: str) -> int:
    """An integer option >= 1, or -1 for "one per CPU" (for argparse ``type=``)."""
    if text.strip() == "-1":
        return -1
    try:
        return positive_int(text)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (or -1: one per CPU)") from None


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help of every command: descriptions and epilogs as written, and each option's default
    shown after its help, unless the help says it already or there is none to show (``None``,
    ``False``, an empty list)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (
            not action.option_strings
            or "default" in text
            or default is None
            or default is False
            or default is argparse.SUPPRESS
            or default == []
        ):
            return text
        return f"{text} (default: %(default)s)"


@contextlib.contextmanager
def log_to_stderr(
    prefix: str, level: int = logging.WARNING, *, progress: bool = False
) -> Iterator[None]:
    """Show newsnlp's log records of *level* and above on standard error, each line starting
    with *prefix*, unless the application configured logging already (a handler other than
    the library's ``NullHandler``). With *progress*, the INFO records of the progress loggers
    too (a batch job's progress when standard error is not a terminal)."""
    root = logging.getLogger("newsnlp")
    handler = None
    raised: list[tuple[logging.Logger, int]] = []
    if not any(not isinstance(h, logging.NullHandler) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(f"{prefix}: %(message)s"))
        shown = _PROGRESS_LOGGERS if progress else ()
        handler.addFilter(lambda r: r.levelno >= level or r.name in shown)
        root.addHandler(handler)
        for name in shown:
            logger = logging.getLogger(name)
            raised.append((logger, logger.level))
            logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        for logger, old in raised:
            logger.setLevel(old)
        if handler is not None:
            root.removeHandler(handler)


@contextlib.contextmanager
def notice_if_slow(
    message: str, *, after: float = 1.0, when: Callable[[], bool] = lambda: True
) -> Iterator[None]:
    """Print *message* on standard error once, if the block is still running *after* seconds
    and *when* says so (checked every 0.1 s from then on): say why the user waits."""
    finished = threading.Event()

    def watch() -> None:
        if finished.wait(after):
            return
        while not finished.is_set():
            if when():
                print(message, file=sys.stderr, flush=True)
                return
            finished.wait(0.1)

    thread = threading.Thread(target=watch, name="newsnlp-notice", daemon=True)
    thread.start()
    try:
        yield
    finally:
        finished.set()
        thread.join()
