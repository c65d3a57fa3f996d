"""`confide simulate`: the report, its JSON layout, reproducibility and replays."""

from __future__ import annotations

import argparse
import json
from typing import Any

import pytest

from game.analysis.simulate import play, simulate
from game.analysiscli import AUTO_JOBS, _jobs
from game.story.loader import load

from .helpers import ARC, FIXTURES, MINI, confide


def simulate_json(*args: str) -> dict[str, Any]:
    done = confide("simulate", *args, "--json")
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def without_timing(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items()
            if k not in ("seconds", "playthroughs_per_second", "choices_per_second")}


def test_json_layout() -> None:
    data = simulate_json(str(ARC), "--runs", "100")
    assert data["runs"] == 100 and data["story"] == "arc" and data["seconds"] > 0
    assert set(data["policies"]) == {"random", "gradual", "oversharer", "guarded", "prober",
                                     "nonreciprocal", "factual", "neutral", "ignorer",
                                     "questioner", "turncoat"}
    assert all("earliest_deepened_turn" in p for p in data["policies"].values())
    gradual = data["policies"]["gradual"]
    assert set(gradual["outcomes"]) == {"deepened", "acquaintance", "ruptured", "unfinished"}
    for p in data["policies"].values():
        assert abs(sum(p["outcomes"].values()) - 1) < 1e-3
        assert abs(sum(p["endings"].values()) - (1 - p["outcomes"]["unfinished"])) < 1e-3
    assert data["choices"] == sum(p["choices"] for p in data["policies"].values())
    assert gradual["outcomes"]["deepened"] > 0.9
    assert data["policies"]["oversharer"]["outcomes"]["ruptured"] > 0.9
    assert set(gradual["mean_meters"]) == {"ada"}
    scenes = data["policies"]["random"]["coverage"]["scenes"]
    assert scenes["total"] == 30 and scenes["counts"]["lobby"] == 100
    choices = gradual["coverage"]["choices"]
    assert choices["counts"]["meet/yes"] == 100 and choices["counts"]["beat_1/share_core"] == 0


def test_same_seed_same_report_for_any_jobs() -> None:
    one = simulate_json(str(ARC), "--runs", "60", "--seed", "3")
    again = simulate_json(str(ARC), "--runs", "60", "--seed", "3")
    spread = simulate_json(str(ARC), "--runs", "60", "--seed", "3", "--jobs", "2")
    every_core = simulate_json(str(ARC), "--runs", "60", "--seed", "3", "--jobs", "auto")
    other = simulate_json(str(ARC), "--runs", "60", "--seed", "4")
    assert without_timing(one) == without_timing(again) == without_timing(spread) \
        == without_timing(every_core)
    assert without_timing(one) != without_timing(other)


def test_run_i_uses_seed_plus_i() -> None:
    story = load(ARC)
    batch = simulate(story, ["random"], 5, seed=10)["random"]
    alone = simulate(story, ["random"], 1, seed=14)["random"]
    assert play(story, "random", 14).picks == play(story, "random", 14).picks
    last = play(story, "random", 14)
    assert alone.outcomes[last.outcome] == 1
    assert batch.runs == 5 and sum(batch.outcomes.values()) == 5


def test_text_report_lists_outcomes_and_hits() -> None:
    done = confide("simulate", str(ARC), "--policy", "gradual", "--runs", "50")
    assert done.returncode == 0, done.stderr
    assert "gradual" in done.stdout and "100.0%" in done.stdout
    assert "scene hit counts" in done.stdout and "<- never" in done.stdout
    brief = confide("simulate", str(ARC), "--policy", "gradual", "--runs", "50", "--no-hits")
    assert "scene hit counts" not in brief.stdout


def test_replay_run_matches_play() -> None:
    done = confide("simulate", str(ARC), "--policy", "random", "--seed", "2",
                   "--replay-run", "5")
    assert done.returncode == 0, done.stderr
    header, command, *transcript = done.stdout.splitlines()
    assert header.startswith("# run 5 of policy 'random' (seed 7)")
    args = command.split("confide ", 1)[1].split()
    assert args[:2] == ["play", str(ARC)] and "--seed" in args and "7" in args
    played = confide(*args)
    assert played.returncode == 0, played.stderr
    assert played.stdout.splitlines() == transcript
    assert "THE END" in done.stdout


def test_jobs_takes_auto_or_a_whole_number_of_at_least_one() -> None:
    assert _jobs("auto") == _jobs(" AUTO ") == AUTO_JOBS
    assert _jobs("1") == 1 and _jobs("3") == 3
    for bad in ("0", "-2", "x", "1.5", ""):
        with pytest.raises(argparse.ArgumentTypeError, match="or 'auto'"):
            _jobs(bad)


def test_usage_errors_exit_2() -> None:
    for args in (["--replay-run", "1"], ["--policy", "nosy"], ["--runs", "0"],
                 ["--jobs", "x"]):
        done = confide("simulate", str(MINI), *args)
        assert done.returncode == 2, (args, done.stdout)
        assert "Traceback" not in done.stderr


def test_broken_story_exits_1_with_location(tmp_path: Any) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\nstart: nowhere\nscenes: {}\n", encoding="utf-8")
    done = confide("simulate", str(bad))
    assert done.returncode == 1
    assert f"{bad}:" in done.stderr and "Traceback" not in done.stderr


def test_loops_and_dead_ends_count_as_unfinished() -> None:
    loop = simulate_json(str(FIXTURES / "loop.yaml"), "--policy", "random", "--runs", "40")
    shares = loop["policies"]["random"]["outcomes"]
    assert 0 < shares["unfinished"] < 1 and shares["acquaintance"] > 0
    dead = simulate_json(str(FIXTURES / "deadend.yaml"), "--runs", "40")
    assert 0 < dead["policies"]["random"]["outcomes"]["unfinished"] < 1
    assert dead["policies"]["guarded"]["outcomes"]["unfinished"] == 1  # small talk, no courage
