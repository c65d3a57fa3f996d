"""PartnerState serialisation and the hot-path builders."""

from __future__ import annotations

import pytest

from game.model import ModelError, PartnerState
from game.model.draft import Draft
from game.model.explain import Explanation, Readiness, build_explanation, build_readiness


def test_json_round_trip_sorts_topics() -> None:
    state = PartnerState(61.5, 20.25, 2, 1, frozenset({"work", "family"}), 1, False)
    data = state.to_json()
    assert data["topics"] == ["family", "work"]
    assert PartnerState.from_json(data) == state


def test_from_json_fills_defaults() -> None:
    # A version-1 state (no v2 counters) loads with every counter at its start.
    assert PartnerState.from_json({"trust": 40, "defence": 60}) == PartnerState(40.0, 60.0)


def test_v2_counters_round_trip() -> None:
    state = PartnerState(50.0, 20.0, moves=7, heard=2, hurt=1, closeness=5, exchanges=6, cool=1,
                         guard=2, guard_moves=1, missteps=1, depths=frozenset({"b@2", "a@1"}),
                         pending=2, pending_topic="work")
    data = state.to_json()
    assert data["depths"] == ["a@1", "b@2"]
    assert PartnerState.from_json(data) == state
    with pytest.raises(ModelError, match="'heard' must be a whole number"):
        PartnerState.from_json({**data, "heard": -1})


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"defence": 10}, "missing 'trust'"),
        ({"trust": 10, "defence": 101}, "'defence' must be a number in 0-100"),
        ({"trust": True, "defence": 1}, "'trust' must be a number"),
        ({"trust": 10, "defence": 1, "reached": 4}, "'reached' must be a layer 0-3"),
        ({"trust": 10, "defence": 1, "topics": "work"}, "'topics' must be a list of strings"),
        ({"trust": 10, "defence": 1, "ruptured": 1}, "'ruptured' must be true or false"),
        ({"trust": 10, "defence": 1, "mood": 3}, "unknown field 'mood'"),
        ({"trust": 10, "defence": 1, "pending": 1, "pending_topic": 3}, "'pending_topic'"),
        ({"trust": 10, "defence": 1, "pending": 1, "pending_topic": "x" * 65}, "'pending_topic'"),
        ({"trust": 10, "defence": 1, "pending_topic": "work"}, "with a disclosure pending"),
    ],
)
def test_from_json_rejects_bad_data(data: dict[str, object], fragment: str) -> None:
    with pytest.raises(ModelError, match=fragment):
        PartnerState.from_json(data)


def test_draft_copies_and_freezes_every_field_in_place() -> None:
    values = (1.5, 2.5, 1, 2, frozenset({"a"}), 2, True, 3, 1, 1, 4, 5, 1, 2, 1, 1,
              frozenset({"a@1"}), "a")
    assert len(values) == len(PartnerState._fields)
    # By keyword, so a draft that reads or writes a field at the wrong position fails here.
    state = PartnerState(**dict(zip(PartnerState._fields, values, strict=True)))
    draft = Draft(state)
    assert [getattr(draft, name) for name in PartnerState._fields] == list(values)
    frozen = draft.freeze()
    assert frozen == state and type(frozen) is PartnerState and draft.deltas == []
    with pytest.raises(AttributeError):
        frozen.trust = 3.0  # type: ignore[misc]


def test_record_builders_match_constructors() -> None:
    ready_values = (1.0, -45.0, 1, 30.0, 2, 20.0, 3.5, 0.5, 1, 20.0)
    by_name = dict(zip(Readiness._fields, ready_values, strict=True))
    assert build_readiness(*ready_values) == Readiness(**by_name)  # type: ignore[arg-type]
    explanation = build_explanation("ask", "welcome", 2, None, (), 2, False, "work")
    assert explanation == Explanation(move="ask", landing="welcome", layer=2, readiness=None,
                                      deltas=(), reciprocated=2, ruptured=False, topic="work")
    assert len(Explanation._fields) == 8
