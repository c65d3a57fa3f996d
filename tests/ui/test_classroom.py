"""Classroom live in the real window: votes arrive in the room, the projector shows the tally,
Enter or a click closes the vote, a tie or an override is the teacher's pick, rewind drops
the votes it takes back, and the record carries the counts (and still replays)."""

from __future__ import annotations

import pygame

from game.classroom import Live, Room
from game.facilitator.export import to_csv, to_markdown
from game.persist.recordjson import read_record
from game.persist.replay import replay_record as replay
from game.story.loader import load
from game.ui.app import App
from game.ui.classroom import ClassroomScene, run_classroom
from game.ui.screens.debrief import DebriefScreen

from .conftest import MINI, ROOT

TUTORIAL = ROOT / "stories" / "tutorial"


def live_app(make_app, story=MINI, **kw: object) -> tuple[App, Room]:
    app = make_app(story, **kw)
    room = Room(code="ACDEFH")
    app.settings.projector = True
    app.theme.apply(app.settings)
    app.classroom = Live(room, "http://192.168.1.20:8765/")
    app.start(app.story)
    app.run_frames(1)
    return app, room


def to_vote(app: App, drive) -> ClassroomScene:
    scene = app.top
    assert isinstance(scene, ClassroomScene)
    for _ in range(50):
        if scene.voting:
            return scene
        drive.key(app, pygame.K_SPACE)
    raise AssertionError("no vote opened")


def devices(room: Room, n: int, start: int = 0) -> list[str]:
    out = []
    for i in range(start, start + n):
        joined = room.join(room.code, f"10.0.0.{i}", None, 0.0)
        assert joined.status == "ok"
        out.append(joined.token)
    return out


def test_a_decision_opens_a_round_with_the_choices(make_app, drive) -> None:
    app, room = live_app(make_app)
    scene = to_vote(app, drive)
    token = devices(room, 1)[0]
    state = room.state(token)
    assert state["open"] and state["round"] == scene.round
    assert [c["letter"] for c in state["choices"]] == ["A", "B"]
    assert state["choices"][1]["text"] == "Confess your deepest fear"
    assert state["prompt"] == "Tea, You?" and state["scene"] == "Mini"  # no scene title
    assert state["voted"] is None


def test_enter_takes_the_most_voted_choice_and_records_the_split(make_app, drive,
                                                                 shot) -> None:
    app, room = live_app(make_app)
    scene = to_vote(app, drive)
    tokens = devices(room, 5)
    for t, letter in zip(tokens, "ABBBA", strict=True):
        assert room.vote(t, scene.round, letter) == "ok"
    assert room.vote(tokens[0], scene.round, "B") == "ok"  # changed their mind: replaced
    app.run_frames(2)
    assert scene.tally().counts == (1, 4) and scene.tally().voters == 5
    shot(app, "classroom_vote")
    drive.key(app, pygame.K_RETURN)
    history = scene.play.session.history
    assert [s.result.choice.id for s in history] == ["secret"]
    vote = scene.play.votes[1]
    assert vote.counts == {"weather": 1, "secret": 4} and vote.decided == "class"
    assert not room.state(tokens[0])["open"]


def test_a_tie_waits_for_the_teachers_pick(make_app, drive) -> None:
    app, room = live_app(make_app)
    scene = to_vote(app, drive)
    a, b = devices(room, 2)
    room.vote(a, scene.round, "A")
    room.vote(b, scene.round, "B")
    drive.key(app, pygame.K_RETURN)
    assert scene.tie == [0, 1] and not scene.play.session.history
    assert room.vote(a, scene.round, "B") == "closed"  # the vote stays closed
    drive.key(app, pygame.K_RETURN)  # Enter again only repeats the question
    assert not scene.play.session.history
    drive.key(app, pygame.K_2)
    assert scene.play.session.history[-1].result.choice.id == "secret"
    assert scene.play.votes[1].decided == "tie"
    assert scene.play.votes[1].counts == {"weather": 1, "secret": 1}


def test_no_votes_leave_the_pick_to_the_teacher(make_app, drive) -> None:
    app, _ = live_app(make_app)
    scene = to_vote(app, drive)
    drive.key(app, pygame.K_RETURN)
    assert scene.tie == [0, 1] and not scene.play.session.history
    drive.key(app, pygame.K_a)  # a letter, as in projector mode's hand votes
    assert scene.play.session.history[-1].result.choice.id == "weather"
    assert scene.play.votes[1].total == 0


def test_the_teacher_overrides_an_open_vote_with_a_click(make_app, drive) -> None:
    app, room = live_app(make_app)
    scene = to_vote(app, drive)
    tokens = devices(room, 3)
    for t in tokens:
        room.vote(t, scene.round, "B")
    drive.click(app, scene.menu.rects[0].center)
    assert scene.play.session.history[-1].result.choice.id == "weather"
    vote = scene.play.votes[1]
    assert vote.decided == "teacher" and vote.counts == {"weather": 0, "secret": 3}


def test_the_close_button_closes_the_vote(make_app, drive) -> None:
    app, room = live_app(make_app)
    scene = to_vote(app, drive)
    t = devices(room, 1)[0]
    room.vote(t, scene.round, "A")
    app.run_frames(1)
    assert scene.close_button.width > 0
    drive.click(app, scene.close_button.center)
    assert scene.play.session.history[-1].result.choice.id == "weather"


