"""Player archetypes for the simulator (DESIGN section 6).

A policy sees only what a player sees: each choice's metadata (kind, layer, tone, response,
topic, partner) and how earlier moves visibly landed. It never reads the hidden meters. What
it has seen is kept in an `Observation`, updated from each `Result` and from the partner
disclosures that open scenes. docs/simulate.md defines every archetype precisely.

Ties are broken with the run's own `random.Random`, so a run is reproducible from its seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from game.model import Explanation
from game.story.compiled import CChoice, CScene

Pick = Callable[[Sequence[CChoice], "Observation", random.Random], CChoice]
SUPPORTED = ("supportive", "reciprocated")


@dataclass
class Seen:
    """What the player can know about one partner from what has happened on screen."""

    reached: int = 0  # deepest player layer this partner visibly received well
    opened: int = 0  # deepest layer this partner has shared
    pending: bool = False  # the partner shared something the player has not answered
    about: str | None = None  # what that was about, as the text shows it (None: not said)
    topics: set[str] = field(default_factory=set)  # player topics received well


class Observation:
    """The visible history of a playthrough, per partner."""

    __slots__ = ("moves", "partners")

    def __init__(self) -> None:
        self.partners: dict[str, Seen] = {}
        self.moves = 0  # model moves made so far (every choice but plain ones)

    def of(self, pid: str) -> Seen:
        seen = self.partners.get(pid)
        if seen is None:
            seen = self.partners[pid] = Seen()
        return seen

    def enter(self, scene: CScene) -> None:
        """A scene that opens with the partner confiding is visible to the player."""
        d = scene.disclosure
        if d is not None:
            seen = self.of(d.partner or scene.partner)
            seen.opened = max(seen.opened, d.layer)
            seen.pending = True
            seen.about = d.topic

    def record(self, choice: CChoice, landing: str, explanation: Explanation | None) -> None:
        """What the player saw of a move: how it landed, and whether the partner confided."""
        kind = choice.kind
        if kind == "plain":
            return  # nothing the partner could react to, and no confidence left behind
        seen = self.of(choice.partner)
        self.moves += 1
        if kind == "respond":
            seen.pending = False
        else:
            for other in self.partners.values():  # moving on leaves any confidence unanswered
                other.pending = False
            layer = choice.layer
            if kind == "disclose" and layer > 0:
                if landing in SUPPORTED:
                    if layer > seen.reached:
                        seen.reached = layer
                    if choice.topic is not None:
                        seen.topics.add(choice.topic)
                elif landing == "judgemental" and seen.reached > 0:
                    seen.reached -= 1  # the partner visibly closed up
        reply = explanation.reciprocated if explanation is not None else 0
        if reply:  # the partner confided in return, or answered a welcome question
            if reply > seen.opened:
                seen.opened = reply
            if choice.topic is not None or kind != "ask":  # "tell me more" keeps the subject
                seen.about = choice.topic
            seen.pending = True


# -- helpers shared by the archetypes ---------------------------------------------------------

def _best(options: Sequence[CChoice], score: Callable[[CChoice], tuple[int, ...]],
          rng: random.Random) -> CChoice:
    """The highest-scoring option; ties broken by the run's RNG."""
    if len(options) == 1:
        return options[0]
    scores = [score(c) for c in options]
    top = max(scores)
    tied = [c for c, s in zip(options, scores, strict=True) if s == top]
    return tied[0] if len(tied) == 1 else tied[_index(rng, len(tied))]


def _index(rng: random.Random, n: int) -> int:
    # Scaling random() is a few times cheaper than randrange(); the bias (below 1e-15 for
    # a handful of options) is far under anything a thousand runs could show.
    return int(rng.random() * n)


def _disclosures(options: Sequence[CChoice]) -> list[CChoice]:
    return [c for c in options if c.kind == "disclose"]


def _responses(options: Sequence[CChoice], *kinds: str) -> list[CChoice]:
    return [c for c in options if c.kind == "respond" and c.response in kinds]


