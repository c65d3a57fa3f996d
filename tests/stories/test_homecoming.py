"""The homecoming story, played as a player would through `confide play homecoming --text`.

Golden transcripts pin one whole playthrough per outcome. Regenerate them after a
deliberate story change with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

from typing import Any

import pytest

from game.runtime import Session
from game.story.loader import load
from tests.stories.storykit import (
    SEED,
    assert_check_clean,
    assert_conforms,
    assert_flagship_counts,
    golden_transcript,
)
from tests.stories.storykit import catalog_entry as kit_catalog_entry
from tests.stories.storykit import play as kit_play

# Choice numbers, as listed in docs/educators/homecoming.md.
PATHS = {
    # one step deeper each time, every disclosure of his met with care, ends on the receipt
    "deepened": "1,3,1,3,1,1,4,5,2,3,2,1,5,2,3,3,3,1,2,4,3,2,2,1",
    # warm and funny, but never past the personal layer
    "acquaintance": "2,2,1,2,2,1,2,5,4,3,2,2,1,5,4,1,1,2,2,1,1",
    # a core secret over the counter, then the worst thing you know about yourself over chips
    "ruptured": "1,4,4,1,1,3",
}


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_golden_transcript(outcome: str) -> None:
    golden_transcript("homecoming", outcome, PATHS[outcome])


def play(numbers: str) -> Session:
    return kit_play("homecoming", numbers)


def test_the_careful_path_earns_depth_breadth_and_mutuality() -> None:
    tomas = play(PATHS["deepened"]).state.partners["tomas"]
    assert tomas.trust >= 70 and tomas.defence <= 35
    assert tomas.reached == 3 and tomas.opened == 3
    assert len(tomas.topics) >= 3


def test_a_guarded_friend_starts_behind_a_stranger() -> None:
    # Old closeness buys trust, the years bought defence: he starts with more of both.
    session = Session(load("homecoming"), int(SEED))
    tomas = session.state.partners["tomas"]
    assert (tomas.trust, tomas.defence) == (45, 56)
    assert tomas.trust - tomas.defence < 30 - 40


def test_small_talk_alone_leaves_him_where_he_started() -> None:
    # Every small-talk or plain option, all the way through, never brings him closer
    # (neutral answers cost a little trust in model v2).
    session = Session(load("homecoming"), int(SEED))
    while session.ending() is None:
        safe = [c for c in session.available()
                if c.kind == "plain" or (c.kind in ("disclose", "ask") and c.layer == 0)
                or c.response == "neutral"]
        # A neutral answer before any plain choice: a plain one can now leave him unanswered.
        safe.sort(key=lambda c: c.response != "neutral")
        session.choose(safe[0].id)
    ending = session.ending()
    assert ending is not None and ending.outcome == "acquaintance"
    tomas = session.state.partners["tomas"]
    assert tomas.trust <= 45 and (tomas.defence, tomas.reached) == (56, 0)


def catalog_entry() -> dict[str, Any]:
    return kit_catalog_entry("homecoming")


def test_list_reports_a_flagship_story() -> None:
    assert_flagship_counts("homecoming")


def test_check_finds_nothing() -> None:
    assert_check_clean("homecoming")


def test_conformance_predictions_hold() -> None:
    assert_conforms("homecoming")
