"""Save thumbnails: a small picture of the scene beside each save slot.

Written next to the save (`saves/SLOT.png`) whenever the window saves, from the scene
screen drawn on its own (never the menu that is open over it). A thumbnail is untrusted
like any file in the data folder: it is read only if it is small, really a PNG, and its
header gives the expected size, so a swapped-in huge image is never decoded. A missing
or refused thumbnail just leaves the card without a picture.
"""

from __future__ import annotations

import contextlib
import io
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.persist.atomic import write_atomic
from game.ui.theme import HEIGHT, WIDTH

if TYPE_CHECKING:
    from game.ui.screens.scene import SceneScreen

SIZE = (192, 108)  # 16:9, a sixth of the canvas
MAX_BYTES = 256 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def thumb_path(saves_dir: Path, slot: str) -> Path:
    return saves_dir / f"{slot}.png"


def write_thumbnail(scene: SceneScreen, path: Path) -> None:
    """The scene as it stands, small, written atomically. Raises OSError or pygame.error."""
    canvas = pygame.Surface((WIDTH, HEIGHT))
    scene.draw(canvas)
    small = pygame.transform.smoothscale(canvas, SIZE)
    out = io.BytesIO()
    pygame.image.save(small, out, "thumb.png")
    write_atomic(path, out.getvalue())


def read_thumbnail(path: Path) -> pygame.Surface | None:
    """The thumbnail at `path`, or None if it is missing, too big, or not what we wrote."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES or not data.startswith(PNG_MAGIC) or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])  # IHDR, before any decoding
    if (width, height) != SIZE:
        return None
    with contextlib.suppress(pygame.error, ValueError):
        img = pygame.image.load(io.BytesIO(data), "thumb.png")
        if img.get_size() == SIZE:
            return img
    return None


def delete_thumbnail(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
