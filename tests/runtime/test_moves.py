"""Choose, undo, snapshot and restore across every kind of move, through the public Session API.

tests/runtime/fixtures/moves.yaml offers every move from one hub scene with two partners:
sharing at each layer, asking at each layer, answering with each response, leaving a
confidence unanswered, a scene that opens with a confidence, on_enter effects, author effects
on either partner, and the three kinds of ending. The scripted paths below are played live,
restored from a snapshot after every move, undone move by move and replayed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.errors import RestoreError, SessionError
from game.persist.snapshot import restore, snapshot
from game.runtime import Result, Session
from game.runtime.state import State
from game.story.compiled import CompiledStory
from game.story.loader import load

FIXTURE = Path(__file__).parent / "fixtures" / "moves.yaml"
SEED = 1

PATHS = {
    # one layer at a time with Sam, every confidence of his answered warmly
    "deepened": "talk0 work1 s_support home1 s_support music1 s_support work2 s_support "
                "home2 s_support ask2 s_support leave continue",
    # questions at every layer, the deep ones too early
    "asks": "ask0 ask1 s_support ask2 ask3",
    # Sam's confidence answered each way
    "sam_neutral": "work1 s_neutral work1",
    "sam_dismissive": "work1 s_dismiss",
    "sam_judgemental": "work1 s_judge work1",
    # Sam's confidence passed over for another disclosure, then for a plain choice
    "sam_unanswered": "work1 home1 ask0 leave continue",
    # Ana's confidence, opened by a scene, answered each way or not at all
    "ana_supportive": "ana_turn a_support",
    "ana_neutral": "ana_turn a_neutral",
    "ana_dismissive": "ana_turn a_dismiss",
    "ana_judgemental": "ana_turn a_judge",
    "ana_ignored": "ana_turn a_ignore",
    "ana_walked_away": "ana_turn a_walk talk0",
    # author effects, and the three ways to break off
    "gifts": "gift gift talk0",
    "too_much_too_soon": "work3 work3 work3",
    "sabotage": "talk0 sabotage",
    "slammed_door": "door",
    "polite": "talk0 leave continue",
}


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return load(FIXTURE)


def played(story: CompiledStory, path: str) -> tuple[Session, list[State], list[Result]]:
    """The session after `path`, the state before each move and after the last, the results."""
    session = Session(story, SEED)
    states, results = [session.state], []
    for pick in path.split():
        results.append(session.choose(pick))
        states.append(session.state)
    return session, states, results


def restored(session: Session) -> Session:
    data = json.loads(json.dumps(snapshot(session)))
    return restore(session.story, data)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_every_move_survives_a_snapshot_and_restore(story: CompiledStory, name: str) -> None:
    live = Session(story, SEED)
    saved = Session(story, SEED)
    moves = PATHS[name].split()
    for pick in moves:
        a = live.choose(pick)
        b = saved.choose(pick)
        saved = restored(saved)
        assert not saved.changed_story
        assert saved.state == live.state
        assert saved.choices_made == live.choices_made == moves[:len(live.history)]
        assert (a.landing, a.next_scene, a.ruptured) == (b.landing, b.next_scene, b.ruptured)
        assert (a.explanation and a.explanation.to_json()) == (
            b.explanation and b.explanation.to_json())
        assert saved.view() == live.view()
    assert len(live.history) == len(moves)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_undo_walks_back_every_move_and_replay_repeats_it(story: CompiledStory,
                                                          name: str) -> None:
    session, states, results = played(story, PATHS[name])
    moves = PATHS[name].split()
    for back in range(len(moves), 0, -1):
        assert session.undo()
        assert session.state == states[back - 1]
        assert session.choices_made == moves[:back - 1]
    assert session.state == states[0]
    assert not session.undo()
    assert session.history == []
    for pick, state, result in zip(moves, states[1:], results, strict=True):
        again = session.choose(pick)
        assert session.state == state
        assert (again.explanation and again.explanation.to_json()) == (
            result.explanation and result.explanation.to_json())


@pytest.mark.parametrize("name", sorted(PATHS))
def test_transition_previews_the_move_without_taking_it(story: CompiledStory,
                                                        name: str) -> None:
    session = Session(story, SEED)
    for pick in PATHS[name].split():
        before = session.state
        choice = next(c for c in session.available() if c.id == pick)
        preview = session.transition(choice)
        assert session.state == before
        result = session.choose(pick)
        assert preview.state == session.state
        assert (preview.landing, preview.target) == (result.landing, result.next_scene)


@pytest.mark.parametrize(("pick", "layer", "move"), [
    ("talk0", 0, "small_talk"), ("work1", 1, "disclose"), ("work2", 2, "disclose"),
    ("work3", 3, "disclose"), ("ask0", 0, "ask"), ("ask1", 1, "ask"), ("ask2", 2, "ask"),
    ("ask3", 3, "ask"),
])
def test_sharing_and_asking_at_each_layer(story: CompiledStory, pick: str, layer: int,
                                          move: str) -> None:
    session = Session(story, SEED)
    ana = session.state.partners["ana"]
    result = session.choose(pick)
    why = result.explanation
    assert why is not None
    assert (why.move, why.layer, result.partner) == (move, layer, "sam")
    assert (why.readiness is not None) is (move == "disclose")
    assert session.state.partners["sam"].moves == 1
    assert session.state.partners["ana"] == ana  # a move with Sam leaves Ana alone
    assert session.state.turn == 1


@pytest.mark.parametrize(("pick", "trust_rises"), [
    ("a_support", True), ("a_neutral", False), ("a_dismiss", False), ("a_judge", False),
])
def test_answering_a_scene_confidence_each_way(story: CompiledStory, pick: str,
                                               trust_rises: bool) -> None:
    session = Session(story, SEED)
    opened = session.choose("ana_turn")
    assert opened.next_scene == "ana_confides"
    assert opened.explanation is not None
    assert ("ana", "R-SCENE") in {(d.partner, d.rule) for d in opened.explanation.deltas}
    ana = session.state.partners["ana"]
    assert (ana.pending, ana.opened) == (1, 1)
    result = session.choose(pick)
    after = session.state.partners["ana"]
    assert result.landing == pick.replace("a_", "").replace("dismiss", "dismissive").replace(
        "judge", "judgemental").replace("support", "supportive")
    assert after.pending == 0 and after.moves == 1
    assert (after.trust > ana.trust) is trust_rises
    assert (after.heard, after.hurt) == ((1, 0) if pick == "a_support" else
                                         (0, 1) if pick in ("a_dismiss", "a_judge") else (0, 0))
    assert (after.guard > 0) is (pick == "a_judge")


@pytest.mark.parametrize("pick", ["a_ignore", "a_walk"])
def test_moving_on_from_a_confidence_leaves_it_unanswered(story: CompiledStory,
                                                          pick: str) -> None:
    session = Session(story, SEED)
    session.choose("ana_turn")
    ana = session.state.partners["ana"]
    result = session.choose(pick)
    after = session.state.partners["ana"]
    assert after.pending == 0
    assert after.trust < ana.trust and after.defence > ana.defence
    assert result.explanation is not None
    # A plain choice in Ana's scene is addressed to her, so her deltas are untagged there.
    found = {(d.partner or result.partner, d.rule) for d in result.explanation.deltas}
    assert ("ana", "R-UNANSWERED") in found
    assert after.moves == ana.moves  # not a move with Ana, only a cost to her


def test_a_disclosure_over_a_pending_confidence_pays_for_it_in_the_same_move(
        story: CompiledStory) -> None:
    session = Session(story, SEED)
    assert session.choose("work1").landing == "reciprocated"
    assert session.state.partners["sam"].pending == 1
    result = session.choose("home1")
    assert result.explanation is not None
    rules = [(d.partner, d.rule) for d in result.explanation.deltas]
    assert (None, "R-UNANSWERED") in rules  # Sam's own move carries it, untagged
    assert ("sam", "R-UNANSWERED") not in rules


def test_on_enter_runs_on_every_entry_and_counts_visits(story: CompiledStory) -> None:
    session = Session(story, SEED)
    assert session.state.flags["rounds"] == 1 and session.state.visits == {"hub": 1}
    for n in range(2, 5):
        session.choose("talk0")
        assert session.state.flags["rounds"] == n and session.state.visits["hub"] == n
    session.undo()
    assert session.state.flags["rounds"] == 3


def test_author_effects_go_through_the_model_and_are_explained(story: CompiledStory) -> None:
    session = Session(story, SEED)
    trust = session.state.partners["sam"].trust
    result = session.choose("gift")
    assert result.landing == "plain"
    after = session.state.partners["sam"]
    assert after.trust == round(trust + (100 - trust) * 10 / 100, 2)
    assert after.moves == 0  # an effect is not a move with Sam
    assert result.explanation is not None
    keys = {(d.rule, d.reason_key) for d in result.explanation.deltas}
    assert ("R-AUTHOR", "author.choice") in keys
    assert session.state.flags["gifts"] == 1


@pytest.mark.parametrize(("name", "cause"), [
    ("too_much_too_soon", ("sam", "rupture.defence")),
    ("sabotage", ("ana", "rupture.defence")),
    ("slammed_door", ("sam", "rupture.trust")),
])
def test_each_way_of_breaking_off_ends_in_the_rupture_scene(story: CompiledStory, name: str,
                                                            cause: tuple[str, str]) -> None:
    session, _, results = played(story, PATHS[name])
    last = results[-1]
    assert last.ruptured and last.next_scene == "broken"
    assert all(not r.ruptured for r in results[:-1])
    ending = session.ending()
    assert ending is not None and ending.outcome == "ruptured"
    who, key = cause
    assert session.state.partners[who].ruptured
    assert last.explanation is not None
    found = {(d.partner or last.partner, d.reason_key) for d in last.explanation.deltas
             if d.rule == "R-RUPTURE"}
    assert found == {(who, key)}
    assert session.available() == ()
    with pytest.raises(SessionError, match="ended"):
        session.choose("talk0")


@pytest.mark.parametrize(("name", "outcome", "scene"), [
    ("deepened", "deepened", "close"), ("polite", "acquaintance", "polite"),
    ("sam_unanswered", "acquaintance", "polite"),
])
def test_endings_and_their_saves(story: CompiledStory, name: str, outcome: str,
                                 scene: str) -> None:
    session, _, results = played(story, PATHS[name])
    ending = session.ending()
    assert ending is not None and (ending.outcome, ending.scene) == (outcome, scene)
    assert results[-1].ending == ending
    back = restored(session)
    assert back.ended and back.ending() == ending and not back.changed_story
    assert back.view().choices == () and back.view().ending == ending


def test_a_plain_choice_over_a_pending_confidence_costs_trust(story: CompiledStory) -> None:
    session, _, results = played(story, "work1 leave")
    assert results[0].landing == "reciprocated"
    why = results[1].explanation
    assert why is not None and why.move == "plain"
    assert ("R-UNANSWERED", None) in {(d.rule, d.partner) for d in why.deltas}
    assert session.state.partners["sam"].pending == 0


EDITED = "0" * 64  # a content hash no story has: the save meets an edited story


def tampered(session: Session) -> dict[str, Any]:
    """The session's snapshot with every field of its state changed by hand."""
    data: dict[str, Any] = json.loads(json.dumps(snapshot(session)))
    saved = data["state"]
    saved["partners"]["sam"]["trust"] = 12.5
    saved["partners"]["ana"]["defence"] = 61.25
    saved["flags"] = {"rounds": 7, "gifts": 2, "warm": True}
    saved["visits"]["hub"] = 9
    saved["turn"] = 11
    return data


