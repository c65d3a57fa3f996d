"""Save slots, autosave, quicksave and settings, stored as small checked JSON files.

Every file is an envelope `{"confide": KIND, "format": N, "sha256": HEX, "body": {...}}`.
The checksum covers the canonical JSON of the body, so a truncated or hand-edited file is
reported as damaged instead of being half-loaded. Writes go to a temp file in the same
folder, are fsynced and then renamed over the old file, and the folder is fsynced, so a
crash mid-write leaves the previous save intact. Each slot is its own file: a damaged slot
never blocks the others. A temp file left by a killed process is never read (listing only
opens the slot names) and is swept away once it is clearly stale.

A save body (format 1) is `{"meta": {...}, "snapshot": {...}}`; the meta block (story,
scene, date, play time) is what the slot list shows, read without restoring a session.

Older formats are read through `MIGRATIONS`, one step per version, after the checksum of
the file as stored has been verified; the file itself is left alone until the game next
writes that slot. Format 0 is the layout of the first prototype:
- save: `{"story", "scene", "saved_at", "play_seconds", "session": snapshot}` (flat meta);
- settings: `{"speed", "size", "contrast", "fullscreen"}` (short names, no facilitator).
Projector mode once had its own envelope, `classroom.json` (body `{"projector": bool}`):
settings without a `projector` key take it from there, and writing settings removes it.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import time
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import platformdirs

from game.atomic import TEMP_SUFFIX
from game.errors import ConfideError, RestoreError, SaveError
from game.savecheck import Invalid, check_meta
from game.savefile import (
    read_json_checked,
    write_json_atomic,
)

if TYPE_CHECKING:
    from game.runtime import Session
    from game.story.compiled import CompiledStory

MANUAL_SLOTS = tuple(f"slot{i}" for i in range(1, 7))
AUTO = "auto"
QUICK = "quick"
ALL_SLOTS = (AUTO, QUICK, *MANUAL_SLOTS)
TEXT_SPEEDS = ("slow", "normal", "fast", "instant")
TEXT_SIZES = ("small", "medium", "large", "largest")
FONTS = ("standard", "hyperlegible")  # DejaVu Sans, or Atkinson Hyperlegible (reading aid)
LINE_SPACINGS = ("normal", "relaxed", "wide")
VOLUME_STEP = 10  # volumes are whole percentages, changed in these steps
AUTO_FORWARD = ("off", "slow", "normal", "fast")  # how long a finished line stays
SLOT_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")
# A write takes milliseconds; a temp file this old belongs to a process that died mid-save.
STALE_TEMP_SECONDS = 30.0
LEGACY_CLASSROOM = "classroom.json"  # projector mode's own file before Settings had it

log = logging.getLogger("confide.saves")
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


@dataclass(slots=True)
class Settings:
    text_speed: str = "normal"
    text_size: str = "medium"
    high_contrast: bool = False
    fullscreen: bool = False
    facilitator: bool = False
    projector: bool = False  # large text, high contrast, A-D votes (the class's screen)
    # Comforts (help, voice, reading, sound); validated in `_comforts_from_json`.
    help_seen: bool = False  # the first-run hint has been shown once
    self_voicing: bool = False  # read the text and the focused control aloud (V)
    font: str = "standard"  # one of FONTS
    line_spacing: str = "normal"  # one of LINE_SPACINGS
    music_volume: int = 60  # 0-100: the ambient loops
    sound_volume: int = 70  # 0-100: the interface sounds
    mute: bool = False  # silence everything without losing the volumes
    # -- reading comforts (window v2): skip and auto-forward --
    skip_seen: bool = False  # skip lines read before without holding Ctrl
    auto_forward: str = "off"  # one of AUTO_FORWARD

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Keep every valid value; a bad or unknown one falls back to its default."""
        out = cls()
        if not isinstance(data, dict):
            return out
        if data.get("text_speed") in TEXT_SPEEDS:
            out.text_speed = data["text_speed"]
        if data.get("text_size") in TEXT_SIZES:
            out.text_size = data["text_size"]
        if data.get("auto_forward") in AUTO_FORWARD:
            out.auto_forward = data["auto_forward"]
        for f in fields(cls):
            if f.type == "bool" and isinstance(data.get(f.name), bool):
                setattr(out, f.name, data[f.name])
        _comforts_from_json(out, data)
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _comforts_from_json(out: Settings, data: dict[str, Any]) -> None:
    if data.get("font") in FONTS:
        out.font = data["font"]
    if data.get("line_spacing") in LINE_SPACINGS:
        out.line_spacing = data["line_spacing"]
    for name in ("music_volume", "sound_volume"):
        value = data.get(name)
        # bool is an int to Python; a hand-edited `true` is not a volume
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
            setattr(out, name, value)


