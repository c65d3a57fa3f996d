"""The small, plain state of a playthrough, and how expressions read and write it.

State refers to content only by string ids, so it serialises to JSON and survives edits
to the story that keep those ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from game.errors import RestoreError
from game.model import Delta, Params, Partner, PartnerState, author_set, meets_deepened
from game.story.compiled import CompiledStory
from game.story.expr import Effect, Ref, Value


class State(NamedTuple):
    """Everything that changes in a playthrough. A NamedTuple because a new one is made
    several times per move, and tuples are the cheapest immutable records in Python."""

    scene: str
    turn: int
    partners: dict[str, PartnerState]
    flags: dict[str, bool | int]
    visits: dict[str, int]
    ending: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "scene": self.scene,
            "turn": self.turn,
            "partners": {k: v.to_json() for k, v in self.partners.items()},
            "flags": dict(self.flags),
            "visits": dict(self.visits),
            "ending": self.ending,
        }


def initial_state(story: CompiledStory) -> State:
    partners = {
        pid: PartnerState(trust=p.trust, defence=p.defence)
        for pid, p in story.meta.characters.partners.items()
    }
    return State(story.start, 0, partners, dict(story.meta.flags), {})


def state_from_json(story: CompiledStory, data: Any) -> State:
    """Rebuild a saved state, keeping what still fits a possibly edited story."""
    if not isinstance(data, dict):
        raise RestoreError("saved state is not a mapping")
    scene = data.get("scene")
    if not isinstance(scene, str) or scene not in story.scenes:
        raise RestoreError(f"the saved scene '{scene}' no longer exists in story "
                           f"'{story.id}'")
    base = initial_state(story)
    try:
        saved = data.get("partners", {})
        partners = {pid: PartnerState.from_json(saved[pid]) if pid in saved else st
                    for pid, st in base.partners.items()}
    except Exception as exc:  # any malformed partner is the save's fault, not ours
        raise RestoreError(f"saved partner state is damaged: {exc}") from exc
    flags = dict(base.flags)
    for name, value in dict(data.get("flags", {})).items():
        if name in flags and type(value) is type(flags[name]):
            # int flags stay whole numbers even after a division
            flags[name] = value if isinstance(value, bool) else int(value)
    visits = {k: v for k, v in dict(data.get("visits", {})).items()
              if k in story.scenes and isinstance(v, int) and v >= 0}
    turn = data.get("turn", 0)
    ending = data.get("ending")
    if ending is not None and ending not in story.scenes:
        raise RestoreError(f"the saved ending '{ending}' no longer exists")
    if ending is not None and (story.scenes[ending].ending is None or ending != scene):
        raise RestoreError(f"the save says the story ended in '{ending}', which is not the "
                           "ending of its scene")
    return State(scene, turn if isinstance(turn, int) else 0, partners, flags, visits, ending)


class Env:
    """Read access for conditions and effects over one state. Compiled expressions read
    `flags` and `visits` directly (see `game.story.expr_eval.Env`): whoever gives the Env
    another state sets them with it (`at`)."""

    __slots__ = ("closing", "flags", "params", "partners", "visits")
    partners: Mapping[str, Partner]
    flags: dict[str, bool | int]
    visits: dict[str, int]
    # What the ending's closing sentences say, as "ROLE.CHOICE" (`cost.shrug`): read only by
    # an ending scene's lines (game/runtime/causes.py works it out), empty everywhere else.
    closing: frozenset[str]

    def __init__(self, state: State, params: dict[str, Params],
                 closing: frozenset[str] = frozenset()) -> None:
        _, _, self.partners, self.flags, self.visits, _ = state
        self.params, self.closing = params, closing

    @classmethod
    def over(cls, partners: Mapping[str, Partner], flags: dict[str, bool | int],
             visits: dict[str, int], params: dict[str, Params]) -> Env:
        """An Env reading these dicts, which their owner changes in place (a batch run's
        live state): one Env serves the whole run."""
        env = cls.__new__(cls)
        env.partners, env.flags, env.visits, env.params = partners, flags, visits, params
        env.closing = frozenset()
        return env

    def at(self, state: State) -> None:
        """Read `state` from now on."""
        _, _, self.partners, self.flags, self.visits, _ = state

    def lookup(self, ref: Ref) -> Value:
        head, name = ref
        if head == "flag":
            return self.flags[name]
        if head == "visits":
            return self.visits.get(name, 0)
        if head == "closing":
            return name in self.closing
        p = self.partners[head]
        if name == "topics":
            return len(p.topics)
        if name == "deepened":
            return meets_deepened(p, self.params[head])
        value: Value = getattr(p, name)
        return value


def apply_effects(state: State, effects: tuple[Effect, ...], params: dict[str, Params],
                  key: str = "author.choice") -> tuple[State, list[Delta]]:
    """Run a choice's or scene's effects; every meter change goes through the model, which
    logs it (rule R-AUTHOR, tagged with its partner) and applies the one rupture rule."""
    deltas: list[Delta] = []
    env = Env(state, params)
    # The flags this call changes: a copy made at the first flag effect (once per call, not
    # once per flag effect).
    flags: dict[str, bool | int] | None = None
    for effect in effects:
        value = effect.compute(env)  # later effects read what earlier ones set
        name = effect.flag
        if name is not None:
            if flags is None:
                flags = dict(state.flags)
                state = _state(State, (state.scene, state.turn, state.partners, flags,
                                       state.visits, state.ending))
                env.at(state)
            # The value already has the flag's own type: a compiled effect on a whole-number
            # flag truncates its result (even after a division), one on a true/false flag
            # gives a bool (`game.story.expr_eval.assignment`).
            flags[name] = value  # type: ignore[assignment]  # never a float: see above
            continue
        head, name = effect.target
        partner, changes = author_set(state.partners[head], name, float(value), params[head], key,
                                      head)
        deltas.extend(changes)
        partners = state.partners.copy()
        partners[head] = partner
        state = _state(State, (state.scene, state.turn, partners, state.flags, state.visits,
                               state.ending))
        env.at(state)
    return state, deltas


# `State(...)` without the named tuple's generated `__new__` or `_replace` (Python code that
# handles keywords): effects run on the simulator's every move. Every field is given, in order.
_state = tuple.__new__
