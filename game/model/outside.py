"""Changes to a partner that are not one of the player's moves with them.

An author's effect (on a choice or a scene's `on_enter`), a scene that opens with the partner
confiding, an apology said as a plain choice, and a partner left unanswered while the player
does something else all go through
the same `Draft` as the moves, so every change carries a rule id, is bounded the same way and
can break the relationship only through the one rupture rule.
"""

from __future__ import annotations

from game.model.draft import Draft
from game.model.explain import Delta
from game.model.params import Params
from game.model.rules import leave_pending, mend
from game.model.state import PartnerState


def author_set(state: PartnerState, meter: str, value: float, params: Params,
               key: str = "author.choice", partner: str | None = None,
               ) -> tuple[PartnerState, tuple[Delta, ...]]:
    """A story's effect sets `meter` ("trust" or "defence") to `value`, clamped to [0, 100].

    `key` says where the effect was written: "author.choice" or "author.scene". Each
    function here credits its deltas to `partner` (see `Draft`), None meaning the step's own.
    """
    draft = Draft(state, partner)
    author_set_on(draft, meter, value, params, key)
    return draft.freeze(), tuple(draft.deltas)


def author_set_on(draft: Draft, meter: str, value: float, params: Params, key: str) -> None:
    """`author_set`'s rule on a draft changed in place (see `rules.disclose_on`)."""
    draft.set_meter(meter, value, "R-AUTHOR", key)
    draft.check_rupture(params)


def scene_discloses(state: PartnerState, layer: int, partner: str | None = None,
                    log: bool = True, topic: str | None = None,
                    ) -> tuple[PartnerState, tuple[Delta, ...]]:
    """A scene opens with the partner confiding at `layer` about `topic`: it now waits for
    an answer. `log=False`: the same state, with no deltas (see `Draft`)."""
    draft = Draft(state, partner, log)
    scene_discloses_on(draft, layer, topic)
    return draft.freeze(), tuple(draft.deltas)


def scene_discloses_on(draft: Draft, layer: int, topic: str | None = None) -> None:
    """`scene_discloses`'s rule on a draft changed in place."""
    draft.partner_discloses(layer, "R-SCENE", topic)


def leave_unanswered(state: PartnerState, params: Params, partner: str | None = None,
                     ) -> tuple[PartnerState, tuple[Delta, ...]]:
    """The player moved on from this partner's pending disclosure while an answer was on
    offer (for a move with someone else, or a plain choice)."""
    draft = Draft(state, partner)
    if not leave_unanswered_on(draft, params):
        return state, ()
    return draft.freeze(), tuple(draft.deltas)


def leave_unanswered_on(draft: Draft, params: Params) -> bool:
    """`leave_unanswered`'s rule on a draft changed in place; False when it changed nothing
    (a partner already broken off, or with nothing pending)."""
    if draft.ruptured or not draft.pending:
        return False
    leave_pending(draft, params)
    draft.check_rupture(params)
    return True


def apologise(state: PartnerState, partner: str | None = None,
              ) -> tuple[PartnerState, tuple[Delta, ...]]:
    """An apology said as a plain choice (a story's `sorry_for:` on a choice that is not a
    move the model judges): the story shows it taken, and it mends one hurt still standing
    (R-APOLOGY). Unchanged when no hurt stands."""
    draft = Draft(state, partner)
    if not mend(draft):
        return state, ()
    return draft.freeze(), tuple(draft.deltas)


def apologise_on(draft: Draft) -> bool:
    """`apologise`'s rule on a draft changed in place; False when it changed nothing."""
    return mend(draft)
