"""The deep lint: what only exploring the state space (and playing) can show.

Two witnesses are combined. The explorer expands every reachable (scene, state) up to a
bound; seeded runs of every archetype add concrete playthroughs, including ones that need
the model's noise. A "never" finding is reported only when neither witness saw the thing.
Codes W101 and up, E101 and up; docs/lint.md explains each one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from game.analysis.budget import WorkBudget
from game.analysis.explorer import Exploration, explore, own_target, scene_targets
from game.analysis.policies import POLICIES
from game.analysis.simulate import Run, play
from game.story.compiled import CChoice, CompiledStory
from game.story.diagnostics import CODES as ALL_CODES
from game.story.diagnostics import Diagnostic, Mark
from game.story.semantic import reachable

CODES: dict[str, str] = {code: title for code, title in ALL_CODES.items()
                        if code[1:2] == "1"}  # the deep-lint share of the one registry
NEEDS_PROOF = frozenset({"W101", "W102", "W103", "W105", "W106", "W107", "W109", "W111"})
"""Findings reported only when the search was complete (not stopped by the bound)."""
WITNESS_RUNS = 40
"""Seeded runs per archetype that back up the explorer (plus the same again for random)."""
MAX_UNTESTED_SHOWN = 200
"""UNTESTED items printed as text; a pathological story can have tens of thousands."""
WITNESS_TURNS = 200
"""A witness run is cut off after this many moves (a loop; the explorer reports it)."""


def short(source: str, most: int = 80) -> str:
    """An expression for a message, cut short: a story may repeat a very long one."""
    return source if len(source) <= most else source[: most - 3] + "..."


@dataclass
class Witness:
    """What seeded playthroughs saw."""

    runs: int = 0
    unfinished: int = 0
    scenes: set[str] = field(default_factory=set)
    picked: set[tuple[str, str]] = field(default_factory=set)
    landings: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    targets: dict[str, set[str]] = field(default_factory=dict)

    def add(self, story: CompiledStory, run: Run) -> None:
        self.runs += 1
        self.unfinished += run.outcome == "unfinished"
        self.scenes |= set(run.state.visits)
        for scene, cid, _, landing, target in run.picks:
            self.picked.add((scene, cid))
            self.landings.setdefault((scene, cid), set()).add(landing)
            choice = story.scenes[scene].choice(cid)
            if landing != "ruptured" and target != story.rupture and (
                    choice is None or not own_target(choice, landing)):
                self.targets.setdefault(scene, set()).add(target)


def witness(story: CompiledStory, runs: int = WITNESS_RUNS, seed: int = 0,
            budget: WorkBudget | None = None) -> Witness:
    w = Witness()
    charge = None if budget is None else partial(budget.charge, story)
    for name in (*POLICIES, "random"):
        for i in range(runs):
            if budget is not None and budget.spent:
                return w
            offset = runs if name == "random" else 0  # a second, different set of random runs
            w.add(story, play(story, name, seed + i + offset, max_turns=WITNESS_TURNS,
                              charge=charge))
    return w


@dataclass
class DeepReport:
    diagnostics: list[Diagnostic]
    untested: list[str]
    exploration: Exploration
    witness: Witness
    budget: WorkBudget | None = None

    def summary(self) -> list[str]:
        """The ChoiceScript-style UNTESTED list and the search figures, as lines of text."""
        e = self.exploration
        out = [f"explored {e.states:,} states in {e.seconds:.2f} s ({e.rate:,.0f} states/s; "
               f"meters merged within {e.resolution:g} points); {self.witness.runs} seeded "
               "playthroughs"]
        if self.budget is not None and self.budget.spent:
            out.append(f"the deep lint stopped at {self.budget.spent}: 'never' and 'always' "
                       "findings are listed as UNTESTED, not warned about")
        elif not e.complete:
            out.append("the search stopped at the bound (--max-states): 'never' and 'always' "
                       "findings are listed as UNTESTED, not warned about")
        if self.untested:
            out.append(f"UNTESTED ({len(self.untested)}):")
            out += [f"  {item}" for item in self.untested[:MAX_UNTESTED_SHOWN]]
            if len(self.untested) > MAX_UNTESTED_SHOWN:
                out.append(f"  ... and {len(self.untested) - MAX_UNTESTED_SHOWN:,} more "
                           "(all of them in --format json)")
        else:
            out.append("UNTESTED: nothing; every scene, choice, reaction and branch was exercised")
        return out


class _Lint:
    def __init__(self, story: CompiledStory, e: Exploration, w: Witness) -> None:
        self.story, self.e, self.w = story, e, w
        self.diags: list[Diagnostic] = []
        self.untested: list[str] = []

    def at(self, *loc: str | int) -> Mark:
        located = self.story.located
        return located.mark_for(loc) if located is not None else Mark(self.story.source, 1, 1)

    def add(self, code: str, message: str, *loc: str | int) -> None:
        if code in NEEDS_PROOF and not self.e.complete:
            # A bounded search cannot prove "never" or "always": the UNTESTED list says
            # what was not seen, and no warning claims more than that.
            if code in ("W105", "W107"):
                self.untested.append(message + " (within the bound)")
            return
        self.diags.append(self.at(*loc).diag(code, message))

    def choices(self) -> Iterator[tuple[str, int, CChoice]]:
        for sid, scene in self.story.scenes.items():
            for i, c in enumerate(scene.choices):
                yield sid, i, c

    def reached(self, sid: str) -> bool:
        return sid in self.e.reached or sid in self.w.scenes

    def scenes(self) -> None:
        graph = reachable(self.story)  # graph-unreachable scenes already have W001
        for sid, scene in self.story.scenes.items():
            if sid in graph and not self.reached(sid) and sid != self.story.rupture:
                if scene.ending is not None:
                    self.add("W102", f"ending '{sid}' ({scene.ending.outcome}) is never "
                             "reached: no play satisfies the conditions on the way", "scenes", sid)
                else:
                    self.add("W101", f"scene '{sid}' is never reached: the conditions on "
                             "every way in are never true in play", "scenes", sid)
            if not self.reached(sid):
                self.untested.append(f"scene '{sid}' (line {self.at('scenes', sid).line})")
        for sid, n in sorted(self.e.dead_ends.items()):
            self.add("E101", f"play can stop in scene '{sid}' with no choice available "
                     f"(in {n:,} explored states): every choice's condition is false and "
                     "there is no 'next' or branch to fall back on", "scenes", sid)
        for (sid, cid), text in sorted(self.e.stuck.items()):
            self.add("E101", f"choice '{cid}' can lead nowhere: {text}", "scenes", sid)
        for group in self.loops():
            names = ", ".join(f"'{s}'" for s in group)
            self.add("W104", f"play can go round {names} forever without reaching an "
                     "ending", "scenes", group[0])

    def loops(self) -> list[list[str]]:
        """Trapped scenes, grouped by the scene edges between them, in story order."""
        trapped = [sid for sid in self.story.scenes if self.e.trapped[sid]]
        group_of = {sid: i for i, sid in enumerate(trapped)}
        for sid in trapped:
            for to in scene_targets(self.story.scenes[sid]):
                if to in group_of and group_of[to] != group_of[sid]:
                    old, new = group_of[to], group_of[sid]
                    group_of = {k: new if g == old else g for k, g in group_of.items()}
        groups: dict[int, list[str]] = {}
        for sid in trapped:
            groups.setdefault(group_of[sid], []).append(sid)
        return list(groups.values())

    def conditions(self) -> None:
        for sid, i, c in self.choices():
            key = (sid, c.id)
            if not self.reached(sid):
                continue
            if c.cond is not None and not self.e.offered[key] and key not in self.w.picked:
                self.add("W103", f"choice '{c.id}' is never available: its condition "
                         f"'{short(c.cond.source)}' is never true in scene '{sid}'",
                         "scenes", sid, "choices", i)
                self.untested.append(f"choice '{sid}/{c.id}' (condition never true)")
            elif c.cond is not None and not self.e.cond_false[key] and self.e.cond_true[key]:
                self.add("W105", f"choice '{c.id}': condition '{short(c.cond.source)}' is true "
                         f"in every explored state of scene '{sid}' ({self.e.cond_true[key]:,} "
                         "explored), so it never hides the choice", "scenes", sid, "choices", i)
        for sid, scene in self.story.scenes.items():
            for i, line in enumerate(scene.lines):
                if line.cond is not None and self.reached(sid) \
                        and (sid, i) not in self.e.lines_true:
                    # The search sees states, not the closing sentences a whole run earns.
                    why = "reads the closing sentences (see simulate --closings)" \
                        if line.reads_closing else "never true"
                    self.untested.append(f"line {i + 1} of scene '{sid}': condition "
                                         f"'{short(line.cond.source)}' {why}")

    def branches(self) -> None:
        for sid, scene in self.story.scenes.items():
            if not scene.branches or not self.reached(sid):
                continue
            taken = self.e.targets.get(sid, set()) | self.w.targets.get(sid, set())
            counts = Counter(to for _, to in scene.branches)
            for i, (cond, to) in enumerate(scene.branches):
                if counts[to] > 1 or to in taken:
                    continue
                what = f"'if: {short(cond.source)}'" if cond is not None else "without a condition"
                self.add("W106", f"branch {i + 1} of scene '{sid}' ({what}, to '{to}') is "
                         "never taken in play", "scenes", sid, "branches", i)
                self.untested.append(f"branch {i + 1} of scene '{sid}' (to '{to}')")

    def reactions(self) -> None:
        for sid, i, c in self.choices():
            seen = self.e.landings.get((sid, c.id), set()) | self.w.landings.get((sid, c.id),
                                                                                 set())
            happened = {"supportive" if x == "reciprocated" else x for x in seen}
            if c.reactions and "default" not in c.reactions:
                # a reciprocated landing shows its own text, else the supportive one
                missing = sorted(x for x in seen if x not in ("plain", "ruptured")
                                 and x not in c.reactions
                                 and not (x == "reciprocated" and "supportive" in c.reactions))
                if missing:
                    self.add("W108", f"choice '{c.id}' can land {', '.join(missing)} in play "
                             "but has no reaction for it", "scenes", sid, "choices", i)
            if not self.reached(sid):
                continue
            for what, keyed in (("reaction", c.reactions), ("next for", c.next),
                                ("reason for", c.because), ("effects for", c.effects_on)):
                for landing in keyed:
                    if landing in ("default", "premature") or landing in seen | happened:
                        continue
                    self.untested.append(f"{what} '{landing}' of '{sid}/{c.id}'")
                    if keyed is c.because:
                        self.add("W111", f"choice '{c.id}' never lands {landing} in play, so "
                                 f"its because: for {landing} is never shown",
                                 "scenes", sid, "choices", i, "because", landing)
                    elif keyed is c.effects_on:
                        self.add("W111", f"choice '{c.id}' never lands {landing} in play, so "
                                 f"its effects for {landing} never run",
                                 "scenes", sid, "choices", i, "effects", landing)

    def flags(self) -> None:
        setters: set[str] = set()
        for scene in self.story.scenes.values():
            effects = [*scene.on_enter, *(e for c in scene.choices for e in c.every_effect())]
            setters |= {e.target[1] for e in effects if e.target[0] == "flag"}
        done = set(self.e.flags_set)
        for (sid, cid), seen in self.w.landings.items():
            c = self.story.scenes[sid].choice(cid)
            if c is None:
                continue
            for landing in seen:
                done |= {e.target[1] for e in c.effects_for(landing) if e.target[0] == "flag"}
        for sid in self.w.scenes:
            done |= {e.target[1] for e in self.story.scenes[sid].on_enter
                     if e.target[0] == "flag"}
        for name in self.story.meta.flags:
            if name in setters and name not in done:
                self.add("W107", f"flag '{name}' is never set in play: every effect that "
                         "sets it is in a choice or scene play never reaches", "flags", name)

    def partners(self) -> None:
        """Partners whose meters no move in play ever touches."""
        moved: set[str] = set()
        for sid, cid in set(self.e.landings) | self.w.picked:
            c = self.story.scenes[sid].choice(cid)
            if c is not None and c.kind != "plain":
                moved.add(c.partner)
        offered = {c.partner for _, _, c in self.choices() if c.kind != "plain"}
        for pid in self.story.meta.characters.partners:
            if pid in moved:
                continue
            why = "no choice in the story is a move towards them" if pid not in offered \
                else "no move towards them is ever available in play"
            code = "W109" if pid in offered else "W110"
            self.add(code, f"partner '{pid}': trust and defence never change, because {why}",
                     "characters", "partners", pid)


def deep_check(story: CompiledStory, max_states: int = 50_000, resolution: float = 5.0,
               progress: bool | None = None, budget: WorkBudget | None = None) -> DeepReport:
    """Explore and play `story` within `budget` (by default the standard one, see
    game/analysis/budget.py); past it the report lists what was not seen as UNTESTED."""
    budget = budget if budget is not None else WorkBudget()
    e = explore(story, max_states, resolution, progress, budget=budget)
    w = witness(story, budget=budget)
    if budget.spent:
        e.complete = False  # the playthroughs were cut short too: nothing is proven
    lint = _Lint(story, e, w)
    lint.scenes()
    lint.conditions()
    lint.branches()
    lint.reactions()
    lint.flags()
    lint.partners()
    diags = sorted(lint.diags, key=lambda d: (d.path, d.line, d.col, d.code))
    return DeepReport(diags, lint.untested, e, w, budget)


def deep_lint(story: CompiledStory, max_states: int = 30_000) -> list[Diagnostic]:
    """The deep lint's diagnostics, for `confide check` (codes in docs/lint.md).

    The bound is lower than `confide explore`'s so checking many stories stays quick; a
    search the bound stops reports only what it can prove (see `NEEDS_PROOF`).
    """
    return deep_check(story, max_states, progress=False).diagnostics
