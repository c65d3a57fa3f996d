"""The strict validator of a save's contents, run after its checksum has been verified.

The checksum only proves that a file is whole: anyone can recompute it, so a forged save
passes it. Everything in the body is therefore checked here, field by field, before the
slot list shows it or a game is restored from it: types, ranges, lengths, id shapes, and
no control characters in any text (a NUL in a title would crash text drawing). A failure
is a SaveError or RestoreError naming the field, so the slot shows as damaged and every
other slot still loads.
"""

from __future__ import annotations

import math
import re
from typing import Any

from game.errors import ConfideError
from game.safetext import describe_char, first_control

ID = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")  # story, scene, choice, partner and flag ids
HASH = re.compile(r"^[0-9a-f]{1,64}$")
MAX_TITLE = 200
MAX_SOURCE = 4096
MAX_SEED = 2**63 - 1
MAX_CHOICES = 100_000
MAX_TURN = 2**31 - 1  # any 32-bit count: no game comes near, a forged 10**30 is refused
MAX_PLAY_SECONDS = 1e9  # about 31 years
MAX_FLAG = 1_000_000  # expressions clamp every value to this (game/story/expr_eval.py)
MAX_ENTRIES = 10_000  # partners, flags or visited scenes in one save


class Invalid(ConfideError):
    """A field of a save that is not what Confide writes; the message names the field."""


def text(data: dict[str, Any], key: str, limit: int, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise Invalid(f"'{key}' must be text")
    if len(value) > limit:
        raise Invalid(f"'{key}' is {len(value):,} characters long; at most {limit:,} fit")
    bad = first_control(value)
    if bad >= 0:
        raise Invalid(f"'{key}' holds the control character {describe_char(value[bad])}")
    return value


def ident(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not ID.match(value):
        raise Invalid(f"'{key}' must be an id such as 'kitchen', not {_shown(value)}")
    return value


def whole(data: dict[str, Any], key: str, lo: int, hi: int, default: int | None = None) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise Invalid(f"'{key}' must be a whole number from {lo:,} to {hi:,}, "
                      f"not {_shown(value)}")
    return value


def check_meta(data: Any) -> dict[str, Any]:
    """The meta block the slot list shows, every field checked; returns it unchanged."""
    if not isinstance(data, dict):
        raise Invalid("the save has no metadata block")
    ident(data, "story")
    ident(data, "scene")
    for key in ("story_title", "scene_title"):
        text(data, key, MAX_TITLE, "")
    text(data, "source", MAX_SOURCE, "")
    saved_at = text(data, "saved_at", 64, "")
    if saved_at:
        from datetime import datetime  # lazy: start-up (only a save's meta block has a date)

        try:
            datetime.fromisoformat(saved_at)
        except ValueError:
            raise Invalid(f"'saved_at' is not a date and time: {_shown(saved_at)}") from None
    seconds = data.get("play_seconds", 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not (
            math.isfinite(seconds) and 0 <= seconds <= MAX_PLAY_SECONDS):
        raise Invalid(f"'play_seconds' must be a number of seconds, not {_shown(seconds)}")
    whole(data, "turn", 0, MAX_TURN, 0)
    return data


def check_snapshot(data: Any) -> dict[str, Any]:
    """A session snapshot's shape, independent of the story it is restored into."""
    if not isinstance(data, dict):
        raise Invalid("the game state is not a JSON object")
    whole(data, "format", 0, 1000)
    ident(data, "story")
    digest = data.get("hash")
    if not isinstance(digest, str) or not HASH.match(digest):
        raise Invalid(f"'hash' must be a hexadecimal content hash, not {_shown(digest)}")
    whole(data, "seed", -MAX_SEED, MAX_SEED, 0)
    choices = data.get("choices", [])
    if not isinstance(choices, list) or len(choices) > MAX_CHOICES:
        raise Invalid(f"'choices' must be a list of at most {MAX_CHOICES:,} choices")
    for i, ref in enumerate(choices):
        scene, _, choice = ref.partition("/") if isinstance(ref, str) else ("", "", "")
        if not (ID.match(scene) and ID.match(choice)):
            raise Invalid(f"choice {i + 1} must read 'scene/choice', not {_shown(ref)}")
    check_state(data.get("state"))
    return data


def check_state(state: Any) -> None:
    if not isinstance(state, dict):
        raise Invalid("'state' must be a JSON object")
    ident(state, "scene")
    whole(state, "turn", 0, MAX_TURN, 0)
    if state.get("ending") is not None:
        ident(state, "ending")
    partners = _table(state, "partners")
    for pid, partner in partners.items():
        if not ID.match(pid) or not isinstance(partner, dict):
            raise Invalid(f"partner {_shown(pid)} in the state is not a partner's meters")
    for name, value in _table(state, "flags").items():
        if not ID.match(name) or not (isinstance(value, bool) or (
                isinstance(value, int) and abs(value) <= MAX_FLAG)):
            raise Invalid(f"flag {_shown(name)} must be true, false or a whole number")
    for name, value in _table(state, "visits").items():
        if not ID.match(name) or isinstance(value, bool) or not isinstance(value, int) or \
                not 0 <= value <= MAX_TURN:
            raise Invalid(f"visits of {_shown(name)} must be a whole number of visits")


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict) or len(value) > MAX_ENTRIES:
        raise Invalid(f"'{key}' must be a JSON object of at most {MAX_ENTRIES:,} entries")
    return value


def _shown(value: Any) -> str:
    """A value for a message: repr escapes control characters; long ones are cut."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
        return "a huge number"
    shown = repr(value) if isinstance(value, str | int | float | bool) or value is None \
        else type(value).__name__
    return shown if len(shown) <= 40 else shown[:37] + "..."
