"""Fixtures: the tutorial and the mini story, and the tutorial's three paths as records."""

from __future__ import annotations

import pytest

from game.persist.record import PlaythroughRecord
from game.story.compiled import CompiledStory
from game.story.loader import load

from .helpers import MINI, PATHS, play


@pytest.fixture(scope="session")
def tutorial() -> CompiledStory:
    return load("tutorial")


@pytest.fixture(scope="session")
def mini() -> CompiledStory:
    return load(MINI)


@pytest.fixture(scope="session")
def records(tutorial: CompiledStory) -> dict[str, PlaythroughRecord]:
    return {outcome: play(tutorial, choices) for outcome, choices in PATHS.items()}
