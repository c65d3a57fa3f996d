"""docs/story.schema.json, checked with `jsonschema` against the files authors really write.

It must accept every bundled story file (whole stories and the part files of a folder
story) and every example in docs/authoring.md, and refuse the shape errors of the
diagnostic fixtures, while letting through the fixtures whose problems only the checker
can see (an unknown scene, a bad expression): those are not the schema's to judge.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator

from game.story.loader import bundled
from game.story.yamlread import Located, read_yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "story.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
DIAG = Path(__file__).parent / "fixtures" / "diag"
SHAPE_CODES = {"E008", "E009", "E010", "E011"}
# Fixtures whose YAML cannot be read at all, or whose error is in a line the schema cannot
# see (a text of 100,000 characters, a story-wide budget, a control character): nothing for
# a schema to say about them.
UNREADABLE = {"E002", "E004", "E005", "E006", "E007", "E031", "E032", "E033"}
FENCE = re.compile(r"^```yaml( fragment)?[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
BUNDLED_FILES = sorted(f for story in bundled() for f in sorted(story.glob("*.y*ml")))


def load(path: Path) -> Any:
    """The data as Confide's own reader sees it (PyYAML refuses some flow forms it reads)."""
    got = read_yaml(path, str(path))
    assert isinstance(got, Located), got
    return got.data


def errors(data: Any, schema: dict[str, Any] | None = None) -> list[str]:
    validator = VALIDATOR if schema is None else Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:120]}"
            for e in validator.iter_errors(data)]


def test_the_published_schema_is_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_bundled_story_file_is_accepted(path: Path) -> None:
    assert errors(load(path)) == []


def test_folder_stories_have_part_files_too() -> None:
    parts = [f for f in BUNDLED_FILES if "id" not in load(f)]
    assert len(parts) >= 10 and len(BUNDLED_FILES) >= 20


def _guide_blocks() -> list[tuple[int, bool, str]]:
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, bool(m.group(1)), m.group(2))
            for m in FENCE.finditer(text)]


@pytest.mark.parametrize(("line", "fragment", "body"), _guide_blocks(),
                         ids=lambda v: f"line{v}" if isinstance(v, int) else "")
def test_every_authoring_example_is_accepted(line: int, fragment: bool, body: str) -> None:
    data = yaml.safe_load(body)
    if not fragment:
        assert errors(data) == [], f"docs/authoring.md:{line}"
        return
    # Fragments of the guide are choices (a list of them, or some fields of one), or some
    # fields of a scene or of a whole story.
    choice = {"$defs": SCHEMA["$defs"], **SCHEMA["$defs"]["Choice"]}
    owners = [choice, {"$defs": SCHEMA["$defs"], **SCHEMA["$defs"]["Scene"]}, SCHEMA]
    if isinstance(data, list):
        found = [e for item in data for e in errors(item, choice)]
    else:
        assert isinstance(data, dict)
        fits = [o for o in owners if set(data) <= set(o["properties"])]
        assert fits, f"docs/authoring.md:{line}: no part of a story has all of {sorted(data)}"
        owner = fits[0]
        found = [e for key, value in data.items()
                 for e in errors(value, {"$defs": SCHEMA["$defs"],
                                         **owner["properties"][key]})]
    assert found == [], f"docs/authoring.md:{line}"


def _fixtures(codes: set[str], keep: bool) -> list[Path]:
    return sorted(p for p in DIAG.glob("*.yaml")
                  if (p.stem in codes) == keep and p.stem not in UNREADABLE)


@pytest.mark.parametrize("path", _fixtures(SHAPE_CODES, True), ids=lambda p: p.stem)
def test_shape_errors_are_refused(path: Path) -> None:
    assert errors(load(path)) != []


@pytest.mark.parametrize("path", _fixtures(SHAPE_CODES, False), ids=lambda p: p.stem)
def test_errors_only_the_checker_sees_are_not_the_schemas(path: Path) -> None:
    assert errors(load(path)) == []


@pytest.mark.parametrize("line", [
    "just narration", {"sam": "Hi."}, {"speaker": "sam", "text": "Hi.", "mood": "warm"},
])
def test_every_line_form_is_accepted(line: Any) -> None:
    assert errors({"scenes": {"a": {"lines": [line]}}}) == []


@pytest.mark.parametrize(("part", "why"), [
    ({"scenes": {"a": {"lines": [{"sam": "Hi.", "tom": "Hey."}]}}}, "two speakers"),
    ({"scenes": {"a": {"lines": [{"mood": "warm"}]}}}, "long form without text"),
    ({"scenes": {"a": {"lines": [{"sam": 3}]}}}, "speech that is not text"),
    ({"id": "x", "title": "X", "start": "a"}, "story details without characters"),
    ({}, "an empty file"),
    ({"scenes": {"a": {"nxt": "b"}}}, "a typo in a key"),
])
def test_broken_shapes_are_refused(part: dict[str, Any], why: str) -> None:
    assert errors(part) != [], why


def test_a_draft_07_reader_agrees() -> None:
    # Editors' YAML extensions read draft-07 and skip newer keywords: they must accept
    # every real file too, and still see the shape errors.
    draft7 = Draft7Validator(SCHEMA)
    assert [f for f in BUNDLED_FILES if not draft7.is_valid(load(f))] == []
    shapes = _fixtures(SHAPE_CODES, True)
    assert [f.stem for f in shapes if draft7.is_valid(load(f))] == []