def _new_topic(c: CChoice, obs: Observation) -> int:
    return int(c.topic is not None and c.topic not in obs.of(c.partner).topics)


def _eligible_ask(c: CChoice, obs: Observation) -> bool:
    seen = obs.of(c.partner)
    return c.kind == "ask" and c.layer <= min(seen.opened + 1, seen.reached)


def _follows_up(c: CChoice, seen: Seen) -> bool:
    """A question about what the partner just confided (the model's R-FOLLOWUP, as far as
    the player can see it): same subject, at most one layer deeper."""
    return (seen.pending and c.layer <= seen.opened + 1
            and (c.topic is None or seen.about is None or c.topic == seen.about))


def _fallback(options: Sequence[CChoice], rng: random.Random) -> CChoice:
    """When nothing fits the archetype: the least revealing, least hurtful move on offer."""
    order = {"plain": 0, "respond": 1, "disclose": 2, "ask": 3}
    harm = {None: 0, "supportive": 0, "neutral": 1, "dismissive": 2, "judgemental": 3}
    return _best(options, lambda c: (-order[c.kind], -harm[c.response], -c.layer), rng)


# -- the archetypes -----------------------------------------------------------------------------

def pick_random(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    # `_index` written out: this is the benchmark's policy, and one call less per move.
    return options[int(rng.random() * len(options))]


def _gradual(options: Sequence[CChoice], obs: Observation, rng: random.Random,
             emotional: bool, asks: bool, answer: str = "supportive") -> CChoice | None:
    """The gradual path; None when it has nothing to say (so the caller's fallback decides).

    `answer` is how it answers the partner's disclosures when an answer is on offer.
    """
    warm = _responses(options, answer)
    if warm:
        return _best(warm, lambda c: (0,), rng)
    fits = [c for c in _disclosures(options) if c.layer <= obs.of(c.partner).reached + 1]
    facts = [c for c in fits if not c.emotional]
    if not emotional and facts:
        fits = facts  # the factual player never shares feelings while a fact would do
    step = [c for c in fits if c.layer == obs.of(c.partner).reached + 1 and c.layer >= 1]
    if step:
        return _best(step, lambda c: _disclose_score(c, obs, emotional), rng)
    ask_ok = [c for c in options if asks and c.layer >= 1 and _eligible_ask(c, obs)]
    if ask_ok:
        return _best(ask_ok, lambda c: (c.layer,), rng)
    deeper = [c for c in fits if c.layer >= 1]
    if deeper:
        return _best(deeper, lambda c: (c.layer, *_disclose_score(c, obs, emotional)), rng)
    light = [c for c in fits if c.layer == 0]
    light += [c for c in options if asks and c.kind == "ask" and c.layer == 0]
    if light:
        return _best(light, lambda c: (0,), rng)
    return None


def _disclose_score(c: CChoice, obs: Observation, emotional: bool) -> tuple[int, int]:
    # Feelings count for more from layer 2 on; the factual player prefers facts instead.
    felt = int(c.emotional == emotional) if c.layer >= 2 else 0
    return felt, _new_topic(c, obs)


def pick_gradual(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    return _gradual(options, obs, rng, emotional=True, asks=True) or _fallback(options, rng)


def pick_factual(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    return _gradual(options, obs, rng, emotional=False, asks=True) or _fallback(options, rng)


def pick_oversharer(options: Sequence[CChoice], obs: Observation,
                    rng: random.Random) -> CChoice:
    shares = _disclosures(options)
    if shares:
        return _best(shares, lambda c: (c.layer, int(c.emotional)), rng)
    return pick_gradual(options, obs, rng)


def pick_guarded(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    flat = _responses(options, "neutral")
    if flat:
        return _best(flat, lambda c: (0,), rng)
    light = [c for c in options if c.kind in ("disclose", "ask") and c.layer == 0]
    if light:
        return _best(light, lambda c: (0,), rng)
    return _fallback(options, rng)


def pick_prober(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    asks = [c for c in options if c.kind == "ask"]
    if asks:
        return _best(asks, lambda c: (c.layer,), rng)
    return pick_gradual(options, obs, rng)


def pick_nonreciprocal(options: Sequence[CChoice], obs: Observation,
                       rng: random.Random) -> CChoice:
    answers = [c for c in options if c.kind == "respond"]
    if answers:  # the coldest answer on offer: brushed off or judged, else flat
        cold = {"dismissive": 2, "judgemental": 2, "neutral": 1}
        return _best(answers, lambda c: (cold.get(c.response or "", 0),), rng)
    # Otherwise the gradual path, minus any question about the partner.
    rest = [c for c in options if c.kind != "ask"]
    found = _gradual(rest, obs, rng, emotional=True, asks=False) if rest else None
    return found or _fallback(rest or options, rng)


def pick_neutral(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    found = _gradual(options, obs, rng, emotional=True, asks=True, answer="neutral")
    return found or _fallback(options, rng)


def pick_ignorer(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    rest = [c for c in options if c.kind != "respond"]
    if not rest:  # nothing but answers on offer: the least hurtful one
        return _fallback(options, rng)
    found = _gradual(rest, obs, rng, emotional=True, asks=True, answer="none")
    return found or _fallback(rest, rng)


def pick_questioner(options: Sequence[CChoice], obs: Observation,
                    rng: random.Random) -> CChoice:
    asks = [c for c in options if c.kind == "ask" and c.layer >= 1]
    follow = [c for c in asks if _follows_up(c, obs.of(c.partner))]
    if follow:  # right after the partner confided: ask more about it
        return _best(follow, lambda c: (-c.layer,), rng)
    timely = [c for c in asks if c.layer == 1 or _eligible_ask(c, obs)]
    if timely:
        return _best(timely, lambda c: (-c.layer,), rng)
    return pick_gradual(options, obs, rng)


def pick_turncoat(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    if obs.moves < TURNCOAT_AFTER:
        return pick_gradual(options, obs, rng)
    cold = _responses(options, "judgemental", "dismissive")
    if cold:
        return _best(cold, lambda c: (int(c.response == "judgemental"),), rng)
    probes = [c for c in options if c.kind == "ask" and c.layer >= 2]
    if probes:
        return _best(probes, lambda c: (c.layer,), rng)
    return pick_gradual(options, obs, rng)


TURNCOAT_AFTER = 6
"""Model moves the turncoat plays gradually before turning cold."""

POLICIES: dict[str, Pick] = {
    "random": pick_random,
    "gradual": pick_gradual,
    "oversharer": pick_oversharer,
    "guarded": pick_guarded,
    "prober": pick_prober,
    "nonreciprocal": pick_nonreciprocal,
    "factual": pick_factual,
    "neutral": pick_neutral,
    "ignorer": pick_ignorer,
    "questioner": pick_questioner,
    "turncoat": pick_turncoat,
}
"""Every built-in archetype by name, in the order reports list them."""


def pick_misstep(options: Sequence[CChoice], obs: Observation, rng: random.Random) -> CChoice:
    if obs.moves == 0:
        deep = [c for c in _disclosures(options) if c.layer >= 2]
        if deep:  # one premature disclosure on the very first move, then gradual play
            return _best(deep, lambda c: (c.layer,), rng)
    return pick_gradual(options, obs, rng)


PROBES: dict[str, Pick] = {"misstep": pick_misstep}
"""Archetypes conformance uses to probe one prediction, not offered by `--policy`."""

BLIND = frozenset({"random"})
"""Archetypes that never read the `Observation`, so a run need not keep one up to date."""


def policy(name: str) -> Pick:
    """The archetype called `name`; KeyError names the known ones."""
    try:
        return POLICIES[name] if name in POLICIES else PROBES[name]
    except KeyError:
        raise KeyError(f"unknown policy '{name}' (known: {', '.join(POLICIES)})") from None
