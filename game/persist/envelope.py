"""The on-disk envelope of saves and settings: checksum and format version.

Every file is `{"confide": KIND, "format": N, "sha256": HEX, "body": {...}}`. The checksum
covers the canonical JSON of the body, so a truncated or hand-edited file is reported as
damaged instead of being half-loaded. Only ENVELOPE_FORMAT (game/persist/formats.py) is read:
no release ever wrote another, so any other number is refused with a message saying so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.errors import SaveError
from game.persist.atomic import write_atomic
from game.persist.formats import ENVELOPE_FORMAT
from game.safeio import UnsafeFile, read_capped

MAX_FILE = 8 * 1024 * 1024  # a save is a few KB; anything this big is not ours


# json and hashlib are imported when a file is first read or written: a first run's title
# screen reads none (no settings or saves yet), and its first frame need not wait for them.


def canonical(body: Any) -> bytes:
    import json  # lazy: start-up (see above)

    return json.dumps(body, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def checksum(body: Any) -> str:
    """The envelope's `sha256`: of the canonical JSON of the body."""
    import hashlib  # lazy: start-up (see above)

    return hashlib.sha256(canonical(body)).hexdigest()


def write_json_atomic(path: Path, kind: str, body: dict[str, Any]) -> None:
    """Write an envelope so that `path` holds either the old file or the new one, whole."""
    import json  # lazy: start-up (see above)

    try:
        envelope = {"confide": kind, "format": ENVELOPE_FORMAT, "sha256": checksum(body),
                    "body": body}
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


def _parse_envelope(raw: bytes, kind: str) -> dict[str, Any]:
    import json  # lazy: start-up (see above)

    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SaveError("the file is not valid JSON (it may have been cut short)") from exc
    if not isinstance(envelope, dict) or envelope.get("confide") != kind:
        raise SaveError(f"the file is not a Confide {kind} file")
    version = envelope.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SaveError(f"format {version!r} is not a format version")
    if version > ENVELOPE_FORMAT:
        raise SaveError(f"format {version} is newer than this version of Confide reads "
                        f"(up to {ENVELOPE_FORMAT}); it was written by a later release")
    if version != ENVELOPE_FORMAT:
        raise SaveError(f"format {version} was never written by a release of Confide "
                        f"(this version reads format {ENVELOPE_FORMAT})")
    body = envelope.get("body")
    if not isinstance(body, dict):
        raise SaveError("the file has no body")
    try:
        digest = checksum(body)
    except (ValueError, RecursionError) as exc:  # lone surrogates, absurd nesting
        raise SaveError("the body cannot be checked (the file was damaged)") from exc
    if envelope.get("sha256") != digest:
        raise SaveError("the checksum does not match (the file was changed or damaged)")
    return body


def read_json_checked(path: Path, kind: str) -> dict[str, Any]:
    """The body of an envelope, or SaveError saying plainly what is wrong with the file."""
    return _parse_envelope(_read_capped(path), kind)
