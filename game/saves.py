"""Save slots, autosave, quicksave and settings, stored as small checked JSON files.

Every file is an envelope `{"confide": KIND, "format": N, "sha256": HEX, "body": {...}}`.
The checksum covers the canonical JSON of the body, so a truncated or hand-edited file is
reported as damaged instead of being half-loaded. Writes go to a temp file in the same
folder, are fsynced and then renamed over the old file, so a crash mid-write leaves the
previous save intact. Each slot is its own file: a damaged slot never blocks the others.

A save body is `{"meta": {...}, "snapshot": {...}}`; the meta block (story, scene, date,
play time) is what the slot list shows, read without restoring a session.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import platformdirs

from game.errors import SaveError

FORMAT = 1
MANUAL_SLOTS = tuple(f"slot{i}" for i in range(1, 7))
AUTO = "auto"
QUICK = "quick"
ALL_SLOTS = (AUTO, QUICK, *MANUAL_SLOTS)
TEXT_SPEEDS = ("slow", "normal", "fast", "instant")
TEXT_SIZES = ("small", "medium", "large", "largest")
SLOT_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")
MAX_FILE = 8 * 1024 * 1024  # a save is a few KB; anything this big is not ours

log = logging.getLogger("confide.saves")
Status = Literal["ok", "empty", "damaged"]


def default_data_dir() -> Path:
    return platformdirs.user_data_path("confide", appauthor=False)


def canonical(body: Any) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def write_json_atomic(path: Path, kind: str, body: dict[str, Any]) -> None:
    """Write an envelope so that `path` holds either the old file or the new one, whole."""
    envelope = {"confide": kind, "format": FORMAT,
                "sha256": hashlib.sha256(canonical(body)).hexdigest(), "body": body}
    data = json.dumps(envelope, indent=1, ensure_ascii=False).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"could not write {path}: {exc.strerror or exc}") from exc
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders, which is fine.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_json_checked(path: Path, kind: str) -> dict[str, Any]:
    """The body of an envelope, or SaveError saying plainly what is wrong with the file."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise SaveError("the file is far too large to be a save")
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"cannot be read ({exc.strerror or exc})") from exc
    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SaveError("the file is not valid JSON (it may have been cut short)") from exc
    if not isinstance(envelope, dict) or envelope.get("confide") != kind:
        raise SaveError(f"the file is not a Confide {kind} file")
    version = envelope.get("format")
    if not isinstance(version, int) or version > FORMAT or version < 1:
        raise SaveError(f"format {version!r} is not one this version reads (up to {FORMAT})")
    body = envelope.get("body")
    if not isinstance(body, dict):
        raise SaveError("the file has no body")
    if envelope.get("sha256") != hashlib.sha256(canonical(body)).hexdigest():
        raise SaveError("the checksum does not match (the file was changed or damaged)")
    return body


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

    @classmethod
    def from_json(cls, data: Any) -> SlotMeta:
        if not isinstance(data, dict):
            raise SaveError("the save has no metadata block")
        try:
            return cls(
                story=str(data["story"]), story_title=str(data.get("story_title", "")),
                source=str(data.get("source", "")), scene=str(data["scene"]),
                scene_title=str(data.get("scene_title", "")),
                saved_at=str(data.get("saved_at", "")),
                play_seconds=float(data.get("play_seconds", 0.0)),
                turn=int(data.get("turn", 0)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SaveError(f"the save's metadata is damaged ({exc})") from exc

    @property
    def date_text(self) -> str:
        try:
            when = datetime.fromisoformat(self.saved_at).astimezone()
        except ValueError:
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
        if self.name == AUTO:
            return "Autosave"
        if self.name == QUICK:
            return "Quicksave"
        return f"Slot {self.name.removeprefix('slot')}"


@dataclass(slots=True)
class Settings:
    text_speed: str = "normal"
    text_size: str = "medium"
    high_contrast: bool = False
    fullscreen: bool = False
    facilitator: bool = False

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
        for f in fields(cls):
            if f.type == "bool" and isinstance(data.get(f.name), bool):
                setattr(out, f.name, data[f.name])
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class SaveStore:
    """Saves and settings under one folder: `saves/NAME.json` and `settings.json`."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_data_dir()
        self.saves_dir = self.root / "saves"
        self.settings_path = self.root / "settings.json"

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
        return [self.info(n) for n in names]

    def delete(self, slot: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(slot).unlink()

    def load_settings(self) -> Settings:
        if not self.settings_path.exists():
            return Settings()
        try:
            return Settings.from_json(read_json_checked(self.settings_path, "settings"))
        except SaveError as exc:
            log.warning("settings ignored, using defaults: %s", exc)
            return Settings()

    def save_settings(self, settings: Settings) -> None:
        write_json_atomic(self.settings_path, "settings", settings.to_json())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
