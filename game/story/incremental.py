"""Loading a changed folder story from its unchanged files' entries (issue 17).

When one file of a story of several files changes, only that file is read and validated;
every other file's validated data comes from its entry in the file cache
(game/story/filecache.py). The story is then compiled and its warnings worked out over the
whole story exactly as on a full load (`compile_story`, shared by both): what is reused is
only what a file alone decides, never a result that depends on the rest of the story (a
scene compiled by this process's last load is reused only with the same names and scene
ids around it: game/story/memo.py).

Positions come from `Positions`, which answers each question about a position the way the
merged positions of a full load would (the first file that has one stands), asking each
file: a file read now answers from its YAML, an unchanged one from its entry's recorded
answers, and is read in full the first time it is asked something new. The same
`Positions` records the answers on a full load, for the entries.

Anything the fast path cannot prove the same as a full load, and it gives up (None), and
the full load runs: a changed file with story-level keys (the title, characters, flags,
tuning: they shape every scene), a file that does not read cleanly, a scene that fails the
schema, a scene or key defined twice, a story over its budget, any error. tests/story/
test_incremental.py compares the two on every fixture story and on seeded edits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec

from game.story import filecache, plain
from game.story.assets import asset_diagnostics
from game.story.budgets import StoryBudget
from game.story.build import Builder
from game.story.compiled import CompiledStory
from game.story.diagnostics import Diagnostic, sort_key
from game.story.filecache import Part
from game.story.landings import LandingBounds
from game.story.semantic import warnings
from game.story.silent import authoring_warnings
from game.story.yamlread import Located, PathKey, Pos, read_bytes

MERGED_KEYS = ("scenes", "flags")
_ID = re.compile(plain.ID_PATTERN)


class Unproven(Exception):
    """A file's positions could not be had again: the full load must run."""


class FileView:
    """One file's answers about positions: from its YAML when it was read (`located`),
    else from its entry, reading the file the first time the entry has no answer."""

    def __init__(self, found: Part, located: Located | None) -> None:
        self.part = found
        self.located = located
        self.asked: filecache.Tables = ({}, {})
        data = located.data if located is not None else {
            "scenes": found.scenes, "flags": found.flags}
        # The scenes and flags the file defines, in its order (a dict: quick to look up).
        self.ids = {k: dict.fromkeys(data[k] if isinstance(data.get(k), dict) else ())
                    for k in MERGED_KEYS}
        self.keys = set(found.keys)

    def holds(self, loc: PathKey) -> bool:
        """Whether the file can have a position for `loc`: paths under a top-level key it
        does not set, or a scene or flag it does not define, are not in its data."""
        if not loc:
            return True
        head = loc[0]
        if head not in self.keys:
            return False
        return len(loc) < 2 or head not in MERGED_KEYS or loc[1] in self.ids[str(head)]

    def answer(self, which: int, loc: PathKey) -> Pos | None:
        known = self.part.facts[which]
        if self.located is None and loc in known:
            found = known[loc]
        else:
            located = self.located or self._read()
            found = (located.marks if which == 0 else located.key_marks).get(loc)
        self.asked[which][loc] = found
        return found

    def _read(self) -> Located:
        got, _ = read_bytes(self.part.raw, self.part.shown, StoryBudget())
        if not isinstance(got, Located):
            raise Unproven
        self.located = got
        return got


class _Finder:
    """Answers each question about a position the way loader.merge's positions would: the
    scene's own file for a path under a scene, else the first file that holds one."""

    def __init__(self, shown: str, views: list[FileView]) -> None:
        self.shown, self.views = shown, views
        self.owner = {sid: v for v in views for sid in v.ids["scenes"]}

    def answer(self, which: int, loc: PathKey) -> Pos | None:
        if len(loc) > 1 and loc[0] == "scenes":
            view = self.owner.get(str(loc[1]))
            return None if view is None else view.answer(which, loc)
        if which == 0 and not loc:  # the story's root: the first file's (loader.merge)
            return self.views[0].answer(0, ()) or (self.shown, 1, 1, 0)
        for view in self.views:
            if view.holds(loc):
                found = view.answer(which, loc)
                if found is not None:
                    return found
        return None


class _Answers(dict[PathKey, Pos]):
    """Lookups only (`get`, `in`, `[]`): the positions a `_Finder` answers for."""

    def __init__(self, finder: _Finder, which: int) -> None:
        super().__init__()
        self.finder, self.which = finder, which

    def get(self, loc: PathKey, default: Any = None) -> Any:
        found = self.finder.answer(self.which, loc)
        return default if found is None else found

    def __contains__(self, loc: object) -> bool:
        return isinstance(loc, tuple) and self.finder.answer(self.which, loc) is not None

    def __getitem__(self, loc: PathKey) -> Pos:
        found = self.finder.answer(self.which, loc)
        if found is None:
            raise KeyError(loc)
        return found


class Positions(Located):
    """The positions of a story of several files, as loader.merge would give them. Its
    tables ask a `_Finder` rather than this object, so nothing here is a reference cycle:
    the files' views and recorded answers are freed with it, not left to the garbage
    collector (paused while a story loads, and a tenth of a changed load when it ran)."""

    def __init__(self, shown: str, views: list[FileView]) -> None:
        super().__init__(shown, None)
        self.views = views
        finder = _Finder(shown, views)
        self.marks = _Answers(finder, 0)
        self.key_marks = _Answers(finder, 1)

    def scene_keys(self) -> dict[str, str]:
        """Each scene's file, as the key of the file's bytes (filecache.part)."""
        return {sid: view.part.key for view in self.views for sid in view.ids["scenes"]}

    def unread(self) -> bool:
        """Whether every file was served by its entry, none read."""
        return all(view.located is None for view in self.views)


