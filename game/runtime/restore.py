"""Restore a session from a snapshot, or refuse with a reason the player can act on.

An unchanged story replays the saved choices, which rebuilds the history and the undo
stack exactly. A story edited since the save keeps the saved state when its scene still
exists; the history before that point is dropped rather than guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.errors import ConfideError, RestoreError
from game.runtime.state import state_from_json
from game.savecheck import Invalid, check_snapshot

if TYPE_CHECKING:
    from game.runtime.session import Session
    from game.story.compiled import CompiledStory

SUPPORTED_FORMATS = (1,)


def restore_session(cls: type[Session], story: CompiledStory, data: Any) -> Session:
    if not isinstance(data, dict):
        raise RestoreError("the save is not a JSON object")
    version = data.get("format")
    if version not in SUPPORTED_FORMATS:
        raise RestoreError(f"save format {version!r} is not supported (this version reads "
                           f"{', '.join(map(str, SUPPORTED_FORMATS))})")
    if data.get("story") != story.id:
        raise RestoreError(f"the save belongs to story '{data.get('story')}', "
                           f"not '{story.id}'")
    try:
        check_snapshot(data)  # every field, before any of it is used
    except Invalid as exc:
        raise RestoreError(f"the save is damaged: {exc}") from exc
    seed = data.get("seed", 0)
    if data.get("hash") == story.content_hash:
        session = _replay(cls, story, seed, data.get("choices", []))
        if session is not None and session.state.to_json() == data.get("state"):
            return session
    session = cls(story, seed)
    session.state = state_from_json(story, data.get("state"))
    session.history.clear()
    session.changed_story = True
    return session


def _replay(cls: type[Session], story: CompiledStory, seed: int,
            choices: Any) -> Session | None:
    if not isinstance(choices, list):
        return None
    session = cls(story, seed)
    for entry in choices:
        if not isinstance(entry, str) or "/" not in entry:
            return None
        scene, choice = entry.split("/", 1)
        if session.state.scene != scene:
            return None
        try:
            session.choose(choice)
        except ConfideError:
            return None
    return session
