"""A save store in a fresh temp folder for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.persist.saves import SaveStore


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "data")
