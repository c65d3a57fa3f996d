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
from game.persist.saves import AUTO
from game.runtime import LineView, View
from game.runtime.session import MOODS
from game.seen import SeenLines
from game.ui.actions import Input
from game.ui.glassbox import GlassBox
from game.ui.screen import Screen, named
from game.ui.screens import scene_draw, scene_input
from game.ui.screens import scene_layout as lay
from game.ui.screens import scene_reading as reading
from game.ui.screens.scene_layout import PANEL_BOTTOM, PANEL_MIN_H, PANEL_W, PANEL_X
from game.ui.screens.scene_transcript import Row, shown_rows
from game.ui.theme import WIDTH
from game.ui.timeline import STRIP, Timeline
from game.ui.widgets import Item, Menu

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.play import Play

TOOLS = ("History", "Rewind", "Menu", "Skip")  # indices kept: Skip came last



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
        self.menu = Menu([], guarded=True)
        self.tools = Menu([Item(label, fn) for label, fn in
                           zip(TOOLS, (self.open_history, self.undo, self.open_pause,
                                       self.toggle_skip), strict=True)], numbers=False)
        self.seen = SeenLines(app.store.root, play.story.id)
        self.line_seen = False  # the line on screen had been read before it appeared
        self.ctrl = False  # Ctrl held: skip while it is down
        self.skip_on = app.settings.skip_seen  # the Skip button or the setting
        self.wait = 0.0  # time since the line finished (skip and auto-forward pace)
        self.panel = pygame.Rect(PANEL_X, PANEL_BOTTOM - PANEL_MIN_H, PANEL_W, PANEL_MIN_H)
        self.card_lines: list[list[str]] = []
        self.choice_view = pygame.Rect(0, 0, 0, 0)  # the room the choices scroll in
        self.choice_total = 0  # the height of all the cards
        self.choice_scroll = 0
        self.pointer: tuple[int, int] | None = None
        self.continued = False  # the queue starts with the next page of the current line
        self.earlier: list[str] = []  # the pages of the line on screen shown before this one
        # The line the choices answer, in its pages: all stay reachable under the choices
        # (Left and Right, a click on the text, or the wheel over it turn them).
        self.answer: list[str] = []
        self.answer_at = 0
        self.vote = False  # projector mode's vote layout is on (see scene_layout.arrange_vote)
        self.vote_face: pygame.Rect | None = None  # where the face is then, if shown
        self.shrink = 1.0  # the vote layout's text scale, when all choices need it to fit
        self.glass = GlassBox()
        self.timeline = Timeline(self.rewind_to, self.open_compare, self.open_debrief)

    # -- lifecycle --------------------------------------------------------------
    def on_enter(self) -> None:
        # A restored game resumes at the line that was on screen, not the scene's first.
        start = min(self.play.line, max(0, len(self.view.lines) - 1))
        self.queue = [(ln, self.view) for ln in self.view.lines[start:]]
        self.advance()

    def _keep_seen(self) -> None:
        if self.app.store.read_only:  # a picture's scripted run has read nothing
            return
        try:
            self.seen.save()
        except ConfideError as exc:
            self.app.toast(f"Read lines not kept: {exc}")

    def on_exit(self) -> None:
        """Return to title or another story: autosave first, so Continue resumes here."""
        self._keep_seen()
        if self.play.session.ended:
            return
        try:
            self.play.save(self.app.store, AUTO)
        except ConfideError as exc:
            self.app.toast(f"Not saved: {exc}")

    def layout(self) -> None:
        t = self.app.theme
        x = WIDTH - 40
        for i in reversed(range(len(TOOLS))):
            w = t.text(TOOLS[i], t.px(16), t.palette.text).get_width() + 36
            x -= w
            self.tools.rects[i] = pygame.Rect(x, 22, w, 40)
            x -= 10
        lay.layout_text(self)
        self.vote, self.vote_face, self.shrink = False, None, 1.0
        if self.choosing:
            lay.layout_choices(self)
            lay.arrange_vote(self)
        if self.app.facilitator:
            self.glass.layout(self, PANEL_BOTTOM)
            self.timeline.layout(t, self.play.session.history, bool(self.play.branches),
                                 self.play.story.name_of)

    def portrait_shown(self) -> bool:
        """The partner is drawn only in a scene they take part in: named by it, speaking
        in it, or the one its choices are about (a note on a door shows no one)."""
        raw = self.play.story.meta.scenes.get(self.stage.scene)
        if raw is None or raw.partner is not None or raw.partner_discloses is not None:
            return True
        pid = self.stage.partner
        return any(ln.speaker == pid for ln in self.stage.lines) or \
            any(c.kind != "plain" for c in self.stage.choices) or \
            (self.line is not None and self.line.speaker == pid)

    @property
    def depth_shown(self) -> bool:
        """Whether the cards on show name their layer: the player's setting, or, left to the
        story, what the scene's `depth_on_cards` (or the story's) says."""
        return self.app.settings.shows_depth(self.view.hides_depth)

    @property
    def typing(self) -> bool:
        return self.line is not None and self.typed < len(self.line.text)

    # -- flow -------------------------------------------------------------------
    def advance(self) -> None:
        """Show the next queued line, or the ending, or the choices."""
        self.choosing = False
        if self.queue:
            before, more = self.line, self.continued
            self.line, self.stage = self.queue.pop(0)
            self.earlier = [*self.earlier, before.text] if more and before else []
            self._page()
            self._note_line()
            self.line_seen = self.seen.seen(self.line.speaker, self.line.text)
            self.wait = 0.0
            self.typed = 0.0 if self.app.theme.cps > 0 else float(len(self.line.text))
            self.layout()
            self.after_typing()
            return
        if self.view.ending is not None:
            self.app.push_screen("ending")
            if self.app.facilitator:  # the class goes straight to the debrief
                self.open_debrief()
            return
        self.show_choices()

    def _note_line(self) -> None:
        """Which of the current scene's lines is on screen, for saves."""
        waiting = sum(1 for _, v in self.queue if v is self.view) - self.continued
        self.play.line = max(0, len(self.view.lines) - waiting - 1) if self.stage is self.view \
            else 0

    def _page(self) -> None:
        """A line too long for one panel shows a page at a time; the rest waits first in
        the queue, so Space, Enter or a click shows it next."""
        self.continued = False
        if self.line is None:
            return
        head, rest = lay.split_page(self, self.line.text)
        if rest:
            self.queue.insert(0, (replace(self.line, text=rest), self.stage))
            self.line = replace(self.line, text=head)
            self.continued = True

    def show_choices(self) -> None:
        self.stage = self.view
        self.choosing = True
        self.choice_scroll = 0
        self.answer = [*self.earlier, self.line.text] if self.line is not None else []
        self.answer_at = len(self.answer) - 1
        self.skip_on = self.app.settings.skip_seen  # skipping stops at every choice
        self._keep_seen()
        self.menu.set_items([Item(c.label, partial(self.choose, c.id))
                             for c in self.view.choices])
        self._note_hidden_depth()
        self.layout()

    def _note_hidden_depth(self) -> None:
        """The first time the story (not the player) hides the depth on sharing cards, say
        so once, and where to show it: otherwise the missing layer looks like a fault."""
        if self.play.depth_noted or self.app.settings.depth_on_cards != "story":
            return
        if self.view.hides_depth and any(c.layer is not None for c in self.view.choices):
            self.play.depth_noted = True
            self.app.toast("Depth hidden by the story: judge from the words (Settings shows it)")

    def after_typing(self) -> None:
        if self.line is not None and not self.typing:
            self.seen.mark(self.line.speaker, self.line.text)
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
        self.glass.page = 0  # a new move: its explanation from the start
        stage = replace(old, mood=MOODS.get(res.landing, old.mood))
        player = session.story.name_of("player")
        said = [LineView("player", player, res.said)] if res.said else []
        self.queue = [(ln, stage) for ln in (*said, *res.reaction)]
        self.queue += [(ln, self.view) for ln in self.view.lines]
        self.advance()
        self.play.line = 0  # the new scene's lines all wait behind the reaction
        self.app.save_to(AUTO, quiet=True)  # after advance: the thumbnail shows the reaction

    @property
    def explain(self) -> list[str]:
        """The last move's explanation in sentences (empty before any model move)."""
        history = self.play.session.history
        return history[-1].explained(self.play.story) if history else []

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
        self.stage = self.view
        self.earlier = []
        while self.line is not None:  # a long last line: its pages, the last one shown
            head, rest = lay.split_page(self, self.line.text)
            if not rest:
                break
            self.earlier.append(head)
            self.line = replace(self.line, text=rest)
        self.continued = False
        self.typed = float(len(self.line.text)) if self.line else 0.0
        self.play.line = max(0, len(self.view.lines) - 1)
        self.show_choices()
        self.app.save_to(AUTO, quiet=True)
        self.app.toast(message or f"Rewound to just before step {step}")

    def turn_answer(self, by: int, wrap: bool = False) -> None:
        """Show another page of the line the choices answer (`wrap`: after the last, the
        first again, so one click at a time reads the whole line)."""
        n = len(self.answer)
        if not self.choosing or n < 2 or self.line is None:
            return
        at = (self.answer_at + by) % n if wrap else max(0, min(n - 1, self.answer_at + by))
        if at != self.answer_at:
            self.answer_at = at
            self.line = replace(self.line, text=self.answer[at])
            self.typed = float(len(self.line.text))
            self.layout()

    def open_debrief(self) -> None:
        record = self.play.record()
        if record is None:
            self.app.toast("This game cannot be debriefed: its story was edited since the save")
            return
        self.app.push_screen("debrief", self.play, record)

    def open_compare(self) -> None:
        record = self.play.record()
        if not self.play.branches or record is None:
            self.app.toast("No other branch yet: rewind on the timeline, then play on")
            return
        self.app.push_screen("compare", record, self.play.branches)

    def open_pause(self) -> None:
        self.app.push_screen("pause")

    def open_history(self) -> None:
        self.app.push_screen("history", self.transcript())

    def transcript(self) -> list[Row]:
        """What History lists: only what has been on screen."""
        return shown_rows(self.play, self.view, self.app.facilitator,
                          len(self.queue) - self.continued)

    # -- input and time ---------------------------------------------------------
    def handle(self, inp: Input) -> None:
        scene_input.handle(self, inp)

    def complete_or_advance(self) -> None:
        if self.typing and self.line is not None:
            self.typed = float(len(self.line.text))
            self.after_typing()
        else:
            self.advance()

    def update(self, dt: float) -> bool:
        self.play.seconds += dt
        if self.line is None or self.choosing or self.app.top is not self:
            return False
        if self.skipping:
            return reading.skip_step(self, dt)
        if not self.typing:
            return reading.auto_step(self, dt)
        return reading.type_on(self, dt)

    # -- skip and auto-forward --------------------------------------------------------
    @property
    def skipping(self) -> bool:
        return self.ctrl or self.skip_on

    def toggle_skip(self) -> None:
        self.skip_on = not self.skip_on
        self.app.toast("Skipping text already read" if self.skip_on else "Skip off")

    def draw(self, surf: pygame.Surface) -> None:
        scene_draw.draw(surf, self)

    def draw_stage(self, surf: pygame.Surface) -> None:
        """The place and the face without the text: what menus over the game sit on."""
        scene_draw.stage(surf, self, glass=False)

    def widgets(self) -> dict[str, pygame.Rect]:
        """The tool buttons, the text panel (a click there moves the text on) and, while
        they are up, the choices as "choice 1", "choice 2"... (only those in view)."""
        out = named(self.tools.items, self.tools.rects)
        out["text"] = self.panel
        if self.choosing:
            view = self.choice_view if lay.overflowing(self) else None
            shown = [r if view is None or view.contains(r) else pygame.Rect(0, 0, 0, 0)
                     for r in self.menu.rects]
            out.update(named(self.menu.items, shown, "choice "))
        return out

    def moment(self) -> str:
        return f"{self.view.scene}:{len(self.queue)}:{self.typing}:{self.choosing}"

    def toast_area(self) -> pygame.Rect:
        """Left of the tool buttons, so a message never covers History, Rewind or Menu; in
        facilitator mode below the timeline, so it never hides a marker the teacher clicks."""
        top = STRIP.bottom + 8 if self.app.facilitator else 24  # the strip shows, empty or not
        return pygame.Rect(40, top, self.tools.rects[0].left - 52, 0)

