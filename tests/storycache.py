"""The costly verdicts on a bundled story, worked out once per test process and shared.

Conformance (seven archetypes x 1,000 runs) and the deep lint take tens of seconds a story;
the generic tests of every bundled story and each story's own module both want them. Each
verdict is cached here by the story's resolved path, and tests/conftest.py keeps every test
of one story on one xdist worker, so `make test` works each one out once, not twice.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from game.analysis.conformance import evaluate
from game.analysis.lint import deep_check
from game.story.loader import check, load, resolve

CONFORMANCE_RUNS = 1000  # what `confide simulate --conformance --runs 1000` plays
DEEP_STATES = 30_000  # what `confide check` explores


def story_path(story: str | Path) -> Path:
    return (story if isinstance(story, Path) else resolve(story)).resolve()


@cache
def _conformance(path: Path) -> tuple[tuple[str, str], ...]:
    checks, _ = evaluate(load(path), runs=CONFORMANCE_RUNS, seed=0, jobs=1)
    return tuple((c.status, f"{c.number}: {'; '.join(c.measured)}") for c in checks)


def conformance(story: str | Path) -> tuple[tuple[str, str], ...]:
    """(status, prediction and what was measured) for each prediction, seed 0."""
    return _conformance(story_path(story))


@cache
def _strict_findings(path: Path) -> tuple[str, ...]:
    story, diags = check(path)
    if story is not None:
        diags = diags + deep_check(story, DEEP_STATES, progress=False).diagnostics
    return tuple(str(d) for d in diags)


def strict_findings(story: str | Path) -> tuple[str, ...]:
    """Every error and warning `confide check --strict` reports, deep lint included."""
    return _strict_findings(story_path(story))
