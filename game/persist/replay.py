"""The one replay loop: make a list of saved moves again on a story, step by step.

Both a save's restore (game/persist/snapshot.py) and a playthrough record's replay (below)
rebuild a game this way, so they agree on what "still replays" means. A move replays when
the story is in the move's scene, the game has not ended, and the move's choice is offered.

- `strict=True` raises ReplayError at the first move that does not replay, naming it.
  Record replay and the restore of a save into an unchanged story use it: there, any
  difference means the file was edited or damaged.
- `strict=False` stops at the first move that does not replay and says why in `parted`; the
  session holds every move before it. The restore of a save into an edited story uses it.

Record replay also checks every step's landing and meters, and the ending, against the record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from game.errors import ReplayError, SessionError
from game.model.wording import number
from game.persist.record import COUNTERS, Meters, PlaythroughRecord, StepRecord
from game.runtime import Session
from game.story.compiled import CompiledStory

TOLERANCE = 0.005  # meters are kept to 2 decimals; anything closer is the same number


@dataclass(frozen=True, slots=True, kw_only=True)
class Move:
    """One saved move: the scene it was made in and the id of the choice taken there."""

    scene: str
    choice: str
    label: str = ""  # the choice's text when known, for messages

    @property
    def where(self) -> str:
        return f"\"{self.label}\"" if self.label else f"'{self.scene}/{self.choice}'"


@dataclass(slots=True, kw_only=True)
class Replayed:
    session: Session
    numbers: list[int] = field(default_factory=list)  # 1-based place of each choice offered
    parted: str = ""  # non-strict only: why the replay stopped before the last move


Check = Callable[[Session, int, tuple[str, ...]], None]
"""Called after move `i` (0-based) with the ids that were offered; raises ReplayError."""


def replay(story: CompiledStory, moves: Sequence[Move], *, strict: bool, seed: int,
           noise: bool = True, check: Check | None = None, note: str = "") -> Replayed:
    """Replay `moves` on a fresh session of `story`; see the module docstring for `strict`.

    `note` ends every message (e.g. that the story was edited); `check` may refuse a step
    for reasons of its own, and does so even when not strict.
    """
    out = Replayed(session=Session(story, seed, noise=noise))
    for i, move in enumerate(moves):
        problem, offered = _take(out.session, move)
        if problem:
            message = f"step {i + 1} ({move.where}): {problem}{note}"
            if strict:
                raise ReplayError(message)
            out.parted = message
            break
        out.numbers.append(offered.index(move.choice) + 1)
        if check is not None:
            check(out.session, i, offered)
    return out


def _take(session: Session, move: Move) -> tuple[str, tuple[str, ...]]:
    """Make one move; returns why it could not be made ("" when it was) and the offer."""
    if session.ended:
        return "the story has already ended here", ()
    if session.state.scene != move.scene:
        return (f"it was made in scene '{move.scene}' but the story is now in scene "
                f"'{session.state.scene}'"), ()
    offered = tuple(c.id for c in session.available())
    if move.choice not in offered:
        return f"choice '{move.choice}' is no longer offered in scene '{move.scene}'", offered
    try:
        session.choose(move.choice)
    except SessionError as exc:
        return str(exc), offered
    return "", offered


def moves_of(refs: Sequence[str]) -> list[Move]:
    """`scene/choice` references (as snapshots keep them) as moves; checked shapes only."""
    return [Move(scene=ref.partition("/")[0], choice=ref.partition("/")[2]) for ref in refs]


# -- playthrough records ---------------------------------------------------------------------
def replay_record(story: CompiledStory, record: PlaythroughRecord) -> Session:
    """A session that has made every recorded choice, each checked against the record.

    Raises ReplayError naming the first step whose scene, choice, landing or meters differ.
    """
    return _walk(story, record).session


def choice_numbers(story: CompiledStory, record: PlaythroughRecord) -> list[int]:
    """The recorded choices as the 1-based numbers the terminal game shows, after checking."""
    return _walk(story, record).numbers


def _walk(story: CompiledStory, record: PlaythroughRecord) -> Replayed:
    if record.story != story.id:
        raise ReplayError(f"the record is of story '{record.story}' ({record.title}), "
                          f"not '{story.id}'; play it with: confide play {record.story} "
                          f"--replay FILE")
    note = ("" if record.story_hash == story.content_hash
            else " (the story has been edited since the record was made)")

    def check(session: Session, i: int, offered: tuple[str, ...]) -> None:
        _check_step(session, record, record.steps[i], offered, note)

    moves = [Move(scene=s.scene, choice=s.choice, label=s.label) for s in record.steps]
    start = Session(story, record.seed, noise=record.noise)
    _check_meters(start, record, 0, note)
    done = replay(story, moves, strict=True, seed=record.seed, noise=record.noise,
                  check=check, note=note)
    _check_ending(done.session, record, note)
    return done


def _check_step(session: Session, record: PlaythroughRecord, step: StepRecord,
                offered: tuple[str, ...], note: str) -> None:
    where = f"step {step.step} (\"{step.label}\")"
    if step.votes is not None:
        problem = step.votes.problem(step.choice, list(offered))
        if problem:
            raise ReplayError(f"{where}: {problem}{note}")
    landed = session.history[-1].result.landing
    if landed != step.landing:
        raise ReplayError(f"{where}: it now lands {landed}, but the record says "
                          f"{step.landing}{note}")
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
    # A format 1 record has no counters (None): there is nothing to compare them with.
    for meter in ("reached", "opened", "ruptured", *COUNTERS):
        a, b = getattr(now, meter), getattr(then, meter)
        if b is not None and a != b:
            return meter, str(a), str(b)
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
