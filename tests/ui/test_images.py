"""Hostile images: sizes read from the header, refused before decoding, shrunk before use."""

from __future__ import annotations

import logging
import struct
from pathlib import Path

import pygame
import pytest

from game.ui.imagehead import MAX_PIXELS, BadImage, image_size
from game.ui.images import PORTRAIT_SIZE, Images
from tests.hostile.kit import png_header

from .conftest import MINI

HEADERS = {
    "png": (png_header(640, 480), ("PNG", 640, 480)),
    "gif": (b"GIF89a" + struct.pack("<HH", 320, 200) + b"\0" * 8, ("GIF", 320, 200)),
    "bmp": (b"BM" + b"\0" * 12 + struct.pack("<Iii", 40, 64, -32) + b"\0" * 8,
            ("BMP", 64, 32)),
    "jpeg": (b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9
             + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 600, 800) + b"\0" * 12,
             ("JPEG", 800, 600)),
    "webp": (b"RIFF\0\0\0\0WEBPVP8X" + b"\0" * 8 + (1023).to_bytes(3, "little")
             + (767).to_bytes(3, "little"), ("WebP", 1024, 768)),
}


@pytest.mark.parametrize("kind", sorted(HEADERS))
def test_sizes_come_from_the_header(tmp_path: Path, kind: str) -> None:
    data, expected = HEADERS[kind]
    path = tmp_path / f"image.{kind}"
    path.write_bytes(data)
    assert image_size(path) == expected


@pytest.mark.parametrize(("data", "why"), [
    (png_header(30_000, 30_000), "30,000x30,000 pixels"),
    (png_header(20_000, 10), "16,384 on a side"),
    (png_header(5001, 5000), f"{MAX_PIXELS:,} pixels"),
    (png_header(0, 10), "impossible size"),
    (b"<svg xmlns='http://www.w3.org/2000/svg' width='9' height='9'/>", "not a PNG"),
    (b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0", "cut short"),
    (b"\xff\xd8\xff\xe0\0\x10JFIF" + b"\0" * 100, "JPEG header is damaged"),
    (b"\xff\xd8\xff\xe0\0\x04\0\0\xff\xda\0\x04", "gives no size"),
], ids=["huge", "long side", "over the cap", "zero", "svg", "cut short", "damaged jpeg",
        "jpeg without size"])
def test_refused_before_decoding(tmp_path: Path, data: bytes, why: str) -> None:
    path = tmp_path / "bad.png"
    path.write_bytes(data)
    with pytest.raises(BadImage, match=why):
        image_size(path)


def test_a_lying_huge_png_becomes_a_placeholder(make_app, tmp_path, caplog, shot) -> None:
    (tmp_path / "huge.png").write_bytes(png_header(30_000, 30_000))
    text = MINI.read_text("utf-8").replace("  hello:\n", "  hello:\n    background: huge.png\n")
    story = tmp_path / "story.yaml"
    story.write_text(text, "utf-8")
    app = make_app(story)
    with caplog.at_level(logging.WARNING, logger="confide.ui"):
        app.start(app.story)
        app.run_frames(2)
    assert "huge.png" in app.images.missing
    assert any("30,000x30,000" in r.getMessage() for r in caplog.records)
    shot(app, "huge_image_placeholder")


def test_large_and_odd_images_are_cropped_and_shrunk(tmp_path: Path) -> None:
    pygame.display.init()
    wide = pygame.Surface((4000, 20))
    wide.fill((200, 60, 40))
    pygame.image.save(wide, str(tmp_path / "wide.png"))
    pygame.image.save(pygame.Surface((60, 90), depth=8), str(tmp_path / "palette.bmp"))
    images = Images()
    assert images.background("wide.png", tmp_path).get_size() == (1280, 720)
    portrait = images.portrait("palette.bmp", tmp_path)
    assert portrait.get_height() == PORTRAIT_SIZE[1] and portrait.get_bitsize() == 32
    assert not images.missing
