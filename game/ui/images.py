"""Backgrounds and portraits, loaded once; a missing or broken file becomes a placeholder.

Paths are resolved like the story checker does: the story folder first, then assets/.
Images are untrusted: the header is checked before decoding (game/ui/imagehead.py), and a
decoded image is scaled down to the size it is shown at before it is converted for the
screen, so a large picture never costs more than its decoded size once.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.logs import Log
from game.resources import resolve_asset
from game.ui.imagehead import BadImage, image_size
from game.ui.theme import ASSETS, HEIGHT, WIDTH

log = Log("confide.ui")
PORTRAIT_SIZE = (420, 560)
# The eyes, nose and mouth within a portrait: what the player reads the mood from.
FACE = pygame.Rect(70, 110, 280, 260)


class Images:
    def __init__(self) -> None:
        self.cache: dict[tuple[str, str, str], pygame.Surface] = {}
        self.missing: set[str] = set()
        self.font: pygame.font.Font | None = None

    def background(self, rel: str, root: Path) -> pygame.Surface:
        key = ("bg", rel, str(root))
        if key not in self.cache:
            img = self._load(rel, root)
            self.cache[key] = _screen(_cover(img, (WIDTH, HEIGHT))) if img else \
                self._placeholder(rel, (WIDTH, HEIGHT))
        return self.cache[key]

    def portrait(self, rel: str, root: Path) -> pygame.Surface:
        key = ("portrait", rel, str(root))
        if key not in self.cache:
            img = self._load(rel, root)
            self.cache[key] = _screen(_fit(img, PORTRAIT_SIZE)) if img else \
                self._placeholder(rel, PORTRAIT_SIZE)
        return self.cache[key]

    def plain(self, colour: tuple[int, int, int]) -> pygame.Surface:
        """A soft vertical gradient for scenes without a background."""
        key = ("plain", str(colour), "")
        if key not in self.cache:
            surf = pygame.Surface((WIDTH, HEIGHT))
            r, g, b = colour
            for y in range(HEIGHT):
                k = y / HEIGHT
                surf.fill((min(255, r + round(40 * (1 - k))), min(255, g + round(38 * (1 - k))),
                           min(255, b + round(44 * (1 - k)))), (0, y, WIDTH, 1))
            self.cache[key] = surf
        return self.cache[key]

    def exists(self, rel: str, root: Path) -> bool:
        return resolve_asset(rel, root) is not None

    def _load(self, rel: str, root: Path) -> pygame.Surface | None:
        path = resolve_asset(rel, root) if rel else None
        if path is None:
            self._warn(rel, "not found in the story folder or assets/")
            return None
        try:
            image_size(path)  # refuses unknown formats and huge sizes without decoding
            img = pygame.image.load(str(path))
        except BadImage as exc:
            self._warn(rel, f"is not shown: {exc}")
            return None
        except (pygame.error, OSError, MemoryError) as exc:
            self._warn(rel, f"cannot be read ({exc})")
            return None
        return _smoothable(img)

    def _warn(self, rel: str, why: str) -> None:
        if rel not in self.missing:
            self.missing.add(rel)
            log.warning("image %s %s; showing a placeholder", rel, why)

    def _placeholder(self, rel: str, size: tuple[int, int]) -> pygame.Surface:
        """A calm grey card with a dashed border and the missing file's name."""
        surf = pygame.Surface(size, pygame.SRCALPHA)
        w, h = size
        for y in range(h):
            shade = 52 + round(18 * y / h)
            pygame.draw.line(surf, (shade, shade + 4, shade + 12, 235), (0, y), (w, y))
        for x in range(12, w - 12, 22):
            pygame.draw.line(surf, (150, 156, 170), (x, 12), (min(x + 12, w - 12), 12), 2)
            pygame.draw.line(surf, (150, 156, 170), (x, h - 13), (min(x + 12, w - 12), h - 13), 2)
        for y in range(12, h - 12, 22):
            pygame.draw.line(surf, (150, 156, 170), (12, y), (12, min(y + 12, h - 12)), 2)
            pygame.draw.line(surf, (150, 156, 170), (w - 13, y), (w - 13, min(y + 12, h - 12)), 2)
        if self.font is None:
            path = ASSETS / "fonts" / "DejaVuSans.ttf"
            self.font = pygame.font.Font(str(path) if path.is_file() else None, 20)
        for i, text in enumerate(("image missing", Path(rel).name or "(none)")):
            img = self.font.render(text, True, (214, 214, 222))
            surf.blit(img, (w // 2 - img.get_width() // 2, h // 2 - 26 + i * 30))
        return surf


def _cover(img: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    """Scale to fill `size`, cropping the overflow, so any picture fills the stage.

    The crop is taken from the source first, so even a picture of extreme proportions
    (30,000 x 10) is never scaled to more than `size`."""
    w, h = img.get_size()
    if (w, h) == size:
        return img
    want = size[0] / size[1]
    cw, ch = (w, max(1, min(h, round(w / want)))) if w / h < want else \
        (max(1, min(w, round(h * want))), h)
    crop = img.subsurface(pygame.Rect((w - cw) // 2, (h - ch) // 2, cw, ch))
    return pygame.transform.smoothscale(crop, size)


def _smoothable(img: pygame.Surface) -> pygame.Surface:
    """A 32-bit copy of a palette or 16-bit image: smoothscale takes only 24 and 32 bits."""
    if img.get_bitsize() in (24, 32):
        return img
    out = pygame.Surface(img.get_size(), pygame.SRCALPHA, 32)
    out.blit(img, (0, 0))
    return out


def _screen(img: pygame.Surface) -> pygame.Surface:
    """Converted for fast drawing once it is its final (small) size, when a window exists;
    a picture without transparency stays opaque, which blits about twice as fast (every
    frame draws the background whole)."""
    if not pygame.display.get_surface():
        return img
    return img.convert_alpha() if img.get_flags() & pygame.SRCALPHA else img.convert()


def _fit(img: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    w, h = img.get_size()
    scale = min(size[0] / w, size[1] / h)
    if abs(scale - 1) < 0.01:
        return img
    return pygame.transform.smoothscale(img, (max(1, round(w * scale)), max(1, round(h * scale))))


def portrait_path(story_portraits: dict[str, str], partner: str, mood: str) -> str | None:
    """The portrait for a mood: the story's own, else its neutral one, else the painted
    set in assets/portraits named by the partner id, if that exists."""
    for key in (mood, "neutral"):
        if key in story_portraits:
            return story_portraits[key]
    for key in (mood, "neutral"):
        rel = f"portraits/{partner}_{key}.png"
        if (ASSETS / rel).is_file():
            return rel
    return None


def blit_face(surf: pygame.Surface, portrait: pygame.Surface, rect: pygame.Rect,
              outline: tuple[int, int, int]) -> None:
    """The face cut from a portrait, scaled into `rect` and outlined: the glass box and
    projector mode's vote layout show it where the whole portrait has no room."""
    cut = portrait.subsurface(FACE.clip(portrait.get_rect()))
    surf.blit(pygame.transform.smoothscale(cut, rect.size), rect.topleft)
    pygame.draw.rect(surf, outline, rect, 1, border_radius=8)
