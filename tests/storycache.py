"""The costly verdicts on a bundled story, worked out once per test run and shared.

Conformance (eleven archetypes, 22 predictions) and the deep lint take tens of seconds a story;
the generic tests of every bundled story and each story's own module both want them. Each
verdict is kept in memory and in CONFIDE_TEST_SHARED (set by tests/conftest.py for the whole
run): the first xdist worker to need it works it out under a file lock while any other
waits, then reads it. Without the folder (or without POSIX locks) it is worked out per process.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from game.analysis.conformance import evaluate
from game.analysis.lint import deep_check
from game.story.loader import check, load, resolve

try:
    import fcntl
except ImportError:  # not POSIX: each worker works its verdicts out itself
    fcntl = None  # type: ignore[assignment]

CONFORMANCE_RUNS = 200  # seeded and small: `make bench` and the CLI play 1,000
DEEP_STATES = 30_000  # what `confide check` explores


def story_path(story: str | Path) -> Path:
    return (story if isinstance(story, Path) else resolve(story)).resolve()


def _shared(kind: str, path: Path, work: Callable[[], Any]) -> Any:
    folder = os.environ.get("CONFIDE_TEST_SHARED")
    if not folder or fcntl is None:
        return work()
    name = hashlib.sha256(f"{kind}\0{path}".encode()).hexdigest()[:20]
    result = Path(folder) / f"{name}.json"
    with open(Path(folder) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker works, the others wait for its answer
        if result.exists():
            return json.loads(result.read_text("utf-8"))
        value = work()
        result.write_text(json.dumps(value), "utf-8")
        return value


@cache
def _conformance(path: Path) -> tuple[tuple[str, str], ...]:
    def work() -> list[list[str]]:
        checks, _ = evaluate(load(path), runs=CONFORMANCE_RUNS, seed=0, jobs=1)
        return [[c.status, f"{c.number}: {'; '.join(c.measured)}"] for c in checks]

    return tuple((status, measured) for status, measured in _shared("conformance", path, work))


def conformance(story: str | Path) -> tuple[tuple[str, str], ...]:
    """(status, prediction and what was measured) for each prediction, seed 0."""
    return _conformance(story_path(story))


@cache
def _strict_findings(path: Path) -> tuple[str, ...]:
    def work() -> list[str]:
        story, diags = check(path)
        if story is not None:
            diags = diags + deep_check(story, DEEP_STATES, progress=False).diagnostics
        return [str(d) for d in diags]

    return tuple(_shared("strict", path, work))


def strict_findings(story: str | Path) -> tuple[str, ...]:
    """Every error and warning `confide check --strict` reports, deep lint included."""
    return _strict_findings(story_path(story))
