"""Test-wide: the tests of one bundled story run on one xdist worker (`make test` runs
`pytest -n 2 --dist loadgroup`), so the verdicts tests/storycache.py caches per process are
worked out once. Without xdist the marks do nothing."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from game.story.loader import bundled

STORIES = {p.resolve() for p in bundled()}
# The picker's catalogue cache (game/catalogcache.py) goes to a folder of this run, seen by
# the `confide` processes the tests start too, never to the user's own cache.
if "CONFIDE_CACHE_DIR" not in os.environ:
    os.environ["CONFIDE_CACHE_DIR"] = tempfile.mkdtemp(prefix="confide-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CONFIDE_CACHE_DIR"], ignore_errors=True)


def _story_of(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    param = callspec.params.get("path") if callspec is not None else None
    if isinstance(param, Path) and param.resolve() in STORIES:
        return param.stem
    module = item.path
    if module.parent.name == "stories" and module.name.startswith("test_"):
        return module.stem.removeprefix("test_")  # tests/stories/test_NAME.py
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        story = _story_of(item)
        if story is not None:
            item.add_marker(pytest.mark.xdist_group(f"story-{story}"))
