"""One test per rule of DESIGN section 5, with exact numbers (noise 0 unless stated)."""

from __future__ import annotations

import pytest

from game.model import (
    Explanation,
    ModelError,
    Params,
    PartnerState,
    ask,
    disclose,
    meets_deepened,
    readiness,
    respond,
    verdict,
)

P = Params()


def tell(
    state: PartnerState,
    layer: int,
    *,
    emotional: bool = False,
    topic: str | None = "work",
    params: Params = P,
    noise: float = 0.0,
) -> tuple[PartnerState, Explanation]:
    return disclose(
        state, layer=layer, emotional=emotional, topic=topic, params=params, noise=noise
    )


def rules_of(explanation: Explanation) -> list[tuple[str, str, float, float]]:
    return [(d.rule, d.meter, d.before, d.after) for d in explanation.deltas]


# R-SMALLTALK


def test_small_talk_adds_trust_below_the_ceiling() -> None:
    state, why = tell(PartnerState(20.0, 30.0), 0)
    assert state == PartnerState(24.0, 30.0)
    assert (why.move, why.landing, why.readiness) == ("small_talk", "supportive", None)
    assert rules_of(why) == [("R-SMALLTALK", "trust", 20.0, 24.0)]


def test_small_talk_stops_at_the_ceiling_and_adds_no_topic() -> None:
    start = PartnerState(35.0, 30.0)
    state, why = tell(start, 0, topic="weather")
    assert state == start
    assert rules_of(why) == [("R-SMALLTALK", "trust", 35.0, 35.0)]
    assert why.deltas[0].reason_key == "smalltalk.ceiling"


def test_small_talk_question_is_always_welcome() -> None:
    state, why = ask(PartnerState(20.0, 80.0), layer=0, topic=None, params=P)
    assert state == PartnerState(24.0, 80.0)
    assert (why.move, why.landing, why.reciprocated) == ("ask", "welcome", 0)


# Readiness


def test_readiness_terms_for_a_first_core_secret() -> None:
    ready = readiness(PartnerState(50.0, 30.0), 3, P, 4.5)
    assert ready.trust_minus_defence == 20.0
    assert ready.threshold == 15.0
    assert (ready.skip, ready.skip_penalty) == (2, 60.0)
    assert (ready.imbalance, ready.imbalance_penalty) == (2, 20.0)
    assert ready.noise == 4.5
    assert ready.total == -70.5


def test_readiness_is_undefined_for_small_talk() -> None:
    with pytest.raises(ModelError, match="layers 1-3"):
        readiness(PartnerState(50.0, 30.0), 0, P, 0.0)


# R-SUPPORT


def test_supportive_layer_one_from_fifty_thirty() -> None:
    state, why = tell(PartnerState(50.0, 30.0), 1)
    assert (state.trust, state.defence, state.reached) == (55.0, 27.6, 1)
    assert state.topics == frozenset({"work"})
    assert why.readiness is not None and why.readiness.total == 65.0
    assert rules_of(why)[:4] == [
        ("R-SUPPORT", "trust", 50.0, 55.0),
        ("R-SUPPORT", "defence", 30.0, 27.6),
        ("R-SUPPORT", "reached", 0, 1),
        ("R-SUPPORT", "topics", 0, 1),
    ]


def test_supportive_without_reciprocity_when_trust_is_low() -> None:
    state, why = tell(PartnerState(20.0, 10.0), 1)
    assert state == PartnerState(28.0, 9.2, 1, 0, frozenset({"work"}))
    assert (why.landing, why.reciprocated) == ("supportive", 0)


def test_emotional_weight_applies_from_layer_two() -> None:
    start = PartnerState(60.0, 25.0, reached=1, opened=1)
    felt, why = tell(start, 2, emotional=True)
    plain, _ = tell(start, 2, emotional=False)
    assert (felt.trust, felt.defence) == (72.0, 19.0)
    assert (plain.trust, plain.defence) == (68.0, 21.0)
    assert why.deltas[0].reason_key == "support.trust.emotional"


def test_emotional_weight_does_not_apply_at_layer_one() -> None:
    felt, _ = tell(PartnerState(50.0, 30.0), 1, emotional=True)
    assert (felt.trust, felt.defence) == (55.0, 27.6)


def test_a_known_topic_is_not_counted_twice() -> None:
    start = PartnerState(50.0, 30.0, 1, 1, frozenset({"work"}))
    state, why = tell(start, 1)
    assert state.topics == frozenset({"work"})
    assert "topics" not in [d.meter for d in why.deltas]


# R-NEUTRAL and the landing boundaries


def test_readiness_exactly_zero_is_supportive() -> None:
    _, why = tell(PartnerState(30.0, 45.0, 1, 1), 2)
    assert why.readiness is not None and why.readiness.total == 0.0
    assert why.landing in ("supportive", "reciprocated")


