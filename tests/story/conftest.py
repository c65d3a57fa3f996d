"""Fixtures shared by the story tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story import filecache, memo


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The caches on, in a folder of this test alone; yields that folder."""
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFIDE_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture(autouse=True)
def fresh_process_memory() -> None:
    """Each story test starts as a new process would, with nothing kept from a load another
    test made in the same worker: tests that count what a load reads or compiles would
    otherwise pass or fail by which test the worker happened to run before."""
    filecache.forget()
    memo.forget()
