"""`confide new` and `confide stats`, run as an author runs them: one subprocess per command,
the rest through `game.cli.main` in-process to keep the suite quick."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


def confide(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).parents[2]
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(root)})


def test_new_story_passes_strict_check_and_plays_to_each_outcome(tmp_path: Path) -> None:
    made = confide("new", "My First Story", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "My First Story"
    text = (folder / "story.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/story.schema.json")
    assert "id: my_first_story" in text and "docs/authoring.md" in text
    assert json.loads((folder / "schema" / "story.schema.json").read_text())["title"]
    checked = confide("check", "--strict", str(folder))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.strip().endswith("0 errors, 0 warnings")
    played = confide("play", str(folder), "--text", "--choices", "2,1,1")
    assert played.returncode == 0, played.stderr
    assert "Outcome: deepened" in played.stdout


def test_new_story_also_plays_to_acquaintance(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "s")]) == 0
    assert main(["play", str(tmp_path / "s"), "--text", "--choices", "1,1,3"]) == 0
    assert "Outcome: acquaintance" in capsys.readouterr().out


def test_new_refuses_a_folder_that_is_in_use(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path / "taken")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_stats_counts_a_story_outside_the_bundle() -> None:
    r = confide("stats", str(FIXTURES / "mini.yaml"), "--json")
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert stats["scenes"] == 6 and stats["endings"] == {
        "deepened": 1, "acquaintance": 1, "ruptured": 1}
    assert stats["choices_by_kind"] == {"disclose": {"0": 1, "3": 1}, "ask": {"1": 1},
                                        "respond": {}, "plain": {"all": 1}}
    assert stats["topics"] == ["fear", "work"]
    assert [p["id"] for p in stats["partners"]] == ["sam"]
    assert stats["words"] > 20



def test_stats_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(FIXTURES / "mini.yaml")]) == 0
    out = capsys.readouterr().out
    assert "6 scenes" in out and "endings: 1 deepened, 1 acquaintance, 1 ruptured" in out
    assert "disclose  2: 1 at layer 0 (small talk), 1 at layer 3 (core)" in out


def test_stats_of_a_broken_story_gives_located_errors(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nstart: a\ncharacters: {partners: {sam: {name: Sam}}}\n"
                   "scenes:\n  a:\n    next: nowhere\n", encoding="utf-8")
    assert main(["stats", str(bad)]) == 1
    assert f"{bad}:7:11: error[E013]" in capsys.readouterr().err


def test_watch_refuses_record_and_replay(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(FIXTURES / "mini.yaml"), "--text", "--watch", "--record",
                 str(tmp_path / "r.json")]) == 2
    assert "--watch cannot be combined" in capsys.readouterr().err
