"""A disclosure of who the player is (belay: coming out to a father who has not spoken to
them since) is never one the partner can judge or break off at, so no ending blames it as
too soon or as the move the friendship broke at. It answers her "Your turn... Anything"
(stories/belay/act2.yaml, `dad_doesnt_know`, `invited: true`: R-INVITED never judges it,
which conformance prediction 24 checks over the whole meter grid and noise range), and the
story offers it only once layer 2 is reached and while trust beats defence by more than 40.

The proof here is the checker's own bound on the landings each choice can have in play
(game/story/landings.py, which W011 rests on: it over-counts, never under-counts), worked out
from the story's graph in well under a second. It used to be an explorer search, which needed
60,000 states (twenty seconds) once the story's early meters spread; the deep lint still
proves the choice is offered (W103)."""

from __future__ import annotations

from game.story.landings import LandingBounds
from game.story.loader import load
from tests.stories.storykit import ROOT

BELAY = ROOT / "stories" / "belay"
CHOICE = "dad_doesnt_know"


def test_no_state_lets_priya_judge_the_coming_out_story() -> None:
    story = load(BELAY)
    found = [c for scene in story.scenes.values() for c in scene.choices if c.id == CHOICE]
    assert found, f"belay has no choice '{CHOICE}'"
    bounds = LandingBounds(story)
    for choice in found:
        assert choice.invited and choice.kind == "disclose"
        shown = bounds.shown(choice)
        assert shown, f"'{CHOICE}' in scene '{choice.scene}' is never reached"
        assert shown <= {"supportive", "reciprocated", "neutral"}, shown
