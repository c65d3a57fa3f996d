"""Classroom live on the projector: each decision opens a vote, the teacher closes it.

The scene plays as in projector mode; when its choices appear, a round opens on the vote
server and a side panel shows the join address, its QR code, the room code, how many have
voted and the tally as bars. Enter (or the panel's button) closes the vote: the most-voted
choice is taken, and a tie leaves the pick to the teacher. The teacher may pick any choice at
any time (number, letter or click): that overrides the vote. Rewind works as in projector
mode; the votes of the steps it takes back are dropped with them.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.classroom.room import LETTERS, Tally
from game.errors import ConfideError, SaveError
from game.persist.recordjson import write_record
from game.persist.votes import ClassVote, Option
from game.ui import classroom_draw
from game.ui.actions import Act, Input
from game.ui.app import App
from game.ui.screens.scene import SceneScreen

if TYPE_CHECKING:
    from game.classroom import Live
    from game.story.compiled import CompiledStory
    from game.ui.play import Play


class ClassroomScene(SceneScreen):
    def __init__(self, app: App, play: Play, live: Live) -> None:
        super().__init__(app, play)
        self.live = live
        self.round = 0  # the room's round these choices opened; 0 while none is open
        self.tie: list[int] = []  # after a tie: the choices that led, for the teacher
        self.closed: Tally | None = None  # the tally frozen when the vote was closed
        self.deciding = "teacher"
        self.tally_version = -1  # the room's version last drawn
        self.close_button = pygame.Rect(0, 0, 0, 0)  # laid out by classroom_draw
        self.qr: pygame.Surface | None = None  # the join address's QR code, drawn once

    # -- rounds -----------------------------------------------------------------------
    def on_enter(self) -> None:
        self.live.room.show(self.view.title or self.play.story.meta.title, "")
        super().on_enter()

    def on_exit(self) -> None:
        # Off to the title or another game: no vote may stay open behind the teacher's back.
        self.live.room.show(self.play.story.meta.title, "")
        super().on_exit()

    def show_choices(self) -> None:
        super().show_choices()
        prompt = " ".join(self.answer)  # the whole line answered, every page of it
        title = self.view.title or self.play.story.meta.title
        self.round = self.live.room.open_round(title, prompt, [c.label for c in
                                                               self.view.choices])
        self.tie, self.closed = [], None

    @property
    def voting(self) -> bool:
        return self.choosing and self.round > 0 and self.closed is None

    def tally(self) -> Tally:
        return self.closed or self.live.room.tally()

    def close_vote(self) -> None:
        """Enter or the button: the most-voted choice wins; a tie goes to the teacher."""
        if not self.voting:
            if self.tie:
                self.app.toast(f"A tie: pick {' or '.join(LETTERS[i] for i in self.tie)}")
            return
        self.closed = tally = self.live.room.close_round()
        leaders = tally.leaders()
        if len(leaders) == 1 and tally.voters > 0:
            self.deciding = "class"
            self.choose(self.view.choices[leaders[0]].id)
            return
        self.tie = leaders
        self.app.toast("No votes: the teacher picks" if tally.voters == 0 else
                       f"A tie: pick {' or '.join(LETTERS[i] for i in leaders)}")

    def choose(self, choice_id: str) -> None:
        """Take a choice: by the class's vote, after a tie, or as the teacher's override."""
        if self.round == 0:
            super().choose(choice_id)
            return
        tally = self.closed or self.live.room.close_round()
        decided = "tie" if self.tie else self.deciding
        self.deciding = "teacher"
        step = len(self.play.session.history) + 1
        counts = tally.counts + (0,) * (len(self.view.choices) - len(tally.counts))
        vote = ClassVote(options=tuple(Option(id=c.id, label=c.label, votes=n) for c, n in
                                       zip(self.view.choices, counts, strict=True)),
                         decided=decided)
        self.round, self.tie, self.closed = 0, [], None
        self.play.votes[step] = vote  # before the choice: an ending opens the debrief at once
        super().choose(choice_id)
        if len(self.play.session.history) < step:  # the choice was refused
            self.play.votes.pop(step, None)
        if self.view.ending is not None:
            self.live.room.show(f"The end: {self.view.ending.title}", "")

    def rewind_to(self, step: int, message: str = "") -> None:
        super().rewind_to(step, message)
        kept = len(self.play.session.history)
        self.play.votes = {k: v for k, v in self.play.votes.items() if k <= kept}

    # -- input and time ---------------------------------------------------------------
    def handle(self, inp: Input) -> None:
        if self.choosing and not self.timeline.active:
            button = inp.act == Act.CLICK and inp.pos is not None \
                and self.close_button.collidepoint(inp.pos)
            if inp.act == Act.CONFIRM or button:
                self.close_vote()
                return
        super().handle(inp)

    def update(self, dt: float) -> bool:
        moving = super().update(dt)
        version = self.live.room.version
        if version != self.tally_version:  # a join or a vote arrived: the tally changed
            self.tally_version = version
            self.app.dirty = True
        return moving

    def draw(self, surf: pygame.Surface) -> None:
        super().draw(surf)
        classroom_draw.draw(surf, self)


def run_classroom(story: CompiledStory, args: argparse.Namespace, live: Live | None,
                  note: str = "") -> int:
    """Open the window in projector mode, with the class's room when `live` is given (hand
    votes otherwise), and play until it closes; then write `--record` if asked."""
    try:
        app = App(story, data_dir=getattr(args, "data_dir", None),
                  seed=getattr(args, "seed", 0) or 0,
                  facilitator=bool(getattr(args, "facilitator", False)))
    except pygame.error as exc:
        print(f"confide: cannot open a window ({exc})", file=sys.stderr)
        return 1
    was = app.settings.projector
    try:
        app.settings.projector = True  # for this lesson; see _restore_projector
        app.theme.apply(app.settings)
        app.classroom = live
        app.start(story)
        if note:
            app.toast(note)
        code = app.run()
        record = getattr(args, "record", None)
        if record is not None and not _write_record(app, Path(record)):
            code = 1
        return code
    finally:
        _restore_projector(app, was)
        pygame.quit()


def _restore_projector(app: App, was: bool) -> None:
    """A lesson turns projector mode on; if a settings change during it (F11, say) saved
    that, put the player's own choice back so `confide play` opens as before."""
    if was or not app.store.load_settings().projector:
        return
    app.settings.projector = was
    with suppress(SaveError):  # then the settings were not kept either way
        app.store.save_settings(app.settings)


def _write_record(app: App, path: Path) -> bool:
    play = app.current_play()
    record = play.record() if play is not None else None
    if record is None:
        print(f"confide: nothing to record in {path}", file=sys.stderr)
        return True
    try:
        write_record(record, path)
    except ConfideError as exc:
        print(f"confide: error: {exc}", file=sys.stderr)
        return False
    votes = sum(s.votes is not None for s in record.steps)
    print(f"confide: recorded {len(record.steps)} choices ({votes} decided with the class) "
          f"to {path}", file=sys.stderr)
    return True
