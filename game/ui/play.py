"""One playthrough as the window holds it: story, session and play time, plus saving.

Kept apart from the screens so saving, loading and continuing share one code path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import ConfideError, StoryError, UsageError
from game.persist.formats import now_iso
from game.persist.saves import SaveStore, SlotMeta
from game.runtime import Session
from game.story.compiled import CompiledStory
from game.story.diagnostics import Diagnostic, Mark
from game.story.loader import check, resolve

if TYPE_CHECKING:
    from game.persist.record import PlaythroughRecord
    from game.persist.votes import ClassVote

MAX_BRANCHES = 6  # the class compares the last few paths; older ones drop off


@dataclass(slots=True)
class Play:
    story: CompiledStory
    session: Session
    seconds: float = 0.0
    branches: list[PlaythroughRecord] = field(default_factory=list)  # abandoned, newest last
    votes: dict[int, ClassVote] = field(default_factory=dict)  # classroom live, by step
    line: int = 0  # the current scene's line on screen (kept in saves, so play resumes there)
    depth_noted: bool = False  # the story's hiding of the cards' depth has been pointed out

    def record(self) -> PlaythroughRecord | None:
        """The playthrough so far as a record; None when it cannot be recorded (a save
        restored into an edited story has lost its earlier moves)."""
        from game.persist.record import build_record  # lazy: start-up (first scene first)

        try:
            return build_record(self.session, votes=self.votes)
        except ConfideError:
            return None

    def keep_branch(self) -> None:
        """Keep the path taken so far before a rewind leaves it.

        A path that an already kept branch contains is not kept twice (rewinding step by
        step), and a kept branch that this path extends is replaced by it."""
        rec = self.record()
        if rec is None or not rec.steps:
            return
        mine = rec.choices
        if any(b.choices[:len(mine)] == mine for b in self.branches):
            return
        self.branches = [b for b in self.branches if mine[:len(b.choices)] != b.choices]
        self.branches = [*self.branches, rec][-MAX_BRANCHES:]

    def meta(self) -> SlotMeta:
        scene = self.session.scene
        return SlotMeta(
            story=self.story.id, story_title=self.story.meta.title,
            source=str(Path(self.story.source).resolve()), scene=scene.id,
            scene_title=scene.title or scene.id.replace("_", " "), saved_at=now_iso(),
            play_seconds=round(self.seconds, 1), turn=self.session.state.turn,
            line=self.line,
        )

    def save(self, store: SaveStore, slot: str) -> None:
        # The save format's modules (records among them) load with the first save, after
        # the first scene's first frame.
        from game.persist.snapshot import snapshot  # lazy: start-up

        store.write(slot, self.meta(), snapshot(self.session))


def open_story(arg: str | Path) -> tuple[CompiledStory | None, list[Diagnostic]]:
    """A story by bundled id or path, with its diagnostics; never raises for bad input."""
    try:
        path = resolve(arg) if isinstance(arg, str) else arg
    except UsageError as exc:
        return None, [Mark(str(arg), 1, 1).diag("E001", str(exc))]
    return check(path)


def slot_story(store: SaveStore, slot: str,
               current: CompiledStory | None) -> tuple[SlotMeta, CompiledStory]:
    """The metadata of a slot and the story to restore it into: the open story when the
    save is of it, else the story found from the save's path or id. Raises SaveError for an
    empty or damaged slot and StoryError when its story no longer loads."""
    meta, _ = store.read(slot)
    if current is not None and current.id == meta.story:
        return meta, current
    return meta, _find_story(meta)


def _find_story(meta: SlotMeta) -> CompiledStory:
    diags: list[Diagnostic] = []
    for arg in (meta.source, meta.story):
        if not arg:
            continue
        if arg == meta.source and not Path(arg).exists():
            continue
        story, diags = open_story(arg)
        if story is not None and story.id == meta.story:
            return story
        if story is None and any(d.is_error for d in diags):
            errs: list[Diagnostic] = list(diags)
            raise StoryError(errs)
    found: list[Diagnostic] = list(diags) or [Mark(meta.source or meta.story, 1, 1).diag(
        "E001", f"the story '{meta.story}' of this save cannot be found")]
    raise StoryError(found)
