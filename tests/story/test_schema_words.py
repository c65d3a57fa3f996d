"""A wrong value in any field is answered in an author's words: never a Python type name
(NoneType, bool, int, dict, list, str), never True/None, never pydantic's own phrasing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.story.loader import check

# Each FIELD is a value in this story that the test replaces with each of BAD in turn.
STORY = """id: mine
title: TITLE
start: START
rupture: gone
depth_on_cards: DEPTH
characters:
  partners:
    idris: {name: NAME, pronouns: PRONOUNS}
flags:
  met: FLAG
conditions:
  ready: READY
model: {noise: NOISE}
scenes:
  hall:
    title: HALL
    mood: MOOD
    lines:
      - text: LINE
        if: LINEIF
    choices:
      - id: CHOICEID
        text: CHOICE
        kind: KIND
        layer: LAYER
        effects: [EFFECT]
        next: NEXT
    branches:
      - if: BRANCHIF
        to: gone
      - to: gone
  gone:
    ending: {outcome: OUTCOME, title: Gone}
"""
GOOD = {"TITLE": "Mine", "START": "hall", "DEPTH": "shown", "NAME": "Idris",
        "PRONOUNS": "he/him", "FLAG": "false", "READY": "flag.met", "NOISE": "5",
        "HALL": "Hall", "MOOD": "warm", "LINE": "Hello.", "LINEIF": "ready",
        "CHOICEID": "wave", "CHOICE": "Wave", "KIND": "disclose", "LAYER": "0",
        "EFFECT": "'flag.met = true'", "NEXT": "gone", "BRANCHIF": "flag.met",
        "OUTCOME": "ruptured"}
BAD = ["", "''", "true", "null", "50", "1.5", "[a, b]", "{a: 1}", "Not An Id!"]
PYTHON = re.compile(r"NoneType|\b(?:True|False|None)\b|\[key\]|\.bool\b|\.int\b"
                    r"|\(got (?:bool|int|float|dict|list|str|tuple)\)"
                    r"|constrained-|function-|Input should|String should|Dictionary should"
                    r"|List should|"
                    r"valid (?:integer|string|dictionary)")


def _story(field: str, value: str) -> str:
    text = STORY
    for name, good in GOOD.items():
        text = re.sub(rf"\b{name}\b", value if name == field else good, text)
    return text


def test_the_template_is_a_good_story(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(_story("", ""), encoding="utf-8")
    _, diags = check(f)
    assert not [d for d in diags if d.severity == "error"], diags


@pytest.mark.parametrize("field", sorted(GOOD))
def test_no_wrong_value_is_described_in_python_words(tmp_path: Path, field: str) -> None:
    messages = []
    for value in BAD:
        f = tmp_path / "s.yaml"
        f.write_text(_story(field, value), encoding="utf-8")
        messages += [d.message for d in check(f)[1] if d.code.startswith("E")]
    assert messages, field  # at least one of the bad values is an error for every field
    leaked = [m for m in messages if PYTHON.search(m)]
    assert leaked == []


@pytest.mark.parametrize(("field", "empty"), [
    ("NAME", ""), ("START", ""), ("START", "''"), ("READY", ""), ("LINEIF", "''"),
    ("CHOICE", "''"), ("EFFECT", "''"), ("NEXT", "''"), ("FLAG", ""), ("MOOD", "''"),
])
def test_an_empty_value_says_it_is_empty(tmp_path: Path, field: str, empty: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(_story(field, empty), encoding="utf-8")
    found = [d.message for d in check(f)[1] if d.code == "E011"]
    assert found and "is empty: write " in found[0], found
