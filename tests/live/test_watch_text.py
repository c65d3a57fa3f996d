"""`confide play STORY --text --watch`, edited under a running game as an author would."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.live import carry_over
from game.runtime import Session
from game.story.loader import load
from game.story.scaffold import create


class Running:
    """A game in a subprocess, its output collected by a thread so waits can time out."""

    def __init__(self, folder: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game", "play", str(folder), "--text", "--watch"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.out = bytearray()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(4096):  # type: ignore[attr-defined]
            self.out.extend(chunk)

    def wait_for(self, text: str, after: int = 0, timeout: float = 20.0) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            at = self.out.find(text.encode(), after)
            if at >= 0:
                return at
            time.sleep(0.05)
        raise AssertionError(f"no {text!r} after {timeout} s; output:\n{self.out.decode()}")

    def type(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()


@pytest.fixture
def game(tmp_path: Path) -> Iterator[tuple[Running, Path]]:
    create(tmp_path / "bus")
    running = Running(tmp_path / "bus")
    yield running, tmp_path / "bus" / "story.yaml"
    if running.proc.poll() is None:
        running.proc.kill()
    running.proc.wait(10)


def save(path: Path, text: str) -> None:
    time.sleep(0.3)  # let the watcher settle between edits, as a person's saves would
    path.write_text(text, encoding="utf-8")


def test_edit_broken_and_fixed_under_a_running_game(game: tuple[Running, Path]) -> None:
    run, story = game
    src = story.read_text(encoding="utf-8")
    run.wait_for("Choose 1-2")
    run.type("1")
    at = run.wait_for("Under the shelter")
    save(story, src.replace("I still get lost", "I keep getting lost"))
    at = run.wait_for("story reloaded; you are still in 'shelter'", at)
    at = run.wait_for("I keep getting lost", at)
    save(story, src.replace('      - alex: "I only', '      - alex: "I only" moved'))
    at = run.wait_for("(the story has 1 error", at)
    at = run.wait_for("error[E004]: YAML syntax error: text continues after a closing quote",
                      at)
    save(story, src)
    at = run.wait_for("story reloaded; you are still in 'shelter'", at)
    run.wait_for("Choose 1-3", at)
    run.type("q")
    assert run.proc.wait(10) == 0


def test_removing_the_current_scene_rewinds_to_what_still_replays(
        game: tuple[Running, Path]) -> None:
    run, story = game
    src = story.read_text(encoding="utf-8")
    run.wait_for("Choose 1-2")
    run.type("1")
    at = run.wait_for("Choose 1-3")
    run.type("1")
    at = run.wait_for("Still waiting", at)
    # The first choice now leads straight to 'waiting': the second choice no longer replays.
    save(story, src.replace("        next: shelter\n      - id: new_job",
                            "        next: waiting\n      - id: new_job"))
    at = run.wait_for("story reloaded; 1 of your 2 choices still replay, so you are back "
                      "in 'waiting'", at)
    run.type("q")
    assert run.proc.wait(10) == 0


def test_a_story_broken_from_the_start_is_waited_for(tmp_path: Path) -> None:
    create(tmp_path / "bus")
    story = tmp_path / "bus" / "story.yaml"
    src = story.read_text(encoding="utf-8")
    story.write_text(src.replace("next: shelter\n", "next: shelte\n", 1), encoding="utf-8")
    run = Running(tmp_path / "bus")
    try:
        at = run.wait_for("error[E013]: no scene called 'shelte' (did you mean 'shelter'?)")
        run.type("1")
        at = run.wait_for("(waiting for the story to be fixed; q quits)", at)
        save(story, src)
        at = run.wait_for("-- The bus stop --", at)
        run.wait_for("Choose 1-2", at)
        run.type("q")
        assert run.proc.wait(10) == 0
    finally:
        if run.proc.poll() is None:
            run.proc.kill()


def test_carry_over_keeps_the_place_while_choices_replay(tmp_path: Path) -> None:
    create(tmp_path / "s")
    story = load(tmp_path / "s")
    old = Session(story)
    old.choose("new_job")
    old.choose("kind_reply")
    same = carry_over(old, story)
    assert same.state == old.state and len(same.history) == 2
    path = tmp_path / "s" / "story.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      - id: kind_reply\n",
                    "      - id: warm_reply\n"), encoding="utf-8")
    edited = carry_over(old, load(tmp_path / "s"))
    assert edited.state.scene == "shelter" and len(edited.history) == 1


@pytest.mark.parametrize("broken", [False, True], ids=["playing", "broken"])
def test_an_endless_line_stops_the_watching_game_with_one_error(tmp_path: Path,
                                                                 broken: bool) -> None:
    """`--watch < /dev/zero` once read the whole line into memory in the watcher's stdin
    thread (MemoryError, then a hang); it must stop as the game without --watch does."""
    create(tmp_path / "bus")
    story = tmp_path / "bus" / "story.yaml"
    if broken:  # the stream arrives while the game waits for the story to be fixed
        story.write_text(story.read_text(encoding="utf-8").replace("next: shelter\n",
                         "next: shelte\n", 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", str(tmp_path / "bus"), "--text", "--watch"],
        input=b"\0" * 50_000, capture_output=True, timeout=60)
    assert done.returncode == 1, done.stdout.decode() + done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode().strip().splitlines() == [
        "confide: error: standard input: a line of more than 1,000 characters is not a "
        "choice; stopping"]


def test_a_stream_of_garbage_while_the_story_is_broken_stops(tmp_path: Path) -> None:
    create(tmp_path / "bus")
    story = tmp_path / "bus" / "story.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("next: shelter\n",
                     "next: shelte\n", 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", str(tmp_path / "bus"), "--text", "--watch"],
        input=b"y\n" * 500, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.decode().strip().splitlines() == [
        "confide: error: standard input: 100 lines in a row were not commands while the "
        "story was broken; stopping"]
