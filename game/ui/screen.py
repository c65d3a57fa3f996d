"""The base of every screen on the App's stack."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui.actions import Input

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.widgets import Item, Menu


class Screen:
    """One screen. `handle` and `update` may change state; `draw` only reads it.

    `opaque` is False for overlays (pause, history) so the screen below stays visible.
    `name` is the stable id tests and the scripted screenshot mode use.
    """

    name = "screen"
    opaque = True

    def __init__(self, app: App) -> None:
        self.app = app

    def on_enter(self) -> None:
        """Pushed on the stack."""

    def on_exit(self) -> None:
        """Popped or replaced."""

    def on_resume(self) -> None:
        """The screen above was popped; settings or saves may have changed meanwhile."""
        self.layout()

    def layout(self) -> None:
        """Recompute rectangles and wrapped text (text size or content changed)."""

    def handle(self, inp: Input) -> None:
        """React to one input."""

    def update(self, dt: float) -> bool:
        """Advance animations by `dt` seconds; True while something still moves."""
        return False

    def draw(self, surf: pygame.Surface) -> None:
        """Paint onto the 1280x720 canvas."""

    def widgets(self) -> dict[str, pygame.Rect]:
        """The screen's clickable controls by name, for the layout report: by default its
        menu's items, named by their labels."""
        menu = getattr(self, "menu", None)
        if menu is None:
            return {}
        return named(menu.items, menu.rects)

    def moment(self) -> str:
        """Changes whenever the screen shows something new that moves no widget."""
        return ""

    def toast_area(self) -> pygame.Rect:
        """Where a passing message may lie: its top and the width it may take."""
        return pygame.Rect(48, 24, 1280 - 96, 0)


def named(items: Sequence[Item], rects: Sequence[pygame.Rect],
          prefix: str = "") -> dict[str, pygame.Rect]:
    """Items' rectangles by label (`prefix` + the 1-based number when given), laid out only."""
    out: dict[str, pygame.Rect] = {}
    for i, (item, rect) in enumerate(zip(items, rects, strict=False)):
        if rect.width and rect.height:
            out[f"{prefix}{i + 1}" if prefix else item.label] = rect
    return out


class MenuScreen(Screen):
    """A screen whose input is all its menu's: arrows, Enter, numbers, the mouse, and Esc
    through the menu's `on_back`. Screens with more keys of their own override `handle`."""

    menu: Menu

    def handle(self, inp: Input) -> None:
        self.menu.handle(inp)
