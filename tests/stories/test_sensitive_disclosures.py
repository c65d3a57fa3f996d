"""Disclosures of who the player is and what they have lost (belay: coming out to a father
who has not spoken to them since; grief for a grandad, whose old rope is still in the
wardrobe) are never ones the partner can judge or break off at, so no ending blames them as
too soon or as the move the friendship broke at. The story guards each choice
(stories/belay/act2.yaml: `dad_doesnt_know` is offered only once layer 2 is reached, so it
skips no layer, and while trust beats defence by more than every readiness penalty;
`grandad_rope` only while her guard is low and her trust has not run out, the same guard as
the diagnosis on the path); the explorer, which also works out every landing the model's
noise could give, checks that each guard holds in every state it reaches."""

from __future__ import annotations

import pytest

from game.analysis.explorer import Exploration, explore
from game.story.loader import load
from tests.stories.storykit import ROOT

BELAY = ROOT / "stories" / "belay"
CHOICES = ("dad_doesnt_know", "grandad_rope")


@pytest.fixture(scope="module")
def exploration() -> Exploration:
    return explore(load(BELAY), max_states=40_000, resolution=5.0, progress=False)


@pytest.mark.parametrize("choice", CHOICES)
def test_no_explored_state_lets_priya_judge_the_disclosure(
    exploration: Exploration, choice: str
) -> None:
    seen = {landing for (scene, cid), got in exploration.landings.items() if cid == choice
            for landing in got}
    assert seen, f"the explorer never reached {choice}: the bound is too small"
    assert seen <= {"supportive", "reciprocated", "neutral"}, seen