def test_neutral_adds_a_little_trust_only() -> None:
    state, why = tell(PartnerState(30.0, 50.0, 1, 1), 2)
    assert why.landing == "neutral"
    assert state == PartnerState(31.4, 50.0, 1, 1)
    assert rules_of(why) == [("R-NEUTRAL", "trust", 30.0, 31.4)]


def test_readiness_at_minus_band_is_still_neutral() -> None:
    _, edge = tell(PartnerState(30.0, 65.0, 1, 1), 2)
    _, below = tell(PartnerState(30.0, 65.01, 1, 1), 2)
    assert (edge.landing, below.landing) == ("neutral", "judgemental")


# R-JUDGE and R-DEPENETRATE


def test_judgemental_costs_trust_and_closes_a_layer() -> None:
    state, why = tell(PartnerState(30.0, 70.0, 1, 1), 2)
    assert why.landing == "judgemental"
    assert (state.trust, state.defence, state.reached) == (22.8, 77.2, 0)
    assert state.topics == frozenset()
    assert rules_of(why) == [
        ("R-JUDGE", "trust", 30.0, 22.8),
        ("R-JUDGE", "defence", 70.0, 77.2),
        ("R-DEPENETRATE", "reached", 1, 0),
    ]


# R-PREMATURE


def test_core_secret_on_the_first_turn() -> None:
    state, why = tell(PartnerState(50.0, 30.0), 3, emotional=True)
    assert why.landing == "judgemental"
    assert state == PartnerState(32.0, 68.64)
    assert rules_of(why) == [
        ("R-JUDGE", "trust", 50.0, 32.0),
        ("R-JUDGE", "defence", 30.0, 55.2),
        ("R-PREMATURE", "defence", 55.2, 68.64),
    ]


def test_premature_applies_even_when_supportive() -> None:
    state, why = tell(PartnerState(90.0, 10.0, reached=0, opened=1), 2)
    assert why.readiness is not None and why.readiness.total == 65.0
    assert (state.trust, state.defence, state.reached) == (92.0, 22.14, 2)
    assert ("R-PREMATURE", "defence", 8.4, 22.14) in rules_of(why)


# R-RECIPROCITY


def test_partner_reciprocates_at_the_next_layer_only() -> None:
    state, why = tell(PartnerState(80.0, 10.0, reached=2, opened=0), 3)
    assert why.readiness is not None and why.readiness.total == 35.0
    assert (why.landing, why.reciprocated) == ("reciprocated", 1)
    assert (state.trust, state.defence, state.reached) == (86.0, 7.6, 3)
    assert (state.opened, state.pending) == (1, 1)
    assert rules_of(why)[-2:] == [
        ("R-RECIPROCITY", "opened", 0, 1),
        ("R-RECIPROCITY", "pending", 0, 1),
    ]


def test_reciprocity_needs_trust_above_phi() -> None:
    state, why = tell(PartnerState(35.0, 0.0, reached=1, opened=1), 2)
    assert state.trust == 48.0  # below phi[2] = 50
    assert (why.landing, state.opened, state.pending) == ("supportive", 1, 0)


def test_no_reciprocity_from_a_partner_who_just_broke_off() -> None:
    params = Params(premature_defence=95.0)
    state, why = tell(PartnerState(100.0, 0.0, reached=0, opened=2), 3, params=params)
    assert why.readiness is not None and why.readiness.total >= 0
    assert state.ruptured and why.ruptured
    assert (why.landing, why.reciprocated, state.opened) == ("supportive", 0, 2)
    assert why.deltas[-1].rule == "R-RUPTURE"


# R-PROBE-WELCOME and R-PROBE-INTRUSION


def test_welcome_question_opens_the_partner() -> None:
    state, why = ask(PartnerState(60.0, 20.0, 2, 1), layer=2, topic="family", params=P)
    assert (why.landing, why.reciprocated, why.topic) == ("welcome", 2, "family")
    assert state == PartnerState(61.2, 20.0, 2, 2, frozenset(), 2)
    assert rules_of(why)[0] == ("R-PROBE-WELCOME", "trust", 60.0, 61.2)


def test_early_core_question_intrudes() -> None:
    state, why = ask(PartnerState(50.0, 30.0), layer=3, topic=None, params=P)
    assert why.landing == "intrusion"
    assert state == PartnerState(42.5, 58.0)
    assert rules_of(why) == [
        ("R-PROBE-INTRUSION", "defence", 30.0, 58.0),
        ("R-PROBE-INTRUSION", "trust", 50.0, 42.5),
    ]
    assert why.deltas[0].reason_key == "probe.too_deep"


@pytest.mark.parametrize(
    ("start", "layer", "reason", "after"),
    [
        (PartnerState(50.0, 30.0, 0, 1), 1, "probe.not_earned", (47.5, 37.0)),
        (PartnerState(40.0, 20.0, 2, 1), 2, "probe.low_trust", (36.0, 28.0)),
    ],
)
def test_intrusion_reasons(
    start: PartnerState, layer: int, reason: str, after: tuple[float, float]
) -> None:
    state, why = ask(start, layer=layer, topic=None, params=P)
    assert why.landing == "intrusion"
    assert (state.trust, state.defence) == after
    assert {d.reason_key for d in why.deltas} == {reason}