def test_a_save_whose_replay_differs_is_refused(story: CompiledStory) -> None:
    # Same story: the moves must lead to exactly the saved state, or the file was edited
    # after it was written and would load a different game.
    session, _, _ = played(story, "work1 s_support ana_turn")
    with pytest.raises(RestoreError, match="its saved state is not where its moves lead"):
        restore(story, tampered(session))
    data = json.loads(json.dumps(snapshot(session)))
    assert restore(story, data).state == session.state  # untouched, it loads


def test_an_edited_story_keeps_the_saved_state_whole(story: CompiledStory) -> None:
    session, _, _ = played(story, "work1 s_support ana_turn")
    data = tampered(session) | {"hash": EDITED}
    back = restore(story, data)
    assert back.changed_story
    assert back.state.to_json() == data["state"]  # every field as saved, none from the replay
    assert back.state.partners["sam"].trust == 12.5
    assert back.history == [] and not back.undo()
    assert back.seed == SEED and back.view().scene == "ana_confides"


def test_a_restored_state_keeps_only_what_fits_the_story(story: CompiledStory) -> None:
    session, _, _ = played(story, "talk0")
    data = json.loads(json.dumps(snapshot(session))) | {"hash": EDITED}
    saved = data["state"]
    saved["flags"] = {"rounds": True, "gifts": 2, "warm": 1, "gone": 1}  # wrong types; unknown
    saved["visits"] = {"hub": 2, "nowhere": 1, "slam": 0}
    del saved["partners"]["ana"]  # a partner missing from the save starts afresh
    back = restore(story, data)
    assert back.changed_story
    assert back.state.flags == {"rounds": 0, "gifts": 2, "warm": False}
    assert back.state.visits == {"hub": 2, "slam": 0}
    assert back.state.partners["ana"] == Session(story, SEED).state.partners["ana"]
    assert back.state.partners["sam"] == session.state.partners["sam"]


