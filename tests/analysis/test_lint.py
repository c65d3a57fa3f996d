"""The deep lint and the explorer: one fixture story per finding, run as users run it."""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import pytest

from game.analysis.budget import WorkBudget
from game.analysis.lint import CODES, deep_check, deep_lint
from game.story.loader import load
from tests.storycache import once_per_run

from .helpers import ARC, FIXTURES, ROOT, confide


def explore_json(path: str, *args: str) -> tuple[int, dict[str, Any]]:
    done = confide("explore", path, "--json", *args)
    data: dict[str, Any] = json.loads(done.stdout)
    return done.returncode, data


def codes(data: dict[str, Any]) -> list[str]:
    return [d["code"] for d in data["diagnostics"]]


def test_dead_end_is_an_error() -> None:
    rc, data = explore_json(str(FIXTURES / "deadend.yaml"))
    assert rc == 1 and codes(data) == ["E101"]
    diag = data["diagnostics"][0]
    assert diag["line"] == 18 and "'gate'" in diag["message"]


def test_loop_without_exit() -> None:
    rc, data = explore_json(str(FIXTURES / "loop.yaml"))
    assert rc == 0 and codes(data) == ["W104"]
    assert "'round_a', 'round_b'" in data["diagnostics"][0]["message"]
    strict = confide("explore", str(FIXTURES / "loop.yaml"), "--strict")
    assert strict.returncode == 1


@pytest.mark.parametrize(("code", "line", "words"), [
    ("W101", 40, "scene 'cellar' is never reached"),
    ("W102", 51, "ending 'bliss' (deepened) is never reached"),
    ("W103", 23, "choice 'door' is never available"),
    ("W105", 27, "condition 'sam.trust >= 5' is true"),
    ("W106", 47, "branch 1 of scene 'kitchen'"),
    ("W107", 11, "flag 'key' is never set in play"),
    ("W108", 31, "choice 'blurt' can land judgemental"),
])
def test_each_warning_is_located(code: str, line: int, words: str) -> None:
    found = [d for d in deep_lint(load(FIXTURES / "untested.yaml")) if d.code == code]
    assert len(found) == 1, found
    assert found[0].line == line and words in found[0].message
    assert found[0].severity == "warning" and code in CODES


def test_reciprocated_reaction_is_enough_when_the_partner_always_confides() -> None:
    assert deep_lint(load(FIXTURES / "reciprocal.yaml")) == []
    report = deep_check(load(FIXTURES / "reciprocal.yaml"), progress=False)
    assert report.exploration.landings[("a", "tell")] >= {"reciprocated"}


def test_partners_whose_meters_never_move() -> None:
    found = {d.code: d for d in deep_lint(load(FIXTURES / "bystander.yaml"))}
    assert found["W109"].line == 10 and "partner 'kit'" in found["W109"].message
    assert found["W110"].line == 11 and "partner 'lou'" in found["W110"].message
    assert "partner 'sam'" not in " ".join(d.message for d in found.values())


def test_untested_summary_and_figures() -> None:
    done = confide("explore", str(FIXTURES / "untested.yaml"))
    assert done.returncode == 0
    assert "UNTESTED (7):" in done.stdout
    assert "line 2 of scene 'porch': condition 'flag.key' never true" in done.stdout
    assert "reaction 'supportive' of 'porch/blurt'" in done.stdout
    assert "states/s" in done.stdout and "0 errors, 7 warnings" in done.stdout
    assert "\r" not in done.stderr  # no progress bar when not on a terminal


@cache
def arc_lint() -> dict[str, Any]:
    """The deep lint of the clean story, whose search is `explore(ARC, 30_000, 10.0)`, made
    once per run for the two tests below (tests/storycache.py). No clock in its budget, so
    load cannot cut the search short. Every state kept is a real state of play (rounding only
    merges states), so a complete search at 10 points still proves every scene and outcome
    reachable: about 16,000 states, where 5 points took 55,000 for the same verdict."""
    def work() -> dict[str, Any]:
        budget = WorkBudget(seconds=math.inf)
        report = deep_check(load(ARC), 30_000, 10.0, progress=False, budget=budget)
        e = report.exploration
        return {"diagnostics": [str(d) for d in report.diagnostics],
                "summary": report.summary(), "spent": budget.spent,
                "states": e.states, "complete": e.complete, "scenes": sorted(e.scenes),
                "outcomes": sorted(e.outcomes), "dead_ends": sorted(e.dead_ends),
                "trapped": sorted(e.trapped), "stuck": sorted(map(str, e.stuck))}

    facts: dict[str, Any] = once_per_run("arc-deep-lint", ARC, work)
    return facts


