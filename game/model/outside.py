"""Changes to a partner that are not one of the player's moves with them.

An author's effect (on a choice or a scene's `on_enter`), a scene that opens with the partner
confiding, and a partner left unanswered while the player does something else all go through
the same `Draft` as the moves, so every change carries a rule id, is bounded the same way and
can break the relationship only through the one rupture rule.
"""

from __future__ import annotations

from game.model.draft import Draft
from game.model.explain import Delta
from game.model.params import Params
from game.model.rules import leave_pending
from game.model.state import PartnerState


def author_set(state: PartnerState, meter: str, value: float, params: Params,
               key: str = "author.choice", partner: str | None = None,
               ) -> tuple[PartnerState, tuple[Delta, ...]]:
    """A story's effect sets `meter` ("trust" or "defence") to `value`, clamped to [0, 100].

    `key` says where the effect was written: "author.choice" or "author.scene". Each
    function here credits its deltas to `partner` (see `Draft`), None meaning the step's own.
    """
    draft = Draft(state, partner)
    draft.set_meter(meter, value, "R-AUTHOR", key)
    draft.check_rupture(params)
    return draft.freeze(), tuple(draft.deltas)


def scene_discloses(state: PartnerState, layer: int, partner: str | None = None,
                    log: bool = True) -> tuple[PartnerState, tuple[Delta, ...]]:
    """A scene opens with the partner confiding at `layer`: it now waits for an answer.
    `log=False`: the same state, with no deltas (see `Draft`)."""
    draft = Draft(state, partner, log)
    draft.partner_discloses(layer, "R-SCENE")
    return draft.freeze(), tuple(draft.deltas)


def leave_unanswered(state: PartnerState, params: Params, partner: str | None = None,
                     ) -> tuple[PartnerState, tuple[Delta, ...]]:
    """The player moved on from this partner's pending disclosure while an answer was on
    offer (for a move with someone else, or a plain choice)."""
    if state.ruptured or not state.pending:
        return state, ()
    draft = Draft(state, partner)
    leave_pending(draft, params)
    draft.check_rupture(params)
    return draft.freeze(), tuple(draft.deltas)
