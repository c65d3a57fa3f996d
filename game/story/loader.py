"""Find, read, merge, validate and compile a story, collecting every diagnostic."""

from __future__ import annotations

import os
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from game.collector import collector_paused
from game.errors import StoryError, UsageError
from game.resources import STORIES
from game.story import cache, plain
from game.story.assets import asset_diagnostics, asset_uses
from game.story.budgets import MAX_STORY_FILES, StoryBudget
from game.story.build import Builder
from game.story.compiled import CompiledStory
from game.story.diagnostics import Diagnostic, Mark, sort_key
from game.story.plain import from_schema
from game.story.yamlread import MAX_FILE_BYTES, Located, PathKey, Pos, read_yaml

if TYPE_CHECKING:
    from game.story.filecache import Part

MERGED_KEYS = ("scenes", "flags")
STORY_LIMIT_CODES = ("E030", "E031")
ASSET_CODES = ("W002", "E019")  # asset_diagnostics: they depend on files beyond the story
YAML_SUFFIXES = (".yaml", ".yml")


def stories_dir() -> Path:
    override = os.environ.get("CONFIDE_STORIES")
    if override:
        return Path(override)
    return STORIES


def bundled() -> list[Path]:
    """Bundled stories in a stable order: folders and single .yaml files under stories/."""
    root = stories_dir()
    if not root.is_dir():
        return []
    found = [p for p in sorted(root.iterdir())
             if (p.is_dir() and any(p.glob("*.y*ml"))) or p.suffix in YAML_SUFFIXES]
    return found


def resolve(arg: str) -> Path:
    """A bundled story id or a path to a story file or folder."""
    path = Path(arg)
    if path.exists():
        return path
    root = stories_dir()
    for candidate in (root / arg, root / f"{arg}.yaml", root / f"{arg}.yml"):
        if candidate.exists() and "/" not in arg and arg not in ("", ".", ".."):
            return candidate
    names = ", ".join(p.stem for p in bundled()) or "none"
    raise UsageError(f"no story file or bundled story called '{arg}' (bundled: {names})")


def story_files(path: Path) -> tuple[list[Path], list[Diagnostic]]:
    if not path.is_dir():
        return [path], []
    files, diags = [], []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith(".") or entry.is_dir():
            continue  # sub-folders hold images and sounds
        if entry.suffix.lower() in YAML_SUFFIXES:
            files.append(entry)
        else:
            diags.append(Mark(str(entry), 1, 1).diag(
                "W006", "not a .yaml file, so it is not part of the story; move it into "
                "a sub-folder if it is an asset"))
    if not files:
        diags.append(Mark(str(path), 1, 1).diag("E001", "folder has no .yaml story files"))
    return files, diags


def merge(parts: list[Located], shown: str) -> tuple[Located, list[Diagnostic]]:
    merged = Located(shown, {})
    diags: list[Diagnostic] = []
    first: dict[PathKey, Mark] = {}  # where each key was set first, to name it when repeated
    for part in parts:
        if len(parts) == 1:
            return part, diags  # nothing to merge: keep the file's own data and positions
        for key, value in part.data.items():
            key_mark = part.key_mark((key,))
            first.setdefault((key,), key_mark)
            if key in MERGED_KEYS and isinstance(value, dict):
                target = merged.data.setdefault(key, {})
                if not isinstance(target, dict):
                    continue
                for sub, subval in value.items():
                    mark = part.key_mark((key, sub))
                    if sub in target:
                        diags.append(mark.diag("E014", _twice(
                            f"{key[:-1]} '{sub}' is defined", first[(key, sub)],
                            "rename one of them, or delete the one you do not want")))
                    else:
                        first[(key, sub)] = mark
                    target[sub] = subval
            elif key in merged.data:
                other = first[(key,)]
                fix = (f"move what this '{key}:' holds into the one in "
                       f"{Path(other.path).name}, and delete this one"
                       if isinstance(value, dict) else "keep it in one file only")
                diags.append(key_mark.diag("E014", _twice(f"'{key}' is set", other, fix)))
                continue
            else:
                merged.data[key] = value
    # Where two files give a position for one path, the first file's stands: updated
    # last to first, in C rather than a setdefault per node (a tenth of a changed load).
    for part in reversed(parts):
        merged.marks.update(part.marks)
        merged.key_marks.update(part.key_marks)
    if parts:
        merged.marks[()] = parts[0].marks.get((), (shown, 1, 1, 0))
    return merged, diags


