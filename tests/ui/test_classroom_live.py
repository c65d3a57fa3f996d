"""`confide classroom` end to end: the command starts the vote server and the window, pupils
join and vote over HTTP, the teacher's Enter closes every round, the story reaches an
ending and the record written at the close carries the class's counts.

The game runs in this process's main thread under the dummy video driver, exactly as the
command runs it; a second thread plays the class (HTTP) and the teacher (posted key events).
"""

from __future__ import annotations

import io
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from contextlib import redirect_stdout
from pathlib import Path

import httpx
import pygame

from game.cli import main
from game.persist.recordjson import read_record
from game.persist.replay import replay_record as replay
from game.persist.saves import SaveStore
from game.persist.settings import Settings
from game.story.loader import load
from game.ui.app import App

from .conftest import MINI, ROOT

JOIN = re.compile(r"^join: (http://127\.0\.0\.1:\d+/)  code: ([A-Z0-9]{6})$", re.M)


class Lines(io.TextIOBase):
    """Standard output that another thread can read as it is written."""

    def __init__(self) -> None:
        self.q: queue.Queue[str] = queue.Queue()

    def write(self, s: str) -> int:
        self.q.put(s)
        return len(s)


def post_key(key: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                         scancode=0))


class Class(threading.Thread):
    """Three pupils and a teacher: vote in every round, then Enter; Space through lines."""

    def __init__(self, out: Lines) -> None:
        super().__init__(daemon=True)
        self.out = out
        self.rounds: list[dict[str, object]] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.play()
        except BaseException as exc:
            self.error = exc
        finally:
            pygame.event.post(pygame.event.Event(pygame.QUIT))  # the teacher closes it

    def play(self) -> None:
        text, deadline = "", time.monotonic() + 60
        while not (found := JOIN.search(text)):
            text += self.out.q.get(timeout=max(0.1, deadline - time.monotonic()))
        url, code = found.groups()
        pupils = [httpx.Client(base_url=url, timeout=10) for _ in range(3)]
        for p in pupils:
            assert p.post("/api/join", json={"code": code}).status_code == 200
        seen, turn = -1, 0
        while time.monotonic() < deadline:
            turn += 1  # the pupils take turns to look, each well inside its rate
            r = pupils[turn % 3].get("/api/state")
            if r.status_code == 429:
                time.sleep(0.3)
                continue
            state = r.json()
            if state["scene"].startswith("The end"):
                return
            if state["open"] and state["round"] != seen:
                seen = state["round"]
                self.vote(pupils, state)
                post_key(pygame.K_RETURN)
            elif not state["open"]:
                post_key(pygame.K_SPACE)
            time.sleep(0.15)
        raise AssertionError("the story did not end in time")

    def vote(self, pupils: list[httpx.Client], state: dict[str, object]) -> None:
        choices = state["choices"]
        assert isinstance(choices, list)
        win = choices[len(self.rounds) % len(choices)]["letter"]
        other = choices[-1]["letter"]
        for p, letter in zip(pupils, (win, win, other), strict=True):
            r = p.post("/api/vote", json={"round": state["round"], "letter": letter})
            if r.status_code == 429:  # over its rate after a burst of looks: wait, as the page does
                time.sleep(float(r.headers.get("Retry-After", "1")))
                r = p.post("/api/vote", json={"round": state["round"], "letter": letter})
            assert r.status_code == 204
        self.rounds.append(state)


def test_a_class_plays_the_tutorial_to_an_ending(tmp_path: Path) -> None:
    data = tmp_path / "data"
    SaveStore(data).save_settings(Settings(text_speed="instant"))
    out, record = Lines(), tmp_path / "class.json"
    pupils = Class(out)
    pupils.start()
    with redirect_stdout(out):
        code = main(["classroom", "tutorial", "--bind", "127.0.0.1", "--port", "0",
                     "--data-dir", str(data), "--record", str(record)])
    pupils.join(5)
    assert pupils.error is None, pupils.error
    assert code == 0
    rec = read_record(record)
    assert rec.ending is not None and len(rec.steps) == len(pupils.rounds)
    assert all(s.votes is not None and s.votes.total == 3 for s in rec.steps)
    assert all(s.votes.decided == "class" for s in rec.steps if s.votes)
    assert all(s.votes.counts[s.choice] >= 2 for s in rec.steps if s.votes)
    replay(load("tutorial"), rec)  # the counts agree with the path taken


def free_port() -> tuple[socket.socket, int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    return sock, sock.getsockname()[1]


def classroom(*args: str) -> subprocess.Popen[str]:
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin",
           "PYTHONUNBUFFERED": "1",
           "CONFIDE_CACHE_DIR": os.environ["CONFIDE_CACHE_DIR"]}  # never the user's cache
    return subprocess.Popen([sys.executable, "-m", "game", "classroom", *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_a_taken_port_falls_back_to_hand_votes_in_one_line(tmp_path: Path, capsys,
                                                          monkeypatch) -> None:
    taken, port = free_port()
    run = App.run

    def close_at_once(self: App, idle: str = "tick") -> int:
        assert self.classroom is None and self.projector  # hand votes, in projector mode
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        return run(self, idle)

    monkeypatch.setattr(App, "run", close_at_once)
    with taken:
        code = main(["classroom", str(MINI), "--bind", "127.0.0.1", "--port", str(port),
                     "--data-dir", str(tmp_path)])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        f"classroom: no vote server on 127.0.0.1, port {port} (Address already in use); "
        f"playing in projector mode with hand votes (A, B, C, D)"]


def test_the_command_prints_the_join_line_and_serves_the_class(tmp_path: Path) -> None:
    proc = classroom(str(MINI), "--bind", "127.0.0.1", "--port", "0",
                     "--data-dir", str(tmp_path))
    try:
        assert proc.stdout is not None
        found = JOIN.match(proc.stdout.readline().strip())
        assert found, "no join line"
        assert "(loopback: only this computer can join)" in proc.stdout.readline()
        url, code = found.groups()
        with httpx.Client(base_url=url, timeout=10) as pupil:
            assert pupil.post("/api/join", json={"code": code}).status_code == 200
            assert pupil.get("/api/state").json()["scene"] == "Mini"
    finally:
        proc.terminate()
        proc.wait(10)


def test_bad_arguments_are_usage_errors(capsys) -> None:
    assert main(["classroom", "tutorial", "--port", "70000"]) == 2
    assert "a port is 0-65535" in capsys.readouterr().err
    assert main(["classroom", str(ROOT / "nope.yaml")]) == 2
    assert "no story file or bundled story called" in capsys.readouterr().err


def test_a_broken_story_is_one_located_line_and_no_server(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [")
    assert main(["classroom", str(bad), "--bind", "127.0.0.1", "--port", "0"]) == 1
    out, err = capsys.readouterr()
    assert out == ""  # the story is checked before any server starts
    assert err.startswith(f"{bad}:3:1: error[E004]: ") and err.count("\n") == 1
