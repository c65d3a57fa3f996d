"""Fixtures shared by the story tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The caches on, in a folder of this test alone; yields that folder."""
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFIDE_NO_CACHE", raising=False)
    return tmp_path / "cache"
