"""Settings, history, story errors, missing images, and opening the window itself."""

from __future__ import annotations

import argparse
import logging

import pygame
import pytest

from game.persist.settings import Settings
from game.story.loader import load
from game.ui import launch
from game.ui.screens.scene import SceneScreen
from game.ui.scripted import main as scripted_main

from .conftest import ARTIFACTS, MINI


def test_settings_change_at_once_and_persist(make_app, drive, shot, tmp_path) -> None:
    app = make_app()
    drive.key(app, pygame.K_DOWN)  # Load
    drive.key(app, pygame.K_DOWN)  # Settings
    drive.key(app, pygame.K_RETURN)
    settings = app.top
    assert settings.name == "settings"
    drive.key(app, pygame.K_LEFT)  # text speed: normal -> slow
    drive.key(app, pygame.K_DOWN)
    drive.key(app, pygame.K_RIGHT)  # text size: medium -> large
    assert app.theme.px(20) == 24
    drive.click(app, settings.menu.rects[2].center)  # high contrast on, by mouse
    drive.key(app, pygame.K_5)  # facilitator mode on
    shot(app, "settings_contrast")
    expected = Settings("slow", "large", True, False, True)
    assert app.settings == expected
    pygame.quit()
    again = make_app()
    assert again.settings == expected
    assert again.theme.palette.focus_width == 5


def test_f11_toggles_full_screen_and_remembers_it(make_app, drive) -> None:
    app = make_app()
    drive.key(app, pygame.K_F11)
    assert app.settings.fullscreen and app.store.load_settings().fullscreen
    assert app.window.get_flags() & pygame.FULLSCREEN
    drive.key(app, pygame.K_F11)
    assert not app.settings.fullscreen
    assert not app.window.get_flags() & pygame.FULLSCREEN
    assert app.window.get_size() == (1280, 720)


def test_every_text_speed_and_size_can_be_chosen(make_app, drive) -> None:
    app = make_app()
    app.push(__import__("game.ui.screens.settings", fromlist=["x"]).SettingsScreen(app))
    speeds, sizes = set(), set()
    for _ in range(4):
        drive.key(app, pygame.K_RETURN)
        speeds.add(app.settings.text_speed)
    drive.key(app, pygame.K_DOWN)
    for _ in range(4):
        drive.key(app, pygame.K_RIGHT)
        sizes.add(app.settings.text_size)
    assert speeds == {"slow", "normal", "fast", "instant"}
    assert sizes == {"small", "medium", "large", "largest"}


def test_instant_text_and_largest_size_still_fit(make_app, drive, shot, tmp_path) -> None:
    app = make_app(facilitator=True)
    app.settings.text_speed, app.settings.text_size = "instant", "largest"
    app.apply_settings()
    app.start(app.story)
    scene = app.top
    assert isinstance(scene, SceneScreen) and not scene.typing
    drive.key(app, pygame.K_SPACE)
    drive.key(app, pygame.K_2)  # the core secret: the facilitator panel explains it
    assert scene.explain
    for r in scene.menu.rects:
        assert r.top >= 0 and r.bottom <= 720
    shot(app, "facilitator_largest")
    drive.key(app, pygame.K_h)  # facilitator history carries every explanation in full
    notes = [text for style, _, text in app.top.rows if style == "note"]
    assert notes == scene.explain


def test_history_lists_what_was_said_and_chosen(make_app, drive, shot) -> None:
    app = make_app()
    app.start(app.story)
    for k in (pygame.K_SPACE, pygame.K_SPACE, pygame.K_SPACE, pygame.K_1):
        drive.key(app, k)
    drive.key(app, pygame.K_h)
    history = app.top
    assert history.name == "history"
    texts = [text for _, _, text in history.rows]
    assert "The kettle clicks off." in texts and "Talk about the rain" in texts
    assert any("laughs" in t for t in texts)
    shot(app, "history")
    drive.wheel(app, 1)
    drive.key(app, pygame.K_ESCAPE)
    assert app.top.name == "scene"
    drive.click(app, app.top.tools.rects[0].center)  # the History button
    assert app.top.name == "history"


def test_a_broken_story_shows_its_diagnostics(make_app, drive, shot, tmp_path,
                                              monkeypatch) -> None:
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "broken.yaml").write_text(
        "id: broken\ntitle: Broken\nstart: nowhere\ncharacters:\n  partners:\n"
        "    sam: {name: Sam}\nscenes:\n  a:\n    lines: [Hi]\n    next: b\n", "utf-8")
    monkeypatch.setenv("CONFIDE_STORIES", str(stories))
    app = make_app()
    drive.key(app, pygame.K_RETURN)
    picker = app.top
    assert [c.title for c in picker.choices] == ["Mini", "broken"]
    drive.key(app, pygame.K_2)
    error = app.top
    assert error.name == "error"
    assert any("error[E012]" in d for d in error.problems)
    assert any("error[E013]" in d for d in error.problems)
    shot(app, "story_error")
    drive.key(app, pygame.K_ESCAPE)
    assert app.top is picker


def test_a_missing_image_becomes_a_placeholder(make_app, drive, shot, tmp_path,
                                               caplog) -> None:
    text = MINI.read_text("utf-8").replace(
        "  hello:\n", "  hello:\n    background: backgrounds/nowhere.png\n").replace(
        "{name: Sam,", "{name: Sam, portraits: {neutral: portraits/ghost.png},")
    story = tmp_path / "missing.yaml"
    story.write_text(text, "utf-8")
    app = make_app(story)
    with caplog.at_level(logging.WARNING, logger="confide.ui"):
        app.start(app.story)
        app.run_frames(2)
    assert {"backgrounds/nowhere.png", "portraits/ghost.png"} <= app.images.missing
    assert sum("nowhere.png" in r.getMessage() for r in caplog.records) == 1
    shot(app, "missing_image")


def test_no_display_prints_one_line_and_returns_1(monkeypatch, capsys) -> None:
    def refuse(*args: object, **kw: object) -> None:
        raise pygame.error("no available video device")

    monkeypatch.setattr(pygame.display, "set_mode", refuse)
    args = argparse.Namespace(seed=0, facilitator=False, data_dir=None, story="mini")
    assert launch.run_window(load(MINI), args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot open a window" in err[0]


@pytest.mark.parametrize("screen", ["history", "ending"])
def test_scripted_screenshot(screen: str, tmp_path) -> None:
    out = ARTIFACTS / f"scripted_{screen}_1920.png"
    code = scripted_main([str(MINI), "--choices", "1,1,1", "--screen", screen, "--out",
                          str(out), "--size", "1920x1080", "--data-dir", str(tmp_path)])
    assert code == 0
    assert pygame.image.load(str(out)).get_size() == (1920, 1080)
