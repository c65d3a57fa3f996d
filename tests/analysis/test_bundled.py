"""Every bundled story is held to the theory and proven fully reachable."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.explorer import explore
from game.story.loader import bundled, load
from tests.storycache import conformance

STORIES = bundled()


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_bundled_story_conforms(path: Path) -> None:
    failed = [measured for status, measured in conformance(path) if status == "FAIL"]
    assert not failed, failed


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_explorer_reaches_every_bundled_scene_and_ending(path: Path) -> None:
    story = load(path)
    found = explore(story, max_states=100_000, resolution=5.0, progress=False,
                    until_covered=True)
    assert found.reached == set(story.scenes), sorted(set(story.scenes) - found.reached)
