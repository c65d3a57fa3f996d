"""Playthrough records: what was chosen, how it landed and the meters after every step.

A record is self-contained: title, names, the verdict criteria and every step's meters and
explanation travel with it, so exports need only the record, never the story. It also keeps
the story's content hash, seed and choices, so `replay` can check that the story still
produces the same meters. The JSON layout (docs/records.md), its strict reader and the
record files are game/persist/recordjson.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.errors import RecordError
from game.model import PartnerState
from game.persist import _fields as f
from game.persist.formats import RECORD_FORMAT, now_iso
from game.persist.votes import ClassVote
from game.runtime import EndingView, LineView, Session, Step

MAX_FILE = 32 * 1024 * 1024  # a long record is a few hundred KB; more is not ours
MAX_COUNT = 1_000_000  # the model's own bound on a counter (game/model/state.py)
CRITERIA_V1 = ("deepen_trust", "deepen_defence", "deepen_layer", "deepen_topics",
               "rupture_trust", "rupture_defence")
CRITERIA_V2 = ("deepen_moves", "deepen_heard", "deepen_hurt", "deepen_closeness")
CRITERIA = CRITERIA_V1 + CRITERIA_V2
"""The story parameters that decide the outcome, copied so a debrief can explain it.
Format 1 records kept only CRITERIA_V1; model v2's deepened test also needs CRITERIA_V2."""
COUNTERS = ("moves", "heard", "hurt", "closeness")
"""Model v2's counters that the deepened test reads (game/model/rules.py meets_deepened)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Meters:
    """One partner's meters after a step (or at the start): the glass-box numbers.

    The counters are None in a format 1 record, which was written before they existed.
    """

    trust: float
    defence: float
    reached: int = 0  # deepest player layer this partner received supportively
    opened: int = 0  # deepest layer the partner has disclosed
    topics: tuple[str, ...] = ()  # the player's topics received supportively (breadth)
    ruptured: bool = False
    moves: int | None = None  # model moves made with this partner (pacing)
    heard: int | None = None  # times the partner felt heard (responsiveness)
    hurt: int | None = None  # dismissive or judgemental answers not yet repaired
    closeness: int | None = None  # points from disclosures received well

    @classmethod
    def of(cls, p: PartnerState) -> Meters:
        return cls(trust=p.trust, defence=p.defence, reached=p.reached, opened=p.opened,
                   topics=tuple(sorted(p.topics)), ruptured=p.ruptured, moves=p.moves,
                   heard=p.heard, hurt=p.hurt, closeness=p.closeness)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "trust": self.trust, "defence": self.defence, "reached": self.reached,
            "opened": self.opened, "topics": list(self.topics), "ruptured": self.ruptured}
        out |= {k: getattr(self, k) for k in COUNTERS if getattr(self, k) is not None}
        return out

    @classmethod
    def from_json(cls, data: Any, where: str, version: int = RECORD_FORMAT) -> Meters:
        d = f.obj(data, where)
        counters = {} if version < 2 else {k: f.whole(d, k, where, 0, MAX_COUNT)
                                           for k in COUNTERS}
        return cls(trust=f.number(d, "trust", where), defence=f.number(d, "defence", where),
                   reached=f.whole(d, "reached", where, 0, 3),
                   opened=f.whole(d, "opened", where, 0, 3),
                   topics=f.strings(d, "topics", where), ruptured=f.flag(d, "ruptured", where),
                   **counters)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartnerInfo:
    id: str
    name: str
    start: Meters
    criteria: dict[str, float]  # CRITERIA -> value from the story's model parameters


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    speaker: str  # "narrator", "player" or a partner id
    name: str  # display name; empty for narration
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "name": self.name, "text": self.text}

    @classmethod
    def from_json(cls, data: Any, where: str) -> Line:
        d = f.obj(data, where)
        return cls(speaker=f.text(d, "speaker", where), name=f.text(d, "name", where),
                   text=f.text(d, "text", where))


@dataclass(frozen=True, slots=True, kw_only=True)
class StepRecord:
    """One choice: where it was made, what it was, how it landed and what it changed."""

    step: int  # 1-based position in the playthrough
    turn: int  # the model's move counter after this step (plain choices do not advance it)
    scene: str
    scene_title: str | None
    choice: str
    label: str
    kind: str  # disclose | ask | respond | plain
    layer: int | None  # disclose and ask only
    topic: str | None
    tone: str | None  # factual | emotional, disclose and ask only
    response: str | None  # respond only
    said: str | None
    partner: str
    landing: str
    shown: tuple[Line, ...]  # the scene's lines on screen when the choice was made
    reaction: tuple[Line, ...]
    meters: dict[str, Meters]  # every partner, after the step
    # Explanation.to_json() with the glass box's sentences (Step.explained); None if plain
    explanation: dict[str, Any] | None
    votes: ClassVote | None = None  # the class's votes, when classroom live decided it

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(self.explanation.get("sentences", ())) if self.explanation else ()

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(self.explanation.get("rules", ())) if self.explanation else ()

    @property
    def ref(self) -> str:
        """`scene/choice`, the form the record's `choices` list and save snapshots use."""
        return f"{self.scene}/{self.choice}"


