"""Does a story teach what social penetration theory predicts? (DESIGN section 6)

Each prediction is measured on the story itself: outcome shares from seeded runs of the
archetypes, move-by-move invariants from the random runs, and direct checks of the model
with the story's own parameters and starting meters. docs/simulate.md gives every check's
exact definition and where it departs from the wording in DESIGN, and why.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TextIO

from game.analysis import invariants as inv
from game.analysis.check import Check
from game.analysis.modelchecks import (
    SMALL_TALK_LIMIT,
    DiscloseFn,
    core_after_gradual,
    monotonicity_violations,
    small_talk_limit,
    start_probe,
)
from game.analysis.policies import POLICIES, PROBES
from game.analysis.predictions import evaluate_v2, mean_trust, rate
from game.analysis.simulate import Tally, simulate
from game.model import disclose
from game.story.compiled import CompiledStory


def small_talk_check(story: CompiledStory, c2: Check) -> None:
    """Prediction 2's model half: small talk alone cannot carry trust far."""
    for pid, (start, after) in small_talk_limit(story).items():
        limit = max(start, SMALL_TALK_LIMIT)
        c2.need(after <= limit, f"{pid}: 20 small-talk moves take trust from {start:.1f} to "
                f"{after:.1f} (must stay <= {limit:.0f})", **{f"{pid}_small_talk": after})


def outcome_checks(tallies: dict[str, Tally]) -> list[Check]:
    """Predictions 1, 2, 3 and 7: outcome shares of the archetypes."""
    def p(name: str, outcome: str) -> float:
        return rate(tallies, name, outcome)

    g, o = p("gradual", "deepened"), p("oversharer", "deepened")
    c1 = Check(1, "gradual disclosure usually deepens, far more often than over-sharing")
    c1.need(g >= 0.6, f"P(deepened | gradual) = {g:.3f} >= 0.6", gradual_deepened=g)
    c1.need(g - o >= 0.4, f"P(deepened | gradual) - P(deepened | oversharer) = {g:.3f} - "
            f"{o:.3f} = {g - o:.3f} >= 0.4", oversharer_deepened=o)
    gd, gr = p("guarded", "deepened"), p("guarded", "ruptured")
    c2 = Check(2, "staying at small talk never deepens and never ruptures")
    c2.need(gd == 0, f"P(deepened | guarded) = {gd:.3f} = 0", guarded_deepened=gd)
    c2.need(gr == 0, f"P(ruptured | guarded) = {gr:.3f} = 0", guarded_ruptured=gr)
    orr, grr = p("oversharer", "ruptured"), p("gradual", "ruptured")
    c3 = Check(3, "over-sharing ruptures far more often than gradual disclosure")
    c3.need(orr - grr >= 0.3, f"P(ruptured | oversharer) - P(ruptured | gradual) = {orr:.3f} "
            f"- {grr:.3f} = {orr - grr:.3f} >= 0.3", oversharer_ruptured=orr,
            gradual_ruptured=grr)
    n = p("nonreciprocal", "deepened")
    c7 = Check(7, "disclosing without receiving the partner's disclosures rarely deepens")
    c7.need(n <= g - 0.3, f"P(deepened | nonreciprocal) = {n:.3f} <= P(deepened | gradual) "
            f"- 0.3 = {g - 0.3:.3f}", nonreciprocal_deepened=n)
    return [c1, c2, c3, c7]


def probe_check(story: CompiledStory, tallies: dict[str, Tally]) -> Check:
    """Prediction 4: an early core probe raises defence and lowers trust; probing loses."""
    c = Check(4, "an early core probe raises defence and lowers trust; probing deepens "
              "less often than gradual disclosure")
    for pid, (dd, dt) in start_probe(story).items():
        c.need(dd > 0 and dt < 0, f"{pid}: a core question on the first turn changes "
               f"defence {dd:+.1f}, trust {dt:+.1f}", **{f"{pid}_defence": dd, f"{pid}_trust": dt})
    checks = tallies["prober"].checks + tallies["random"].checks
    seen, hurt = checks[inv.EARLY_PROBES], checks[inv.EARLY_PROBES_HURT]
    if seen:
        c.need(hurt == seen, f"in play, {hurt} of {seen} early core questions (prober and "
               "random runs) raised defence and lowered trust", early_probes=seen,
               early_probes_hurt=hurt)
    else:
        c.measured.append("in play: the story offers no early core question")
    pp, gp = rate(tallies, "prober", "deepened"), rate(tallies, "gradual", "deepened")
    c.need(pp < gp, f"P(deepened | prober) = {pp:.3f} < P(deepened | gradual) = {gp:.3f}",
           prober_deepened=pp)
    return c


