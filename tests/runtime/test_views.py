"""What the runtime hands a front end: the view of the moment, reactions, history lines and
choice badges, over the moves fixture (tests/runtime/fixtures/moves.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.runtime import Session
from game.runtime.views import ChoiceView
from game.story.compiled import CompiledStory
from game.story.loader import load

FIXTURE = Path(__file__).parent / "fixtures" / "moves.yaml"
SEED = 1


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return load(FIXTURE)


def texts(lines: tuple[object, ...]) -> list[str]:
    return [getattr(line, "text", "") for line in lines]


def test_the_view_of_the_first_moment(story: CompiledStory) -> None:
    view = Session(story, SEED).view()
    assert (view.scene, view.title, view.background) == ("hub", "The café", None)
    assert (view.partner, view.partner_name, view.mood, view.turn) == ("sam", "Sam", "neutral", 0)
    assert [(ln.speaker, ln.name, ln.text) for ln in view.lines] == [
        ("sam", "Sam", "Another coffee?")]
    assert [c.id for c in view.choices][:3] == ["talk0", "work1", "home1"]
    assert len(view.choices) == 27 and view.ending is None and view.meters is None


def test_facilitator_meters_carry_every_partner_and_a_verdict(story: CompiledStory) -> None:
    meters = Session(story, SEED).view(facilitator=True).meters
    assert meters is not None and set(meters) == {"sam", "ana"}
    assert (meters["sam"]["trust"], meters["sam"]["defence"]) == (55, 25)
    assert (meters["ana"]["trust"], meters["ana"]["defence"]) == (40, 40)
    assert {m["verdict"] for m in meters.values()} == {"acquaintance"}


def test_a_conditional_line_appears_once_its_condition_holds(story: CompiledStory) -> None:
    session = Session(story, SEED)
    assert "Sam seems at ease." not in texts(session.view().lines)
    while session.state.partners["sam"].trust < 70:
        session.choose("gift")
    assert "Sam seems at ease." in texts(session.view().lines)
    # The history keeps what was on screen before each move, not what is there now.
    assert "Sam seems at ease." not in texts(session.history[0].lines)
    assert "Sam seems at ease." in texts(session.view().lines)


@pytest.mark.parametrize(("path", "landing", "reaction", "scene"), [
    ("work1", "reciprocated", ["Sam tells you about their job."], "hub"),  # its own
    # falls back on the supportive reaction and target (its default target is the finale)
    ("home1", "reciprocated", ["Sam smiles."], "hub"),
    ("music1", "reciprocated", ["Sam hums a bar."], "hub"),  # the default
    ("talk0", "supportive", ["Sam nods."], "hub"),
    ("work2", "judgemental", [], "hub"),  # no reaction written: none shown
])
def test_reactions_and_targets_are_picked_by_landing(story: CompiledStory, path: str,
                                                     landing: str, reaction: list[str],
                                                     scene: str) -> None:
    session = Session(story, SEED)
    result = session.choose(path)
    assert result.landing == landing
    assert texts(result.reaction) == reaction
    assert result.next_scene == scene == session.state.scene


def test_a_continue_scene_offers_one_continue_choice(story: CompiledStory) -> None:
    fresh = Session(story, SEED)
    fresh.choose("leave")
    offered = fresh.available()
    assert [(c.id, c.kind, c.label) for c in offered] == [("continue", "plain", "Continue")]
    assert fresh.available()[0] is offered[0]  # made once per scene, then reused


@pytest.mark.parametrize(("view", "badge"), [
    (ChoiceView("a", "A", "disclose", 2, "work", "emotional"), "[share, layer 2: private]"),
    (ChoiceView("a", "A", "ask", 3, None, "factual"), "[ask, layer 3: core]"),
    (ChoiceView("a", "A", "ask", 0), "[ask, layer 0: small talk]"),
    (ChoiceView("a", "A", "disclose", 1), "[share, layer 1: personal]"),
    (ChoiceView("a", "A", "respond", None, response="dismissive"), "[respond]"),
    (ChoiceView("a", "A", "plain", None), ""),
    (ChoiceView("a", "A", "plain", None, answering=True), "[respond]"),
    (ChoiceView("a", "A", "disclose", 0, answering=True), "[share, layer 0: small talk]"),
])
def test_each_choice_kind_has_its_badge(view: ChoiceView, badge: str) -> None:
    assert view.badge == badge


def test_in_a_menu_of_answers_the_plain_choice_is_tagged_as_an_answer_too() -> None:
    """Homecoming's shop sign: four answers and a practical offer (fix the shelf). Every card
    carries the same tag, so the one plain card cannot mark itself out as the deflection;
    the model still treats the offer as plain, and a menu with no answer in it tags nothing."""
    session = Session(load("homecoming"), SEED)
    assert all(not c.answering and c.badge == "" for c in session.view().choices)
    for choice in ("straight", "house_selling"):
        session.choose(choice)
    view = session.view()
    assert view.scene == "shop_recip"
    assert {c.badge for c in view.choices} == {"[respond]"}
    shelf = next(c for c in view.choices if c.id == "r1_shelf")
    assert (shelf.kind, shelf.shown_kind, shelf.response) == ("plain", "respond", None)
    assert session.choose("r1_shelf").choice.kind == "plain"


def test_choice_views_describe_layer_and_tone_only_for_layered_moves(
        story: CompiledStory) -> None:
    views = {c.id: c for c in Session(story, SEED).view().choices}
    assert (views["work2"].layer, views["work2"].tone, views["work2"].topic) == (
        2, "emotional", "work")
    assert (views["ask1"].layer, views["ask1"].tone) == (1, "factual")
    assert (views["s_judge"].layer, views["s_judge"].tone, views["s_judge"].response) == (
        None, None, "judgemental")
    assert (views["gift"].kind, views["gift"].layer, views["gift"].tone) == (
        "plain", None, None)


PLAIN_BESIDE_AN_APOLOGY = """\
id: chat
title: Chat
start: news
rupture: gone
characters:
  partners:
    sam: {name: Sam, trust: 40, defence: 30}
