"""The guards at the edges of the model's public functions: what they refuse, and what they
leave untouched."""

from __future__ import annotations

import pytest

from game.model import ModelError, Params, PartnerState, leave_unanswered

P = Params(noise=0.0)


def test_nothing_pending_leaves_the_partner_untouched_even_at_a_meter_floor() -> None:
    state = PartnerState(P.rupture_trust - 1, 50.0)  # past the floor but not yet marked
    after, deltas = leave_unanswered(state, P)
    assert after is state and deltas == ()


def test_a_broken_relationship_is_not_charged_for_a_pending_confidence() -> None:
    state = PartnerState(40.0, 50.0, pending=2, ruptured=True)
    after, deltas = leave_unanswered(state, P)
    assert after is state and deltas == ()


def test_a_pending_confidence_left_unanswered_costs_trust_and_raises_defence() -> None:
    after, deltas = leave_unanswered(PartnerState(40.0, 50.0, pending=1), P)
    assert after.pending == 0 and after.trust < 40.0 and after.defence > 50.0
    assert {d.rule for d in deltas} == {"R-UNANSWERED"}


def test_params_json_gives_lists_for_the_per_layer_triples() -> None:
    data = Params().to_json()
    assert data["thresholds"] == list(Params().thresholds)
    assert data["reciprocity"] == list(Params().reciprocity)
    assert all(not isinstance(v, tuple) for v in data.values())


@pytest.mark.parametrize(("raw", "message"), [
    (5, "model.thresholds must be a list of three numbers, got 5"),
    ("abc", "model.thresholds must be a list of three numbers, got 'abc'"),
    ([1, 2, "x"], "model.thresholds must be a list of three numbers, got [1, 2, 'x']"),
    ([1, 2], "model.thresholds must be a list of three numbers, got [1, 2]"),
])
def test_a_triple_must_be_three_numbers(raw: object, message: str) -> None:
    with pytest.raises(ModelError) as err:
        Params.from_mapping({"thresholds": raw})
    assert str(err.value) == message


def test_a_triple_may_be_given_as_a_tuple() -> None:
    assert Params.from_mapping({"reciprocity": (20, 40, 60)}).reciprocity == (20.0, 40.0, 60.0)