@dataclass(frozen=True, kw_only=True)
class PlaythroughRecord:
    story: str
    title: str
    story_hash: str
    source: str
    seed: int
    player: str
    partners: dict[str, PartnerInfo]
    steps: tuple[StepRecord, ...]
    ending: EndingView | None  # the runtime's own ending data: one home for an ending
    noise: bool = True
    created: str = field(default="", compare=False)  # ISO 8601 UTC; not part of equality
    format: int = RECORD_FORMAT

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(s.ref for s in self.steps)

    @property
    def outcome(self) -> str | None:
        return self.ending.outcome if self.ending else None

    def meters_at(self, step: int, partner: str) -> Meters:
        """A partner's meters after `step` (0 = the start)."""
        return self.steps[step - 1].meters[partner] if step else self.partners[partner].start

    @property
    def has_counters(self) -> bool:
        """Whether the record keeps model v2's counters (format 2 and later)."""
        return all(k in p.criteria for p in self.partners.values() for k in CRITERIA_V2)


def build_record(session: Session, *, created: str | None = None,
                 votes: Mapping[int, ClassVote] | None = None) -> PlaythroughRecord:
    """The record of a session's playthrough so far (finished or not); `votes` are the
    class's votes by step number (classroom live).

    The session's history is replayed on a fresh session of the same story and seed, which
    yields the meters after every step without reaching into the session's undo stack.
    """
    if session.changed_story:
        raise RecordError("this game was restored into an edited story and its earlier moves "
                          "are lost, so it cannot be recorded; start the story again")
    story = session.story
    fresh = Session(story, session.seed, noise=session.noise)
    # The start is the state once the start scene is entered: its on_enter effects belong
    # to the start, so replay checks them there and exports never credit them to step 1.
    start = {pid: Meters.of(p) for pid, p in fresh.state.partners.items()}
    steps = []
    for number, old in enumerate(session.history, 1):
        fresh.choose(old.result.choice.id)
        steps.append(_step(fresh, number, fresh.history[-1], (votes or {}).get(number)))
    ending = fresh.ending()
    partners = {
        pid: PartnerInfo(id=pid, name=p.name, start=start[pid],
                         criteria={k: float(getattr(story.params[pid], k)) for k in CRITERIA})
        for pid, p in story.meta.characters.partners.items()
    }
    return PlaythroughRecord(
        story=story.id, title=story.meta.title, story_hash=story.content_hash,
        source=str(story.source), seed=session.seed, player=story.name_of("player"),
        partners=partners, steps=tuple(steps),
        ending=ending,
        noise=session.noise, created=created or now_iso(),
    )


def _step(session: Session, number: int, step: Step, votes: ClassVote | None) -> StepRecord:
    story, res, c = session.story, step.result, step.result.choice
    explanation = None
    if res.explanation is not None:
        # The sentences the glass box showed, the author's reasons included, so the debrief
        # and every export say what the class read during play.
        explanation = {**res.explanation.to_json(), "sentences": step.explained(story)}
    return StepRecord(
        step=number, turn=session.state.turn, scene=step.scene,
        scene_title=story.scenes[step.scene].title, choice=c.id, label=c.label, kind=c.kind,
        layer=c.layer, topic=c.topic, tone=c.tone, response=c.response, said=res.said,
        partner=res.partner, landing=res.landing, shown=_lines(step.lines),
        reaction=_lines(res.reaction),
        meters={pid: Meters.of(p) for pid, p in session.state.partners.items()},
        explanation=explanation,
        votes=votes,
    )


def _lines(lines: tuple[LineView, ...]) -> tuple[Line, ...]:
    return tuple(Line(speaker=ln.speaker, name=ln.name, text=ln.text) for ln in lines)
