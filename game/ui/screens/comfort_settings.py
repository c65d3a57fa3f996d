"""Settings, second page: self-voicing, the reading font, line spacing, sound.

Opened from Settings ("Reading, voice and sound"). Like the first page, every change
applies at once and is kept for the next run; a preview shows the font and spacing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.persist.settings import FONTS, LINE_SPACINGS, VOLUME_STEP
from game.ui.backdrop import behind
from game.ui.screen import MenuScreen
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, heading, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

FONT_LABELS = {"standard": "Standard", "hyperlegible": "Atkinson Hyperlegible"}
SPACING_LABELS = {"normal": "Normal", "relaxed": "Relaxed", "wide": "Wide"}
PREVIEW = ("Sam looks up from the cup. “I have never told anyone this, but I think you "
           "would understand.” A preview of the font and the line spacing.")


def step_in(values: tuple[str, ...], value: str, step: int) -> str:
    return values[(values.index(value) + step) % len(values)] if value in values else values[0]


class ComfortSettingsScreen(MenuScreen):
    name = "comforts"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.menu = Menu([], on_back=app.pop)
        self.preview: list[str] = []
        self.box = pygame.Rect(0, 0, 0, 0)

    def layout(self) -> None:
        s = self.app.settings
        onoff = {True: "On", False: "Off"}
        self.menu.set_items([
            self._cycler("Self-voicing (V)", onoff[s.self_voicing], self._voicing),
            self._cycler("Font", FONT_LABELS[s.font], self._font),
            self._cycler("Line spacing", SPACING_LABELS[s.line_spacing], self._spacing),
            self._level("Music volume", "music_volume"),
            self._level("Sound volume", "sound_volume"),
            self._cycler("Sound (M)", "Muted" if s.mute else "On", self._mute),
            Item("Back", self.app.pop),
        ])
        t = self.app.theme
        row = max(46, round(t.px(20) * 1.45) + 10)  # buttons keep their size at any spacing
        self.menu.stack(60, 120, 640, row, 6)
        # beside the menu, wrapped narrow so the spacing shows, as many lines as fit
        size = t.px(20)
        self.preview = t.wrap(PREVIEW, size, 420)
        room = max(1, (HEIGHT - 80 - 120 - 40) // t.line_height(size))
        self.preview = self.preview[:room]
        h = len(self.preview) * t.line_height(size) + 40
        self.box = pygame.Rect(740, 120, 480, h)

    @staticmethod
    def _cycler(label: str, value: str, change: Callable[[int], None]) -> Item:
        return Item(label, lambda: change(1), value=value,
                    on_left=lambda: change(-1), on_right=lambda: change(1))

    def _level(self, label: str, name: str) -> Item:
        """A volume: Left and Right stop at 0 and 100; Enter moves on, from 100 back to 0."""
        value = getattr(self.app.settings, name)
        return Item(label, lambda: self._volume(name, 1, True), value=f"{value}%",
                    on_left=lambda: self._volume(name, -1), on_right=lambda: self._volume(name, 1))

    def _voicing(self, step: int) -> None:
        self.app.comforts.set_voicing(not self.app.settings.self_voicing)

    def _font(self, step: int) -> None:
        self.app.settings.font = step_in(FONTS, self.app.settings.font, step)
        self.app.apply_settings()

    def _spacing(self, step: int) -> None:
        s = self.app.settings
        s.line_spacing = step_in(LINE_SPACINGS, s.line_spacing, step)
        self.app.apply_settings()

    def _volume(self, name: str, step: int, wrap: bool = False) -> None:
        value: int = getattr(self.app.settings, name)
        value = 0 if wrap and value >= 100 else max(0, min(100, value + step * VOLUME_STEP))
        setattr(self.app.settings, name, value)
        self.app.apply_settings()

    def _mute(self, step: int) -> None:
        self.app.comforts.set_mute(not self.app.settings.mute)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        behind(surf, self.app)
        heading(surf, t, "Reading, voice and sound", 44)
        self.menu.draw(surf, t, size=20)
        panel(surf, self.box, p.panel, max(p.panel_alpha, 230), radius=18)
        text_lines(surf, t, self.preview, (self.box.x + 30, self.box.y + 20), t.px(20), p.text)
        hint = "Left and Right change a value · Enter moves it on · Esc goes back"
        img = t.text(hint, min(t.px(16), 20), p.muted)
        surf.blit(img, (WIDTH // 2 - img.get_width() // 2, HEIGHT - 44))
