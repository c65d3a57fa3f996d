"""Turn pydantic validation errors into located diagnostics an author can act on."""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from game.story import schema
from game.story.diagnostics import Diagnostic, did_you_mean
from game.story.yamlread import Located, PathKey

# Fields with a fixed set of values: a missing or misspelt one is answered with the list.
_CHOICES: dict[str, tuple[str, ...]] = {
    "outcome": get_args(schema.Outcome), "kind": get_args(schema.Kind),
    "tone": get_args(schema.Tone), "response": get_args(schema.Response),
    "mood": get_args(schema.Mood),
}


def _all_field_names() -> list[str]:
    names: set[str] = set()
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, info in model.model_fields.items():
                names.add(info.alias or name)
    return sorted(names)


def _where(loc: tuple[Any, ...]) -> str:
    """Render a pydantic location as the author wrote it: scenes.kitchen.choices[2].layer."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("str", "list[Line]", "function-before[_short_forms(), Line]"):
            continue
        elif out:
            out += f".{part}"
        else:
            out = str(part)
    return out or "top level"


def _data_loc(loc: tuple[Any, ...], data: Any) -> PathKey:
    """Drop pydantic's union-member tags so the path matches the YAML data.

    The path is followed through the data itself: a part that is a key or index there is
    the author's (even a key such as `a[1]`); only a part that is not, and looks like one
    of pydantic's tags (`str`, `list[Line]`, `function-before[...]`), is dropped.
    """
    kept: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            node = node[part]
        elif isinstance(part, str) and ("[" in part or "(" in part or part == "str"):
            continue
        else:
            node = None
        kept.append(part)
    return tuple(kept)


def validation_diagnostics(exc: ValidationError, located: Located, *,
                           top_level_missing: bool = True) -> list[Diagnostic]:
    """One located diagnostic per problem pydantic found. With `top_level_missing` False, a
    story-level key that is missing (`title`, `scenes`, ...) is not reported: the caller knows
    a file that failed to read may have held it."""
    seen: set[tuple[PathKey, str]] = set()
    out: list[Diagnostic] = []
    known = _all_field_names()
    for err in exc.errors():
        loc = _data_loc(err["loc"], located.data)
        kind = err["type"]
        if (loc, kind) in seen or (kind == "missing" and len(loc) == 1
                                   and not top_level_missing):
            continue
        seen.add((loc, kind))
        out.append(_one(err, loc, located, known))
    return _prefer_specific(out)


def _one(err: Any, loc: PathKey, located: Located, known: list[str]) -> Diagnostic:
    kind = err["type"]
    where = _where(err["loc"])
    if kind == "extra_forbidden":
        mark = located.key_mark(loc)
        key = str(loc[-1]) if loc else "?"
        hint = difflib.get_close_matches(key, known, n=1)
        more = f" (did you mean '{hint[0]}'?)" if hint else ""
        return mark.diag("E009", f"unknown key '{key}' in {_where(err['loc'][:-1])}{more}")
    if kind == "missing":
        mark = located.mark_for(loc[:-1])
        field = str(loc[-1]) if loc else "?"
        options = _CHOICES.get(field)
        more = f" (one of: {', '.join(options)})" if options else ""
        return mark.diag("E010", f"{_where(err['loc'][:-1])} needs '{field}'{more}")
    mark = located.mark_for(loc)
    msg = str(err["msg"])
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == schema.ID_PATTERN:
        msg = "use lower-case letters, digits and _ only, starting with a letter"
    value = err.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) else type(value).__name__
    if len(shown) > 40:
        shown = shown[:37] + "..."
    options = _CHOICES.get(str(loc[-1])) if loc and kind == "literal_error" else None
    guess = did_you_mean(value, options) if options and isinstance(value, str) else ""
    return mark.diag("E011", f"{where}: {msg} (got {shown}){guess}")


def _prefer_specific(diags: list[Diagnostic]) -> list[Diagnostic]:
    """A union failure reports once per member; keep one message per position."""
    by_pos: dict[tuple[int, int, str], Diagnostic] = {}
    for d in diags:
        by_pos.setdefault((d.line, d.col, d.code), d)
    return list(by_pos.values())
