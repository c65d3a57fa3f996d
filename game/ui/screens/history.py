"""The backlog: everything said and chosen so far, scrollable, newest at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.actions import Act, Input
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH, Colour
from game.ui.widgets import Item, Menu, dim, panel

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
        self.lines: list[tuple[str, Colour, bool, int]] = []  # text, colour, bold, indent
        self.offset = 0  # first visible wrapped line
        self.menu = Menu([Item("▲", lambda: self.scroll(-5)), Item("▼", lambda: self.scroll(5)),
                          Item("Close", app.pop)], numbers=False)
        self.menu.focus = 2

    @property
    def visible(self) -> int:
        return (BOX.height - 140) // self.app.theme.line_height(self.app.theme.px(19))

    def layout(self) -> None:
        t = self.app.theme
        p = t.palette
        size = t.px(19)
        self.lines = []
        for style, name, text in self.rows:
            if style == "choice":
                for w in t.wrap(f"▸ {text}", size, TEXT_W - 30, True):
                    self.lines.append((w, p.accent, True, 30))
            elif style == "note":
                self.lines += [(w, p.good, False, 30) for w in t.wrap(text, size, TEXT_W - 30)]
            else:
                shown = f"{name}: {text}" if name and style == "speech" else text
                colour = p.text if style == "speech" else p.muted
                self.lines += [(w, colour, False, 0) for w in t.wrap(shown, size, TEXT_W)]
            self.lines.append(("", p.text, False, 0))
        self.offset = max(0, len(self.lines) - self.visible)
        self.menu.rects[0] = pygame.Rect(BOX.right - 64, BOX.y + 24, 40, 40)
        self.menu.rects[1] = pygame.Rect(BOX.right - 64, BOX.bottom - 124, 40, 40)
        self.menu.rects[2] = pygame.Rect(BOX.centerx - 100, BOX.bottom - 70, 200, 48)

    def scroll(self, by: int) -> None:
        self.offset = max(0, min(max(0, len(self.lines) - self.visible), self.offset + by))

    def handle(self, inp: Input) -> None:
        steps = {Act.UP: -1, Act.DOWN: 1, Act.SCROLL_UP: -3, Act.SCROLL_DOWN: 3,
                 Act.PAGE_UP: -self.visible, Act.PAGE_DOWN: self.visible}
        if inp.act in (Act.BACK, Act.HISTORY):
            self.app.pop()
        elif inp.act in steps:
            self.scroll(steps[inp.act])
        elif inp.act in (Act.CONFIRM, Act.ADVANCE):
            self.app.pop()
        else:
            self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        dim(surf, p.dim_alpha)
        panel(surf, BOX, p.panel, max(p.panel_alpha, 250), radius=24, border=p.outline, width=1)
        surf.blit(t.text("History", t.px(28), p.text, bold=True), (BOX.x + 40, BOX.y + 26))
        size = t.px(19)
        y = BOX.y + 80
        for text, colour, bold, indent in self.lines[self.offset:self.offset + self.visible]:
            if text:
                surf.blit(t.text(text, size, colour, bold), (BOX.x + 40 + indent, y))
            y += t.line_height(size)
        if not self.rows:
            surf.blit(t.text("Nothing has been said yet.", size, p.muted), (BOX.x + 40, y))
        self.menu.draw(surf, t, size=18)
