"""The story picker's facts about each story, remembered between runs (issue 17).

Describing a story validates it, which for the bundled stories together costs more than
half a second each time the picker opens. The facts depend only on the story's files and on
this version of Confide, so they are kept in the user cache folder, keyed by a SHA-256 of
both. The cache file is untrusted input like any other: one that is missing, damaged,
truncated, over its size limit, of another version or shaped wrongly is ignored and
rewritten; an entry is only ever used when its key matches the files read now.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from game import __version__
from game.persist.atomic import write_atomic
from game.safeio import read_capped

if TYPE_CHECKING:
    from game.catalog import Entry

FORMAT = 1
LIMIT = 4 << 20  # bytes: far above what any catalogue needs
MAX_ENTRIES = 256  # older keys beyond this are dropped, so edits cannot grow it for ever
STORY_FILE_LIMIT = 64 << 20  # a story over this is not hashed; it is simply described


def cache_file() -> Path:
    override = os.environ.get("CONFIDE_CACHE_DIR")
    root = Path(override) if override else platformdirs.user_cache_path("confide",
                                                                         appauthor=False)
    return root / "catalog.json"


def story_key(path: Path, fields: list[str]) -> str | None:
    """SHA-256 of the version, the entry's fields and every file of the story with its
    name; None when a file cannot be read (then the story is described, not cached)."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{','.join(fields)}\0".encode())
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    digest.update(str(path.resolve()).encode() + b"\0")
    try:
        for f in files:
            digest.update(str(f.relative_to(path) if path.is_dir() else f.name).encode())
            digest.update(b"\0" + hashlib.sha256(read_capped(f, STORY_FILE_LIMIT)).digest())
    except OSError:
        return None
    return digest.hexdigest()


def _read(target: Path) -> dict[str, Any]:
    """The cached entries by key; {} for anything but a well-formed cache of this format."""
    try:
        data = json.loads(read_capped(target, LIMIT))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _entry(raw: object, cls: type[Entry]) -> Entry | None:
    """`raw` as an Entry when every field is present with the type of its default."""
    if not isinstance(raw, dict):
        return None
    blank = cls(id="", path="")
    for f in dataclasses.fields(cls):
        value: Any = raw.get(f.name)
        want = getattr(blank, f.name)
        if type(value) is not type(want):
            return None
        if isinstance(want, list) and not all(isinstance(v, str) for v in value):
            return None
        if isinstance(want, dict) and not all(type(v) is int for v in value.values()):
            return None
    return cls(**{f.name: raw[f.name] for f in dataclasses.fields(cls)})


def cached_catalog(paths: list[Path], describe: Callable[[Path], Entry],
                   cls: type[Entry]) -> list[Entry]:
    """`describe(p)` for each path, from the cache where the story's key matches."""
    if os.environ.get("CONFIDE_NO_CACHE", "") not in ("", "0"):  # as game/story/cache.py
        return [describe(p) for p in paths]
    target = cache_file()
    known = _read(target)
    fields = [f.name for f in dataclasses.fields(cls)]
    out: list[Entry] = []
    fresh: dict[str, Any] = {}
    missed = False  # whether any story was described: then the file is written anew
    for path in paths:
        key = story_key(path, fields)
        entry = _entry(known.get(key), cls) if key else None
        if entry is None:
            entry = describe(path)
            missed = True
        out.append(entry)
        if key:
            fresh[key] = entry.to_json()
    if missed and fresh:
        kept = [(k, v) for k, v in known.items() if k not in fresh]
        room = max(0, MAX_ENTRIES - len(fresh))
        merged = {**dict(kept[len(kept) - room:] if room else []), **fresh}
        body = json.dumps({"format": FORMAT, "entries": merged}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a read-only cache folder only costs the speed
            write_atomic(target, body.encode("utf-8"))
    return out
