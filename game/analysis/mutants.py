"""A catalogue of deliberately broken models, to prove the conformance predictions can fail.

Each mutant changes the model in one way the research says matters: most by parameters (set
past the story's own, bypassing the schema's bounds, since a mutant is broken on purpose),
a few by replacing one rule's helper in `game.model.rules` for the length of the run. A
mutant is *killed* on a story when at least one prediction FAILs with it (N/A never kills).
`confide simulate STORY --conformance --mutants` runs the catalogue (docs/simulate.md).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from game.analysis.check import Check
from game.analysis.conformance import evaluate
from game.model import Params
from game.model import rules as model_rules
from game.model.draft import Draft
from game.model.readiness import readiness as real_readiness
from game.story.compiled import CompiledStory

Patch = dict[str, Callable[..., Any]]


@dataclass(frozen=True)
class Mutant:
    name: str
    breaks: str  # what is wrong with it, in a phrase
    params: dict[str, Any] = field(default_factory=dict)
    patch: Patch = field(default_factory=dict)


_real_answer = model_rules._answer


def _neutral_as_supportive(draft: Draft, response: str, weight: int, params: Params) -> bool:
    return _real_answer(draft, "supportive" if response == "neutral" else response, weight,
                        params)


def _cold_costs_nothing(draft: Draft, response: str, weight: int, params: Params) -> bool:
    if response in ("dismissive", "judgemental"):
        return False
    return _real_answer(draft, response, weight, params)


def _no_reply(draft: Draft, layer: int, params: Params, topic: str | None) -> int:
    return 0


def _intrusive(draft: Draft, *args: Any) -> int:
    # `_question(draft, params, topic)` and `_follow_up(draft, layer, params, topic)`.
    params: Params = next(a for a in args if isinstance(a, Params))
    draft.raise_defence(params.probe_base, "R-PROBE-INTRUSION", "probe.too_deep")
    draft.lower_trust(params.probe_trust, "R-PROBE-INTRUSION", "probe.too_deep")
    return 0


_real_readiness = real_readiness


def _uninvited(state: Any, layer: int, params: Params, noise: float,
               topic: str | None = None, invited: bool = False) -> Any:
    return _real_readiness(state, layer, params, noise, topic)  # the asker sets nothing


def _never_mends(draft: Draft) -> bool:
    return False


_TRIPLE = ("support_trust", "support_defence", "respond_trust", "respond_defence",
           "question_trust", "followup_trust", "neutral_trust", "probe_welcome_trust")

CATALOGUE: tuple[Mutant, ...] = (
    Mutant("responsiveness-off", "answers to the partner change nothing and deepening needs "
           "no feeling heard", {"respond_trust": 0.0, "respond_defence": 0.0,
                                "respond_neutral_trust": 0.0, "unanswered_trust": 0.0,
                                "unanswered_defence": 0.0, "cool_penalty": 0.0,
                                "deepen_heard": 0, "deepen_hurt": 1000, "withdraw_moves": 0}),
    Mutant("neutral-is-supportive", "a neutral answer counts as a warm one",
           patch={"_answer": _neutral_as_supportive}),
    Mutant("emotional-weight-1", "feelings count no more than facts",
           {"emotional_weight": 1.0, "closeness_emotional": 1, "closeness_factual": 1}),
    Mutant("factual-over-emotional", "facts count for more than feelings",
           {"emotional_weight": 0.5, "closeness_emotional": 1, "closeness_factual": 2}),
    Mutant("reciprocity-zero", "the partner reciprocates at any trust",
           {"reciprocity": (0.0, 0.0, 0.0)}),
    Mutant("never-reciprocates", "the partner never discloses in return",
           patch={"_reciprocate": _no_reply}),
    Mutant("imbalance-zero", "no penalty for running ahead of the partner",
           {"imbalance_penalty": 0.0}),
    Mutant("small-talk-unbounded", "small talk has no ceiling and triple gain",
           {"small_talk_ceiling": 100.0, "small_talk_gain": 15.0}),
    Mutant("gains-x3", "every gain tripled", {"x3": True}),
    Mutant("premature-zero", "no penalty for skipping layers", {"premature_defence": 0.0}),
    Mutant("intrusion-zero", "prying costs nothing",
           {"probe_base": 0.0, "probe_step": 0.0, "probe_trust": 0.0}),
    Mutant("no-depenetration", "a judged partner does not pull back",
           {"withdraw_moves": 0}),
    Mutant("no-pacing", "no move minimum and no damping of late gains",
           {"deepen_moves": 0, "late_damping": 0.0}),
    Mutant("rupture-off", "the relationship can never break",
           {"rupture_trust": -1.0, "rupture_defence": 101.0}),
    Mutant("deepen-no-depth", "deepened needs no depth", {"deepen_layer": 0}),
    Mutant("deepen-no-breadth", "deepened needs no breadth", {"deepen_topics": 0}),
    Mutant("topic-ignored", "a deep disclosure on an unopened topic lands as well",
           {"topic_penalty": 0.0}),
    Mutant("maturity-ignored", "reciprocity pressure never eases", {"maturity_floor": 1.0}),
    Mutant("questions-intrusive", "every question beyond small talk intrudes",
           patch={"_question": _intrusive, "_follow_up": _intrusive}),
    Mutant("turncoat-unpunished", "late cold answers and probes cost nothing",
           {"deepen_hurt": 1000, "probe_base": 0.0, "probe_step": 0.0, "probe_trust": 0.0,
            "withdraw_moves": 0}, {"_answer": _cold_costs_nothing}),
    Mutant("apology-mends-nothing", "an apology taken leaves the hurt it owns",
           patch={"mend": _never_mends}),
    Mutant("invited-as-volunteered", "an answer to the partner's question is paced as if "
           "volunteered", patch={"readiness": _uninvited}),
)


def mutant(name: str) -> Mutant:
    found = next((m for m in CATALOGUE if m.name == name), None)
    if found is None:
        raise KeyError(f"unknown mutant '{name}'")
    return found


def broken_params(params: Params, m: Mutant) -> Params:
    """`params` with the mutant's values, bypassing the bounds a story would be held to."""
    values = {k: v for k, v in m.params.items() if k != "x3"}
    if m.params.get("x3"):
        values.update({k: getattr(params, k) * 3 for k in _TRIPLE})
        values["small_talk_gain"] = params.small_talk_gain * 3
    out = replace(params)  # a copy, then the broken values set directly
    for key, value in values.items():
        object.__setattr__(out, key, value)
    return out


