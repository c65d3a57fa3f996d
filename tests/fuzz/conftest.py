"""Budget, reproducibility and the document count of the fuzz suite.

`make test` runs a small, derandomized budget so every run (and CI) tries the same inputs.
`make fuzz` sets CONFIDE_FUZZ_EXAMPLES (documents in total, shared between the document
tests) and CONFIDE_FUZZ_MIN_DOCUMENTS; the run fails if fewer documents reached the
loader than promised, so the figure it prints is a checked one, not a setting.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from game import progress

from .harness import COUNTS, EXPRESSIONS, FILES, KNOWN, LOADED, MOVES

CI_DOCUMENTS = 400  # about 15 s for the whole fuzz suite on a small machine
DOCUMENTS = int(os.environ.get("CONFIDE_FUZZ_EXAMPLES", "0") or 0)
MIN_DOCUMENTS = int(os.environ.get("CONFIDE_FUZZ_MIN_DOCUMENTS", "0") or 0)
REPORT = os.environ.get("CONFIDE_FUZZ_REPORT")
PROFILE = "confide-fuzz"
_quiet = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

if DOCUMENTS > 0:
    # A fresh random seed every run finds new inputs; a failure prints how to replay it.
    settings.register_profile(PROFILE, max_examples=DOCUMENTS, deadline=None, database=None,
                              print_blob=True, suppress_health_check=_quiet)
else:
    settings.register_profile(PROFILE, max_examples=CI_DOCUMENTS, deadline=None,
                              database=None, derandomize=True, suppress_health_check=_quiet)

_elapsed = [0.0]  # seconds spent inside the tests of this folder


class _Terminal:
    """Writes past pytest's output capture, to the terminal `make fuzz` was started on."""

    def __init__(self, capman: Any) -> None:
        self.capman, self.started = capman, False

    def write(self, text: str) -> int:
        with self.capman.global_and_fixture_disabled():
            if not self.started:  # a line of its own, below pytest's dots
                sys.stderr.write("\n")
                self.started = True
            sys.stderr.write(text)
            sys.stderr.flush()
        return len(text)

    def flush(self) -> None:
        pass


@pytest.fixture(scope="session", autouse=True)
def _fuzz_progress(request: pytest.FixtureRequest) -> Iterator[None]:
    """`make fuzz` takes minutes: a bar of the documents tried, on a terminal only."""
    capman = request.config.pluginmanager.getplugin("capturemanager")
    if DOCUMENTS <= 0 or capman is None:
        yield
        return
    with capman.global_and_fixture_disabled():
        show = progress.wanted()
    with progress.bar("fuzzing", DOCUMENTS, "documents", show, _Terminal(capman)):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # Timed here rather than from start-up, so the figure means the same in `make test`,
    # where the rest of the suite runs too.
    start = time.perf_counter()
    yield
    _elapsed[0] += time.perf_counter() - start


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not COUNTS and not EXPRESSIONS and not FILES:
        return
    total = sum(COUNTS.values())
    seconds = _elapsed[0]
    write = terminalreporter.write_line
    write(f"fuzz: {total:,} generated documents checked by the loader "
          f"({', '.join(f'{k} {v:,}' for k, v in sorted(COUNTS.items()))}); "
          f"the fuzz tests took {seconds:.1f} s")
    write(f"fuzz: {sum(LOADED.values()):,} of them loaded and were played "
          f"({', '.join(f'{k} {v:,}' for k, v in sorted(LOADED.items()))}), "
          f"{MOVES.get('moves', 0):,} moves in all")
    write(f"fuzz: {sum(EXPRESSIONS.values()):,} generated expressions compiled "
          f"({', '.join(f'{k} {v:,}' for k, v in sorted(EXPRESSIONS.items()))})")
    if FILES:
        write(f"fuzz: {sum(FILES.values()):,} generated files read "
              f"({', '.join(f'{k} {v:,}' for k, v in sorted(FILES.items()))})")
    for name, hits in KNOWN.items():
        write(f"fuzz: known crash, tolerated until fixed ({hits:,} hits): {name}")
    if REPORT:
        Path(REPORT).parent.mkdir(parents=True, exist_ok=True)
        Path(REPORT).write_text(json.dumps({
            "documents": total, "by_test": COUNTS, "loaded": LOADED,
            "moves": MOVES.get("moves", 0),
            "expressions": EXPRESSIONS, "files": FILES, "known_crashes": KNOWN,
            "seconds": round(seconds, 1)}, indent=1), encoding="utf-8")
        write(f"fuzz: counts written to {REPORT}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    total = sum(COUNTS.values())
    if MIN_DOCUMENTS and total < MIN_DOCUMENTS and exitstatus == 0:
        print(f"\nfuzz: only {total:,} documents were tried; {MIN_DOCUMENTS:,} were promised")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    # Saves, settings and records each get the full count of their own (make fuzz).
    short = {k: FILES.get(k, 0) for k in ("save", "settings", "record")
             if FILES.get(k, 0) < MIN_DOCUMENTS}
    if MIN_DOCUMENTS and FILES and short and exitstatus == 0:
        print(f"\nfuzz: files tried {short}; {MIN_DOCUMENTS:,} of each were promised")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
