"""The classroom story, played the way a class and a facilitator use it.

Golden transcripts pin whole playthroughs of `confide play classroom --text`, one per
outcome. Regenerate them after a deliberate story change with UPDATE_GOLDEN=1.
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
    golden_transcript,
)
from tests.stories.storykit import catalog_entry as kit_catalog_entry

# Choice numbers as a class would vote them (see docs/educators/classroom.md).
PATHS = {
    # small talk, a job, a warm follow-up, mum, kick the machine, back him twice, the fear
    "deepened": "1,3,1,2,2,2,4,4,1",
    # the same class, but it confesses the core secret at "Go On, Then", then recovers
    "acquaintance": "1,3,1,4,3,2,2,4,2,1",
    # the core secret too early, then doubling down on it
    "ruptured": "1,3,1,4,2",
}


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_golden_transcript(outcome: str) -> None:
    golden_transcript("classroom", outcome, PATHS[outcome])


def catalog_entry() -> dict[str, Any]:
    return kit_catalog_entry("classroom")


def test_list_reports_a_short_story_with_every_outcome() -> None:
    entry = catalog_entry()
    assert entry["errors"] == 0
    assert entry["scenes"] >= 12
    assert entry["minutes"] == 10
    assert all(entry["endings"][o] >= 1 for o in ("deepened", "acquaintance", "ruptured"))
    assert sum(entry["endings"].values()) >= 3


def test_check_finds_nothing() -> None:
    assert_check_clean("classroom")


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_every_vote_offers_two_to_four_choices(outcome: str) -> None:
    # A class votes from a projector: more than four options is unreadable, one is no vote.
    session = Session(load("classroom"), int(SEED))
    for number in PATHS[outcome].split(","):
        offered = session.available()
        if offered[0].id != "continue":
            assert 2 <= len(offered) <= 4, session.state.scene
        session.choose(offered[int(number) - 1].id)
    ending = session.ending()
    assert ending is not None and ending.outcome == outcome


def test_key_moments_come_once_and_in_order() -> None:
    # The theory's moments, one scene each, in the order the educator notes teach them.
    moments = ["bench", "setup", "van", "pink", "vending", "family", "overshoot", "wayback"]
    session = Session(load("classroom"), int(SEED))
    visited = [session.state.scene]
    for number in PATHS["deepened"].split(","):
        session.choose(session.available()[int(number) - 1].id)
        visited.append(session.state.scene)
    assert [s for s in visited if s in moments] == moments


def test_conformance_predictions_hold() -> None:
    assert_conforms("classroom")
