"""The v1 relationship model (DESIGN section 5): how each move changes a partner's state.

Every public function is pure: it takes an immutable `PartnerState` and returns a new one with
an `Explanation` of each change. See docs/model.md for the rules, their ids and their sources.
"""

from __future__ import annotations

from game.errors import ModelError
from game.model.explain import (
    Delta,
    Explanation,
    Readiness,
    build_explanation,
    build_readiness,
)
from game.model.fairmath import fair_add, fair_sub
from game.model.params import Params
from game.model.state import PartnerState, build_state

RESPONSES = ("supportive", "neutral", "dismissive", "judgemental")
"""The four ways the player can answer a partner's disclosure."""

# Builds a Delta without the named tuple's Python-level __new__: half the cost, same object.
_delta = tuple.__new__


class _Draft:
    """The state being built during one move, logging each change as it is made.

    Local and short-lived, so mutation here never leaks: callers only see the frozen result.
    """

    __slots__ = ("defence", "deltas", "opened", "pending", "reached", "ruptured", "topics", "trust")

    def __init__(self, state: PartnerState) -> None:
        self.trust = state.trust
        self.defence = state.defence
        self.reached = state.reached
        self.opened = state.opened
        self.topics = state.topics
        self.pending = state.pending
        self.ruptured = state.ruptured
        self.deltas: list[Delta] = []

    def raise_trust(self, p: float, rule: str, key: str) -> None:
        before = self.trust
        # Two decimals keep saves and transcripts short and identical across platforms.
        self.trust = round(fair_add(before, p), 2)
        self.deltas.append(_delta(Delta, ("trust", before, self.trust, rule, key)))

    def lower_trust(self, p: float, rule: str, key: str) -> None:
        before = self.trust
        self.trust = round(fair_sub(before, p), 2)
        self.deltas.append(_delta(Delta, ("trust", before, self.trust, rule, key)))

    def raise_defence(self, p: float, rule: str, key: str) -> None:
        before = self.defence
        self.defence = round(fair_add(before, p), 2)
        self.deltas.append(_delta(Delta, ("defence", before, self.defence, rule, key)))

    def lower_defence(self, p: float, rule: str, key: str) -> None:
        before = self.defence
        self.defence = round(fair_sub(before, p), 2)
        self.deltas.append(_delta(Delta, ("defence", before, self.defence, rule, key)))

    def partner_discloses(self, layer: int, rule: str) -> None:
        if layer > self.opened:
            self.deltas.append(Delta("opened", self.opened, layer, rule, "opened"))
            self.opened = layer
        self.deltas.append(Delta("pending", self.pending, layer, rule, "pending"))
        self.pending = layer

    def check_rupture(self, params: Params) -> None:
        if self.trust <= params.rupture_trust:
            key = "rupture.trust"
        elif self.defence >= params.rupture_defence:
            key = "rupture.defence"
        else:
            return
        self.ruptured = True
        self.deltas.append(Delta("ruptured", 0, 1, "R-RUPTURE", key))

    def explain(
        self,
        move: str,
        landing: str,
        layer: int,
        ready: Readiness | None,
        reply: int,
        topic: str | None,
    ) -> tuple[PartnerState, Explanation]:
        state = build_state(
            self.trust, self.defence, self.reached, self.opened,
            self.topics, self.pending, self.ruptured,
        )  # fmt: skip
        deltas = tuple(self.deltas)
        explanation = build_explanation(
            move, landing, layer, ready, deltas, reply, self.ruptured, topic
        )
        return state, explanation


def readiness(state: PartnerState, layer: int, params: Params, noise: float) -> Readiness:
    """The terms of `m` for a disclosure at `layer` (1-3); small talk has no readiness."""
    # `type(...) is int` also refuses bools and floats, which would index tuples wrongly later.
    if type(layer) is not int or not 1 <= layer <= 3:
        raise ModelError(f"readiness is defined for layers 1-3, got {layer!r}")
    skip = layer - state.reached - 1
    skip = skip if skip > 0 else 0
    imbalance = layer - state.opened - 1
    imbalance = imbalance if imbalance > 0 else 0
    gap = state.trust - state.defence
    threshold = params.thresholds[layer - 1]
    skip_penalty = params.skip_penalty * skip
    imbalance_penalty = params.imbalance_penalty * imbalance
    # Rounding the total stops float dust (15.000000000000002) flipping a landing at m = 0;
    # round() is monotone, so the theory's monotonicity survives it.
    total = round(gap - threshold - skip_penalty - imbalance_penalty + noise, 2)
    return build_readiness(
        round(gap, 2), threshold, skip, skip_penalty, imbalance, imbalance_penalty, noise, total
    )