def trust_check(story: CompiledStory, tallies: dict[str, Tally]) -> Check:
    """Prediction 6: feelings build more trust than facts."""
    c = Check(6, "gradual play (emotional from layer 2) ends with more trust than factual play")
    g, f = tallies["gradual"], tallies["factual"]
    tg, tf = mean_trust(story, g), mean_trust(story, f)
    if g.picks == f.picks:
        c.not_applicable("gradual and factual made the very same choices in every run: the "
                         "story never offers a factual alternative to an emotional disclosure")
        c.values.update(gradual_trust=tg, factual_trust=tf)
        return c
    c.need(tg > tf, f"mean final trust: gradual {tg:.2f} > factual {tf:.2f}",
           gradual_trust=tg, factual_trust=tf)
    return c


def model_checks(story: CompiledStory, fn: DiscloseFn = disclose) -> list[Check]:
    """Predictions 5 and 8, straight from the model with the story's parameters."""
    c5 = Check(5, "P(supportive) never rises with skip or imbalance and never falls as "
               "trust - defence rises")
    for pid, (bad, compared) in monotonicity_violations(story, fn).items():
        c5.need(bad == 0, f"{pid}: {bad} violations in {compared} comparisons over a grid of "
                "partner states, layers and noise", **{f"{pid}_violations": bad})
    c8 = Check(8, "a core disclosure on the first turn is received well far less often "
               "than after four supported gradual turns")
    for pid, (first, after, supported) in core_after_gradual(story, fn).items():
        c8.need(supported == 4, f"{pid}: {supported} of 4 gradual turns were received "
                "supportively", **{f"{pid}_supported_turns": supported})
        c8.need(after - first >= 0.5, f"{pid}: P(supportive) for a core disclosure {first:.2f} "
                f"on the first turn, {after:.2f} after (needs a gap >= 0.5)",
                **{f"{pid}_first": first, f"{pid}_after": after})
    return [c5, c8]


def invariant_check(tallies: dict[str, Tally]) -> Check:
    """Prediction 9: what random play must never break."""
    c = Check(9, "under random play meters stay in [0, 100], rupture is final, and a "
              "judgemental landing never raises reached")
    counts = tallies["random"].checks
    c.values["steps"] = counts[inv.STEPS]
    for name in (inv.METERS, inv.UNRUPTURED, inv.NOT_ENDED, inv.JUDGED_DEEPER):
        c.need(counts[name] == 0, f"{name}: {counts[name]} in {counts[inv.STEPS]} moves",
               **{name.replace(" ", "_"): counts[name]})
    return c


def evaluate(story: CompiledStory, runs: int, seed: int, jobs: int = 1,
             fn: DiscloseFn = disclose) -> tuple[list[Check], dict[str, Tally]]:
    tallies = simulate(story, [*POLICIES, *PROBES], runs, seed, jobs,
                       checked=("random", "prober"))
    checks = outcome_checks(tallies) + model_checks(story, fn)
    small_talk_check(story, next(c for c in checks if c.number == 2))
    checks += [probe_check(story, tallies), trust_check(story, tallies),
               invariant_check(tallies), *evaluate_v2(story, tallies)]
    return sorted(checks, key=lambda c: c.number), tallies


def run_conformance(story: CompiledStory, runs: int, seed: int, jobs: int, as_json: bool,
                    out: TextIO, fn: DiscloseFn = disclose) -> int:
    started = time.perf_counter()
    checks, tallies = evaluate(story, runs, seed, jobs, fn)
    seconds = time.perf_counter() - started
    failed = [c for c in checks if c.status == "FAIL"]
    if as_json:
        outcomes = {n: {o: round(t.outcomes[o] / max(1, t.runs), 4)
                        for o in ("deepened", "acquaintance", "ruptured", "unfinished")}
                    for n, t in tallies.items()}
        doc = {"story": story.id, "runs": runs, "seed": seed, "seconds": round(seconds, 3),
               "passed": not failed, "predictions": [c.to_json() for c in checks],
               "outcomes": outcomes}
        out.write(json.dumps(doc, indent=2) + "\n")
    else:
        _print(story, checks, runs, seed, seconds, out)
    return 1 if failed else 0


def _print(story: CompiledStory, checks: list[Check], runs: int, seed: int, seconds: float,
           out: TextIO) -> None:
    write: Callable[[str], object] = out.write
    write(f"conformance '{story.id}': {len(POLICIES)} policies x {runs} runs, seed {seed} "
          f"({seconds:.2f} s)\n")
    for c in checks:
        write(f"\n{c.number}. {c.status}  {c.claim}\n")
        for line in c.measured:
            write(f"     {line}\n")
    passed = sum(c.status == "PASS" for c in checks)
    skipped = sum(c.status == "N/A" for c in checks)
    write(f"\n{passed} of {len(checks)} predictions pass"
          f"{f', {skipped} not applicable' if skipped else ''}"
          f"{'' if passed + skipped == len(checks) else '; the story does not conform'}\n")