def test_explorer_proves_every_arc_scene_reachable() -> None:
    e = arc_lint()
    assert e["spent"] == ""
    assert e["complete"] and e["scenes"] == sorted(load(ARC).scenes)
    assert e["outcomes"] == sorted({"deepened", "acquaintance", "ruptured"})
    assert not e["dead_ends"] and not e["trapped"] and not e["stuck"]


def test_clean_story_has_no_deep_findings() -> None:
    report = arc_lint()
    assert report["diagnostics"] == []
    assert report["states"] > 1000
    assert report["summary"][0].startswith("explored ")


def test_bound_is_reported_and_progress_goes_to_stderr() -> None:
    import io

    from game.analysis.explorer import Explorer

    bar = io.StringIO()
    e = Explorer(load(ARC), max_states=300, resolution=5.0, progress=bar).run()
    assert not e.complete and e.states == 300
    assert "exploring" in bar.getvalue() and "/300 states" in bar.getvalue()
    _, data = explore_json(str(ARC), "--max-states", "200")
    assert data["complete"] is False and data["states"] == 200
    assert "stopped at the bound" in confide("explore", str(ARC), "--max-states", "200").stdout


def test_bad_resolution_is_a_usage_error() -> None:
    done = confide("explore", str(ARC), "--resolution", "0")
    assert done.returncode == 2 and "--resolution" in done.stderr


def test_lint_docs_list_every_code() -> None:
    text = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    for code, title in CODES.items():
        assert f"{code}" in text and title in text


def test_an_endings_own_line_conditions_are_seen_when_play_reaches_it() -> None:
    """Both sides of a condition on an ending's lines are shown in play, so neither is listed
    as UNTESTED; a line whose condition no play makes true still is."""
    report = deep_check(load(FIXTURES / "ending_lines.yaml"), progress=False)
    never = [item for item in report.untested if "scene 'bye'" in item]
    assert never == ["line 3 of scene 'bye': condition 'flag.never' never true"]


def test_a_reason_for_a_landing_that_never_happens_is_warned_where_it_is() -> None:
    # Sam trusts the player at 90: telling Sam about the week never lands judgemental, so the
    # author's judgemental reason is text nobody reads (W111, a complete search); the
    # `default` and `supportive` reasons are shown and not warned about.
    path = ROOT / "tests" / "runtime" / "fixtures" / "because.yaml"
    report = deep_check(load(path), progress=False)
    assert report.exploration.complete
    found = [d for d in report.diagnostics if d.code == "W111"]
    assert [(d.line, d.message) for d in found] == [
        (23, "choice 'to_sam' never lands judgemental in play, so its because: for "
             "judgemental is never shown")]
    assert "reason for 'judgemental' of 'kitchen/to_sam'" in report.untested


def test_a_reason_not_seen_by_a_stopped_search_is_only_untested() -> None:
    path = ROOT / "tests" / "runtime" / "fixtures" / "because.yaml"
    report = deep_check(load(path), max_states=1, progress=False)
    assert not report.exploration.complete
    assert not [d for d in report.diagnostics if d.code == "W111"]


def test_a_choice_reached_only_by_a_lucky_landing_is_not_called_unreachable() -> None:
    # Noise 0 receives "tell" politely; only noise in its favour lands it warmly, which is
    # what offers "warm". Following every landing the noise allows finds it.
    report = deep_check(load(FIXTURES / "lucky.yaml"), progress=False)
    assert report.exploration.complete
    assert report.exploration.landings[("a", "tell")] == {"neutral", "reciprocated"}
    assert report.exploration.cond_true[("b", "warm")] > 0
    assert "close" in report.exploration.scenes
    assert not [d for d in report.diagnostics if d.code in {"W101", "W103"}], \
        [str(d) for d in report.diagnostics]
