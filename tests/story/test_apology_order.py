"""W015: a sorry offered where what it owns can never have been chosen first (a sibling card
of the same menu the story never comes back to, or a choice only offered later). Checked as
an author does, through `confide check --strict`, and in process on variants of the fixture,
including the loop back that must not warn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.story import apologies
from game.story.loader import check, load
from game.story.scenegraph import onward, walk
from game.story.semantic import reachable
from tests.variants import variant as edited

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sorry_order.yaml"
SIBLING = ("tests/fixtures/sorry_order.yaml:28:20: warning[W015]: choice 'sorry_cold' says "
           "sorry for 'cold_answer', but a player can never have chosen 'cold_answer' before "
           "reaching this card (it is in the same menu, and the story never comes back here)")
LATER = ("tests/fixtures/sorry_order.yaml:35:34: warning[W015]: choice 'sorry_jab' says sorry "
         "for 'jab', but a player can never have chosen 'jab' before reaching this card (it is "
         "only offered in scene 'porch', and the story never comes back here from there)")


def variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    return edited(FIXTURE, tmp_path, *edits)


def w015(path: Path) -> list[tuple[int, int, str]]:
    story, diags = check(path)
    assert story is not None, [str(d) for d in diags]
    return [(d.line, d.col, d.message) for d in diags if d.code == "W015"]


def test_check_strict_names_both_apologies_at_their_sorry_for_entries() -> None:
    out = subprocess.run([sys.executable, "-m", "game", "check", str(FIXTURE.relative_to(ROOT)),
                          "--strict"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "CONFIDE_NO_CACHE": "1"})
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    warned = [ln for ln in out.stdout.splitlines() if "warning[" in ln]
    assert warned == [SIBLING, LATER], out.stdout
    assert "checked 1 story: 0 errors, 2 warnings" in out.stdout, out.stdout


def test_only_the_id_that_cannot_come_first_is_named_in_a_list() -> None:
    # sorry_jab owns [cold_answer, jab]: the cold answer in the kitchen can come first.
    assert [(line, col) for line, col, _ in w015(FIXTURE)] == [(28, 20), (35, 34)]


def test_a_loop_back_counts_even_behind_a_condition_play_never_meets(tmp_path: Path) -> None:
    # Conditions are ignored, so the warning is never a false alarm: a branch back to the
    # table that no play takes still counts as a way back.
    path = variant(tmp_path, ("if: visits.table < 2", "if: visits.table > 5"))
    assert not [m for _, _, m in w015(path) if "'tease'" in m]


def test_without_the_loop_the_sibling_sorry_warns(tmp_path: Path) -> None:
    path = variant(tmp_path, ("      - if: visits.table < 2\n        to: table\n", ""))
    found = [(line, m) for line, _, m in w015(path) if "'tease'" in m]
    assert [line for line, _ in found] == [68], found
    assert found[0][1].endswith("(it is in the same menu, and the story never comes back here)")


def test_a_way_back_to_the_kitchen_clears_the_sibling_and_later_warnings(tmp_path: Path) -> None:
    # The coat can be hung on the way back to the kitchen: the cold answer, and the jab on
    # the porch (porch, table, then the toast's pause), can now come before their sorry.
    path = variant(tmp_path, ("        text: Hang up your coat\n        next: porch",
                              "        text: Hang up your coat\n        next: kitchen"),
                   ("      - to: bye\n", "      - if: visits.hall < 3\n        to: hall\n"
                                          "      - to: bye\n"))
    assert w015(path) == []


def test_a_choice_leads_where_its_next_says_or_on_the_scene_s_way() -> None:
    story = load(FIXTURE)
    table = story.scenes["table"]
    assert list(onward(table, table.choice("tease"))) == ["pause"]
    assert set(walk(story, ["pause"])) == {"pause", "table", "bye"}  # an ending leads nowhere
    from_porch = list(walk(story, ["porch"]))
    assert from_porch[0] == "porch" and len(from_porch) == len(set(from_porch))
    assert {"table", "pause"} <= set(from_porch) and "kitchen" not in from_porch
    assert reachable(story) == set(story.scenes)  # the rupture scene counts as reachable


def test_a_choice_without_a_next_for_every_landing_goes_on_by_its_scene(tmp_path: Path) -> None:
    path = variant(tmp_path, ("        reaction: \"{sam} rolls their eyes.\"\n        next: pause",
                              "        reaction: \"{sam} rolls their eyes.\""),
                   ("    choices:\n      - id: tease", "    next: pause\n    choices:\n"
                                                        "      - id: tease"))
    story = load(path)
    table = story.scenes["table"]
    assert list(onward(table, table.choice("tease"))) == ["pause"]
    assert not [m for _, _, m in w015(path) if "'tease'" in m]


def test_past_its_walking_budget_the_check_says_nothing_rather_than_guess(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIDE_NO_CACHE", "1")  # a cached check keeps its warnings
    monkeypatch.setattr(apologies, "WALK_BUDGET", 3)
    assert w015(FIXTURE) == []
