"""One truthful path for every meter change: the record invariant under random play.

For every step and every partner, meter after - meter before equals the sum of that step's
deltas for that partner (a delta without `partner` belongs to the step's partner). Checked on
every bundled story, plus a start scene with on_enter effects and another partner's changes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.runtime import Session
from game.story.loader import load

STORIES = sorted(p for p in (Path(__file__).parents[2] / "stories").iterdir() if p.is_dir())


def _check(session: Session, rng: random.Random) -> int:
    steps = 0
    while not session.ended:
        before = session.state.partners
        result = session.choose(rng.choice(session.available()).id)
        after = session.state.partners
        sums: dict[tuple[str, str], float] = {}
        for d in result.explanation.deltas if result.explanation else ():
            if d.meter in ("trust", "defence"):
                key = (d.partner or result.partner, d.meter)
                sums[key] = sums.get(key, 0.0) + d.after - d.before
        for pid, p in after.items():
            for meter in ("trust", "defence"):
                change = getattr(p, meter) - getattr(before[pid], meter)
                assert sums.get((pid, meter), 0.0) == pytest.approx(change, abs=1e-9), (
                    pid, meter, result.choice.id)
        steps += 1
    return steps


@pytest.mark.parametrize("path", STORIES, ids=[p.name for p in STORIES])
def test_every_meter_change_is_explained_under_random_play(path: Path) -> None:
    story = load(path)
    steps = sum(_check(Session(story, run), random.Random(run)) for run in range(40))
    assert steps > 100


TWO = """
format: 1
id: two
title: Two
start: hello
characters:
  partners:
    sam: {name: Sam, pronouns: he/him, trust: 40, defence: 40}
    ana: {name: Ana, pronouns: she/her, trust: 40, defence: 40}
scenes:
  hello:
    on_enter: ["sam.trust %+ 10", "ana.defence = 50"]
    lines: ["Hi."]
    choices:
      - {id: talk, text: Talk, kind: disclose, layer: 1, topic: work, partner: sam,
         effects: ["ana.trust -= 5"], next: ana_tells}
  ana_tells:
    partner: ana
    partner_discloses: {layer: 1}
    lines: ["Ana tells you something."]
    choices:
      - {id: warm, text: Warm, kind: respond, response: supportive, partner: ana, next: bye}
      - {id: away, text: Change the subject, kind: disclose, layer: 0, partner: sam, next: bye}
  bye:
    ending: {outcome: acquaintance, title: Bye, reflection: Bye.}
"""


def test_start_effects_belong_to_the_start_and_other_partners_are_tagged(
        tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text(TWO, encoding="utf-8")
    story = load(tmp_path / "two.yaml")
    session = Session(story, 0)
    assert session.state.partners["sam"].trust == 46.0  # on_enter, through the model's fairmath
    assert {d.rule for d in session.opening} == {"R-AUTHOR"}
    result = session.choose("talk")
    assert result.explanation is not None
    tagged = {d.partner for d in result.explanation.deltas}
    assert "ana" in tagged  # the effect on Ana and her confidence on entering the scene
    left = session.choose("away")  # moving on from Ana's confidence costs her trust
    rules = [(d.partner, d.rule) for d in left.explanation.deltas] if left.explanation else []
    assert ("ana", "R-UNANSWERED") in rules
    assert "Ana's trust fell" in " ".join(story.sentences(left.explanation, "sam"))
