"""Exhaustive search of a story's state space, for the deep lint and the story map.

Every reachable (scene, state) is expanded once: each available choice is taken from it
with a real `Session` (through the simulator's fast move, which a test holds identical to
`Session.choose`), so the explorer cannot disagree with play. Noise is handled
explicitly: moves are made in the session's deterministic mode (noise 0), and for every
disclosure the explorer also works out which landings the noise range could produce there
and follows each of them (the move made again at a noise that gives that landing), so
reactions, branches and everything a landing leads to are checked for every landing that
can happen, not only the one at noise 0.

States are memoised on a key that keeps everything conditions and the model can read:
scene, flags, each partner's layers, pending, rupture, topic count, the topics that can
still matter (those offered more than once), visit counts that expressions read (capped),
and trust and defence rounded to `resolution` points. Rounding is what keeps the search
finite; a verdict is therefore exact up to that resolution, and the deep lint confirms
"never" findings against simulated play before reporting them.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, deque
from collections.abc import Hashable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TextIO

from game.analysis.budget import WorkBudget
from game.errors import ConfideError
from game.model import classify, disclose, readiness
from game.progress import new_bar, wanted
from game.runtime import Session
from game.runtime.moves import transition
from game.runtime.state import Env, State
from game.story.compiled import CChoice, CompiledStory, CScene

VISIT_CAP = 8
"""Visit counts above this are keyed as equal: conditions compare them with small numbers."""


@dataclass
class Exploration:
    """What the search saw. Keys: scene ids, and (scene, choice id) pairs."""

    states: int = 0
    transitions: int = 0
    seconds: float = 0.0
    complete: bool = True  # False when the bound stopped the search
    resolution: float = 1.0
    scenes: Counter[str] = field(default_factory=Counter)  # states expanded per scene
    reached: set[str] = field(default_factory=set)  # scenes of every state found
    offered: Counter[tuple[str, str]] = field(default_factory=Counter)
    cond_true: Counter[tuple[str, str]] = field(default_factory=Counter)
    cond_false: Counter[tuple[str, str]] = field(default_factory=Counter)
    landings: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    targets: dict[str, set[str]] = field(default_factory=dict)  # scene -> fall-through targets
    lines_true: set[tuple[str, int]] = field(default_factory=set)
    dead_ends: Counter[str] = field(default_factory=Counter)
    stuck: dict[tuple[str, str], str] = field(default_factory=dict)  # choice -> error text
    trapped: Counter[str] = field(default_factory=Counter)  # scene -> states with no way out
    flags_set: set[str] = field(default_factory=set)
    outcomes: Counter[str] = field(default_factory=Counter)
    widest: dict[str, int] = field(default_factory=dict)  # scene -> most choices offered at once

    @property
    def rate(self) -> float:
        return self.states / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Graph:
    """The explored states as numbered nodes, with their moves as edges."""

    ids: dict[Hashable, int] = field(default_factory=dict)
    edges: list[list[int]] = field(default_factory=list)
    ended: list[bool] = field(default_factory=list)
    where: list[str] = field(default_factory=list)  # scene of each state

    def add(self, key: Hashable, st: State) -> tuple[int, bool]:
        """The state's number, and whether it is new."""
        found = self.ids.get(key)
        if found is not None:
            return found, False
        n = self.ids[key] = len(self.edges)
        self.edges.append([])
        self.ended.append(st.ending is not None)
        self.where.append(st.scene)
        return n, True


