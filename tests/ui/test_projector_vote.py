"""Projector mode's vote layout (issue 14): a class votes with hands and cannot scroll, so
every lettered choice is on screen at once, with the line it answers and the partner's face,
at every text size and line spacing."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.story.loader import load
from game.ui import layoutcheck
from game.ui.app import App
from game.ui.screens import scene_layout as lay
from game.ui.screens.scene import SceneScreen
from game.ui.theme import HEIGHT, WIDTH
from tests.ui.conftest import ROOT
from tests.ui.test_play import to_choices

SIX = ROOT / "tests" / "fixtures" / "six_long_choices.yaml"
CROWD = ROOT / "tests" / "fixtures" / "layout" / "w201_projector_crowd.yaml"
EXCLUSIVE = ROOT / "tests" / "fixtures" / "layout" / "exclusive_choices.yaml"


def projector_at(make_app, drive, size: str, spacing: str = "normal") -> tuple[App, SceneScreen]:
    app = make_app(SIX)
    app.settings.text_size, app.settings.line_spacing = size, spacing
    app.set_projector(True)
    app.start(app.story)
    return app, to_choices(app, drive)


def assert_all_visible(scene: SceneScreen) -> None:
    canvas = pygame.Rect(0, 0, WIDTH, HEIGHT)
    rects = scene.menu.rects[: len(scene.view.choices)]
    assert not lay.overflowing(scene)
    for r in rects:
        assert canvas.contains(r) and scene.choice_view.contains(r), r
        assert not r.colliderect(scene.panel), (r, scene.panel)
    for a, b in itertools.pairwise(rects):
        assert a.bottom <= b.top, (a, b)
    assert canvas.contains(scene.panel)
    if scene.vote_face is not None:
        assert all(not r.colliderect(scene.vote_face) for r in [*rects, scene.panel])


@pytest.mark.parametrize(("size", "spacing"), [("small", "normal"), ("large", "normal"),
                                               ("largest", "normal"), ("largest", "wide")])
def test_every_choice_line_and_face_at_once(make_app, drive, shot, size, spacing) -> None:
    app, scene = projector_at(make_app, drive, size, spacing)
    assert scene.vote, "six long choices do not fit above the line: the vote layout is on"
    assert_all_visible(scene)
    assert scene.vote_face is not None and scene.portrait_shown()
    # the line answered is all there, page by page, in the column
    said = scene.view.lines[-1].text.split()
    assert " ".join(scene.answer).split() == said
    shot(app, f"projector_vote_{size}_{spacing}")


def test_the_sixth_letter_and_a_click_on_the_last_card_both_choose(make_app, drive) -> None:
    app, scene = projector_at(make_app, drive, "largest", "wide")
    last = scene.view.choices[-1].id
    drive.key(app, pygame.K_f)
    assert scene.play.session.history[-1].result.choice.id == last
    app2, scene2 = projector_at(make_app, drive, "largest", "wide")
    drive.click(app2, scene2.menu.rects[len(scene2.view.choices) - 1].center)
    assert scene2.play.session.history[-1].result.choice.id == last


def test_the_answer_pages_turn_in_the_column(make_app, drive) -> None:
    app, scene = projector_at(make_app, drive, "largest", "wide")
    pages = list(scene.answer)
    drive.key(app, pygame.K_LEFT)
    if len(pages) > 1:
        assert scene.line is not None and scene.line.text == pages[-2]
    assert scene.vote and not lay.overflowing(scene)


def test_outside_projector_mode_the_ordinary_layout_stays(make_app, drive) -> None:
    app = make_app(SIX)
    app.start(app.story)
    scene = to_choices(app, drive)
    assert not scene.vote and scene.vote_face is None and scene.shrink == 1.0
    assert scene.panel.left == lay.PANEL_X


def test_layout_check_warns_when_a_vote_cannot_fit() -> None:
    found = [d for d in layoutcheck.check_layout(load(CROWD)) if "cannot see every" in d.message]
    assert found and found[0].code == "W201" and (found[0].line, found[0].col) == (13, 5), found
    assert "projector mode" in found[0].message


def test_exclusive_choices_are_not_counted_as_one_menu() -> None:
    menus = layoutcheck.menus_offered(load(EXCLUSIVE), runs=50)
    seen = menus["porch"]
    assert seen and all(not {"early", "late"} <= set(m) for m in seen), seen
    assert any("early" in m for m in seen) and any("late" in m for m in seen)
