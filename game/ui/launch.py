"""`confide play`'s window: open the App, play (or take a scripted screenshot), close.

Apart from the App itself so that the App stays the screen stack and its loop, and the
command line's choices (a story loaded after the first frame, --watch, --screenshot) live
in one place.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.errors import ConfideError
from game.ui.app import App

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory


def run_window(story: CompiledStory | None, args: argparse.Namespace,
               later: Callable[[], CompiledStory] | None = None) -> int:
    """Entry point from `confide play`: open the window and play until it closes.

    With `later`, the story is loaded only once the title screen's first frame is on screen:
    loading imports the story schema (pydantic) and validates the story, which would
    otherwise more than double the time to the first frame. A story that fails to load then
    closes the window and raises its StoryError, as loading before the window would."""
    shot = getattr(args, "screenshot", None)
    if shot:  # a picture has no sound: no audio device is opened, and none complains
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    hidden = None if shot else _no_display()
    if hidden is not None:
        print(f"confide: no display to open a window on (SDL chose its {hidden!r} driver, "
              "which shows nothing); play in this terminal with `confide play STORY --text`, "
              "or take a picture with `--screenshot FILE.png`", file=sys.stderr)
        pygame.quit()
        return 1
    try:
        app = App(story, data_dir=getattr(args, "data_dir", None),
                  seed=getattr(args, "seed", 0) or 0,
                  facilitator=bool(getattr(args, "facilitator", False)),
                  read_only=bool(shot))  # a picture leaves the player's saves alone
    except pygame.error as exc:
        print(f"confide: cannot open a window ({exc}); try `confide play --text`",
              file=sys.stderr)
        return 1
    app.comforts.hints = not shot  # a screenshot shows the screen asked for, not the hint
    if getattr(args, "watch", False):
        from game.story.loader import resolve  # lazy: start-up (only with --watch)
        from game.ui.live import watch_story  # lazy: start-up (only with --watch)

        watch_story(app, resolve(args.story))
    try:
        if later is not None:
            app.step()  # the first frame, then the story while the title is on screen
            gc.enable()  # off since start-up began (game/playcli.py, _window_runner)
            app.story = later()
        if shot:
            from game.ui.scripted import scripted_screenshot  # lazy: start-up

            if app.story is None:
                raise ConfideError("--screenshot needs a story to play")
            # A screenshot run is short and ends with its picture: the collector can stay
            # off to the end (`confide` turns it back on when the command returns).
            return scripted_screenshot(app, app.story, args)
        gc.enable()
        return app.run()
    finally:
        app.comforts.close()
        pygame.quit()


def _no_display() -> str | None:
    """The driver SDL fell back to when no display was found, if it shows nothing.

    With no display, SDL quietly opens its offscreen driver instead of failing, so the game
    would run on, invisible, until killed. A driver asked for by name (SDL_VIDEODRIVER, as
    the tests ask for `dummy`) is taken as meant."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return None
    try:
        pygame.display.init()
    except pygame.error:
        return None  # App's own attempt words the error
    driver = pygame.display.get_driver()
    return driver if driver in ("offscreen", "dummy") else None