def test_rewind_drops_the_votes_it_takes_back(make_app, drive) -> None:
    app, room = live_app(make_app)
    scene = to_vote(app, drive)
    t = devices(room, 1)[0]
    room.vote(t, scene.round, "A")
    drive.key(app, pygame.K_RETURN)
    first = scene.round
    to_vote(app, drive)
    assert scene.round > first and set(scene.play.votes) == {1}
    drive.key(app, pygame.K_BACKSPACE)  # back to before choice 1: a new vote opens there
    assert not scene.play.session.history and scene.play.votes == {}
    assert scene.voting and room.state(t)["voted"] is None


def test_the_record_carries_the_votes_and_replays(make_app, drive, tmp_path) -> None:
    app, room = live_app(make_app)
    tokens = devices(room, 4)
    for letters in ("ABBB", "AAAA"):  # after the secret, only "Ask about work" is offered
        scene = to_vote(app, drive)
        for t, letter in zip(tokens, letters, strict=True):
            assert room.vote(t, scene.round, letter) == "ok"
        assert room.vote(tokens[0], scene.round, "Z") == "unknown"
        drive.key(app, pygame.K_RETURN)
    record = scene.play.record()
    assert record is not None
    assert [s.votes.total if s.votes else None for s in record.steps] == [4, 4]
    from game.persist.recordjson import write_record

    path = write_record(record, tmp_path / "class.json")
    again = read_record(path)
    assert again == record
    replay(load(MINI), again)  # the counts agree with the choices taken
    assert "The class voted:" in to_markdown(again)
    assert "How the class split" in to_markdown(again)
    header = to_csv(again).splitlines()[0]
    assert header.endswith("votes,votes_for_choice,split")


def test_between_votes_the_join_strip_stays_on_screen(make_app, drive, shot) -> None:
    app, room = live_app(make_app)
    scene = app.top
    assert isinstance(scene, ClassroomScene) and not scene.choosing
    token = devices(room, 1)[0]
    assert room.state(token) | {"round": 0} == {
        "round": 0, "open": False, "scene": "Mini", "prompt": "", "choices": [], "voted": None}
    app.render()
    assert scene.close_button.width == 0
    shot(app, "classroom_lines")


def test_without_a_room_the_classroom_window_plays_with_hand_votes(tmp_path,
                                                                   monkeypatch) -> None:
    """run_classroom with no server: projector mode and hand votes, closing cleanly."""
    import argparse

    run = App.run

    def close_at_once(self: App, idle: str = "tick") -> int:
        assert self.projector and self.classroom is None and self.top.name == "scene"
        self.settings.fullscreen = False
        self.apply_settings()  # a settings change during the lesson saves the settings
        pygame.event.post(pygame.event.Event(pygame.QUIT))  # the teacher closes the window
        return run(self, idle)

    monkeypatch.setattr(App, "run", close_at_once)
    args = argparse.Namespace(data_dir=tmp_path / "data", seed=0, facilitator=False,
                              record=tmp_path / "r.json")
    assert run_classroom(load(MINI), args, None, "Hand votes: test") == 0
    assert read_record(tmp_path / "r.json").steps == ()
    from game.persist.saves import SaveStore

    assert not SaveStore(tmp_path / "data").load_settings().projector  # as it was before


def test_the_debrief_shows_how_the_class_split(make_app, drive, shot) -> None:
    app, room = live_app(make_app, facilitator=True)
    tokens = devices(room, 5)
    for letters in ("AABBB", "AAAAA", "AAAAA"):  # the secret, then ask, then continue
        scene = to_vote(app, drive)
        for t, letter in zip(tokens, letters, strict=True):
            room.vote(t, scene.round, letter)
        drive.key(app, pygame.K_RETURN)
    for _ in range(20):
        if app.top.name == "debrief":
            break
        drive.key(app, pygame.K_SPACE)
    debrief = app.top
    assert isinstance(debrief, DebriefScreen) and debrief.pages[-1] == "Class votes"
    assert [(r.chosen, r.total, r.decided) for r in debrief.splits] == [
        ("B", 5, "class"), ("A", 5, "class"), ("A", 5, "class")]
    drive.key(app, pygame.K_4)
    assert debrief.tab == 3
    assert room.state(tokens[0])["scene"].startswith("The end")
    shot(app, "classroom_debrief")


def test_in_facilitator_mode_the_vote_covers_the_meters(make_app, drive, shot) -> None:
    app, room = live_app(make_app, facilitator=True)
    scene = to_vote(app, drive)
    room.vote(devices(room, 1)[0], scene.round, "A")
    app.run_frames(2)
    shot(app, "classroom_facilitator_vote")
    drive.key(app, pygame.K_RETURN)
    app.run_frames(2)
    shot(app, "classroom_facilitator_after")
    assert scene.close_button.width == 0  # the glass box shows what the choice did


def test_leaving_the_game_closes_the_vote(make_app, drive) -> None:
    from game.ui.screens.title import TitleScreen

    app, room = live_app(make_app)
    scene = to_vote(app, drive)
    token = devices(room, 1)[0]
    app.reset(TitleScreen(app))  # the menu's "title screen"
    assert not room.state(token)["open"] and room.state(token)["choices"] == []
    assert room.vote(token, scene.round, "A") == "stale"
