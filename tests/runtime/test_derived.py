"""Per-story data worked out once at build time, and read by the runtime without caches.

The session keeps no memo of its own on the story (issue 11): a scene's Continue and each
line's speaker name are fields of the compiled story, and reaction lines are evaluated
against the state after the move without swapping the session's state.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game.runtime import Session
from game.story.compiled import CONTINUE, CompiledStory
from game.story.loader import load

STORY = """\
id: derived
title: Derived
start: door
rupture: gone
characters:
  player: {name: Robin}
  partners:
    sam: {name: Sam, trust: 30, defence: 30}
flags:
  brave: false
scenes:
  door:
    lines:
      - sam: "Hi, {player}."
    choices:
      - id: knock
        text: Knock
        if: flag.brave
        next: hall
    next: hall
  hall:
    choices:
      - id: chat
        kind: disclose
        layer: 0
        text: Talk about the weather
        reaction:
          - sam: "Sam smiles."
          - text: "Sam relaxes now."
            if: sam.trust > 30
          - text: "Sam is still wary."
            if: sam.trust <= 30
        next: end
  end:
    ending: {outcome: acquaintance, title: End}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def _story(tmp_path: Path) -> CompiledStory:
    path = tmp_path / "derived.yaml"
    path.write_text(STORY, encoding="utf-8")
    return load(path)


def test_the_continue_of_a_scene_is_built_once_with_the_story(tmp_path: Path) -> None:
    story = _story(tmp_path)
    door = story.scenes["door"]
    first, second = Session(story, 1), Session(story, 2)
    assert door.proceed is not None and door.proceed.id == CONTINUE
    # The same object every time, in every session: nothing is rebuilt or memoised at play.
    assert first.available() == (door.proceed,) and first.available()[0] is door.proceed
    assert second.available()[0] is door.proceed
    assert story.scenes["end"].proceed is None  # an ending goes nowhere
    assert first.choose(CONTINUE).next_scene == "hall"


def test_the_compiled_story_holds_no_cache() -> None:
    names = {f.name for f in dataclasses.fields(CompiledStory)}
    assert "cache" not in names
    assert all(not isinstance(getattr(load("tutorial"), n), dict) or n in {"scenes", "params"}
               for n in names)


def test_speaker_names_resolved_at_build_and_reactions_see_the_state_after_the_move(
        tmp_path: Path) -> None:
    story = _story(tmp_path)
    session = Session(story, 0)
    assert [(ln.speaker, ln.name, ln.text) for ln in session.view().lines] == [
        ("sam", "Sam", "Hi, Robin.")]
    session.choose(CONTINUE)
    before = session.state
    result = session.choose("chat")
    # Small talk raised trust above 30, and the reaction was chosen on the raised value,
    # while the session's state before the move was left as it was.
    assert before.partners["sam"].trust == 30.0 < result.explanation.deltas[0].after
    assert [ln.text for ln in result.reaction] == ["Sam smiles.", "Sam relaxes now."]
    assert [ln.name for ln in result.reaction] == ["Sam", ""]
    assert session.history[-1].lines == ()  # the hall shows no lines of its own
