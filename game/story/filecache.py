"""The file cache: when one file of a folder story changes, the others are not read or
validated again (issue 17).

The compiled-story cache (game/story/cache.py) serves a story none of whose files changed.
This one keeps, for each file of a story of several files that loaded without an error,
what that file alone decides: its top-level keys, the validated plain data of its scenes
and of its story-level keys (title, characters, flags, ...: msgspec Structs and values, as
the compiled-story cache keeps a whole story), the YAML budget it used, and the answers to
every question the last check asked about a position in it ("where is the key of
scenes.s3.choices[2].reactions.intrusion?": a line and column, or none). Each of those is
a function of the file's bytes alone, so an entry is keyed by them (with this cache's
format, the engine, cache.engine, and the path shown in diagnostics), and needs no key of
the story around it. The whole-story warnings always run again over the whole story
(game/story/incremental.py), and so does compiling in a new process: a compiled scene
holds its conditions as closures, which no cache file can hold, and the compiled-story
cache does the same on a hit. A process that loads the story again keeps what it can in
memory instead: the parts of its last load (`keep`: no entry decoded again) and the
scenes it compiled (game/story/memo.py). A question an entry cannot answer has the file
parsed again, never guessed.

The entry is untrusted input, as the other caches' are: a regular file, never a link,
within its size limit, sealed (cache.seal); its header of exact fields; its scenes decoded
with every bound of the schema (game/story/plain.py), its story-level values checked with
them when the story is put together; every position inside the file it is for; its budget
counts re-applied to the story's budget (game/story/budgets.py) and no larger than the
file could hold without aliases (a file with anchors is never stored). Anything else and
the entry is ignored, the file read in full and the entry written again.
`CONFIDE_NO_CACHE=1` (or `--no-cache`) turns it off with the other cache; its folder is
bounded (MAX_ENTRIES, MAX_BYTES), least recently used first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import msgspec

from game import __version__
from game.safeio import read_capped
from game.story import cache, plain
from game.story.cache import Place, Quote
from game.story.yamlread import MAX_DEPTH, MAX_FILE_BYTES, PathKey, Pos

FORMAT = 1
FOLDER = "files"
SUFFIX = ".file"
LIMIT = 16 * MAX_FILE_BYTES  # the validated data of the largest file allowed fits well
MAX_ENTRIES = 256  # more than the files of the largest folder story (MAX_STORY_FILES)
MAX_BYTES = 256 * 1024 * 1024

Count = Annotated[int, msgspec.Meta(ge=0)]
Answer = tuple[str, Place, Place, Quote] | None
Facts = list[tuple[Annotated[list[str | int], msgspec.Meta(max_length=MAX_DEPTH + 1)], Answer]]
Tables = tuple[dict[PathKey, Pos | None], dict[PathKey, Pos | None]]  # marks, key marks


class Entry(msgspec.Struct, forbid_unknown_fields=True):
    format: int
    version: str
    key: str
    nodes: Count  # the YAML nodes and characters of text the reader counted
    text: Count
    keys: list[str]  # the file's top-level keys, in order
    head: dict[str, msgspec.Raw]  # every top-level key but 'scenes': its validated value
    scenes: msgspec.Raw  # {scene id: plain.Scene}
    marks: Facts  # what was asked of the file's positions, with the answers
    key_marks: Facts


@dataclass
class Part:
    """One story file as the file cache sees it: its bytes, and what its entry holds
    (`found`) or, for a file read in full, what will be stored."""

    path: Path
    shown: str
    raw: bytes
    key: str
    found: bool = False  # from an entry
    keys: list[str] = field(default_factory=list)
    head: dict[str, Any] = field(default_factory=dict)
    scenes: dict[str, plain.Scene] = field(default_factory=dict)
    nodes: int = 0
    text: int = 0
    facts: Tables = field(default_factory=lambda: ({}, {}))

    @property
    def flags(self) -> dict[str, Any]:
        found = self.head.get("flags")
        return found if isinstance(found, dict) else {}


_HEADER = msgspec.json.Decoder(Entry)
_SCENES = msgspec.json.Decoder(dict[plain.Id, plain.Scene])


def folder() -> Path:
    return cache.cache_dir().parent / FOLDER


def part(path: Path, raw: bytes, lookup: bool = True) -> Part:
    """The file `path` with bytes `raw`, and (with `lookup`) its entry's content if it has
    a good one."""
    shown = str(path)
    digest = hashlib.sha256(f"file {FORMAT}\0{cache.engine()}\0".encode())
    digest.update(shown.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(raw)
    found = Part(path, shown, raw, digest.hexdigest())
    if not lookup:
        return found
    kept = _kept.get(found.key)
    if kept is not None:
        _touch(folder() / f"{found.key}{SUFFIX}")
        return kept
    with contextlib.suppress(msgspec.DecodeError, RecursionError, ValueError):
        _fill(found)
    return found


# The parts of this process's last load of a story, by key (`keep`): what their entries
# hold, already decoded and checked, or what was just stored in them. A key is a hash of
# the file's bytes, its path and the engine, so a part kept is what its entry would give.
_kept: dict[str, Part] = {}


def keep(parts: list[Part]) -> None:
    """Keep `parts` (each from its entry or just stored in it) for the next load in this
    process, instead of the last load's: one story's files at most. A load after an edit
    then decodes no entry of an unchanged file (a ninth of it)."""
    _kept.clear()
    _kept.update((p.key, p) for p in parts)


def forget() -> None:
    """Drop the parts kept from this process's last load (see `keep`)."""
    _kept.clear()


