"""What the commands share: reading an input file or standard input, logging to standard error.

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "a.txt")
>>> with open(path, "wb") as fh:
...     _ = fh.write("Député".encode("cp1252"))
>>> read_text(path, "cp1252")
'Député'
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

__all__ = ["log_to_stderr", "read_text"]


def read_text(path: str, encoding: str) -> str:
    """The text of the file *path* (``-``: standard input), decoded with *encoding*."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    return data.decode(encoding)


@contextlib.contextmanager
def log_to_stderr(prefix: str, level: int = logging.WARNING) -> Iterator[None]:
    """Show newsnlp's log records of *level* and above on standard error, each line starting
    with *prefix*, unless the application configured logging already (a handler other than
    the library's ``NullHandler``)."""
    root = logging.getLogger("newsnlp")
    handler = None
    if not any(not isinstance(h, logging.NullHandler) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(f"{prefix}: %(message)s"))
        handler.setLevel(level)
        root.addHandler(handler)
    try:
        yield
    finally:
        if handler is not None:
            root.removeHandler(handler)
