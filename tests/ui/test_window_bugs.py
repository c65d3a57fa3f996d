"""The window v2 bugs (issue 14, "Bugs to fix"): each test drives the real App with key and
mouse events under the dummy driver, and failed before its fix."""

from __future__ import annotations

import pygame

from game.ui.app import App
from game.ui.screens.scene import SceneScreen
from tests.ui.conftest import ROOT
from tests.ui.test_play import scene_of, to_choices

TUTORIAL = ROOT / "stories" / "tutorial"
FLATMATES = ROOT / "stories" / "flatmates"


def to_ending(app: App, drive) -> SceneScreen:
    """Number keys at every choice, Space through every line, until the ending."""
    scene = scene_of(app)
    for _ in range(200):
        if app.top.name in ("ending", "debrief"):
            return scene
        if scene.choosing:
            drive.key(app, pygame.K_1)
        else:
            drive.key(app, pygame.K_SPACE)
    raise AssertionError("no ending")


# -- 1. Space and Enter never leave an ending or a debrief -------------------------------
def test_space_and_enter_never_leave_the_ending(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_ending(app, drive)
    ending = app.top
    for k in (pygame.K_SPACE, pygame.K_SPACE, pygame.K_RETURN, pygame.K_RETURN,
              pygame.K_SPACE, pygame.K_KP_ENTER):
        drive.key(app, k)
        assert app.top is ending
    assert scene.play.session.ended and scene.play.session.history  # nothing restarted
    drive.key(app, pygame.K_BACKSPACE)  # so Backspace still has the last choice to take back
    assert app.top is scene and scene.choosing


def test_ending_needs_a_deliberate_choice_by_keys_or_mouse(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    to_ending(app, drive)
    ending = app.top
    assert ending.menu.lit == -1
    drive.key(app, pygame.K_RIGHT)  # shows the focus on "Play again"
    assert ending.menu.lit == 0 and app.top is ending
    drive.key(app, pygame.K_RETURN)  # now a deliberate choice
    assert scene_of(app).play.session.history == []
    app2 = make_app()
    app2.start(app2.story)
    to_ending(app2, drive)
    drive.click(app2, app2.top.menu.rects[2].center)  # Return to title, by mouse
    assert app2.top.name == "title"


def test_facilitator_spaces_keep_the_debrief_open(make_app, drive) -> None:
    app = make_app(facilitator=True)
    app.start(app.story)
    to_ending(app, drive)
    assert app.top.name == "debrief"
    for _ in range(4):
        drive.key(app, pygame.K_SPACE)
        drive.key(app, pygame.K_RETURN)
        assert app.top.name == "debrief"
    drive.key(app, pygame.K_ESCAPE)  # leaving is deliberate: Esc, Back or a click
    assert app.top.name == "ending"
    drive.key(app, pygame.K_SPACE)
    assert app.top.name == "ending"


# -- 2. Tapping Enter through text never picks a choice -------------------------------------
def test_enter_through_text_never_picks_a_choice(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_2)  # chose the second choice last time...
    for _ in range(30):  # ...then taps Enter through the reaction and the next scene
        drive.key(app, pygame.K_RETURN)
    assert [s.result.choice.id for s in scene.play.session.history] == ["secret"]
    assert scene.choosing and scene.menu.lit == -1  # the focus starts on no choice
    drive.key(app, pygame.K_DOWN)
    assert scene.menu.lit == 0
    drive.key(app, pygame.K_RETURN)
    assert len(scene.play.session.history) == 2


def test_mouse_hover_shows_the_focus_and_a_click_chooses(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.move(app, scene.menu.rects[1].center)
    assert scene.menu.lit == 1
    drive.click(app, scene.menu.rects[1].center)
    assert scene.play.session.history[-1].result.choice.id == "secret"


# -- 3. History shows only what has been on screen -------------------------------------------
def test_history_during_a_reaction_lists_no_later_lines(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_1)  # the reaction "Sam laughs." is on screen
    assert scene.line is not None and "laughs" in scene.line.text
    drive.key(app, pygame.K_h)
    history = app.top
    assert history.name == "history"
    texts = [text for _, _, text in history.rows]
    assert texts[-1].endswith("laughs.")
    drive.key(app, pygame.K_ESCAPE)


def test_history_mid_scene_stops_at_the_line_on_screen(make_app, drive) -> None:
    app = make_app(TUTORIAL)
    app.start(app.story)
    scene = scene_of(app)
    assert len(scene.queue) >= 1  # the first scene has lines still to come
    first = scene.line
    assert first is not None
    drive.click(app, scene.tools.rects[0].center)  # History, by mouse
    rows = app.top.rows
    assert [text for _, _, text in rows] == [first.text]
