"""One step of a playthrough: what a choice does, from the move itself to the next scene.

Plain functions over the immutable story and the state, which they never change: the
session (which adds text, history and undo) and the explorer take every step through
`transition`. Every change on the way goes through the model and is logged: a partner left
unanswered, the move itself, the choice's effects and the next scene's entry. The
simulator's batch run keeps its state live instead (game/runtime/batch.py), with the pieces
of this step that decide anything shared from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from game.errors import SessionError
from game.model import (
    Delta,
    Draft,
    Explanation,
    Params,
    Partner,
    apologise,
    ask_on,
    disclose_on,
    leave_unanswered,
    noise_for,
    respond_on,
    scene_discloses,
)
from game.model.explain import build_explanation, tagged
from game.runtime.state import Env, State, apply_effects
from game.story.compiled import CChoice, CompiledStory, CScene

# `State(...)` and `Transition(...)` without the named tuple's generated `__new__`, which is
# Python code handling keywords and defaults: a step builds two states and one transition.
# Every field is always given, in order.
_tuple = tuple.__new__


class Transition(NamedTuple):
    landing: str
    explanation: Explanation | None
    after_move: State  # after the model and the choice's effects, before the next scene
    target: str
    ruptured: bool
    state: State  # the state once the next scene has been entered


def available(story: CompiledStory, state: State) -> tuple[CChoice, ...]:
    """The choices the player may take in `state`, in story order."""
    if state.ending is not None:
        return ()
    scene = story.scenes[state.scene]
    if scene.unconditional and scene.choices:
        return scene.choices  # nothing to evaluate: no Env needed
    return offered(scene, Env(state, story.params))


def offered(scene: CScene, env: Env) -> tuple[CChoice, ...]:
    """The choices `scene` offers (the scene's "Continue" when none of its own is on offer),
    with `env` answering their conditions: `available`, and a batch run's own step."""
    if scene.unconditional:
        found = scene.choices
    else:
        # A list first: building a tuple from a generator costs more than from a list.
        found = tuple([c for c in scene.choices if c.cond is None or c.cond.evaluate(env)])
    if not found and scene.proceed is not None:
        return (scene.proceed,)
    return found


def transition(story: CompiledStory, state: State, choice: CChoice, seed: int,
               noisy: bool = True, explain: bool = True,
               at_noise: float | None = None) -> Transition:
    """What taking `choice` (available in `state`) does; `seed` drives the model's noise.

    `at_noise`: a disclosure is judged at exactly this noise instead (the deep lint's
    explorer follows every landing the noise range allows, not only the one at noise 0).

    With `explain=False` (what the simulator's batch step gives, which
    tests/analysis/test_batchstep.py compares with this) the explanation is the model's own
    record of the move without its deltas, nor the changes made before and after it; every
    number, and so the state, is the same either way.
    """
    kind = choice.kind
    before: Sequence[Delta] = ()
    # Only a scene that offers an answer can leave a partner unanswered (see `_unanswered`).
    if kind != "respond" and story.scenes[state.scene].responds:
        ignored = _unanswered(story, state)
        if ignored:
            state, before = _leave(story, state, choice, ignored)
    else:
        ignored = ()
    after: Sequence[Delta] = ()
    if kind == "plain":
        landing, explanation = "plain", None
        if choice.sorry_for and story.mends(choice):
            state, after = _apologise(state, choice.partner)
    else:
        state, explanation = _move(story, state, choice, choice.partner in ignored, seed,
                                   noisy, explain, at_noise)
        landing = explanation.landing
    effects = choice.effects_for(landing) if choice.effects_on else choice.effects
    if effects:
        after_move, authored = apply_effects(state, effects, story.params)
        after = (*after, *authored)
        ruptured = _broken(after_move)
    else:  # only the model moved, and only this partner can have broken off
        after_move = state
        ruptured = _broken(state) if before else explanation is not None and \
            explanation.ruptured
    target = story.rupture if ruptured else choice.always or _target(story, choice, landing,
                                                                     after_move)
    state, entered = enter(story, after_move, target, explain)
    if entered:
        after = (*after, *entered)
    if not ruptured and entered and _broken(state):
        # An on_enter effect broke the relationship: the rupture cannot wait a move. (A scene
        # entered without deltas changed no partner, so `ruptured` already says it.)
        ruptured, target = True, story.rupture
        state, entered = enter(story, state, target, explain)
        after = (*after, *entered)
    if explain and (before or after):
        explanation = _merged(choice, explanation, before, after, state)
    t: Transition = _tuple(Transition, (landing, explanation, after_move, target, ruptured,
                                        state))
    return t


def enter(story: CompiledStory, state: State, sid: str,
          explain: bool = True) -> tuple[State, tuple[Delta, ...]]:
    """Enter a scene: its `on_enter` effects, then a partner's confidence it opens with.

    `explain=False`: the confidence is not logged; it changes no meter, so the deltas still
    hold every change that could break a relationship (what `transition` reads them for)."""
    scene = story.scenes[sid]
    # One unpacking instead of four reads of the named tuple's fields (each a descriptor call).
    _, turn, partners, flags, visits, _ = state
    visits = visits.copy()
    visits[sid] = visits.get(sid, 0) + 1
    ending = sid if scene.ending is not None else None
    state = _tuple(State, (sid, turn, partners, flags, visits, ending))
    if not scene.on_enter and scene.disclosure is None:
        return state, ()  # most scenes: nothing happens on the way in
    deltas: list[Delta] = []
    if scene.on_enter:
        state, deltas = apply_effects(state, scene.on_enter, story.params, "author.scene")
    if scene.disclosure is not None:
        pid = scene.disclosure.partner or scene.partner
        p, changes = scene_discloses(state.partners[pid], scene.disclosure.layer, pid, explain,
                                     scene.disclosure.topic)
        deltas += changes
        partners = state.partners.copy()
        partners[pid] = p
        state = _tuple(State, (sid, turn, partners, state.flags, visits, ending))
    return state, tuple(deltas)


def _unanswered(story: CompiledStory, state: State) -> tuple[str, ...]:
    """Partners whose pending disclosure the player could have answered and did not (the
    caller has ruled out a move that answers, and a scene that offers no answer)."""
    return unanswered(state.partners, lambda: available(story, state))


def unanswered(partners: Mapping[str, Partner],
               on_offer: Callable[[], Sequence[CChoice]]) -> tuple[str, ...]:
    """`_unanswered` over any partners, asking `on_offer` for the choices only when some
    partner is waiting for an answer (the batch step shares it)."""
    for p in partners.values():
        if p.pending:
            break
    else:
        return ()
    answerable = {c.partner for c in on_offer() if c.kind == "respond"}
    return tuple(pid for pid, p in partners.items() if p.pending and pid in answerable)


def left_behind(choice: CChoice, ignored: tuple[str, ...]) -> list[str]:
    """Of the partners `ignored`, those left unanswered by `choice` itself: not the one it
    makes a model move with, whose move carries it (model rule R-UNANSWERED)."""
    if choice.kind == "plain":
        return list(ignored)
    return [pid for pid in ignored if pid != choice.partner]


def _apologise(state: State, pid: str) -> tuple[State, tuple[Delta, ...]]:
    """An apology said as a plain choice mends one of its partner's hurts (R-APOLOGY)."""
    partner, deltas = apologise(state.partners[pid])
    if not deltas:
        return state, ()
    partners = dict(state.partners)
    partners[pid] = partner
    return state._replace(partners=partners), deltas


def _leave(story: CompiledStory, state: State, choice: CChoice,
           ignored: tuple[str, ...]) -> tuple[State, list[Delta]]:
    """Partners other than the one this move addresses, left unanswered."""
    deltas: list[Delta] = []
    partners = dict(state.partners)
    for pid in left_behind(choice, ignored):
        partners[pid], changes = leave_unanswered(partners[pid], story.params[pid], pid)
        deltas += changes
    return state._replace(partners=partners), deltas


def _move(story: CompiledStory, state: State, c: CChoice, unanswered: bool, seed: int,
          noisy: bool, explain: bool, at_noise: float | None = None,
          ) -> tuple[State, Explanation]:
    """The model's part of a (non-plain) move; the turn counts model moves only, so noise
    does not shift when plain choices do. `explain=False`: the record has no deltas."""
    pid = c.partner
    scene, turn, partners, flags, visits, ending = state  # one unpacking, not six reads
    draft = Draft(partners[pid], None, explain)
    exp = model_move(draft, c, story.params[pid], unanswered, seed, turn, noisy, at_noise,
                     story.mends(c))
    partners = partners.copy()
    partners[pid] = draft.freeze()
    moved: State = _tuple(State, (scene, turn + 1, partners, flags, visits, ending))
    return moved, exp


def model_move(draft: Draft, c: CChoice, params: Params, unanswered: bool, seed: int,
               turn: int, noisy: bool, at_noise: float | None = None,
               mends: bool = False) -> Explanation:
    """The model's rule for the move `c` (not plain), changing its partner's `draft`; `turn`
    (model moves so far) and `seed` give a disclosure's noise; `mends`: `c` is an apology
    that names an answer that hurt (`CompiledStory.mends`)."""
    kind = c.kind
    if kind == "disclose":
        # Small talk always lands the same way, so it needs no noise.
        if at_noise is not None:
            noise = at_noise
        else:
            noise = noise_for(seed, turn, params.noise) if noisy and c.layer else 0.0
        return disclose_on(draft, c.layer, c.emotional, c.topic, params, noise, unanswered,
                           bool(c.sorry_for), mends, c.invited)
    if kind == "ask":
        return ask_on(draft, c.layer, c.topic, params, unanswered)
    return respond_on(draft, c.response or "neutral", 0, params)


def _target(story: CompiledStory, c: CChoice, landing: str, state: State) -> str:
    return fixed_target(c, landing) or branch_target(story, c, Env(state, story.params))


def fixed_target(c: CChoice, landing: str) -> str | None:
    """Where the choice's own `next` sends this landing, if it says."""
    nxt = c.next
    if nxt:
        found = nxt.get(landing)
        if found is None and landing == "reciprocated":
            found = nxt.get("supportive")
        found = found or nxt.get("default")
        if found:
            return found
    return None


def branch_target(story: CompiledStory, c: CChoice, env: Env) -> str:
    """Where the choice's scene goes on when the choice does not say: its first branch whose
    condition holds in `env`, else its `next`."""
    scene = story.scenes[c.scene]
    for cond, to in scene.branches:
        if cond is None or cond.evaluate(env):
            return to
    if scene.next:
        return scene.next
    raise SessionError(f"scene '{scene.id}' has nowhere to go after '{c.id}'")


def _broken(state: State) -> bool:
    # A loop rather than any(<generator>): this runs on every move, and is three times faster.
    for p in state.partners.values():  # noqa: SIM110
        if p.ruptured:
            return True
    return False


def _merged(choice: CChoice, explanation: Explanation | None, before: Sequence[Delta],
            after: Sequence[Delta], state: State) -> Explanation:
    """One explanation for the whole step: the changes before the move, the move's own, then
    the effects and scene entry after it. A delta names its partner only when it is not the
    partner this step addressed, so every meter change of the step is accounted for."""
    own = choice.partner
    deltas = tuple([tagged(d, None) if d.partner == own else d
                    for d in (*before, *(explanation.deltas if explanation else ()), *after)])
    ruptured = _broken(state)
    if explanation is None:
        return build_explanation("plain", "plain", 0, None, deltas, 0, ruptured, None)
    e = explanation
    return build_explanation(e.move, e.landing, e.layer, e.readiness, deltas, e.reciprocated,
                             ruptured, e.topic)
