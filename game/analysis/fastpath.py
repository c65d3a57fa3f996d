"""The simulator's move: `Session.choose` without the parts only a reader needs.

`choose` also evaluates the scene's and the reaction's lines, builds views and a `Result`,
and keeps the history and undo stack; a simulated run needs none of it, and skipping it
makes a move about 1.6 times faster. The state changes are made by the session's own
methods in the order `choose` makes them, and tests/analysis/test_fastpath.py replays
every bundled story both ways and requires identical states, so the two cannot drift
apart unnoticed. (The runtime could expose this as a public method; until then it lives
here, in one place.)
"""

from __future__ import annotations

from game.model import Explanation
from game.runtime import Session
from game.runtime.state import apply_effects
from game.story.compiled import CChoice


def advance(session: Session, choice: CChoice) -> tuple[str, Explanation | None, str]:
    """Make `choice` (already known to be available): (landing, explanation, scene entered)."""
    story = session.story
    state, landing, explanation = session._move(session.state, choice)
    state = apply_effects(state, choice.effects, story.params)
    ruptured = any(p.ruptured for p in state.partners.values())
    target = story.rupture if ruptured else session._target(choice, landing, state)
    state = session._enter(state, target)
    if not ruptured and any(p.ruptured for p in state.partners.values()):
        target = story.rupture  # an on_enter effect broke it: the rupture cannot wait
        state = session._enter(state, target)
    session.state = state
    return landing, explanation, target
