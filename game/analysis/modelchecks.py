"""Direct checks of the relationship model with one story's parameters (predictions 4, 5, 8).

The disclosure function is a parameter so tests can hand in a deliberately broken model
and watch the checks fail.
"""

from __future__ import annotations

from typing import Protocol

from game.model import Explanation, Params, PartnerState, ask, disclose, respond
from game.story.compiled import CompiledStory

SUPPORTED = ("supportive", "reciprocated")
METER_GRID = tuple(range(0, 101, 20))
NOISE_POINTS = 11
GRADUAL_TURNS = 4


class DiscloseFn(Protocol):
    def __call__(self, state: PartnerState, *, layer: int, emotional: bool, topic: str | None,
                 params: Params, noise: float) -> tuple[PartnerState, Explanation]: ...


def noise_grid(params: Params) -> tuple[float, ...]:
    """Evenly spaced noise values over [-amplitude, amplitude] (just 0 when there is none)."""
    a = params.noise
    if a <= 0:
        return (0.0,)
    return tuple(round(-a + 2 * a * i / (NOISE_POINTS - 1), 3) for i in range(NOISE_POINTS))


def p_supportive(state: PartnerState, layer: int, params: Params,
                 fn: DiscloseFn = disclose, topic: str | None = None) -> float:
    """The share of the noise range in which a disclosure at `layer` is received well."""
    grid = noise_grid(params)
    hits = 0
    for noise in grid:
        _, exp = fn(state, layer=layer, emotional=layer >= 2, topic=topic, params=params,
                    noise=noise)
        hits += exp.landing in SUPPORTED
    return hits / len(grid)


def start_state(story: CompiledStory, pid: str) -> PartnerState:
    """Partner `pid` as the story starts them: its starting trust and defence."""
    p = story.meta.characters.partners[pid]
    return PartnerState(trust=p.trust, defence=p.defence)


def start_probe(story: CompiledStory) -> dict[str, tuple[float, float]]:
    """Per partner: (defence change, trust change) of a core question on the first turn."""
    out = {}
    for pid, params in story.params.items():
        s0 = start_state(story, pid)
        after, _ = ask(s0, layer=3, topic=None, params=params)
        out[pid] = (round(after.defence - s0.defence, 2), round(after.trust - s0.trust, 2))
    return out


def monotonicity_violations(story: CompiledStory,
                            fn: DiscloseFn = disclose) -> dict[str, tuple[int, int]]:
    """Per partner: (violations, comparisons) of prediction 5 over a grid of states."""
    out = {}
    for pid, params in story.params.items():
        table = {}
        for t in METER_GRID:
            for d in METER_GRID:
                for r in range(4):
                    for o in range(4):
                        state = PartnerState(trust=float(t), defence=float(d), reached=r,
                                             opened=o)
                        for k in (1, 2, 3):
                            table[t, d, r, o, k] = p_supportive(state, k, params, fn)
        out[pid] = _count_violations(table)
    return out


def _count_violations(table: dict[tuple[int, int, int, int, int], float]) -> tuple[int, int]:
    bad = compared = 0
    step = METER_GRID[1] - METER_GRID[0]
    for (t, d, r, o, k), p in table.items():
        # Each neighbour must be received at least as well as this state, with a float margin.
        better = []
        if r < 3:
            better.append(table[t, d, r + 1, o, k])  # less skipping
        if o < 3:
            better.append(table[t, d, r, o + 1, k])  # less imbalance
        if t + step <= 100:
            better.append(table[t + step, d, r, o, k])  # more trust
        if d - step >= 0:
            better.append(table[t, d - step, r, o, k])  # less defence
        compared += len(better)
        bad += sum(1 for q in better if q < p - 1e-9)
    return bad, compared


def core_after_gradual(story: CompiledStory,
                       fn: DiscloseFn = disclose) -> dict[str, tuple[float, float, int]]:
    """Per partner: P(supportive) of a core disclosure on the first turn and after four
    gradual turns, and how many of those turns were received supportively.

    A gradual turn discloses one layer past what was received (at most layer 2, so the core
    is never tried early), emotionally from layer 2, on one topic (so breadth-before-depth
    never applies), without noise; when the partner confides in return, the player answers
    supportively, as the gradual archetype does.
    """
    out = {}
    for pid, params in story.params.items():
        state = start_state(story, pid)
        first = p_supportive(state, 3, params, fn, "life")
        supported = 0
        for _ in range(GRADUAL_TURNS):
            layer = min(state.reached + 1, 2)
            state, exp = fn(state, layer=layer, emotional=layer >= 2, topic="life",
                            params=params, noise=0.0)
            supported += exp.landing in SUPPORTED
            if exp.reciprocated:
                state, _ = respond(state, response="supportive", layer=0, params=params)
        out[pid] = (first, p_supportive(state, 3, params, fn, "life"), supported)
    return out
