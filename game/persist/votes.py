"""A class's votes at a decision, as records keep them (classroom live).

Only counts are kept: for each choice offered, how many devices voted for it, and how the
choice was decided. No device, token or address ever reaches a record. What the votes mean
for a debrief (the class's split) is game/facilitator/votes.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.errors import RecordError
from game.persist import _fields as f

DECIDED = ("class", "tie", "teacher")
"""`class`: the most-voted choice was taken; `tie`: several led and the teacher picked among
any choices; `teacher`: the teacher picked a choice without closing the vote first."""
MAX_COUNT = 100_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    id: str  # the choice id
    label: str
    votes: int


@dataclass(frozen=True, slots=True, kw_only=True)
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
            options.append(Option(id=f.text(o, "id", ow), label=f.text(o, "label", ow),
                                  votes=f.whole(o, "votes", ow, 0, MAX_COUNT)))
        if len({o.id for o in options}) != len(options):
            raise RecordError(f"{where}.choices names a choice twice")
        decided = f.text(d, "decided", where)
        if decided not in DECIDED:
            raise RecordError(f"{where}.decided must be one of {', '.join(DECIDED)}: "
                              f"{decided!r}")
        vote = cls(options=tuple(options), decided=decided)
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
