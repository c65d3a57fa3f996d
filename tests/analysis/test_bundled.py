"""Every bundled story is held to the theory and proven fully reachable."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.loader import bundled
from tests.storycache import conformance, deep_verdict

STORIES = bundled()


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_bundled_story_conforms(path: Path) -> None:
    failed = [measured for status, measured in conformance(path) if status == "FAIL"]
    assert not failed, failed


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_deep_lint_reaches_every_bundled_scene_and_ending(path: Path) -> None:
    # The deep lint `check --strict` runs (tests/test_bundled.py) explores up to its bound
    # and plays seeded runs; together they must enter every scene and ending, so the bound
    # hides no part of the story. Both are real moves, so each scene seen is reachable.
    verdict = deep_verdict(path)
    assert verdict.unseen == (), verdict.unseen
    assert not verdict.spent
