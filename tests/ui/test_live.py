"""`confide play --watch` in the window: the story file is edited under a running game."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.story.scaffold import create
from game.ui.app import App
from game.ui.live import watch_story
from game.ui.screens.scene import SceneScreen


def until(app: App, done: Callable[[], bool], timeout: float = 20.0) -> None:
    """Step the window, as its loop would, until `done()` or the time runs out."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.step()
        if done():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out; the top screen is {app.top.name}")


def save(path: Path, text: str) -> None:
    time.sleep(0.3)  # let the watcher settle between saves, as a person's would
    path.write_text(text, encoding="utf-8")


def scene_text(app: App) -> str:
    top = app.top
    return " ".join(ln.text for ln in top.view.lines) if isinstance(top, SceneScreen) else ""


def test_window_reloads_shows_errors_and_recovers(make_app, drive, shot,
                                                  tmp_path: Path) -> None:
    create(tmp_path / "bus")
    path = tmp_path / "bus" / "story.yaml"
    src = path.read_text(encoding="utf-8")
    app = make_app(tmp_path / "bus")
    assert app.story is not None
    app.start(app.story)
    live = watch_story(app, tmp_path / "bus")
    try:
        for _ in range(50):  # through the opening lines to the choices
            if isinstance(app.top, SceneScreen) and app.top.choosing:
                break
            drive.key(app, pygame.K_SPACE)
        drive.key(app, pygame.K_1)  # small talk about the rain: on to the shelter
        until(app, lambda: "spring" in scene_text(app))

        save(path, src.replace("in the spring", "in the autumn"))
        until(app, lambda: "autumn" in scene_text(app))
        assert app.toast_text == "Story reloaded; you are still in 'shelter'"
        play = app.current_play()
        assert play is not None and play.session.choices_made == ["weather"]

        save(path, src.replace("next: shelter\n", "next: shelter\n   oops: 1\n", 1))
        until(app, lambda: app.top.name == "error")
        assert any("error[E004]" in p for p in app.top.problems)  # type: ignore[attr-defined]
        shot(app, "live_reload_error")

        save(path, src)
        until(app, lambda: app.top.name == "scene" and "spring" in scene_text(app))
        play = app.current_play()
        assert play is not None and play.session.choices_made == ["weather"]
        shot(app, "live_reload_recovered")
    finally:
        live.watcher.stop()


def test_window_started_on_a_broken_story_opens_it_once_fixed(drive, tmp_path: Path) -> None:
    create(tmp_path / "bus")
    path = tmp_path / "bus" / "story.yaml"
    src = path.read_text(encoding="utf-8")
    path.write_text(src.replace("outcome: deepened", "outcome: deepend"), encoding="utf-8")
    app = App(None, data_dir=tmp_path / "data")
    live = watch_story(app, tmp_path / "bus")
    try:
        app.run_frames(1)
        assert app.top.name == "error"
        assert any("(did you mean 'deepened'?)" in p
                   for p in app.top.problems)  # type: ignore[attr-defined]
        save(path, src)
        until(app, lambda: app.top.name == "scene")
        assert app.story is not None and app.story.id == "bus"
    finally:
        live.watcher.stop()
        pygame.quit()
