"""The state being built during one move, logging each change as it is made.

Every change to a partner from any source (a move, an author's effect, a scene) is made
through a `Draft`, so each one carries a rule id and lands in the explanation. The model's
pure functions make one per call, so mutation never leaks: callers see the frozen result.
The simulator's batch run is the one owner that keeps a draft per partner for a whole
playthrough (game/runtime/batch.py), freezing it only at the end.
"""

from __future__ import annotations

import inspect

from game.model.explain import Delta, Explanation, Readiness
from game.model.fairmath import fair_step, rounded
from game.model.params import Params
from game.model.state import PartnerState

# Builds a Delta (or a state) without the named tuple's Python-level __new__: a fraction of
# the cost, the same object.
_delta = _tuple_new = tuple.__new__


class Draft:
    """A mutable copy of a `PartnerState` plus the list of deltas that made it.

    With `log=False` (the simulator, which reads only the numbers and the landing) the same
    arithmetic runs, in the same methods, but no delta is recorded: every rule keeps its one
    home and the numbers cannot differ between the explaining and the quiet path.
    """

    __slots__ = ("closeness", "cool", "defence", "deltas", "depths", "exchanges", "guard",
                 "guard_moves", "heard", "hurt", "log", "missteps", "moves", "opened",
                 "partner", "pending", "pending_topic", "reached", "ruptured", "topics", "trust")

    def __init__(self, s: PartnerState, partner: str | None = None, log: bool = True) -> None:
        """`partner`: the id every delta is credited to when it is not the partner of the
        step that makes it (see `Delta.partner`); tagging at birth spares a copy of each."""
        # One unpacking of the state's tuple, in field order (checked against the fields
        # below), instead of eighteen attribute reads.
        (self.trust, self.defence, self.reached, self.opened, self.topics, self.pending,
         self.ruptured, self.moves, self.heard, self.hurt, self.closeness, self.exchanges,
         self.cool, self.guard, self.guard_moves, self.missteps, self.depths,
         self.pending_topic) = s
        self.deltas: list[Delta] = []
        self.partner = partner
        self.log = log

    def freeze(self) -> PartnerState:
        """The finished state: the named tuple built directly, in field order (checked at
        import below), which skips its generated `__new__` and costs a fraction of it."""
        state: PartnerState = _tuple_new(PartnerState, (
            self.trust, self.defence, self.reached, self.opened, self.topics, self.pending,
            self.ruptured, self.moves, self.heard, self.hurt, self.closeness, self.exchanges,
            self.cool, self.guard, self.guard_moves, self.missteps, self.depths,
            self.pending_topic))
        return state

    # -- the two meters, always by fairmath and always logged -------------------------------
    def raise_trust(self, p: float, rule: str, key: str) -> None:
        before = self.trust
        # Two decimals keep saves and transcripts short and identical across platforms.
        self.trust = fair_step(before, p, True)
        if self.log:
            self.deltas.append(_delta(Delta, ("trust", before, self.trust, rule, key,
                                              self.partner)))

    def lower_trust(self, p: float, rule: str, key: str) -> None:
        before = self.trust
        self.trust = fair_step(before, p, False)
        if self.log:
            self.deltas.append(_delta(Delta, ("trust", before, self.trust, rule, key,
                                              self.partner)))

    def raise_defence(self, p: float, rule: str, key: str) -> None:
        before = self.defence
        self.defence = fair_step(before, p, True)
        if self.log:
            self.deltas.append(_delta(Delta, ("defence", before, self.defence, rule, key,
                                              self.partner)))

    def lower_defence(self, p: float, rule: str, key: str) -> None:
        before = self.defence
        self.defence = fair_step(before, p, False)
        if self.log:
            self.deltas.append(_delta(Delta, ("defence", before, self.defence, rule, key,
                                              self.partner)))

    def set_meter(self, meter: str, value: float, rule: str, key: str) -> None:
        """An author's effect: the meter takes `value`, clamped to [0, 100]."""
        value = rounded(min(100.0, max(0.0, value)), 2)
        before = self.trust if meter == "trust" else self.defence
        if meter == "trust":
            self.trust = value
        else:
            self.defence = value
        if self.log:
            self.deltas.append(_delta(Delta, (meter, before, value, rule, key, self.partner)))

    def note(self, counter: str, after: int, rule: str, key: str) -> None:
        """Change a structural counter and log it (only when it really changes)."""
        before = getattr(self, counter)
        if before != after:
            setattr(self, counter, after)
            if self.log:
                self.deltas.append(_delta(Delta, (counter, before, after, rule, key,
                                                  self.partner)))

    # -- shared steps -----------------------------------------------------------------------
    def partner_discloses(self, layer: int, rule: str, topic: str | None) -> None:
        """The partner confides at `layer` about `topic` and now waits for an answer."""
        if self.log:
            # A scene's confidence is told in the scene about to begin: its sentences, listed
            # after the move that led there, say so rather than seem to follow from the move.
            scene = "scene." if rule == "R-SCENE" else ""
            if layer > self.opened:
                self.deltas.append(_delta(Delta, ("opened", self.opened, layer, rule,
                                                  scene + "opened", self.partner)))
            self.deltas.append(_delta(Delta, ("pending", self.pending, layer, rule,
                                              scene + "pending", self.partner)))
        if layer > self.opened:
            self.opened = layer
        self.pending = layer
        self.pending_topic = topic

    def clear_pending(self, rule: str, key: str) -> None:
        """The partner's disclosure is answered, followed up or left behind: nothing waits."""
        self.note("pending", 0, rule, key)
        self.pending_topic = None

    def cap(self, layer: int) -> int:
        """The deepest layer the partner will share now (below a judged layer while guarded)."""
        if self.guard_moves > 0 and layer >= self.guard:
            return self.guard - 1
        return layer

    def close(self, move: str, landing: str, layer: int, ready: Readiness | None, reply: int,
              topic: str | None, fresh_guard: bool = False) -> Explanation:
        """End of a model move: count it, let a withdrawal run down, and return the move's
        record (the draft goes on: a batch run keeps it for the next move, see `freeze`)."""
        self.moves += 1
        if self.guard_moves > 0 and not fresh_guard:
            self.guard_moves -= 1
            if self.guard_moves == 0:
                # Not after a rupture: "ready to share as deeply as before" under "a rupture
                # cannot be repaired" (a round-83 teacher).
                if self.log and not self.ruptured:
                    self.deltas.append(_delta(Delta, ("guard", self.guard, 0, "R-WITHDRAW",
                                                      "guard.end", self.partner)))
                self.guard = 0
        # The record built directly, in Explanation's field order (see `build_explanation`).
        record: Explanation = _tuple_new(Explanation, (move, landing, layer, ready,
                                                       tuple(self.deltas) if self.log else (),
                                                       reply, self.ruptured, topic))
        return record

    def check_rupture(self, params: Params) -> None:
        """The one rupture rule: trust at or below its floor, or defence at or above its
        ceiling, breaks the relationship for good."""
        if self.ruptured:
            return
        if self.trust <= params.rupture_trust:
            key = "rupture.trust"
        elif self.defence >= params.rupture_defence:
            key = "rupture.defence"
        else:
            return
        self.ruptured = True
        if self.log:
            self.deltas.append(_delta(Delta, ("ruptured", 0, 1, "R-RUPTURE", key,
                                              self.partner)))


Partner = PartnerState | Draft
"""One partner's state as the model reads it: frozen, or a draft being changed (a batch run
keeps its partners as drafts from move to move; both have every field by the same name)."""

# `Draft.__init__` unpacks a state positionally and `Draft.freeze` builds one the same way:
# both must name PartnerState's fields in order, or importing the model fails here.
# (A mutation tester's `*args, **kwargs` trampoline around a method is not compared.)
for _method in (Draft.__init__, Draft.freeze):
    if _method.__code__.co_flags & inspect.CO_VARARGS:
        continue
    if tuple(n for n in _method.__code__.co_names
             if n in PartnerState._fields) != PartnerState._fields:
        raise ImportError(f"Draft.{_method.__name__} must list PartnerState's fields in order")
del _method
# `Draft.close` builds an Explanation positionally from these eight fields; a field added or
# renamed fails here, and tests/model/test_explain.py compares it with `build_explanation`.
if Explanation._fields != ("move", "landing", "layer", "readiness", "deltas", "reciprocated",
                           "ruptured", "topic"):
    raise ImportError("Draft.close must build Explanation's fields in order")
