"""Binary streams under the record readers and writers: opening an input (a path, ``-`` for
standard input, an open stream; gzip recognised from the content), a :class:`Sink` to write to
(a file or standard output, gzip or not), and the :class:`RecordWriter` interface.

Examples
--------
>>> import gzip, io
>>> stream, owned = open_binary(io.BytesIO(gzip.compress(b'{"id": 1}\\n')))
>>> stream.read(), len(owned)
(b'{"id": 1}\\n', 1)
>>> close_all(owned)
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import sys
from collections.abc import Mapping
from typing import IO, Any

from newsnlp.io.formats import PathLike

__all__ = ["GZIP_MAGIC", "RecordWriter", "Sink", "close_all", "fsync", "open_binary"]

#: The first two bytes of a gzip stream.
GZIP_MAGIC = b"\x1f\x8b"


def open_binary(source: PathLike | IO[bytes]) -> tuple[IO[bytes], list[IO[Any]]]:
    """Open *source* for binary reading, un-gzipping if its content is gzip.

    Returns the stream and the streams the caller must close (:func:`close_all`), innermost
    first; standard input and a stream passed in are not among them."""
    owned: list[IO[Any]] = []
    if hasattr(source, "read"):
        raw = source
    elif os.fspath(source) == "-":
        raw = sys.stdin.buffer
    else:
        raw = open(source, "rb")  # noqa: SIM115 - closed by the caller
        owned.append(raw)
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)  # type: ignore[arg-type]
    if raw.peek(2)[:2] == GZIP_MAGIC:  # type: ignore[union-attr]
        gz = gzip.GzipFile(fileobj=raw, mode="rb")
        return gz, [gz, *owned]  # type: ignore[list-item]
    return raw, owned  # type: ignore[return-value]


def close_all(streams: list[IO[Any]]) -> None:
    """Close *streams* in order, ignoring the errors of a stream already broken."""
    for stream in streams:
        with contextlib.suppress(OSError, EOFError):
            stream.close()


def fsync(fh: IO[Any]) -> None:
    """Ask the operating system to put *fh* on disk, where it can (not for a pipe, a
    terminal or an in-memory stream)."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        os.fsync(fh.fileno())


class Sink:
    """A binary output (file or standard output, optionally gzip) with flush / sync / close.

    Parameters
    ----------
    target : str or os.PathLike
        Path, or ``-`` for standard output (flushed, never closed).
    gz : bool, keyword-only
        Compress (a gzip file appended to gets a new member).
    append : bool, keyword-only
        Append to an existing file instead of replacing it.
    """

    def __init__(self, target: PathLike, *, gz: bool, append: bool) -> None:
        self.owned = os.fspath(target) != "-"
        self.raw: IO[bytes] = (
            open(target, "ab" if append else "wb")  # noqa: SIM115 - closed in close()
            if self.owned
            else sys.stdout.buffer
        )
        self.gz = (
            gzip.GzipFile(fileobj=self.raw, mode="ab" if append else "wb", filename="")
            if gz
            else None
        )
        self.out: IO[bytes] = self.gz if self.gz is not None else self.raw  # type: ignore[assignment]

    def flush(self) -> None:
        """Hand what was written to the operating system (gzip: a sync flush, so that every
        complete record so far can be decompressed)."""
        if self.gz is not None:
            self.gz.flush()  # Z_SYNC_FLUSH
        self.raw.flush()

    def sync(self) -> None:
        """:meth:`flush`, then ``fsync`` a file."""
        self.flush()
        if self.owned:
            fsync(self.raw)

    def close(self) -> None:
        """Write the gzip trailer, flush, and ``fsync`` and close a file."""
        if self.gz is not None:
            self.gz.close()  # writes the gzip trailer, leaves raw open
        self.raw.flush()
        if self.owned:
            fsync(self.raw)
            self.raw.close()


class RecordWriter:
    """Base of the record writers: ``write(record)``, ``flush()``, ``sync()``, ``close()``; a
    context manager. :attr:`count` is the number of records written."""

    count: int = 0

    def write(self, record: Mapping[str, Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def flush(self) -> None:
        """Hand everything written so far to the operating system (at a record boundary)."""

    def sync(self) -> None:
        """:meth:`flush`, then ask the OS to put the data on disk (``fsync``) where possible."""
        self.flush()

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
