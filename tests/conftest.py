"""Test-wide settings, made once in the process that starts the run and inherited by the
xdist workers (`make test` runs `pytest -n auto`) and by the `confide` processes tests start:

- CONFIDE_CACHE_DIR: the story picker's catalogue cache (game/catalogcache.py) goes to a
  folder of this run, never to the user's own cache;
- CONFIDE_TEST_SHARED: where tests/storycache.py shares each bundled story's conformance and
  deep-lint verdicts between workers, so each is worked out once per run, not once per test.

The game's bytecode is compiled here too, once: where PYTHONDONTWRITEBYTECODE is set, every
`confide` process a test starts (there are well over a hundred) and every worker would
otherwise compile the whole game from source again, about half a second of CPU each.
"""

from __future__ import annotations

import atexit
import compileall
import os
import shutil
import tempfile
from pathlib import Path

import pytest

for _name in ("CONFIDE_CACHE_DIR", "CONFIDE_TEST_SHARED"):
    if _name not in os.environ:
        os.environ[_name] = tempfile.mkdtemp(prefix=f"{_name.lower()}-")
        atexit.register(shutil.rmtree, os.environ[_name], ignore_errors=True)

# Up-to-date files are skipped, so a second run only looks at their dates.
compileall.compile_dir(Path(__file__).resolve().parents[1] / "game", quiet=2)

# The longest tests (several seconds each, measured with `pytest --durations=30`), started
# first: `make test` runs on two workers, and one of these left to the end keeps the other
# worker idle while it finishes. Only the order changes, never what runs.
FIRST = (
    "tests/analysis/test_mutants.py::test_every_mutant_is_killed",
    "tests/ui/test_layout_check.py::test_story_lays_out_without_warnings",
    "tests/ui/test_monkey.py::test_random_input_never_crashes",
    "tests/story/test_incremental.py::test_every_fixture_story_and_seeded_edits",
    "tests/analysis/test_bundled.py::test_deep_lint_reaches_every_bundled_scene",
    "tests/hostile/test_budgets.py::test_bundled_stories_stay_far_inside_the_work_budget",
    "tests/fuzz/test_mutations.py::test_mutated_stories",
    "tests/analysis/test_lint.py::test_explorer_proves_every_arc_scene_reachable",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(FIRST))  # stable: the rest keep order
