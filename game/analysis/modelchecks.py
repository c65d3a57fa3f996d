"""Direct checks of the relationship model with one story's parameters (predictions 2, 4, 5,
8, 13, 15-18 and 21-23).

Each check plays the model's own public functions from the story's starting meters, so a
broken rule (a mutant, see mutants.py) shows up here exactly as it would in play. Where the
disclosure function is a parameter, tests hand in a deliberately broken model and watch the
check fail.
"""

from __future__ import annotations

from typing import Protocol

from game.model import (
    Explanation,
    Params,
    PartnerState,
    apologise,
    ask,
    disclose,
    meets_deepened,
    readiness,
    respond,
)
from game.story.compiled import CompiledStory

SUPPORTED = ("supportive", "reciprocated")
METER_GRID = tuple(range(0, 101, 20))
NOISE_POINTS = 11
GRADUAL_TURNS = 4
SMALL_TALK_MOVES = 20
SMALL_TALK_LIMIT = 50.0
"""Small talk alone must never lift trust above this (or the start, if higher)."""
GOOD_EXCHANGES = 8


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


def small_talk_limit(story: CompiledStory) -> dict[str, tuple[float, float]]:
    """Per partner: (start trust, trust after SMALL_TALK_MOVES small-talk moves)."""
    out = {}
    for pid, params in story.params.items():
        state = s0 = start_state(story, pid)
        for _ in range(SMALL_TALK_MOVES):
            state, _ = disclose(state, layer=0, emotional=False, topic=None, params=params,
                                noise=0.0)
        out[pid] = (s0.trust, state.trust)
    return out


def withdrawal(params: Params, layer: int) -> tuple[int, tuple[int, int]]:
    """After the partner confided at `layer`: the reciprocation on the next move when the
    player answered supportively, and the next two when the player judged instead.

    Trust and defence are put back where they were after the answer, so only the pulling
    back itself can keep the replies low: with a partner whose judged answer costs enough
    trust to stop every reply anyway, the check would pass with no withdrawal at all."""
    base = PartnerState(98.0, 2.0, reached=3, opened=layer, pending=layer)

    def replies(answer: str) -> list[int]:
        state, _ = respond(base, response=answer, layer=0, params=params)
        state = state._replace(trust=base.trust, defence=base.defence)
        out = []
        for turn in range(2):
            state, exp = disclose(state, layer=3, emotional=True, topic=f"t{turn}",
                                  params=params, noise=0.0)
            out.append(exp.reciprocated)
        return out

    control = replies("supportive")
    judged = replies("judgemental")
    return control[0], (judged[0], judged[1])


def topic_gap(params: Params) -> tuple[float, int]:
    """Mean P(supportive) gap between a layer-2/3 disclosure on a topic shared at the layer
    above and one on a new topic, over the grid states where the familiar one can land well;
    and how many states had the unfamiliar one landing better (must be 0)."""
    gaps: list[float] = []
    worse = 0
    for t in METER_GRID:
        for d in METER_GRID:
            for k in (2, 3):
                state = PartnerState(float(t), float(d), reached=k - 1, opened=k - 1,
                                     topics=frozenset({"old"}), depths=frozenset({f"old@{k - 1}"}))
                fam = p_supportive(state, k, params, topic="old")
                new = p_supportive(state, k, params, topic="new")
                worse += new > fam + 1e-9
                if fam > 0:
                    gaps.append(fam - new)
    return (sum(gaps) / len(gaps) if gaps else 0.0), worse


def maturity_ease(story: CompiledStory) -> dict[str, tuple[float, float, int]]:
    """Per partner: the imbalance penalty of a one-layer imbalance at the start and after
    GOOD_EXCHANGES good exchanges played through the model, and how many were good."""
    out = {}
    for pid, params in story.params.items():
        s0 = start_state(story, pid)
        state, good = s0._replace(trust=80.0, defence=20.0), 0
        for turn in range(GOOD_EXCHANGES):
            state, exp = disclose(state, layer=1, emotional=True, topic=f"t{turn}",
                                  params=params, noise=0.0)
            good += exp.landing in SUPPORTED
        first = readiness(s0._replace(reached=1), 2, params, 0.0).imbalance_penalty
        later = readiness(state._replace(reached=1, opened=0), 2, params, 0.0).imbalance_penalty
        out[pid] = (first, later, good)
    return out


def question_effects(story: CompiledStory) -> dict[str, tuple[float, float, float, float]]:
    """Per partner: trust change of a personal question on the first turn and of a follow-up
    question right after the partner confided; defence change of an unearned private
    question and of a personal one."""
    out = {}
    for pid, params in story.params.items():
        s0 = start_state(story, pid)
        after, _ = ask(s0, layer=1, topic=None, params=params)
        confided = s0._replace(trust=60.0, opened=1, pending=1, reached=1)
        followed, _ = ask(confided, layer=1, topic=None, params=params)
        pried, _ = ask(s0, layer=2, topic=None, params=params)
        out[pid] = (round(after.trust - s0.trust, 2), round(followed.trust - confided.trust, 2),
                    round(pried.defence - s0.defence, 2), round(after.defence - s0.defence, 2))
    return out


