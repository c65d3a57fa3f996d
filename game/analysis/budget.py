"""The deep lint's budget of time and work, so `confide check` always finishes.

The cost of one move grows with the story: every choice's condition is evaluated to list
what is on offer. A story of 20,000 choices that all share one long aliased condition is
small on disk, loads in seconds, yet makes one move take about a second, and a full
exploration hours. The deep lint therefore charges each move it makes to a `WorkBudget`
(an estimate of the expression terms evaluated, plus the clock); once either is spent,
the explorer and the seeded playthroughs stop, the search counts as incomplete, and what
was not seen is listed as UNTESTED instead of being claimed or warned about.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from game.story.compiled import CompiledStory, CScene

MAX_SECONDS = 60.0
"""Wall-clock seconds for the deep lint of one story (the bundled ones need under 3)."""
MAX_WORK = 60_000_000
"""Work units (about one expression term each) for the deep lint of one story. The bundled
stories use 1.2-24.9 million (classroom the most: its endings test many long conditions, each
charged at its full length on every state that reaches them, though the whole lint takes it
about 2 s) in under 7 s. A story built to be slow (20,000 choices sharing one long condition,
3.2 million units a move) stops after eighteen moves, in about 6 s (docs/security.md)."""
TERM_CHARS = 6
"""Characters of expression source counted as one term: `flag.a and ` is about two."""


@dataclass
class WorkBudget:
    seconds: float = MAX_SECONDS
    work: int = MAX_WORK
    started: float = field(default_factory=time.perf_counter)
    used: int = 0
    spent: str = ""  # why the budget ran out; empty while it lasts
    costs: dict[str, int] = field(default_factory=dict)

    def charge(self, story: CompiledStory, scene: str) -> bool:
        """Count one move made in `scene`; False once the budget is spent."""
        if self.spent:
            return False
        cost = self.costs.get(scene)
        if cost is None:
            cost = self.costs[scene] = move_cost(story.scenes[scene])
        self.used += cost
        if self.used > self.work:
            self.spent = f"its work budget ({self.work:,} expression terms)"
        elif time.perf_counter() - self.started > self.seconds:
            self.spent = f"its time budget ({self.seconds:g} s)"
        return not self.spent


def move_cost(scene: CScene) -> int:
    """The terms evaluated to offer the choices of `scene` and show its lines, estimated."""
    # A named condition is worked out in full wherever it is used: `expanded` counts it.
    conds = [c.cond for c in scene.choices if c.cond is not None]
    conds += [ln.cond for ln in scene.lines if ln.cond is not None and not ln.reads_closing]
    conds += [cond for cond, _ in scene.branches if cond is not None]
    return 1 + len(scene.choices) + sum(
        1 + (len(c.source) + c.expanded) // TERM_CHARS for c in conds)
