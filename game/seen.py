"""Which lines of a story the player has already read, kept across plays and rewinds.

Skip (hold Ctrl, the Skip button, or the "Skip seen text" setting) moves through lines
read before and stops at unseen text and at choices, as visual-novel players expect. A
line is known by a short hash of its speaker and text, so a story edit that rewrites a
line makes it unseen again, and a moved line stays seen. One checked envelope per story
under the data folder (`seen/STORY.json`), written atomically when a game is saved or
left; a damaged file is read as "nothing seen yet" and replaced on the next write.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from game.errors import SaveError
from game.logs import Log
from game.persist.envelope import read_json_checked, write_json_atomic

MAX_LINES = 50_000  # far beyond any story; bounds a hostile file and the memory it takes
SAFE_ID = re.compile(r"[^a-z0-9_-]")
log = Log("confide.seen")  # imports logging only to say something (start-up)


def line_key(speaker: str, text: str) -> str:
    return hashlib.blake2s(f"{speaker}\0{text}".encode("utf-8", "replace"),
                           digest_size=8).hexdigest()


class SeenLines:
    """The read lines of one story."""

    def __init__(self, root: Path, story_id: str) -> None:
        name = SAFE_ID.sub("_", story_id.lower())[:64] or "story"
        self.path = root / "seen" / f"{name}.json"
        self.keys: set[str] = set()
        self.dirty = False
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            body = read_json_checked(self.path, "seen")
        except SaveError as exc:
            log.warning("read lines ignored: %s", exc)
            return
        keys = body.get("lines")
        if isinstance(keys, list):
            self.keys = {k for k in keys[:MAX_LINES] if isinstance(k, str) and len(k) == 16}

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def seen(self, speaker: str, text: str) -> bool:
        return line_key(speaker, text) in self.keys

    def mark(self, speaker: str, text: str) -> None:
        key = line_key(speaker, text)
        if key not in self.keys and len(self.keys) < MAX_LINES:
            self.keys.add(key)
            self.dirty = True

    def save(self) -> None:
        """Write the set if it changed. Raises SaveError when the folder cannot be written."""
        if not self.dirty:
            return
        write_json_atomic(self.path, "seen", {"lines": sorted(self.keys)})
        self.dirty = False
