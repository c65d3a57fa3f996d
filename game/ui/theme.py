"""Colours, fonts and text sizes: one calm palette and a high-contrast variant.

Every screen draws with `Theme`, so switching high contrast or text size in the settings
changes the whole window at once.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import pygame

from game import resources
from game.persist.settings import Settings

ASSETS = resources.ASSETS  # screens and art name the data folders through the theme
FONT_DIR = resources.FONTS
WIDTH, HEIGHT = 1280, 720
SIZE_SCALE = {"small": 0.85, "medium": 1.0, "large": 1.2, "largest": 1.45}
SPEED_CPS = {"slow": 28.0, "normal": 55.0, "fast": 110.0, "instant": 0.0}
PROJECTOR_SCALE = 1.2  # projector mode's smallest text size: "large", read from the back row
# (regular, bold) files per font setting; DejaVu Sans also draws the glyphs another lacks
FONT_FILES = {"standard": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
              "hyperlegible": ("AtkinsonHyperlegible-Regular.ttf",
                               "AtkinsonHyperlegible-Bold.ttf")}
LINE_SPACING = {"normal": 1.45, "relaxed": 1.7, "wide": 2.0}
Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Palette:
    backdrop: Colour  # letterbox bars and screens without art
    panel: Colour
    panel_alpha: int
    card: Colour
    card_focus: Colour
    text: Colour
    muted: Colour
    accent: Colour  # focus rings, onion fill
    accent_text: Colour  # text drawn on the accent colour
    outline: Colour
    name_plate: Colour
    good: Colour
    middle: Colour
    bad: Colour
    focus_width: int
    dim_alpha: int  # how much an overlay darkens the screen below


CALM = Palette(
    backdrop=(22, 24, 33), panel=(30, 34, 48), panel_alpha=222, card=(44, 49, 66),
    card_focus=(63, 70, 92), text=(244, 238, 227), muted=(181, 176, 166),
    accent=(236, 184, 150), accent_text=(40, 30, 28), outline=(92, 99, 122),
    name_plate=(120, 150, 170), good=(150, 199, 170), middle=(214, 196, 140),
    bad=(222, 140, 136), focus_width=3, dim_alpha=150,
)
CONTRAST = Palette(
    backdrop=(0, 0, 0), panel=(0, 0, 0), panel_alpha=255, card=(0, 0, 0),
    card_focus=(40, 40, 0), text=(255, 255, 255), muted=(235, 235, 235),
    accent=(255, 221, 0), accent_text=(0, 0, 0), outline=(255, 255, 255),
    name_plate=(255, 221, 0), good=(120, 255, 160), middle=(255, 221, 0),
    bad=(255, 130, 130), focus_width=5, dim_alpha=215,
)


WRAPS_KEPT = 4000
"""Wrapped texts kept. A screen asks for a few dozen; `confide check --layout` lays out every
line of a story once per mode and text size (about 2,000 wraps a pass on flatmates), and
keeping two passes' worth lets a pass whose font and size repeat the last one's (projector
mode at the smaller text sizes) find them all: 29,000 paragraph wraps on flatmates where
clearing the wraps at each change of settings made 39,000."""


class Theme:
    """Palette plus fonts at the sizes the current settings ask for."""

    def __init__(self, settings: Settings) -> None:
        self.fonts: dict[tuple[str, int, bool], pygame.font.Font] = {}
        self.glyphs = Glyphs()
        self.cache: OrderedDict[tuple[str, int, bool, Colour], pygame.Surface] = OrderedDict()
        # Layout asks for the same wrap several times (paging, the panel, the face check).
        # Keyed by the font family too, so a change of settings that keeps the text's size and
        # font (projector mode at any smaller text size) finds the wraps already made.
        self.wraps: OrderedDict[tuple[str, int, int, bool, str], list[str]] = OrderedDict()
        self.apply(settings)

    def apply(self, settings: Settings) -> None:
        """Projector mode forces high contrast and at least large text, on top of the
        player's own settings (which stay as they were for when it is turned off)."""
        projector = self.projector = settings.projector
        self.palette = CONTRAST if settings.high_contrast or projector else CALM
        self.scale = SIZE_SCALE.get(settings.text_size, 1.0)
        if projector:
            self.scale = max(self.scale, PROJECTOR_SCALE)
        self.cps = SPEED_CPS.get(settings.text_speed, 55.0)
        self.family = settings.font if settings.font in FONT_FILES else "standard"
        self.spacing = LINE_SPACING.get(settings.line_spacing, LINE_SPACING["normal"])
        self.cache.clear()

    def px(self, base: int) -> int:
        """A text size in canvas pixels after the player's text-size setting."""
        return max(10, round(base * self.scale))

    def font(self, size: int, bold: bool = False, family: str = "") -> pygame.font.Font:
        key = (family or self.family, size, bold)
        found = self.fonts.get(key)
        if found is None:
            path = FONT_DIR / FONT_FILES[key[0]][bold]
            found = pygame.font.Font(str(path) if path.is_file() else None, size)
            self.fonts[key] = found
        return found

    def font_for(self, text: str, size: int, bold: bool = False) -> pygame.font.Font:
        """The chosen font, or DejaVu Sans when the text has a glyph the chosen one lacks
        (Atkinson Hyperlegible has no arrows or check marks)."""
        if self.family != "standard" and not self.glyphs.covers(self.family, text):
            return self.font(size, bold, "standard")
        return self.font(size, bold)

    def text(self, text: str, size: int, colour: Colour, bold: bool = False) -> pygame.Surface:
        """Rendered text, cached: the typewriter redraws the same words many times."""
        key = (text, size, bold, colour)
        surf = self.cache.get(key)
        if surf is None:
            surf = self.font_for(text, size, bold).render(text, True, colour)
            self.cache[key] = surf
            if len(self.cache) > 800:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(key)
        return surf

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Greedy word wrap that keeps author line breaks; words wider than a line are
        split. Near-linear in the length of `text`: every character is measured once
        (glyph advances from one `metrics` call per paragraph), never a line at a time."""
        key = (text, size, width, bold, self.family)
        found = self.wraps.get(key)
        if found is not None:
            self.wraps.move_to_end(key)
            return list(found)
        font = self.font(size, bold)
        out: list[str] = []
        for para in text.split("\n"):
            out += _wrap_paragraph(font, para, max(1, width))
        if len(text) <= 4000:  # a few hundred screens' worth; huge texts are not kept
            self.wraps[key] = out
            if len(self.wraps) > WRAPS_KEPT:
                self.wraps.popitem(last=False)
        return list(out)

    def line_height(self, size: int) -> int:
        return round(size * self.spacing)


class Glyphs:
    """Which characters each bundled font has, learned one character at a time."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str], bool] = {}
        self.faces: dict[str, object] = {}

    def covers(self, family: str, text: str) -> bool:
        if text.isascii():
            return True  # every bundled font has all of ASCII
        return all(self._has(family, ch) for ch in set(text) if not ch.isascii())

    def _has(self, family: str, ch: str) -> bool:
        found = self.known.get((family, ch))
        if found is None:
            import pygame.freetype  # lazy: start-up (only for a font other than the default)

            face = self.faces.get(family)
            if face is None:
                if not pygame.freetype.get_init():
                    pygame.freetype.init()
                try:
                    face = pygame.freetype.Font(str(FONT_DIR / FONT_FILES[family][0]), 16)
                except (OSError, pygame.error):
                    face = False  # the file is missing: the standard font draws it all
                self.faces[family] = face
            found = isinstance(face, pygame.freetype.Font) and \
                face.get_metrics(ch)[0] is not None
            self.known[(family, ch)] = found
        return found


