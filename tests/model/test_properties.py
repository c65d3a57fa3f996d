"""Hypothesis properties: the theory-conformance claims of DESIGN section 6 (5 and 9)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from game.model import (
    RESPONSES,
    RULES,
    Explanation,
    Params,
    PartnerState,
    ask,
    classify,
    disclose,
    readiness,
    respond,
)
from game.model.params import BY_NAME

# Enough topics that a run can pass four and more: counts are not layers (a past bug).
TOPICS = [None, "work", "music", "family", "health", "fears", "money", "faith", "home"]
meters = st.floats(min_value=0.0, max_value=100.0).map(lambda x: round(x, 2))
layers = st.integers(min_value=0, max_value=3)
noises = st.floats(min_value=-10.0, max_value=10.0).map(lambda x: round(x, 1))

def partner_state(**fields: object) -> PartnerState:
    # Through a function, so hypothesis fills only the fields named below and leaves v2's
    # counters at their starting values (it would invent values for every field of a
    # named tuple given directly, including impossible negative counts).
    return PartnerState(**fields)  # type: ignore[arg-type]


states = st.builds(
    partner_state,
    trust=meters,
    defence=meters,
    reached=layers,
    opened=layers,
    topics=st.frozensets(st.sampled_from(TOPICS[1:])),
    pending=layers,
    ruptured=st.booleans(),
)

def amounts(name: str) -> st.SearchStrategy[float]:
    # Any value the one parameter table allows, up to its exact bounds.
    spec = BY_NAME[name]
    return st.floats(min_value=spec.low, max_value=spec.high)


params_strategy = st.one_of(
    st.just(Params()),
    st.builds(
        Params,
        **{name: amounts(name) for name in (
            "skip_penalty", "imbalance_penalty", "support_trust", "support_defence",
            "judge_trust", "judge_defence", "premature_defence", "premature_repeat",
            "respond_trust", "respond_defence", "probe_base", "probe_step", "emotional_weight",
            "topic_penalty", "late_damping", "unanswered_trust", "followup_trust")},
    ),
)

Move = tuple[object, ...]
moves: st.SearchStrategy[Move] = st.one_of(
    st.tuples(st.just("disclose"), layers, st.booleans(), st.sampled_from(TOPICS), noises),
    st.tuples(st.just("ask"), layers, st.sampled_from(TOPICS)),
    st.tuples(st.just("respond"), st.sampled_from(RESPONSES), layers),
)


def play(state: PartnerState, move: Move, params: Params) -> tuple[PartnerState, Explanation]:
    kind = move[0]
    if kind == "disclose":
        _, layer, emotional, topic, noise = move
        assert isinstance(layer, int) and isinstance(emotional, bool)
        assert isinstance(noise, float) and (topic is None or isinstance(topic, str))
        return disclose(
            state, layer=layer, emotional=emotional, topic=topic, params=params, noise=noise
        )
    if kind == "ask":
        _, layer, topic = move
        assert isinstance(layer, int) and (topic is None or isinstance(topic, str))
        return ask(state, layer=layer, topic=topic, params=params)
    _, response, layer = move
    assert isinstance(response, str) and isinstance(layer, int)
    return respond(state, response=response, layer=layer, params=params)


def check_step(before: PartnerState, after: PartnerState, why: Explanation) -> None:
    assert 0.0 <= after.trust <= 100.0 and 0.0 <= after.defence <= 100.0
    assert round(after.trust, 2) == after.trust and round(after.defence, 2) == after.defence
    assert all(0 <= n <= 3 for n in (after.reached, after.opened, after.pending))
    if before.ruptured:
        assert after is before and why.landing == "ruptured"
    assert why.ruptured == after.ruptured
    if why.landing == "judgemental":
        assert after.reached <= before.reached
    if why.move in ("ask", "respond"):
        assert after.reached == before.reached and after.topics == before.topics
    for delta in why.deltas:
        assert delta.rule in RULES


def check_delta_chain(before: PartnerState, after: PartnerState, why: Explanation) -> None:
    """Each meter's deltas link up from the old value to the new one."""
    for meter in ("trust", "defence"):
        value = getattr(before, meter)
        for delta in why.deltas:
            if delta.meter == meter:
                assert delta.before == value
                value = delta.after
        assert value == getattr(after, meter)


