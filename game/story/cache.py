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
with the plain data, Structs for the runtime form and the one-pass tokenizer. Format 3
(issue 17, h-hit3) took about a quarter off that again (medians of alternating runs of
the same story): the quick pass over well-formed expressions (game/story/expr_quick.py),
scenes as Structs, a builder that skips work a well-formed choice does not need, and the
layout below. What is left is mostly the compiler (about half), decoding the story (a
sixth) and parsing its distinct expressions (a tenth).

An entry's file is one line `confide-story-cache DIGEST`, the SHA-256 of the rest; a
header of JSON on one line (format, version, key, warnings, marks, the story's size);
then the story's JSON. A hit hashes the bytes it read once, decodes the small header (its
bounds are checked as it decodes) and hands the story's bytes to the loader, which
decodes them with the schema's bounds: nothing is encoded again and the story's JSON is
not scanned twice.

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
import functools
import hashlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
import platformdirs

from game import __version__
from game.resources import PACKAGE
from game.safeio import TEMP_SUFFIX, read_capped, replace_atomic
from game.story.budgets import MAX_STORY_BYTES
from game.story.diagnostics import Diagnostic
from game.story.yamlread import Located, PathKey, Pos

FORMAT = 3
LIMIT = 4 * MAX_STORY_BYTES  # the validated data of the largest allowed story fits well
MAX_ENTRIES = 64  # older entries beyond this are removed, so edits cannot fill the disk
MAX_MESSAGE = 4000
ORPHAN_SECONDS = 3600  # a temp file this old was left by a writer that crashed
FOLDER = "stories"
MAGIC = b"confide-story-cache "

Place = Annotated[int, msgspec.Meta(ge=1)]  # a 1-based line or column
Quote = Annotated[int, msgspec.Meta(ge=0, le=1)]  # 1 for a quoted scalar
Marks = list[tuple[list[str | int], tuple[str, Place, Place, Quote]]]


class CachedDiagnostic(msgspec.Struct, forbid_unknown_fields=True):
    """A warning as stored; only warnings: a story with errors is never cached. Each bound
    is checked as it is decoded."""

    path: str
    line: Place
    col: Place
    severity: Literal["warning"]
    code: Annotated[str, msgspec.Meta(pattern=r"^W[0-9]{3}\Z")]
    message: Annotated[str, msgspec.Meta(max_length=MAX_MESSAGE)]


class Entry(msgspec.Struct, forbid_unknown_fields=True):
    """An entry's header; the story's JSON follows it."""

    format: int
    version: str
    key: str
    diagnostics: list[CachedDiagnostic]
    # Where each asset is named, so asset warnings found afresh on a hit are located
    # without reading the YAML: [path key, (file, line, col, quote)].
    marks: Marks
    size: int  # of the story's JSON, in bytes


@dataclass(frozen=True)
class Hit:
    """A whole entry for the key asked for. `story` is the story as JSON, checked against
    the schema (plain.py) when the loader decodes it."""

    story: memoryview
    diagnostics: list[CachedDiagnostic]
    marks: Marks


def seal(body: bytes) -> bytes:
    """An entry's file: a first line with the digest of the rest, which catches damage that
    still parses (a flipped digit). Not a signature: a hostile writer can seal anything,
    so everything behind it is checked as well."""
    return MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


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
    return _engine()


@functools.cache  # a process runs the modules it imported: worked out once (a stat each)
def _engine() -> str:
    parts = [str(FORMAT), __version__]
    # Found where game/resources.py finds the assets: importlib.resources would import its
    # zip support (about 5 ms of a warm start). A zipped install, which is not supported,
    # would find no modules here and be keyed by its version only.
    for folder in (PACKAGE / "story", PACKAGE / "model"):
        for module in sorted(folder.glob("*.py")):
            with contextlib.suppress(OSError):
                info = module.stat()
                parts.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\0".join(parts)


def read_files(files: list[Path], limit: int) -> list[bytes] | None:
    """The bytes of each story file, read once for the keys of both caches; None when one
    cannot be read within `limit` bytes (then the full load reports why)."""
    try:
        return [read_capped(f, limit) for f in files]
    except OSError:
        return None


