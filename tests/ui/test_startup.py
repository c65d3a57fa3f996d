"""The title screen comes before the story (issue 17): `confide` draws its first frame, then
loads and validates the story while the title is on screen, so pydantic and validation are
not paid before anything appears. A story that fails to load still ends the run with its
located diagnostics and exit 1, as when it was loaded before the window opened."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pygame.pkgdata
import pytest

from game import cli, playcli
from game.story.compiled import CompiledStory
from game.story.loader import load
from game.ui import app as app_module
from game.ui import launch

from .conftest import MINI, ROOT


def test_the_story_is_loaded_after_the_first_frame(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []  # the window's frame count after each step
    real_step = app_module.App.step

    def step(self: app_module.App, dt: float | None = None) -> bool:
        moving = real_step(self, dt)
        drawn.append(self.frames)
        return moving

    asked: list[list[int]] = []

    def later() -> CompiledStory:
        asked.append(list(drawn))
        pygame.event.post(pygame.event.Event(pygame.QUIT))  # then close the window
        return load(MINI)

    monkeypatch.setattr(app_module.App, "step", step)
    args = argparse.Namespace(seed=0, facilitator=False, data_dir=tmp_path)
    assert launch.run_window(None, args, later=later) == 0
    assert asked == [[1]]  # asked for once, right after the title's first frame


def test_a_broken_story_still_fails_with_its_located_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINI.read_text("utf-8").replace("start: ", "start: nowhere_", 1),
                      "utf-8")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "game", "play", str(broken)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert f"{broken}:" in r.stderr and "error[E012]" in r.stderr, r.stderr


def test_the_window_opens_with_its_own_icon_not_pygame_s(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """pygame loads its default icon through pkgdata when a window opens without one, a
    tenth of the title's first frame; the onion icon set before opening spares that."""
    asked: list[str] = []
    real = pygame.pkgdata.getResource
    monkeypatch.setattr(pygame.pkgdata, "getResource",
                        lambda name: asked.append(name) or real(name))
    pygame.display.quit()  # a window left open by an earlier test keeps its icon
    app = app_module.App(None, data_dir=tmp_path)
    app.run_frames(1)
    assert asked == [] and app.frames == 1
    pygame.quit()


def test_the_collector_is_off_until_the_first_frame_then_back_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`confide play` keeps the garbage collector off while it starts (every object made
    then lives on), turns it on once the title's first frame is up, before the story
    loads, and leaves it as it found it when the command returns."""
    seen: list[tuple[str, bool]] = []
    real_step = app_module.App.step
    real_later = playcli._load

    def step(self: app_module.App, dt: float | None = None) -> bool:
        seen.append(("frame", gc.isenabled()))
        return real_step(self, dt)

    def later(story: str) -> CompiledStory:
        seen.append(("story", gc.isenabled()))
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        return real_later(story)

    monkeypatch.setattr(app_module.App, "step", step)
    monkeypatch.setattr(playcli, "_load", later)
    assert gc.isenabled()
    assert cli.main(["play", str(MINI), "--data-dir", str(tmp_path)]) == 0
    assert seen[:2] == [("frame", False), ("story", True)]
    assert all(on for _, on in seen[2:])  # the game itself runs with the collector on
    assert gc.isenabled()


def test_a_screenshot_run_leaves_the_collector_on(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    assert cli.main(["play", str(MINI), "--data-dir", str(tmp_path), "--screenshot",
                     str(out)]) == 0
    assert out.is_file() and gc.isenabled()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SDL probes OpenGL on Linux")
def test_the_window_skips_sdl_s_opengl_probe_unless_the_player_chose(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SDL's OpenGL probe before a window's first surface cost ~100 ms under X11; the
    native framebuffer it would pick on most drivers is asked for, a player's own choice
    kept."""
    monkeypatch.setenv(app_module.FRAMEBUFFER_HINT, "")  # so that teardown restores it
    monkeypatch.delenv(app_module.FRAMEBUFFER_HINT)
    app_module.App(None, data_dir=tmp_path)
    assert os.environ[app_module.FRAMEBUFFER_HINT] == "0"
    monkeypatch.setenv(app_module.FRAMEBUFFER_HINT, "1")
    app_module.App(None, data_dir=tmp_path)
    assert os.environ[app_module.FRAMEBUFFER_HINT] == "1"
    pygame.quit()


def test_with_no_display_the_game_says_so_and_stops(tmp_path: Path) -> None:
    """No display and no driver asked for: SDL would fall back to a window nobody can see
    and the game would wait there for ever (a stranger's `make play` on a server). It says
    where to play instead, in one line, and exits 1."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SDL_AUDIODRIVER="dummy", XDG_DATA_HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "game", "play", str(MINI)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1, r.stdout + r.stderr
    ours = [ln for ln in r.stderr.splitlines() if ln.startswith("confide:")]
    assert len(ours) == 1 and "--text" in ours[0], r.stderr
    assert "Traceback" not in r.stderr


def test_a_screenshot_run_leaves_the_player_s_saves_alone(tmp_path: Path) -> None:
    """The scripted choices of a picture autosave as play would; the player's own autosave
    (what Continue resumes) and settings must come through unchanged, and nothing is added."""
    data = tmp_path / "data"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    base = [sys.executable, "-m", "game", "play", str(MINI), "--data-dir", str(data)]
    (data / "saves").mkdir(parents=True)
    (data / "saves" / "auto.json").write_text('{"mine": true}', encoding="utf-8")
    (data / "settings.json").write_text('{"mine": true}', encoding="utf-8")
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    r = subprocess.run([*base, "--choices", "1,1", "--screenshot", str(tmp_path / "s.png")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "s.png").is_file()
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
