"""Two branches of one story side by side: where they parted and where each one led.

The window keeps the abandoned branch as a record (`build_record` before rewinding), so a
comparison needs nothing but two records.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.errors import RecordError
from game.facilitator.debrief import Debrief, debrief
from game.persist.record import PlaythroughRecord


@dataclass(frozen=True, slots=True)
class Comparison:
    a: Debrief
    b: Debrief
    shared: int  # leading steps both branches have in common (same choice, same meters)
    a_choice: str | None  # the label each branch chose at the first differing step
    b_choice: str | None

    @property
    def diverged_at(self) -> int:
        """The first step that differs; the chart marks the parting point at `shared`."""
        return self.shared + 1

    @property
    def sentences(self) -> tuple[str, ...]:
        out = [f"The branches share the first {self.shared} "
               f"choice{'s' * (self.shared != 1)}."]
        if self.a_choice is not None or self.b_choice is not None:
            out.append(f"At step {self.diverged_at}, branch A chose "
                       f"{_quoted(self.a_choice)} and branch B chose {_quoted(self.b_choice)}.")
        out.append(f"Branch A: {_ending(self.a)}. Branch B: {_ending(self.b)}.")
        return tuple(out)


def compare(a: PlaythroughRecord, b: PlaythroughRecord,
            partner: str | None = None) -> Comparison:
    """Compare two records of the same story (for example before and after a rewind)."""
    if a.story != b.story:
        raise RecordError(f"cannot compare records of different stories "
                          f"('{a.story}' and '{b.story}')")
    da = debrief(a, partner)
    db = debrief(b, partner or da.partner)
    shared = 0
    for sa, sb in zip(a.steps, b.steps, strict=False):
        if sa.ref != sb.ref or sa.meters != sb.meters:
            break
        shared += 1
    at = shared
    a_choice = a.steps[at].label if at < len(a.steps) else None
    b_choice = b.steps[at].label if at < len(b.steps) else None
    return Comparison(da, db, shared, a_choice, b_choice)


def _quoted(label: str | None) -> str:
    return f"\"{label}\"" if label is not None else "nothing (it stopped there)"


def _ending(d: Debrief) -> str:
    if not d.finished:
        return f"unfinished after step {d.points[-1].step} (heading for {d.verdict})"
    title = f" (\"{d.ending_title}\")" if d.ending_title else ""
    return f"{d.outcome}{title}"
