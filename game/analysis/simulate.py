"""Seeded playthroughs of a story by the player archetypes, and their statistics.

Run i of a policy plays with seed + i: the model's noise comes from `Session(story, seed+i)`
and the policy's tie-breaking from `random.Random(seed+i)`, so any run can be replayed alone
(`confide simulate --replay-run I`). Runs are split into contiguous chunks for `--jobs`;
every statistic is a count or an integer sum (meters in hundredths), so merging chunks in
any order gives exactly the result of one process.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import repeat
from operator import add
from pathlib import Path
from typing import Any

from game import progress
from game.analysis.invariants import check_step
from game.analysis.policies import BLIND, POLICIES, Observation, policy
from game.collector import collector_paused
from game.model import Explanation, PartnerState, meets_deepened
from game.runtime import Result, Session
from game.runtime.batch import LiveRun, Step
from game.runtime.moves import enter
from game.runtime.session import CONTINUE
from game.runtime.state import State, initial_state
from game.story.compiled import CChoice, CompiledStory, CScene
from game.story.loader import load

OUTCOMES = ("deepened", "acquaintance", "ruptured", "unfinished")
MAX_TURNS = 500
"""A run still going after this many moves is stopped and counted as `unfinished` (so is a
run that reaches a dead end, a scene with nothing to choose that is not an ending)."""

StepHook = Callable[[State, CChoice, Result, State], None]
Move = tuple[str, str, int, str, str]
"""One move: (scene, choice id, 1-based position on offer, landing, scene entered)."""


@dataclass
class Tally:
    """Everything the report needs from a batch of runs of one policy; merges exactly."""

    runs: int = 0
    choices: int = 0  # player decisions, not counting "continue"
    outcomes: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    meters: Counter[str] = field(default_factory=Counter)  # "sam.trust" -> sum of hundredths
    scenes: Counter[str] = field(default_factory=Counter)
    picks: Counter[str] = field(default_factory=Counter)  # "scene/choice" -> times chosen
    checks: Counter[str] = field(default_factory=Counter)  # invariant counts (invariants.py)
    earliest: int | None = None  # fewest model moves after which a run met the deepened criteria

    def merge(self, other: Tally) -> None:
        self.runs += other.runs
        self.choices += other.choices
        self.earliest = _least(self.earliest, other.earliest)
        for mine, theirs in self._counters(other):
            mine.update(theirs)

    def _counters(self, other: Tally) -> Iterable[tuple[Counter[str], Counter[str]]]:
        yield self.outcomes, other.outcomes
        yield self.endings, other.endings
        yield self.meters, other.meters
        yield self.scenes, other.scenes
        yield self.picks, other.picks
        yield self.checks, other.checks


def _least(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


@dataclass(frozen=True, slots=True)
class Run:
    """One finished playthrough: enough to tally it and to replay it.

    `deepened_at`: the model move (the state's turn) after which some partner first met the
    deepened criteria, or None if none ever did (the referee reads the hidden state).
    """

    outcome: str
    ending: str | None
    state: State
    picks: tuple[Move, ...]
    deepened_at: int | None = None


def play(story: CompiledStory, name: str, seed: int, hook: StepHook | None = None,
         max_turns: int = MAX_TURNS, charge: Callable[[str], bool] | None = None,
         start: State | None = None) -> Run:
    """Play one run of policy `name` with `seed` (the run's own seed, already seed + i).

    `charge`, if given, is told the scene of every move and stops the run when it says no
    (the deep lint's budget). `start`: the state once the first scene is entered, which is
    the same for every run of a story (`start_state`); a batch works it out once."""
    pick = policy(name)
    rng = random.Random(seed)
    first = start_state(story) if start is None else start
    # Without a referee a step needs no Session (no text, history, undo or merged records):
    # the run's state stays live from move to move (game/runtime/batch.py).
    walker: LiveRun | _Refereed = LiveRun(story, first, seed) if hook is None else \
        _Refereed(story, first, seed, hook)
    obs, watch = _observer(name, story.scenes[first.scene])
    picks: list[Move] = []
    params, scenes = story.params, story.scenes
    deepened_at: int | None = None
    for _ in range(max_turns):  # a counter in C rather than len(picks) on every move
        sid = walker.scene
        scene = scenes[sid]
        # The state has an ending exactly when its scene is one (see `enter`).
        if scene.ending is not None or (charge is not None and not charge(sid)):
            break
        # An unconditional scene offers all its choices (see `available`), each at its place.
        options = scene.choices if scene.unconditional and scene.choices else \
            walker.available()
        if not options:
            break  # a dead end: counted as unfinished, and the deep lint reports it
        if len(options) == 1:
            choice, position = options[0], 1
        else:
            choice = pick(options, obs, rng)
            # `index` compares in C, and choices on offer differ in their first field (id).
            position = scene.places[choice.id] if options is scene.choices else \
                options.index(choice) + 1
        landing, explanation, target = walker.step(choice)
        picks.append((sid, choice.id, position, landing, target))
        if watch:
            _observe(obs, story, choice, landing, explanation, target)
        # Only a model move can newly meet the criteria (they count moves with the partner),
        # and only for the partner it addressed.
        if deepened_at is None and choice.kind != "plain":
            pid = choice.partner
            if meets_deepened(walker.partners[pid], params[pid]):
                deepened_at = walker.turn
    return _finished(story, walker.state(), tuple(picks), deepened_at)


def start_state(story: CompiledStory) -> State:
    """The state every playthrough starts from: the first scene entered, as a new `Session`
    has it. Runs share it: each `LiveRun` copies it, and `transition` never changes it."""
    return enter(story, initial_state(story), story.start)[0]


def _observer(name: str, first: CScene) -> tuple[Observation, bool]:
    """What the player has seen, and whether policy `name` reads it: a blind archetype never
    does, so its observation is not kept up to date."""
    obs = Observation()
    watch = name not in BLIND
    if watch:
        obs.enter(first)
    return obs, watch


class _Refereed:
    """A run whose every step goes through `Session.choose`, whose full Result the referee
    (`hook`) reads; it shows `LiveRun`'s face, so `play` has one loop for both."""

    __slots__ = ("hook", "session")

    def __init__(self, story: CompiledStory, start: State, seed: int, hook: StepHook) -> None:
        self.session = Session(story, seed)
        self.session.state = start  # shared by a batch's runs: `transition` never changes it
        self.hook = hook

    @property
    def scene(self) -> str:
        return self.session.state.scene

    @property
    def turn(self) -> int:
        return self.session.state.turn

    @property
    def partners(self) -> dict[str, PartnerState]:
        return self.session.state.partners

    def available(self) -> tuple[CChoice, ...]:
        return self.session.available()

    def step(self, choice: CChoice) -> Step:
        before = self.session.state
        result = self.session.choose(choice.id)
        self.hook(before, choice, result, self.session.state)
        return result.landing, result.explanation, result.next_scene

    def state(self) -> State:
        return self.session.state


def _observe(obs: Observation, story: CompiledStory, choice: CChoice, landing: str,
             explanation: Explanation | None, target: str) -> None:
    """What the player saw of one step: the move's landing, and the scene it led to."""
    obs.record(choice, landing, explanation)
    entered = story.scenes[target]
    if entered.disclosure is not None:  # every move enters a scene, even the same again
        obs.enter(entered)


def _finished(story: CompiledStory, state: State, picks: tuple[Move, ...],
              deepened_at: int | None) -> Run:
    """The run's record; the outcome is its ending scene's (as `Session.ending` gives it)."""
    sid = state.ending
    ending = story.scenes[sid].ending if sid is not None else None
    outcome = ending.outcome if ending is not None else "unfinished"
    return Run(outcome, sid, state, picks, deepened_at)


def tally_run(tally: Tally, run: Run) -> None:
    tally.runs += 1
    tally.earliest = _least(tally.earliest, run.deepened_at)
    tally.outcomes[run.outcome] += 1
    if run.ending is not None:
        tally.endings[run.ending] += 1
    for pid, p in run.state.partners.items():
        tally.meters[pid + ".trust"] += round(p.trust * 100)
        tally.meters[pid + ".defence"] += round(p.defence * 100)
    scenes, visits = tally.scenes, run.state.visits
    # Each visited scene's total plus this run's count, merged in C: `dict.update` takes the
    # (scene, new total) pairs (Counter.update would count the pairs themselves). The scenes
    # are distinct, so each total is read before it is replaced.
    dict.update(scenes, zip(visits, map(add, map(scenes.get, visits, repeat(0)),
                                        visits.values()), strict=True))


def _count_picks(tally: Tally, moves: Counter[Move]) -> None:
    """Every (scene, choice) pair picked in a batch, named "scene/choice" once per distinct
    move rather than once per pick; "continue" is not a choice the player made."""
    for (sid, cid, _, _, _), times in moves.items():
        if cid != CONTINUE:
            tally.picks[sid + "/" + cid] += times
            tally.choices += times


def run_batch(story: CompiledStory, name: str, seed: int, start: int, stop: int,
              checks: bool = False) -> Tally:
    """Runs start..stop-1 of policy `name`; run i uses seed + i.

    With `checks`, every move is also checked against the model's invariants and the
    counts land in `Tally.checks` (slower; conformance uses it).
    """
    tally = Tally()
    hook: StepHook | None = None
    if checks:
        hook = partial(check_step, story, tally.checks)
    # Moves are counted whole, in C (Counter.update over the run's own tuples), and folded
    # into (scene, choice) pairs once at the end: a story has few distinct moves, and this
    # builds no pair per pick.
    moves: Counter[Move] = Counter()
    first = start_state(story)
    # A batch makes no cycles: the collector's passes were about 6% of it (CPU time,
    # flatmates, random); each run is freed as it ends (4,000 runs peak under 0.4 MB).
    with collector_paused():
        for i in range(start, stop):
            run = play(story, name, seed + i, hook, start=first)
            tally_run(tally, run)
            moves.update(run.picks)
            progress.advance()
    _count_picks(tally, moves)
    return tally


# The story being simulated, set just before the workers start: a forked worker inherits
# it with the parent's memory and need not load it again (about a fifth of a short
# two-job run went on each worker loading the story anew).
_inherited: dict[str, CompiledStory] = {}


@lru_cache(maxsize=4)
def _story_at(source: str) -> CompiledStory:
    # A worker process loads the story once from its path: compiled expressions hold
    # closures, which do not pickle. A forked one has it already.
    found = _inherited.get(source)
    return found if found is not None else load(Path(source))


Task = tuple[str, str, int, int, int, bool]


def _batch_task(task: Task) -> tuple[str, Tally]:
    source, name, seed, start, stop, checks = task
    return name, run_batch(_story_at(source), name, seed, start, stop, checks)


def simulate(story: CompiledStory, names: Iterable[str], runs: int, seed: int,
             jobs: int = 1, checked: Collection[str] = ()) -> dict[str, Tally]:
    """`runs` runs of each named policy; results are identical for any `jobs`.

    Policies named in `checked` are also checked move by move (see `run_batch`).
    """
    names = list(names)
    for name in names:
        policy(name)  # fail early on an unknown name
    jobs = min(jobs, usable_cores())  # more workers than cores only adds memory and waiting
    if jobs <= 1 or runs < 2:
        return {n: run_batch(story, n, seed, 0, runs, n in checked) for n in names}
    import multiprocessing

    size = -(-runs // jobs)
    tasks = [(story.source, n, seed, lo, min(runs, lo + size), n in checked)
             for n in names for lo in range(0, runs, size)]
    tallies = {n: Tally() for n in names}
    _inherited[story.source] = story
    try:
        with multiprocessing.get_context(_start_method()).Pool(jobs) as pool:
            for name, part in pool.imap(_batch_task, tasks):
                tallies[name].merge(part)
                progress.advance(part.runs)
    finally:
        _inherited.pop(story.source, None)
    return tallies


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the OS says, else all)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


def _start_method() -> str:
    import multiprocessing

    # fork reuses the already imported modules, which makes small batches cheap; where it
    # is missing (Windows) the default method works because workers load by path.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


# -- the report -------------------------------------------------------------------------------

def summary(story: CompiledStory, tally: Tally) -> dict[str, Any]:
    """The JSON form of one policy's results (layout in docs/simulate.md)."""
    n = max(tally.runs, 1)
    all_choices = [f"{s.id}/{c.id}" for s in story.scenes.values() for c in s.choices]
    meters = {pid: {m: round(tally.meters[f"{pid}.{m}"] / 100 / n, 2)
                    for m in ("trust", "defence")} for pid in story.params}
    return {
        "runs": tally.runs,
        "choices": tally.choices,
        "outcomes": {o: round(tally.outcomes[o] / n, 4) for o in OUTCOMES},
        "endings": {e: round(tally.endings[e] / n, 4) for e in _endings(story)},
        "mean_turns": round(tally.choices / n, 2),
        "earliest_deepened_turn": tally.earliest,
        "mean_meters": meters,
        "coverage": {
            "scenes": _coverage(list(story.scenes), tally.scenes),
            "choices": _coverage(all_choices, tally.picks),
        },
    }


def _endings(story: CompiledStory) -> list[str]:
    return [s.id for s in story.scenes.values() if s.ending is not None]


def _coverage(keys: list[str], counts: Counter[str]) -> dict[str, Any]:
    hits = {k: counts[k] for k in keys}
    return {"hit": sum(1 for v in hits.values() if v), "total": len(keys), "counts": hits}


def report(story: CompiledStory, tallies: dict[str, Tally], seed: int,
           seconds: float) -> dict[str, Any]:
    """The whole `--json` document."""
    runs = max((t.runs for t in tallies.values()), default=0)
    choices = sum(t.choices for t in tallies.values())
    total_runs = sum(t.runs for t in tallies.values())
    return {
        "story": story.id,
        "seed": seed,
        "runs": runs,
        "choices": choices,
        "seconds": round(seconds, 3),
        "playthroughs_per_second": round(total_runs / seconds, 1) if seconds > 0 else None,
        "choices_per_second": round(choices / seconds) if seconds > 0 else None,
        "policies": {name: summary(story, t) for name, t in tallies.items()},
    }


def timed(story: CompiledStory, names: Iterable[str], runs: int, seed: int,
          jobs: int = 1) -> dict[str, Any]:
    started = time.perf_counter()
    tallies = simulate(story, names, runs, seed, jobs)
    return report(story, tallies, seed, time.perf_counter() - started)


__all__ = ["MAX_TURNS", "OUTCOMES", "POLICIES", "Run", "Tally", "play", "report", "run_batch",
           "simulate", "summary", "timed"]
