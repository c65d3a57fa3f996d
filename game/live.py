"""Live reload for `confide play --watch`: notice edits, reload, and keep the player's place.

Both front ends use this: the terminal game (`game.textlive`) and the window
(`game.ui.live`). A `Watcher` thread waits on the `watchfiles` library for changes to the
story's YAML files; the front end polls `changed()` from its own loop, reloads with
`game.story.loader.check`, and, when the story loads, moves the player onto it with
`carry_over`: the choices made so far are replayed on the new story for as long as they
still replay (same scene, choice still there and available). An edit to the current
scene's text keeps the player exactly where they were; removing the scene, or a change that
sends play elsewhere, rewinds to the last point that still holds.
"""

from __future__ import annotations

import threading
from pathlib import Path

from watchfiles import Change, watch

from game.errors import ConfideError
from game.runtime import Session
from game.story.compiled import CompiledStory
from game.story.loader import YAML_SUFFIXES

DEBOUNCE_MS = 250  # editors write a file in several steps: wait for them to finish


class Watcher:
    """Watches a story file or folder in a daemon thread; `changed()` says if it was edited."""

    def __init__(self, story: Path) -> None:
        self.story = story.resolve()
        self.folder = self.story if self.story.is_dir() else self.story.parent
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="confide-watch", daemon=True)

    def start(self) -> Watcher:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def changed(self) -> bool:
        """True once for each burst of edits since the last call."""
        if self._changed.is_set():
            self._changed.clear()
            return True
        return False

    def wait(self, timeout: float) -> bool:
        """Block until an edit arrives (True) or `timeout` seconds pass (False)."""
        return self._changed.wait(timeout) and self.changed()

    def relevant(self, change: Change, path: str) -> bool:
        p = Path(path)
        if not self.story.is_dir():
            return p.name == self.story.name
        # Only the folder's own story files; images and sounds live in sub-folders.
        return p.parent == self.folder and p.suffix.lower() in YAML_SUFFIXES

    def _run(self) -> None:
        try:
            for _ in watch(self.folder, watch_filter=self.relevant, debounce=DEBOUNCE_MS,
                           step=50, stop_event=self._stop, recursive=False,
                           raise_interrupt=False):
                self._changed.set()
        except (OSError, RuntimeError):
            return  # the folder went away: nothing left to watch


def carry_over(old: Session, story: CompiledStory) -> Session:
    """A session on `story` at the player's place: replay the old choices while they hold."""
    session = Session(story, old.seed)
    for step in old.history:
        if session.ended or session.state.scene != step.scene:
            break
        try:
            session.choose(step.result.choice.id)
        except ConfideError:
            break
    return session


def place_note(old: Session, new: Session) -> str:
    """A short line for the player: where the reload left them."""
    kept, made = len(new.history), len(old.history)
    if kept == made:
        still = "still " if new.state.scene == old.state.scene else "now "
        return f"story reloaded; you are {still}in '{new.state.scene}'"
    return (f"story reloaded; {kept} of your {made} choices still replay, so you are back "
            f"in '{new.state.scene}'")
