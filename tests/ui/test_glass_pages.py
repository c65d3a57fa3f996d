"""Facilitator mode at the largest text with wide line spacing (issue 14): the glass box
stays inside the window and keeps the face in view; what does not fit its Why card (the
sentences, the numbers behind them, the topics) is paged, and PageDown opens all of it in
one large card beside the face, read in a few presses rather than a dozen pages."""

from __future__ import annotations

import pygame

from game.ui.app import App
from game.ui.glassbox import GAP, numbers_behind
from game.ui.screens.scene import SceneScreen
from game.ui.screens.scene_layout import PANEL_BOTTOM
from game.ui.screens.why import BOX, WhyScreen

from .conftest import ROOT, Drive, MakeApp

FLATMATES = ROOT / "stories" / "flatmates"
SIX = ROOT / "tests" / "fixtures" / "six_long_choices.yaml"


def words(text: str) -> str:
    return " ".join(text.split())


def read_all_pages(app: App, scene: SceneScreen, drive: type[Drive]) -> str:
    """Everything the Why shows: the small card when it fits, else the large card PageDown
    opens, read to its end with PageDown (one more closes it)."""
    g = scene.glass
    assert g.why.bottom <= PANEL_BOTTOM and g.meters.bottom + GAP <= g.why.top
    if g.pages == 1:
        return words(" ".join(ln for group in g.shown for ln in group.lines))
    drive.key(app, pygame.K_PAGEDOWN)
    why = app.top
    assert isinstance(why, WhyScreen)
    assert why.text.view.height % why.text.line == 0  # whole lines only, never half of one
    assert BOX.right < g.why.left and not BOX.colliderect(g.face)  # the face stays in view
    presses = 1
    while app.top is why:
        drive.key(app, pygame.K_PAGEDOWN)
        presses += 1
    lines = why.text.view.height // why.text.line
    assert presses <= 2 + len(why.text.rows) // (lines - 1)
    return words(" ".join(r.text for r in why.text.rows))


def test_the_glass_box_pages_what_does_not_fit(make_app: MakeApp,
                                              drive: type[Drive]) -> None:
    app = make_app(FLATMATES, facilitator=True)
    app.comforts.hints = False
    app.settings.text_size, app.settings.line_spacing = "largest", "wide"
    app.settings.font = "hyperlegible"  # its wider glyphs: the tightest reading setting
    app.apply_settings()
    assert app.story is not None
    app.start(app.story)
    scene = app.top
    assert isinstance(scene, SceneScreen)
    drive.key(app, pygame.K_n)  # the numbers unfolded: the most the card must hold
    paged = 0
    for turn in range(5):
        for _ in range(40):
            if scene.choosing:
                break
            drive.key(app, pygame.K_SPACE)
        assert scene.choosing and app.top is scene, turn
        g = scene.glass
        assert g.face.width and g.meters.contains(g.face) and not g.face.colliderect(g.why)
        assert g.why.bottom <= PANEL_BOTTOM
        ex, _ = scene.last_explanation()
        everything = [*scene.explain, *(numbers_behind(ex) if ex is not None else [])]
        paged += g.pages > 1
        shown = read_all_pages(app, scene, drive)
        assert app.top is scene
        assert all(words(x) in shown for x in everything), (everything, shown)
        drive.key(app, pygame.K_1 if turn % 2 else pygame.K_2)
        if scene.play.session.ended:
            break
    assert paged  # the setting this test is about really pages


def test_a_forty_character_name_runs_above_the_face(make_app: MakeApp,
                                                    drive: type[Drive]) -> None:
    app = make_app(SIX, facilitator=True)
    app.settings.text_size, app.settings.line_spacing = "largest", "wide"
    app.apply_settings()
    assert app.story is not None
    app.start(app.story)
    scene = app.top
    assert isinstance(scene, SceneScreen)
    g = scene.glass
    assert len(g.name_lines) == 2 and g.face.top > g.meters.top + 2 * 16
    assert g.why.bottom <= PANEL_BOTTOM and g.meters.bottom + GAP <= g.why.top


def test_the_large_why_card_by_mouse_and_keys(make_app: MakeApp, drive: type[Drive]) -> None:
    """At the tightest reading setting, the first judged answer's Why (numbers unfolded)
    pages a dozen times in the small card; the large card holds it in three screens."""
    app = make_app(FLATMATES, facilitator=True)
    app.comforts.hints = False
    app.settings.text_size, app.settings.line_spacing = "largest", "wide"
    app.settings.font = "hyperlegible"
    app.apply_settings()
    assert app.story is not None
    app.start(app.story)
    scene = app.top
    assert isinstance(scene, SceneScreen)
    drive.key(app, pygame.K_n)
    while scene.glass.pages < 10:  # answer on until an explanation long enough
        for _ in range(40):
            if scene.choosing:
                break
            drive.key(app, pygame.K_SPACE)
        assert scene.choosing and not scene.play.session.ended
        drive.key(app, pygame.K_2)
        for _ in range(40):
            if scene.choosing:
                break
            drive.key(app, pygame.K_SPACE)
    drive.click(app, scene.glass.why.center)
    why = app.top
    assert isinstance(why, WhyScreen)
    lines = why.text.view.height // why.text.line
    assert len(why.text.rows) <= 3 * (lines - 1)  # three screens at most
    with_numbers = len(why.text.rows)
    drive.key(app, pygame.K_n)  # the numbers fold here too, and in the glass box
    assert not app.show_numbers and len(why.text.rows) < with_numbers
    drive.click(app, (BOX.centerx, BOX.centery))  # a click inside reads on
    assert app.top is why and why.text.offset > 0
    drive.click(app, scene.glass.meters.center)  # a click outside goes back
    assert app.top is scene
    drive.key(app, pygame.K_PAGEDOWN)
    drive.key(app, pygame.K_ESCAPE)
    assert app.top is scene and not scene.play.session.ended
