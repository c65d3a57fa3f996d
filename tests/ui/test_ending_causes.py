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
