"""Kept only so `from tests.stories.test_belay import PATHS` in tests/ui/test_ending_causes.py
(owned by the window's tests) still works; belay's tests are in test_stories.py, its paths in
storykit.STORIES. Delete this file once that import reads storykit.STORIES["belay"].paths."""

from __future__ import annotations

from tests.stories.storykit import STORIES

PATHS = STORIES["belay"].paths
