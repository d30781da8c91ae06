"""Files of a saved index, written and read safely: never through a symbolic link, a directory
replaced atomically, ``.npy`` arrays parsed without pickle from the bytes that were checked.

* :func:`new_folder`, :func:`write_file`, :func:`write_array` — a fresh directory beside the
  target, filled with files created exclusively (``O_EXCL | O_NOFOLLOW``: an existing file or a
  link planted there is an error, never written through), each ``fsync``'d;
* :func:`replace_folder` — the fresh directory takes the target's place in one step
  (``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, the old directory kept under
  a backup name in between, which :func:`recover` finds), then the old one is deleted: a process
  killed at any point leaves the old index or the new one, never a broken one;
* :func:`read_file`, :func:`parse_array` — a file read once (``O_NOFOLLOW``: a link is refused)
  into memory, whose bytes are both hashed and parsed (no file swapped in between).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import io
import logging
import os
import secrets
import shutil
import stat
from pathlib import Path

import numpy as np

__all__ = [
    "BACKUP_TAG",
    "TEMP_TAG",
    "new_folder",
    "parse_array",
    "read_file",
    "recover",
    "replace_folder",
    "write_array",
    "write_file",
]

logger = logging.getLogger(__name__)

#: Name parts of the directories a save creates beside its target (``.NAME.TAG-…``).
TEMP_TAG = "newsnlp-tmp"
BACKUP_TAG = "newsnlp-old"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _sibling(target: Path, tag: str) -> Path:
    return target.parent / f".{target.name}.{tag}-{os.getpid()}-{secrets.token_hex(4)}"


def new_folder(target: Path) -> Path:
    """A new, empty directory beside *target* (same file system: renames are atomic).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     new_folder(Path(d) / "model").name.startswith(".model.newsnlp-tmp-")
    True
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = _sibling(target, TEMP_TAG)
    folder.mkdir(mode=0o755)
    return folder


class _Hashing(io.RawIOBase):
    """A write-only file that hashes what it writes (for ``numpy.save``)."""

    def __init__(self, fd: int) -> None:
        self.fd, self.sha, self.size = fd, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        self.sha.update(view)
        done = 0
        while done < len(view):
            done += os.write(self.fd, view[done:])
        self.size += len(view)
        return len(view)


def _create(path: Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags, 0o644)


def write_array(folder: Path, name: str, array: np.ndarray) -> dict[str, object]:
    """Write *array* as ``.npy`` file *name* of *folder* (created: never an existing file or
    link), ``fsync``'d; return its ``{"sha256", "size"}``."""
    fd = _create(folder / name)
    try:
        out = _Hashing(fd)
        np.lib.format.write_array(out, np.ascontiguousarray(array), allow_pickle=False)
        os.fsync(fd)
    finally:
        os.close(fd)
    return {"sha256": out.sha.hexdigest(), "size": out.size}


def write_file(folder: Path, name: str, data: bytes) -> dict[str, object]:
    """Write bytes *data* as file *name* of *folder* (as :func:`write_array`)."""
    fd = _create(folder / name)
    try:
        out = _Hashing(fd)
        out.write(data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return {"sha256": out.sha.hexdigest(), "size": out.size}


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - no directory fsync on this platform
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap directories *a* and *b* in one step (Linux ``renameat2``); ``False`` if the system
    cannot."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]  # fmt: skip
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def replace_folder(folder: Path, target: Path) -> None:
    """Put the complete directory *folder* at *target* in one step (see the module's notes);
    the previous *target*, if any, is deleted afterwards."""
    _fsync_dir(folder)
    if not target.exists() and not target.is_symlink():
        os.rename(folder, target)
    elif _exchange(folder, target):
        shutil.rmtree(folder)  # now the old index
    else:  # two renames; recover() finds the backup if the process dies in between
        backup = _sibling(target, BACKUP_TAG)
        os.rename(target, backup)
        os.rename(folder, target)
        shutil.rmtree(backup)
    _fsync_dir(target.parent)


def recover(target: Path) -> Path | None:
    """The backup of *target* left by a save killed between its two renames (systems without
    ``RENAME_EXCHANGE``), when *target* itself is missing; ``None`` otherwise."""
    if target.exists() or not target.parent.is_dir():
        return None
    prefix = f".{target.name}.{BACKUP_TAG}-"
    found = sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))
    return found[-1] if found else None


def read_file(folder: Path, name: str) -> bytearray:
    """The bytes of regular file *name* of *folder*, read once; a symbolic link (or anything
    but a regular file) is a ``ValueError``."""
    path = folder / name
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ValueError(f"{name} is missing from {folder}") from None
    except OSError as exc:  # ELOOP: a symbolic link under O_NOFOLLOW
        if os.path.islink(path):
            raise ValueError(
                f"{name} in {folder} is a symbolic link: a saved index holds regular files only"
            ) from None
        raise ValueError(f"cannot read {name} in {folder}: {exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{name} in {folder} is not a regular file")
        buf = bytearray(info.st_size)
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as f:
            view, done = memoryview(buf), 0
            while done < len(buf):
                got = f.readinto(view[done:])
                if not got:
                    break
                done += got
        return buf[:done] if done < len(buf) else buf
    finally:
        os.close(fd)


def parse_array(buf: bytearray, name: str) -> np.ndarray:
    """The array of ``.npy`` bytes *buf*, without pickle and without a copy (the array's memory
    is *buf*); ``ValueError`` for anything that is not a plain ``.npy`` array."""
    stream = io.BytesIO(memoryview(buf)[:65536])
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(stream)
    except (ValueError, OSError, SyntaxError, TypeError) as exc:
        raise ValueError(f"{name} is not a .npy array: {exc}") from None
    if dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None or fortran:
        raise ValueError(f"{name} holds {dtype} data: not a plain array")
    count = int(np.prod(shape, dtype=np.int64))
    offset = stream.tell()
    if offset + count * dtype.itemsize != len(buf):
        raise ValueError(f"{name} has {len(buf)} bytes, not the size of its {shape} header")
    return np.frombuffer(buf, dtype=dtype, count=count, offset=offset).reshape(shape)
