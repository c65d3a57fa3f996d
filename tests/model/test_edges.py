"""The guards at the edges of the model's public functions: what they refuse, and what they
leave untouched."""

from __future__ import annotations

import pytest

from game.model import (
    Explanation,
    ModelError,
    Params,
    PartnerState,
    ask,
    disclose,
    leave_unanswered,
    readiness,
    respond,
)
from game.model.draft import Draft

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


@pytest.mark.parametrize(("value", "kept"), [(0, 0.0), (100, 100.0), (33.333, 33.33),
                                             (66.666, 66.67)])
def test_a_saved_meter_anywhere_in_range_is_kept_to_two_places(value: float,
                                                               kept: float) -> None:
    state = PartnerState.from_json({"trust": value, "defence": value})
    assert (state.trust, state.defence) == (kept, kept)


@pytest.mark.parametrize("value", [-0.01, 100.01, True, "50", None])
def test_a_saved_meter_out_of_range_is_refused(value: object) -> None:
    with pytest.raises(ModelError, match="'trust' must be a number in 0-100"):
        PartnerState.from_json({"trust": value, "defence": 50})


@pytest.mark.parametrize(("key", "value", "ok"), [
    ("reached", 3, True), ("reached", 4, False), ("reached", True, False),
    ("reached", 0, True), ("reached", -1, False), ("reached", 1.0, False),
    ("moves", 1_000_000, True), ("moves", 1_000_001, False), ("moves", False, False),
])
def test_saved_layers_and_counts_have_their_ranges(key: str, value: object, ok: bool) -> None:
    data = {"trust": 50, "defence": 50, key: value}
    if ok:
        assert getattr(PartnerState.from_json(data), key) == value
    else:
        with pytest.raises(ModelError, match=f"'{key}' must be"):
            PartnerState.from_json(data)


@pytest.mark.parametrize("move", ["disclose", "small_talk", "ask", "respond"])
def test_any_move_after_a_rupture_changes_nothing_and_says_so(move: str) -> None:
    state = PartnerState(40.0, 95.0, ruptured=True, pending=1)
    layer = 0 if move == "small_talk" else 2
    if move in ("disclose", "small_talk"):
        after, why = disclose(state, layer=layer, emotional=True, topic="t", params=P,
                              noise=0.0)
    elif move == "ask":
        after, why = ask(state, layer=layer, topic="t", params=P)
    else:
        after, why = respond(state, response="supportive", layer=layer, params=P)
    assert after is state
    topic = None if move == "respond" else "t"
    assert why == Explanation(move, "ruptured", layer, None, (), 0, True, topic)


@pytest.mark.parametrize(("change", "message"), [
    ({"thresholds": (1.0, 2.0)},
     "model.thresholds must be a list of three numbers, got (1.0, 2.0)"),
    ({"thresholds": (1.0, 2.0, "x")},
     "model.thresholds must be a list of three numbers, got (1.0, 2.0, 'x')"),
    ({"withdraw_moves": 2.5}, "model.withdraw_moves must be a whole number, got 2.5"),
    ({"withdraw_moves": True}, "model.withdraw_moves must be a whole number, got True"),
    ({"withdraw_moves": 21}, "model.withdraw_moves must be within 0 to 20, got 21"),
    ({"reciprocity": (30.0, 50.0, 100.5)},
     "model.reciprocity must be within 0 to 100, got (30.0, 50.0, 100.5)"),
    ({"noise": float("nan")}, "model.noise must be within 0 to 50, got nan"),
])
def test_params_refuse_a_wrong_shape_or_range_naming_it(change: dict[str, object],
                                                        message: str) -> None:
    with pytest.raises(ModelError) as err:
        Params(**change)  # type: ignore[arg-type]
    assert str(err.value) == message
    assert err.value.key == next(iter(change))


@pytest.mark.parametrize("method", ["raise_trust", "lower_trust", "raise_defence",
                                    "lower_defence"])
def test_every_meter_change_is_kept_to_two_places(method: str) -> None:
    draft = Draft(PartnerState(47.77, 47.77))
    getattr(draft, method)(7.0, "R-AUTHOR", "author.choice")
    meter = method.split("_")[1]
    kept = getattr(draft, meter)
    assert kept == (51.43 if method.startswith("raise") else 44.43)
    assert draft.deltas[-1].after == kept


def test_readiness_terms_are_kept_to_two_places() -> None:
    # One good exchange leaves 7/8 of the imbalance penalty: 15 x 0.875 = 13.125.
    state = PartnerState(50.0, 20.0, reached=1, opened=0, exchanges=1)
    ready = readiness(state, 2, P, 0.123)
    share = 1 - 1 / P.maturity_exchanges
    assert ready.imbalance_penalty == round(P.imbalance_penalty * share, 2)
    expected = 50.0 - 20.0 - P.thresholds[1] - ready.imbalance_penalty + 0.123
    assert ready.total == round(expected, 2) != round(expected, 3)


@pytest.mark.parametrize("layer", [0, 4, True, 2.0])
def test_readiness_is_only_for_layers_one_to_three(layer: object) -> None:
    with pytest.raises(ModelError) as err:
        readiness(PartnerState(50.0, 50.0), layer, P, 0.0)  # type: ignore[arg-type]
    assert str(err.value) == f"readiness is defined for layers 1-3, got {layer!r}"


def test_a_withdrawn_partner_does_not_reply_even_at_layer_one() -> None:
    state = PartnerState(90.0, 10.0, guard=1, guard_moves=2)
    _, why = disclose(state, layer=1, emotional=False, topic=None, params=P, noise=0.0)
    assert (why.landing, why.reciprocated) == ("supportive", 0)


def test_readiness_keeps_the_meter_gap_to_two_places() -> None:
    ready = readiness(PartnerState(50.25, 20.0), 1, P, 0.0)
    assert ready.trust_minus_defence == 30.25
    assert ready.total == round(30.25 - P.thresholds[0], 2)


def test_a_question_leaves_a_confidence_pending_unless_an_answer_was_on_offer() -> None:
    state = PartnerState(50.0, 30.0, opened=1, pending=1)
    kept, why = ask(state, layer=0, topic=None, params=P)  # no answer was on offer
    assert kept.pending == 1 and "R-UNANSWERED" not in {d.rule for d in why.deltas}
    charged, why = ask(state, layer=0, topic=None, params=P, unanswered=True)
    assert charged.pending == 0 and "R-UNANSWERED" in {d.rule for d in why.deltas}
