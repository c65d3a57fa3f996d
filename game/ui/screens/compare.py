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

CHART = pygame.Rect(24, 68, WIDTH - 48, 392)  # its tallest; larger text takes from it
MIN_CHART_H = 200  # below this the curves are unreadable: the sentences are cut instead
BOX_GAP, BOX_PAD, TEXT_GAP = 10, 12, 12
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
        self.charted: tuple[int, int] = (-1, 0)  # (branch, chart height) drawn
        self.chart_rect = CHART.copy()
        self.boxes: list[list[str]] = [[], []]  # each branch's card, wrapped
        self.box_h = 0
        self.lines: list[str] = []
        self.menu = Menu([Item("Earlier branch", lambda: self.pick(-1)),
                          Item("Later branch", lambda: self.pick(1)),
                          Item("Back", app.pop)], columns=3, numbers=False)
        self.menu.focus = 2

    def pick(self, step: int) -> None:
        self.index = max(0, min(len(self.branches) - 1, self.index + step))
        self.layout()

    def layout(self) -> None:
        if self.charted[0] != self.index:
            try:
                self.comparison = compare(self.current, self.branches[self.index])
            except ConfideError as exc:
                self.comparison = None
                self.lines = [str(exc)]
                return
        assert self.comparison is not None
        self._fit_text(self.comparison)
        c = self.comparison
        if self.charted != (self.index, self.chart_rect.height):
            self.chart = chart_surface(c.a, self.chart_rect.size, other=c.b,
                                       diverged_at=c.diverged_at)
            self.charted = (self.index, self.chart_rect.height)
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
        text_y = self.chart_rect.bottom + BOX_GAP
        if self.chart is not None and self.comparison is not None:
            surf.blit(self.chart, self.chart_rect.topleft)
            c = self.comparison
            for i, d in enumerate((c.a, c.b)):
                rect = self._box(i)
                panel(surf, rect, p.panel, 255, radius=14, border=outcome_colour(t, d.outcome),
                      width=2)
                text_lines(surf, t, self.boxes[i], (rect.x + 16, rect.y + BOX_PAD), t.px(17),
                           p.text, True)
            text_y += self.box_h + TEXT_GAP
        text_lines(surf, t, self.lines, (CHART.x + 8, text_y), t.px(17), p.text)
        self.menu.draw(surf, t, size=17)

    def _box(self, i: int) -> pygame.Rect:
        half = (CHART.width - 12) // 2
        return pygame.Rect(CHART.x + i * (half + 12), self.chart_rect.bottom + BOX_GAP, half,
                           self.box_h)

    def _fit_text(self, c: Comparison) -> None:
        """Wrap the two branch cards and the sentences at the current text size, and give
        the chart what is left: larger text shrinks the chart, never the text. Only when
        the chart is at its smallest are sentences left out (marked with an ellipsis)."""
        t = self.app.theme
        size, step = t.px(17), t.line_height(t.px(17))
        width = (CHART.width - 12) // 2 - 32
        self.boxes = [t.wrap(_branch_text(label, d), size, width, bold=True)
                      for label, d in (("A, solid: now", c.a), ("B, dashed: kept", c.b))]
        rows = max(map(len, self.boxes))  # text_lines steps by the reading line height
        self.box_h = 2 * BOX_PAD + (rows - 1) * step + t.font(size, True).get_linesize()
        fixed = BOX_GAP + self.box_h + TEXT_GAP
        sentences = list(c.sentences)
        wanted = sum(len(t.wrap(s, size, CHART.width - 16)) for s in sentences) * step
        free = BUTTON_Y - 8 - CHART.y - fixed  # the chart and the sentences share this
        height = max(MIN_CHART_H, min(CHART.height, free - wanted))
        self.chart_rect = pygame.Rect(CHART.x, CHART.y, CHART.width, height)
        self.lines = whole_sentences(t, sentences, size, CHART.width - 16,
                                     (free - height) // step)


def _branch_text(label: str, d: Debrief) -> str:
    steps = d.points[-1].step
    outcome = OUTCOME_WORDS.get(d.outcome, d.outcome)
    if d.ending_title:
        outcome += f" (\u201c{d.ending_title}\u201d)"
    # A no-break space: "5 steps" never wraps with the number alone at the end of a line.
    return f"{label}  \u00b7  {outcome}  \u00b7  {steps}\u00a0step{'s' * (steps != 1)}"