@settings(max_examples=300)
@given(states, params_strategy, st.lists(moves, max_size=25))
def test_any_sequence_keeps_the_invariants(
    start: PartnerState, params: Params, sequence: list[Move]
) -> None:
    state = start
    for move in sequence:
        new, why = play(state, move, params)
        check_step(state, new, why)
        check_delta_chain(state, new, why)
        assert len(why.sentences("Kai")) == 1 + len(why.deltas)
        assert PartnerState.from_json(json.loads(json.dumps(new.to_json()))) == new
        state = new


@given(states, st.lists(moves, min_size=1, max_size=25))
def test_rupture_is_final(start: PartnerState, sequence: list[Move]) -> None:
    params = Params()
    state = start
    broken: PartnerState | None = state if state.ruptured else None
    for move in sequence:
        state, _ = play(state, move, params)
        if broken is not None:
            assert state is broken
        elif state.ruptured:
            broken = state


@given(states, moves, st.sampled_from(["Sam", "Ana Lucía", "Mx. K"]))
def test_sentences_name_the_partner(state: PartnerState, move: Move, partner: str) -> None:
    _, why = play(state, move, Params())
    sentences = why.sentences(partner)
    assert len(sentences) == 1 + len(why.deltas)
    for sentence in sentences:
        assert sentence.strip() and partner in sentence
        assert "{" not in sentence
    json.dumps(why.to_json(partner))


RANK = {"judgemental": 0, "neutral": 1, "supportive": 2, "reciprocated": 2}


def landing_rank(state: PartnerState, layer: int, noise: float) -> int:
    _, why = disclose(state, layer=layer, emotional=False, topic=None, params=Params(), noise=noise)
    return RANK[why.landing]


unbroken = states.map(
    lambda s: PartnerState(s.trust, s.defence, s.reached, s.opened, s.topics, s.pending)
)
deep_layers = st.integers(min_value=1, max_value=3)


@given(unbroken, deep_layers, noises, st.integers(min_value=0, max_value=3))
def test_skipping_never_helps(state: PartnerState, layer: int, noise: float, less: int) -> None:
    # Lowering `reached` can only raise skip.
    fewer = PartnerState(state.trust, state.defence, max(0, state.reached - less), state.opened)
    assert landing_rank(fewer, layer, noise) <= landing_rank(state, layer, noise)


@given(unbroken, deep_layers, noises, st.integers(min_value=0, max_value=3))
def test_imbalance_never_helps(state: PartnerState, layer: int, noise: float, less: int) -> None:
    # Lowering `opened` can only raise imbalance.
    fewer = PartnerState(state.trust, state.defence, state.reached, max(0, state.opened - less))
    assert landing_rank(fewer, layer, noise) <= landing_rank(state, layer, noise)


@given(unbroken, deep_layers, noises, meters, meters)
def test_more_trust_less_defence_never_hurts(
    state: PartnerState, layer: int, noise: float, more_trust: float, less_defence: float
) -> None:
    trust = min(100.0, state.trust + more_trust)
    defence = max(0.0, state.defence - less_defence)
    warmer = PartnerState(trust, defence, state.reached, state.opened)
    assert landing_rank(warmer, layer, noise) >= landing_rank(state, layer, noise)


@given(unbroken, deep_layers, noises)
def test_readiness_total_is_the_sum_of_its_terms(
    state: PartnerState, layer: int, noise: float
) -> None:
    ready = readiness(state, layer, Params(), noise)
    terms = (
        ready.trust_minus_defence
        - ready.threshold
        - ready.skip_penalty
        - ready.imbalance_penalty
        - ready.topic_penalty
        + ready.noise
    )
    assert abs(terms - ready.total) < 0.011
    assert classify(ready.total, Params()) in RANK
