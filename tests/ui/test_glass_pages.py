"""Facilitator mode at the largest text with wide line spacing (issue 14): the glass box
stays inside the window and keeps the face in view; what does not fit its Why card (the
sentences, the numbers behind them, the topics) is paged, and PageDown reaches all of it."""

from __future__ import annotations

import pygame

from game.ui.glassbox import GAP
from game.ui.screens.scene import SceneScreen
from game.ui.screens.scene_layout import PANEL_BOTTOM

from .conftest import ROOT, Drive, MakeApp

FLATMATES = ROOT / "stories" / "flatmates"
SIX = ROOT / "tests" / "fixtures" / "six_long_choices.yaml"


def read_all_pages(app: object, scene: SceneScreen, drive: type[Drive]) -> list[str]:
    """Every line the Why card shows, page by page, turned with the PageDown key."""
    g = scene.glass
    lines: list[str] = []
    for _ in range(g.pages):
        assert g.why.bottom <= PANEL_BOTTOM and g.meters.bottom + GAP <= g.why.top
        lines += [ln for group in g.shown for ln in group.lines]
        drive.key(app, pygame.K_PAGEDOWN)  # type: ignore[arg-type]
    return lines


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
        t = app.theme
        everything = [ln for x in scene.explain for ln in t.wrap(x, t.px(18), g.why.w - 32)]
        shown = read_all_pages(app, scene, drive)
        assert all(ln in shown for ln in everything) and all(n in shown for n in g.numbers)
        paged += g.pages > 1
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
