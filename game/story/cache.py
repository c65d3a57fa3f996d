"""The compiled-story cache: a story that has not changed is not read and checked again
(issue 17).

What is kept is the decoupled middle of loading: the story as validated plain data (the
msgspec Structs of game/story/plain.py, after YAML and the schema), with the warnings that
checking it gave. Parsing the YAML, pydantic and the whole-story warnings (reachability,
menus, landings, authoring) are skipped on a hit: the entry's data is decoded with every
bound of the schema (plain.py mirrors it, tests/story/test_plain.py proves it) and the
compiler builds the runtime form from it again, so a cache file can never produce a story
that its YAML could not. A hit never imports pydantic. Asset warnings depend on files
outside the story's text and are always worked out afresh.

Why this level: the compiler is what checks the story as a whole (targets, speakers,
expressions, kinds of move); caching its output would mean trusting the entry for all that,
or checking it a second way. Caching less (the YAML's data alone) would keep the
whole-story warnings (about a fifth of a full load) and the schema on every start.
Measured on the 1,000-scene benchmark story (CPU time, best of 7, loaded machine): a hit
took 220-250 ms while it validated with pydantic and hashed a JSON dump, and 100-120 ms
with the plain data, Structs for the runtime form and the one-pass tokenizer; about half
of what is left is the compiler (a fifth of it parsing expressions), a sixth decoding.

An entry is keyed by a SHA-256 of everything the result depends on: this cache's format,
Confide's version and the state of the modules that load a story, the story's path as
shown in diagnostics, the folder assets resolve in, the names of the folder's files and
the bytes of every story file. The file is untrusted
input: one that is missing, a link, over its size limit, damaged, truncated, of another
key or shaped wrongly is ignored (and rewritten on the next full load); a cache folder
that cannot be written only costs the speed. `CONFIDE_NO_CACHE=1` (or `--no-cache`)
turns it off; `CONFIDE_CACHE_DIR` moves it (tests use a temporary one).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import msgspec
import platformdirs

from game import __version__
from game.safeio import TEMP_SUFFIX, read_capped, replace_atomic
from game.story.budgets import MAX_STORY_BYTES
from game.story.diagnostics import Diagnostic
from game.story.yamlread import Located, PathKey, Pos

FORMAT = 2
LIMIT = 4 * MAX_STORY_BYTES  # the validated data of the largest allowed story fits well
MAX_ENTRIES = 64  # older entries beyond this are removed, so edits cannot fill the disk
MAX_MESSAGE = 4000
ORPHAN_SECONDS = 3600  # a temp file this old was left by a writer that crashed
FOLDER = "stories"


class CachedDiagnostic(msgspec.Struct, forbid_unknown_fields=True):
    """A warning as stored; only warnings: a story with errors is never cached."""

    path: str
    line: int
    col: int
    severity: Literal["warning"]
    code: str
    message: str


class Entry(msgspec.Struct, forbid_unknown_fields=True):
    format: int
    version: str
    key: str
    story: msgspec.Raw  # the story as JSON, validated by the schema when it is used
    diagnostics: list[CachedDiagnostic]
    # Where each asset is named, so asset warnings found afresh on a hit are located
    # without reading the YAML: [path key, (file, line, col, quote)].
    marks: list[tuple[list[str | int], tuple[str, int, int, int]]]
    digest: str  # catches damage that still parses, such as a flipped digit


def digest(key: str, story: bytes | msgspec.Raw, rest: bytes) -> str:
    """`rest`: the entry's diagnostics and marks, as encoded JSON. The story is hashed where
    it lies (a story of megabytes is not copied)."""
    sealed = hashlib.sha256(key.encode() + b"\0")
    sealed.update(memoryview(story))
    sealed.update(b"\0" + rest)
    return sealed.hexdigest()


def disabled() -> bool:
    return os.environ.get("CONFIDE_NO_CACHE", "") not in ("", "0")


def cache_dir() -> Path:
    override = os.environ.get("CONFIDE_CACHE_DIR")
    root = Path(override) if override else platformdirs.user_cache_path("confide",
                                                                         appauthor=False)
    return root / FOLDER


def engine() -> str:
    """Confide's version and the size and time of each module that shapes a loaded story
    or its warnings, so a changed checkout (same version number) is never served what an
    older one worked out."""
    parts = [str(FORMAT), __version__]
    base = files("game")
    for folder in (base / "story", base / "model"):
        if not isinstance(folder, Path):  # not on disk (a zipped install): version only
            continue
        for module in sorted(folder.glob("*.py")):
            with contextlib.suppress(OSError):
                info = module.stat()
                parts.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\0".join(parts)


def story_key(shown: str, root: Path, files: list[Path], others: list[str],
              limit: int) -> str | None:
    """The entry's key; None when a story file cannot be read within `limit` bytes (then
    the full load reports why)."""
    digest = hashlib.sha256(f"{engine()}\0{shown}\0{root}\0".encode())
    for name in others:  # files beside the story that it warns about (W006)
        digest.update(b"o\0" + name.encode("utf-8", "surrogateescape") + b"\0")
    for f in files:
        try:
            raw = read_capped(f, limit)
        except OSError:
            return None
        digest.update(b"f\0" + str(f).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


def _entry_path(key: str) -> Path:
    return cache_dir() / f"{key}.json"


def _regular(path: Path) -> bool:
    """Whether `path` is a regular file or absent, never a link planted in its place."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(mode)


