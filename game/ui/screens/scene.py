"""The scene: stage, portrait, one line at a time with a typewriter, then the choices.

The screen asks the session for a View and sends back a choice id; it never edits game
state itself. Lines queue up with the stage they belong to, so a reaction still plays in
front of the old scene before the next scene's background appears.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.errors import ConfideError
from game.model import Explanation
from game.runtime import LineView, Result, View
from game.runtime.session import MOODS
from game.saves import AUTO
from game.ui.actions import Act, Input
from game.ui.glassbox import GlassBox
from game.ui.screen import Screen
from game.ui.screens import scene_draw
from game.ui.theme import HEIGHT, WIDTH
from game.ui.timeline import STRIP, Timeline
from game.ui.widgets import Item, Menu

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.play import Play

PANEL_X, PANEL_W, PANEL_BOTTOM, PANEL_MIN_H = 40, 1200, HEIGHT - 24, 150
CHOICE_X, CHOICE_W = 40, 740
CHOICE_TOP, CHOICE_TOP_FACILITATOR = 84, STRIP.bottom + 12
TEXT_SIZE, TAG_SIZE, CHOICE_SIZE = 23, 14, 21
TOOLS = ("History", "Rewind", "Menu")


class SceneScreen(Screen):
    name = "scene"

    def __init__(self, app: App, play: Play) -> None:
        super().__init__(app)
        self.play = play
        self.view = play.session.view()
        self.stage: View = self.view
        self.queue: list[tuple[LineView, View]] = []
        self.line: LineView | None = None
        self.typed = 0.0
        self.wrapped: list[str] = []
        self.choosing = False
        self.menu = Menu([])
        self.tools = Menu([Item(label, fn) for label, fn in
                           zip(TOOLS, (self.open_history, self.undo, self.open_pause),
                               strict=True)], numbers=False)
        self.panel = pygame.Rect(PANEL_X, PANEL_BOTTOM - PANEL_MIN_H, PANEL_W, PANEL_MIN_H)
        self.card_lines: list[list[str]] = []
        self.glass = GlassBox()
        self.timeline = Timeline(self.rewind_to, self.open_compare, self.open_debrief)

    # -- lifecycle --------------------------------------------------------------
    def on_enter(self) -> None:
        self.queue = [(ln, self.view) for ln in self.view.lines]
        self.advance()

    def layout(self) -> None:
        t = self.app.theme
        x = WIDTH - 40
        for i in (2, 1, 0):
            w = t.text(TOOLS[i], t.px(16), t.palette.text).get_width() + 36
            x -= w
            self.tools.rects[i] = pygame.Rect(x, 22, w, 40)
            x -= 10
        # In facilitator mode the text keeps to the left column; the glass box has the right.
        width = CHOICE_W if self.app.facilitator else PANEL_W
        size = t.px(TEXT_SIZE)
        self.wrapped = t.wrap(self.line.text, size, width - 80) if self.line else []
        lh = t.line_height(size)
        h = max(PANEL_MIN_H, len(self.wrapped) * lh + 72)
        self.panel = pygame.Rect(PANEL_X, PANEL_BOTTOM - h, width, h)
        if self.choosing:
            self._layout_choices()
        if self.app.facilitator:
            self.glass.layout(self, PANEL_BOTTOM)
            self.timeline.layout(t, self.play.session.history, bool(self.play.branches))

    def _layout_choices(self) -> None:
        t = self.app.theme
        size, tag = t.px(CHOICE_SIZE), t.px(TAG_SIZE)
        self.card_lines = [t.wrap(c.label, size, CHOICE_W - 140) for c in self.view.choices]
        heights = [max(64, len(lines) * t.line_height(size) + (tag + 8 if c.kind != "plain"
                                                                else 0) + 28)
                   for lines, c in zip(self.card_lines, self.view.choices, strict=True)]
        total = sum(heights) + 12 * (len(heights) - 1)
        top = CHOICE_TOP_FACILITATOR if self.app.facilitator else CHOICE_TOP
        bottom = (self.panel.top if self.line else PANEL_BOTTOM) - 18
        if bottom - total < top:  # too tall above the text: the choices take the stage
            bottom = PANEL_BOTTOM
        y = max(top, bottom - total)
        for i, h in enumerate(heights):
            self.menu.rects[i] = pygame.Rect(CHOICE_X, y, CHOICE_W, h)
            y += h + 12

    @property
    def typing(self) -> bool:
        return self.line is not None and self.typed < len(self.line.text)

    @property
    def covered(self) -> bool:
        """True when the choices sit over the text panel (too many to fit above it)."""
        return self.choosing and bool(self.menu.rects) and \
            self.menu.rects[-1].bottom > self.panel.top

    # -- flow -------------------------------------------------------------------
    def advance(self) -> None:
        """Show the next queued line, or the ending, or the choices."""
        self.choosing = False
        if self.queue:
            self.line, self.stage = self.queue.pop(0)
            self.typed = 0.0 if self.app.theme.cps > 0 else float(len(self.line.text))
            self.layout()
            self._after_typing()
            return
        if self.view.ending is not None:
            from game.ui.screens.ending import EndingScreen

            self.app.push(EndingScreen(self.app, self))
            if self.app.facilitator:  # the class goes straight to the debrief
                self.open_debrief()
            return
        self.show_choices()

    def show_choices(self) -> None:
        self.stage = self.view
        self.choosing = True
        self.menu.set_items([Item(c.label, partial(self.choose, c.id))
                             for c in self.view.choices])
        self.layout()

    def _after_typing(self) -> None:
        # The choices appear as soon as the last line is whole: one click less per scene.
        if not self.typing and not self.queue and self.view.ending is None:
            self.show_choices()

    def choose(self, choice_id: str) -> None:
        session = self.play.session
        old = self.view
        try:
            res = session.choose(choice_id)
        except ConfideError as exc:
            self.app.toast(str(exc))
            return
        self.view = session.view()
        self.app.save_to(AUTO, quiet=True)
        stage = replace(old, mood=MOODS.get(res.landing, old.mood))
        player = session.story.name_of("player")
        said = [LineView("player", player, res.said)] if res.said else []
        self.queue = [(ln, stage) for ln in (*said, *res.reaction)]
        self.queue += [(ln, self.view) for ln in self.view.lines]
        self.advance()

    def _explain(self, res: Result) -> list[str]:
        if res.explanation is None:
            return []
        return self.play.story.sentences(res.explanation, res.partner)

    @property
    def explain(self) -> list[str]:
        """The last move's explanation in sentences (empty before any model move)."""
        history = self.play.session.history
        if not history:
            return []
        return self._explain(history[-1].result)

    def last_explanation(self) -> tuple[Explanation | None, str]:
        history = self.play.session.history
        if not history:
            return None, ""
        res = history[-1].result
        return res.explanation, self.play.story.name_of(res.partner)

    def undo(self) -> None:
        if not self.play.session.history:
            self.app.toast("Nothing to take back yet")
            return
        self.rewind_to(len(self.play.session.history), "Took back the last choice")

    def rewind_to(self, step: int, message: str = "") -> None:
        """Back to just before choice `step` (1-based), keeping the path left behind."""
        session = self.play.session
        back = len(session.history) - step + 1
        if back <= 0:
            return
        self.play.keep_branch()
        for _ in range(back):
            if not session.undo():
                break
        self.view = session.view()
        self.queue = []
        self.line = self.view.lines[-1] if self.view.lines else None
        self.typed = float(len(self.line.text)) if self.line else 0.0
        self.app.save_to(AUTO, quiet=True)
        self.show_choices()
        self.app.toast(message or f"Rewound to just before step {step}")

    def open_debrief(self) -> None:
        from game.ui.screens.debrief import DebriefScreen

        record = self.play.record()
        if record is None:
            self.app.toast("This game cannot be debriefed: its story was edited since the save")
            return
        self.app.push(DebriefScreen(self.app, self.play, record))

    def open_compare(self) -> None:
        from game.ui.screens.compare import CompareScreen

        record = self.play.record()
        if not self.play.branches or record is None:
            self.app.toast("No other branch yet: rewind on the timeline, then play on")
            return
        self.app.push(CompareScreen(self.app, record, self.play.branches))

    def open_pause(self) -> None:
        from game.ui.screens.pause import PauseScreen

        self.app.push(PauseScreen(self.app))

    def open_history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        self.app.push(HistoryScreen(self.app, self.transcript()))

    def transcript(self) -> list[tuple[str, str, str]]:
        """(style, name, text) rows: every step taken, then the current scene so far."""
        rows: list[tuple[str, str, str]] = []
        you = self.play.story.name_of("player")
        for step in self.play.session.history:
            rows += [_row(ln) for ln in step.lines]
            rows.append(("choice", you, step.result.choice.label))
            if step.result.said:
                rows.append(("speech", you, step.result.said))
            rows += [_row(ln) for ln in step.result.reaction]
            if self.app.facilitator:  # the full explanation; the live panel may shorten it
                rows += [("note", "", s) for s in self._explain(step.result)]
        rows += [_row(ln) for ln in self.view.lines]
        return rows

    # -- input and time ---------------------------------------------------------
    def handle(self, inp: Input) -> None:
        if inp.act == Act.POINT:
            self.tools.hover = self.tools.at(inp.pos)
        if inp.act == Act.CLICK and self.tools.at(inp.pos) is not None:
            self.tools.handle(inp)
            return
        if self.app.facilitator and self._facilitator_input(inp):
            return
        simple = {Act.BACK: self.open_pause, Act.HISTORY: self.open_history,
                  Act.UNDO: self.undo, Act.SCROLL_UP: self.open_history}
        if inp.act in simple:
            simple[inp.act]()
        elif inp.act == Act.LETTER:
            if self.choosing and self.app.projector:  # a class vote: A-D as 1-4
                self.menu.handle(Input(Act.CHOOSE, n=inp.n))
        elif self.choosing:
            # Space only ever moves text on: a player tapping through lines must not
            # pick a choice by accident. Enter, a number or a click chooses.
            if inp.act != Act.ADVANCE:
                self.menu.handle(inp)
        elif inp.act in (Act.CONFIRM, Act.ADVANCE, Act.CLICK, Act.SCROLL_DOWN):
            self.complete_or_advance()

    def _facilitator_input(self, inp: Input) -> bool:
        """The timeline strip and the numbers toggle; True when one of them used `inp`."""
        toggle = inp.act == Act.NUMBERS or (inp.act == Act.CLICK and inp.pos is not None
                                             and self.glass.toggle.collidepoint(inp.pos))
        if toggle:
            self.app.show_numbers = not self.app.show_numbers
            self.layout()
            return True
        return self.timeline.handle(inp)

    def complete_or_advance(self) -> None:
        if self.typing and self.line is not None:
            self.typed = float(len(self.line.text))
            self._after_typing()
        else:
            self.advance()

    def update(self, dt: float) -> bool:
        self.play.seconds += dt
        if not self.typing or self.line is None:
            return False
        self.typed = min(float(len(self.line.text)), self.typed + dt * self.app.theme.cps)
        self._after_typing()
        return True

    def draw(self, surf: pygame.Surface) -> None:
        scene_draw.draw(surf, self)


def _row(ln: LineView) -> tuple[str, str, str]:
    return ("narration" if ln.speaker == "narrator" else "speech", ln.name, ln.text)
