"""Replay a record on a story and check, step by step, that the meters come out the same.

A story edited since the record was made may still replay (a typo fixed in a line changes the
content hash but no meter); only a difference in what happens fails, and the error names the
first step where the story and the record part ways.
"""

from __future__ import annotations

from game.errors import ReplayError, SessionError
from game.facilitator.record import Meters, PlaythroughRecord, StepRecord
from game.model.wording import number
from game.runtime import Session
from game.story.compiled import CompiledStory

TOLERANCE = 0.005  # meters are kept to 2 decimals; anything closer is the same number


def replay(story: CompiledStory, record: PlaythroughRecord) -> Session:
    """A session that has made every recorded choice, each checked against the record.

    Raises ReplayError naming the first step whose scene, choice, landing or meters differ.
    """
    session, _ = _walk(story, record)
    return session


def choice_numbers(story: CompiledStory, record: PlaythroughRecord) -> list[int]:
    """The recorded choices as the 1-based numbers the terminal game shows, after checking."""
    _, numbers = _walk(story, record)
    return numbers


def _walk(story: CompiledStory, record: PlaythroughRecord) -> tuple[Session, list[int]]:
    if record.story != story.id:
        raise ReplayError(f"the record is of story '{record.story}' ({record.title}), "
                          f"not '{story.id}'; play it with: confide play {record.story} "
                          f"--replay FILE")
    note = ("" if record.story_hash == story.content_hash
            else " (the story has been edited since the record was made)")
    session = Session(story, record.seed, noise=record.noise)
    _check_meters(session, record, 0, note)
    numbers = []
    for step in record.steps:
        numbers.append(_choose(session, step, note))
        _check_step(session, record, step, note)
    _check_ending(session, record, note)
    return session, numbers


def _choose(session: Session, step: StepRecord, note: str) -> int:
    where = f"step {step.step} (\"{step.label}\")"
    if session.ended:
        raise ReplayError(f"{where}: the story has already ended here{note}")
    if session.state.scene != step.scene:
        raise ReplayError(f"{where}: the record was in scene '{step.scene}' but the story "
                          f"is now in scene '{session.state.scene}'{note}")
    ids = [c.id for c in session.available()]
    if step.choice not in ids:
        raise ReplayError(f"{where}: choice '{step.choice}' is no longer offered in scene "
                          f"'{step.scene}'{note}")
    if step.votes is not None:
        problem = step.votes.problem(step.choice, ids)
        if problem:
            raise ReplayError(f"{where}: {problem}{note}")
    try:
        session.choose(step.choice)
    except SessionError as exc:
        raise ReplayError(f"{where}: {exc}{note}") from exc
    return ids.index(step.choice) + 1


def _check_step(session: Session, record: PlaythroughRecord, step: StepRecord,
                note: str) -> None:
    landed = session.history[-1].result.landing
    if landed != step.landing:
        raise ReplayError(f"step {step.step} (\"{step.label}\"): it now lands {landed}, "
                          f"but the record says {step.landing}{note}")
    _check_meters(session, record, step.step, note)


def _check_meters(session: Session, record: PlaythroughRecord, at: int, note: str) -> None:
    where = "the start" if at == 0 else f"step {at} (\"{record.steps[at - 1].label}\")"
    if set(session.state.partners) != set(record.partners):
        raise ReplayError(f"the story's characters differ from the record's{note}")
    for pid, p in session.state.partners.items():
        now, then = Meters.of(p), record.meters_at(at, pid)
        diff = _difference(now, then)
        if diff:
            name = record.partners[pid].name
            raise ReplayError(f"{where}: {name}'s {diff[0]} is {diff[1]} on replay but "
                              f"{diff[2]} in the record{note}")


def _difference(now: Meters, then: Meters) -> tuple[str, str, str] | None:
    for meter in ("trust", "defence"):
        a, b = getattr(now, meter), getattr(then, meter)
        if abs(a - b) > TOLERANCE:
            return meter, number(a), number(b)
    for meter in ("reached", "opened", "ruptured"):
        if getattr(now, meter) != getattr(then, meter):
            return meter, str(getattr(now, meter)), str(getattr(then, meter))
    if now.topics != then.topics:
        return "topics", ", ".join(now.topics) or "none", ", ".join(then.topics) or "none"
    return None


def _check_ending(session: Session, record: PlaythroughRecord, note: str) -> None:
    ending = session.ending()
    now = ending.scene if ending else None
    then = record.ending.scene if record.ending else None
    if now != then:
        raise ReplayError(f"after step {len(record.steps)}: the story now ends at "
                          f"'{now or 'no ending yet'}', but the record ends at "
                          f"'{then or 'no ending yet'}'{note}")
