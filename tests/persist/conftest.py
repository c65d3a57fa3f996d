"""A save store in a fresh temp folder for every test; the stories and the tutorial's three
paths as records come from tests/facilitator's fixtures (one definition for both)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.persist.saves import SaveStore
from tests.facilitator.conftest import mini, records, tutorial

__all__ = ["mini", "records", "store", "tutorial"]


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "data")
