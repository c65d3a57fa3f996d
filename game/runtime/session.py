"""A deterministic playthrough of one story.

Same story + same seed + same choices gives the same playthrough everywhere: the window,
the terminal, the simulator and the tests. The only randomness is the model's noise,
derived from (seed, turn) by a pure hash, so nothing hidden needs saving.
"""

from __future__ import annotations

from functools import partial
from typing import Any, NamedTuple

from game.errors import RestoreError, SessionError
from game.model import (
    Delta,
    Explanation,
    PartnerState,
    ask,
    disclose,
    leave_unanswered,
    noise_for,
    respond,
    scene_discloses,
    verdict,
)
from game.model.explain import build_explanation, tagged
from game.runtime.state import Env, State, apply_effects, initial_state
from game.runtime.views import ChoiceView, EndingView, LineView, Result, Step, View
from game.story.compiled import CChoice, CLine, CompiledStory, CScene

CONTINUE = "continue"
MOODS = {"supportive": "warm", "reciprocated": "warm", "welcome": "warm",
         "judgemental": "guarded", "intrusion": "guarded", "dismissive": "hurt"}


class Session:
    def __init__(self, story: CompiledStory, seed: int = 0, *, noise: bool = True) -> None:
        self.story = story
        self.seed = seed
        self.noise = noise
        self.state = initial_state(story)
        self.history: list[Step] = []
        self._stack: list[State] = []
        self._mood = "neutral"
        self.changed_story = False  # set when restored into an edited story
        self._lines: dict[int, tuple[LineView, ...]] = _line_cache(story)
        # What entering the start scene changed belongs to the start, not to step 1.
        self.state, self.opening = self._enter(self.state, story.start)

    @classmethod
    def start(cls, story: CompiledStory, seed: int = 0) -> Session:
        return cls(story, seed)

    # -- reading ---------------------------------------------------------------
    @property
    def scene(self) -> CScene:
        return self.story.scenes[self.state.scene]

    @property
    def ended(self) -> bool:
        return self.state.ending is not None

    def ending(self) -> EndingView | None:
        if self.state.ending is None:
            return None
        scene = self.story.scenes[self.state.ending]
        assert scene.ending is not None  # an ending id always names an ending scene
        e = scene.ending
        return EndingView(scene=scene.id, title=e.title, outcome=e.outcome,
                          reflection=e.reflection)

    def available(self) -> tuple[CChoice, ...]:
        """The choices the player may take now, in story order."""
        if self.ended:
            return ()
        scene = self.scene
        if scene.unconditional:
            found = scene.choices
        else:
            env = Env(self.state, self.story.params)
            found = tuple(c for c in scene.choices if c.cond is None or c.cond.evaluate(env))
        if not found and (scene.next or scene.branches):
            cont: dict[str, CChoice] = self.story.cache.setdefault("continue", {})
            if scene.id not in cont:
                cont[scene.id] = continue_choice(scene)
            return (cont[scene.id],)
        return found

    def view(self, facilitator: bool = False) -> View:
        scene = self.scene
        return View(
            scene=scene.id, title=scene.title, background=scene.background,
            partner=scene.partner, partner_name=self.story.name_of(scene.partner),
            mood=scene.mood or self._mood, lines=self.lines(scene.lines),
            choices=tuple(choice_view(c) for c in self.available()),
            ending=self.ending(), turn=self.state.turn,
            meters=self.meters() if facilitator else None,
        )

    def lines(self, lines: tuple[CLine, ...], state: State | None = None) -> tuple[LineView, ...]:
        """The lines whose conditions hold in `state` (by default the current one)."""
        cached = self._lines.get(id(lines))
        if cached is not None:
            return cached
        env = Env(self.state if state is None else state, self.story.params)
        name = self.story.name_of
        out = tuple(LineView(ln.speaker, name(ln.speaker), ln.text, ln.mood)
                    for ln in lines if ln.cond is None or ln.cond.evaluate(env))
        if all(ln.cond is None for ln in lines):
            # Unconditional text never changes, and the simulator asks for it every move.
            self._lines[id(lines)] = out
        return out

    def meters(self) -> dict[str, dict[str, Any]]:
        out = {}
        for pid, p in self.state.partners.items():
            data = p.to_json()
            data["verdict"] = verdict(p, self.story.params[pid])
            out[pid] = data
        return out

    # -- moving ----------------------------------------------------------------
    def choose(self, choice_id: str) -> Result:
        if self.ended:
            raise SessionError("the story has ended; there is nothing left to choose")
        choice = self._find(choice_id)
        if choice is None:
            ids = ", ".join(c.id for c in self.available())
            raise SessionError(f"'{choice_id}' is not a choice here (scene "
                               f"'{self.state.scene}'; choices: {ids})")
        before, scene_lines = self.state, self.scene.lines
        t = self.transition(choice)
        reaction = self._reaction(choice, t.landing, t.after_move)
        self._stack.append(before)
        self.state = t.state
        self._mood = MOODS.get(t.landing, "neutral")
        result = Result(self._choice_view(choice), choice.say, t.landing, reaction,
                        t.explanation, choice.partner, t.target, t.ruptured,
                        self.ending() if t.state.ending else None)
        # What was on screen is worked out only if someone reads the history.
        self.history.append(Step(before.scene, result,
                                 partial(self.lines, scene_lines, before)))
        return result

    def transition(self, choice: CChoice) -> Transition:
        """What taking an available choice would do, without doing it.

        Every change on the way goes through the model and is logged: a partner left
        unanswered, the move itself, the choice's effects and the next scene's entry.
        """
        state, ignored = self.state, self._unanswered(choice)
        before: list[Delta] = []
        if ignored:
            state, before = self._leave(state, choice, ignored)
        state, landing, explanation = self._move(state, choice, choice.partner in ignored)
        after: list[Delta] = []
        if choice.effects:
            after_move, after = apply_effects(state, choice.effects, self.story.params)
            ruptured = _broken(after_move)
        else:  # only the model moved, and only this partner can have broken off
            after_move = state
            ruptured = _broken(state) if before else (
                choice.kind != "plain" and state.partners[choice.partner].ruptured)
        target = self.story.rupture if ruptured else self._target(choice, landing, after_move)
        state, entered = self._enter(after_move, target)
        after += entered
        if not ruptured and _broken(state):
            # An on_enter effect broke the relationship: the rupture cannot wait a move.
            ruptured, target = True, self.story.rupture
            state, entered = self._enter(state, target)
            after += entered
        if before or after:
            explanation = _merged(choice, explanation, before, after, state)
        return Transition(landing, explanation, after_move, target, ruptured, state)

    def _unanswered(self, choice: CChoice) -> tuple[str, ...]:
        """Partners whose pending disclosure the player could have answered and did not."""
        if choice.kind == "respond":
            return ()
        partners = self.state.partners
        for p in partners.values():
            if p.pending:
                break
        else:
            return ()
        if not self.scene.responds:
            return ()
        offered = {c.partner for c in self.available() if c.kind == "respond"}
        return tuple(pid for pid, p in partners.items() if p.pending and pid in offered)

    def _leave(self, state: State, choice: CChoice,
               ignored: tuple[str, ...]) -> tuple[State, list[Delta]]:
        """Partners other than the one this move addresses, left unanswered."""
        deltas: list[Delta] = []
        partners = dict(state.partners)
        for pid in ignored:
            if pid == choice.partner and choice.kind != "plain":
                continue  # the move itself carries it (model rule R-UNANSWERED)
            partners[pid], changes = leave_unanswered(partners[pid], self.story.params[pid])
            deltas += [tagged(d, pid) for d in changes]
        return state._replace(partners=partners), deltas

    def advance(self, choice: CChoice) -> Transition:
        """Take an available choice without text, history or undo: the simulator's move."""
        t = self.transition(choice)
        self.state = t.state
        return t

    def _find(self, choice_id: str) -> CChoice | None:
        """The available choice with this id, without building the whole list."""
        choice = self.scene.choice(choice_id)
        if choice is not None:
            ok = choice.cond is None or choice.cond.evaluate(Env(self.state, self.story.params))
            return choice if ok else None
        return next((c for c in self.available() if c.id == choice_id), None)

    def _choice_view(self, c: CChoice) -> ChoiceView:
        # Keyed by identity: the story holds every choice for as long as the cache exists.
        views: dict[int, ChoiceView] = self.story.cache.setdefault("choices", {})
        found = views.get(id(c))
        if found is None:
            found = views[id(c)] = choice_view(c)
        return found

    def _move(self, state: State, c: CChoice,
              unanswered: bool) -> tuple[State, str, Explanation | None]:
        if c.kind == "plain":
            return state, "plain", None
        # The turn counts model moves only, so noise does not shift when plain choices do.
        p = state.partners[c.partner]
        params = self.story.params[c.partner]
        new: PartnerState
        if c.kind == "disclose":
            # Small talk always lands the same way, so it needs no noise.
            noise = noise_for(self.seed, state.turn, params.noise) \
                if self.noise and c.layer else 0.0
            new, exp = disclose(p, layer=c.layer, emotional=c.emotional, topic=c.topic,
                                params=params, noise=noise, unanswered=unanswered)
        elif c.kind == "ask":
            new, exp = ask(p, layer=c.layer, topic=c.topic, params=params,
                           unanswered=unanswered)
        else:
            new, exp = respond(p, response=c.response or "neutral", layer=0, params=params)
        partners = {**state.partners, c.partner: new}
        s = state
        return State(s.scene, s.turn + 1, partners, s.flags, s.visits, s.ending), exp.landing, exp

    def _reaction(self, c: CChoice, landing: str, state: State) -> tuple[LineView, ...]:
        lines = c.reactions.get(landing)
        if lines is None and landing == "reciprocated":
            lines = c.reactions.get("supportive")
        if lines is None:
            lines = c.reactions.get("default", ())
        saved, self.state = self.state, state
        try:
            return self.lines(lines)
        finally:
            self.state = saved

    def _target(self, c: CChoice, landing: str, state: State) -> str:
        nxt = c.next
        found = nxt.get(landing)
        if found is None and landing == "reciprocated":
            found = nxt.get("supportive")
        found = found or nxt.get("default")
        if found:
            return found
        scene = self.story.scenes[c.scene]
        env = Env(state, self.story.params)
        for cond, to in scene.branches:
            if cond is None or cond.evaluate(env):
                return to
        if scene.next:
            return scene.next
        raise SessionError(f"scene '{scene.id}' has nowhere to go after '{c.id}'")

    def _enter(self, state: State, sid: str) -> tuple[State, list[Delta]]:
        """Enter a scene: its `on_enter` effects, then a partner's confidence it opens with."""
        scene = self.story.scenes[sid]
        visits = {**state.visits, sid: state.visits.get(sid, 0) + 1}
        ending = sid if scene.ending is not None else None
        state = State(sid, state.turn, state.partners, state.flags, visits, ending)
        deltas: list[Delta] = []
        if scene.on_enter:
            state, deltas = apply_effects(state, scene.on_enter, self.story.params,
                                          "author.scene")
        if scene.disclosure is not None:
            pid = scene.disclosure.partner or scene.partner
            p, changes = scene_discloses(state.partners[pid], scene.disclosure.layer)
            deltas += [tagged(d, pid) for d in changes]
            state = state._replace(partners={**state.partners, pid: p})
        return state, deltas

    # -- time travel -----------------------------------------------------------
    def undo(self) -> bool:
        """Take back the last choice; False when there is nothing to undo."""
        if not self._stack:
            return False
        self.state = self._stack.pop()
        self.history.pop()
        self._mood = MOODS.get(self.history[-1].result.landing, "neutral") \
            if self.history else "neutral"
        return True

    @property
    def choices_made(self) -> list[str]:
        return [step.result.choice.id for step in self.history]


