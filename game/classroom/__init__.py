"""Classroom live: the class votes from phones while the projector shows the tally.

`room` holds the code, devices, rounds and tallies (thread-safe, no I/O); `server` is the
Starlette app with the pupil page and the JSON API; `host` binds the address and runs uvicorn
in a background thread; `commands` is `confide classroom`. Nothing here imports pygame: the
projector's overlay lives in game/ui/classroom.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.classroom.room import Room


@dataclass(frozen=True, slots=True)
class Live:
    """What the window needs of a running vote server: the room and the join address."""

    room: Room
    url: str


__all__ = ["Live", "Room"]