UNREPLAYABLE = [
    ["hub/nope"],                   # no such choice
    ["ana_confides/a_support"],     # a scene the replay is not in
    ["hub/talk0", "hub/talk0"],     # one move too many: the replay ends elsewhere
]


@pytest.mark.parametrize("choices", UNREPLAYABLE)
def test_a_save_whose_choices_cannot_be_replayed(story: CompiledStory,
                                                 choices: list[str]) -> None:
    session, _, _ = played(story, "talk0")
    data = json.loads(json.dumps(snapshot(session))) | {"choices": choices}
    with pytest.raises(RestoreError, match="changed after it was written"):
        restore(story, data)  # same story: refused
    back = restore(story, data | {"hash": EDITED})  # edited story: the saved state is kept
    assert back.changed_story and back.history == []
    assert back.state == session.state


@pytest.mark.parametrize(("choices", "message"), [
    (["talk0"], "must read 'scene/choice'"), ("hub/talk0", "must be a list"),
])
def test_a_save_with_a_malformed_choice_list_is_refused(story: CompiledStory, choices: object,
                                                        message: str) -> None:
    data = json.loads(json.dumps(snapshot(Session(story, SEED))))
    data["choices"] = choices
    with pytest.raises(RestoreError, match=message):
        restore(story, data)


