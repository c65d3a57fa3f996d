"""An image file's format and size, read from its header before anything is decoded.

Decoding is where a hostile image does its harm: a 2.7 MB PNG can declare 30,000 x 30,000
pixels, which decodes to 3.6 GB and crashed SDL in `convert_alpha`. So the window reads
the header first, with a few bytes and no decoder, and refuses a file whose format it does
not know, whose header is damaged, or whose pixel count is over the cap. Only PNG, JPEG,
GIF, BMP and WebP are read: the formats a story needs, each with a header that states its
size plainly. Pure Python with no pygame, so the checks are tested without a display.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAX_PIXELS = 25_000_000
"""Pixels in one image (a 24-megapixel photo fits; decoded it is 100 MB at 4 bytes each)."""
MAX_SIDE = 16_384
"""Pixels along either side: SDL's own limit for a surface, and far past any screen."""
HEADER_BYTES = 256 * 1024
"""Bytes read to find a JPEG's size (its metadata segments may come first)."""


class BadImage(Exception):
    """Why an image is not decoded; the window logs it and shows a placeholder."""


def image_size(path: Path) -> tuple[str, int, int]:
    """(format, width, height) from the header; BadImage if unknown, damaged or too big."""
    with path.open("rb") as fh:
        head = fh.read(HEADER_BYTES)
    fmt, width, height = _parse(head)
    if width <= 0 or height <= 0:
        raise BadImage(f"its {fmt} header gives an impossible size {width}x{height}")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise BadImage(f"it is {width:,}x{height:,} pixels; the limit is {MAX_PIXELS:,} "
                       f"pixels and {MAX_SIDE:,} on a side")
    return fmt, width, height


def _parse(head: bytes) -> tuple[str, int, int]:
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return "PNG", width, height
        if head[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", head[6:10])
            return "GIF", width, height
        if head.startswith(b"BM"):
            return ("BMP", *_bmp(head))
        if head.startswith(b"\xff\xd8"):
            return ("JPEG", *_jpeg(head))
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return ("WebP", *_webp(head))
    except struct.error:
        raise BadImage("its header is cut short") from None
    raise BadImage("it is not a PNG, JPEG, GIF, BMP or WebP image")


def _bmp(head: bytes) -> tuple[int, int]:
    (dib,) = struct.unpack("<I", head[14:18])
    if dib == 12:  # the old OS/2 header has 16-bit sizes
        width, height = struct.unpack("<HH", head[18:22])
        return width, height
    width, height = struct.unpack("<ii", head[18:26])
    return width, abs(height)  # a negative height means the rows are stored top-down


_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # start-of-frame markers


def _jpeg(head: bytes) -> tuple[int, int]:
    at = 2
    while at + 4 <= len(head):
        if head[at] != 0xFF:
            raise BadImage("its JPEG header is damaged")
        marker = head[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        (length,) = struct.unpack(">H", head[at + 2 : at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[at + 5 : at + 9])
            return width, height
        if marker == 0xDA or length < 2:  # image data before any frame header
            break
        at += 2 + length
    raise BadImage("its JPEG header gives no size in the first "
                   f"{HEADER_BYTES // 1024} KB")


def _webp(head: bytes) -> tuple[int, int]:
    chunk = head[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        (bits,) = struct.unpack("<I", head[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    raise BadImage("its WebP header is of an unknown kind")