class Transition(NamedTuple):
    landing: str
    explanation: Explanation | None
    after_move: State  # after the model and the choice's effects, before the next scene
    target: str
    ruptured: bool
    state: State  # the state once the next scene has been entered


def _broken(state: State) -> bool:
    return any(p.ruptured for p in state.partners.values())


def _merged(choice: CChoice, explanation: Explanation | None, before: list[Delta],
            after: list[Delta], state: State) -> Explanation:
    """One explanation for the whole step: the changes before the move, the move's own, then
    the effects and scene entry after it. A delta names its partner only when it is not the
    partner this step addressed, so every meter change of the step is accounted for."""
    own = choice.partner
    deltas = tuple(tagged(d, None) if d.partner == own else d
                   for d in (*before, *(explanation.deltas if explanation else ()), *after))
    ruptured = _broken(state)
    if explanation is None:
        return build_explanation("plain", "plain", 0, None, deltas, 0, ruptured, None)
    e = explanation
    return build_explanation(e.move, e.landing, e.layer, e.readiness, deltas, e.reciprocated,
                             ruptured, e.topic)


def continue_choice(scene: CScene) -> CChoice:
    return CChoice(id=CONTINUE, scene=scene.id, label="Continue", kind="plain", layer=0,
                   topic=None, emotional=False, response=None, partner=scene.partner,
                   say=None, cond=None, effects=(), reactions={}, next={})


def _line_cache(story: CompiledStory) -> dict[int, tuple[LineView, ...]]:
    # Shared by every session of one story, keyed by the identity of its immutable tuples.
    cache: dict[int, tuple[LineView, ...]] = story.cache.setdefault("lines", {})
    return cache


def choice_view(c: CChoice) -> ChoiceView:
    layered = c.kind in ("disclose", "ask")
    return ChoiceView(
        id=c.id, label=c.label, kind=c.kind, layer=c.layer if layered else None,
        topic=c.topic, tone=("emotional" if c.emotional else "factual") if layered else None,
        response=c.response,
    )


__all__ = ["CONTINUE", "RestoreError", "Session"]
