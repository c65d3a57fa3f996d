"""The window's ending names this run's causes, for every player (not only facilitators)."""

from __future__ import annotations

from pathlib import Path

import pygame

from .conftest import ROOT
from .test_play import play_keys

TUTORIAL = ROOT / "stories" / "tutorial"


def test_ending_screen_closes_with_the_moves_that_helped_and_cost(make_app, drive,
                                                                  shot) -> None:
    app = make_app(TUTORIAL, seed=1)
    assert not app.facilitator
    app.start(app.story)
    play_keys(app, drive, pick=1)
    assert app.top.name == "ending"
    session = app.top.scene.play.session
    text = " ".join(app.top.reflection)
    labels = {step.result.choice.label for step in session.history}
    assert "What helped most:" in text or "What cost most:" in text
    quoted = text.split("\u201c")[1].split("\u201d")[0]
    assert " ".join(quoted.split()) in {" ".join(label.split()) for label in labels}
    assert Path(shot(app, "ending_causes")).exists()
    pygame.quit()



def test_a_long_reflection_with_its_causes_stays_above_the_buttons_in_projector_mode(
        make_app, drive, shot) -> None:
    from tests.stories.storykit import STORIES

    from .test_facilitator import finish, vote

    app = make_app(ROOT / "stories" / "belay", seed=1)
    app.set_projector(True)
    app.start(app.story)
    vote(app, drive, tuple(int(n) for n in STORIES["belay"].paths["deepened"].split(",")))
    finish(app, drive)
    assert app.top.name == "ending"
    ending = app.top
    shot(app, "ending_projector_long")
    # No text pixels in the button row outside the buttons themselves.
    row = pygame.Rect(ending.box.x + 12, ending.menu.rects[0].top - 6,
                      ending.box.width - 24, ending.menu.rects[0].height + 12)
    app.render()
    area = app.canvas.subsurface(row).copy()
    for r in ending.menu.rects:
        area.fill((0, 0, 0), r.move(-row.x, -row.y).inflate(8, 8))
    text = app.theme.palette.text
    mask = pygame.mask.from_threshold(area, (*text, 255), (40, 40, 40, 255))
    assert mask.count() == 0
