"""The read cache: a story file whose bytes have not changed is not parsed again (issue 17).

The compiled-story cache (game/story/cache.py) serves a story none of whose files changed;
this one serves the files that did not change when one did. An author editing one part of
a folder story (story.yaml, act1.yaml, ...) has every other part's read result, the plain
data with the position of every node and key, taken from here, and only the edited file
parsed; validation, compiling and the whole-story warnings then run as on any full load,
on data that is exactly what reading the YAML gives.

An entry is keyed by a SHA-256 of this cache's format, the loader's engine (Confide's
version and its story modules, cache.engine) and the file's bytes; the path shown in
diagnostics is not part of it (positions are stored without it). Only a file that read
without a problem and defines no anchor is stored: with anchors, nodes are shared and
positions recorded once per shared node; a file with a problem is reported from the YAML.

The entry is untrusted input, checked before use so that it can only stand for data that
YAML could have produced: a regular file (never a link) within its size limit, sealed by a
digest of its key and body; the data plain JSON (mappings with text keys, lists, text,
whole numbers of at most 18 digits, finite numbers, true, false, null), nested no deeper
and no string longer than the reader allows; nodes and text counted again from the data
and the story's budget (game/story/budgets.py) re-applied with them, a file that would
pass it being parsed so the limit is reported where the YAML passes it; one position of
plausible line and column for every node and key, no more, no less. Anything else, and
the entry is ignored and the file parsed (and stored again). `CONFIDE_NO_CACHE=1` (or
`--no-cache`) turns it off with the other cache; the folder is bounded (MAX_ENTRIES,
MAX_BYTES), oldest first.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
from collections import deque
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path
from typing import Any

import msgspec

from game.safeio import read_capped, replace_atomic
from game.story import cache
from game.story.budgets import StoryBudget
from game.story.diagnostics import Diagnostic
from game.story.yamlread import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    MAX_STRING,
    Located,
    PathKey,
    Pos,
    read_bytes,
)
from game.story.yamlread import read_yaml as parse_yaml

FORMAT = 1
FOLDER = "reads"
SUFFIX = ".read"
LIMIT = 16 * MAX_FILE_BYTES  # data and positions of the largest file allowed fit well
MAX_ENTRIES = 256  # more than the files of the largest folder story (MAX_STORY_FILES)
MAX_BYTES = 256 * 1024 * 1024
MAX_INT = 10**18  # the reader makes numbers of at most 18 digits
DIGEST = 64  # hex characters of the seal that starts an entry


class Entry(msgspec.Struct, forbid_unknown_fields=True, array_like=True):
    format: int
    key: str
    nodes: int  # as the reader counted them, aliases expanded: checked against the data
    text: int
    data: msgspec.Raw
    # line, col, quote of each node, then of each mapping key, in the order `_walk` meets
    # them (the order the reader records them in)
    places: list[int]
    key_places: list[int]


class _Bad(Exception):
    """Internal: the entry cannot be what reading YAML gave."""


def folder() -> Path:
    return cache.cache_dir().parent / FOLDER


def read_yaml(path: Path, shown: str, budget: StoryBudget | None = None,
              cached: bool = False) -> Located | Diagnostic:
    """yamlread.read_yaml, served from the read cache when `cached` and the file's bytes
    have an entry; a file parsed is stored for the next time."""
    if not cached:
        return parse_yaml(path, shown, budget)
    budget = budget if budget is not None else StoryBudget()
    try:
        raw = read_capped(path, MAX_FILE_BYTES)
    except OSError:
        return parse_yaml(path, shown, budget)  # it says why the file cannot be read
    key = entry_key(raw)
    hit = lookup(key, raw, shown, budget)
    if hit is not None:
        return hit
    nodes, text = budget.nodes, budget.text
    got, anchored = read_bytes(raw, shown, budget)
    if isinstance(got, Located) and not anchored:
        store(key, got, budget.nodes - nodes, budget.text - text)
    return got


def entry_key(raw: bytes) -> str:
    sealed = hashlib.sha256(f"read {FORMAT}\0{cache.engine()}\0".encode())
    sealed.update(raw)
    return sealed.hexdigest()


def _seal(key: str, body: bytes | memoryview) -> bytes:
    digest = hashlib.sha256(key.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest().encode()


def lookup(key: str, raw: bytes, shown: str, budget: StoryBudget) -> Located | None:
    """The file's read result from its entry, its share added to `budget`; None to parse."""
    target = folder() / f"{key}{SUFFIX}"
    if not cache.usable_dir(target.parent) or not cache.regular(target):
        return None
    try:
        body = read_capped(target, LIMIT)
    except OSError:
        return None
    view = memoryview(body)
    if len(body) <= DIGEST or body[:DIGEST] != _seal(key, view[DIGEST + 1:]):
        return None
    try:
        entry = msgspec.json.decode(view[DIGEST + 1:], type=Entry)
        if (entry.format, entry.key) != (FORMAT, key):
            return None
        located = _rebuild(entry, shown, len(raw))
    except (msgspec.DecodeError, RecursionError, _Bad):
        return None
    if entry.nodes > MAX_NODES or not budget.fits(len(raw), entry.nodes, entry.text):
        return None  # parsed, so the limit is reported where the YAML passes it
    budget.add(len(raw), entry.nodes, entry.text)
    with contextlib.suppress(OSError):  # recently used: pruned last
        os.utime(target)
    return located


