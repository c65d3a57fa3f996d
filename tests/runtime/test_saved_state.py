"""Reading a saved state back into a story (game/runtime/state.py), field by field.

`Session.restore` checks a save's shape first (game/savecheck.py); `state_from_json` then keeps
what still fits the story, which may have been edited since the save. These tests call it
directly too, so each of its own guards is pinned even where the shape check would catch the
same damage first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from game.errors import RestoreError
from game.persist.snapshot import restore, snapshot
from game.runtime import Session
from game.runtime.state import initial_state, state_from_json
from game.story.compiled import CompiledStory
from game.story.loader import load

FIXTURE = Path(__file__).parent / "fixtures" / "moves.yaml"


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return load(FIXTURE)


def saved(story: CompiledStory, **change: Any) -> dict[str, Any]:
    data = initial_state(story).to_json()
    data.update(change)
    return data


def exactly(message: str) -> str:
    return "^" + re.escape(message) + "$"


def test_a_state_round_trips(story: CompiledStory) -> None:
    session = Session(story, 3)
    for pick in ("work1", "s_support", "gift", "ana_turn", "a_support"):
        session.choose(pick)
    data = json.loads(json.dumps(session.state.to_json()))
    assert state_from_json(story, data) == session.state


def test_missing_counters_take_their_starting_values(story: CompiledStory) -> None:
    data = {"scene": "hub"}
    state = state_from_json(story, data)
    assert state == initial_state(story)._replace(scene="hub")
    assert state.turn == 0 and state.ending is None


@pytest.mark.parametrize(("turn", "kept"), [(5, 5), (0, 0), ("late", 0), (None, 0)])
def test_turn_must_be_a_whole_number(story: CompiledStory, turn: object, kept: int) -> None:
    assert state_from_json(story, saved(story, turn=turn)).turn == kept


def test_flags_keep_their_declared_type(story: CompiledStory) -> None:
    state = state_from_json(story, saved(story, flags={"rounds": 4, "gifts": True, "warm": 1}))
    assert state.flags == {"rounds": 4, "gifts": 0, "warm": False}
    assert [type(v) for v in state.flags.values()] == [int, int, bool]
    kept = state_from_json(story, saved(story, flags={"warm": True})).flags["warm"]
    assert kept is True


def test_visits_keep_known_scenes_and_whole_counts(story: CompiledStory) -> None:
    visits = {"hub": 3, "slam": 0, "nowhere": 2, "broken": -1, "finale": "x"}
    assert state_from_json(story, saved(story, visits=visits)).visits == {"hub": 3, "slam": 0}


def test_not_a_mapping_is_refused(story: CompiledStory) -> None:
    with pytest.raises(RestoreError, match=exactly("saved state is not a mapping")):
        state_from_json(story, ["hub"])


def test_a_scene_that_no_longer_exists_is_refused(story: CompiledStory) -> None:
    with pytest.raises(RestoreError, match=exactly(
            "the saved scene 'gone' no longer exists in story 'moves'")):
        state_from_json(story, saved(story, scene="gone"))


def test_a_damaged_partner_is_refused(story: CompiledStory) -> None:
    partners = {"sam": {"trust": "lots", "defence": 10}}
    with pytest.raises(RestoreError, match=r"^saved partner state is damaged: .*'trust'"):
        state_from_json(story, saved(story, partners=partners))


def test_an_ended_state_keeps_its_ending(story: CompiledStory) -> None:
    state = state_from_json(story, saved(story, scene="polite", ending="polite"))
    assert (state.scene, state.ending) == ("polite", "polite")


@pytest.mark.parametrize(("scene", "ending", "message"), [
    ("polite", "gone", "the saved ending 'gone' no longer exists"),
    ("hub", "hub", "the save says the story ended in 'hub', which is not the ending of its "
                   "scene"),
    ("hub", "polite", "the save says the story ended in 'polite', which is not the ending of "
                      "its scene"),
])
def test_an_ending_that_does_not_fit_is_refused(story: CompiledStory, scene: str, ending: str,
                                                message: str) -> None:
    with pytest.raises(RestoreError, match=exactly(message)):
        state_from_json(story, saved(story, scene=scene, ending=ending))


def test_an_ended_save_from_an_edited_story_keeps_its_ending(story: CompiledStory) -> None:
    session = Session(story, 1)
    for pick in ("talk0", "leave", "continue"):
        session.choose(pick)
    data = json.loads(json.dumps(snapshot(session)))
    # As if the story had been edited since, and its moves no longer led here.
    data["hash"], data["choices"] = "0" * 64, []
    back = restore(story, data)
    assert back.changed_story and back.ended
    assert back.state == session.state
    ending = back.ending()
    assert ending is not None and ending.outcome == "acquaintance"
