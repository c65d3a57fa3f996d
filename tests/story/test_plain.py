"""The plain form of a story (game/story/plain.py) against the authors' schema
(game/story/schema.py): the same fields, in the same order, with the same names, defaults and
bounds, so a cache entry can never hold a value that the YAML could not; and a cache hit
never imports pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest
from pydantic import BaseModel

from game.story import plain, schema
from game.story.loader import check, resolve

ROOT = Path(__file__).resolve().parents[2]
PAIRS: list[tuple[type[BaseModel], type[msgspec.Struct]]] = [
    (schema.Story, plain.Story), (schema.Characters, plain.Characters),
    (schema.Player, plain.Player), (schema.Partner, plain.Partner),
    (schema.Tuning, plain.TuningData), (schema.Scene, plain.Scene),
    (schema.Line, plain.Line), (schema.Choice, plain.Choice),
    (schema.Disclosure, plain.Disclosure), (schema.Branch, plain.Branch),
    (schema.Ending, plain.Ending),
]


def _pattern(text: str) -> str:
    """The schema's regex engine reads a final `$` as the end of the text; Python's as
    `\\Z`."""
    return text[:-1] + "\\Z" if text.endswith("$") else text


def _normal(node: Any, side: str) -> Any:
    """A JSON Schema with what only tells the same rule in other words taken out: titles,
    descriptions, how a closed object, a constant, a tuple or a keyed mapping is spelt, and
    the order of enums and alternatives."""
    if isinstance(node, list):
        return [_normal(x, side) for x in node]
    if not isinstance(node, dict):
        return node
    node = dict(node)
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if "patternProperties" in node:  # pydantic's form of a mapping with patterned keys
        (key, value), = node.pop("patternProperties").items()
        node["propertyNames"], node["additionalProperties"] = {"pattern": key}, value
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k in ("title", "description") or (k == "type" and "enum" in node):
            continue
        if (k in ("additionalProperties", "items") and v is False) or (
                k == "propertyNames" and v == {}) or (k == "default" and v in ([], {})):
            continue  # closed objects and tuples; factory defaults are compared apart
        if k == "pattern":
            v = _pattern(v) if side == "schema" else v
        elif k == "$ref":
            v = v.replace("TuningData", "Tuning")
        elif k in ("enum", "required"):
            v = sorted(v)
        out[k] = _normal(v, side)
    if "anyOf" in out:
        out["anyOf"] = sorted(out["anyOf"], key=lambda x: json.dumps(x, sort_keys=True))
    out.setdefault("required", []) if out.get("type") == "object" else None
    return out


def _definitions() -> tuple[dict[str, Any], dict[str, Any]]:
    authors = schema.Story.model_json_schema(by_alias=True)
    mirror = msgspec.json.schema(plain.Story)
    ours = {name: _normal(d, "schema") for name, d in authors.pop("$defs").items()}
    ours["Story"] = _normal(authors, "schema")
    theirs = {name.replace("TuningData", "Tuning"): _normal(d, "plain")
              for name, d in mirror["$defs"].items()}
    return ours, theirs


@pytest.mark.parametrize("model,struct", PAIRS, ids=[m.__name__ for m, _ in PAIRS])
def test_every_field_name_default_and_bound_is_the_schema_s(model: type[BaseModel],
                                                            struct: type[msgspec.Struct]) -> None:
    ours, theirs = _definitions()
    name = model.__name__
    assert set(ours) == set(theirs)
    fields = msgspec.structs.fields(struct)
    assert [f.name for f in fields] == list(model.model_fields)
    assert [f.encode_name for f in fields] == [i.alias or n for n, i in model.model_fields.items()]
    for prop, rule in ours[name]["properties"].items():
        assert theirs[name]["properties"][prop] == rule, f"{name}.{prop}"
    assert ours[name] == theirs[name]
    for f, (_, info) in zip(fields, model.model_fields.items(), strict=True):
        if info.default_factory is None:
            continue  # plain defaults are in the schemas compared above
        assert f.default_factory is not msgspec.NODEFAULT, f.name
        made, wanted = f.default_factory(), info.default_factory()  # type: ignore[call-arg]
        if isinstance(wanted, BaseModel):
            assert msgspec.to_builtins(made) == wanted.model_dump(mode="json", by_alias=True)
        else:
            assert made == wanted, f.name


@pytest.mark.parametrize("value", ["hello\n", "Hello", "9lives", "a" * 65, ""])
def test_an_id_the_schema_refuses_is_refused_here_too(value: str) -> None:
    def start(text: str) -> bytes:
        return json.dumps({"id": "s", "title": "T", "start": text, "scenes": {"a": {}},
                           "characters": {"partners": {"sam": {"name": "Sam"}}}}).encode()

    schema.Story.model_validate_json(start("hello"))
    plain_story = msgspec.json.decode(start("hello"), type=plain.Story)
    assert plain_story.start == "hello"
    with pytest.raises(ValueError):
        schema.Story.model_validate_json(start(value))
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(start(value), type=plain.Story)


def test_the_plain_form_of_a_bundled_story_round_trips() -> None:
    story, _ = check(resolve("tutorial"), use_cache=False)
    assert story is not None and isinstance(story.meta, plain.Story)
    again = msgspec.json.decode(msgspec.json.encode(story.meta), type=plain.Story)
    assert again == story.meta


def test_a_cache_hit_never_imports_pydantic(tmp_path: Path) -> None:
    code = ("import sys\nfrom game.story.loader import check, resolve\n"
            "story, _ = check(resolve('tutorial'))\nassert story is not None\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))")
    env = {**os.environ, "CONFIDE_CACHE_DIR": str(tmp_path)}
    env.pop("CONFIDE_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, cwd=ROOT, check=True).stdout.strip() for _ in range(2)]
    assert runs[0] != "[]"  # the miss validated with pydantic: the check can fail
    assert runs[1] == "[]"
