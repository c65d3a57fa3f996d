"""What every fuzzed document must satisfy, and the counter that proves how many were tried.

`checked(path)` is the one door every generated story goes through: it runs the loader
under a time limit and asserts the contract of `game.story.loader.check` (never raise,
every problem a located diagnostic with a known code). `play(story, picks)` then drives
a loaded story through the same Session the window and the terminal use.
"""

from __future__ import annotations

import json
import math
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from hypothesis import settings

from game import progress
from game.analysis.lint import CODES as LINT_CODES
from game.persist.snapshot import restore, snapshot
from game.runtime import Session
from game.story.compiled import CompiledStory
from game.story.diagnostics import CODES, Diagnostic
from game.story.loader import check

KNOWN_CODES = frozenset(CODES) | frozenset(LINT_CODES)
# The hostile-input budget is 1 s per file; a fuzzed document is far smaller, so taking
# longer than this means a hang, not a slow machine.
HANG_SECONDS = 10.0
MAX_MOVES = 12

# Documents handed to the loader in this pytest session, by test; conftest prints them.
COUNTS: dict[str, int] = {}
EXPRESSIONS: dict[str, int] = {}
LOADED: dict[str, int] = {}  # of those, the ones that loaded (each is then played)
MOVES: dict[str, int] = {}
FILES: dict[str, int] = {}  # saves, settings and records handed to their readers


# Crashes recorded in test_regressions.py and not fixed yet, each tolerated only in its exact
# shape (and counted), so that a long run keeps looking for new ones. Remove when fixed.
KNOWN_CRASHES: dict[str, Callable[[BaseException], bool]] = {}
KNOWN: dict[str, int] = {}


class Hang(Exception):
    """The code under test did not return within HANG_SECONDS."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Turn a hang into a test failure instead of a stuck run (POSIX main thread only)."""
    if not hasattr(signal, "setitimer") or 0 < signal.getitimer(signal.ITIMER_REAL)[0] < seconds:
        yield  # no timers here, or a stricter outer limit already runs
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"{what} did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def budget(share: float) -> settings:
    """The conftest's profile with `share` of its document budget, for one test."""
    parent = settings.get_profile("confide-fuzz")
    return settings(parent, max_examples=max(1, math.ceil(parent.max_examples * share)))


def count(kind: str, table: dict[str, int] = COUNTS) -> None:
    table[kind] = table.get(kind, 0) + 1
    if table is COUNTS:
        progress.advance()  # the bar `make fuzz` shows (conftest.py)


def checked(path: Path, kind: str, *, generated: bool = True,
            ) -> tuple[CompiledStory | None, list[Diagnostic]]:
    """`check(path)` plus every property the loader promises for any input at all."""
    if generated:
        count(kind)
    try:
        with time_limit(HANG_SECONDS, f"check({path})"):
            story, diags = check(path)
    except Exception as exc:
        known = next((name for name, match in KNOWN_CRASHES.items() if match(exc)), None)
        if known is None:
            raise
        count(known, KNOWN)
        return None, []
    root = path if path.is_dir() else path.parent
    for d in diags:
        assert_located(d, root)
    errors = [d for d in diags if d.is_error]
    if story is None:
        assert errors, "a story was refused without a single error diagnostic"
    else:
        assert not errors, f"a story loaded despite errors: {errors[0]}"
        if generated:
            count(kind, LOADED)
    return story, diags


def assert_located(d: Diagnostic, root: Path) -> None:
    assert isinstance(d, Diagnostic), repr(d)
    shown = str(d)
    assert d.path, shown
    assert Path(d.path) == root or Path(d.path).is_relative_to(root), shown
    assert isinstance(d.line, int) and d.line >= 1, shown
    assert isinstance(d.col, int) and d.col >= 1, shown
    assert d.code in KNOWN_CODES, shown
    assert d.severity == ("warning" if d.code.startswith("W") else "error"), shown
    assert d.message.strip(), shown
    assert "Traceback" not in d.message and "object at 0x" not in d.message, shown


def play(story: CompiledStory, picks: Sequence[int], seed: int = 0) -> None:
    """Random moves through a loaded story: none of them may raise."""
    with time_limit(HANG_SECONDS, f"playing '{story.id}'"):
        _play(story, picks, seed)


def _play(story: CompiledStory, picks: Sequence[int], seed: int) -> None:
    session = Session(story, seed)
    for n, pick in enumerate(picks[:MAX_MOVES]):
        view = session.view(facilitator=n % 2 == 0)
        if session.ended:
            ending = session.ending()
            assert ending is not None and view.ending == ending
            break
        choices = session.available()
        if not choices:
            break  # a dead end is a design problem the linter reports (E101), not a crash
        assert [c.id for c in view.choices] == [c.id for c in choices]
        result = session.choose(choices[pick % len(choices)].id)
        count("moves", MOVES)
        assert result.next_scene in story.scenes
        if result.explanation is not None:
            result.explanation.sentences(story.name_of(result.partner))
            json.dumps(result.explanation.to_json())
        if pick % 7 == 3:
            assert session.undo()
    _round_trip(story, session)


def _round_trip(story: CompiledStory, session: Session) -> None:
    data = json.loads(json.dumps(snapshot(session)))
    again = restore(story, data)
    assert again.state.to_json() == session.state.to_json()
