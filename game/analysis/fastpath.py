"""The simulator's move: `Session.choose` without the parts only a reader needs.

`choose` also evaluates the scene's and the reaction's lines, builds views and a `Result`,
and keeps the history and undo stack; a simulated run needs none of it, and skipping it
makes a move about 1.6 times faster. Both go through `Session.transition`, and
tests/analysis/test_fastpath.py replays every bundled story both ways and requires
identical states.
"""

from __future__ import annotations

from game.model import Explanation
from game.runtime import Session
from game.story.compiled import CChoice


def advance(session: Session, choice: CChoice) -> tuple[str, Explanation | None, str]:
    """Make `choice` (already known to be available): (landing, explanation, scene entered)."""
    t = session.advance(choice)
    return t.landing, t.explanation, t.target
