"""Turn pydantic validation errors into located diagnostics an author can act on."""

from __future__ import annotations

import difflib
import re
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from game.story import schema
from game.story.diagnostics import Diagnostic, did_you_mean
from game.story.yamlread import Located, PathKey

# Fields with a fixed set of values: a missing or misspelt one is answered with the list.
_CHOICES: dict[str, tuple[str, ...]] = {
    "outcome": get_args(schema.Outcome), "kind": get_args(schema.Kind),
    "tone": get_args(schema.Tone), "response": get_args(schema.Response),
    "mood": get_args(schema.Mood), "depth_on_cards": get_args(schema.DepthOnCards),
    "kinds_on_cards": get_args(schema.KindsOnCards),
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
# What to write after a key left empty, by what pydantic wanted there.
_EMPTY = {
    "string_type": "its text", "int_type": "a whole number", "float_type": "a number",
    "bool_type": "true or false", "dict_type": "its 'name: value' lines, indented under it",
    "model_type": "its 'name: value' lines, indented under it",
    "model_attributes_type": "its 'name: value' lines, indented under it",
    "list_type": "its items, one per line starting with '- '",
}
_BOUNDS = {"greater_than_equal": "at least", "less_than_equal": "at most",
           "greater_than": "more than", "less_than": "less than"}


def _field_help(loc: PathKey, span: bool = True) -> str:
    """The range and meaning the schema gives the field at `loc`, e.g. ' from 0 to 3: 0
    small talk, 1 personal, 2 private, 3 core'; '' when it gives none."""
    info = _field_at(loc)
    if info is None:
        return ""
    low, high, about = _constraints(info)
    shown = f" from {_num(low)} to {_num(high)}" if span and None not in (low, high) else ""
    return shown + (f": {about}" if about else "")


def _field_at(loc: PathKey) -> FieldInfo | None:
    """The schema field a data path ends at, found by following the path from the story
    down (a name alone is not enough: `text` means one thing on a line, another on a
    choice)."""
    ann: Any = schema.Story
    info: FieldInfo | None = None
    for part in loc:
        ann = _model_or_container(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            by_alias = {f.alias or n: f for n, f in ann.model_fields.items()}
            info = by_alias.get(str(part))
            if info is None:
                return None
            ann = info.annotation
        elif get_origin(ann) in (list, tuple, dict):
            info, ann = None, get_args(ann)[-1]
        else:
            return None
    return info


def _model_or_container(ann: Any) -> Any:
    """Look through `X | None` and `Annotated[X, ...]` to the model, list or dict inside."""
    while get_origin(ann) is Annotated or get_origin(ann) in (Union, UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        ann = args[0]
    return ann


def _constraints(info: FieldInfo) -> tuple[Any, Any, str]:
    """Bounds and description of a field, also when they sit on one member of a union
    (`layer: Layer | None`)."""
    found: list[FieldInfo] = [info]
    members = get_args(info.annotation) if get_origin(info.annotation) in (Union, UnionType) \
        else ()  # not the key or item type of a dict or list: its help is not the field's
    for arg in members:
        found += [a for a in get_args(arg)[1:] if isinstance(a, FieldInfo)]
    metas = [m for f in found for m in f.metadata]
    low = next((m.ge for m in metas if hasattr(m, "ge")), None)
    high = next((m.le for m in metas if hasattr(m, "le")), None)
    about = next((f.description for f in found if f.description), "")
    return low, high, about


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _plain_message(kind: str, err: Any, loc: PathKey) -> str | None:
    ctx, field = err.get("ctx", {}), str(loc[-1]) if loc else ""
    if kind in _WANTED:
        return f"should be {_WANTED[kind]}{_field_help(loc)}"
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "?")
        return f"should be {_BOUNDS[kind]} {_num(limit)}{_field_help(loc, span=False)}"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length', '?')} characters"
    if kind in ("too_short", "too_long"):
        n = ctx.get("min_length" if kind == "too_short" else "max_length", 0)
        return (f"needs at least {n}" if kind == "too_short" else f"can hold at most {n}") + \
            (" entry" if n == 1 else " entries")
    if kind == "literal_error":
        return f"should be one of: {', '.join(_CHOICES.get(field, ()))}" \
            if field in _CHOICES else f"should be {ctx.get('expected', '?')}"
    return None


def _shown(value: Any) -> str:
    """A value as the author wrote it in YAML, never a Python type name."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _num(value)
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37]) + "..."
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of 'name: value' lines"
    return "something else"


def _expr_role(loc: PathKey) -> str:
    """'condition' or 'effect' when the value at `loc` is written in the expression
    language, else ''."""
    if (loc and loc[-1] == "if") or (len(loc) == 2 and loc[0] == "conditions"):
        return "condition"
    if (len(loc) >= 2 and loc[-2] in ("effects", "on_enter")) or \
            (loc and loc[-1] in ("effects", "on_enter")) or \
            (len(loc) >= 3 and loc[-3] == "effects" and isinstance(loc[-1], int)):
        return "effect"  # (the last: an item of effects written per landing)
    return ""


_EXAMPLE = {"condition": "a condition is a test such as `flag.met and sam.trust > 40`",
            "effect": "an effect is a change such as `sam.trust += 5` or `flag.met = true`"}
_A = {"condition": "a condition", "effect": "an effect"}


# Fields that take text or something else: the message for a wrong value names both, so an
# author who meant the other form is not told that only text will do.
_ALSO_ACCEPTS = {
    "because": (" or a mapping from how the move lands to text (for example "
                "`judgemental: ...` and `default: ...`, docs/authoring.md section 13)"),
}


def _wrong_value(kind: str, err: Any, loc: PathKey) -> str:
    """What is wrong with a value, and how to fix it, without the Python behind it."""
    value, role = err.get("input"), _expr_role(loc)
    if value is None or value == "":
        if role:
            return f"is empty: write {_A[role]} after the ':'; {_EXAMPLE[role]}"
        return f"is empty: write {_EMPTY.get(kind, 'a value')} after the ':'"
    if role and isinstance(value, (bool, int, float)):
        fix = ("put it in quotes ('true') for one that always holds"
               if isinstance(value, bool) and role == "condition"
               else "compare it with something, e.g. `sam.trust > 50`"
               if role == "condition" else "write the change itself")
        return f"{_shown(value)} on its own is not {_A[role]}: {_EXAMPLE[role]}; {fix}"
    msg = _plain_message(kind, err, loc) or str(err["msg"])
    if kind in ("too_short", "too_long"):
        return msg  # the count is the point; the value itself is the whole block
    if kind == "string_type" and isinstance(value, (list, dict)):
        also = _ALSO_ACCEPTS.get(str(loc[-1]), "") if loc else ""
        return (f"should be text{also}, not {_shown(value)}: if this is text that "
                "starts with '[' or '{', or holds ': ', put the whole value in quotes")
    if kind == "string_pattern_mismatch" and \
            err.get("ctx", {}).get("pattern") == schema.ID_PATTERN:
        msg = "use lower-case letters, digits and _ only, starting with a letter"
    options = _CHOICES.get(str(loc[-1])) if loc and kind == "literal_error" else None
    guess = did_you_mean(value, options) if options and isinstance(value, str) else ""
    return f"{msg} (got {_shown(value)}){guess}"


def _bad_name(value: Any) -> str:
    """A key that is not an id: what the author can write instead."""
    fixed = re.sub(r"[^a-z0-9_]+", "_", str(value).strip().lower()).strip("_")
    better = f" (write '{fixed}')" if re.match(schema.ID_PATTERN, fixed) else ""
    return (f"the name {_shown(value)} cannot be used: names use lower-case letters, digits "
            f"and _ only, starting with a letter{better}")


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


# The type names pydantic puts in a location to say which member of a union failed.
_TAGS = frozenset({"str", "bool", "int", "float", "list", "dict", "none"})


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
        elif isinstance(part, str) and ("[" in part or "(" in part or part in _TAGS
                                          or part.startswith("constrained-")):
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
                                   and not top_level_missing) or _other_member(err, loc):
            continue
        seen.add((loc, kind))
        out.append(_one(err, loc, located, known))
    return _prefer_specific(out)


def _other_member(err: Any, loc: PathKey) -> bool:
    """Whether `err` is a union's other member failing on a value of the first's shape: a
    list written where a list or a mapping will do is not "should be a mapping" (its own
    items' errors are the real ones), nor a mapping "should be a list"."""
    wanted = {"dict_type": list, "list_type": dict}.get(err["type"])
    # Only the member's own root: its tag ends the error's path. A mapping member's value
    # that is wrong (`effects: {dismissive: {...}}`) is the real error, and is kept.
    return wanted is not None and len(err["loc"]) > len(loc) and \
        isinstance(err.get("input"), wanted) and (not loc or err["loc"][-1] != loc[-1])


def _one(err: Any, loc: PathKey, located: Located, known: list[str]) -> Diagnostic:
    kind = err["type"]
    if kind == "extra_forbidden":
        mark = located.key_mark(loc)
        key = str(loc[-1]) if loc else "?"
        hint = difflib.get_close_matches(key, known, n=1)
        more = f" (did you mean '{hint[0]}'?)" if hint else ""
        return mark.diag("E009", f"unknown key '{key}' in {_where(loc[:-1])}{more}")
    if kind == "missing" and loc and isinstance(loc[-1], int):  # a list of fixed length
        return located.mark_for(loc[:-1]).diag(
            "E011", f"{_where(loc[:-1])}: has too few items: item {loc[-1] + 1} is missing")
    if kind == "missing":
        mark = located.mark_for(loc[:-1])
        field = str(loc[-1]) if loc else "?"
        options = _CHOICES.get(field)
        more = f" (one of: {', '.join(options)})" if options else ""
        return mark.diag("E010", f"{_where(loc[:-1])} needs '{field}'{more}")
    if err["loc"] and err["loc"][-1] == "[key]":  # the key itself, not its value, is wrong
        name = _bad_name(err.get("input"))
        return located.key_mark(loc).diag("E011", f"{_where(loc[:-1])}: {name}")
    return located.mark_for(loc).diag("E011", f"{_where(loc)}: {_wrong_value(kind, err, loc)}")


def _prefer_specific(diags: list[Diagnostic]) -> list[Diagnostic]:
    """A union failure reports once per member; keep one message per position."""
    by_pos: dict[tuple[int, int, str], Diagnostic] = {}
    for d in diags:
        by_pos.setdefault((d.line, d.col, d.code), d)
    return list(by_pos.values())