def compile_story(story: plain.Story, located: Located, root: Path, shown: str,
                  diags: list[Diagnostic], shared: bool = True
                  ) -> tuple[CompiledStory | None, list[Diagnostic]]:
    """Compile a validated story and add every warning to `diags` (the file problems found
    so far), sorted; the story is None if there is any error. One home for both paths;
    `shared`: whether the process's memo of compiled expressions serves it (not when the
    caches are off)."""
    keys = located.scene_keys() if shared and isinstance(located, Positions) else None
    builder = Builder(story, located, root, shown, shared=shared, scene_keys=keys)
    compiled = builder.build()
    diags = diags + builder.diags
    if not any(d.is_error for d in diags):
        bounds = LandingBounds(compiled)  # for both kinds of warning: worked out once
        diags += warnings(compiled, located, bounds) + asset_diagnostics(compiled, located)
        diags += authoring_warnings(compiled, located, bounds)
    diags = sorted(diags, key=sort_key)
    return (None if any(d.is_error for d in diags) else compiled), diags


def fast_load(path: Path, root: Path, files: list[Path], raws: list[bytes],
              file_diags: list[Diagnostic]
              ) -> tuple[CompiledStory, list[Diagnostic], Positions] | None:
    """The story loaded from its files' entries and its changed files, or None when the
    full load must run (see the module's docstring)."""
    parts = [filecache.part(f, raw) for f, raw in zip(files, raws, strict=True)]
    if all(not p.found for p in parts):
        return None  # nothing to reuse: a first load
    try:
        views = list(_views(parts))
        story = _assemble(parts)
        if story is None:
            return None
        where = Positions(str(path), views)
        compiled, diags = compile_story(story, where, root, str(path), list(file_diags))
    except (Unproven, msgspec.ValidationError):
        return None
    if compiled is None:
        return None
    return compiled, diags, where


def _views(parts: list[Part]) -> Iterator[FileView]:
    """Each file's view, reading (and validating) those without an entry; Unproven when
    one cannot be taken on the fast path."""
    budget = StoryBudget()
    for found in parts:
        if found.found:
            if not budget.fits(len(found.raw), found.nodes, found.text):
                raise Unproven  # the full load reports where the YAML passes the limit
            budget.add(len(found.raw), found.nodes, found.text)
            yield FileView(found, None)
            continue
        nodes, text = budget.nodes, budget.text
        got, _ = read_bytes(found.raw, found.shown, budget)
        if not isinstance(got, Located) or not _scenes_only(got.data):
            raise Unproven
        found.keys, found.scenes = list(got.data), _validated(got.data["scenes"])
        found.nodes, found.text = budget.nodes - nodes, budget.text - text
        yield FileView(found, got)


def _scenes_only(data: Any) -> bool:
    return isinstance(data, dict) and list(data) == ["scenes"] and isinstance(
        data["scenes"], dict)


def _validated(scenes: dict[Any, Any]) -> dict[str, plain.Scene]:
    """A changed file's scenes through the schema, one by one as in the whole story."""
    from pydantic import ValidationError  # lazy: a story served from entries never needs it

    from game.story.schema import Scene  # lazy: as above

    out: dict[str, plain.Scene] = {}
    for sid, value in scenes.items():
        if not isinstance(sid, str) or not _ID.match(sid):
            raise Unproven
        try:
            model = Scene.model_validate(value)
        except ValidationError as exc:
            raise Unproven from exc
        out[sid] = msgspec.convert(model, plain.Scene, from_attributes=True)
    return out


def _assemble(parts: list[Part]) -> plain.Story | None:
    """The whole story from its files' parts, merged as loader.merge merges their YAML;
    None when a key, scene or flag is set twice (the full load reports it)."""
    head: dict[str, Any] = {}
    flags: dict[str, Any] = {}
    scenes: dict[str, plain.Scene] = {}
    for found in parts:
        for key in found.keys:
            if key == "scenes":
                before = len(scenes)
                scenes.update(found.scenes)
                if len(scenes) != before + len(found.scenes):
                    return None
            elif key == "flags":
                before = len(flags)
                flags.update(found.flags)
                if len(flags) != before + len(found.flags):
                    return None
            elif key in head:
                return None
            else:
                head[key] = found.head[key]
    if any(p.keys and "flags" in p.keys for p in parts):
        head["flags"] = flags
    return msgspec.convert({**head, "scenes": scenes}, plain.Story)


def record(reads: list[tuple[Part, Located]], shown: str) -> Positions:
    """Positions for a full load, answering from each file's YAML and recording the
    answers for the file entries."""
    return Positions(shown, [FileView(found, got) for found, got in reads])


def store(where: Positions, story: plain.Story) -> None:
    """Write the entries of the files read in full (`story`: the whole story as validated)
    and of those whose entries did not have every answer this check needed."""
    kept: list[Part] = []
    for view in where.views:
        found = view.part
        if view.located is None:
            kept.append(found)
            continue  # served wholly by its entry
        if not filecache.plausible(found):
            continue  # one its entry would refuse (aliases)
        if not found.found:  # read in full: its data as the whole story validated it
            if not filecache.unchanged(found):
                continue  # saved again while it was read: its bytes may not be these
            found.head = {k: story.flags if k == "flags" else getattr(story, k)
                          for k in found.keys if k != "scenes"}
            if "flags" in found.head:
                found.head["flags"] = {name: story.flags[name] for name in view.ids["flags"]}
            found.scenes = {sid: story.scenes[sid] for sid in view.ids["scenes"]}
        for table, asked in zip(found.facts, view.asked, strict=True):
            table.update(asked)
        if filecache.store(found):
            kept.append(replace(found, found=True))  # as its entry will give it
    filecache.keep(kept)
    filecache.prune()
