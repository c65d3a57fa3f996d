"""The art's PNG writer: any reader gets back the very pixels, and every row is filtered
"Up", the filter that keeps the bundled art quick to open (game/ui/pngfile.py)."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pygame
import pytest

from game.resources import ASSETS
from game.ui.pngfile import UP, save_png, up_filtered


def naive_up(raw: bytes, stride: int) -> bytes:
    above = (bytes(stride) + raw)[:len(raw)]
    return bytes((a - b) % 256 for a, b in zip(raw, above, strict=True))


@pytest.mark.parametrize(("size", "stride"), [(0, 3), (3, 3), (12, 12), (12, 3), (999, 9),
                                              (4096, 64)])
def test_up_filter_is_each_byte_minus_the_one_above_modulo_256(size: int, stride: int) -> None:
    rng = random.Random(size)
    for raw in (bytes(rng.randrange(256) for _ in range(size)), b"\xff" * size,
                b"\x00\xff" * (size // 2) + b"\x80" * (size % 2)):
        assert up_filtered(raw, stride) == naive_up(raw, stride)


def rows_filters(path: Path, stride: int) -> set[int]:
    data = path.read_bytes()
    at = data.index(b"IDAT")
    length = int.from_bytes(data[at - 4:at], "big")
    rows = zlib.decompress(data[at + 4:at + 4 + length])
    return {rows[i] for i in range(0, len(rows), stride + 1)}


@pytest.mark.parametrize("alpha", [False, True])
def test_a_saved_picture_reads_back_pixel_for_pixel(tmp_path: Path, alpha: bool) -> None:
    rng = random.Random(7)
    surf = pygame.Surface((37, 11), pygame.SRCALPHA if alpha else 0)
    for x in range(37):
        for y in range(11):
            surf.set_at((x, y), (rng.randrange(256), rng.randrange(256), rng.randrange(256),
                                 rng.randrange(256) if alpha else 255))
    out = tmp_path / "p.png"
    save_png(surf, out)
    back = pygame.image.load(str(out))
    mode = "RGBA" if alpha else "RGB"
    assert back.get_size() == (37, 11)
    assert pygame.image.tobytes(back, mode) == pygame.image.tobytes(surf, mode)
    assert rows_filters(out, 37 * len(mode)) == {UP}


def test_the_bundled_art_is_written_this_way() -> None:
    """Re-running `python -m game.ui.art` keeps it so; a picture saved by another tool
    would open at about half the speed."""
    for path in sorted((ASSETS / "backgrounds").glob("*.png")):
        assert rows_filters(path, 1280 * 3) == {UP}, path.name
