"""The debrief: what happened, why, and what it led to, one page at a time for a projector.

Three pages: the trust and defence chart (every choice marked by its layer, bad landings
flagged); the onion of layers reached with the topics shared, beside the outcome, the
conditions met and missed and what led to it; and the key moments with their explanations.
Buttons export the game as Markdown, CSV, the chart PNG or the replayable record, open the
comparison with a kept branch, or go back.

It opens by itself at every ending in facilitator mode, from the ending's Debrief button,
and mid-game from the timeline strip.

Nothing is cut off at any text size: the key hint moves under the tabs when it does not
fit beside them (the pages below shrink to make room), the outcome panel widens beside a
smaller onion until "What led to it" fits whole, and key moments that do not fit one page
go on further pages (PageDown and PageUp, or the wheel, turn them before the tabs).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.errors import ChartError
from game.facilitator.debrief import Debrief, debrief
from game.facilitator.votes import class_split
from game.persist.record import PlaythroughRecord
from game.ui.actions import Act, Input
from game.ui.chart import chart_surface
from game.ui.exports import export_record
from game.ui.glassbox import sentence_pages
from game.ui.screen import Screen
from game.ui.screens import debrief_draw
from game.ui.screens.debrief_draw import HINT, OUTCOME_WORDS
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.play import Play

TABS = ("Chart", "Layers and outcome", "Key moments")
CLASS_TAB = "Class votes"  # classroom live: how the class split at each decision
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
        self.splits = class_split(record)
        self.pages = TABS + ((CLASS_TAB,) if self.splits else ())
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
        self.moment_lines: list[list[tuple[str, str]]] = []  # the moments on this page
        self.moment_pages: list[list[int]] = [[]]  # which moments each page shows
        self.moment_page = 0
        self.outcome_pages: list[list[tuple[str, str]]] = [[]]
        self.outcome_page = 0
        self.content = CONTENT.copy()
        self.side = SIDE.copy()
        self.hint_lines: list[str] = []
        self.title_lines: list[str] = []
        self.pill_lines: list[str] = []
        self.pill = pygame.Rect(0, 0, 0, 0)
        self.hint_pos = (0, 0)

    # -- layout -----------------------------------------------------------------
    def layout(self) -> None:
        t = self.app.theme
        size = t.px(17)
        tab_y = self._layout_header()
        x = CONTENT.x
        self.tabs = []  # they wrap onto a second row before running off the side
        for label in self.pages:
            w = t.font(size, True).size(label)[0] + 40
            y = self.tabs[-1].y if self.tabs else tab_y
            if x + w > WIDTH - 24:
                x, y = CONTENT.x, y + 50
            self.tabs.append(pygame.Rect(x, y, w, 42))
            x += w + 10
        self._layout_buttons()
        self._layout_hint()
        if self.chart is None or self.chart.get_size() != self.content.size:
            try:  # drawn again only when its room changes: the record never does
                self.chart = chart_surface(self.d, self.content.size)
            except ChartError:  # no room for a readable chart (the layout check says so)
                self.chart = None
        self.outcome_lines = self._outcome_rows()
        self.moment_lines = self._moment_rows()

    def _layout_header(self) -> int:
        """The title and the outcome pill in one row when they fit, else the pill (wrapped
        if it must be) on a row of its own; returns the y of the tabs below them."""
        t = self.app.theme
        d = self.d
        inner = WIDTH - 48
        self.title_lines = t.wrap(f"Debrief: {d.title}", t.px(28), inner, True)
        words = OUTCOME_WORDS.get(d.outcome, d.outcome)
        if d.ending_title:
            words += f": \u201c{d.ending_title}\u201d"
        title_h = len(self.title_lines) * t.line_height(t.px(28))
        title_w = max(t.font(t.px(28), True).size(ln)[0] for ln in self.title_lines)
        self.pill_lines = t.wrap(words, t.px(17), inner - 36, True)
        pill_w = max(t.font(t.px(17), True).size(ln)[0] for ln in self.pill_lines) + 36
        pill_h = len(self.pill_lines) * t.line_height(t.px(17)) + 8
        if len(self.title_lines) == 1 and len(self.pill_lines) == 1 and \
                title_w + 16 + pill_w <= inner:
            self.pill = pygame.Rect(WIDTH - 24 - pill_w, 18, pill_w, pill_h)
            return max(70, 18 + title_h + 4)
        self.pill = pygame.Rect(24, 18 + title_h + 4, pill_w, pill_h)
        return self.pill.bottom + 10

    def _layout_hint(self) -> None:
        """The key hint beside the tabs if it fits there, else wrapped under them."""
        hint = HINT.replace("1-3", f"1-{len(self.pages)}")
        t = self.app.theme
        size = t.px(14)
        beside = WIDTH - 24 - (self.tabs[-1].right + 24)
        if t.font(size).size(hint)[0] <= beside:
            self.hint_lines = [hint]
            self.hint_pos = (WIDTH - 24 - t.font(size).size(hint)[0], self.tabs[-1].y + 12)
            top = max(CONTENT.y, self.tabs[-1].bottom + 12)
        else:
            self.hint_lines = t.wrap(hint, size, CONTENT.width)
            self.hint_pos = (CONTENT.x, self.tabs[-1].bottom + 8)
            top = self.hint_pos[1] + len(self.hint_lines) * t.line_height(size) + 6
        self.content = pygame.Rect(CONTENT.x, top, CONTENT.width, BUTTON_Y - 16 - top)
        self.side = pygame.Rect(SIDE.x, top, SIDE.width, self.content.height)

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
        """The conditions met and missed, then what led to the outcome, in pages of what
        the panel holds (PageDown turns them); a sentence is never cut."""
        t, d = self.app.theme, self.d
        self.side = pygame.Rect(SIDE.x, self.content.y, SIDE.width, self.content.height)
        width = self.side.width - 48
        first: list[tuple[str, str]] = []
        for c in d.criteria:
            for i, line in enumerate(t.wrap(f"{'✓' if c.met else '✗'}  {c.text}", t.px(16),
                                            width)):
                first.append(("met" if c.met else "missed", line if i == 0 else "    " + line))
        top = 20 + t.line_height(t.px(21)) + t.line_height(t.px(15)) + 4 + 8 + 20
        room = (self.side.height - top - t.line_height(t.px(17))) // t.line_height(t.px(17))
        left = room - (len(first) * t.line_height(t.px(16)) + t.line_height(t.px(17)) + 8) \
            // t.line_height(t.px(17))
        head = sentence_pages(t, led_to_beside_criteria(d), t.px(17), width, max(1, left))
        self.outcome_pages = [first + [("head", "What led to it")] +
                              [("text", ln) for ln in head[0]]]
        rest = [s for p in head[1:] for s in p]
        if rest:
            pages = sentence_pages(t, [" ".join(rest)], t.px(17), width, max(1, room - 1))
            self.outcome_pages += [[("head", "What led to it (continued)")] +
                                   [("text", ln) for ln in p] for p in pages]
        self.outcome_page = min(self.outcome_page, len(self.outcome_pages) - 1)
        return self.outcome_pages[self.outcome_page]

    def _moment_rows(self) -> list[list[tuple[str, str]]]:
        """The moments of this page: each one's headline and first sentence, then more
        sentences, a moment at a time in step order, while the page has room. Moments
        that do not fit go on the next page."""
        t, d = self.app.theme, self.d
        if not d.moments:
            self.moment_pages = [[]]
            return [[("text", "No choice has changed the meters yet.")]]
        width = self.content.width - 80
        body = t.line_height(t.px(16))
        heads = [t.wrap(m.headline, t.px(17), width, True) for m in d.moments]
        said = [[t.wrap(x, t.px(16), width) or [""] for x in m.sentences] or [[""]]
                for m in d.moments]
        # each card's least: its headline and first sentence, and a line kept back for the
        # mark that says more sentences wait (what is left out is never left out silently)
        cost = [36 + len(h) * t.line_height(t.px(17)) + len(s[0]) * body
                + (body if len(s) > 1 else 0) for h, s in zip(heads, said, strict=True)]
        self.moment_pages = [[]]
        used = 0
        for i, c in enumerate(cost):
            if self.moment_pages[-1] and used + c > self.content.height:
                self.moment_pages.append([])
                used = 0
            self.moment_pages[-1].append(i)
            used += c
        self.moment_page = min(self.moment_page, len(self.moment_pages) - 1)
        page = self.moment_pages[self.moment_page]
        heads = [heads[i] for i in page]
        said = [said[i] for i in page]
        shown = [1] * len(page)
        left = self.content.height - sum(cost[i] for i in page)
        grown = True
        while grown:
            grown = False
            for i, s in enumerate(said):
                # the last sentence may take the line kept back for the mark
                need = len(s[shown[i]]) * body - (body if shown[i] == len(s) - 1 else 0) \
                    if shown[i] < len(s) else None
                if need is not None and need <= left:
                    left -= need
                    shown[i] += 1
                    grown = True
        return [[("head", h) for h in heads[i]] +
                [("text", line) for x in said[i][:shown[i]] for line in x] +
                _more_mark(len(said[i]) - shown[i]) for i in range(len(page))]

    # -- actions ----------------------------------------------------------------
    def export(self, fmt: str) -> None:
        path, message = export_record(self.record, fmt, self.app.exports_dir)
        if path is not None:
            self.exported[fmt] = path
        self.app.toast(message)

    def compare(self) -> None:
        self.app.push_screen("compare", self.record, self.play.branches)

    def handle(self, inp: Input) -> None:
        if inp.act == Act.BACK:
            self.app.pop()
        elif inp.act in (Act.UP, Act.PAGE_UP, Act.SCROLL_UP):
            self._turn(-1)
        elif inp.act in (Act.DOWN, Act.PAGE_DOWN, Act.SCROLL_DOWN):
            self._turn(1)
        elif inp.act == Act.CHOOSE and inp.n <= len(self.pages):
            self.tab = inp.n - 1
        elif inp.act in (Act.POINT, Act.CLICK) and self._tab_at(inp.pos) is not None:
            hit = self._tab_at(inp.pos)
            self.tab_hover = hit
            if inp.act == Act.CLICK and hit is not None:
                self.tab = hit
        else:
            self.tab_hover = None if inp.act == Act.POINT else self.tab_hover
            self.menu.handle(inp)

    def _turn(self, by: int) -> None:
        """The next page of the current tab if there is one, else the next tab."""
        pages = {1: ("outcome_page", len(self.outcome_pages)),
                 2: ("moment_page", len(self.moment_pages))}
        if self.tab in pages:
            attr, count = pages[self.tab]
            page = getattr(self, attr) + by
            if 0 <= page < count:
                setattr(self, attr, page)
                self.layout()
                return
        self.tab = (self.tab + by) % len(TABS)
        if self.tab in pages:
            attr, count = pages[self.tab]
            setattr(self, attr, 0 if by > 0 else count - 1)
        self.layout()

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


def _more_mark(hidden: int) -> list[tuple[str, str]]:
    """The row that says a moment has more to it than its card shows."""
    if hidden <= 0:
        return []
    return [("more", f"+ {hidden} more: see this step's Why on the timeline")]
