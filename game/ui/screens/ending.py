"""The ending: its title, the outcome, a short reflection, and where to go next."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.runtime.sentences import closing_sentences
from game.ui.actions import Act, Input
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH, Colour
from game.ui.widgets import Item, Menu, dim, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

OUTCOMES = {"deepened": "You grew closer", "acquaintance": "Still acquaintances",
            "ruptured": "The bond broke"}
BOX = pygame.Rect(WIDTH // 2 - 400, 70, 800, HEIGHT - 140)


class EndingScreen(Screen):
    name = "ending"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        scene = app.scene()
        assert scene is not None, "an ending opens over the game that ended"
        self.scene = scene
        # Debrief comes last so the keys of the first three stay where players learnt them.
        self.menu = Menu([Item("Play again", self.again), Item("Take back last choice", self.back),
                          Item("Return to title", self.title), Item("Debrief", self.debrief)],
                         columns=4, guarded=True, numbers=False)
        # No number keys either: a player still pressing 1 for the last choice must not
        # start the story over. Leaving takes an arrow and Enter, a click, or Esc.
        self.reflection: list[str] = []
        self.pages: list[list[str]] = [[]]  # the reflection, split when it cannot fit
        self.page = 0
        self.meter_lines: list[str] = []  # facilitator mode: each partner's meters, wrapped
        self.title_size = 38  # set by layout(): smaller only when a long title needs it
        self.body = 20  # the reflection's text size, set by layout()
        self.box = BOX.copy()
        self.content_h = 0  # what the text and buttons need; more than the box is a W204

    def layout(self) -> None:
        # A long reflection at large text widens the box before it would outgrow the window.
        for width in (BOX.width, 1000, WIDTH - 80):
            h = self._measure(width)
            if h <= HEIGHT - 40 and len(self.pages) == 1:
                break
        self.box.width = width
        self._place(h)

    def _measure(self, width: int) -> int:
        """The height the box needs at `width`; a reflection taller than the room left is
        split into pages (PageDown, PageUp or the wheel turn them) rather than cut."""
        t = self.app.theme
        ending = self.scene.view.ending
        causes = " ".join(closing_sentences(self.scene.play.session))
        text = f"{ending.reflection} {causes}".strip() if ending else ""
        self.body = t.px(20)
        lines = t.wrap(text, self.body, width - 120)
        self.meter_lines = [part for line in self._meter_text()
                            for part in t.wrap(line, t.px(16), width - 120)]
        lh = t.line_height(self.body)
        # A long title at the largest text and widest spacing steps down (never below the
        # body text) so that at least two lines of the reflection fit beneath it.
        self.title_size = t.px(38)
        while True:
            titles = len(t.wrap(ending.title if ending else "", self.title_size, width - 120,
                                True))
            fixed = (44 + t.px(18) + 14 + 26 + titles * t.line_height(self.title_size) + 18
                     + 16 + len(self.meter_lines) * t.line_height(t.px(16)) + 40 + 52 + 36)
            if fixed + 3 * lh <= HEIGHT - 40 or self.title_size <= self.body:
                break
            self.title_size -= 2
        rows = max(1, (HEIGHT - 40 - fixed - lh) // lh)  # one line kept for the page mark
        self.pages = [lines[i:i + rows] for i in range(0, len(lines), rows)] or [[]]
        if len(self.pages) == 1:
            self.page = 0
            self.reflection = self.pages[0]
            return fixed + len(lines) * lh
        self.page = min(self.page, len(self.pages) - 1)
        self.reflection = self.pages[self.page]
        return fixed + rows * lh + lh

    def _meter_text(self) -> list[str]:
        if not self.app.facilitator:
            return []
        play = self.scene.play
        return [f"{play.story.name_of(pid)}: trust {ps.trust:.0f}, defence {ps.defence:.0f}, "
                f"reached layer {ps.reached}, opened layer {ps.opened}, {len(ps.topics)} topics"
                for pid, ps in play.session.state.partners.items()]

    def turn(self, by: int) -> None:
        """Show the reflection's next or previous page."""
        page = max(0, min(len(self.pages) - 1, self.page + by))
        if page != self.page:
            self.page = page
            self.reflection = self.pages[page]
            self.app.dirty = True

    def _place(self, h: int) -> None:
        t = self.app.theme
        self.content_h = h
        self.box = pygame.Rect(0, 0, self.box.width, min(HEIGHT - 40, max(320, h)))
        self.box.center = (WIDTH // 2, HEIGHT // 2)
        size = t.px(18)
        widths = [t.font(size, True).size(it.label)[0] + 36 for it in self.menu.items]
        total = sum(widths) + 12 * (len(widths) - 1)
        if total > self.box.width - 48:  # large text: the box widens to keep one row
            self.box.width = min(WIDTH - 40, total + 48)
            self.box.centerx = WIDTH // 2
        x = self.box.centerx - total // 2
        for i, w in enumerate(widths):
            self.menu.rects[i] = pygame.Rect(x, self.box.bottom - 88, w, 52)
            x += w + 12

    def content_rect(self) -> pygame.Rect:
        return pygame.Rect(self.box.x, self.box.y, self.box.width, self.content_h)

    def again(self) -> None:
        """A new game of the same story; the finished one is kept as a branch to compare."""
        play = self.scene.play
        play.keep_branch()
        self.app.start(play.story, branches=play.branches)

    def debrief(self) -> None:
        self.scene.open_debrief()

    def back(self) -> None:
        self.app.pop()
        self.scene.undo()

    def title(self) -> None:
        self.app.reset_screen("title")

    def handle(self, inp: Input) -> None:
        if inp.act in (Act.PAGE_DOWN, Act.SCROLL_DOWN) and len(self.pages) > 1:
            self.turn(1)
        elif inp.act in (Act.PAGE_UP, Act.SCROLL_UP) and len(self.pages) > 1:
            self.turn(-1)
        elif inp.act == Act.UNDO:
            self.back()
        elif inp.act == Act.BACK:
            self.title()
        else:
            self.menu.handle(inp)

    def outcome_colour(self, outcome: str) -> Colour:
        p = self.app.theme.palette
        return {"deepened": p.good, "ruptured": p.bad}.get(outcome, p.middle)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        self.scene.draw_stage(surf)  # the place and the face
        dim(surf, p.dim_alpha)
        panel(surf, self.box, p.panel, max(p.panel_alpha, 240), radius=26, border=p.outline,
              width=1)
        ending = self.scene.view.ending
        if ending is None:
            return
        colour = self.outcome_colour(ending.outcome)
        label = t.text(OUTCOMES.get(ending.outcome, ending.outcome), t.px(18), p.accent_text,
                       bold=True)
        pill = pygame.Rect(0, self.box.y + 44, label.get_width() + 40, label.get_height() + 14)
        pill.centerx = self.box.centerx
        panel(surf, pill, colour, 255, radius=pill.height // 2)
        surf.blit(label, label.get_rect(center=pill.center))
        y = pill.bottom + 26
        for line in t.wrap(ending.title, self.title_size, self.box.width - 120, True):
            img = t.text(line, self.title_size, p.text, bold=True)
            surf.blit(img, (self.box.centerx - img.get_width() // 2, y))
            y += t.line_height(self.title_size)
        y = text_lines(surf, t, self.reflection, (self.box.x + 60, y + 18), self.body, p.text)
        if len(self.pages) > 1:
            mark = f"Page {self.page + 1} of {len(self.pages)} (PageDown, PageUp)"
            y = text_lines(surf, t, [mark], (self.box.x + 60, y + 4), t.px(14), p.muted)
        text_lines(surf, t, self.meter_lines, (self.box.x + 60, y + 16), t.px(16), p.muted)
        self.menu.draw(surf, t, size=18)

