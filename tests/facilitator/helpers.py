"""Helpers for the facilitator tests: the tutorial's scripted paths and the CLI as users run it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.persist.record import PlaythroughRecord, build_record
from game.story.compiled import CompiledStory
from game.textplay import TextGame
from tests.runtime.test_tutorial import PATHS as TUTORIAL_PATHS

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
SEED = 1
# The tutorial's golden paths, from their one home (tests/runtime/test_tutorial.py), so a
# story edit that renumbers a menu is fixed in one place.
PATHS = {name: [int(n) for n in path.split(",")] for name, path in TUTORIAL_PATHS.items()}


def play(story: CompiledStory, choices: list[int], seed: int = SEED) -> PlaythroughRecord:
    """Play like the terminal game does, then record the session."""
    game = TextGame(story, io.StringIO(), seed=seed)
    game.run(iter(()), choices)
    return build_record(game.session)


def confide(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CONFIDE_STORIES"}
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env=env)
