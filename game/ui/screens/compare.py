"""Two branches side by side: this playthrough (solid) against a kept branch (dashed).

The chart overlays both meter curves and marks where they parted; below it, each branch's
outcome (or "in progress") and the comparison's sentences. Earlier / Later step through
the kept branches, newest first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.errors import ConfideError
from game.facilitator.compare import Comparison, compare
from game.facilitator.debrief import Debrief
from game.persist.record import PlaythroughRecord
from game.ui.actions import Act, Input
from game.ui.chart import chart_surface
from game.ui.glassbox import whole_sentences
from game.ui.screen import Screen
from game.ui.screens.debrief_draw import OUTCOME_WORDS, outcome_colour
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

CHART = pygame.Rect(24, 68, WIDTH - 48, 392)
BOX_Y, BOX_H = CHART.bottom + 10, 58
TEXT_Y = BOX_Y + BOX_H + 12
BUTTON_Y, BUTTON_H = HEIGHT - 66, 50


class CompareScreen(Screen):
    name = "compare"

    def __init__(self, app: App, current: PlaythroughRecord,
                 branches: list[PlaythroughRecord]) -> None:
        super().__init__(app)
        self.current = current
        self.branches = branches
        self.index = len(branches) - 1  # the newest kept branch first
        self.comparison: Comparison | None = None
        self.chart: pygame.Surface | None = None
        self.charted = -1
        self.lines: list[str] = []
        self.menu = Menu([Item("Earlier branch", lambda: self.pick(-1)),
                          Item("Later branch", lambda: self.pick(1)),
                          Item("Back", app.pop)], columns=3, numbers=False)
        self.menu.focus = 2

    def pick(self, step: int) -> None:
        self.index = max(0, min(len(self.branches) - 1, self.index + step))
        self.layout()

    def layout(self) -> None:
        t = self.app.theme
        if self.charted != self.index:
            try:
                self.comparison = compare(self.current, self.branches[self.index])
            except ConfideError as exc:
                self.comparison = None
                self.lines = [str(exc)]
                return
            c = self.comparison
            self.chart = chart_surface(c.a, CHART.size, other=c.b, diverged_at=c.diverged_at)
            self.charted = self.index
        assert self.comparison is not None
        room = (BUTTON_Y - 8 - TEXT_Y) // t.line_height(t.px(17))
        self.lines = whole_sentences(t, list(self.comparison.sentences), t.px(17),
                                     CHART.width - 16, room)
        self.menu.items[0].enabled = self.index > 0
        self.menu.items[1].enabled = self.index < len(self.branches) - 1
        w = (CHART.width - 20) // 3
        for i in range(3):
            self.menu.rects[i] = pygame.Rect(CHART.x + i * (w + 10), BUTTON_Y, w, BUTTON_H)

    def handle(self, inp: Input) -> None:
        if inp.act == Act.BACK:
            self.app.pop()
        elif inp.act in (Act.UP, Act.PAGE_UP):
            self.pick(-1)
        elif inp.act in (Act.DOWN, Act.PAGE_DOWN):
            self.pick(1)
        else:
            self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        surf.fill(p.backdrop)
        surf.blit(t.text("Compare branches", t.px(28), p.text, bold=True), (24, 16))
        which = t.text(f"kept branch {self.index + 1} of {len(self.branches)}", t.px(16),
                       p.muted)
        surf.blit(which, (WIDTH - 24 - which.get_width(), 26))
        if self.chart is not None and self.comparison is not None:
            surf.blit(self.chart, CHART.topleft)
            half = (CHART.width - 12) // 2
            self._branch(surf, pygame.Rect(CHART.x, BOX_Y, half, BOX_H), "A, solid: now",
                         self.comparison.a)
            self._branch(surf, pygame.Rect(CHART.x + half + 12, BOX_Y, half, BOX_H),
                         "B, dashed: kept", self.comparison.b)
        text_lines(surf, t, self.lines, (CHART.x + 8, TEXT_Y), t.px(17), p.text)
        self.menu.draw(surf, t, size=17)

    def _branch(self, surf: pygame.Surface, rect: pygame.Rect, label: str, d: Debrief) -> None:
        t = self.app.theme
        p = t.palette
        panel(surf, rect, p.panel, 255, radius=14, border=outcome_colour(t, d.outcome), width=2)
        steps = d.points[-1].step
        outcome = OUTCOME_WORDS.get(d.outcome, d.outcome)
        if d.ending_title:
            outcome += f" (\u201c{d.ending_title}\u201d)"
        text = f"{label}  \u00b7  {outcome}  \u00b7  {steps} step{'s' * (steps != 1)}"
        size = t.px(17)
        while t.font(size, True).size(text)[0] > rect.width - 32 and size > 11:
            size -= 1
        img = t.text(text, size, p.text, bold=True)
        surf.blit(img, (rect.x + 16, rect.centery - img.get_height() // 2))
