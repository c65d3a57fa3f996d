"""Amplification past per-file limits: whole-story budgets and the deep lint's budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.budget import MAX_WORK, WorkBudget, move_cost
from game.analysis.lint import NEEDS_PROOF, deep_check
from game.story import budgets
from game.story.loader import bundled, check, load
from tests.storycache import deep_verdict

from .kit import MINI

FLAGS = [f"f{i}" for i in range(80)]
SLOW_CONDITION = "not (" + " or ".join(f"flag.{f}" for f in FLAGS) + ")"


def slow_story(path: Path, choices: int) -> Path:
    """Many choices sharing one aliased 80-term condition: tiny on disk, slow to play."""
    out = ["id: slow", "title: Slow", "start: hub", "characters:", "  partners:",
           "    sam: {name: Sam}", "flags: {" + ", ".join(f"{f}: false" for f in FLAGS) + "}",
           "scenes:", "  end:", "    ending: {outcome: acquaintance, title: End}",
           "  hub:", "    choices:",
           f"      - {{id: c0, text: x, if: &c \"{SLOW_CONDITION}\", next: hub}}"]
    out += [f"      - {{id: c{i}, text: x, if: *c, next: end}}" for i in range(1, choices)]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_node_budget_holds_for_the_whole_folder(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Each file is far under the 200,000 nodes of one file; together they are too many.
    monkeypatch.setattr(budgets, "MAX_STORY_NODES", 1000)
    for i in range(3):
        items = ", ".join(["a"] * 400)
        (tmp_path / f"part{i}.yaml").write_text(f"k{i}: [{items}]\n", encoding="utf-8")
    _, diags = check(tmp_path)
    assert [(d.code, Path(d.path).name) for d in diags] == [("E031", "part2.yaml")]
    assert "1,000 nodes" in diags[0].message


def test_text_budget_counts_what_aliases_repeat(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budgets, "MAX_STORY_TEXT", 50_000)
    text = MINI.read_text(encoding="utf-8").replace(
        "title: Mini", "title: &t Mini\nsummary: &s \"" + "x" * 20_000 + "\"\n"
        "content_notes: [*s, *s]")
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    _, diags = check(path)
    assert [(d.code, d.line) for d in diags] == [("E031", 4)]
    monkeypatch.setattr(budgets, "MAX_STORY_TEXT", 70_000)
    assert check(path)[0] is not None  # the same story under a budget it fits


def test_deep_lint_past_its_work_budget_reports_untested_and_finishes(tmp_path: Path) -> None:
    story = load(slow_story(tmp_path / "slow.yaml", 400))
    hub = story.scenes["hub"]
    assert move_cost(hub) > 400 * len(SLOW_CONDITION) // 6
    budget = WorkBudget(work=move_cost(hub) * 3)
    report = deep_check(story, 30_000, progress=False, budget=budget)
    assert budget.spent.startswith("its work budget")
    assert not report.exploration.complete
    assert any("stopped at its work budget" in line for line in report.summary())
    assert report.untested
    assert not [d for d in report.diagnostics if d.code in NEEDS_PROOF]  # nothing claimed


def test_deep_lint_past_its_time_budget(tmp_path: Path) -> None:
    budget = WorkBudget(seconds=0.0)
    report = deep_check(load(MINI), 30_000, progress=False, budget=budget)
    assert budget.spent == "its time budget (0 s)"
    assert report.witness.runs <= 1 and report.untested


@pytest.mark.parametrize("story", [p.stem for p in bundled()])
def test_bundled_stories_stay_far_inside_the_work_budget(story: str) -> None:
    # The bundled stories use 2-42% of the budget (classroom the most); half leaves room
    # for a story twice as tangled as the most tangled one. Each verdict is the deep lint
    # `check --strict` runs, worked out once per test run (tests/storycache.py).
    verdict = deep_verdict(story)
    assert not verdict.spent and 0 < verdict.work < MAX_WORK // 2
