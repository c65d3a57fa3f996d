"""A small question over the dimmed screen below: a title, a few sentences, a row of buttons.

Used when a save can no longer be restored into its (edited) story: the window says why
and offers to start the story over, instead of a passing message that is easy to miss.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.screen import MenuScreen
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, dim, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

BOX_W = 820
PAD = 48
GAP = 16  # between buttons


class DialogScreen(MenuScreen):
    name = "dialog"
    opaque = False

    def __init__(self, app: App, title: str, paragraphs: list[str], items: list[Item],
                 focus: int = 0) -> None:
        super().__init__(app)
        self.title = title
        self.paragraphs = paragraphs
        self.menu = Menu(items, columns=len(items), on_back=app.pop)  # Esc: the same as Back
        self.menu.focus = focus
        self.wrapped_title: list[str] = []
        self.wrapped: list[list[str]] = []
        self.box = pygame.Rect(0, 0, BOX_W, 0)

    def layout(self) -> None:
        t = self.app.theme
        size, bsize = t.px(19), t.px(20)
        widths = [t.font(bsize, True).size(it.label)[0] + 56 for it in self.menu.items]
        row = sum(widths) + GAP * (len(widths) - 1)
        self.box.width = min(WIDTH - 40, max(BOX_W, row + 2 * PAD))  # large text widens it
        inner = self.box.width - 2 * PAD
        self.wrapped_title = t.wrap(self.title, t.px(30), inner, True)
        self.wrapped = [t.wrap(para, size, inner) for para in self.paragraphs]
        lines = sum(len(w) for w in self.wrapped)
        button_h = t.line_height(bsize) + 24
        h = (PAD + len(self.wrapped_title) * t.line_height(t.px(30)) + 18
             + lines * t.line_height(size) + 14 * len(self.wrapped) + 20 + button_h + PAD)
        self.box.height = min(HEIGHT - 40, h)
        self.box.center = (WIDTH // 2, HEIGHT // 2)
        x = self.box.centerx - row // 2
        for i, w in enumerate(widths):
            self.menu.rects[i] = pygame.Rect(x, self.box.bottom - PAD - button_h, w, button_h)
            x += w + GAP

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        dim(surf, p.dim_alpha)
        panel(surf, self.box, p.panel, max(p.panel_alpha, 250), radius=24, border=p.accent,
              width=2)
        x = self.box.x + PAD
        y = text_lines(surf, t, self.wrapped_title, (x, self.box.y + PAD - 6), t.px(30),
                       p.text, True) + 18
        for i, lines in enumerate(self.wrapped):
            colour = p.text if i == 0 else p.muted
            y = text_lines(surf, t, lines, (x, y), t.px(19), colour) + 14
        self.menu.draw(surf, t, size=20)

