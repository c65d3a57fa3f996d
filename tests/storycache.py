"""The costly verdicts on a bundled story, worked out once per test run and shared.

Conformance (eleven archetypes, 24 predictions) and the deep lint take tens of seconds a story;
the generic tests of every bundled story, each story's own module and the budget test want
them, and the deep lint's search and playthroughs prove every scene reachable on the way. Each
verdict is kept in memory and in CONFIDE_TEST_SHARED (set by tests/conftest.py for the whole
run): the first xdist worker to need it works it out under a file lock while any other
waits, then reads it. Without the folder (or without POSIX locks) it is worked out per process.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from game.analysis.budget import WorkBudget
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


def once_per_run(kind: str, path: Path, work: Callable[[], Any]) -> Any:
    """`work()` (a JSON value about the file at `path`), worked out once per test run."""
    return _shared(kind, path.resolve(), work)


@cache
def _conformance(path: Path) -> tuple[tuple[str, str], ...]:
    def work() -> list[list[str]]:
        checks, _ = evaluate(load(path), runs=CONFORMANCE_RUNS, seed=0, jobs=1)
        return [[c.status, f"{c.number}: {'; '.join(c.measured)}"] for c in checks]

    return tuple((status, measured) for status, measured in _shared("conformance", path, work))


def conformance(story: str | Path) -> tuple[tuple[str, str], ...]:
    """(status, prediction and what was measured) for each prediction, seed 0."""
    return _conformance(story_path(story))


class DeepVerdict(NamedTuple):
    """What `confide check --strict` finds on a story, and what its deep lint saw doing it."""

    findings: tuple[str, ...]  # every error and warning, deep lint included
    unseen: tuple[str, ...]  # scenes (endings too) neither explored nor reached in play
    work: int  # work units the deep lint used of its budget (game/analysis/budget.py)
    spent: str  # why the budget ran out; empty when it lasted
    widest: dict[str, int]  # scene -> most choices the explorer saw offered there at once


@cache
def _deep_verdict(path: Path) -> DeepVerdict:
    def work() -> list[Any]:
        story, diags = check(path)
        if story is None:
            return [[str(d) for d in diags], [], 0, "", {}]
        # No clock in the budget: under load a timed-out lint would prove less, not fail.
        budget = WorkBudget(seconds=math.inf)
        report = deep_check(story, DEEP_STATES, progress=False, budget=budget)
        seen = report.exploration.reached | report.witness.scenes
        return [[str(d) for d in diags + report.diagnostics], sorted(set(story.scenes) - seen),
                budget.used, budget.spent, report.exploration.widest]

    findings, unseen, used, spent, widest = _shared("deep", path, work)
    return DeepVerdict(tuple(findings), tuple(unseen), used, spent, dict(widest))


def deep_verdict(story: str | Path) -> DeepVerdict:
    """The deep lint's verdict on a bundled story, worked out once per test run."""
    return _deep_verdict(story_path(story))


def strict_findings(story: str | Path) -> tuple[str, ...]:
    """Every error and warning `confide check --strict` reports, deep lint included."""
    return deep_verdict(story).findings
