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
from game.ui.scrolltext import ScrollText, TextRow, overlay, paragraph
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, onion

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
        self.text = ScrollText(19)  # scrolls when too tall for the window
        self.box = pygame.Rect(0, 0, BOX_W, 0)

    def _help(self) -> None:
        self.app.switch_screen("help")

    def layout(self) -> None:
        t = self.app.theme
        p = t.palette
        size = t.px(19)
        button_h = max(50, round(t.px(19) * 1.45) + 14)
        head = PAD + t.line_height(t.px(28)) + 16
        foot = 20 + button_h + PAD
        for box_w in (BOX_W, WIDTH - 60):  # wider before taller: large text stays whole
            width = box_w - 2 * PAD
            rows: list[TextRow] = []
            for i, line in enumerate(self.lines):
                term, sep, _ = line.partition(": ")
                lit = term + ":" if sep and term in HINT_TERMS else ""  # the glossary word
                rows += paragraph(t, line, size, width, p.text if i == 0 else p.muted,
                                  indent=INDENT if i == 0 else 0, gap=10 if i else 0,
                                  lead=lit, lead_colour=p.accent)
            self.text.set_rows(t, rows, pygame.Rect(0, 0, width, HEIGHT))
            if head + self.text.height + foot <= HEIGHT - 20:
                break
        self.box = pygame.Rect(0, 0, box_w, min(head + self.text.height + foot, HEIGHT - 20))
        self.box.center = (WIDTH // 2, HEIGHT // 2)
        self.text.set_rows(t, rows, pygame.Rect(self.box.x + PAD, self.box.y + head, width,
                                                self.box.height - head - foot))
        w = (width - 20) // 2
        y = self.box.bottom - PAD - button_h
        self.menu.rects = [pygame.Rect(self.box.x + PAD, y, w, button_h),
                           pygame.Rect(self.box.x + PAD + w + 20, y, w, button_h)]

    def handle(self, inp: Input) -> None:
        if inp.act == Act.ADVANCE:
            self.app.pop()  # Space, like Enter on "Got it": the hint is never a trap
        elif inp.act in (Act.CHOOSE, Act.LETTER):
            self.app.pop()  # a choice's key closes the hint and goes to the choices below
            self.app.top.handle(inp)
        elif not self.text.handle(inp):  # Left, Right and Tab move between the buttons
            self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        overlay(surf, t, self.box, "Before you start", (self.box.x + PAD, self.box.y + PAD),
                accent=True)
        self.text.draw(surf, t)
        if self.text.rows:  # the onion beside the first paragraph, scrolled with it
            surf.set_clip(self.text.view)
            onion(surf, (self.text.view.x + 26, self.text.top_of(0) + 24), 22, 2, p.accent,
                  p.card, p.text)
            surf.set_clip(None)
        self.text.draw_more(surf, t, self.box.right - PAD,
                            self.box.y + PAD + t.line_height(t.px(28)) // 2 - 4)
        self.menu.draw(surf, t, size=19)
