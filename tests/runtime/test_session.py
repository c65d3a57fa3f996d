"""The session as the window, the terminal and the simulator use it.

Every test runs twice: once plainly, once with the session saved to JSON and restored
after every single move, so saves can never drift from live play.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game.errors import RestoreError, SessionError
from game.persist.snapshot import restore, snapshot
from game.runtime import Result, Session
from game.story.compiled import CompiledStory
from game.story.loader import load

FIXTURES = Path(__file__).parents[1] / "fixtures"
Play = Callable[[Session, str], tuple[Session, Result]]


@pytest.fixture(scope="module")
def mini() -> CompiledStory:
    return load(FIXTURES / "mini.yaml")


@pytest.fixture(scope="module")
def fragile() -> CompiledStory:
    return load(FIXTURES / "fragile.yaml")


def _plain(session: Session, choice: str) -> tuple[Session, Result]:
    return session, session.choose(choice)


def _roundtrip(session: Session, choice: str) -> tuple[Session, Result]:
    result = session.choose(choice)
    data = json.loads(json.dumps(snapshot(session)))
    restored = restore(session.story, data)
    assert restored.state == session.state
    assert restored.choices_made == session.choices_made
    return restored, result


@pytest.fixture(params=[_plain, _roundtrip], ids=["live", "via-snapshot"])
def play(request: pytest.FixtureRequest) -> Play:
    fn: Play = request.param
    return fn


def run(story: CompiledStory, seed: int, picks: list[str], play: Play) -> Session:
    s = Session(story, seed)
    for pick in picks:
        s, _ = play(s, pick)
    return s


def test_start_view_shows_scene_and_choices(mini: CompiledStory) -> None:
    view = Session(mini, 0).view()
    assert [ln.text for ln in view.lines] == ["The kettle clicks off.", "Tea, You?"]
    assert view.lines[1].name == "Sam"
    assert [(c.id, c.kind, c.layer) for c in view.choices] == [
        ("weather", "disclose", 0), ("secret", "disclose", 3)]
    assert view.meters is None and view.ending is None


def test_facilitator_view_carries_meters(mini: CompiledStory) -> None:
    meters = Session(mini, 0).view(facilitator=True).meters
    assert meters is not None
    assert meters["sam"]["trust"] == 40 and meters["sam"]["defence"] == 30
    assert meters["sam"]["verdict"] == "acquaintance"


def test_choose_returns_landing_reaction_and_next(mini: CompiledStory, play: Play) -> None:
    s, res = play(Session(mini, 0), "weather")
    assert res.landing == "supportive"
    assert [ln.text for ln in res.reaction] == ["Sam laughs."]
    assert res.next_scene == "middle" and s.state.scene == "middle"
    assert s.state.flags["waved"] is True
    assert res.explanation is not None and res.explanation.move == "small_talk"


def test_conditions_hide_and_show_choices(mini: CompiledStory, play: Play) -> None:
    via_secret = run(mini, 3, ["secret"], play)
    assert [c.id for c in via_secret.view().choices] == ["ask"]
    via_weather = run(mini, 3, ["weather"], play)
    assert [c.id for c in via_weather.view().choices] == ["ask", "wave"]


def test_continue_scene_follows_branches_to_an_ending(mini: CompiledStory, play: Play) -> None:
    s = run(mini, 0, ["weather", "wave"], play)
    assert [c.id for c in s.view().choices] == ["continue"]
    s, res = play(s, "continue")
    assert res.ending is not None and res.ending.outcome == "acquaintance"
    assert s.ended and s.view().choices == ()
    with pytest.raises(SessionError):
        s.choose("continue")


def test_same_seed_and_choices_give_same_playthrough(fragile: CompiledStory, play: Play) -> None:
    picks = ["core", "chat", "kind"]
    a = run(fragile, 42, picks, play)
    b = run(fragile, 42, picks, play)
    assert a.choices_made == picks  # the whole playthrough, not only its first move
    assert snapshot(a) == snapshot(b)
    ra = [s.result.explanation.to_json() for s in a.history if s.result.explanation]
    rb = [s.result.explanation.to_json() for s in b.history if s.result.explanation]
    assert len(ra) == len(picks) and ra == rb
    # The noise really comes from the seed: a core disclosure's readiness differs by seed.
    other = run(fragile, 43, picks[:1], play)
    first = other.history[0].result.explanation
    assert first is not None and first.readiness is not None
    assert a.history[0].result.explanation is not None
    assert first.readiness != a.history[0].result.explanation.readiness


def test_unknown_or_hidden_choice_is_refused(mini: CompiledStory) -> None:
    s = Session(mini, 0)
    with pytest.raises(SessionError, match="not a choice here"):
        s.choose("nope")
    s.choose("secret")
    with pytest.raises(SessionError):
        s.choose("wave")  # hidden: its condition is false


def test_undo_steps_back_exactly_and_repeats(fragile: CompiledStory) -> None:
    s = Session(fragile, 5)
    states = [s.state]
    for pick in ["probe", "chat"]:
        s.choose(pick)
        states.append(s.state)
    assert s.undo() and s.state == states[1]
    assert s.undo() and s.state == states[0]
    assert not s.undo()
    assert s.history == []


def test_rupture_interrupts_and_is_final(fragile: CompiledStory, play: Play) -> None:
    s = Session(fragile, 0)
    for _ in range(5):
        s, res = play(s, "probe")
        if res.ruptured:
            break
    assert res.ruptured and res.next_scene == "broken"
    assert s.ending() is not None and s.ending().outcome == "ruptured"  # type: ignore[union-attr]
    assert s.state.partners["kim"].ruptured


def test_partner_disclosure_and_response(fragile: CompiledStory, play: Play) -> None:
    s = run(fragile, 0, ["chat"], play)
    assert s.state.partners["kim"].opened == 1 and s.state.partners["kim"].pending == 1
    before = s.state.partners["kim"].trust
    s, res = play(s, "kind")
    assert res.landing == "supportive" and s.state.partners["kim"].trust > before


def test_on_enter_effects_and_conditional_lines(fragile: CompiledStory, play: Play) -> None:
    s = Session(fragile, 0)
    assert s.state.flags["visits_seen"] == 1
    assert "You have been here before." not in [ln.text for ln in s.view().lines]
    s, res = play(s, "core")
    # Seed 0 keeps Kim talking after the confession (fragile.yaml loops back to "one"); the
    # check must not pass by having nothing left to check.
    assert not s.ended and res.next_scene == "one"
    assert s.state.flags["visits_seen"] == 2
    assert "You have been here before." in [ln.text for ln in s.view().lines]


def test_restore_refuses_another_story(mini: CompiledStory, fragile: CompiledStory) -> None:
    with pytest.raises(RestoreError, match="belongs to story 'mini'"):
        restore(fragile, snapshot(Session(mini, 0)))


def test_restore_refuses_unknown_format(mini: CompiledStory) -> None:
    data = snapshot(Session(mini, 0)) | {"format": 99}
    with pytest.raises(RestoreError, match="format 99"):
        restore(mini, data)


def test_edited_story_keeps_save_when_scene_exists(tmp_path: Path) -> None:
    src = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(src, encoding="utf-8")
    s = Session(load(old), 0)
    s.choose("weather")
    snap = json.loads(json.dumps(snapshot(s)))
    edited = tmp_path / "edited.yaml"
    edited.write_text(src.replace("title: Mini", "title: Mini, revised"), encoding="utf-8")
    restored = restore(load(edited), snap)
    assert restored.state.scene == "middle" and restored.choices_made == ["weather"]
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(src.replace("middle", "centre"), encoding="utf-8")
    with pytest.raises(RestoreError, match=r"the saved scene 'middle' no longer exists"):
        restore(load(renamed), snap)


def test_damaged_snapshot_is_refused_cleanly(mini: CompiledStory) -> None:
    snap = snapshot(Session(mini, 0))
    snap["hash"] = "different"
    snap["state"]["partners"]["sam"]["trust"] = "lots"
    with pytest.raises(RestoreError, match="damaged"):
        restore(mini, snap)
