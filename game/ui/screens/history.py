"""The backlog: everything said and chosen so far, scrollable, newest at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.actions import Act, Input
from game.ui.screen import Screen
from game.ui.scrolltext import ScrollText, TextRow, overlay, paragraph
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu

if TYPE_CHECKING:
    from game.ui.app import App

BOX = pygame.Rect(140, 40, WIDTH - 280, HEIGHT - 80)
TEXT_W = BOX.width - 120


class HistoryScreen(Screen):
    name = "history"
    opaque = False

    def __init__(self, app: App, rows: list[tuple[str, str, str]]) -> None:
        super().__init__(app)
        self.rows = rows
        self.text = ScrollText(19)
        self.menu = Menu([Item("▲", lambda: self.text.scroll(-5 * self.text.line)),
                          Item("▼", lambda: self.text.scroll(5 * self.text.line)),
                          Item("Close", app.pop)], numbers=False)
        self.menu.focus = 2

    def layout(self) -> None:
        t = self.app.theme
        p = t.palette
        size = t.px(19)
        rows: list[TextRow] = []
        for style, name, text in self.rows:
            gap = t.line_height(size) if rows else 0  # a blank line between entries
            if style == "choice":
                rows += paragraph(t, f"▸ {text}", size, TEXT_W, p.accent, bold=True,
                                  indent=30, gap=gap)
            elif style == "note":
                rows += paragraph(t, text, size, TEXT_W, p.good, indent=30, gap=gap)
            else:
                shown = f"{name}: {text}" if name and style == "speech" else text
                rows += paragraph(t, shown, size, TEXT_W, p.text if style == "speech"
                                  else p.muted, gap=gap)
        view = pygame.Rect(BOX.x + 40, BOX.y + 80, TEXT_W, BOX.height - 160)
        self.text.set_rows(t, rows, view, at_end=True)  # newest at the bottom
        self.menu.rects[0] = pygame.Rect(BOX.right - 64, BOX.y + 24, 40, 40)
        self.menu.rects[1] = pygame.Rect(BOX.right - 64, BOX.bottom - 124, 40, 40)
        self.menu.rects[2] = pygame.Rect(BOX.centerx - 100, BOX.bottom - 70, 200, 48)

    def handle(self, inp: Input) -> None:
        if inp.act in (Act.BACK, Act.HISTORY, Act.CONFIRM, Act.ADVANCE):
            self.app.pop()
        elif not self.text.handle(inp):
            self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        overlay(surf, t, BOX, "History", (BOX.x + 40, BOX.y + 26))
        self.text.draw(surf, t)
        if not self.rows:
            surf.blit(t.text("Nothing has been said yet.", t.px(19), t.palette.muted),
                      self.text.view.topleft)
        self.menu.draw(surf, t, size=18)
