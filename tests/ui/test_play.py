"""Playing whole stories in the real window, keyboard only and mouse only."""

from __future__ import annotations

import pygame

from game.runtime import ChoiceView
from game.ui.app import App
from game.ui.screens.scene import SceneScreen
from game.ui.screens.scene_draw import tag_text


def scene_of(app: App) -> SceneScreen:
    top = app.top
    assert isinstance(top, SceneScreen), f"expected the scene, found {top.name}"
    return top


def to_choices(app: App, drive) -> SceneScreen:
    scene = scene_of(app)
    for _ in range(50):
        if scene.choosing:
            return scene
        drive.key(app, pygame.K_SPACE)
    raise AssertionError("no choices appeared")


def play_keys(app: App, drive, pick: int = 1) -> list[str]:
    """Space through lines, press a number at each choice; returns the scenes seen."""
    seen = []
    for _ in range(300):
        if app.top.name == "ending":
            return seen
        scene = scene_of(app)
        seen.append(scene.view.scene)
        if scene.choosing:
            drive.key(app, pygame.K_0 + min(pick, len(scene.view.choices)))
        else:
            drive.key(app, pygame.K_SPACE)
    raise AssertionError("the story did not end")


def test_title_to_ending_keyboard_only(make_app, drive, shot) -> None:
    app = make_app()
    assert app.top.name == "title"
    shot(app, "title")
    drive.key(app, pygame.K_RETURN)  # "New story" has focus: nothing to continue yet
    assert app.top.name == "picker"
    shot(app, "picker")
    drive.key(app, pygame.K_RETURN)
    scene = scene_of(app)
    assert scene.view.scene == "hello"
    drive.key(app, pygame.K_SPACE)  # completes the typewriter
    assert not scene.typing
    shot(app, "scene_keyboard")
    seen = play_keys(app, drive)
    assert {"hello", "middle", "finale"} <= set(seen)
    assert app.top.name == "ending"
    assert scene.play.session.ending() is not None
    assert scene.play.session.ending().title == "Polite"
    shot(app, "ending")
    drive.key(app, pygame.K_BACKSPACE)  # take the last choice back from the ending
    assert app.top is scene and scene.choosing and not scene.play.session.ended
    play_keys(app, drive)
    drive.key(app, pygame.K_RIGHT)  # shows the focus on "Play again"
    drive.key(app, pygame.K_RIGHT)
    drive.key(app, pygame.K_RIGHT)  # "Return to title"
    drive.key(app, pygame.K_RETURN)
    assert app.top.name == "title"


def test_title_to_ending_mouse_only(make_app, drive, shot) -> None:
    app = make_app()
    title = app.top
    drive.click(app, title.menu.rects[1].center)  # New story
    picker = app.top
    assert picker.name == "picker"
    drive.click(app, picker.menu.rects[0].center)
    scene = scene_of(app)
    for _ in range(100):
        if app.top.name == "ending":
            break
        if scene.choosing:
            target = scene.menu.rects[0]
            drive.move(app, target.center)
            assert scene.menu.focus == 0  # hover focuses
            drive.click(app, target.center)
        else:
            drive.click(app, scene.panel.center)
    assert app.top.name == "ending"
    ending = app.top
    drive.click(app, ending.menu.rects[0].center)  # Play again
    again = scene_of(app)
    assert again.view.scene == "hello" and again.play.session.history == []


def test_choices_show_their_kind_and_layer(make_app, drive, shot) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    kinds = [(c.kind, c.layer) for c in scene.view.choices]
    assert kinds == [("disclose", 0), ("disclose", 3)]
    assert scene.menu.lit == -1  # no choice is focused until the player asks for one
    drive.key(app, pygame.K_DOWN)  # the first arrow shows the focus on the first choice
    assert scene.menu.lit == 0
    drive.key(app, pygame.K_DOWN)
    assert scene.menu.focus == 1
    drive.key(app, pygame.K_TAB)
    assert scene.menu.focus == 0
    shot(app, "choices")
    drive.key(app, pygame.K_SPACE)  # Space moves text on, and never picks a choice
    assert scene.play.session.history == []
    drive.key(app, pygame.K_RETURN)
    assert scene.play.session.history[-1].result.choice.id == "weather"
    # the reaction comes before the next scene's choices
    assert scene.line is not None and "laughs" in scene.line.text


def test_a_plain_card_among_answers_is_tagged_respond_like_them() -> None:
    """The window's tag follows ChoiceView.shown_kind, as the terminal's badge does."""
    assert tag_text(ChoiceView("shelf", "Fix the shelf", "plain", None, answering=True)) == \
        "RESPOND"
    assert tag_text(ChoiceView("leave", "Leave", "plain", None)) == ""


def test_window_scales_and_maps_the_mouse(make_app, drive, shot) -> None:
    app = make_app(size=(1600, 1000))  # taller than 16:9: bars above and below
    scale, ox, oy = app.geometry()
    assert scale == 1.25 and ox == 0 and oy == 50
    assert app.to_canvas((10, 20)) is None  # in the letterbox
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.click(app, scene.menu.rects[1].center)
    assert scene.play.session.history[-1].result.choice.id == "secret"
    shot(app, "scaled_1600x1000")


def test_resizing_the_window_rescales_and_remaps(make_app, drive) -> None:
    app = make_app()
    pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920,
                                         h=1080))
    app.run_frames(1)
    assert app.geometry() == (1.5, 0, 0)
    drive.click(app, app.top.menu.rects[1].center)  # New story, clicked at 1.5x
    assert app.top.name == "picker"


def test_idle_window_does_not_redraw(make_app, drive) -> None:
    app = make_app()
    app.run_frames(3)
    before = app.frames
    app.run_frames(20)
    assert app.frames == before
    drive.key(app, pygame.K_DOWN)
    assert app.frames > before
