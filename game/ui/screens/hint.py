"""The first-run hint: shown once, over the first choices a new player meets.

It says what the onion on a card means, what SHARE, ASK and RESPOND do and what trust and
defence are, in the glossary's words, and points to the full help (F1). The settings
remember that it was shown, so it never comes back on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.glossary import HINT_TERMS, hint_lines
from game.ui.actions import Act, Input
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, dim, onion, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

BOX_W = 860
PAD = 40
INDENT = 70  # the first line leaves room for the onion


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
        self.body = pygame.Rect(0, 0, 0, 0)  # the text, scrolled by `offset` when too tall
        self.content_h = 0
        self.offset = 0

    def _help(self) -> None:
        self.app.switch_screen("help")

    def layout(self) -> None:
        t = self.app.theme
        size = t.px(19)
        lh = t.line_height(size)
        button_h = max(50, round(t.px(19) * 1.45) + 14)
        head = PAD + t.line_height(t.px(28)) + 16
        foot = 20 + button_h + PAD
        for box_w in (BOX_W, WIDTH - 60):  # wider before taller: large text stays whole
            width = box_w - 2 * PAD
            self.wrapped = [t.wrap(line, size, width - (INDENT if i == 0 else 0))
                            for i, line in enumerate(self.lines)]
            self.content_h = sum(len(w) * lh + 10 for w in self.wrapped)
            if head + self.content_h + foot <= HEIGHT - 20:
                break
        self.box = pygame.Rect(0, 0, box_w, min(head + self.content_h + foot, HEIGHT - 20))
        self.box.center = (WIDTH // 2, HEIGHT // 2)
        self.body = pygame.Rect(self.box.x + PAD, self.box.y + head, width,
                                self.box.height - head - foot)
        self.offset = min(self.offset, self.max_offset)
        w = (width - 20) // 2
        y = self.box.bottom - PAD - button_h
        self.menu.rects = [pygame.Rect(self.box.x + PAD, y, w, button_h),
                           pygame.Rect(self.box.x + PAD + w + 20, y, w, button_h)]

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.body.height)

    def scroll(self, by: int) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + by))

    def handle(self, inp: Input) -> None:
        page = self.body.height * 4 // 5
        steps = {Act.UP: -40, Act.DOWN: 40, Act.SCROLL_UP: -60, Act.SCROLL_DOWN: 60,
                 Act.PAGE_UP: -page, Act.PAGE_DOWN: page}
        if inp.act == Act.ADVANCE:
            self.app.pop()  # Space, like Enter on "Got it": the hint is never a trap
        elif inp.act in (Act.CHOOSE, Act.LETTER):
            self.app.pop()  # a choice's key closes the hint and goes to the choices below
            self.app.top.handle(inp)
        elif inp.act in steps:
            self.scroll(steps[inp.act])  # Left, Right and Tab move between the buttons
        else:
            self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        dim(surf, p.dim_alpha)
        panel(surf, self.box, p.panel, max(p.panel_alpha, 250), radius=24,
              border=p.accent, width=2)
        title = t.text("Before you start", t.px(28), p.text, bold=True)
        surf.blit(title, (self.box.x + PAD, self.box.y + PAD))
        surf.set_clip(self.body)
        x, y = self.body.x, self.body.y - self.offset
        for i, lines in enumerate(self.wrapped):
            if i == 0:
                onion(surf, (x + 26, y + 24), 22, 2, p.accent, p.card, p.text)
            colour = p.text if i == 0 else p.muted
            term, sep, _ = lines[0].partition(": ") if lines else ("", "", "")
            y0 = y
            y = text_lines(surf, t, lines, (x + (INDENT if i == 0 else 0), y), t.px(19),
                           colour) + 10
            if sep and term in HINT_TERMS:  # the glossary word, lit in the accent colour
                surf.blit(t.text(term + ":", t.px(19), p.accent), (x, y0))
        surf.set_clip(None)
        if self.max_offset:  # say there is more, and which way
            more = "▲ ▼" if 0 < self.offset < self.max_offset else \
                ("▼ more below" if self.offset == 0 else "▲ more above")
            img = t.text(more, t.px(15), p.accent, bold=True)
            surf.blit(img, (self.box.right - PAD - img.get_width(),
                            self.box.y + PAD + t.line_height(t.px(28)) // 2 - 4))
        self.menu.draw(surf, t, size=19)
