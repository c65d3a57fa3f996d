"""A class's votes at a decision, as records keep them (classroom live).

Only counts are kept: for each choice offered, how many devices voted for it, and how the
choice was decided. No device, token or address ever reaches a record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.errors import RecordError
from game.facilitator import _fields as f

if TYPE_CHECKING:
    from game.facilitator.record import PlaythroughRecord

DECIDED = ("class", "tie", "teacher")
"""`class`: the most-voted choice was taken; `tie`: several led and the teacher picked among
any choices; `teacher`: the teacher picked a choice without closing the vote first."""
MAX_COUNT = 100_000


@dataclass(frozen=True, slots=True)
class Option:
    id: str  # the choice id
    label: str
    votes: int


@dataclass(frozen=True, slots=True)
class ClassVote:
    options: tuple[Option, ...]  # every choice the class was offered, in offered order
    decided: str  # one of DECIDED

    @property
    def counts(self) -> dict[str, int]:
        return {o.id: o.votes for o in self.options}

    @property
    def total(self) -> int:
        return sum(o.votes for o in self.options)

    def to_json(self) -> dict[str, Any]:
        return {"choices": [{"id": o.id, "label": o.label, "votes": o.votes}
                            for o in self.options],
                "total": self.total, "decided": self.decided}

    @classmethod
    def from_json(cls, data: Any, where: str) -> ClassVote:
        d = f.obj(data, where)
        options = []
        for i, raw in enumerate(f.items(d, "choices", where)):
            ow = f"{where}.choices[{i}]"
            o = f.obj(raw, ow)
            options.append(Option(f.text(o, "id", ow), f.text(o, "label", ow),
                                  f.whole(o, "votes", ow, 0, MAX_COUNT)))
        if len({o.id for o in options}) != len(options):
            raise RecordError(f"{where}.choices names a choice twice")
        decided = f.text(d, "decided", where)
        if decided not in DECIDED:
            raise RecordError(f"{where}.decided must be one of {', '.join(DECIDED)}: "
                              f"{decided!r}")
        vote = cls(tuple(options), decided)
        if f.whole(d, "total", where, 0) != vote.total:
            raise RecordError(f"{where}.total is not the sum of its votes")
        return vote

    def problem(self, chosen: str, offered: list[str]) -> str | None:
        """Why these votes cannot belong to a step that chose `chosen` among `offered`
        (None when they can): a vote for a choice not on offer, or a class decision that
        did not take the most-voted choice."""
        stray = [o.id for o in self.options if o.id not in offered]
        if stray:
            return f"the class's votes name '{stray[0]}', which was not offered there"
        if self.decided == "class":
            top = max(self.counts.values(), default=0)
            leaders = [c for c, n in self.counts.items() if n == top]
            if leaders != [chosen]:
                return (f"the record says the class's vote decided it, but '{chosen}' did "
                        f"not have the most votes alone")
        return None


@dataclass(frozen=True, slots=True)
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
        rows.append(SplitRow(s.step, s.scene_title or s.scene, options, chosen,
                             s.votes.decided, s.votes.total))
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