def _twice(what: str, other: Mark, fix: str) -> str:
    """E014 for something a second file sets again: where the first one is, and the fix."""
    return (f"{what} in more than one file: also in {Path(other.path).name} at line "
            f"{other.line}; {fix}")


def read_all(path: Path) -> tuple[Located | None, list[Diagnostic]]:
    located, diags, _ = _read_files(path, *story_files(path))
    return located, diags


def _read_files(path: Path, files: list[Path], diags: list[Diagnostic],
                raws: list[bytes] | None = None
                ) -> tuple[Located | None, list[Diagnostic], list[tuple[Part, Located]]]:
    """Read and merge the story's files; given their bytes (`raws`, read for the cache
    key), also each file's part for the file cache (game/story/filecache.py)."""
    if len(files) > MAX_STORY_FILES:
        return None, [*diags, Mark(str(path), 1, 1).diag(
            "E030", f"folder has {len(files):,} story files; the limit is {MAX_STORY_FILES}")], []
    reads: list[tuple[Part, Located]] = []
    parts: list[Located] = []
    budget = StoryBudget()  # one for all the files: the limits hold for the whole story
    for i, f in enumerate(files):
        nodes, text = budget.nodes, budget.text
        got = read_yaml(f, str(f), budget)
        if isinstance(got, Diagnostic):
            diags.append(got)
            if got.code in STORY_LIMIT_CODES:
                # The story as a whole is too large: reading on cannot help, and what was
                # read is a fragment whose other problems would only be noise.
                return None, diags, []
        elif not isinstance(got.data, dict):
            diags.append(got.mark_for(()).diag(
                "E008", "the top level must be a mapping of keys such as 'title:' and "
                f"'scenes:', not a {_kind(got.data)}"))
        else:
            parts.append(got)
            if raws is not None:
                from game.story import filecache  # lazy: a cache hit reads no file

                found = filecache.part(f, raws[i], lookup=False)
                found.keys = list(got.data)
                found.nodes, found.text = budget.nodes - nodes, budget.text - text
                reads.append((found, got))
    if not parts:
        return None, diags, []
    merged, more = merge(parts, str(path))
    return merged, diags + more, reads


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    return "single value" if isinstance(value, (str, int, float, bool)) else "null value"


def check(path: Path, use_cache: bool | None = None
          ) -> tuple[CompiledStory | None, list[Diagnostic]]:
    """Load `path` and return the story (if it has no errors) with every diagnostic.

    `use_cache` (default: unless CONFIDE_NO_CACHE is set) reads and writes the
    compiled-story cache (game/story/cache.py) and, for a story of several files, the file
    cache (game/story/filecache.py); the diagnostics are the same either way.
    """
    # Loading makes many objects that live on and no garbage cycles: the collector's
    # passes over them only rescan them (see game/collector.py).
    with collector_paused(keep=True):
        return _load(path, use_cache)


def _load(path: Path, use_cache: bool | None
          ) -> tuple[CompiledStory | None, list[Diagnostic]]:
    if not path.exists():
        return None, [Mark(str(path), 1, 1).diag("E001", "no such file or folder")]
    files, file_diags = story_files(path)
    use = not cache.disabled() if use_cache is None else use_cache
    raws = None
    if use and files and len(files) <= MAX_STORY_FILES:
        raws = cache.read_files(files, MAX_FILE_BYTES)
    if raws is None:
        return _check(path, files, file_diags)
    key = cache.story_key(str(path), _root(path), files, [d.path for d in file_diags], raws)
    hit = _from_cache(path, key)
    if hit is not None:
        return hit
    # What a miss needs (the file cache, the whole-story warnings) is not imported on a hit.
    from game.story import incremental  # lazy: a cache hit needs none of it

    fast = incremental.fast_load(path, _root(path), files, raws, file_diags) if len(files) > 1 \
        else None
    if fast is None:
        return _check(path, files, file_diags, raws, key)
    compiled, diags, where = fast
    if where.unread():
        # A state loaded before (an edit undone, or played after a check): worth the
        # whole-story entry. Not after each edit, where it cost a tenth of the load.
        _store(path, key, compiled, diags, where)  # first: its questions are recorded
    incremental.store(where, compiled.meta)
    located = cache.DeferredLocated(str(path), partial(_reread, path))
    return replace(compiled, warnings=tuple(diags), located=located), diags


def _root(path: Path) -> Path:
    """The folder asset paths are resolved in."""
    return (path if path.is_dir() else path.parent).resolve()