def classify(total: float, params: Params) -> str:
    """The landing a readiness total gives: "supportive", "neutral" or "judgemental"."""
    if total >= 0.0:
        return "supportive"
    if total >= -params.neutral_band:
        return "neutral"
    return "judgemental"


def disclose(
    state: PartnerState,
    *,
    layer: int,
    emotional: bool,
    topic: str | None,
    params: Params,
    noise: float,
) -> tuple[PartnerState, Explanation]:
    """The player shares something at `layer` (0 = small talk) about `topic`."""
    _check_layer(layer)
    move = "disclose" if layer else "small_talk"
    if state.ruptured:
        return state, _already_broken(move, layer, topic)
    draft = _Draft(state)
    if layer == 0:
        _small_talk(draft, params)
        draft.check_rupture(params)
        return draft.explain(move, "supportive", 0, None, 0, topic)
    ready = readiness(state, layer, params, noise)
    landing = classify(ready.total, params)
    if landing == "supportive":
        _support(draft, layer, emotional, topic, params)
    elif landing == "neutral":
        draft.raise_trust(params.neutral_trust, "R-NEUTRAL", "neutral.trust")
    else:
        _judge(draft, layer, params)
    if ready.skip:
        draft.raise_defence(params.premature_defence * ready.skip, "R-PREMATURE", "premature")
    draft.check_rupture(params)
    reply = 0
    # A partner who has just broken off does not confide; otherwise trust decides.
    if landing == "supportive" and not draft.ruptured:
        reply = _reciprocate(draft, layer, params)
    return draft.explain(move, "reciprocated" if reply else landing, layer, ready, reply, topic)


def ask(
    state: PartnerState, *, layer: int, topic: str | None, params: Params
) -> tuple[PartnerState, Explanation]:
    """The player asks the partner to share at `layer` (0 = everyday questions)."""
    _check_layer(layer)
    if state.ruptured:
        return state, _already_broken("ask", layer, topic)
    draft = _Draft(state)
    landing = "welcome"
    reply = 0
    if layer == 0:
        _small_talk(draft, params)
    else:
        refusal = _probe_refusal(state, layer, params)
        if refusal is None:
            draft.raise_trust(params.probe_welcome_trust, "R-PROBE-WELCOME", "probe.welcome")
            draft.partner_discloses(layer, "R-PROBE-WELCOME")
            reply = layer
        else:
            landing = "intrusion"
            beyond = max(0, layer - state.opened - 1)
            push = params.probe_base + params.probe_step * beyond
            draft.raise_defence(push, "R-PROBE-INTRUSION", refusal)
            draft.lower_trust(params.probe_trust * layer, "R-PROBE-INTRUSION", refusal)
    draft.check_rupture(params)
    return draft.explain("ask", landing, layer, None, reply, topic)


def respond(
    state: PartnerState, *, response: str, layer: int, params: Params
) -> tuple[PartnerState, Explanation]:
    """The player answers the partner's disclosure at `layer` (0 = the pending one)."""
    if response not in RESPONSES:
        raise ModelError(f"response must be one of {', '.join(RESPONSES)}; got {response!r}")
    _check_layer(layer)
    if state.ruptured:
        return state, _already_broken("respond", layer, None)
    weight = layer if layer > 0 else max(state.pending, 1)
    draft = _Draft(state)
    key = "respond." + response
    if response == "supportive":
        draft.raise_trust(params.respond_trust * weight, "R-RESPOND", key)
        draft.lower_defence(params.respond_defence * weight, "R-RESPOND", key)
    elif response == "neutral":
        # Recorded so the facilitator sees that a flat answer was noticed and cost nothing.
        draft.deltas.append(Delta("trust", state.trust, state.trust, "R-RESPOND", key))
    else:
        # Judging a confidence hurts more than ignoring it: double the dismissive amounts.
        factor = 2.0 if response == "judgemental" else 1.0
        draft.lower_trust(params.respond_trust * weight * factor, "R-RESPOND", key)
        draft.raise_defence(params.respond_defence * weight * factor, "R-RESPOND", key)
    if draft.pending:
        draft.deltas.append(Delta("pending", draft.pending, 0, "R-RESPOND", "answered"))
        draft.pending = 0
    draft.check_rupture(params)
    return draft.explain("respond", response, weight, None, 0, None)


