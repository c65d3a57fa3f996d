"""Saving and loading from the window: Continue, Load, quickload and F5, each save with its
thumbnail, and the dialog for a save its (edited) story can no longer restore."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.errors import ConfideError, RestoreError, StoryError
from game.logs import Log
from game.persist.saves import QUICK
from game.ui.thumbs import thumb_path, write_thumbnail
from game.ui.widgets import Item

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory
    from game.ui.app import App

log = Log("confide.window")


def load_slot(app: App, slot: str) -> bool:
    """Continue, Load and quickload. A save its (edited) story can no longer restore
    opens a dialog that says why and offers to start the story over."""
    from game.ui.play import Play, slot_story  # lazy: start-up (the runtime)

    try:
        meta, story = slot_story(app.store, slot, app.story)
        session = app.store.restore(slot, story)
    except StoryError as exc:
        app.push_screen("error", "The story of this save could not be opened",
                         [str(d) for d in exc.diagnostics])
        return False
    except RestoreError as exc:
        refused_save(app, story, str(exc))
        return False
    except ConfideError as exc:
        app.toast(str(exc))
        return False
    app.resume(Play(story, session, meta.play_seconds, line=meta.line))
    app.toast(app.store.restore_note or "Loaded")  # an edited story says what changed
    return True


def refused_save(app: App, story: CompiledStory, reason: str) -> None:
    """A save its story can no longer restore: a dialog that says why and offers a fresh
    start. F9 again over the dialog shows the newest answer, not a pile of dialogs."""
    title = story.meta.title or story.id
    why = reason[:1].upper() + reason[1:]
    why = why if why.endswith(".") else why + "."
    paragraphs = [why, f"The save file is kept as it is. Starting over plays “{title}” "
                  "from its first scene, as the story is now."]
    items = [Item("Start the story over", lambda: app.start(story)), Item("Back", app.pop)]
    opener = app.switch_screen if app.top.name == "dialog" else app.push_screen
    opener("dialog", "This save no longer fits the story", paragraphs, items)


def save_to(app: App, slot: str, quiet: bool = False) -> bool:
    play = app.current_play()
    if play is None:
        return False
    try:
        play.save(app.store, slot)
    except ConfideError as exc:
        app.toast(f"Not saved: {exc}")
        return False
    thumbnail(app, slot)
    if not quiet:
        app.toast("Quicksaved" if slot == QUICK else "Saved")
    return True


def thumbnail(app: App, slot: str) -> None:
    """The picture beside the slot; a failure costs only the picture, not the save."""
    scene = app.scene()
    if scene is None or app.store.read_only:
        return
    try:
        write_thumbnail(scene, thumb_path(app.store.saves_dir, slot))
    except (OSError, pygame.error) as exc:
        log.warning("no thumbnail for %s: %s", slot, exc)