# R-RESPOND


@pytest.mark.parametrize(
    ("response", "trust", "defence"),
    [
        ("supportive", 58.0, 27.0),
        ("neutral", 50.0, 30.0),
        ("dismissive", 42.0, 37.0),
        ("judgemental", 34.0, 44.0),
    ],
)
def test_responses_to_a_pending_layer_two(response: str, trust: float, defence: float) -> None:
    start = PartnerState(50.0, 30.0, 2, 2, frozenset(), pending=2)
    state, why = respond(start, response=response, layer=0, params=P)
    assert (state.trust, state.defence, state.pending) == (trust, defence, 0)
    assert (why.move, why.landing, why.layer) == ("respond", response, 2)
    assert {d.rule for d in why.deltas} == {"R-RESPOND"}
    assert why.deltas[-1] == ("pending", 2, 0, "R-RESPOND", "answered")


def test_explicit_layer_overrides_pending() -> None:
    start = PartnerState(50.0, 30.0, pending=2)
    state, why = respond(start, response="supportive", layer=1, params=P)
    assert (state.trust, state.defence, why.layer) == (54.0, 28.5, 1)


def test_response_with_nothing_pending_weighs_as_layer_one() -> None:
    state, why = respond(PartnerState(50.0, 30.0), response="dismissive", layer=0, params=P)
    assert (state.trust, state.defence, why.layer) == (46.0, 33.5, 1)
    assert "pending" not in [d.meter for d in why.deltas]


def test_neutral_response_is_a_recorded_no_change() -> None:
    _, why = respond(PartnerState(50.0, 30.0), response="neutral", layer=1, params=P)
    assert rules_of(why) == [("R-RESPOND", "trust", 50.0, 50.0)]


def test_unknown_response_and_layer_are_refused() -> None:
    with pytest.raises(ModelError, match="'rude'"):
        respond(PartnerState(50.0, 30.0), response="rude", layer=1, params=P)
    with pytest.raises(ModelError, match="layer must be 0, 1, 2 or 3; got 4"):
        tell(PartnerState(50.0, 30.0), 4)
    with pytest.raises(ModelError, match="got -1"):
        ask(PartnerState(50.0, 30.0), layer=-1, topic=None, params=P)
    with pytest.raises(ModelError, match=r"got 1\.0"):
        respond(PartnerState(50.0, 30.0), response="neutral", layer=1.0, params=P)  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="got True"):
        readiness(PartnerState(50.0, 30.0), True, P, 0.0)


# R-RUPTURE


def test_rupture_when_trust_falls_to_the_floor() -> None:
    state, why = respond(PartnerState(11.0, 30.0), response="judgemental", layer=1, params=P)
    assert state.trust == 9.24
    assert state.ruptured and why.ruptured
    assert why.deltas[-1] == ("ruptured", 0, 1, "R-RUPTURE", "rupture.trust")
    assert verdict(state, P) == "ruptured"


def test_rupture_when_defence_reaches_the_ceiling() -> None:
    state, why = ask(PartnerState(50.0, 85.0), layer=3, topic=None, params=P)
    assert state.defence == 91.0
    assert why.deltas[-1].reason_key == "rupture.defence"


def test_rupture_is_final() -> None:
    broken = PartnerState(9.0, 50.0, 2, 2, frozenset({"a"}), 2, True)
    moves = [
        tell(broken, 0),
        tell(broken, 2, emotional=True),
        ask(broken, layer=1, topic=None, params=P),
        respond(broken, response="supportive", layer=0, params=P),
    ]
    for state, why in moves:
        assert state is broken
        assert (why.landing, why.ruptured, why.deltas) == ("ruptured", True, ())
    assert "already" in moves[0][1].sentences("Sam")[0]


# Verdict


def test_verdict_categories() -> None:
    deep = PartnerState(70.0, 35.0, 2, 2, frozenset({"a", "b", "c"}))
    assert meets_deepened(deep, P) and verdict(deep, P) == "deepened"
    narrow = PartnerState(70.0, 35.0, 2, 2, frozenset({"a", "b"}))
    assert verdict(narrow, P) == "acquaintance"
    one_sided = PartnerState(90.0, 5.0, 3, 1, frozenset({"a", "b", "c"}))
    assert verdict(one_sided, P) == "acquaintance"
    guarded = PartnerState(70.0, 35.01, 2, 2, frozenset({"a", "b", "c"}))
    assert verdict(guarded, P) == "acquaintance"


def test_small_talk_alone_never_deepens() -> None:
    state = PartnerState(20.0, 20.0)
    for _ in range(200):
        state, _ = tell(state, 0)
    assert state.trust < P.small_talk_ceiling + P.small_talk_gain
    assert verdict(state, P) == "acquaintance"
