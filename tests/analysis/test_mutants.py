"""The mutant catalogue: every broken model is killed by some prediction on two stories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis.mutants import CATALOGUE, run_mutants
from game.model import Params
from game.story.loader import load

ROOT = Path(__file__).resolve().parents[2]


def test_catalogue_has_every_required_mutant() -> None:
    assert len(CATALOGUE) >= 20
    assert len({m.name for m in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("story", ["tutorial", "classroom"])
def test_every_mutant_is_killed(story: str) -> None:
    # Small, seeded samples; `confide simulate STORY --conformance --mutants` runs 100 each.
    # Ten runs kill every mutant on both stories (each by one prediction or more, as at 30);
    # most of the cost is the model checks, which do not depend on the runs at all.
    kills = run_mutants(load(story), runs=10, seed=0)
    assert set(kills) == {m.name for m in CATALOGUE}
    assert [name for name, by in kills.items() if not by] == []


def test_patches_are_undone_after_each_mutant() -> None:
    from game.model import rules

    before = {name: getattr(rules, name) for name in ("_answer", "_reciprocate", "_question")}
    run_mutants(load("tutorial"), runs=2, seed=0, names=("never-reciprocates",))
    assert {name: getattr(rules, name) for name in before} == before
    assert Params() == Params()  # the real defaults are untouched


def _confide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def test_cli_reports_the_kill_table_as_json() -> None:
    done = _confide("simulate", str(ROOT / "tests" / "fixtures" / "mini.yaml"), "--conformance",
                    "--mutants", "--runs", "5", "--json")
    data = json.loads(done.stdout)
    assert done.returncode == (1 if data["survivors"] else 0)
    assert [m["name"] for m in data["mutants"]] == [m.name for m in CATALOGUE]
    assert all(isinstance(m["killed_by"], list) for m in data["mutants"])


def test_mutants_need_conformance() -> None:
    done = _confide("simulate", "tutorial", "--mutants")
    assert done.returncode == 2 and "--mutants needs --conformance" in done.stderr
