"""The on-disk envelope of saves and settings: checksum, format version, migrations.

Every file is `{"confide": KIND, "format": N, "sha256": HEX, "body": {...}}`. The checksum
covers the canonical JSON of the body, so a truncated or hand-edited file is reported as
damaged instead of being half-loaded. Older formats are brought up to date in memory
through `MIGRATIONS`, one step per version, after the stored checksum has been verified.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.atomic import write_atomic
from game.errors import SaveError
from game.safeio import UnsafeFile, read_capped

FORMAT = 1
MAX_FILE = 8 * 1024 * 1024  # a save is a few KB; anything this big is not ours
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def canonical(body: Any) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def write_json_atomic(path: Path, kind: str, body: dict[str, Any]) -> None:
    """Write an envelope so that `path` holds either the old file or the new one, whole."""
    try:
        digest = hashlib.sha256(canonical(body)).hexdigest()
        envelope = {"confide": kind, "format": FORMAT, "sha256": digest, "body": body}
        data = json.dumps(envelope, indent=1, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
        raise SaveError(f"could not write {path}: the data cannot be stored ({exc})") from exc
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise SaveError(f"could not write {path}: {exc.strerror or exc}") from exc


def _read_capped(path: Path) -> bytes:
    # A regular file of at most MAX_FILE bytes: a pipe, a device or a huge file is refused
    # before it can block the game or fill memory.
    try:
        return read_capped(path, MAX_FILE)
    except UnsafeFile as exc:
        raise SaveError(f"the file cannot be a save: {exc.strerror}") from exc
    except OSError as exc:
        raise SaveError(f"cannot be read ({exc.strerror or exc})") from exc


def _parse_envelope(raw: bytes, kind: str) -> tuple[int, dict[str, Any]]:
    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SaveError("the file is not valid JSON (it may have been cut short)") from exc
    if not isinstance(envelope, dict) or envelope.get("confide") != kind:
        raise SaveError(f"the file is not a Confide {kind} file")
    version = envelope.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SaveError(f"format {version!r} is not a format version")
    if version > FORMAT:
        raise SaveError(f"format {version} is newer than this version of Confide reads "
                        f"(up to {FORMAT}); it was written by a later release")
    if version != FORMAT and version not in MIGRATIONS.get(kind, {}):
        raise SaveError(f"format {version} is too old for this version to read")
    body = envelope.get("body")
    if not isinstance(body, dict):
        raise SaveError("the file has no body")
    try:
        digest = hashlib.sha256(canonical(body)).hexdigest()
    except (ValueError, RecursionError) as exc:  # lone surrogates, absurd nesting
        raise SaveError("the body cannot be checked (the file was damaged)") from exc
    if envelope.get("sha256") != digest:
        raise SaveError("the checksum does not match (the file was changed or damaged)")
    return version, body


def read_json_checked(path: Path, kind: str) -> dict[str, Any]:
    """The body of an envelope in the current format, or SaveError saying plainly what is
    wrong with the file. Older formats are migrated in memory, one version at a time."""
    version, body = _parse_envelope(_read_capped(path), kind)
    return migrate(kind, version, body)


def migrate(kind: str, version: int, body: dict[str, Any]) -> dict[str, Any]:
    """Bring a body of `version` up to FORMAT through each step of MIGRATIONS[kind]."""
    steps = MIGRATIONS.get(kind, {})
    while version < FORMAT:
        try:
            body = steps[version](body)
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise SaveError(f"the format {version} file could not be brought up to date "
                            f"({exc})") from exc
        version += 1
    return body


def _save_0_to_1(body: dict[str, Any]) -> dict[str, Any]:
    # Format 0 kept the meta fields flat beside the snapshot, called "session".
    snapshot = body["session"]
    state = snapshot.get("state", {}) if isinstance(snapshot, dict) else {}
    scene = str(body["scene"])
    meta = {
        "story": str(body["story"]), "story_title": str(body["story"]), "source": "",
        "scene": scene, "scene_title": scene.replace("_", " "),
        "saved_at": str(body.get("saved_at", "")),
        "play_seconds": float(body.get("play_seconds", 0.0)),
        "turn": int(state.get("turn", 0)) if isinstance(state, dict) else 0,
    }
    return {"meta": meta, "snapshot": snapshot}


def _settings_0_to_1(body: dict[str, Any]) -> dict[str, Any]:
    renames = {"speed": "text_speed", "size": "text_size", "contrast": "high_contrast",
               "fullscreen": "fullscreen"}
    return {new: body[old] for old, new in renames.items() if old in body}


# kind -> {format N: the step from N to N + 1}. Add a step whenever FORMAT goes up.
MIGRATIONS: dict[str, dict[int, Migration]] = {
    "save": {0: _save_0_to_1},
    "settings": {0: _settings_0_to_1},
}
