"""A story that failed to load: its diagnostics, readable, and a way back."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.actions import Act, Input
from game.ui.backdrop import backdrop
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

BOX = pygame.Rect(80, 60, WIDTH - 160, HEIGHT - 120)


class ErrorScreen(Screen):
    name = "error"

    def __init__(self, app: App, title: str, problems: list[str]) -> None:
        super().__init__(app)
        self.title = title
        self.problems = problems
        self.wrapped: list[list[str]] = []
        self.offset = 0
        self.menu = Menu([Item("Back", app.pop)], numbers=False, on_back=app.pop)

    def layout(self) -> None:
        t = self.app.theme
        self.wrapped = [t.wrap(d, t.px(17), BOX.width - 100) for d in self.problems]
        self.menu.rects[0] = pygame.Rect(WIDTH // 2 - 110, BOX.bottom - 74, 220, 50)

    def handle(self, inp: Input) -> None:
        if inp.act in (Act.DOWN, Act.SCROLL_DOWN):
            self.offset = min(max(0, len(self.wrapped) - 1), self.offset + 1)
        elif inp.act in (Act.UP, Act.SCROLL_UP):
            self.offset = max(0, self.offset - 1)
        else:
            self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        backdrop(surf, self.app, 190)
        panel(surf, BOX, p.panel, max(p.panel_alpha, 245), radius=24, border=p.bad, width=2)
        y = text_lines(surf, t, t.wrap(self.title, t.px(28), BOX.width - 100, True),
                       (BOX.x + 50, BOX.y + 36), t.px(28), p.text, True)
        n = len(self.problems)
        intro = (f"{n} problem{'s' * (n != 1)} found. Fix the story file and open it again; "
                 "`confide check` prints the same list.")
        y = text_lines(surf, t, t.wrap(intro, t.px(18), BOX.width - 100), (BOX.x + 50, y + 8),
                       t.px(18), p.muted)
        y += 12
        limit = self.menu.rects[0].y - 20
        for lines in self.wrapped[self.offset:]:
            if y + len(lines) * t.line_height(t.px(17)) > limit:
                break
            colour = p.bad if "error[" in lines[0] else p.middle
            y = text_lines(surf, t, lines, (BOX.x + 50, y), t.px(17), colour) + 8
        self.menu.draw(surf, t)
