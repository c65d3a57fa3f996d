"""Readiness (R-READINESS): how ready a partner is for a disclosure at a layer, the terms
`m` is built from, and the landing a total gives. docs/model.md section 3 gives the formula
and its sources."""

from __future__ import annotations

from game.errors import ModelError
from game.model.draft import Partner
from game.model.explain import Readiness, build_readiness
from game.model.fairmath import rounded
from game.model.params import Params


def maturity(state: Partner, params: Params) -> float:
    """The share of the imbalance penalty that still applies: 1 at the start, easing
    linearly to `maturity_floor` after `maturity_exchanges` good exchanges."""
    return eased(state, params, params.maturity_floor)


def eased(state: Partner, params: Params, floor: float) -> float:
    """1 at the start, easing linearly with good exchanges (1/`maturity_exchanges` each) to
    `floor`: how much of a cost a relationship still feels as it matures (maturity here, the
    cushion of R-CUSHION in rules.py)."""
    share = 1.0 - state.exchanges / params.maturity_exchanges
    return share if share > floor else floor


def unfamiliar(state: Partner, layer: int, topic: str | None) -> int:
    """1 when a layer 2+ disclosure's topic was never received well at the layer above."""
    if layer < 2 or topic is None:
        return 0
    depths = state.depths
    if not depths:  # nothing received well yet (early in every run): no strings to build
        return 1
    for j in range(layer - 1, 4):
        if f"{topic}@{j}" in depths:
            return 0
    return 1


def readiness(state: Partner, layer: int, params: Params, noise: float,
              topic: str | None = None, invited: bool = False) -> Readiness:
    """The terms of `m` for a disclosure at `layer` (1-3); small talk has no readiness.
    `invited`: it answers a question the partner asked, who set the depth, so no layer
    counts as skipped and it cannot run ahead of them (R-INVITED)."""
    # `type(...) is int` also refuses bools and floats, which would index tuples wrongly later.
    if type(layer) is not int or not 1 <= layer <= 3:
        raise ModelError(f"readiness is defined for layers 1-3, got {layer!r}")
    # Conditional expressions rather than max(0, ...): two builtin calls fewer per disclosure.
    # Layers skipped past the deepest of the player's received well; none at all when the
    # disclosure goes no deeper than the partner's own deepest, since matching what they
    # shared is the exchange's norm, not a leap (Chaikin & Derlega 1974a).
    skip = layer - state.reached - 1 if layer > state.opened else 0
    skip = skip if skip > 0 and not invited else 0
    imbalance = layer - state.opened - 1
    imbalance = imbalance if imbalance > 0 and not invited else 0
    gap = state.trust - state.defence
    threshold = params.thresholds[layer - 1]
    skip_penalty = params.skip_penalty * skip
    # With nothing to penalise the terms are 0.0, what working them out would give.
    imbalance_penalty = rounded(params.imbalance_penalty * imbalance * maturity(state, params),
                                2) if imbalance else 0.0
    odd = unfamiliar(state, layer, topic) if layer >= 2 else 0
    topic_penalty = params.topic_penalty * odd
    # Rounding the total stops float dust (15.000000000000002) flipping a landing at m = 0;
    # round() is monotone, so the theory's monotonicity survives it.
    total = rounded(gap - threshold - skip_penalty - imbalance_penalty - topic_penalty + noise, 2)
    return build_readiness(rounded(gap, 2), threshold, skip, skip_penalty, imbalance,
                           imbalance_penalty, noise, total, odd, topic_penalty)


def classify(total: float, params: Params) -> str:
    """The landing a readiness total gives: "supportive", "neutral" or "judgemental"."""
    if total >= 0.0:
        return "supportive"
    if total >= -params.neutral_band:
        return "neutral"
    return "judgemental"