def _fill(found: Part) -> None:
    """Fill `found` from its entry; raise (DecodeError, ValueError) if the entry is bad."""
    target = folder() / f"{found.key}{SUFFIX}"
    body = cache.read_sealed(target, LIMIT)
    if body is None:
        return
    entry = _HEADER.decode(body)
    size = len(found.raw)
    if ((entry.format, entry.version, entry.key) != (FORMAT, __version__, found.key)
            or not plausible(found, entry.nodes, entry.text)
            or set(entry.head) != set(entry.keys) - {"scenes"}
            or len(set(entry.keys)) != len(entry.keys)):
        raise ValueError
    scenes = _SCENES.decode(entry.scenes)
    if scenes and "scenes" not in entry.keys:
        raise ValueError
    head = {k: msgspec.json.decode(v) for k, v in entry.head.items()}
    facts = (_table(entry.marks, found.shown, size), _table(entry.key_marks, found.shown, size))
    found.found, found.keys, found.head, found.scenes = True, entry.keys, head, scenes
    found.nodes, found.text, found.facts = entry.nodes, entry.text, facts
    _touch(target)


def _touch(target: Path) -> None:
    """Mark an entry recently used: pruned last."""
    with contextlib.suppress(OSError):
        os.utime(target)


def plausible(found: Part, nodes: int | None = None, text: int | None = None) -> bool:
    """Whether a file's budget counts (its own, by default) are within what its bytes can
    hold without aliases: a node takes at least one byte but for an empty value after its
    key, and text is no longer than its bytes. An entry only says this much (a file whose
    aliases expand it is never stored, and always read)."""
    size = len(found.raw)
    nodes = found.nodes if nodes is None else nodes
    return nodes <= 2 * size + 1 and (found.text if text is None else text) <= size


def unchanged(found: Part) -> bool:
    """Whether the file still holds the bytes its key was made from (a full load reads
    each file again, so one saved meanwhile is never stored under its old bytes' key)."""
    try:
        return read_capped(found.path, MAX_FILE_BYTES) == found.raw
    except OSError:
        return False


def _table(facts: Facts, shown: str, size: int) -> dict[PathKey, Pos | None]:
    table: dict[PathKey, Pos | None] = {}
    for loc, pos in facts:
        if pos is not None and (pos[0] != shown or pos[1] > size + 1 or pos[2] > size + 1):
            raise ValueError  # every position is in this file, within its bytes
        table[tuple(loc)] = pos
    return table


def store(found: Part) -> bool:
    """Keep `found`'s entry; False, silently, when it cannot be (folder unwritable, too
    large, a value JSON cannot hold the same)."""
    try:
        head = {k: msgspec.Raw(msgspec.json.encode(v)) for k, v in found.head.items()}
        scenes = msgspec.json.encode(found.scenes)
    except (TypeError, UnicodeEncodeError, OverflowError):
        return False
    marks, key_marks = ([(list(loc), pos) for loc, pos in table.items()]
                        for table in found.facts)
    body = msgspec.json.encode(Entry(
        FORMAT, __version__, found.key, found.nodes, found.text, found.keys, head,
        msgspec.Raw(scenes), marks, key_marks))
    return cache.write_sealed(folder() / f"{found.key}{SUFFIX}", body, LIMIT)


def prune() -> None:
    """Keep the file cache within MAX_ENTRIES and MAX_BYTES (cache.prune)."""
    where = folder()
    if cache.usable_dir(where):
        cache.prune(where, SUFFIX, MAX_ENTRIES, MAX_BYTES)
