"""What every bundled story's tests share: the CLI, golden transcripts, counts, checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from game.runtime import Session
from game.story.loader import load
from tests.storycache import conformance, strict_findings

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SEED = "1"
OUTCOMES = ("deepened", "acquaintance", "ruptured")


def confide(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CONFIDE_STORIES"}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def golden_transcript(story: str, outcome: str, choices: str) -> str:
    """Play `choices` in the terminal game and compare with tests/golden/STORY_OUTCOME.txt
    (rewritten when UPDATE_GOLDEN=1). Returns the transcript."""
    done = confide("play", story, "--text", "--seed", SEED, "--choices", choices)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert f"Outcome: {outcome}" in done.stdout.splitlines()
    golden = GOLDEN / f"{story}_{outcome}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == golden.read_text(encoding="utf-8")
    return done.stdout


def play(story: str, numbers: str) -> Session:
    """A session after choosing by number, as a player reading the list would."""
    session = Session(load(story), int(SEED))
    for number in numbers.split(","):
        session.choose(session.available()[int(number) - 1].id)
    return session


def catalog_entry(story: str) -> dict[str, Any]:
    done = confide("list", "--json")
    assert done.returncode == 0, done.stderr
    entries: dict[str, dict[str, Any]] = {e["id"]: e for e in json.loads(done.stdout)}
    return entries[story]


def assert_flagship_counts(story: str) -> None:
    entry = catalog_entry(story)
    assert entry["errors"] == 0
    assert entry["scenes"] >= 30
    assert entry["words"] >= 6000
    assert sum(entry["endings"].values()) >= 4
    assert all(entry["endings"][o] >= 1 for o in OUTCOMES)
    assert entry["content_notes"]


def assert_check_clean(story: str) -> None:
    """`confide check --strict` (deep lint included) finds nothing at all. Worked out once
    per run and shared with tests/test_bundled.py; the command itself is tested there."""
    assert strict_findings(story) == ()


def assert_conforms(story: str) -> None:
    """Every prediction passes, or says why the story cannot exercise it (N/A), in a
    small seeded run worked out once per test run and shared with
    tests/analysis/test_bundled.py (`confide simulate --conformance` plays 1,000)."""
    verdicts = conformance(story)
    assert len(verdicts) == 22, verdicts
    assert all(status in ("PASS", "N/A") for status, _ in verdicts), verdicts
