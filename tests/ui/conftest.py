"""Headless window tests: the real App under SDL's dummy drivers, driven by real events."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.story.loader import load
from game.ui.app import App

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
ARTIFACTS = ROOT / "tests" / "_artifacts"

MakeApp = Callable[..., App]


class Drive:
    """Post real pygame events to an App and step its loop, as a player's input arrives."""

    @staticmethod
    def key(app: App, k: int, mod: int = 0, frames: int = 2) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="",
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="",
                                             scancode=0))
        app.run_frames(frames)


    @staticmethod
    def keys(app: App, *ks: int) -> None:
        for k in ks:
            Drive.key(app, k)


    @staticmethod
    def move(app: App, canvas_pos: tuple[int, int]) -> None:
        pos = app.to_window(canvas_pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                             buttons=(0, 0, 0), touch=False))
        app.run_frames(1)


    @staticmethod
    def click(app: App, canvas_pos: tuple[int, int], button: int = 1) -> None:
        """Hover, press and release at a canvas point, mapped through the window's scale."""
        Drive.move(app, canvas_pos)
        pos = app.to_window(canvas_pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button,
                                             touch=False))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button,
                                             touch=False))
        app.run_frames(2)


    @staticmethod
    def wheel(app: App, y: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False,
                                             precise_x=0.0, precise_y=float(y), touch=False))
        app.run_frames(1)


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[MakeApp]:
    """Build Apps that keep their saves in this test's temp folder."""
    made: list[App] = []

    def build(story_path: Path = MINI, data: Path | None = None, **kw: object) -> App:
        app = App(load(story_path), data_dir=data or tmp_path / "data", **kw)  # type: ignore[arg-type]
        app.run_frames(1)
        made.append(app)
        return app

    yield build
    pygame.quit()


@pytest.fixture
def shot() -> Callable[[App, str], Path]:
    def save(app: App, name: str) -> Path:
        return app.screenshot(ARTIFACTS / f"{name}.png", window=True)

    return save


@pytest.fixture
def drive() -> type[Drive]:
    return Drive
