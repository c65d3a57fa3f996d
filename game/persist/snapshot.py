"""A session's snapshot (what a save keeps of a game) and its restore, or a refusal with a
reason the player can act on.

A snapshot keeps the story's id and content hash, the seed, the moves (`scene/choice`) and the
state they led to. Restoring replays the moves (game/persist/replay.py):

- **Unchanged story** (same content hash): strict. Every move must replay and lead to exactly
  the saved state; anything else means the file was edited after it was written (its checksum
  can be recomputed by anyone), and the save is refused rather than loaded as another game.
- **Edited story**: non-strict. When every move still replays to the saved state, the game is
  restored whole, with its history and undo. Otherwise the saved scene and meters are kept
  (refused when the scene is gone), the earlier moves are dropped rather than guessed, and
  `Restored.note` says at which move the story and the save parted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.errors import ReplayError, RestoreError
from game.persist.formats import SNAPSHOT_FORMAT, SNAPSHOT_READS
from game.persist.replay import moves_of, replay
from game.persist.savecheck import Invalid, check_snapshot
from game.runtime import Session
from game.runtime.state import state_from_json
from game.story.compiled import CompiledStory


@dataclass(frozen=True, slots=True, kw_only=True)
class Restored:
    session: Session
    note: str = ""  # what the player should know (the story was edited); "" when nothing


def snapshot(session: Session) -> dict[str, Any]:
    """What a save keeps of `session`: plain JSON, content referred to by id only."""
    return {
        "format": SNAPSHOT_FORMAT,
        "story": session.story.id,
        "hash": session.story.content_hash,
        "seed": session.seed,
        "choices": [f"{s.scene}/{s.result.choice.id}" for s in session.history],
        "state": session.state.to_json(),
    }


def restore(story: CompiledStory, data: Any) -> Session:
    """The session of a snapshot; RestoreError when it cannot be restored (see above)."""
    return restore_snapshot(story, data).session


def restore_snapshot(story: CompiledStory, data: Any) -> Restored:
    """The session of a snapshot and what to tell the player about it, or RestoreError."""
    _check(story, data)
    seed, saved = data.get("seed", 0), data.get("state")
    moves = moves_of(data.get("choices", []))
    if data.get("hash") == story.content_hash:
        try:
            done = replay(story, moves, strict=True, seed=seed)
        except ReplayError as exc:
            raise _tampered(f"its moves do not replay ({exc})") from exc
        if done.session.state.to_json() != saved:
            raise _tampered("its saved state is not where its moves lead")
        return Restored(session=done.session)
    state = state_from_json(story, saved)  # RestoreError when the saved scene is gone
    done = replay(story, moves, strict=False, seed=seed)
    if not done.parted and done.session.state.to_json() == saved:
        # The hash also changes when a new version of Confide reads stories differently,
        # so this note does not claim the author edited anything.
        return Restored(session=done.session, note="The story or Confide has changed since "
                        "this save; every move still plays out the same, so nothing is lost.")
    why = done.parted or "the moves now lead to other meters than the saved ones"
    session = Session(story, seed)
    session.state = state
    session.history.clear()
    session.changed_story = True
    return Restored(session=session, note=(
        f"The story was edited since this save ({why}); the game goes on from the saved "
        f"scene and meters, without the moves before it."))


def _check(story: CompiledStory, data: Any) -> None:
    if not isinstance(data, dict):
        raise RestoreError("the save is not a JSON object")
    version = data.get("format")
    if version not in SNAPSHOT_READS:
        raise RestoreError(f"save format {version!r} is not supported (this version reads "
                           f"{', '.join(map(str, SNAPSHOT_READS))})")
    if data.get("story") != story.id:
        raise RestoreError(f"the save belongs to story '{data.get('story')}', "
                           f"not '{story.id}'")
    try:
        check_snapshot(data)  # every field, before any of it is used
    except Invalid as exc:
        raise RestoreError(f"the save is damaged: {exc}") from exc


def _tampered(why: str) -> RestoreError:
    reason = (f"the save was changed after it was written: {why}, so it would load a "
              f"different game than the one saved")
    return RestoreError(reason)