def advances(font: pygame.font.Font, text: str) -> tuple[list[int], list[int], list[int]]:
    """Each character's advance in pixels, and how far its ink reaches out on either
    side (a line's measured width is its advances plus the first glyph's reach to the
    left and the last one's past its advance). One
    `metrics` call for the whole text; text it cannot take whole (a NUL ends its C
    string, a lone surrogate cannot be encoded) is measured a character at a time, which
    is still linear."""
    try:
        found = font.metrics(text)
    except (UnicodeError, ValueError, pygame.error):
        found = []
    if len(found) != len(text):
        zero = [0] * len(text)
        return [_char_width(font, ch) for ch in text], zero, zero
    # a glyph the font lacks is measured alone, with no overhang
    full = [m if m is not None else (0, _char_width(font, ch), 0, 0, _char_width(font, ch))
            for ch, m in zip(text, found, strict=True)] if None in found else \
        [m for m in found if m is not None]
    adv = [m[4] for m in full]
    under = [-m[0] if m[0] < 0 else 0 for m in full]
    over = [m[1] - m[4] if m[1] > m[4] else 0 for m in full]
    return adv, under, over


@lru_cache(maxsize=4096)
def _measured(font: pygame.font.Font, para: str) -> tuple[list[int], list[int], list[int]]:
    """`advances`, kept: a paragraph is wrapped at several widths (the panel narrows beside
    the face, the glass box and the menu have their own), and its glyphs measure the same
    each time. Only `_wrap_paragraph` reads the lists, and never changes them."""
    return advances(font, para)


def _char_width(font: pygame.font.Font, ch: str) -> int:
    try:
        return int(font.size(ch)[0])
    except (UnicodeError, ValueError, pygame.error):
        return int(font.size("?")[0])


def _wrap_paragraph(font: pygame.font.Font, para: str, width: int) -> list[str]:
    """One paragraph wrapped to `width` pixels from per-character advances.

    A line is a run of words whose summed advances fit; a word wider than a whole line
    is cut at the last character that fits (at least one per line, so it always ends)."""
    if not para:
        return [""]
    adv, under, over = _measured(font, para)
    lines: list[str] = []
    start = end = used = 0  # the open line is para[start:end], `used` pixels wide
    i, n = 0, len(para)
    while i < n:
        j = para.find(" ", i)
        j = n if j < 0 else j
        word_w = sum(adv[i:j])
        tail = over[j - 1] if j > i else 0
        gap = adv[i - 1] if end > start else 0  # the space before the word
        if end > start and under[start] + used + gap + word_w + tail > width:
            lines.append(para[start:end])
            start, used, end, gap = i, 0, i, 0
        if under[i] + word_w + tail > width and end == start:
            start, used, end = _split_word(para, (adv, under, over), (i, j), width, lines)
        else:
            used += gap + word_w
            end = j
        i = j + 1
    lines.append(para[start:end])
    return lines


def _split_word(para: str, widths: tuple[list[int], list[int], list[int]],
                span: tuple[int, int],
                width: int, lines: list[str]) -> tuple[int, int, int]:
    """Cut the over-long word para[i:j] into full lines; returns the line left open."""
    adv, under, over = widths
    i, j = span
    start, used = i, 0
    for k in range(i, j):
        if under[start] + used + adv[k] + over[k] > width and k > start:
            lines.append(para[start:k])
            start, used = k, 0
        used += adv[k]
    return start, used, j
