"""A playthrough's state kept live for a whole simulated run: the batch run's step.

`transition` (moves.py) takes an immutable `State` and returns new ones, which the session
needs (undo, history, explanations). A batch of simulated runs needs none of that, and
building and unpacking those records on every move had become a large share of a step. So a
batch run keeps one mutable record for the run: each partner as a `Draft` (log=False),
flags and visits as dicts, all changed in place and read by one `Env`; it freezes a `State`
only when the run ends. The model's rules run through the same bodies the pure functions wrap
(`disclose_on`, `author_set_on`, ...), and the step shares `transition`'s pieces (`offered`,
`unanswered`, `left_behind`, `model_move`, the targets), so no rule has a second home. The
order of the step itself mirrors `transition`: tests/analysis/test_batchstep.py compares the
two move by move (every landing, record, scene entered and the whole state) over every
bundled story and fixture and every policy.
"""

from __future__ import annotations

from game.model import (
    Draft,
    Explanation,
    apologise_on,
    author_set_on,
    leave_unanswered_on,
    scene_discloses_on,
)
from game.runtime.moves import (
    branch_target,
    fixed_target,
    left_behind,
    model_move,
    offered,
    unanswered,
)
from game.runtime.state import Env, State
from game.story.compiled import CChoice, CompiledStory
from game.story.expr import Effect

Step = tuple[str, Explanation | None, str]
"""What a step shows: the landing, the model's record of the move (None for a plain choice)
and the scene entered, as `Transition`'s fields of the same names."""


class LiveRun:
    """One playthrough from `start` with `seed` (noise on), taking every step in place."""

    __slots__ = ("ending", "env", "flags", "partners", "scene", "seed", "story", "turn",
                 "visits")

    def __init__(self, story: CompiledStory, start: State, seed: int) -> None:
        self.story = story
        self.seed = seed
        self.scene, self.turn, partners, flags, visits, self.ending = start
        # Drafts that log nothing: the run reads only numbers and landings (see `Draft`).
        self.partners = {pid: Draft(p, None, False) for pid, p in partners.items()}
        self.flags = dict(flags)
        self.visits = dict(visits)
        self.env = Env.over(self.partners, self.flags, self.visits, story.params)

    def state(self) -> State:
        """The run's state now, frozen (the run's dicts go with it: take it at the end)."""
        partners = {pid: d.freeze() for pid, d in self.partners.items()}
        return State(self.scene, self.turn, partners, self.flags, self.visits, self.ending)

    def available(self) -> tuple[CChoice, ...]:
        """As `moves.available` gives for `state()`."""
        if self.ending is not None:
            return ()
        return offered(self.story.scenes[self.scene], self.env)

    def step(self, choice: CChoice) -> Step:
        """Take `choice` (available now): `transition`'s step, in `transition`'s order."""
        story = self.story
        partners, params = self.partners, story.params
        kind = choice.kind
        left = False  # whether leaving a partner unanswered changed anyone
        ignored: tuple[str, ...] = ()
        # Only a scene that offers an answer can leave a partner unanswered.
        if kind != "respond" and story.scenes[self.scene].responds:
            ignored = unanswered(partners, self.available)
            for pid in left_behind(choice, ignored):
                left = leave_unanswered_on(partners[pid], params[pid]) or left
        if kind == "plain":
            landing, explanation = "plain", None
            if choice.sorry_for and story.mends(choice):
                apologise_on(partners[choice.partner])
        else:
            pid = choice.partner
            explanation = model_move(partners[pid], choice, params[pid], pid in ignored,
                                     self.seed, self.turn, True, None, story.mends(choice))
            self.turn += 1  # model moves only, as `transition` counts them
            landing = explanation.landing
        effects = choice.effects_for(landing) if choice.effects_on else choice.effects
        if effects:
            self._effects(effects, "author.choice")
            ruptured = self._broken()
        else:  # only the model moved, and only this partner can have broken off
            ruptured = self._broken() if left else explanation is not None and \
                explanation.ruptured
        target = story.rupture if ruptured else choice.always or \
            fixed_target(choice, landing) or branch_target(story, choice, self.env)
        if self._enter(target) and not ruptured and self._broken():
            # An on_enter effect broke the relationship: the rupture cannot wait a move.
            target = story.rupture
            self._enter(target)
        return landing, explanation, target

    def _enter(self, sid: str) -> bool:
        """`moves.enter`: the visit, the scene's on_enter effects, then a partner's confidence
        it opens with. True when an effect set a partner's meter (only that can break one)."""
        scene = self.story.scenes[sid]
        visits = self.visits
        visits[sid] = visits.get(sid, 0) + 1
        self.scene = sid
        self.ending = sid if scene.ending is not None else None
        metered = self._effects(scene.on_enter, "author.scene") if scene.on_enter else False
        disclosure = scene.disclosure
        if disclosure is not None:
            scene_discloses_on(self.partners[disclosure.partner or scene.partner],
                               disclosure.layer, disclosure.topic)
        return metered

    def _effects(self, effects: tuple[Effect, ...], key: str) -> bool:
        """`state.apply_effects` on the live state; True when one set a partner's meter."""
        env, params, metered = self.env, self.story.params, False
        for effect in effects:
            value = effect.compute(env)  # later effects read what earlier ones set
            name = effect.flag
            if name is not None:
                # Already of the flag's own type (see `apply_effects`).
                self.flags[name] = value  # type: ignore[assignment]  # never a float
                continue
            head, meter = effect.target
            author_set_on(self.partners[head], meter, float(value), params[head], key)
            metered = True
        return metered

    def _broken(self) -> bool:
        for p in self.partners.values():  # noqa: SIM110  # a loop: see `moves._broken`
            if p.ruptured:
                return True
        return False
