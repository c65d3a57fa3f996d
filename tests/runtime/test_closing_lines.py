"""An ending's lines may read what its closing sentences name (`cost.ID`, `helped.ID`,
`standing.ID`, `broke.ID`, `costly.ID`, `softened.ID`, `apologised.ID`), so the prose agrees
with "What cost most" on every route: both come from one selection (runtime/causes.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.runtime import Session
from game.runtime.sentences import closing_sentences
from game.story.loader import load

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "closing.yaml"
REMEMBER = "The line about brothers is the thing Sam will remember about today."
TOOK_BACK = "You took the line about brothers back, and Sam let you."
STILL = "The line about brothers still sits on the bench between you."
SORRY = "You said sorry for it."
BOY = "Asking about the boy her brother was is what Sam will remember."
SHRUG = "\u201cSay brothers are like that\u201d"


def _end(choices: list[int], seed: int) -> tuple[list[str], tuple[str, ...]]:
    session = Session(load(FIXTURE), seed)
    for n in choices:
        session.choose(session.available()[n - 1].id)
    assert session.ended
    return [ln.text for ln in session.view().lines], closing_sentences(session)


def test_the_shrug_taken_back() -> None:
    lines, closing = _end([1, 1], 4)
    assert lines == [REMEMBER, TOOK_BACK, SORRY, BUS_SORRY]
    assert any(s.startswith(f"What cost most: {SHRUG}") and "said sorry" in s for s in closing)


def test_the_shrug_left_standing() -> None:
    lines, closing = _end([1, 2], 1)
    assert lines == [REMEMBER, STILL, BUS]
    assert any(s.startswith(f"What cost most: {SHRUG}") and "afterwards" not in s
               for s in closing)


BUS = "On the bus home you keep hearing it: saying brothers are like that, when she told " \
    "you about hers."
BUS_SORRY = "On the bus home you think of saying brothers are like that, when she told you " \
    "about hers, and of the sorry after it."


def test_recalled_words_fill_an_endings_line_for_the_move_the_closing_names() -> None:
    assert _end([1, 1], 4)[0][-1] == BUS_SORRY
    assert _end([1, 2], 1)[0][-1] == BUS
    # `listen` was what helped but has no `recalled:`, so the {helped} line is left out;
    # with no cost named, both {cost} lines are left out too
    lines, _ = _end([2, 1], 1)
    assert lines == [BOY] and not any("{" in ln for ln in lines)


def test_what_helped() -> None:
    lines, closing = _end([2, 1], 1)
    assert lines == [BOY]
    assert closing[0].startswith("What helped most: \u201cAsk what he was like as a boy\u201d")


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("route", [[1, 1], [1, 2], [2, 1]])
def test_the_lines_agree_with_the_sentences_on_every_route(route: list[int], seed: int) -> None:
    lines, closing = _end(route, seed)
    cost = next((s for s in closing if s.startswith("What cost")), "")
    assert (REMEMBER in lines) == (SHRUG in cost)
    assert (TOOK_BACK in lines) == (SHRUG in cost and "afterwards" in cost)
    assert (BOY in lines) == any(s.startswith("What helped most: \u201cAsk what") for s in closing)


def check_text(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    """`confide check` on `text` written as a story file, as an author runs it."""
    story = tmp_path / "story.yaml"
    story.write_text(text, encoding="utf-8")
    env = {**os.environ, "CONFIDE_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "game", "check", str(story)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("if: cost.shrug\n", "if: cost.shurg\n",
     "unknown choice 'shurg' (did you mean 'shrug'?); choice ids: listen, shrug, sorry, weather"),
    ("if: helped.listen\n", "if: helped.listens or cost\n",
     "unknown choice 'listens' (did you mean 'listen'?)"),
    ("if: not softened.cost\n", "if: not softened.costs\n",
     "unknown choice 'costs' (did you mean 'cost'?); choice ids: listen, shrug, sorry, weather "
     "(or one of the places the closing names a move in: helped, cost, standing, broke)"),
    ("        if: sam.hurt > 0\n", "        if: costly.shrug\n",
     "'costly.shrug' reads what an ending's closing sentences say, so it can be used only in "
     "the lines of an ending scene"),
])
def test_a_bad_role_is_one_located_error(tmp_path: Path, old: str, new: str,
                                         message: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    run = check_text(tmp_path, text.replace(old, new))
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    errors = [ln for ln in run.stdout.splitlines() if "error[" in ln]
    line = next(i for i, ln in enumerate(text.replace(old, new).splitlines(), 1)
                if ln.endswith(new.strip()))
    assert len(errors) == 1 and f"story.yaml:{line}:" in errors[0], run.stdout
    assert "error[E016]" in errors[0] and message in errors[0], errors[0]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("keep hearing it: {cost}", "keep hearing it: {costs}",
     "unknown placeholder '{costs}' (did you mean 'cost'?)"),
    ("Say the ducks look cold", "Say the ducks look cold, {cost}",
     "'{cost}' is filled only in the lines of an ending scene"),
])
def test_a_bad_placeholder_is_one_located_warning(tmp_path: Path, old: str, new: str,
                                                  message: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    run = check_text(tmp_path, text.replace(old, new))
    warnings = [ln for ln in run.stdout.splitlines() if "warning[" in ln]
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert len(warnings) == 1 and "warning[W003]" in warnings[0] and message in warnings[0], \
        run.stdout


def test_closings_report_counts_the_lines() -> None:
    env = {**os.environ, "CONFIDE_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-m", "game", "simulate", str(FIXTURE), "--closings",
                          "--runs", "20"], capture_output=True, text=True, timeout=120,
                         cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    assert "scene line 1 (if: cost.shrug): shown in " in run.stdout
    shown = [ln for ln in run.stdout.splitlines() if ln.startswith("  scene line ")]
    counts = {ln.split(" (", 1)[1].rsplit("): shown", 1)[0].removeprefix("if: "):
              int(ln.split("shown in ")[1].split()[0]) for ln in shown}
    assert counts["{helped}"] == 0  # what helped has no `recalled:` words in this story
    assert counts["not softened.cost; {cost}"] + counts["softened.cost; {cost}"] \
        == counts["cost.shrug"]
    assert counts["cost.shrug"] == counts["costly.shrug and softened.shrug"] \
        + counts["costly.shrug and not softened.shrug"] > 0
    assert counts["not costly.shrug and not helped.listen"] == 0