def _usable_dir(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


def read_entry(key: str) -> Entry | None:
    """The entry stored under `key` if it is whole, well-formed and for this key."""
    target = _entry_path(key)
    if not _usable_dir(target.parent) or not _regular(target):
        return None
    try:
        raw = read_capped(target, LIMIT)
        entry = msgspec.json.decode(raw, type=Entry)
    except (OSError, msgspec.DecodeError, RecursionError):  # RecursionError: deep nesting
        return None
    if (entry.format, entry.version, entry.key) != (FORMAT, __version__, key):
        return None
    sealed = digest(key, entry.story, msgspec.json.encode((entry.diagnostics, entry.marks)))
    if entry.digest != sealed:
        return None
    if not all(_plausible(d) for d in entry.diagnostics) or not all(
            line >= 1 and col >= 1 and quote in (0, 1) for _, (_, line, col, quote) in entry.marks):
        return None
    return entry


def _plausible(d: CachedDiagnostic) -> bool:
    return (d.line >= 1 and d.col >= 1 and len(d.code) == 4 and d.code[0] == "W"
            and d.code[1:].isdigit() and len(d.message) <= MAX_MESSAGE)


def diagnostics(entry: Entry) -> list[Diagnostic]:
    return [Diagnostic(d.path, d.line, d.col, "warning", d.code, d.message)
            for d in entry.diagnostics]


def marks(entry: Entry, shown: str) -> Located:
    """The entry's positions as a Located with no data."""
    return Located(shown, None, {tuple(loc): pos for loc, pos in entry.marks})


def write_entry(key: str, story_json: bytes, diags: list[Diagnostic],
                positions: dict[PathKey, Pos]) -> None:
    """Store an entry; silently nothing when the folder cannot be written."""
    if any(d.is_error for d in diags):
        return
    stored = [CachedDiagnostic(d.path, d.line, d.col, "warning", d.code, d.message)
              for d in diags]
    places = [(list(loc), pos) for loc, pos in positions.items()]
    sealed = digest(key, story_json, msgspec.json.encode((stored, places)))
    body = msgspec.json.encode(Entry(FORMAT, __version__, key, msgspec.Raw(story_json),
                                     stored, places, sealed))
    if len(body) > LIMIT:
        return
    target = _entry_path(key)
    with contextlib.suppress(OSError):  # read-only, full or otherwise unusable: skip
        target.parent.mkdir(parents=True, exist_ok=True)
        if not _usable_dir(target.parent):
            return
        _write(target, body)
        _prune(target.parent)


def _write(target: Path, body: bytes) -> None:
    """A temp file renamed over the entry, never over a link or a device. Unlike saves there
    is no fsync: an entry a power cut damaged fails its digest and is rebuilt, so the wait
    would buy nothing."""
    replace_atomic(target, body, durable=False)


def _prune(folder: Path) -> None:
    """Remove the oldest entries past MAX_ENTRIES, and temp files a crash left behind."""
    entries = []
    for p in folder.glob("*.json"):
        with contextlib.suppress(OSError):
            entries.append((p.lstat().st_mtime, p))
    entries.sort()
    stale = [p for _, p in entries[:max(0, len(entries) - MAX_ENTRIES)]]
    now = time.time()
    for p in folder.glob(f".*{TEMP_SUFFIX}"):  # another process may be writing a new one
        with contextlib.suppress(OSError):
            if now - p.lstat().st_mtime > ORPHAN_SECONDS:
                stale.append(p)
    for p in stale:
        with contextlib.suppress(OSError):
            p.unlink()


class DeferredLocated(Located):
    """Positions read from the story's files only when something asks for one.

    A cache hit has the validated data but not the position of every node; play and
    simulation never need one, while the deep lint or the layout check may, for a
    warning of their own. They then read the story's YAML once, here.
    """

    def __init__(self, path: str, reread: Callable[[], Located | None]) -> None:
        self._reread: Callable[[], Located | None] | None = reread
        super().__init__(path, None)

    def _fill(self) -> None:
        reread, self._reread = self._reread, None
        got = reread() if reread is not None else None
        if got is not None:
            self._data, self._marks, self._key_marks = got.data, got.marks, got.key_marks

    @property
    def data(self) -> Any:
        self._fill()
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value

    @property
    def marks(self) -> dict[PathKey, Pos]:
        self._fill()
        return self._marks

    @marks.setter
    def marks(self, value: dict[PathKey, Pos]) -> None:
        self._marks = value

    @property
    def key_marks(self) -> dict[PathKey, Pos]:
        self._fill()
        return self._key_marks

    @key_marks.setter
    def key_marks(self, value: dict[PathKey, Pos]) -> None:
        self._key_marks = value