class SaveStore:
    """Saves and settings under one folder: `saves/NAME.json` and `settings.json`."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_data_dir()
        self.saves_dir = self.root / "saves"
        self.settings_path = self.root / "settings.json"
        self.damaged_settings_path = self.root / "settings.damaged.json"
        self.legacy_classroom_path = self.root / LEGACY_CLASSROOM
        self.settings_problem = ""  # why the last load_settings fell back, if it did
        self.settings_from_legacy = False  # the last load took projector from classroom.json

    def path(self, slot: str) -> Path:
        if not SLOT_NAME.match(slot):
            raise SaveError(f"'{slot}' is not a slot name")
        return self.saves_dir / f"{slot}.json"

    def write(self, slot: str, meta: SlotMeta, snapshot: dict[str, Any]) -> SlotInfo:
        body = {"meta": asdict(meta), "snapshot": snapshot}
        write_json_atomic(self.path(slot), "save", body)
        return SlotInfo(slot, "ok", meta)

    def read(self, slot: str) -> tuple[SlotMeta, dict[str, Any]]:
        """Metadata and snapshot of a slot, or SaveError naming the slot and the problem."""
        path = self.path(slot)
        if not path.exists():
            raise SaveError(f"{slot} is empty")
        try:
            body = read_json_checked(path, "save")
            meta = SlotMeta.from_json(body.get("meta"))
        except SaveError as exc:
            raise SaveError(f"{slot} is damaged: {exc}") from exc
        snapshot = body.get("snapshot")
        if not isinstance(snapshot, dict):
            raise SaveError(f"{slot} is damaged: it has no game state")
        return meta, snapshot

    def restore(self, slot: str, story: CompiledStory) -> Session:
        """The session saved in `slot`, restored into `story` as it is now.

        SaveError: the slot is empty or damaged. RestoreError: the save no longer fits the
        story (its scene was renamed or removed, or it belongs to another story); the
        message names the slot, says why and offers to start the story over.
        """
        from game.runtime import Session

        meta, snapshot = self.read(slot)
        try:
            return Session.restore(story, snapshot)
        except ConfideError as exc:
            reason = str(exc)
            if "start" not in reason:
                reason += "; start the story over"
            raise RestoreError(f"{slot_label(slot)} ({meta.story_title or meta.story}, "
                               f"{meta.scene_title or meta.scene}) cannot be restored: "
                               f"{reason}") from exc

    def info(self, slot: str) -> SlotInfo:
        try:
            meta, _ = self.read(slot)
        except SaveError as exc:
            if not self.path(slot).exists():
                return SlotInfo(slot, "empty")
            log.warning("save slot %s: %s", slot, exc)
            return SlotInfo(slot, "damaged", problem=str(exc).split(": ", 1)[-1])
        return SlotInfo(slot, "ok", meta)

    def slots(self, names: tuple[str, ...] = ALL_SLOTS) -> list[SlotInfo]:
        self.sweep_temp()
        return [self.info(n) for n in names]

    def delete(self, slot: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(slot).unlink()

    def sweep_temp(self, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
        """Remove temp files that a process killed mid-write left behind; return them.

        Only files matching our own temp names are touched, and only once they are older
        than any real write takes, so a save being written right now is never disturbed.
        """
        removed: list[Path] = []
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
                body = read_json_checked(self.settings_path, "settings")
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
        """Projector mode as the old classroom.json kept it; None without a usable file."""
        try:
            if self.legacy_classroom_path.exists():
                return read_json_checked(self.legacy_classroom_path, "classroom").get(
                    "projector") is True
        except SaveError as exc:
            log.warning("%s ignored: %s", self.legacy_classroom_path, exc)
        return None

    def save_settings(self, settings: Settings) -> None:
        """Write the settings; a damaged file there is first kept aside, never lost."""
        if self.settings_path.exists():
            try:
                read_json_checked(self.settings_path, "settings")
            except SaveError:
                try:
                    os.replace(self.settings_path, self.damaged_settings_path)
                except OSError as exc:
                    raise SaveError(f"could not keep the damaged {self.settings_path} "
                                    f"aside: {exc.strerror or exc}") from exc
                log.warning("damaged settings kept as %s", self.damaged_settings_path)
        write_json_atomic(self.settings_path, "settings", settings.to_json())
        # The settings now hold projector mode, so the old classroom.json has done its job.
        with contextlib.suppress(OSError):
            self.legacy_classroom_path.unlink(missing_ok=True)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