class Explorer:
    def __init__(self, story: CompiledStory, max_states: int = 100_000,
                 resolution: float = 1.0, progress: TextIO | None = None,
                 until_covered: bool = False, budget: WorkBudget | None = None) -> None:
        self.story = story
        self.budget = budget
        self.until_covered = until_covered  # stop once every scene has been entered
        self.max_states = max_states
        self.resolution = resolution
        self.progress = progress
        self.session = Session(story, 0, noise=False)
        self.pids = tuple(story.params)
        self.flag_names = tuple(story.meta.flags)
        self.flag_values = _values_of(self.flag_names)
        self.visit_refs, self.repeated = _key_parts(story)
        self.out = Exploration(resolution=resolution)

    def key(self, st: State) -> Hashable:
        res = self.resolution
        parts: list[Hashable] = [st.scene, st.ending]
        for pid in self.pids:
            p = st.partners[pid]
            parts.append((round(p.trust / res), round(p.defence / res), p.reached, p.opened,
                          len(p.topics), p.topics & self.repeated, p.pending, p.pending_topic,
                          p.ruptured))
        parts.append(self.flag_values(st.flags))
        seen = st.visits.get
        parts.append(tuple([min(seen(s, 0), VISIT_CAP) for s in self.visit_refs]))
        return tuple(parts)

    def run(self) -> Exploration:
        started = time.perf_counter()
        graph = _Graph()
        start = self.session.state
        graph.add(self.key(start), start)
        # Novelty first: a state reached by a move that showed something new (a scene, a
        # landing, a branch) is expanded before the rest, so a bounded search covers the
        # story broadly instead of only its first scenes.
        hot: list[tuple[int, State]] = [(0, start)]
        cold: deque[tuple[int, State]] = deque()
        queued = {start.scene}
        bar = new_bar("exploring", self.max_states, "states", self.progress)
        while hot or cold:
            if self.out.states >= self.max_states or (
                    self.until_covered and len(queued) == len(self.story.scenes)):
                self.out.complete = False
                break
            sid, st = hot.pop() if hot else cold.popleft()
            if self.budget is not None and not self.budget.charge(self.story, st.scene):
                cold.appendleft((sid, st))  # still unexplored: part of the frontier
                self.out.complete = False
                break
            for nxt, novel in self.expand(st):
                nid, new = graph.add(self.key(nxt), nxt)
                if new:
                    fresh = novel or nxt.scene not in queued
                    queued.add(nxt.scene)
                    (hot if fresh else cold).append((nid, nxt))
                graph.edges[sid].append(nid)
            bar.update()
        self.out.seconds = time.perf_counter() - started
        self.out.reached = queued
        self._traps(graph, {i for i, _ in hot} | {i for i, _ in cold})
        bar.close()
        return self.out

    def expand(self, st: State) -> list[tuple[State, bool]]:
        """Every state one choice away from `st`, recording what was seen on the way."""
        out = self.out
        out.states += 1
        out.scenes[st.scene] += 1
        if st.ending is not None:
            ending = self.story.scenes[st.ending]
            out.outcomes[ending.ending.outcome] += 1  # type: ignore[union-attr]
            self._observe(ending, st)  # an ending's lines are shown too: see which can be
            return []
        scene = self.story.scenes[st.scene]
        session = self.session
        session.state = st
        self._observe(scene, st)
        options = session.available()
        if len(options) > out.widest.get(st.scene, 0):
            out.widest[st.scene] = len(options)
        if not options:
            out.dead_ends[st.scene] += 1
            return []
        found: list[tuple[State, bool]] = []
        for c in options:
            session.state = st
            try:
                t = session.advance(c)  # the step without text, history or undo
                landing, target = t.landing, t.target
            except ConfideError as exc:
                out.stuck.setdefault((scene.id, c.id), str(exc))
                continue
            out.transitions += 1
            new = session.state
            broken = any(p.ruptured for p in new.partners.values())
            found.append((new, self._record(scene, c, st, landing, target, broken)))
            if c.kind == "disclose" and c.layer > 0:
                found += self._other_landings(scene, c, st, landing)
        return found

    def _other_landings(self, scene: CScene, c: CChoice, st: State,
                        seen: str) -> list[tuple[State, bool]]:
        """The same disclosure made at a noise that lands it differently: where each other
        landing the noise range allows leads (a false "never" otherwise: a choice reachable
        only after a warm landing that noise 0 judges)."""
        found: list[tuple[State, bool]] = []
        for landing, noise in landing_noises(self.story, c, st).items():
            if landing == seen:
                continue
            t = transition(self.story, st, c, 0, False, False, at_noise=noise)
            self.out.transitions += 1
            broken = any(p.ruptured for p in t.state.partners.values())
            found.append((t.state, self._record(scene, c, st, t.landing, t.target, broken)))
        return found

    def _observe(self, scene: CScene, st: State) -> None:
        env = Env(st, self.story.params)
        for i, line in enumerate(scene.lines):
            # A line reading the closing is false in every state (the closing needs a whole
            # run): evaluating it on each state would only spend the work budget.
            if line.cond is not None and (scene.id, i) not in self.out.lines_true \
                    and not line.reads_closing and line.cond.evaluate(env):
                self.out.lines_true.add((scene.id, i))
        for c in scene.choices:
            key = (scene.id, c.id)
            if c.cond is None:
                self.out.offered[key] += 1
            elif c.cond.evaluate(env):
                self.out.offered[key] += 1
                self.out.cond_true[key] += 1
            else:
                self.out.cond_false[key] += 1

    def _record(self, scene: CScene, c: CChoice, st: State, landing: str, target: str,
                ruptured: bool) -> bool:
        """Note what this move showed; True if any of it was new."""
        out = self.out
        seen = out.landings.setdefault((scene.id, c.id), set())
        before = len(seen)
        seen.add(landing)
        if c.kind == "disclose" and c.layer > 0:
            seen |= possible_landings(self.story, c, st)
        novel = len(seen) > before
        for effect in c.effects_for(landing):
            if effect.target[0] == "flag":
                out.flags_set.add(effect.target[1])
        if not ruptured and not own_target(c, landing):
            targets = out.targets.setdefault(scene.id, set())
            novel = novel or target not in targets
            targets.add(target)
        entered = self.story.scenes[target]
        for effect in entered.on_enter:
            if effect.target[0] == "flag":
                out.flags_set.add(effect.target[1])
        return novel

    def _traps(self, graph: _Graph, frontier: set[int]) -> None:
        # States that cannot reach an ending; unexpanded ones are given the benefit of doubt.
        edges, where = graph.edges, graph.where
        back: list[list[int]] = [[] for _ in edges]
        for a, succ in enumerate(edges):
            for b in succ:
                back[b].append(a)
        ok = [e or i in frontier for i, e in enumerate(graph.ended)]
        todo = [i for i, good in enumerate(ok) if good]
        while todo:
            for a in back[todo.pop()]:
                if not ok[a]:
                    ok[a] = True
                    todo.append(a)
        for i, good in enumerate(ok):
            if not good and edges[i]:
                self.out.trapped[where[i]] += 1


