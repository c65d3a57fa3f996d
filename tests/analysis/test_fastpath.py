"""The simulator's fast move and `Session.choose` must leave identical states."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.simulate import play
from game.story.loader import bundled, load

from .helpers import ARC, FIXTURES, MINI

STORIES = [*bundled(), ARC, MINI, FIXTURES / "loop.yaml", FIXTURES / "deadend.yaml"]


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_fast_and_full_moves_agree(path: Path) -> None:
    story = load(path)
    for name in ("random", "gradual", "oversharer"):
        for seed in range(25):
            fast = play(story, name, seed, max_turns=80)
            full = play(story, name, seed, hook=lambda *_: None, max_turns=80)
            assert fast == full, (name, seed)
