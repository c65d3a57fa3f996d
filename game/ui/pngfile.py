"""Writes the bundled art as PNG files that are quick to open.

pygame.image.save leaves the choice of row filters to libpng, which picks "Paeth" for most
rows of painted art; undoing Paeth is the slowest part of reading a PNG, about half of the
title screen's background load. Here every row uses filter 2 ("Up": each byte minus the
byte above it), which compresses these pictures as well and reads back in about half the
time. Any PNG reader opens the files; only how they are written differs.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pygame

SIGNATURE = b"\x89PNG\r\n\x1a\n"
UP = 2  # the PNG row filter type written before every row


def save_png(surface: pygame.Surface, path: Path) -> None:
    """Write `surface` to `path`: RGBA when it has per-pixel alpha, else RGB; 8 bits."""
    alpha = bool(surface.get_flags() & pygame.SRCALPHA)
    w, h = surface.get_size()
    stride = w * (4 if alpha else 3)
    raw = pygame.image.tobytes(surface, "RGBA" if alpha else "RGB")
    filtered = up_filtered(raw, stride)
    rows = b"".join(bytes([UP]) + filtered[y * stride:(y + 1) * stride] for y in range(h))
    head = struct.pack(">IIBBBBB", w, h, 8, 6 if alpha else 2, 0, 0, 0)  # RGBA or RGB
    path.write_bytes(SIGNATURE + _chunk(b"IHDR", head) + _chunk(b"IDAT", zlib.compress(rows, 9))
                     + _chunk(b"IEND", b""))


def up_filtered(raw: bytes, stride: int) -> bytes:
    """Every byte minus the byte one row above (zero above the first row), modulo 256.

    Done on the whole picture as one big integer, so it takes milliseconds, not seconds: the
    low seven bits of each byte are subtracted with the high bit set on the left side, so no
    borrow can cross into the next byte, and the high bit is then put right by XOR."""
    if not raw:
        return raw
    n = len(raw)
    x = int.from_bytes(raw, "big")
    y = int.from_bytes(bytes(stride) + raw[:-stride], "big") if stride < n else 0
    high = int.from_bytes(b"\x80" * n, "big")
    low = int.from_bytes(b"\x7f" * n, "big")
    return (((x | high) - (y & low)) ^ ((x ^ y ^ high) & high)).to_bytes(n, "big")


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