scenes:
  news:
    partner: sam
    partner_discloses: {layer: 1, topic: work, tone: factual}
    lines: [{sam: "I start nights on Monday."}]
    choices:
      - {id: glad, kind: respond, response: supportive, text: Say nights suit her, next: later}
      - {id: rain, text: Talk about the rain, next: later}
  later:
    partner: sam
    lines: [A week later.]
    choices:
      - {id: sorry, kind: respond, response: supportive, text: Say sorry for last week,
         next: close}
      - {id: rain2, text: Talk about the rain again, next: close}
  close:
    ending: {outcome: acquaintance, title: Polite}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def test_a_plain_choice_is_an_answer_only_while_the_partner_waits_for_one(
        tmp_path: Path) -> None:
    """Moving on from what Sam has just told you is one way of answering her, so the rain
    is tagged like the answers; a week later nothing of hers is waiting (answered, or moved
    on from, which settles it too: model rule R-UNANSWERED), the only answer on offer is an
    apology, and the rain is small talk again, shown untagged (tutorial editor 26: chat
    beside an apology was tagged as an answer)."""
    path = tmp_path / "chat.yaml"
    path.write_text(PLAIN_BESIDE_AN_APOLOGY, encoding="utf-8")
    for first in ("glad", "rain"):
        session = Session(load(path), SEED)
        assert session.state.partners["sam"].pending
        assert {c.id: c.badge for c in session.view().choices} == {
            "glad": "[respond]", "rain": "[respond]"}
        session.choose(first)
        assert not session.state.partners["sam"].pending
        assert {c.id: c.badge for c in session.view().choices} == {
            "sorry": "[respond]", "rain2": ""}
