"""Self-voicing: what the window feeds the speech queue, in order; the engines themselves."""

from __future__ import annotations

import sys
import time
import wave
from pathlib import Path

import pygame
import pytest

from game.ui.app import App
from game.ui.screens.scene import SceneScreen
from game.ui.voice import MAX_CHARS, Engine, SpeechQueue, clean, find_engine, speak_to_wav


def silent_voice(app: App) -> SpeechQueue:
    """The app's queue without an engine: it records what it is fed and speaks nothing."""
    app.comforts.speech = SpeechQueue(None)
    return app.comforts.speech


def test_the_queue_receives_lines_then_choices_in_order(make_app, drive) -> None:
    app = make_app()
    queue = silent_voice(app)
    drive.key(app, pygame.K_v)
    assert app.settings.self_voicing and app.store.load_settings().self_voicing
    assert list(queue.said) == ["Self-voicing on.", "Confide. Title screen.", "New story"]
    drive.key(app, pygame.K_RETURN)  # the story picker
    assert list(queue.said)[-2:] == ["Choose a story.", "Mini"]
    queue.said.clear()
    drive.key(app, pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, SceneScreen)
    for _ in range(10):
        if scene.choosing:
            break
        drive.key(app, pygame.K_SPACE)
    said = list(queue.said)
    name = app.story.name_of("player")  # type: ignore[union-attr]
    assert said[:3] == ["The kettle clicks off.", f"Sam: Tea, {name}?", "2 choices."]
    drive.move(app, scene.menu.rects[1].center)  # the mouse focuses the second choice
    assert queue.said[-1] == "2. share, core: Confess your deepest fear"
    drive.move(app, scene.menu.rects[0].center)
    assert queue.said[-1] == "1. share, small talk: Talk about the rain"
    drive.key(app, pygame.K_1)
    assert queue.said[-1] == "Sam laughs."  # the reaction, cutting the choice off


def test_voice_off_feeds_nothing_and_v_turns_it_off(make_app, drive) -> None:
    app = make_app()
    queue = silent_voice(app)
    drive.key(app, pygame.K_DOWN)
    assert not queue.said  # off by default
    drive.key(app, pygame.K_v)
    drive.key(app, pygame.K_v)
    count = len(queue.said)
    assert not app.settings.self_voicing
    drive.key(app, pygame.K_UP)
    assert len(queue.said) == count


def test_settings_page_turns_voicing_on_with_the_mouse(make_app, drive) -> None:
    from game.ui.screens.comfort_settings import ComfortSettingsScreen

    app = make_app()
    queue = silent_voice(app)
    app.push(ComfortSettingsScreen(app))
    app.run_frames(1)
    drive.click(app, app.top.menu.rects[0].center)  # type: ignore[attr-defined]
    assert app.settings.self_voicing
    assert "Self-voicing (V): On" in queue.said


def test_engine_per_platform() -> None:
    def which(found: set[str]):  # type: ignore[no-untyped-def]
        return lambda name: f"/bin/{name}" if name in found else None

    assert find_engine("linux", which({"espeak-ng", "espeak"})) == Engine(
        "espeak-ng", ("/bin/espeak-ng", "--stdin"))
    assert find_engine("linux", which({"espeak"})).name == "espeak"  # type: ignore[union-attr]
    assert find_engine("linux", which(set())) is None
    assert find_engine("darwin", which({"say"})).argv == ("/bin/say", "-f", "-")  # type: ignore[union-attr]
    sapi = find_engine("win32", which({"powershell"}))
    assert sapi is not None and sapi.name == "sapi" and "System.Speech" in sapi.argv[-1]


def test_text_is_cleaned_and_bounded() -> None:
    assert clean("a\x00b\tc\n\n d\x1b[31m") == "a b c d [31m"
    assert len(clean("x" * (MAX_CHARS + 50))) == MAX_CHARS
    queue = SpeechQueue(None)
    queue.say("  \x07 ")
    assert not queue.said


def test_speaking_never_waits_and_moving_on_cuts_the_voice_off(tmp_path: Path) -> None:
    # An engine that reads its text and then talks for half a minute.
    slow = Engine("slow", (sys.executable, "-c", "import sys, time\nsys.stdin.read()\n"
                           "time.sleep(30)"))
    queue = SpeechQueue(slow)
    queue.say("A long line of the story.")
    proc = None
    for _ in range(200):  # the worker starts the engine in the background
        proc = queue._current
        if proc is not None:
            break
        time.sleep(0.05)
    assert proc is not None and proc.poll() is None
    queue.say("The next line.", interrupt=True)
    assert proc.wait(timeout=10) != 0  # terminated, not finished
    queue.close()
    assert list(queue.said) == ["A long line of the story.", "The next line."]


def test_espeak_speaks_to_a_wav_file(tmp_path: Path) -> None:
    engine = find_engine()
    if engine is None or engine.to_wav(tmp_path / "x.wav") is None:
        pytest.skip("no espeak-ng here (apt-get install espeak-ng; .ci/run installs it)")
    out = tmp_path / "line.wav"
    assert speak_to_wav(engine, "Sam looks up and smiles.", out)
    with wave.open(str(out)) as w:
        seconds = w.getnframes() / w.getframerate()
        frames = w.readframes(w.getnframes())
    assert seconds > 0.5
    assert any(frames[i] for i in range(0, len(frames), 2))  # not all silence


def test_messages_are_read_too(make_app, drive) -> None:
    app = make_app()
    queue = silent_voice(app)
    drive.key(app, pygame.K_v)
    drive.key(app, pygame.K_F9)  # no quicksave yet: a message says so
    assert queue.said[-1] == "No quicksave yet (F5 makes one)"
    assert not any("V turns it off" in s for s in queue.said)  # "on" is said once


def test_the_ending_is_read(make_app, drive) -> None:
    app = make_app()
    queue = silent_voice(app)
    app.settings.self_voicing = True
    app.start(app.story)  # type: ignore[arg-type]
    for _ in range(60):
        if app.top.name == "ending":
            break
        scene = app.top
        if isinstance(scene, SceneScreen) and scene.choosing:
            drive.key(app, pygame.K_1)
        else:
            drive.key(app, pygame.K_SPACE)
    assert app.top.name == "ending"
    assert "Still acquaintances" in queue.said and "Polite" in queue.said
