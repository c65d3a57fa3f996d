"""The first-run hint: shown once, over the first choices a new player meets.

It says what the onion on a card means, what SHARE, ASK and RESPOND do and what trust and
defence are, in the glossary's words, and points to the full help (F1). The settings
remember that it was shown, so it never comes back on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.glossary import hint_lines
from game.ui.actions import Act, Input
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, dim, onion, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

BOX_W = 860
PAD = 40


class HintScreen(Screen):
    name = "hint"
    opaque = False

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.lines = hint_lines()
        self.menu = Menu([Item("Got it", app.pop), Item("Open help (F1)", self._help)],
                         columns=2, on_back=app.pop)
        self.wrapped: list[list[str]] = []
        self.box = pygame.Rect(0, 0, BOX_W, 0)

    def _help(self) -> None:
        from game.ui.screens.help import HelpScreen

        self.app.replace(HelpScreen(self.app))

    def layout(self) -> None:
        t = self.app.theme
        size = t.px(19)
        width = BOX_W - 2 * PAD
        self.wrapped = [t.wrap(line, size, width - (70 if i == 0 else 0))
                        for i, line in enumerate(self.lines)]
        lh = t.line_height(size)
        text_h = sum(len(w) * lh + 10 for w in self.wrapped)
        button_h = max(50, t.line_height(t.px(19)) + 14)
        h = PAD + t.line_height(t.px(28)) + 16 + text_h + 20 + button_h + PAD
        self.box = pygame.Rect(0, 0, BOX_W, min(h, HEIGHT - 20))
        self.box.center = (WIDTH // 2, HEIGHT // 2)
        w = (width - 20) // 2
        y = self.box.bottom - PAD - button_h
        self.menu.rects = [pygame.Rect(self.box.x + PAD, y, w, button_h),
                           pygame.Rect(self.box.x + PAD + w + 20, y, w, button_h)]

    def handle(self, inp: Input) -> None:
        if inp.act == Act.ADVANCE:
            self.app.pop()  # Space, like Enter on "Got it": the hint is never a trap
            return
        self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        dim(surf, p.dim_alpha)
        panel(surf, self.box, p.panel, max(p.panel_alpha, 250), radius=24,
              border=p.accent, width=2)
        x, y = self.box.x + PAD, self.box.y + PAD
        title = t.text("Before you start", t.px(28), p.text, bold=True)
        surf.blit(title, (x, y))
        y += t.line_height(t.px(28)) + 16
        size = t.px(19)
        for i, lines in enumerate(self.wrapped):
            if i == 0:
                onion(surf, (x + 26, y + 24), 22, 2, p.accent, p.card, p.text)
            indent = 70 if i == 0 else 0
            colour = p.text if i == 0 else p.muted
            y = text_lines(surf, t, lines, (x + indent, y), size, colour) + 10
        self.menu.draw(surf, t, size=19)