def story_key(shown: str, root: Path, files: list[Path], others: list[str],
              raws: list[bytes]) -> str:
    """The entry's key, from the story files' bytes (`read_files`)."""
    digest = hashlib.sha256(f"{engine()}\0{shown}\0{root}\0".encode())
    for name in others:  # files beside the story that it warns about (W006)
        digest.update(b"o\0" + name.encode("utf-8", "surrogateescape") + b"\0")
    for f, raw in zip(files, raws, strict=True):
        digest.update(b"f\0" + str(f).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


def _entry_path(key: str) -> Path:
    return cache_dir() / f"{key}.json"


def regular(path: Path) -> bool:
    """Whether `path` is a regular file or absent, never a link planted in its place."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(mode)


def usable_dir(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


def read_sealed(target: Path, limit: int) -> memoryview | None:
    """The body of the sealed file `target` (see `seal`) if it is a regular file within
    `limit` bytes whose digest matches; shared by every cache of stories."""
    if not usable_dir(target.parent) or not regular(target):
        return None
    try:
        raw = read_capped(target, limit)
    except OSError:
        return None
    first = raw.find(b"\n")
    if first < 0 or not raw.startswith(MAGIC):
        return None
    body = memoryview(raw)[first + 1:]
    if raw[len(MAGIC):first] != hashlib.sha256(body).hexdigest().encode():
        return None
    return body


def write_sealed(target: Path, body: bytes, limit: int) -> bool:
    """Seal and store `body` at `target`; False, silently, when it is over `limit` or the
    folder cannot be written (read-only, full or otherwise unusable)."""
    sealed = seal(body)
    if len(sealed) > limit:
        return False
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        if usable_dir(target.parent):
            _write(target, sealed)
            return True
    return False


def read_entry(key: str) -> Hit | None:
    """The entry stored under `key` if it is whole, well-formed and for this key. The bytes
    read are hashed once, and only the header is decoded here."""
    body = read_sealed(_entry_path(key), LIMIT)
    if body is None:
        return None
    raw: bytes = body.obj  # type: ignore[assignment]  # the bytes read_sealed read
    start = len(raw) - len(body)
    second = raw.find(b"\n", start) - start  # the header's JSON holds no newline
    if second < 0:
        return None
    try:
        entry = _HEADER.decode(body[:second])
    except (msgspec.DecodeError, RecursionError):  # RecursionError: deep nesting
        return None
    story = body[second + 1:]
    if (entry.format, entry.version, entry.key, entry.size) != (FORMAT, __version__, key,
                                                               len(story)):
        return None
    return Hit(story, entry.diagnostics, entry.marks)


_HEADER = msgspec.json.Decoder(Entry)


def diagnostics(entry: Hit) -> list[Diagnostic]:
    return [Diagnostic(d.path, d.line, d.col, "warning", d.code, d.message)
            for d in entry.diagnostics]


def marks(entry: Hit, shown: str) -> Located:
    """The entry's positions as a Located with no data, made only if an asset warning
    asks for one (most hits have none)."""
    return DeferredLocated(shown, lambda: Located(
        shown, None, {tuple(loc): pos for loc, pos in entry.marks}))


def write_entry(key: str, story_json: bytes, diags: list[Diagnostic],
                positions: dict[PathKey, Pos]) -> None:
    """Store an entry; silently nothing when the folder cannot be written."""
    if any(d.is_error for d in diags):
        return
    stored = [CachedDiagnostic(d.path, d.line, d.col, "warning", d.code, d.message)
              for d in diags]
    places = [(list(loc), pos) for loc, pos in positions.items()]
    header = msgspec.json.encode(Entry(FORMAT, __version__, key, stored, places,
                                       len(story_json)))
    target = _entry_path(key)
    if write_sealed(target, header + b"\n" + story_json, LIMIT):
        prune(target.parent, ".json", MAX_ENTRIES)


def _write(target: Path, body: bytes) -> None:
    """A temp file renamed over the entry, never over a link or a device. Unlike saves there
    is no fsync: an entry a power cut damaged fails its digest and is rebuilt, so the wait
    would buy nothing."""
    replace_atomic(target, body, durable=False)


def prune(where: Path, suffix: str, max_entries: int, max_bytes: float = float("inf")) -> None:
    """Remove the least recently used entries (`*suffix`) past `max_entries` or `max_bytes`
    in all, and temp files a crashed writer left behind. Shared by this cache and the
    file cache (filecache.py), each with its own folder and bounds."""
    entries = []
    for p in where.glob(f"*{suffix}"):
        with contextlib.suppress(OSError):
            info = p.lstat()
            entries.append((info.st_mtime, info.st_size, p))
    entries.sort(reverse=True)
    total = 0
    stale = []
    for kept, (_, size, p) in enumerate(entries, 1):
        total += size
        if kept > max_entries or total > max_bytes:
            stale.append(p)
    now = time.time()
    for p in where.glob(f".*{TEMP_SUFFIX}"):  # another process may be writing a new one
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
