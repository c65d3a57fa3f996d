"""Per-move invariants checked during simulated play (conformance predictions 4 and 9).

The hook reads the hidden state, which no policy may do: it is the referee, not a player.
It only counts; the conformance report turns the counts into PASS or FAIL.
"""

from __future__ import annotations

from collections import Counter

from game.runtime.state import State
from game.runtime.views import Result
from game.story.compiled import CChoice, CompiledStory

STEPS = "steps"
METERS = "meters out of [0, 100]"
UNRUPTURED = "rupture undone"
NOT_ENDED = "rupture did not end the story"
JUDGED_DEEPER = "judgemental landing raised reached"
UNEXPLAINED = "meter changes the explanation does not account for"
EARLY_PROBES = "early core probes"
EARLY_PROBES_HURT = "early core probes that raised defence and lowered trust"


def check_step(story: CompiledStory, counts: Counter[str], before: State, choice: CChoice,
               result: Result, after: State) -> None:
    """Count one move and every invariant it breaks."""
    counts[STEPS] += 1
    for pid, p in after.partners.items():
        if not (0.0 <= p.trust <= 100.0 and 0.0 <= p.defence <= 100.0):
            counts[METERS] += 1
        if before.partners[pid].ruptured and not p.ruptured:
            counts[UNRUPTURED] += 1
    if result.ruptured:
        ending = story.scenes[after.ending].ending if after.ending else None
        if ending is None or ending.outcome != "ruptured":
            counts[NOT_ENDED] += 1
    if not _accounted(before, choice, result, after):
        counts[UNEXPLAINED] += 1
    if result.landing == "judgemental" and choice.kind != "plain":
        was, now = before.partners[choice.partner].reached, after.partners[choice.partner].reached
        if now > was:
            counts[JUDGED_DEEPER] += 1
    if choice.kind == "ask" and choice.layer == 3 and before.partners[choice.partner].opened <= 1:
        _early_probe(counts, result)


def _early_probe(counts: Counter[str], result: Result) -> None:
    # A core question before the partner has shared anything private reaches two layers
    # past them; the model's own deltas say what the question did (author effects aside).
    counts[EARLY_PROBES] += 1
    exp = result.explanation
    if exp is None:
        return
    trust = sum(d.change for d in exp.deltas if d.meter == "trust")
    defence = sum(d.change for d in exp.deltas if d.meter == "defence")
    if defence > 0 and trust < 0:
        counts[EARLY_PROBES_HURT] += 1


def _accounted(before: State, choice: CChoice, result: Result, after: State) -> bool:
    """Whether, for every partner, trust and defence after - before equal the sum of the
    step's deltas for that partner (a delta without `partner` is the step's partner's)."""
    sums: dict[tuple[str, str], float] = {}
    deltas = result.explanation.deltas if result.explanation is not None else ()
    for d in deltas:
        if d.meter in ("trust", "defence"):
            key = (d.partner or choice.partner, d.meter)
            sums[key] = sums.get(key, 0.0) + d.after - d.before
    for pid, p in after.partners.items():
        was = before.partners[pid]
        for meter, change in (("trust", p.trust - was.trust), ("defence", p.defence - was.defence)):
            if abs(sums.get((pid, meter), 0.0) - change) > 1e-6:
                return False
    return True
