"""Golden transcripts of the tutorial: one scripted playthrough per outcome.

Each path runs the real CLI (`python -m game play tutorial --text`) in a subprocess and is
compared byte for byte with tests/golden/tutorial_<outcome>.txt. After an intended change to
the tutorial or the model, regenerate them with `UPDATE_GOLDEN=1 pytest
tests/runtime/test_tutorial.py` and read the diff before committing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SEED = 1

# Choice numbers as the terminal game shows them, found by playing with --show-meters.
PATHS = {
    # Small talk, then one layer at a time, taking turns and answering Noor with care.
    "deepened": "1,4,2,4,3,3,2,2,1,4,1,4,2,1",
    # Retries the loop, answers flatly, shares the house news factually, asks for things
    # before earning them, then turns down the early morning.
    "acquaintance": "1,3,1,1,1,3,1,1,1,1,2",
    # A core confession to a stranger, then another, then a private one: too much too soon.
    "ruptured": "1,2,2,4,5,3",
}


def play(choices: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CONFIDE_STORIES"}
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "tutorial", "--text",
         "--seed", str(SEED), "--choices", choices],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_transcript_matches_golden(outcome: str) -> None:
    got = play(PATHS[outcome])
    golden = GOLDEN / f"tutorial_{outcome}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(got.encode("utf-8"))
    assert golden.exists(), f"missing {golden.name}; run with UPDATE_GOLDEN=1 to create it"
    assert got.encode("utf-8") == golden.read_bytes()


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_path_reaches_its_outcome(outcome: str) -> None:
    lines = play(PATHS[outcome]).splitlines()
    assert sum(line.startswith("THE END: ") for line in lines) == 1
    outcomes = [line for line in lines if line.startswith("Outcome: ")]
    assert outcomes == [f"Outcome: {outcome}"]
    # The ending comes last: only its title, outcome and reflection follow "THE END".
    end = next(i for i, line in enumerate(lines) if line.startswith("THE END: "))
    assert lines[end + 1] == f"Outcome: {outcome}"
    assert "(end of input" not in "\n".join(lines)


def test_same_seed_and_choices_give_identical_output() -> None:
    first = play(PATHS["acquaintance"])
    assert play(PATHS["acquaintance"]) == first
