"""`confide simulate STORY --closings`: every closing sentence an ending gets, each with a
command that plays a run ending with it. The command must really show that sentence, under
that ending, or an author checking prose against it would be reading the wrong run."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from game.analysis.closings import closings
from game.analysis.simulate import play
from game.runtime.session import Session
from game.story.loader import load
from tests.analysis.helpers import MINI, confide


def test_each_listed_command_plays_a_run_that_ends_with_its_sentence() -> None:
    done = confide("simulate", "tutorial", "--closings", "--json", "--runs", "15")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["story"] == "tutorial"
    endings = report["endings"]
    assert endings, "no run reached an ending"
    checked = 0
    for ending in endings.values():
        assert ending["runs"] > 0 and ending["sentences"]
        for item in ending["sentences"][:2]:  # the commands are the point: play a few
            words = shlex.split(item["example"])
            assert words[:2] == ["confide", "play"]
            played = confide(*words[1:])
            assert played.returncode == 0, played.stderr
            shown = " ".join(played.stdout.split())  # the terminal wraps long lines
            assert item["text"] in shown
            assert ending["title"] in shown
            checked += 1
    assert checked >= 4


def test_text_report_names_endings_counts_and_commands() -> None:
    done = confide("simulate", "tutorial", "--closings", "--policy", "oversharer",
                   "--runs", "5")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Closing sentences by ending: oversharer, 5 runs each")
    assert any("(5 runs)" in line for line in lines)
    assert any("confide play" in line and "--choices" in line for line in lines)
    assert any(("What cost most" in line or "What came too soon" in line
                or "The break came" in line) for line in lines)


@pytest.mark.parametrize("story_id", ["tutorial", "classroom"])
def test_the_session_takes_the_simulated_runs_path(story_id: str) -> None:
    # The sentences are built from a full session replaying the simulator's picks: both
    # must end in the same scene, or the counts would be filed under the wrong ending.
    story = load(story_id)
    for i in range(40):
        run = play(story, "random", i)
        session = Session.start(story, seed=i)
        for pick in run.picks:
            session.choose(pick[1])
        assert session.state.ending == run.ending


def test_counts_add_up_to_the_runs_that_ended() -> None:
    story = load(str(MINI))
    found = closings(story, ["random", "gradual"], 10, 3)
    assert sum(e.runs for e in found.values()) == 20
    for got in found.values():
        assert set(got.counts) == set(got.example)
        assert all(0 < n <= got.runs for n in got.counts.values())


def test_closings_refuses_modes_it_cannot_join() -> None:
    done = confide("simulate", "tutorial", "--closings", "--conformance")
    assert done.returncode == 2
    assert "--closings cannot be combined" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_story_path_with_spaces_is_quoted_in_the_commands(tmp_path: Path) -> None:
    folder = tmp_path / "my stories; draft"
    folder.mkdir()
    story = folder / "mini.yaml"
    story.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    done = confide("simulate", str(story), "--closings", "--json", "--runs", "3",
                   "--policy", "gradual")
    assert done.returncode == 0, done.stderr
    ending = next(iter(json.loads(done.stdout)["endings"].values()))
    words = shlex.split(ending["sentences"][0]["example"])
    assert words[2] == str(story)
    played = confide(*words[1:])
    assert played.returncode == 0, played.stderr
    assert ending["sentences"][0]["text"] in " ".join(played.stdout.split())