def test_the_partners_mood_follows_the_last_landing_and_undo(story: CompiledStory) -> None:
    session = Session(story, SEED)
    moods = [session.view().mood]
    for pick in ("work1", "ask3", "gift", "s_dismiss"):
        session.choose(pick)
        moods.append(session.view().mood)
    assert [s.result.landing for s in session.history] == [
        "reciprocated", "intrusion", "plain", "dismissive"]
    assert moods == ["neutral", "warm", "guarded", "neutral", "hurt"]
    assert restored(session).view().mood == "hurt"
    for expected in reversed(moods[:-1]):
        session.undo()
        assert session.view().mood == expected


@pytest.mark.parametrize(("pick", "moved"), [("a_ignore", "sam"), ("a_walk", "ana")])
def test_two_pending_confidences_left_for_a_third_thing_both_cost(story: CompiledStory,
                                                                  pick: str,
                                                                  moved: str) -> None:
    # Sam confides, then Ana: both wait for an answer when the player does something else.
    session, _, _ = played(story, "sam_turn listen")
    assert {pid: p.pending for pid, p in session.state.partners.items()} == {"sam": 1, "ana": 1}
    before = session.state.partners
    result = session.choose(pick)
    assert result.partner == moved
    other = "ana" if moved == "sam" else "sam"
    why = result.explanation
    assert why is not None
    # The addressed partner's cost is untagged (it is the step's own); the other's is tagged.
    assert (other, "R-UNANSWERED") in {(d.partner, d.rule) for d in why.deltas}
    assert (None, "R-UNANSWERED") in {(d.partner, d.rule) for d in why.deltas}
    for pid in ("sam", "ana"):
        after = session.state.partners[pid]
        assert after.pending == 0
        assert after.trust < before[pid].trust and after.defence > before[pid].defence


def test_a_save_without_seed_or_choices_starts_from_the_defaults(story: CompiledStory) -> None:
    data = json.loads(json.dumps(snapshot(Session(story, 0))))
    del data["seed"], data["choices"]
    back = restore(story, data)
    assert back.seed == 0 and not back.changed_story
    assert back.state == Session(story, 0).state


def test_a_save_that_is_not_an_object_is_refused(story: CompiledStory) -> None:
    with pytest.raises(RestoreError, match=r"^the save is not a JSON object$"):
        restore(story, ["hub/talk0"])


def test_a_confidence_the_next_scene_opens_with_is_said_to_come_next(
        story: CompiledStory) -> None:
    # The move into a scene that opens with a partner's confidence carries that scene's
    # deltas; the glass box lists them after the move, before the scene's lines are read,
    # so they must say they belong to the scene ahead, not to how the move was taken.
    session = Session.start(story, seed=SEED)
    res = session.choose("sam_turn")
    assert res.explanation is not None
    keys = [(d.rule, d.reason_key) for d in res.explanation.deltas]
    assert ("R-SCENE", "scene.pending") in keys
    said = story.sentences(res.explanation, "sam")
    assert any(s.startswith("As the next scene begins, Sam tells you something") for s in said)
    assert not any("is waiting to see how you take what" in s for s in said)
