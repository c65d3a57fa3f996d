"""How a class split at the decisions it voted on, for the debrief page and the exports.

The votes themselves are part of a record (game/persist/votes.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.persist.record import PlaythroughRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitRow:
    """One decision the class voted on, for the debrief page and the exports."""

    step: int
    title: str  # the scene's title (or id)
    options: tuple[tuple[str, str, int], ...]  # (letter, label, votes) in offered order
    chosen: str  # the letter taken
    decided: str
    total: int


def class_split(record: PlaythroughRecord) -> list[SplitRow]:
    """The class's split at each decision it voted on, in step order."""
    rows = []
    for s in record.steps:
        if s.votes is None:
            continue
        ids = [o.id for o in s.votes.options]
        options = tuple((_letter(i), o.label, o.votes) for i, o in enumerate(s.votes.options))
        chosen = _letter(ids.index(s.choice)) if s.choice in ids else "-"
        rows.append(SplitRow(step=s.step, title=s.scene_title or s.scene, options=options,
                             chosen=chosen, decided=s.votes.decided, total=s.votes.total))
    return rows


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else str(i + 1)


def split_text(row: SplitRow) -> str:
    """`A 12 · B 3 · C 0 (15 votes; the class chose A)` for transcripts and CSV."""
    parts = " · ".join(f"{letter} {n}" for letter, _, n in row.options)
    how = {"class": f"the class chose {row.chosen}",
           "tie": f"a tie, the teacher picked {row.chosen}",
           "teacher": f"the teacher picked {row.chosen}"}[row.decided]
    return f"{parts} ({row.total} vote{'s' * (row.total != 1)}; {how})"
