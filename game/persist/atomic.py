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
from pathlib import Path

from game.safeio import replace_atomic


def write_atomic(path: Path, data: bytes) -> Path:
    """Replace `path` with `data` atomically and durably (fsync of the file, then of its
    folder). Raises OSError (UnsafeFile when `path` is not a regular file); no temp file is
    left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomic(path, data, durable=True)
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
