"""Write a file so that it holds either its old content or its new content, whole.

Used for everything Confide writes that a crash must not damage: saves, settings and
playthrough records. The data goes to a temp file in the same folder (a rename is only
atomic within one file system), is fsynced, renamed over the target, and the folder is
fsynced so the rename itself survives a power cut. Only a regular file (or nothing) is
ever replaced: renaming over a device node or a link would destroy it (game/safeio.py).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from game.safeio import check_replaceable

TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes) -> Path:
    """Replace `path` with `data` atomically. Raises OSError (UnsafeFile when `path` is not
    a regular file); no temp file is left behind."""
    check_replaceable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        check_replaceable(path)  # again: it may have changed while the data was written
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return path


def fsync_dir(folder: Path) -> None:
    # Makes the rename durable on POSIX; Windows cannot open folders, which is fine.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