def own_target(c: CChoice, landing: str) -> bool:
    """Whether the choice's own `next` decides where this landing goes (no fall-through)."""
    nxt = c.next
    return bool(nxt.get(landing) or (landing == "reciprocated" and nxt.get("supportive"))
                or nxt.get("default"))


def possible_landings(story: CompiledStory, c: CChoice, st: State) -> set[str]:
    """The landings a disclosure could have from `st` anywhere in the noise range."""
    return set(landing_noises(story, c, st))


def landing_noises(story: CompiledStory, c: CChoice, st: State) -> dict[str, float]:
    """Each landing a disclosure could have from `st` in the noise range, with a noise that
    gives it; empty when the noise cannot change the landing."""
    p = st.partners[c.partner]
    if p.ruptured:
        return {}
    params = story.params[c.partner]
    a = params.noise
    base = readiness(p, c.layer, params, 0.0, c.topic, c.invited).total
    if classify(base - a, params) == classify(base + a, params):
        return {}  # one class whatever the noise: the move made shows its landing
    # The model itself decides at noise values on each side of the class boundaries
    # (whether a well-received move is also reciprocated depends on more than readiness).
    band = params.neutral_band
    candidates = {-a, a, -base, -base - 0.01, -base - band, -base - band - 0.01}
    found: dict[str, float] = {}
    for noise in sorted(candidates):
        if -a <= noise <= a:
            _, exp = disclose(p, layer=c.layer, emotional=c.emotional, topic=c.topic,
                              params=params, noise=noise, apology=bool(c.sorry_for),
                              mends=story.mends(c), invited=c.invited)
            found.setdefault(exp.landing, noise)
    return found


