"""Build-time rules that are easy to get subtly wrong."""

from __future__ import annotations

import itertools
from pathlib import Path

import msgspec

from game.runtime import Session
from game.story.build import Builder
from game.story.kinds import check_requirements
from game.story.loader import check
from game.story.plain import Choice, Story
from game.story.yamlread import Located

STORY = """id: rules
title: Rules
start: one
rupture: broken
characters:
  partners:
    kim: {name: Kim, trust: 40, defence: 40}
scenes:
  one:
    choices:
      - id: q
        kind: ask
        layer: 1
        topic: work
        text: Ask about work
        NEXT
  welcome_scene: {ending: {outcome: acquaintance, title: W}}
  intrusion_scene: {ending: {outcome: acquaintance, title: I}}
  broken: {ending: {outcome: ruptured, title: Broken}}
"""


def write(tmp: Path, next_line: str) -> Path:
    f = tmp / "rules.yaml"
    f.write_text(STORY.replace("NEXT", next_line), encoding="utf-8")
    return f


def test_next_map_covering_every_landing_needs_no_default(tmp_path: Path) -> None:
    story, diags = check(write(tmp_path, "next: {welcome: welcome_scene, "
                                         "intrusion: intrusion_scene}"))
    assert story is not None, [str(d) for d in diags]


def test_next_map_missing_a_landing_names_it(tmp_path: Path) -> None:
    story, diags = check(write(tmp_path, "next: {welcome: welcome_scene}"))
    assert story is None
    assert any(d.code == "E018" and "for intrusion" in d.message for d in diags)


def test_rupture_caused_on_entering_a_scene_redirects_at_once(tmp_path: Path) -> None:
    text = STORY.replace("NEXT", "next: bad").replace(
        "  welcome_scene:",
        "  bad:\n    on_enter: ['kim.trust = 0']\n    choices:\n"
        "      - {id: x, text: X, next: welcome_scene}\n  welcome_scene:")
    f = tmp_path / "r.yaml"
    f.write_text(text, encoding="utf-8")
    story, diags = check(f)
    assert story is not None, [str(d) for d in diags]
    s = Session(story, 0)
    res = s.choose("q")
    assert res.ruptured and res.next_scene == "broken" and s.ended


def test_the_builder_skips_the_rules_of_a_kind_of_move_only_when_they_hold(
        tmp_path: Path) -> None:
    """`Builder.choice` checks a well-formed choice's kind of move inline and calls
    `check_requirements` only when something may be wrong: every combination of kind,
    layer, topic and response gives the same E021s as `check_requirements` alone."""
    story = msgspec.convert({"id": "s", "title": "S", "start": "a", "characters": {
        "partners": {"kim": {"name": "Kim"}}}, "scenes": {"a": {"next": "a"}}}, Story)
    for kind, layer, topic, response in itertools.product(
            ("disclose", "ask", "respond", "plain"), (None, 0, 2), (None, "work"),
            (None, "supportive")):
        choice = msgspec.convert({"id": "c", "text": "C", "kind": kind, "layer": layer,
                                  "topic": topic, "response": response, "next": "a"}, Choice)
        alone, built = (Builder(story, Located("s", None), tmp_path, "s") for _ in range(2))
        check_requirements(choice, ("c",), alone.error)
        built.choice("a", choice, ("c",), "kim", True)
        assert [d for d in built.diags if d.code == "E021"] == alone.diags, (kind, layer)
