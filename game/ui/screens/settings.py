"""Settings: text speed and size, contrast, full screen, facilitator and projector mode,
reading comforts, and whether choice cards name their depth.

Every change applies at once and is written to disk, so it holds for the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.persist.settings import AUTO_FORWARD, DEPTH_ON_CARDS, TEXT_SIZES, TEXT_SPEEDS
from game.ui.backdrop import behind
from game.ui.screen import MenuScreen
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, heading

if TYPE_CHECKING:
    from game.ui.app import App

SAMPLE = "The quick brown fox shares a small secret."
PREVIEW_PAUSE = 1.2  # seconds the whole sample stays before it types again
SPEED_LABELS = {"slow": "Slow", "normal": "Normal", "fast": "Fast", "instant": "Instant"}
SIZE_LABELS = {"small": "Small", "medium": "Medium", "large": "Large", "largest": "Largest"}
AUTO_LABELS = {"off": "Off", "slow": "Slow", "normal": "Normal", "fast": "Fast"}
ROW_H, ROW_GAP, TOP, BOTTOM = 52, 12, 136, HEIGHT - 140  # rows between the title and sample


class SettingsScreen(MenuScreen):
    name = "settings"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.menu = Menu([], on_back=app.pop)
        self.typed = 0.0  # the preview types the sample at the chosen text speed
        self.pause = 0.0

    def layout(self) -> None:
        s = self.app.settings
        onoff = {True: "On", False: "Off"}
        self.menu.set_items([
            self._cycler("Text speed", SPEED_LABELS[s.text_speed], self._speed),
            self._cycler("Text size", SIZE_LABELS[s.text_size], self._size),
            self._cycler("High contrast", onoff[s.high_contrast], self._contrast),
            self._cycler("Full screen", onoff[s.fullscreen], self._fullscreen),
            self._cycler("Facilitator mode", onoff[self.app.facilitator], self._facilitator),
            self._cycler("Projector mode", onoff[self.app.projector], self._projector),
            # -- reading comforts (window v2) --
            self._cycler("Skip seen text", "Always" if s.skip_seen else "Hold Ctrl",
                         self._skip),
            self._cycler("Auto-forward", AUTO_LABELS[s.auto_forward], self._auto),
            self._cycler("Depth on cards", self._depth_label(), self._depth),
            Item("Reading, voice and sound", self._comforts),
            Item("Back", self.app.pop),
        ])
        self._place()

    def _place(self) -> None:
        """One column (Left and Right change values, so no grid): rows get shorter, never
        shorter than their text, so every row fits above the preview."""
        t = self.app.theme
        n = len(self.menu.items)
        least = t.font(t.px(22), True).get_height() + 6
        gap = 6 if n > 7 else ROW_GAP
        h = max(least, min(ROW_H, (BOTTOM - TOP + gap) // n - gap))
        self.menu.stack(WIDTH // 2 - 300, TOP, 600, h, gap)

    def _skip(self, step: int) -> None:
        self.app.settings.skip_seen = not self.app.settings.skip_seen
        self.app.apply_settings()

    def _depth(self, step: int) -> None:
        s = self.app.settings
        s.depth_on_cards = DEPTH_ON_CARDS[(DEPTH_ON_CARDS.index(s.depth_on_cards) + step)
                                          % len(DEPTH_ON_CARDS)]
        self.app.apply_settings()

    def _depth_label(self) -> str:
        choice = self.app.settings.depth_on_cards
        return "Story's choice" if choice == "story" else choice.capitalize()

    def _auto(self, step: int) -> None:
        s = self.app.settings
        s.auto_forward = AUTO_FORWARD[(AUTO_FORWARD.index(s.auto_forward) + step)
                                      % len(AUTO_FORWARD)]
        self.app.apply_settings()

    @staticmethod
    def _cycler(label: str, value: str, change: Callable[[int], None]) -> Item:
        return Item(label, lambda: change(1), value=value,
                    on_left=lambda: change(-1), on_right=lambda: change(1))

    def _speed(self, step: int) -> None:
        s = self.app.settings
        s.text_speed = TEXT_SPEEDS[(TEXT_SPEEDS.index(s.text_speed) + step) % len(TEXT_SPEEDS)]
        self.app.apply_settings()

    def _size(self, step: int) -> None:
        s = self.app.settings
        s.text_size = TEXT_SIZES[(TEXT_SIZES.index(s.text_size) + step) % len(TEXT_SIZES)]
        self.app.apply_settings()

    def _contrast(self, step: int) -> None:
        self.app.settings.high_contrast = not self.app.settings.high_contrast
        self.app.apply_settings()

    def _fullscreen(self, step: int) -> None:
        self.app.settings.fullscreen = not self.app.settings.fullscreen
        self.app.apply_settings()

    def _comforts(self) -> None:
        self.app.push_screen("comforts")

    def _facilitator(self, step: int) -> None:
        self.app.set_facilitator(not self.app.facilitator)

    def _projector(self, step: int) -> None:
        self.app.set_projector(not self.app.projector)

    def update(self, dt: float) -> bool:
        """Type the sample at the text speed, hold it, and type it again: the preview
        shows the speed as well as the size."""
        cps = self.app.theme.cps
        if cps <= 0:  # instant: the whole sentence, nothing moves
            self.typed = float(len(SAMPLE))
            return False
        if self.typed >= len(SAMPLE):
            self.pause += dt
            if self.pause >= PREVIEW_PAUSE:
                self.typed, self.pause = 0.0, 0.0
            return True
        self.typed = min(float(len(SAMPLE)), self.typed + dt * cps)
        return True

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        behind(surf, self.app)
        heading(surf, t, "Settings", 64)
        self.menu.draw(surf, t)
        hint = "Left and Right change a value · Enter or a click moves it on · Esc goes back"
        img = t.text(hint, t.px(16), p.muted)
        surf.blit(img, (WIDTH // 2 - img.get_width() // 2, HEIGHT - 20 - img.get_height()))
        whole = t.font(t.px(23)).size(SAMPLE)[0]
        shown = SAMPLE[:int(self.typed)]
        if shown:
            sample = t.text(shown, t.px(23), p.text)
            y = max(self.menu.rects[-1].bottom + 12, HEIGHT - 112)
            surf.blit(sample, (WIDTH // 2 - whole // 2, y))
