"""The glass box's sentences about a partner's confidences, as the story plays them."""

from __future__ import annotations

from pathlib import Path

from game.persist.record import build_record
from game.runtime import Session, Step
from game.story.compiled import CompiledStory
from game.story.loader import load


def first_move(tmp_path: Path, text: str, choice: str) -> tuple[CompiledStory, Step]:
    """The story written out and loaded as an author's would be, and its first move, seed 1."""
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    story = load(path)
    session = Session.start(story, seed=1)
    session.choose(choice)
    step = session.history[-1]
    assert step.result.explanation is not None
    return story, step

SUPERSEDED = """\
id: superseded
title: Superseded
start: kitchen
rupture: gone
characters:
  partners:
    sam: {name: Sam, trust: 90, defence: 5}
scenes:
  kitchen:
    lines: ["Sam is making tea."]
    choices:
      - {id: tell, kind: disclose, layer: 1, topic: work, text: Tell Sam about your week,
         next: hall}
  hall:
    partner_discloses: {layer: 1, topic: home}
    lines: [{sam: "My landlord is selling."}]
    choices:
      - {id: warm, kind: respond, response: supportive, text: Ask what happens now, next: done}
  done:
    ending: {outcome: acquaintance, title: Tea}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def test_a_reply_the_next_scene_replaces_is_not_announced_as_waiting(tmp_path: Path) -> None:
    # Sam shares back, then the next scene opens with Sam confiding: only the second can be
    # answered, so the glass box announces only that one.
    story, step = first_move(tmp_path, SUPERSEDED, "tell")
    assert step.result.landing == "reciprocated"
    said = step.explained(story)
    assert not any(s.startswith("Sam is waiting to see") for s in said), said
    assert any(s.startswith("As the next scene begins, Sam tells you something") for s in said)


def test_nobody_waits_for_an_answer_after_the_last_move(tmp_path: Path) -> None:
    # Sam shares back at the very last move: the story ends there, so the glass box does not
    # say Sam is waiting to see how the player takes it (there is no move left to give).
    story, step = first_move(tmp_path, SUPERSEDED.replace("next: hall}", "next: done}"), "tell")
    res = step.result
    assert res.explanation is not None and res.landing == "reciprocated"
    assert res.next_scene == "done"
    source = ("kitchen", "tell")
    ended = step.explained(story)
    assert not any("waiting to see" in s for s in ended), ended
    going_on = story.sentences(res.explanation, res.partner, source)
    assert "Sam is waiting to see how you take what they told you." in going_on


def test_nobody_waits_for_an_answer_the_next_scene_cannot_give(tmp_path: Path) -> None:
    # Sam shares back and the next scene has nothing to answer with (only a walk on): the
    # glass box does not promise an answer the story never offers.
    quiet = SUPERSEDED.replace("next: hall}", "next: walk}").replace(
        "  done:\n", "  walk:\n    lines: [\"You walk to the bus.\"]\n    choices:\n"
        "      - {id: onward, text: Walk on, next: done}\n  done:\n")
    story, step = first_move(tmp_path, quiet, "tell")
    assert step.result.landing == "reciprocated" and step.result.next_scene == "walk"
    said = step.explained(story)
    assert not any("waiting to see" in s for s in said), said
    assert "Sam has now let you into the personal layer." in said  # the sharing is still said


OPENING = """\
id: opening
title: Opening
start: hall
rupture: gone
characters:
  partners:
    sam: {name: Sam, trust: 40, defence: 60}
scenes:
  hall:
    choices:
      - {id: chat, kind: disclose, layer: 0, text: Talk about the weather, next: morning}
  morning:
    on_enter: ["sam.defence %- 30"]
    because: Sam's own apology from last night still stands
    choices:
      - {id: toast, kind: disclose, layer: 0, text: Offer toast, next: end}
  end:
    ending: {outcome: acquaintance, title: Toast}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def test_a_scene_explains_its_own_opening_change_in_its_because(tmp_path: Path) -> None:
    story, step = first_move(tmp_path, OPENING, "chat")
    assert story.scenes["morning"].because == "Sam's own apology from last night still stands"
    res = step.result
    assert res.explanation is not None and res.next_scene == "morning"
    said = step.explained(story)
    assert any(s.startswith("As the next scene began, Sam's defence fell") and s.endswith(
        ": Sam's own apology from last night still stands.") for s in said), said
    general = story.sentences(res.explanation, res.partner, ("hall", "chat"))
    assert "As the next scene began, Sam's defence fell 18 to 42: the story sets this there." \
        in general, general


def test_the_record_keeps_the_sentences_the_glass_box_showed(tmp_path: Path) -> None:
    # The debrief and every export read the playthrough record: it must say what the class
    # read during play, the scene's own reason included.
    story, step = first_move(tmp_path, OPENING, "chat")
    session = Session.start(story, seed=1)
    session.choose("chat")
    record = build_record(session)
    assert list(record.steps[0].sentences) == step.explained(story)
    assert any(s.endswith(": Sam's own apology from last night still stands.")
               for s in record.steps[0].sentences)


def test_a_story_effect_that_changed_nothing_gives_no_reason(tmp_path: Path) -> None:
    # A cost the story computes from what happened (here 0: nothing was promised) must not
    # print its reason, which would claim a move this route never made.
    text = OPENING.replace('on_enter: ["sam.defence %- 30"]',
                           'on_enter: ["sam.defence += flag.promise_cost"]').replace(
        "because: Sam's own apology from last night still stands",
        "because: you had promised to wait, and did not").replace(
        "scenes:", "flags: {promise_cost: 0}\nscenes:", 1)
    story, step = first_move(tmp_path, text, "chat")
    said = step.explained(story)
    assert not any("promised" in s or "stayed at 60" in s for s in said), said
    assert any(s.startswith("Sam's trust stayed at 40") for s in said), said  # the model's own
    charged = text.replace("flags: {promise_cost: 0}", "flags: {promise_cost: 5}")
    (tmp_path / "b").mkdir()
    story, step = first_move(tmp_path / "b", charged, "chat")
    assert "As the next scene began, Sam's defence rose 5 to 65: you had promised to wait, " \
        "and did not." in step.explained(story)
