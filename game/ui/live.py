"""`confide play STORY --watch` in the window: reload the story as the author saves it.

An app-level hook, run once per frame: when the `Watcher` reports an edit, the story is
checked again. While it is broken the error screen lists the problems (and is replaced by
the newest list on each save); once it loads, the error screen closes by itself and play
continues on the new story from the player's place (`game.live.carry_over`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.live import Watcher, carry_over, place_note
from game.ui.play import Play, open_story

if TYPE_CHECKING:
    from game.ui.app import App

TITLE = "The story has errors: fix them and save, and it reloads by itself"


class LiveReload:
    def __init__(self, app: App, path: Path) -> None:
        self.app = app
        self.path = path
        self.watcher = Watcher(path).start()
        self.waiting = app.story is None  # started broken: start playing once it loads

    def __call__(self) -> None:
        if self.watcher.changed():
            self.reload()

    def reload(self) -> None:
        app = self.app
        story, diags = open_story(self.path)
        if story is None:
            opener = app.switch_screen if app.top.name == "error" else app.push_screen
            opener("error", TITLE, [str(d) for d in diags if d.is_error])
            return
        while app.top.name == "error" and len(app.stack) > 1:
            app.pop()
        play = app.current_play()
        app.story = story
        if play is None:
            if self.waiting:
                self.waiting = False
                app.start(story)
            app.toast("Story reloaded")
            return
        session = carry_over(play.session, story)
        app.resume(Play(story, session, play.seconds))
        app.toast(place_note(play.session, session).capitalize())


def watch_story(app: App, path: Path) -> LiveReload:
    """Start watching `path` and reload it into `app` whenever it is saved."""
    live = LiveReload(app, path)
    app.hooks.append(live)
    if live.waiting:
        live.reload()  # broken from the start: show why at once
    return live
