"""Progress bars: drawn on a terminal, never into piped output or --json."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from game import progress

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


def on_terminal(*args: str) -> str:
    """Run `confide ARGS` with stdout and stderr on a pseudo-terminal; return what it drew."""
    leader, follower = pty.openpty()
    # A new pseudo-terminal is 0 columns wide, and a bar has no room on it.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    try:
        proc = subprocess.Popen([sys.executable, "-m", "game", *args], stdin=subprocess.DEVNULL,
                                stdout=follower, stderr=follower, cwd=ROOT)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the program exits
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=120) == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def piped(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize(("args", "label"), [
    (("simulate", "tutorial", "--runs", "20", "--no-hits"), "simulating"),
    (("explore", str(MINI), "--max-states", "400"), "exploring"),
    (("check", str(MINI)), "exploring"),
])
def test_a_terminal_sees_a_bar(args: tuple[str, ...], label: str) -> None:
    drawn = on_terminal(*args)
    assert label in drawn and "%" in drawn and "[" in drawn


def test_piped_output_has_no_bar() -> None:
    # (explore's piped output is checked in tests/analysis/test_lint.py)
    r = piped("simulate", "tutorial", "--runs", "20", "--no-hits")
    assert r.returncode == 0 and "\r" not in r.stdout + r.stderr
    assert "simulating" not in r.stderr and "exploring" not in r.stderr


@pytest.mark.parametrize("args", [
    ("simulate", "tutorial", "--runs", "20", "--json"),
    ("check", str(MINI), "--format", "json"),
])
def test_json_on_a_terminal_has_no_bar(args: tuple[str, ...]) -> None:
    drawn = on_terminal(*args)
    assert "\r" not in drawn.replace("\r\n", "\n")
    assert "simulating" not in drawn and "exploring" not in drawn


def test_advance_without_an_open_bar_does_nothing() -> None:
    progress.advance(5)  # as in a --jobs worker process: nothing to move, no error


def test_an_open_bar_counts_what_the_work_reports() -> None:
    with progress.bar("test", 10, "steps", show=True):
        bar = progress._OPEN.get()
        assert bar is not None
        progress.advance(3)
        progress.advance()
        assert bar.n == 4
    assert progress._OPEN.get() is None


def test_steps_count_the_finished_steps_and_name_the_current_one() -> None:
    with progress.Steps("make dist", 3, show=True) as steps:
        steps.step("building")
        assert steps._bar.n == 0 and steps._bar.desc == "make dist: building"
        steps.step("zipping")
        steps.step("checking")
        assert steps._bar.n == 2 and steps._bar.desc == "make dist: checking"
        progress.advance(5)  # work inside a step does not move the steps
        assert steps._bar.n == 2
    assert not steps._clock.is_alive()


def test_hidden_steps_work_too() -> None:
    with progress.Steps("make bench", 2, show=False) as steps:
        steps.step("load")
        steps.step("choices")
