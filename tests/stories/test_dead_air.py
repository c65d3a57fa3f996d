"""Dead Air, the story for pupils aged 13 to 16, played alone and voted on in a lesson.

Golden transcripts pin one playthrough per outcome of `confide play dead_air --text`.
Regenerate them after a deliberate story change with UPDATE_GOLDEN=1, and read them.
"""

from __future__ import annotations

import pytest

from game.catalog import describe
from game.runtime import Session
from game.story.loader import load
from tests.stories.storykit import ROOT, SEED, golden_transcript, play

PATHS = {
    # music, her recordings, the school run, her gran, a question about her cards, the set,
    # the chat, home and the envelope, her voice, the quiz, the boring one, her stammer,
    # the signal, the clip, her call, the practice room, yes
    "deepened": "1,4,3,1,4,2,1,3,1,1,4,2,2,1,3,1,1,1,2,1,2,1,1",
    # friendly all the way, and never past small talk
    "acquaintance": "1,1,4,4,5,5,3,5,3,5,1,1,3,1,3",
    # nobody listens at home, on the first day; "the boring one" straight after; then more
    "ruptured": "1,2,3,2,3,1",
}


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_golden_transcript(outcome: str) -> None:
    golden_transcript("dead_air", outcome, PATHS[outcome])


def test_list_reports_a_teen_story_long_enough_for_a_lesson() -> None:
    entry = describe(ROOT / "stories" / "dead_air").to_json()
    assert entry["errors"] == 0
    assert entry["ages"] == "13+"
    assert entry["scenes"] >= 20 and entry["words"] >= 5000
    assert sum(entry["endings"].values()) >= 4
    assert all(entry["endings"][o] >= 1 for o in ("deepened", "acquaintance", "ruptured"))
    assert any("stammer" in note for note in entry["content_notes"])


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_a_class_votes_between_two_and_five_options_about_fifteen_times(outcome: str) -> None:
    session = Session(load("dead_air"), int(SEED))
    votes = 0
    for number in PATHS[outcome].split(","):
        offered = session.available()
        if offered[0].id != "continue":
            assert 2 <= len(offered) <= 5, session.state.scene
            votes += 1
        session.choose(offered[int(number) - 1].id)
    assert session.ending() is not None and session.ending().outcome == outcome
    assert votes <= 18  # fits a 45-minute lesson with time to talk


def test_her_core_story_needs_the_player_to_go_first() -> None:
    # The stammer is only told after Rory has shared at depth or earned the question.
    session = play("dead_air", PATHS["deepened"])
    steps = [(s.scene, s.result.landing) for s in session.history]
    swap = next(i for i, (scene, _) in enumerate(steps) if scene == "the_swap")
    assert steps[swap - 2] == ("handover", "reciprocated")
    guarded = play("dead_air", PATHS["acquaintance"])
    assert "the_swap" not in {s.scene for s in guarded.history}
    assert not guarded.state.flags["heard_stammer"]

# `confide check --strict` and the conformance predictions run on every bundled story,
# this one included, in tests/test_bundled.py and tests/analysis/test_bundled.py.
