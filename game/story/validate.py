"""Turn pydantic validation errors into located diagnostics an author can act on."""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from game.story import schema
from game.story.diagnostics import Diagnostic, did_you_mean
from game.story.yamlread import Located, PathKey

# Fields with a fixed set of values: a missing or misspelt one is answered with the list.
_CHOICES: dict[str, tuple[str, ...]] = {
    "outcome": get_args(schema.Outcome), "kind": get_args(schema.Kind),
    "tone": get_args(schema.Tone), "response": get_args(schema.Response),
    "mood": get_args(schema.Mood),
}


# What a value of the wrong type should be, in an author's words (pydantic's say "Input
# should be a valid integer, unable to parse string as an integer").
_WANTED = {
    "int_parsing": "a whole number", "int_type": "a whole number",
    "int_from_float": "a whole number", "float_parsing": "a number", "float_type": "a number",
    "bool_parsing": "true or false", "bool_type": "true or false",
    "string_type": "text (put it in quotes if it looks like a number or true/false)",
    "dict_type": "a group of 'name: value' lines, indented under it",
    "model_type": "a group of 'name: value' lines, indented under it",
    "model_attributes_type": "a group of 'name: value' lines, indented under it",
    "list_type": "a list: one item per line, each starting with '- '",
}
_BOUNDS = {"greater_than_equal": "at least", "less_than_equal": "at most",
           "greater_than": "more than", "less_than": "less than"}


def _field_help(name: str, span: bool = True) -> str:
    """The range and meaning the schema gives a field of this name, e.g. ' from 0 to 3: 0
    small talk, 1 personal, 2 private, 3 core'; '' when it gives none."""
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, BaseModel) and \
                name in model.model_fields:
            low, high, about = _constraints(model.model_fields[name])
            if low is None and high is None and not about:
                continue
            shown = f" from {_num(low)} to {_num(high)}" if span and None not in (low, high) else ""
            return shown + (f": {about}" if about else "")
    return ""


def _constraints(info: FieldInfo) -> tuple[Any, Any, str]:
    """Bounds and description of a field, also when they sit on one member of a union
    (`layer: Layer | None`)."""
    found: list[FieldInfo] = [info]
    for arg in get_args(info.annotation):
        found += [a for a in get_args(arg)[1:] if isinstance(a, FieldInfo)]
    metas = [m for f in found for m in f.metadata]
    low = next((m.ge for m in metas if hasattr(m, "ge")), None)
    high = next((m.le for m in metas if hasattr(m, "le")), None)
    about = next((f.description for f in found if f.description), "")
    return low, high, about


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _plain_message(kind: str, err: Any, field: str) -> str | None:
    if kind in _WANTED:
        return f"should be {_WANTED[kind]}{_field_help(field)}"
    if kind in _BOUNDS:
        limit = next(iter(err.get("ctx", {}).values()), "?")
        return f"should be {_BOUNDS[kind]} {_num(limit)}{_field_help(field, span=False)}"
    return None


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
    msg = _plain_message(kind, err, str(loc[-1]) if loc else "") or str(err["msg"])
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