def fastest_deepening(story: CompiledStory) -> dict[str, int | None]:
    """Per partner: after how many model moves an ideal player first meets the deepened
    criteria from the friendliest possible start (trust 100, defence 0, noise in the player's
    favour): each disclosure one layer deeper on a new topic, each partner confidence answered
    warmly at once. None if it never does within 30 moves."""
    out: dict[str, int | None] = {}
    for pid, params in story.params.items():
        state = PartnerState(100.0, 0.0)
        out[pid] = None
        for move in range(1, 31):
            if state.pending:
                state, _ = respond(state, response="supportive", layer=0, params=params)
            else:
                layer = min(state.reached + 1, 3)
                state, _ = disclose(state, layer=layer, emotional=True, topic=f"t{move}",
                                    params=params, noise=params.noise)
            if meets_deepened(state, params):
                out[pid] = move
                break
    return out


def missing_criteria(params: Params) -> dict[str, bool]:
    """Whether a state that meets every deepened criterion but one still counts as deepened,
    for each missing one (all must be False)."""
    full = PartnerState(100.0, 0.0, reached=3, opened=3, topics=frozenset({"a", "b", "c", "d"}),
                        moves=50, heard=10, closeness=50)
    assert meets_deepened(full, params), "the reference state must meet the criteria"
    variants = {
        "depth": full._replace(reached=1),
        "mutuality": full._replace(opened=1),
        "breadth": full._replace(topics=frozenset({"a"})),
        "feeling heard": full._replace(heard=0),
        "an unrepaired hurt": full._replace(hurt=1),
    }
    return {what: meets_deepened(state, params) for what, state in variants.items()}


def low_trust_reply(params: Params) -> int:
    """The reciprocation a partner at trust 20 gives to a private disclosure received well."""
    state = PartnerState(20.0, 0.0, reached=2, opened=1, topics=frozenset({"a"}),
                         depths=frozenset({"a@1"}))
    _, exp = disclose(state, layer=2, emotional=True, topic="a", params=params, noise=0.0)
    return exp.reciprocated if exp.landing in SUPPORTED else -1


def apology_effects(params: Params) -> dict[str, int]:
    """Over the meter grid, layers 1-3 at their own pace (no layer skipped) and the noise
    range: a disclosure that owns a hurt still standing (R-APOLOGY). Counts how many landed
    judged, lowered trust, or landed warmly without mending the hurt; how many landed
    warmly; and whether a plain apology (said, and shown taken) mended it."""
    out = {"tried": 0, "judged": 0, "trust_fell": 0, "warm": 0, "unmended": 0}
    for t in METER_GRID:
        for d in METER_GRID:
            for layer in (1, 2, 3):
                state = PartnerState(float(t), float(d), reached=layer - 1, opened=layer - 1,
                                     hurt=1)
                for noise in noise_grid(params):
                    after, exp = disclose(state, layer=layer, emotional=layer >= 2, topic=None,
                                          params=params, noise=noise, apology=True, mends=True)
                    out["tried"] += 1
                    out["judged"] += exp.landing == "judgemental"
                    out["trust_fell"] += after.trust < state.trust
                    if exp.landing in SUPPORTED:
                        out["warm"] += 1
                        out["unmended"] += after.hurt != state.hurt - 1
    plain, _ = apologise(PartnerState(50.0, 50.0, hurt=2))
    out["plain_mended"] = int(plain.hurt == 1)
    return out


def invited_effects(params: Params) -> dict[str, int]:
    """Over the meter grid and the noise range, layers 1-3 to a partner who has opened
    nothing and received nothing (so each would skip layers if volunteered): an answer to a
    question the partner asked (R-INVITED). Counts how many were judged, drew the pace's
    guard (R-PREMATURE), or lowered trust."""
    out = {"tried": 0, "judged": 0, "paced": 0, "trust_fell": 0}
    for t in METER_GRID:
        for d in METER_GRID:
            for layer in (1, 2, 3):
                state = PartnerState(float(t), float(d))
                for noise in noise_grid(params):
                    after, exp = disclose(state, layer=layer, emotional=layer >= 2, topic=None,
                                          params=params, noise=noise, invited=True)
                    out["tried"] += 1
                    out["judged"] += exp.landing == "judgemental"
                    out["paced"] += any(d.rule == "R-PREMATURE" for d in exp.deltas)
                    out["trust_fell"] += after.trust < state.trust
    return out
