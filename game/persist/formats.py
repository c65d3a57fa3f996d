"""Every on-disk format version of Confide, in one place.

Bump a number here when the layout of its file changes, and teach the reader of that file
the previous layout if a release ever wrote it (main is released at every landed stop, so
check `git log` before dropping one). A file of a format this version does not read is one
clear message naming the file, never a traceback.
"""

from __future__ import annotations

ENVELOPE_FORMAT = 1
"""The checked envelope `{"confide": KIND, "format": N, "sha256": HEX, "body": {...}}` of
saves, settings and the seen-lines file (game/persist/envelope.py)."""

SAVE_KIND = "save"
SETTINGS_KIND = "settings"
CLASSROOM_KIND = "classroom"
"""Projector mode's own file, `classroom.json`, from before Settings held it. A release wrote
it (main at 61a522c), so settings without a `projector` key still take it from there once."""

SNAPSHOT_FORMAT = 1
"""A session snapshot inside a save: story id, content hash, seed, choices and state."""
SNAPSHOT_READS = (1,)

RECORD_KIND = "confide-playthrough"
RECORD_FORMAT = 2
"""Playthrough records (docs/records.md). 2 added model v2's per-partner counters (moves,
heard, hurt, closeness) to every meters block and their criteria to each partner."""
RECORD_READS = (1, 2)
"""Format 1 was released (records written before model v2's counters); it still reads,
without the counters, and its debrief shows only the criteria it kept."""


def now_iso() -> str:
    """The time now as saves and records keep it: ISO 8601, UTC, whole seconds."""
    from datetime import UTC, datetime  # lazy: start-up (the title screen writes nothing)

    return datetime.now(UTC).isoformat(timespec="seconds")
