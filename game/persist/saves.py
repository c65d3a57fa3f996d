"""Save slots, autosave and quicksave, and where settings are kept, as small checked files.

Each slot is its own envelope file (game/persist/envelope.py: checksum, format, atomic
write), so a damaged slot never blocks the others. A temp file left by a killed process is
never read (listing only opens the slot names) and is swept away once it is clearly stale.

A save body is `{"meta": {...}, "snapshot": {...}}`; the meta block (story, scene, date, play
time) is what the slot list shows, read without restoring a session. The snapshot is restored
by game/persist/snapshot.py, which replays its moves and refuses a save whose moves do not
lead to its saved state. Settings are game/persist/settings.py; this store reads and writes
them so that one folder holds everything the game keeps. Projector mode once had its own
file, `classroom.json` (written by a release): settings without a `projector` key take it
from there, and writing settings removes that file.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import platformdirs

from game.errors import RestoreError, SaveError
from game.logs import Log
from game.persist.envelope import read_json_checked, write_json_atomic
from game.persist.formats import CLASSROOM_KIND, SAVE_KIND, SETTINGS_KIND
from game.persist.savecheck import Invalid, check_meta
from game.persist.settings import Settings
from game.safeio import TEMP_SUFFIX

if TYPE_CHECKING:
    from game.runtime import Session
    from game.story.compiled import CompiledStory

MANUAL_SLOTS = tuple(f"slot{i}" for i in range(1, 7))
AUTO = "auto"
QUICK = "quick"
ALL_SLOTS = (AUTO, QUICK, *MANUAL_SLOTS)
LEGACY_CLASSROOM = "classroom.json"  # projector mode's own file, written by a release
SLOT_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")
# A write takes milliseconds; a temp file this old belongs to a process that died mid-save.
STALE_TEMP_SECONDS = 30.0

log = Log("confide.saves")
Status = Literal["ok", "empty", "damaged"]


def default_data_dir() -> Path:
    return platformdirs.user_data_path("confide", appauthor=False)


@dataclass(frozen=True, slots=True)
class SlotMeta:
    story: str
    story_title: str
    source: str  # the story's path, so a save can reopen a story that is not bundled
    scene: str
    scene_title: str
    saved_at: str  # ISO 8601, UTC
    play_seconds: float
    turn: int = 0
    line: int = 0  # the line of the scene on screen when saved: Continue resumes there

    @classmethod
    def from_json(cls, data: Any) -> SlotMeta:
        try:
            data = check_meta(data)  # a forged save passes the checksum; its fields must not
        except Invalid as exc:
            raise SaveError(f"the save's metadata is damaged: {exc}") from exc
        try:
            meta = cls(
                story=str(data["story"]), story_title=str(data.get("story_title", "")),
                source=str(data.get("source", "")), scene=str(data["scene"]),
                scene_title=str(data.get("scene_title", "")),
                saved_at=str(data.get("saved_at", "")),
                play_seconds=float(data.get("play_seconds", 0.0)),
                turn=int(data.get("turn", 0)),
                line=max(0, min(100_000, int(data.get("line", 0)))),
            )
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise SaveError(f"the save's metadata is damaged ({exc})") from exc
        if not math.isfinite(meta.play_seconds) or meta.play_seconds < 0:
            raise SaveError(f"the save's play time {meta.play_seconds} is impossible")
        return meta

    @property
    def date_text(self) -> str:
        from datetime import datetime  # lazy: start-up (only Continue's note shows a date)

        try:
            when = datetime.fromisoformat(self.saved_at).astimezone()
        except (ValueError, OverflowError):
            return "unknown date"
        return when.strftime("%d %b %Y, %H:%M")

    @property
    def play_time_text(self) -> str:
        minutes = int(self.play_seconds // 60)
        if minutes < 60:
            return f"{minutes} min" if minutes else "under a minute"
        return f"{minutes // 60} h {minutes % 60:02d} min"


@dataclass(frozen=True, slots=True)
class SlotInfo:
    name: str
    status: Status
    meta: SlotMeta | None = None
    problem: str = ""

    @property
    def label(self) -> str:
        return slot_label(self.name)


def slot_label(name: str) -> str:
    if name == AUTO:
        return "Autosave"
    if name == QUICK:
        return "Quicksave"
    return f"Slot {name.removeprefix('slot')}"


class SaveStore:
    """Saves and settings under one folder: `saves/NAME.json` and `settings.json`."""

    def __init__(self, root: Path | None = None, read_only: bool = False) -> None:
        self.root = Path(root) if root is not None else default_data_dir()
        # Read only: a run that only takes a picture (`--screenshot`) reads the player's
        # saves and settings but never writes, moves or deletes one, so its scripted
        # choices cannot replace the autosave that Continue resumes.
        self.read_only = read_only
        self.saves_dir = self.root / "saves"
        self.settings_path = self.root / "settings.json"
        self.damaged_settings_path = self.root / "settings.damaged.json"
        self.legacy_classroom_path = self.root / LEGACY_CLASSROOM
        self.settings_problem = ""  # why the last load_settings fell back, if it did
        self.settings_from_legacy = False  # the last load took projector from classroom.json
        self.restore_note = ""  # what the last restore had to say (an edited story), if any

    def path(self, slot: str) -> Path:
        if not SLOT_NAME.match(slot):
            raise SaveError(f"'{slot}' is not a slot name")
        return self.saves_dir / f"{slot}.json"

    def write(self, slot: str, meta: SlotMeta, snapshot: dict[str, Any]) -> SlotInfo:
        if self.read_only:
            return self.info(slot)
        body = {"meta": asdict(meta), "snapshot": snapshot}
        write_json_atomic(self.path(slot), SAVE_KIND, body)
        return SlotInfo(slot, "ok", meta)

    def read(self, slot: str) -> tuple[SlotMeta, dict[str, Any]]:
        """Metadata and snapshot of a slot, or SaveError naming the slot and the problem."""
        path = self.path(slot)
        if not path.exists():
            raise SaveError(f"{slot} is empty", problem="empty")
        try:
            body = read_json_checked(path, SAVE_KIND)
            meta = SlotMeta.from_json(body.get("meta"))
        except SaveError as exc:
            raise SaveError(f"{slot} is damaged: {exc}", problem=str(exc)) from exc
        snapshot = body.get("snapshot")
        if not isinstance(snapshot, dict):
            problem = "it has no game state"
            raise SaveError(f"{slot} is damaged: {problem}", problem=problem)
        return meta, snapshot

    def restore(self, slot: str, story: CompiledStory) -> Session:
        """The session saved in `slot`, restored into `story` as it is now.

        SaveError: the slot is empty or damaged. RestoreError: the save no longer fits the
        story (its scene was renamed or removed, it belongs to another story, or its moves
        do not lead to its saved state); the message names the slot, says why and offers to
        start the story over. A save restored into an edited story leaves a sentence saying
        what changed in `restore_note` (game/persist/snapshot.py).
        """
        # The slot list and `confide saves` run without the story and runtime stack.
        from game.persist.snapshot import restore_snapshot  # lazy: start-up of the slot list

        meta, snapshot = self.read(slot)
        self.restore_note = ""
        try:
            restored = restore_snapshot(story, snapshot)
        except RestoreError as exc:
            raise RestoreError(f"{slot_label(slot)} ({meta.story_title or meta.story}, "
                               f"{meta.scene_title or meta.scene}) cannot be restored: "
                               f"{exc.reason}; start the story over",
                               reason=exc.reason) from exc
        self.restore_note = restored.note
        if restored.note:
            log.info("save slot %s: %s", slot, restored.note)
        return restored.session

    def info(self, slot: str) -> SlotInfo:
        try:
            meta, _ = self.read(slot)
        except SaveError as exc:
            if not self.path(slot).exists():
                return SlotInfo(slot, "empty")
            log.warning("save slot %s: %s", slot, exc)
            return SlotInfo(slot, "damaged", problem=exc.problem)
        return SlotInfo(slot, "ok", meta)

    def slots(self, names: tuple[str, ...] = ALL_SLOTS) -> list[SlotInfo]:
        self.sweep_temp()
        return [self.info(n) for n in names]

    def delete(self, slot: str) -> None:
        if self.read_only:
            return
        with contextlib.suppress(FileNotFoundError):
            self.path(slot).unlink()

    def sweep_temp(self, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
        """Remove temp files that a process killed mid-write left behind; return them.

        Only files matching our own temp names are touched, and only once they are older
        than any real write takes, so a save being written right now is never disturbed.
        """
        removed: list[Path] = []
        if self.read_only:
            return removed
        cutoff = time.time() - older_than
        for folder in (self.saves_dir, self.root):
            with contextlib.suppress(OSError):
                for tmp in folder.glob(f".*.json.*{TEMP_SUFFIX}"):
                    with contextlib.suppress(OSError):
                        if tmp.is_file() and tmp.stat().st_mtime <= cutoff:
                            tmp.unlink()
                            removed.append(tmp)
        return removed

    def load_settings(self) -> Settings:
        """The saved settings; a damaged file gives the defaults and is left where it is.
        Settings written before projector mode was one of them take it from classroom.json."""
        self.settings_problem = ""
        self.settings_from_legacy = False
        body: dict[str, Any] = {}
        if self.settings_path.exists():
            try:
                body = read_json_checked(self.settings_path, SETTINGS_KIND)
            except SaveError as exc:
                self.settings_problem = str(exc)
                log.warning("settings ignored, using defaults: %s", exc)
        settings = Settings.from_json(body)
        if "projector" not in body:
            legacy = self._legacy_projector()
            if legacy is not None:
                settings.projector = legacy
                self.settings_from_legacy = True
        return settings

    def _legacy_projector(self) -> bool | None:
        """Projector mode as classroom.json kept it (a release wrote that file: commit
        61a522c on main); None without a usable file."""
        try:
            if self.legacy_classroom_path.exists():
                return read_json_checked(self.legacy_classroom_path, CLASSROOM_KIND).get(
                    "projector") is True
        except SaveError as exc:
            log.warning("%s ignored: %s", self.legacy_classroom_path, exc)
        return None

    def save_settings(self, settings: Settings) -> None:
        """Write the settings; a damaged file there is first kept aside, never lost."""
        if self.read_only:
            return
        if self.settings_path.exists():
            try:
                read_json_checked(self.settings_path, SETTINGS_KIND)
            except SaveError:
                try:
                    os.replace(self.settings_path, self.damaged_settings_path)
                except OSError as exc:
                    raise SaveError(f"could not keep the damaged {self.settings_path} "
                                    f"aside: {exc.strerror or exc}") from exc
                log.warning("damaged settings kept as %s", self.damaged_settings_path)
        write_json_atomic(self.settings_path, SETTINGS_KIND, settings.to_json())
        # The settings now hold projector mode, so the old classroom.json has done its job.
        with contextlib.suppress(OSError):
            self.legacy_classroom_path.unlink(missing_ok=True)