def mutate(story: CompiledStory, m: Mutant) -> CompiledStory:
    """The story with every partner's parameters broken the mutant's way."""
    return replace(story, params={pid: broken_params(p, m) for pid, p in story.params.items()})


@contextmanager
def patched(m: Mutant) -> Iterator[None]:
    """Replace the mutant's rule helpers in game.model.rules, and restore them after."""
    saved = {name: getattr(model_rules, name) for name in m.patch}
    try:
        for name, fn in m.patch.items():
            setattr(model_rules, name, fn)
        yield
    finally:
        for name, fn in saved.items():
            setattr(model_rules, name, fn)


def killers(checks: list[Check]) -> list[int]:
    """The predictions that failed: the ones that killed the mutant."""
    return [c.number for c in checks if c.status == "FAIL"]


def run_mutants(story: CompiledStory, runs: int, seed: int,
                names: tuple[str, ...] = ()) -> dict[str, list[int]]:
    """Per mutant (all, or those named): the predictions that kill it on `story`."""
    out = {}
    for m in CATALOGUE:
        if names and m.name not in names:
            continue
        with patched(m):
            checks, _ = evaluate(mutate(story, m), runs, seed)
        out[m.name] = killers(checks)
    return out


def report_mutants(story: CompiledStory, runs: int, seed: int, as_json: bool,
                   out: TextIO) -> int:
    """`confide simulate STORY --conformance --mutants`: exit 1 if any mutant survives."""
    started = time.perf_counter()
    kills = run_mutants(story, runs, seed)
    seconds = time.perf_counter() - started
    survivors = [name for name, by in kills.items() if not by]
    if as_json:
        doc = {"story": story.id, "runs": runs, "seed": seed, "seconds": round(seconds, 3),
               "mutants": [{"name": m.name, "breaks": m.breaks, "killed_by": kills[m.name]}
                           for m in CATALOGUE],
               "survivors": survivors}
        out.write(json.dumps(doc, indent=2) + "\n")
    else:
        out.write(f"mutants on '{story.id}': {len(CATALOGUE)} broken models x {runs} runs, "
                  f"seed {seed} ({seconds:.1f} s)\n\n")
        for m in CATALOGUE:
            by = kills[m.name]
            verdict = ("killed by " + ", ".join(map(str, by))) if by else "SURVIVES"
            out.write(f"  {m.name:24s} {verdict:28s} {m.breaks}\n")
        out.write(f"\n{len(CATALOGUE) - len(survivors)} of {len(CATALOGUE)} mutants killed\n")
    return 1 if survivors else 0
