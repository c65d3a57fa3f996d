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
import time
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import Any

import msgspec

from game.safeio import TEMP_SUFFIX, read_capped, replace_atomic
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
    # line, col, quote of each node and key, in the order `_positions` walks the data
    places: list[int]


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
    if not cache._usable_dir(target.parent) or not cache._regular(target):
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
    except (msgspec.DecodeError, RecursionError, _Bad, StopIteration):
        return None
    if entry.nodes > MAX_NODES or not budget.fits(len(raw), entry.nodes, entry.text):
        return None  # parsed, so the limit is reported where the YAML passes it
    budget.add(len(raw), entry.nodes, entry.text)
    with contextlib.suppress(OSError):  # recently used: pruned last
        os.utime(target)
    return located


def _rebuild(entry: Entry, shown: str, size: int) -> Located:
    places = entry.places
    if len(places) % 3 or (places and (
            min(places[0::3]) < 1 or min(places[1::3]) < 1 or max(places) > size + 1
            or not set(places[2::3]) <= {0, 1})):
        raise _Bad
    data = msgspec.json.decode(entry.data)
    it = iter(places)
    next_pos = zip(repeat(shown), it, it, it).__next__
    located = Located(shown, data, {(): next_pos()})
    strings: list[str] = []  # every key and text, measured at the end in one go
    others: list[Any] = []  # every other scalar
    if data.__class__ is dict:
        _mapping(data, (), 1, located, next_pos, strings, others)
    elif data.__class__ is list:
        _sequence(data, (), 1, located, next_pos, strings, others)
    else:
        (strings if data.__class__ is str else others).append(data)
    if next(it, None) is not None:
        raise _Bad  # more positions than nodes
    if (strings and max(map(len, strings)) > MAX_STRING) or not all(map(_number, others)):
        raise _Bad
    # Each node has one position and each key one more; text is counted exactly, any
    # other scalar was written in at most 40 characters.
    text = sum(map(len, strings))
    if (len(located.marks) + len(located.key_marks) != entry.nodes
            or not text <= entry.text <= text + 40 * len(others)):
        raise _Bad
    return located


def _number(value: Any) -> bool:
    """Whether a scalar that is not text is one the reader makes."""
    kind = value.__class__
    if kind is int:
        return bool(-MAX_INT < value < MAX_INT)
    if kind is float:
        return math.isfinite(value)
    return kind is bool or value is None


Step = Callable[[], Pos]


def _mapping(value: dict[str, Any], loc: PathKey, depth: int, located: Located,
             next_pos: Step, strings: list[str], others: list[Any]) -> None:
    """Give each key and value of `value` (at `loc`, `depth` containers deep) its position,
    in the order `_places` wrote them; one function with `_sequence`, no call per scalar."""
    if depth > MAX_DEPTH:
        raise _Bad
    marks, key_marks, text = located.marks, located.key_marks, strings.append
    strings.extend(value)
    for key, item in value.items():
        here = loc + (key,)  # noqa: RUF005 (quicker than unpacking)
        key_marks[here] = next_pos()
        marks[here] = next_pos()
        kind = item.__class__
        if kind is str:
            text(item)
        elif kind is dict:
            _mapping(item, here, depth + 1, located, next_pos, strings, others)
        elif kind is list:
            _sequence(item, here, depth + 1, located, next_pos, strings, others)
        else:
            others.append(item)


def _sequence(value: list[Any], loc: PathKey, depth: int, located: Located,
              next_pos: Step, strings: list[str], others: list[Any]) -> None:
    if depth > MAX_DEPTH:
        raise _Bad
    marks, text = located.marks, strings.append
    for index, item in enumerate(value):
        here = loc + (index,)  # noqa: RUF005
        marks[here] = next_pos()
        kind = item.__class__
        if kind is str:
            text(item)
        elif kind is dict:
            _mapping(item, here, depth + 1, located, next_pos, strings, others)
        elif kind is list:
            _sequence(item, here, depth + 1, located, next_pos, strings, others)
        else:
            others.append(item)


def _places(located: Located) -> list[int] | None:
    """The positions of `located` in the order `_Positions` reads them; None if one is
    missing (never, for a file without anchors)."""
    out: list[int] = []
    marks, key_marks = located.marks, located.key_marks

    def node(value: Any, loc: PathKey) -> None:
        out.extend(marks[loc][1:])
        if value.__class__ is dict:
            for key, item in value.items():
                here = (*loc, key)
                out.extend(key_marks[here][1:])
                node(item, here)
        elif value.__class__ is list:
            for index, item in enumerate(value):
                node(item, (*loc, index))

    try:
        node(located.data, ())  # as deep as the reader allows, MAX_DEPTH
    except KeyError:
        return None
    return out


def store(key: str, located: Located, nodes: int, text: int) -> None:
    """Keep a file's read result; silently nothing when it cannot be (folder unwritable,
    a value JSON cannot hold the same, too large)."""
    places = _places(located)
    if places is None:
        return
    try:
        data = msgspec.json.encode(located.data)
    except (TypeError, UnicodeEncodeError, OverflowError):
        return
    if b"null" in data and _has_nonfinite(located.data):
        return  # JSON has no infinity: it would come back as null
    body = msgspec.json.encode(Entry(FORMAT, key, nodes, text, msgspec.Raw(data), places))
    if len(body) + DIGEST + 1 > LIMIT:
        return
    target = folder() / f"{key}{SUFFIX}"
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        if not cache._usable_dir(target.parent):
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
    """Remove the least recently used entries past MAX_ENTRIES or MAX_BYTES in all, and
    temp files a crashed writer left behind."""
    entries = []
    for p in where.glob(f"*{SUFFIX}"):
        with contextlib.suppress(OSError):
            info = p.lstat()
            entries.append((info.st_mtime, info.st_size, p))
    entries.sort(reverse=True)
    total = 0
    stale = []
    for kept, (_, size, p) in enumerate(entries, 1):
        total += size
        if kept > MAX_ENTRIES or total > MAX_BYTES:
            stale.append(p)
    now = time.time()
    for p in where.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - p.lstat().st_mtime > cache.ORPHAN_SECONDS:
                stale.append(p)
    for p in stale:
        with contextlib.suppress(OSError):
            p.unlink()
