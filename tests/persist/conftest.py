"""A save store in a fresh temp folder for every test; the stories and the tutorial's three
paths as records (the same fixtures as tests/facilitator)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.persist.record import PlaythroughRecord
from game.persist.saves import SaveStore
from game.story.compiled import CompiledStory
from game.story.loader import load
from tests.facilitator.helpers import PATHS, play

from .helpers import MINI


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "data")


@pytest.fixture(scope="session")
def tutorial() -> CompiledStory:
    return load("tutorial")


@pytest.fixture(scope="session")
def mini() -> CompiledStory:
    return load(MINI)


@pytest.fixture(scope="session")
def records(tutorial: CompiledStory) -> dict[str, PlaythroughRecord]:
    return {outcome: play(tutorial, choices) for outcome, choices in PATHS.items()}