def _values_of(names: tuple[str, ...]) -> Any:
    """A function of a mapping: the tuple of its values at `names`, in order (the state key
    builds it for every state it meets, so one C-level `itemgetter` call, not a loop)."""
    if len(names) > 1:
        return itemgetter(*names)
    if names:
        return lambda found: (found[names[0]],)
    return lambda found: ()


def _key_parts(story: CompiledStory) -> tuple[tuple[str, ...], frozenset[str]]:
    """Visit counts that expressions read, and the topics whose membership can still matter:
    offered by more than one choice, or by a choice in a scene play can come back to."""
    visits: set[str] = set()
    conds = [c.cond for s in story.scenes.values() for c in s.choices]
    conds += [cond for s in story.scenes.values() for cond, _ in s.branches]
    conds += [ln.cond for s in story.scenes.values() for ln in s.lines]
    effects = [e for s in story.scenes.values() for e in s.on_enter]
    effects += [e for s in story.scenes.values() for c in s.choices for e in c.every_effect()]
    for cond in conds:
        if cond is not None:
            visits |= {name for head, name in cond.refs if head == "visits"}
    for effect in effects:
        visits |= {name for head, name in effect.refs if head == "visits"}
    topics = Counter(c.topic for s in story.scenes.values() for c in s.choices
                     if c.kind == "disclose" and c.topic)
    looping = _looping_scenes(story)
    again = {c.topic for sid in looping for c in story.scenes[sid].choices if c.topic}
    repeated = {t for t, n in topics.items() if n > 1 or t in again}
    return tuple(sorted(visits)), frozenset(repeated)


def _looping_scenes(story: CompiledStory) -> set[str]:
    """Scenes that lie on a cycle of the scene graph."""
    succ = {sid: set(scene_targets(s)) for sid, s in story.scenes.items()}
    out = set()
    for sid in succ:
        seen: set[str] = set()
        todo = list(succ[sid])
        while todo:
            nxt = todo.pop()
            if nxt == sid:
                out.add(sid)
                break
            if nxt not in seen and nxt in succ:
                seen.add(nxt)
                todo.extend(succ[nxt])
    return out


def scene_targets(scene: CScene) -> list[str]:
    """Every scene a scene can lead to by its choices, branches and `next`."""
    out = [to for c in scene.choices for to in c.next.values()]
    out += [to for _, to in scene.branches]
    if scene.next:
        out.append(scene.next)
    return out


def explore(story: CompiledStory, max_states: int = 100_000, resolution: float = 1.0,
            progress: bool | None = None, until_covered: bool = False,
            budget: WorkBudget | None = None) -> Exploration:
    """Run the search; a progress bar goes to stderr only on a terminal (game.progress).

    With `until_covered` the search stops as soon as every scene has been reached (or
    queued to be), which proves reachability without exploring everything.
    """
    show = wanted() if progress is None else progress
    # The bar's own control codes (carriage return, clear line) must reach the terminal,
    # so it writes past the CLI's escaping wrapper; it prints only numbers.
    stream = getattr(sys.stderr, "raw", sys.stderr)
    explorer = Explorer(story, max_states, resolution, stream if show else None,
                        until_covered, budget)
    return explorer.run()
