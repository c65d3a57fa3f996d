"""Playthrough records: what was chosen, how it landed and the meters after every step.

A record is self-contained: title, names, the verdict criteria and every step's meters and
explanation travel with it, so exports need only the record, never the story. It also keeps
the story's content hash, seed and choices, so `replay` can check that the story still
produces the same meters. The JSON layout is documented in docs/records.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.atomic import write_atomic
from game.errors import RecordError
from game.facilitator import _fields as f
from game.model import PartnerState
from game.runtime import LineView, Session, Step

KIND = "confide-playthrough"
FORMAT = 1
MAX_FILE = 32 * 1024 * 1024  # a long record is a few hundred KB; more is not ours
CRITERIA = ("deepen_trust", "deepen_defence", "deepen_layer", "deepen_topics",
            "rupture_trust", "rupture_defence")
"""The story parameters that decide the outcome, copied so a debrief can explain it."""


@dataclass(frozen=True, slots=True)
class Meters:
    """One partner's meters after a step (or at the start): the glass-box numbers."""

    trust: float
    defence: float
    reached: int = 0  # deepest player layer this partner received supportively
    opened: int = 0  # deepest layer the partner has disclosed
    topics: tuple[str, ...] = ()  # the player's topics received supportively (breadth)
    ruptured: bool = False

    @classmethod
    def of(cls, p: PartnerState) -> Meters:
        return cls(p.trust, p.defence, p.reached, p.opened, tuple(sorted(p.topics)), p.ruptured)

    def to_json(self) -> dict[str, Any]:
        return {"trust": self.trust, "defence": self.defence, "reached": self.reached,
                "opened": self.opened, "topics": list(self.topics), "ruptured": self.ruptured}

    @classmethod
    def from_json(cls, data: Any, where: str) -> Meters:
        d = f.obj(data, where)
        return cls(f.number(d, "trust", where), f.number(d, "defence", where),
                   f.whole(d, "reached", where, 0, 3), f.whole(d, "opened", where, 0, 3),
                   f.strings(d, "topics", where), f.flag(d, "ruptured", where))


@dataclass(frozen=True, slots=True)
class PartnerInfo:
    id: str
    name: str
    start: Meters
    criteria: dict[str, float]  # CRITERIA -> value from the story's model parameters


@dataclass(frozen=True, slots=True)
class Line:
    speaker: str  # "narrator", "player" or a partner id
    name: str  # display name; empty for narration
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "name": self.name, "text": self.text}

    @classmethod
    def from_json(cls, data: Any, where: str) -> Line:
        d = f.obj(data, where)
        return cls(f.text(d, "speaker", where), f.text(d, "name", where), f.text(d, "text", where))


@dataclass(frozen=True, slots=True)
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
    explanation: dict[str, Any] | None  # Explanation.to_json(name); None for plain choices

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


@dataclass(frozen=True, slots=True)
class EndingRecord:
    scene: str
    title: str
    outcome: str  # deepened | acquaintance | ruptured
    reflection: str


@dataclass(frozen=True)
class PlaythroughRecord:
    story: str
    title: str
    story_hash: str
    source: str
    seed: int
    player: str
    partners: dict[str, PartnerInfo]
    steps: tuple[StepRecord, ...]
    ending: EndingRecord | None
    noise: bool = True
    created: str = field(default="", compare=False)  # ISO 8601 UTC; not part of equality
    format: int = FORMAT

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(s.ref for s in self.steps)

    @property
    def outcome(self) -> str | None:
        return self.ending.outcome if self.ending else None

    def meters_at(self, step: int, partner: str) -> Meters:
        """A partner's meters after `step` (0 = the start)."""
        return self.steps[step - 1].meters[partner] if step else self.partners[partner].start

    def to_json(self) -> dict[str, Any]:
        from game.facilitator.recordjson import record_to_json

        return record_to_json(self)

    @classmethod
    def from_json(cls, data: Any) -> PlaythroughRecord:
        from game.facilitator.recordjson import record_from_json

        return record_from_json(data)


def build_record(session: Session, *, created: str | None = None) -> PlaythroughRecord:
    """The record of a session's playthrough so far (finished or not).

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
        steps.append(_step(fresh, number, fresh.history[-1]))
    ending = fresh.ending()
    partners = {
        pid: PartnerInfo(pid, p.name, start[pid],
                         {k: float(getattr(story.params[pid], k)) for k in CRITERIA})
        for pid, p in story.meta.characters.partners.items()
    }
    return PlaythroughRecord(
        story=story.id, title=story.meta.title, story_hash=story.content_hash,
        source=str(story.source), seed=session.seed, player=story.name_of("player"),
        partners=partners, steps=tuple(steps),
        ending=None if ending is None else EndingRecord(ending.scene, ending.title,
                                                         ending.outcome, ending.reflection),
        noise=session.noise, created=created or now_iso(),
    )


def _step(session: Session, number: int, step: Step) -> StepRecord:
    story, res, c = session.story, step.result, step.result.choice
    name = story.name_of(res.partner)
    partners = story.meta.characters.partners
    pronouns = partners[res.partner].pronouns if res.partner in partners else "they/them"
    others = {pid: (p.name, p.pronouns) for pid, p in partners.items()}
    return StepRecord(
        step=number, turn=session.state.turn, scene=step.scene,
        scene_title=story.scenes[step.scene].title, choice=c.id, label=c.label, kind=c.kind,
        layer=c.layer, topic=c.topic, tone=c.tone, response=c.response, said=res.said,
        partner=res.partner, landing=res.landing, shown=_lines(step.lines),
        reaction=_lines(res.reaction),
        meters={pid: Meters.of(p) for pid, p in session.state.partners.items()},
        explanation=None if res.explanation is None
        else res.explanation.to_json(name, pronouns, others),
    )


def _lines(lines: tuple[LineView, ...]) -> tuple[Line, ...]:
    return tuple(Line(ln.speaker, ln.name, ln.text) for ln in lines)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- files ----------------------------------------------------------------------------------
def write_record(record: PlaythroughRecord, path: Path | str) -> Path:
    """Write the record as JSON so that `path` holds either the old file or the new one."""
    data = json.dumps(record.to_json(), indent=1, ensure_ascii=False) + "\n"
    return write_file(Path(path), data.encode("utf-8"))


def write_file(path: Path, data: bytes) -> Path:
    """Write atomically (a crash never leaves half a file), or raise RecordError."""
    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise RecordError(f"cannot write {path}: {exc.strerror or exc}") from exc


def read_record(path: Path | str) -> PlaythroughRecord:
    """Read a record, or raise RecordError saying plainly what is wrong with the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE:
            raise RecordError(f"{path} is far too large to be a playthrough record")
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise RecordError(f"{path} is not a playthrough record (it is not text)") from exc
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path} is not valid JSON at line {exc.lineno}, column {exc.colno} "
                          f"(it may have been cut short or edited)") from exc
    except (ValueError, RecursionError) as exc:  # absurd numbers or nesting: not ours
        raise RecordError(f"{path} is not a playthrough record (its JSON is too deeply "
                          f"nested or holds impossible numbers)") from exc
    try:
        return PlaythroughRecord.from_json(data)
    except RecordError as exc:
        raise RecordError(f"{path}: {exc}") from exc
