"""`confide check --layout` (issue 14): every bundled story and a stress story lay out
clean at every text size and mode; each warning code can fire, at its story line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.story.loader import load
from game.ui import layoutcheck
from game.ui.screens import scene_layout
from tests.ui.conftest import ROOT

SIX = ROOT / "tests" / "fixtures" / "six_long_choices.yaml"
TALL = ROOT / "tests" / "fixtures" / "layout" / "w201_tall_choice.yaml"
BUNDLED = sorted(p for p in (ROOT / "stories").iterdir() if (p / "story.yaml").is_file())


@pytest.mark.parametrize("path", [SIX, *BUNDLED], ids=lambda p: p.stem if p.is_file() else p.name)
def test_story_lays_out_without_warnings(path) -> None:
    assert [str(d) for d in layoutcheck.check_layout(load(path))] == []


def test_cli_reports_a_tall_choice_at_its_line() -> None:
    out = subprocess.run([sys.executable, "-m", "game", "check", str(TALL), "--layout",
                          "--shallow", "--strict"], capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    assert out.returncode == 1, out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith(f"{TALL}:14:9: warning[W201]: this choice is taller"), first
    assert "Traceback" not in out.stderr


def test_w202_fires_when_the_text_would_cover_the_face(monkeypatch) -> None:
    # The panel normally narrows to keep clear of the face; without that rule the check
    # must say so, at the line.
    monkeypatch.setattr(scene_layout, "text_width", lambda s, narrow: scene_layout.PANEL_W)
    story = load(ROOT / "stories" / "tutorial")
    codes = {d.code for d in layoutcheck.check_layout(story)}
    assert "W202" in codes


def test_w203_fires_when_the_glass_box_runs_off(monkeypatch) -> None:
    monkeypatch.setattr("game.ui.glassbox.COLUMN_TOP", 600)
    codes = {d.code for d in layoutcheck.check_layout(load(SIX))}
    assert "W203" in codes


def test_w204_fires_when_the_ending_outgrows_its_box(monkeypatch) -> None:
    monkeypatch.setattr("game.ui.screens.ending.HEIGHT", 300)
    found = [d for d in layoutcheck.check_layout(load(SIX)) if d.code == "W204"]
    assert found and found[0].line == 60


def test_w205_fires_when_the_debrief_pages_lose_their_room(monkeypatch) -> None:
    monkeypatch.setattr("game.ui.screens.debrief.BUTTON_Y", 330)
    found = [d for d in layoutcheck.check_layout(load(SIX)) if d.code == "W205"]
    assert found and "too little room" in found[0].message