def _rebuild(entry: Entry, shown: str, size: int) -> Located:
    places, key_places = entry.places, entry.key_places
    for found in (places, key_places):
        if len(found) % 3 or (found and (
                min(found[0::3]) < 1 or min(found[1::3]) < 1 or max(found) > size + 1
                or not set(found[2::3]) <= {0, 1})):
            raise _Bad
    data = msgspec.json.decode(entry.data)
    walk = _Walk()
    walk.node(data)
    if len(walk.paths) * 3 != len(places) or len(walk.key_paths) * 3 != len(key_places):
        raise _Bad
    strings, others = walk.strings, walk.others
    if (strings and max(map(len, strings)) > MAX_STRING) or not all(map(_number, others)):
        raise _Bad
    # Each node has one position and each key one more; text is counted exactly, any
    # other scalar was written in at most 40 characters.
    text = sum(map(len, strings))
    if (len(places) + len(key_places)) // 3 != entry.nodes or not (
            text <= entry.text <= text + 40 * len(others)):
        raise _Bad
    return Located(shown, data, _positions(walk.paths, places, shown),
                   _positions(walk.key_paths, key_places, shown))


def _positions(paths: list[PathKey], places: list[int], shown: str) -> dict[PathKey, Pos]:
    it = iter(places)
    return dict(zip(paths, zip(repeat(shown), it, it, it), strict=True))


def _number(value: Any) -> bool:
    """Whether a scalar that is not text is one the reader makes."""
    kind = value.__class__
    if kind is int:
        return bool(-MAX_INT < value < MAX_INT)
    if kind is float:
        return math.isfinite(value)
    return kind is bool or value is None


_NOWHERE: deque[PathKey] = deque(maxlen=0)  # a list item has no key: its path goes here
_DISCARD = _NOWHERE.append


class _Walk:
    """The path of each node and each mapping key of decoded data, in the order the reader
    records their positions, with every scalar gathered to be checked in one go; nothing
    is done per scalar that C could do for all of them (this is most of a hit's time)."""

    def __init__(self) -> None:
        self.paths: list[PathKey] = []
        self.key_paths: list[PathKey] = []
        self.strings: list[str] = []  # every key and text
        self.others: list[Any] = []  # every other scalar

    def node(self, value: Any) -> None:
        self.paths.append(())
        kind = value.__class__
        if kind is dict or kind is list:
            self.container(value, (), 1)
        else:
            (self.strings if kind is str else self.others).append(value)

    def container(self, value: dict[str, Any] | list[Any], loc: PathKey, depth: int) -> None:
        """`value`, at `loc`, inside `depth` containers (itself included)."""
        if depth > MAX_DEPTH:
            raise _Bad
        pairs: Iterable[tuple[str | int, Any]]
        if value.__class__ is dict:
            self.strings.extend(value)
            pairs, key_path = value.items(), self.key_paths.append
        else:
            pairs, key_path = enumerate(value), _DISCARD
        path, text = self.paths.append, self.strings.append
        for key, item in pairs:
            here = loc + (key,)  # noqa: RUF005 (quicker than unpacking)
            key_path(here)
            path(here)
            kind = item.__class__
            if kind is str:
                text(item)
            elif kind is dict or kind is list:
                self.container(item, here, depth + 1)
            else:
                self.others.append(item)


def _places(located: Located) -> tuple[list[int], list[int]] | None:
    """The positions of `located`'s nodes and keys in the order `_Walk` finds their paths;
    None if one is missing (never, for a file without anchors)."""
    walk = _Walk()
    walk.node(located.data)
    places: list[int] = []
    key_places: list[int] = []
    try:
        for loc in walk.paths:
            places += located.marks[loc][1:]
        for loc in walk.key_paths:
            key_places += located.key_marks[loc][1:]
    except KeyError:
        return None
    return places, key_places


def store(key: str, located: Located, nodes: int, text: int) -> None:
    """Keep a file's read result; silently nothing when it cannot be (folder unwritable,
    a value JSON cannot hold the same, too large)."""
    try:
        found = _places(located)
    except _Bad:  # nested deeper than the reader allows: never, from the reader
        return
    if found is None:
        return
    try:
        data = msgspec.json.encode(located.data)
    except (TypeError, UnicodeEncodeError, OverflowError):
        return
    if b"null" in data and _has_nonfinite(located.data):
        return  # JSON has no infinity: it would come back as null
    body = msgspec.json.encode(Entry(FORMAT, key, nodes, text, msgspec.Raw(data), *found))
    if len(body) + DIGEST + 1 > LIMIT:
        return
    target = folder() / f"{key}{SUFFIX}"
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        if not cache.usable_dir(target.parent):
            return
        replace_atomic(target, _seal(key, body) + b"\n" + body, durable=False)
        prune(target.parent)


def _has_nonfinite(value: Any) -> bool:
    if value.__class__ is float:
        return not math.isfinite(value)
    if value.__class__ is dict:
        return any(_has_nonfinite(v) for v in value.values())
    if value.__class__ is list:
        return any(_has_nonfinite(v) for v in value)
    return False


def prune(where: Path) -> None:
    """Keep the read cache within MAX_ENTRIES and MAX_BYTES (cache.prune)."""
    cache.prune(where, SUFFIX, MAX_ENTRIES, MAX_BYTES)
