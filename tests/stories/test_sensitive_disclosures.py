"""A disclosure of who the player is (belay: coming out to a father who has not spoken to
them since) is never one the partner can judge or break off at, so no ending blames it as
too soon or as the move the friendship broke at. It answers her "Your turn... Anything"
(stories/belay/act2.yaml, `dad_doesnt_know`, `invited: true`: R-INVITED never judges it), and
the story offers it only once layer 2 is reached and while trust beats defence by more than 40;
the explorer, which also works out every landing the model's noise could give, checks that it
is never judged in any state it reaches."""

from __future__ import annotations

from game.analysis.explorer import explore
from game.story.loader import load
from tests.stories.storykit import ROOT

BELAY = ROOT / "stories" / "belay"
CHOICE = "dad_doesnt_know"


def test_no_explored_state_lets_priya_judge_the_coming_out_story() -> None:
    story = load(BELAY)
    # Meters merged within 10 points: since the explorer follows every landing the noise
    # allows (not only noise 0's), a 5-point search needs about 60,000 states to get here.
    # Since the first-night joke became a private question (round 74), its lighter cost
    # spreads the early meters over more states: 10-point merging now needs about 60,000 too.
    e = explore(story, max_states=60_000, resolution=10.0, progress=False)
    seen = {landing for (scene, cid), got in e.landings.items() if cid == CHOICE
            for landing in got}
    assert seen, "the explorer never reached the choice: the bound is too small"
    assert seen <= {"supportive", "reciprocated", "neutral"}, seen

