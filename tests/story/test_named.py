"""Named conditions (`conditions:`, authoring.md section 11), as an author uses them: worked
out where they are used, from that moment's state; the same through the quick and the exact
parser; charged in full to the deep lint's budget; and a cached load of them the same as a
fresh one. Their mistakes are fixtures in fixtures/authoring/named_*.yaml and diag/W014.yaml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis.budget import TERM_CHARS, move_cost
from game.runtime import Session
from game.story.expr import exact_condition, parse_condition
from game.story.expr_names import Named, Symbols
from game.story.loader import load

NAMED = Path(__file__).parents[1] / "fixtures" / "named.yaml"


def shown(session: Session) -> list[str]:
    return [line.text for line in session.view().lines]


def test_a_named_condition_is_worked_out_where_it_is_used() -> None:
    """`cold_visit` uses `warm_visit` and the knock counter: each route shows the lines
    their definitions say, with nothing stored in between."""
    story = load(NAMED)
    cake = Session(story, 1)
    cake.choose("cake")
    assert shown(cake) == ["Oh, you brought cake. Come in, come in.", "Bea takes your coat."]
    knocked = Session(story, 1)
    for choice in ("knock", "knock", "in"):
        knocked.choose(choice)
    assert shown(knocked) == ["You could have waited."]
    once = Session(story, 1)
    for choice in ("knock", "in"):
        once.choose(choice)
    assert shown(once) == ["Bea takes your coat."]
    cake.choose(cake.view().choices[0].id)
    ending = cake.view().ending
    assert ending is not None and ending.outcome == "deepened"


def test_a_use_reads_what_the_condition_reads_and_counts_its_length() -> None:
    """The quick and the exact parser agree: the use's references are the body's, and its
    `expanded` is the body's length (and, for a condition using another, theirs too)."""
    base = Symbols(frozenset({"bea"}), {"cake": bool, "knocks": int}, frozenset({"door"}),
                   "bea")
    body = parse_condition("flag.cake and bea.trust >= 40", base)
    warm = Named(body.source, body.refs, body.evaluate, len(body.source))
    sym = Symbols(base.partners, base.flags, base.scenes, "bea", conditions={"warm": warm})
    for source in ("warm", "not warm and flag.knocks >= 2", "(warm or trust < 10)"):
        quick, exact = parse_condition(source, sym), exact_condition(source, sym)
        assert (quick.refs, quick.expanded) == (exact.refs, exact.expanded)
        assert ("flag", "cake") in quick.refs and quick.expanded == len(body.source)


def test_the_deep_lint_pays_for_the_whole_condition_at_each_use() -> None:
    """A scene whose lines each say one short name costs what the named text costs, so the
    budget cannot be dodged by naming a long condition (game/analysis/budget.py)."""
    hall = load(NAMED).scenes["hall"]
    body = len("flag.brought_cake and bea.trust >= 40")
    cold = body + len("not warm_visit and flag.knocked >= 2")
    own = [len("warm_visit") + body, len("cold_visit") + cold, len("not cold_visit") + cold,
           len("warm_visit") + body]  # three lines and one branch
    assert move_cost(hall) == 1 + sum(1 + n // TERM_CHARS for n in own)


def test_check_reports_each_mistake_in_one_run(tmp_path: Path) -> None:
    """Every named condition is compiled, so several mistakes come out together, each at
    its place; a later condition that uses a broken one is not reported a second time."""
    story = tmp_path / "story.yaml"
    text = NAMED.read_text(encoding="utf-8").replace(
        "  cold_visit: not warm_visit and flag.knocked >= 2",
        "  cold_visit: not warm_visit and flag.knocked >= 2\n"
        "  broken: flag.knocked >\n"
        "  uses_broken: broken or cold_visit\n"
        "  ahead: after and warm_visit\n"
        "  after: flag.brought_cake")
    story.write_text(text.replace("if: not cold_visit", "if: not cold_visit and uses_broken"
                                  " and ahead"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "game", "check", "--shallow", str(story)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout
    errors = [ln for ln in done.stdout.splitlines() if ": error[" in ln]
    assert [ln.split(": error[")[1][:4] for ln in errors] == ["E015", "E016"], errors
    assert f"{story}:16:25: error[E015]" in errors[0]
    assert f"{story}:18:10: error[E016]: 'after' is defined further down" in errors[1]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("edit", ["flag.brought_cake", "flag.knocked >= 1"])
def test_a_cached_load_follows_an_edited_definition(
        tmp_path: Path, own_cache: Path, edit: str) -> None:
    """With the caches on, a story loaded again, then with one definition changed, plays as
    a fresh process would play the file as it now is."""
    path = tmp_path / "named.yaml"
    shutil.copy(NAMED, path)
    for _ in range(2):
        first = Session(load(path), 1)
        first.choose("cake")
        assert shown(first)[0] == "Oh, you brought cake. Come in, come in."
    path.write_text(path.read_text(encoding="utf-8").replace(
        "warm_visit: flag.brought_cake and bea.trust >= 40", f"warm_visit: {edit}"),
        encoding="utf-8")
    knock = Session(load(path), 1)
    for choice in ("knock", "in"):
        knock.choose(choice)
    warm = edit == "flag.knocked >= 1"
    assert ("Oh, you brought cake. Come in, come in." in shown(knock)) is warm


CLOSING = """\
id: closing_named
title: Closing named
start: hall
rupture: gone
conditions:
  blurted: cost.blurt or standing.blurt
  easy: not blurted and not costly.ask
characters:
  partners:
    sam: {name: Sam, trust: 40, defence: 50}
scenes:
  hall:
    choices:
      - {id: blurt, kind: disclose, layer: 3, topic: fear, text: Tell Sam your worst fear,
         next: end}
      - {id: ask, kind: ask, layer: 0, text: Ask Sam about the weekend, next: end}
  end:
    lines:
      - {if: blurted, text: It came out too fast.}
      - {if: easy, text: It stayed easy.}
    ending: {outcome: acquaintance, title: Later}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def test_a_named_condition_may_read_the_closing_in_an_ending(tmp_path: Path) -> None:
    # An ending's lines often need the same long `cost.*` test; a named condition says it once.
    path = tmp_path / "story.yaml"
    path.write_text(CLOSING, encoding="utf-8")
    story = load(path)
    for pick, line in (("blurt", "It came out too fast."),
                       ("ask", "It stayed easy.")):
        session = Session(story, 1)
        session.choose(pick)
        assert [ln.text for ln in session.view().lines] == [line], pick


def test_a_named_condition_reading_the_closing_is_for_endings_only(tmp_path: Path) -> None:
    path = tmp_path / "story.yaml"
    path.write_text(CLOSING.replace(
        "text: Ask Sam about the weekend,", "text: Ask Sam about the weekend, if: blurted,"),
        encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game", "check", str(path), "--shallow"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stdout.splitlines()[0].endswith(
        "error[E016]: the named condition 'blurted' reads what an ending's closing sentences "
        "name (cost.ID and the like), so it can be used only in the lines of an ending scene "
        "(authoring.md section 13)"), out.stdout