def meets_deepened(state: PartnerState, params: Params) -> bool:
    """Depth, breadth and mutuality all met, with high trust and a lowered guard."""
    return (
        not state.ruptured
        and state.trust >= params.deepen_trust
        and state.defence <= params.deepen_defence
        and state.reached >= params.deepen_layer
        and state.opened >= params.deepen_layer
        and len(state.topics) >= params.deepen_topics
    )


def verdict(state: PartnerState, params: Params) -> str:
    """The outcome category now: "ruptured", "deepened" or "acquaintance"."""
    if state.ruptured:
        return "ruptured"
    return "deepened" if meets_deepened(state, params) else "acquaintance"


def _check_layer(layer: int) -> None:
    if type(layer) is not int or not 0 <= layer <= 3:
        raise ModelError(f"layer must be 0, 1, 2 or 3; got {layer!r}")


def _already_broken(move: str, layer: int, topic: str | None) -> Explanation:
    return Explanation(move, "ruptured", layer, None, (), 0, True, topic)


def _small_talk(draft: _Draft, params: Params) -> None:
    if draft.trust < params.small_talk_ceiling:
        draft.raise_trust(params.small_talk_gain, "R-SMALLTALK", "smalltalk.gain")
    else:
        trust = draft.trust
        draft.deltas.append(Delta("trust", trust, trust, "R-SMALLTALK", "smalltalk.ceiling"))


def _support(draft: _Draft, layer: int, emotional: bool, topic: str | None, params: Params) -> None:
    # Feelings weigh more than facts, but only once the talk is past the peripheral layer.
    felt = emotional and layer >= 2
    weight = layer * (params.emotional_weight if felt else 1.0)
    suffix = ".emotional" if felt else ""
    draft.raise_trust(params.support_trust * weight, "R-SUPPORT", "support.trust" + suffix)
    draft.lower_defence(params.support_defence * weight, "R-SUPPORT", "support.defence" + suffix)
    if layer > draft.reached:
        draft.deltas.append(Delta("reached", draft.reached, layer, "R-SUPPORT", "reached"))
        draft.reached = layer
    if topic is not None and topic not in draft.topics:
        count = len(draft.topics)
        draft.topics = draft.topics | {topic}
        draft.deltas.append(Delta("topics", count, count + 1, "R-SUPPORT", "topic"))


def _judge(draft: _Draft, layer: int, params: Params) -> None:
    draft.lower_trust(params.judge_trust * layer, "R-JUDGE", "judge.trust")
    draft.raise_defence(params.judge_defence * layer, "R-JUDGE", "judge.defence")
    if draft.reached > 0:
        before = draft.reached
        draft.reached = before - 1
        draft.deltas.append(Delta("reached", before, before - 1, "R-DEPENETRATE", "depenetrate"))


def _reciprocate(draft: _Draft, layer: int, params: Params) -> int:
    # The partner matches the player's depth, but never jumps more than one layer past
    # what they have already shared themselves.
    reply = min(layer, draft.opened + 1)
    if reply >= 1 and draft.trust >= params.reciprocity[reply - 1]:
        draft.partner_discloses(reply, "R-RECIPROCITY")
        return reply
    return 0


def _probe_refusal(state: PartnerState, layer: int, params: Params) -> str | None:
    """Why a question at `layer` would intrude (a reason key), or None if it is welcome."""
    if layer > state.opened + 1:
        return "probe.too_deep"
    if layer > state.reached:
        return "probe.not_earned"
    if state.trust < params.reciprocity[layer - 1]:
        return "probe.low_trust"
    return None
