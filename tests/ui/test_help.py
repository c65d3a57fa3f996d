"""In-game help and the first-run hint, driven by real keys and clicks; the glossary doc."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pygame

from game import glossary
from game.ui.app import App
from game.ui.screens.help import PAGES, HelpScreen
from game.ui.screens.hint import HintScreen
from game.ui.screens.scene import SceneScreen

from .conftest import MINI, ROOT

GLOSSARY_DOC = ROOT / "docs" / "educators" / "glossary.md"


def title_item(app: App, label: str) -> int:
    return next(i for i, it in enumerate(app.top.menu.items) if it.label == label)  # type: ignore[attr-defined]


def help_of(app: App) -> HelpScreen:
    top = app.top
    assert isinstance(top, HelpScreen), f"expected help, found {top.name}"
    return top


def test_help_from_the_title_by_keyboard_turns_pages(make_app, drive) -> None:
    app = make_app()
    for _ in range(title_item(app, "Help") - app.top.menu.focus):  # type: ignore[attr-defined]
        drive.key(app, pygame.K_DOWN)
    drive.key(app, pygame.K_RETURN)
    screen = help_of(app)
    assert screen.page == 0 and screen.text()[0] == "The onion"
    drive.key(app, pygame.K_DOWN)
    assert screen.page == 1 and "SHARE: " in " ".join(screen.text())
    drive.keys(app, pygame.K_DOWN, pygame.K_DOWN, pygame.K_DOWN)
    assert screen.section.title == "Keys"
    drive.key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"


def test_help_from_the_title_by_mouse_and_back(make_app, drive) -> None:
    app = make_app()
    drive.click(app, app.top.menu.rects[title_item(app, "Help")].center)  # type: ignore[attr-defined]
    screen = help_of(app)
    drive.click(app, screen.menu.rects[2].center)  # "What they feel"
    assert screen.section.title == "What they feel"
    drive.move(app, screen.menu.rects[3].center)  # hovering highlights, does not turn
    assert screen.page == 2
    drive.click(app, screen.menu.rects[len(PAGES)].center)  # Back
    assert app.top.name == "title"


def test_f1_opens_and_closes_help_over_a_scene_and_pause_has_it(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)  # type: ignore[arg-type]
    app.run_frames(1)
    drive.key(app, pygame.K_F1)
    help_of(app)
    drive.key(app, pygame.K_F1)
    assert isinstance(app.top, SceneScreen)
    drive.key(app, pygame.K_ESCAPE)
    pause = app.top
    assert pause.name == "pause"
    drive.click(app, pause.menu.rects[title_item(app, "Help")].center)  # type: ignore[attr-defined]
    help_of(app)


def test_help_scrolls_and_cuts_nothing_at_the_largest_size(make_app, drive, shot) -> None:
    app = make_app()
    app.settings.text_size = "largest"
    app.settings.line_spacing = "wide"
    app.apply_settings()
    drive.key(app, pygame.K_F1)
    screen = help_of(app)
    t = app.theme
    width = 810 - 2 * 34 - 56
    for page in range(len(PAGES)):
        screen.show(page)
        for row in screen.rows:
            size = t.px(20) if row.bold else t.px(19)
            assert row.indent + t.font(size, row.bold).size(row.text)[0] <= width, row.text
    screen.show(0)
    assert screen.max_offset > 0  # the onion page is taller than the panel at this size
    drive.wheel(app, -1)
    drive.wheel(app, -1)
    assert screen.offset > 0
    drive.key(app, pygame.K_PAGEDOWN)
    drive.key(app, pygame.K_PAGEDOWN)
    drive.key(app, pygame.K_PAGEDOWN)
    assert screen.offset == screen.max_offset
    shot(app, "help_largest_scrolled")
    drive.click(app, screen.scroller.rects[0].center)  # ▲ by mouse
    assert screen.offset < screen.max_offset


def first_choices(app: App, drive) -> SceneScreen:
    scene = app.top
    assert isinstance(scene, SceneScreen)
    for _ in range(20):
        if scene.choosing:
            break
        drive.key(app, pygame.K_SPACE)
    return scene


def test_first_run_hint_shows_once_and_is_remembered(make_app, drive, shot, tmp_path) -> None:
    app = make_app()
    app.comforts.hints = True
    app.start(app.story)  # type: ignore[arg-type]
    scene = first_choices(app, drive)
    hint = app.top
    assert isinstance(hint, HintScreen)
    assert hint.lines == glossary.hint_lines()
    shot(app, "first_run_hint")
    assert app.store.load_settings().help_seen  # kept the moment it was shown
    drive.key(app, pygame.K_RETURN)  # "Got it"
    assert app.top is scene and scene.choosing
    drive.key(app, pygame.K_BACKSPACE)
    pygame.quit()
    again = make_app()
    again.comforts.hints = True
    again.start(again.story)  # type: ignore[arg-type]
    first_choices(again, drive)
    assert isinstance(again.top, SceneScreen)  # never a second time


def test_first_run_hint_by_mouse_leads_to_help(make_app, drive) -> None:
    app = make_app()
    app.comforts.hints = True
    app.start(app.story)  # type: ignore[arg-type]
    first_choices(app, drive)
    hint = app.top
    assert isinstance(hint, HintScreen)
    drive.click(app, hint.menu.rects[1].center)  # "Open help (F1)"
    help_of(app)
    drive.key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, SceneScreen)


def test_glossary_doc_says_what_the_game_says() -> None:
    doc = GLOSSARY_DOC.read_text(encoding="utf-8")
    assert glossary.markdown() in doc
    assert PAGES[:len(glossary.SECTIONS)] == glossary.SECTIONS
    for line in glossary.hint_lines()[:-1]:  # the last line points to F1
        assert line.split(": ", 1)[-1] in doc.replace("**", "")


def test_screenshot_of_help_from_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "help.png"
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", str(MINI), "--screen", "help",
         "--screenshot", str(out), "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "SDL_VIDEODRIVER": "dummy",
             "SDL_AUDIODRIVER": "dummy"})
    assert done.returncode == 0, done.stderr
    assert pygame.image.load(str(out)).get_size() == (1280, 720)


def test_first_run_hint_scrolls_at_the_largest_size(make_app, drive, shot) -> None:
    app = make_app()
    app.settings.text_size = "largest"
    app.settings.line_spacing = "wide"
    app.apply_settings()
    app.comforts.hints = True
    app.start(app.story)  # type: ignore[arg-type]
    first_choices(app, drive)
    hint = app.top
    assert isinstance(hint, HintScreen)
    assert hint.box.height <= 720 and hint.text.max_offset > 0
    t = app.theme
    assert len(hint.text.rows) > len(hint.lines)  # really wrapped
    for row in hint.text.rows:
        assert row.indent + t.font(t.px(19)).size(row.text)[0] <= hint.text.view.width
    assert hint.text.rows[0].indent == 70  # the first paragraph leaves room for the onion
    for _ in range(20):
        drive.wheel(app, -1)
    assert hint.text.offset == hint.text.max_offset
    shot(app, "first_run_hint_largest_end")
    drive.key(app, pygame.K_PAGEUP)
    drive.key(app, pygame.K_PAGEUP)
    drive.key(app, pygame.K_PAGEUP)
    assert hint.text.offset == 0
    drive.click(app, hint.menu.rects[0].center)  # "Got it"
    assert isinstance(app.top, SceneScreen)


def test_a_choice_key_over_the_hint_closes_it_and_chooses(make_app, drive) -> None:
    app = make_app()
    app.comforts.hints = True
    app.start(app.story)  # type: ignore[arg-type]
    scene = first_choices(app, drive)
    assert isinstance(app.top, HintScreen)
    drive.key(app, pygame.K_1)
    assert app.top is scene
    assert [s.result.choice.id for s in scene.play.session.history] == ["weather"]


def test_new_story_is_where_the_x11_smoke_test_clicks(make_app) -> None:
    app = make_app()
    hit = app.top.menu.at((276, 398))  # type: ignore[attr-defined]
    assert hit is not None and app.top.menu.items[hit].label == "New story"  # type: ignore[attr-defined]


def test_the_terminal_game_prints_the_same_help(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "game", "play", str(MINI), "--text"],
                          input="h\nq\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    for section in glossary.SECTIONS:
        assert section.title.upper() in text
        for e in section.entries:
            assert f"{e.term}: {e.text}" in text
