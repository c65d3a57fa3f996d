"""Reference errors found alongside shape errors, so one run of `confide check` shows both.

When part of a story is malformed (a scene with a wrong type, or a file of a folder story
that is not valid YAML), the story as a whole cannot be validated. The rest of it still can:
each malformed scene is replaced by a stand-in ending that keeps its id (so links to it stay
valid), and the compiler runs over what is left. Only its errors are kept; warnings wait for
a story that loads.

When a whole file could not be read, anything it might have defined (scenes, flags,
partners, the start) is unknown, so "no such name" errors are left out rather than guessed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.story.build import Builder
from game.story.diagnostics import Diagnostic
from game.story.plain import from_schema
from game.story.schema import Story
from game.story.yamlread import Located

# Errors that say a name is not defined: unreliable while a file could not be read.
_UNKNOWN_NAME = frozenset({"E012", "E013", "E016", "E020", "E022"})
_STAND_IN = {"ending": {"outcome": "ruptured", "title": "(not checked)"}}
# Errors that name a choice by id (an apology's `sorry_for:`, an ending's `cost.ID`).
_CHOICE_NAME = frozenset({"E016", "E025"})
# Placeholders for top-level fields that a broken file may have held.
_TOP_LEVEL = {"id": "unread", "title": "(unread)", "start": None}
# Top-level fields that nothing else refers to: a bad value is simply left out.
_DROPPABLE = frozenset({"title", "summary", "language", "minutes", "content_notes", "format",
                        "model", "id"})


def partial_diagnostics(located: Located, path: Path, broken: bool,
                        exc: ValidationError | None = None) -> list[Diagnostic]:
    """Compiler errors for the well-formed part of a story that failed to validate."""
    data = _salvage(located.data, exc, broken)
    if data is None:
        return []
    try:
        story = Story.model_validate(data)
    except ValidationError:
        return []  # not computable: the problem is outside the scenes
    root = path if path.is_dir() else path.parent
    builder = Builder(from_schema(story), located, root.resolve(), str(path))
    builder.build()
    # A stand-in scene has no choices: a `sorry_for:` or a closing name (`cost.ID`) pointing
    # at one of the malformed scene's choices is not an error of its own.
    lost = [f"'{cid}'" for cid in _lost_choices(located.data, data)]
    return [d for d in builder.diags
            if d.is_error and not (broken and d.code in _UNKNOWN_NAME)
            and not (d.code in _CHOICE_NAME and any(cid in d.message for cid in lost))]


def _lost_choices(raw: Any, salvaged: dict[str, Any]) -> set[str]:
    """The ids of the choices in scenes replaced by a stand-in."""
    scenes = raw.get("scenes") if isinstance(raw, dict) else None
    if not isinstance(scenes, dict):
        return set()
    return {c["id"] for sid, scene in scenes.items()
            if salvaged["scenes"].get(sid) is _STAND_IN and isinstance(scene, dict)
            and isinstance(scene.get("choices"), list)
            for c in scene["choices"] if isinstance(c, dict) and isinstance(c.get("id"), str)}


def _salvage(data: Any, exc: ValidationError | None, broken: bool) -> dict[str, Any] | None:
    """The story with each malformed part replaced by a stand-in that keeps its name."""
    if not isinstance(data, dict):
        return None
    out = dict(data)
    scenes = out.get("scenes")
    if not isinstance(scenes, dict) or not scenes:
        return None
    bad: dict[str, set[str]] = {"scenes": set(), "partners": set(), "flags": set()}
    for err in exc.errors() if exc is not None else ():
        loc = err["loc"]
        if len(loc) >= 2 and loc[0] in ("scenes", "flags") and isinstance(loc[1], str):
            bad[str(loc[0])].add(loc[1])
        elif len(loc) >= 3 and loc[:2] == ("characters", "partners") and isinstance(loc[2], str):
            bad["partners"].add(loc[2])
        elif len(loc) >= 1 and loc[0] in _DROPPABLE:
            out.pop(str(loc[0]), None)  # a detail no reference depends on
        elif not (broken and len(loc) == 1 and err["type"] == "missing"):
            return None
    out["scenes"] = {sid: _STAND_IN if sid in bad["scenes"] else scene
                     for sid, scene in scenes.items()}
    if bad["flags"] and isinstance(out.get("flags"), dict):
        out["flags"] = {k: False if k in bad["flags"] else v for k, v in out["flags"].items()}
    if bad["partners"] and not _stand_in_partners(out, bad["partners"]):
        return None
    for key, value in _TOP_LEVEL.items():
        if key not in out:
            out[key] = value if value is not None else next(iter(scenes))
    return out


def _stand_in_partners(out: dict[str, Any], bad: set[str]) -> bool:
    chars = out.get("characters")
    if not isinstance(chars, dict) or not isinstance(chars.get("partners"), dict):
        return False
    partners: dict[str, Any] = chars["partners"]
    fixed = {pid: {"name": "?"} if pid in bad else p for pid, p in partners.items()}
    out["characters"] = {**chars, "partners": fixed}
    return True