def _check(path: Path, files: list[Path], file_diags: list[Diagnostic],
           raws: list[bytes] | None = None, key: str | None = None
           ) -> tuple[CompiledStory | None, list[Diagnostic]]:
    """The full load; with the files' bytes (`raws`) and `key`, it stores the story's
    entry and its files'."""
    # What only a full load needs is not imported when the cache serves the story.
    from pydantic import ValidationError  # lazy: a cache hit never validates with pydantic

    from game.story import incremental  # lazy: a cache hit needs none of it
    from game.story.partial import partial_diagnostics  # lazy: start-up
    from game.story.schema import Story  # lazy: a cache hit never validates with pydantic
    from game.story.validate import validation_diagnostics  # lazy: start-up

    located, diags, reads = _read_files(path, files, file_diags,
                                        raws if len(files) > 1 else None)
    if located is None:
        return None, sorted(diags, key=sort_key)
    # A file that could not be read hides nothing else: the rest is checked as far as it can be.
    broken = any(d.is_error for d in diags)
    try:
        story = Story.model_validate(located.data)
    except ValidationError as exc:
        shape = validation_diagnostics(exc, located, top_level_missing=not broken)
        more = partial_diagnostics(located, path, broken, exc)
        return None, sorted(diags + shape + more, key=sort_key)
    if broken:
        return None, sorted(diags + partial_diagnostics(located, path, broken), key=sort_key)
    # Several files, all read: positions answered file by file, recorded for their entries.
    several = len(files) > 1 and len(reads) == len(files)
    where = incremental.record(reads, str(path)) if several else located
    compiled, diags = incremental.compile_story(from_schema(story), where, _root(path),
                                                str(path), diags, shared=raws is not None)
    if compiled is None:
        return None, diags
    if key is not None:
        _store(path, key, compiled, diags, where)  # first: its questions are recorded too
    if isinstance(where, incremental.Positions):
        incremental.store(where, compiled.meta)
    return replace(compiled, warnings=tuple(diags), located=located), diags


def _store(path: Path, key: str, story: CompiledStory, diags: list[Diagnostic],
           located: Located) -> None:
    """Cache a story that loaded, unless its files changed while it was being read."""
    files, file_diags = story_files(path)
    raws = cache.read_files(files, MAX_FILE_BYTES)
    if raws is None or cache.story_key(str(path), _root(path), files,
                                       [d.path for d in file_diags], raws) != key:
        return
    kept = [d for d in diags if d.code not in ASSET_CODES]  # worked out afresh on a hit
    data = msgspec.json.encode(story.meta)
    positions: dict[PathKey, Pos] = {}
    asked: set[PathKey] = set()  # each path once: every asset path starts the same way
    marks = located.marks
    for _, loc in asset_uses(story):
        for end in range(len(loc) + 1):  # each step towards where it is named: see mark_for
            step = loc[:end]
            if step not in asked:
                asked.add(step)
                pos = marks.get(step)
                if pos is not None:
                    positions[step] = pos
    cache.write_entry(key, data, kept, positions)


def _from_cache(path: Path, key: str) -> tuple[CompiledStory | None, list[Diagnostic]] | None:
    """The story from its cache entry, or None to load it in full.

    The entry's data passes the schema and the compiler again, and every warning the
    compiler gives must be among the entry's, so an entry can only ever say what the
    story's own files would."""
    entry = cache.read_entry(key)
    if entry is None:
        return None
    try:
        story = msgspec.json.decode(entry.story, type=plain.Story)
    except (msgspec.DecodeError, RecursionError):  # DecodeError: a ValidationError too
        return None
    builder = Builder(story, Located(str(path), None), _root(path), str(path), shared=True)
    compiled = builder.build()
    stored = cache.diagnostics(entry)
    known = {(d.code, d.message) for d in stored}
    if any(d.is_error or (d.code, d.message) not in known for d in builder.diags):
        return None
    assets = asset_diagnostics(compiled, cache.marks(entry, str(path)))
    diags = sorted(stored + assets, key=sort_key)
    if any(d.is_error for d in diags):
        return None, diags
    located = cache.DeferredLocated(str(path), partial(_reread, path))
    return replace(compiled, warnings=tuple(diags), located=located), diags


def _reread(path: Path) -> Located | None:
    return read_all(path)[0]


def load(arg: str | Path) -> CompiledStory:
    """Load a story or raise StoryError with every diagnostic."""
    path = resolve(arg) if isinstance(arg, str) else arg
    story, diags = check(path)
    if story is None:
        raise StoryError(list(diags))
    return story
