"""Build-time rules that are easy to get subtly wrong."""

from __future__ import annotations

from pathlib import Path

from game.runtime import Session
from game.story.loader import check

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
