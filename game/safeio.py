"""Reading and replacing files that strangers may have chosen: regular files only, capped.

A path given to Confide (a story, a record, a save, the settings) may name a named pipe,
which blocks forever when opened, or a device such as `/dev/zero`, which reports a size of
0 and never ends. Reading therefore opens without blocking, checks that the open file is a
regular one, and reads at most `limit + 1` bytes whatever the size claims. Writing refuses
to rename a file over anything that is not a regular file: `os.replace` would swap a
device node (`/dev/full`) or a link for an ordinary file.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


class UnsafeFile(OSError):
    """A path that is not a regular file, or a file over its size limit.

    An OSError, so every caller that already reports `exc.strerror` reports it too.
    """

    def __init__(self, message: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, message)


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`; UnsafeFile if it is not one or is too large."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"not a regular file ({kind(info.st_mode)})")
        if info.st_size > limit:
            raise UnsafeFile(f"file is {info.st_size:,} bytes; the limit is {limit:,}",
                             errno.EFBIG)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:  # a file may grow after fstat; never read past the cap
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    finally:
        os.close(fd)
    if got > limit:
        raise UnsafeFile(f"file is over the limit of {limit:,} bytes", errno.EFBIG)
    return b"".join(chunks)


def kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a link"
    return "not a plain file"


def check_replaceable(path: Path) -> None:
    """UnsafeFile unless `path` is absent or a regular file that may be written over."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(f"it is {kind(info.st_mode)}, not a regular file, and Confide only "
                         "replaces regular files; choose another name")


def check_writable(path: Path) -> None:
    """OSError unless a file could be written at `path` now: it is absent or a regular file,
    and its folder exists (or can be made) and takes a new file. For a file written only at
    the end of a long session (a lesson's record), so a bad name is refused before the
    session starts rather than after it, when the work would be lost."""
    check_replaceable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    os.unlink(tmp)


def data_folder(text: str) -> Path:
    """`--data-dir`: a folder, or a name not yet taken (it is made on the first save). A
    file there would make every save and the settings fail one by one, with "File exists",
    after the game has started; it is refused at once instead."""
    path = Path(text)
    blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise argparse.ArgumentTypeError(f"{blocker} is a file, not a folder: saves and "
                                         "settings need a folder")
    return path


TEMP_SUFFIX = ".tmp"
"""The suffix of the temp file a write goes through; listings and sweeps skip or remove it."""


def replace_atomic(path: Path, data: bytes, *, durable: bool) -> None:
    """Replace `path` with `data` through a temp file in the same folder, renamed over it,
    never over a link or a device (UnsafeFile). With `durable` the data is fsynced before the
    rename (saves and records); a cache that can rebuild a damaged entry skips that wait.
    Raises OSError; no temp file is left behind."""
    check_replaceable(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        check_replaceable(path)  # again: it may have changed while the data was written
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
