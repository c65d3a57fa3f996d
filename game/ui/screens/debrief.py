"""The debrief: what happened, why, and what it led to, one page at a time for a projector.

Three pages: the trust and defence chart (every choice marked by its layer, bad landings
flagged); the onion of layers reached with the topics shared, beside the outcome, the
conditions met and missed and what led to it; and the key moments with their explanations.
Buttons export the game as Markdown, CSV, the chart PNG or the replayable record, open the
comparison with a kept branch, or go back.

It opens by itself at every ending in facilitator mode, from the ending's Debrief button,
and mid-game from the timeline strip.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.facilitator import Debrief, PlaythroughRecord, debrief
from game.ui.actions import Act, Input
from game.ui.chart import chart_surface
from game.ui.exports import export_record
from game.ui.glassbox import whole_sentences
from game.ui.screen import Screen
from game.ui.screens import debrief_draw
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.play import Play

TABS = ("Chart", "Layers and outcome", "Key moments")
CONTENT = pygame.Rect(24, 124, WIDTH - 48, HEIGHT - 124 - 96)
SIDE = pygame.Rect(CONTENT.x + 604, CONTENT.y, CONTENT.width - 604, CONTENT.height)
BUTTON_Y, BUTTON_H = HEIGHT - 80, 56


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app: App, play: Play, record: PlaythroughRecord) -> None:
        super().__init__(app)
        self.play = play
        self.record = record
        self.d: Debrief = debrief(record)
        self.tab = 0
        self.tabs: list[pygame.Rect] = []
        self.tab_hover: int | None = None
        self.chart: pygame.Surface | None = None
        self.exported: dict[str, Path] = {}
        self.menu = Menu([
            Item("Export Markdown", partial(self.export, "md")),
            Item("Export CSV", partial(self.export, "csv")),
            Item("Export chart PNG", partial(self.export, "png")),
            Item("Save record", partial(self.export, "json")),
            Item("Compare", self.compare, enabled=bool(play.branches)),
            Item("Back", app.pop),
        ], columns=6, numbers=False, guarded=True)  # Space or Enter never leaves it
        self.outcome_lines: list[tuple[str, str]] = []  # (style, text) rows beside the onion
        self.moment_lines: list[list[tuple[str, str]]] = []

    # -- layout -----------------------------------------------------------------
    def layout(self) -> None:
        t = self.app.theme
        size = t.px(17)
        x = CONTENT.x
        self.tabs = []
        for label in TABS:
            w = t.font(size, True).size(label)[0] + 40
            self.tabs.append(pygame.Rect(x, 70, w, 42))
            x += w + 10
        self._layout_buttons()
        if self.chart is None:  # drawn once: the record does not change while it is open
            self.chart = chart_surface(self.d, CONTENT.size)
        self.outcome_lines = self._outcome_rows()
        self.moment_lines = self._moment_rows()

    def _layout_buttons(self) -> None:
        t = self.app.theme
        size = t.px(16)
        widths = [t.font(size, True).size(it.label)[0] + 30 for it in self.menu.items]
        gap = 10
        spare = CONTENT.width - sum(widths) - gap * (len(widths) - 1)
        widths = [w + max(0, spare) // len(widths) for w in widths]
        x = CONTENT.x
        for i, w in enumerate(widths):
            self.menu.rects[i] = pygame.Rect(x, BUTTON_Y, w, BUTTON_H)
            x += w + gap

    def _outcome_rows(self) -> list[tuple[str, str]]:
        t, d = self.app.theme, self.d
        width = SIDE.width - 48
        rows: list[tuple[str, str]] = []
        for c in d.criteria:
            rows.append(("met" if c.met else "missed", f"{'✓' if c.met else '✗'}  {c.text}"))
        rows.append(("head", "What led to it"))
        used = 20 + t.line_height(t.px(21)) + t.line_height(t.px(15)) + 4 + 8 + 20 + \
            len(d.criteria) * t.line_height(t.px(16)) + t.line_height(t.px(17))
        room = (SIDE.height - used) // t.line_height(t.px(17))
        for line in whole_sentences(t, led_to_beside_criteria(self.d), t.px(17), width, room):
            rows.append(("text", line))
        return rows

    def _moment_rows(self) -> list[list[tuple[str, str]]]:
        """Each moment's headline and first sentence; then more sentences, a moment at a
        time in step order, while the page has room."""
        t, d = self.app.theme, self.d
        if not d.moments:
            return [[("text", "No choice has changed the meters yet.")]]
        width = CONTENT.width - 80
        body = t.line_height(t.px(16))
        heads = [t.wrap(m.headline, t.px(17), width, True)[:2] for m in d.moments]
        said = [[t.wrap(x, t.px(16), width) for x in m.sentences] for m in d.moments]
        shown = [1] * len(d.moments)
        left = CONTENT.height - sum(36 + len(h) * t.line_height(t.px(17)) + len(s[0]) * body
                                    for h, s in zip(heads, said, strict=True))
        grown = True
        while grown:
            grown = False
            for i, s in enumerate(said):
                if shown[i] < len(s) and len(s[shown[i]]) * body <= left:
                    left -= len(s[shown[i]]) * body
                    shown[i] += 1
                    grown = True
        return [[("head", h) for h in heads[i]] +
                [("text", line) for x in said[i][:shown[i]] for line in x]
                for i in range(len(d.moments))]

    # -- actions ----------------------------------------------------------------
    def export(self, fmt: str) -> None:
        path, message = export_record(self.record, fmt, self.app.exports_dir)
        if path is not None:
            self.exported[fmt] = path
        self.app.toast(message)

    def compare(self) -> None:
        from game.ui.screens.compare import CompareScreen

        self.app.push(CompareScreen(self.app, self.record, self.play.branches))

    def handle(self, inp: Input) -> None:
        if inp.act == Act.BACK:
            self.app.pop()
        elif inp.act in (Act.UP, Act.PAGE_UP, Act.SCROLL_UP):
            self.tab = (self.tab - 1) % len(TABS)
        elif inp.act in (Act.DOWN, Act.PAGE_DOWN, Act.SCROLL_DOWN):
            self.tab = (self.tab + 1) % len(TABS)
        elif inp.act == Act.CHOOSE and inp.n <= len(TABS):
            self.tab = inp.n - 1
        elif inp.act in (Act.POINT, Act.CLICK) and self._tab_at(inp.pos) is not None:
            hit = self._tab_at(inp.pos)
            self.tab_hover = hit
            if inp.act == Act.CLICK and hit is not None:
                self.tab = hit
        else:
            self.tab_hover = None if inp.act == Act.POINT else self.tab_hover
            self.menu.handle(inp)

    def _tab_at(self, pos: tuple[int, int] | None) -> int | None:
        if pos is None:
            return None
        return next((i for i, r in enumerate(self.tabs) if r.collidepoint(pos)), None)

    def draw(self, surf: pygame.Surface) -> None:
        debrief_draw.draw(surf, self)


def led_to_beside_criteria(d: Debrief) -> list[str]:
    """`led_to` without the sentences that list the conditions met and missed: the page
    shows those as a checklist just above. Their number follows debrief()'s own rule: one
    for a rupture (kept: it names the step that broke it), else one for the missing
    conditions plus one for those already met, or one when every condition was met."""
    lines = list(d.led_to)
    if d.verdict == "ruptured":
        return lines
    met = sum(c.met for c in d.criteria)
    listed = 1 if met in (0, len(d.criteria)) else 2
    return lines[:1] + lines[1 + listed:]
