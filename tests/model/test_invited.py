"""R-INVITED: an answer to a question the partner asked is not paced as a leap, and is heard
at worst coolly. Thresholds read from `Params`, never copied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.model import Params, PartnerState, disclose, readiness
from game.model.fairmath import fair_step

P = Params(noise=0.0)


@pytest.mark.parametrize("layer", [1, 2, 3])
def test_the_partner_who_asked_set_the_depth(layer: int) -> None:
    fresh = PartnerState(50.0, 50.0)  # nothing opened, nothing received: every layer skips
    told = readiness(fresh, layer, P, 0.0)
    asked = readiness(fresh, layer, P, 0.0, invited=True)
    assert (told.skip, told.imbalance) == (layer - 1, layer - 1)
    assert (asked.skip, asked.imbalance, asked.skip_penalty, asked.imbalance_penalty) == \
        (0, 0, 0.0, 0.0)
    assert asked.total == round(fresh.trust - fresh.defence - P.thresholds[layer - 1], 2)


@pytest.mark.parametrize(("offset", "volunteered", "answered"), [
    (-0.01, "judgemental", "neutral"), (0.0, "neutral", "neutral"),
    (0.01, "neutral", "neutral")])
def test_an_invited_answer_is_heard_at_worst_coolly(offset: float, volunteered: str,
                                                    answered: str) -> None:
    # At the edge of the neutral band, layer 1 (no layer to skip): only the floor differs.
    defence, threshold = 85.0, P.thresholds[0]
    state = PartnerState(round(defence + threshold - P.neutral_band + offset, 2), defence)
    _, said = disclose(state, layer=1, emotional=True, topic="t", params=P, noise=0.0)
    after, asked = disclose(state, layer=1, emotional=True, topic="t", params=P, noise=0.0,
                            invited=True)
    assert (said.landing, asked.landing) == (volunteered, answered)
    assert after.trust == fair_step(state.trust, P.neutral_trust, True)
    assert after.defence == defence  # no guard drawn, for the judgement or for the pace
    if volunteered == "judgemental":
        assert [(d.rule, d.reason_key) for d in asked.deltas if d.meter == "trust"] == \
            [("R-INVITED", "invited.heard")]


def test_a_deep_answer_still_needs_trust_to_land_warmly() -> None:
    # Asked for a core secret by a partner who trusts you little: heard coolly, not warmly.
    after, asked = disclose(PartnerState(30.0, 60.0), layer=3, emotional=True, topic="t",
                            params=P, noise=0.0, invited=True)
    assert asked.landing == "neutral" and after.reached == 0
    # Trusted: it lands warmly although nothing was opened before it.
    _, warm = disclose(PartnerState(90.0, 5.0), layer=3, emotional=True, topic="t", params=P,
                       noise=0.0, invited=True)
    assert warm.landing in ("supportive", "reciprocated")


BAD = """\
id: bad_invited
title: Bad
start: a
characters: {partners: {kim: {name: Kim}}}
scenes:
  a:
    partner: kim
    choices:
      - {id: q, kind: ask, layer: 2, topic: home, invited: true, text: Ask, next: z}
      - {id: s, kind: disclose, layer: 0, invited: true, text: Weather, next: z}
  z:
    ending: {outcome: acquaintance, title: Z}
"""


def test_invited_on_anything_but_a_telling_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "bad.yaml"
    story.write_text(BAD, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "game", "check", str(story)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = [ln for ln in done.stdout.splitlines() + done.stderr.splitlines() if "E021" in ln]
    assert len(lines) == 2, done.stdout + done.stderr
    assert all("only a disclose choice at layer 1-3 can be 'invited'" in ln for ln in lines)
    assert ":9:" in lines[0] and ":10:" in lines[1]  # each at its own choice's line
