"""Scripted screenshots: play some choices, open one screen, save a PNG, exit.

    python -m game.ui.scripted STORY --choices 2,1 --screen history --out shot.png
        [--size 1920x1080] [--data-dir DIR] [--seed N] [--facilitator]

Works under SDL_VIDEODRIVER=dummy; the docs' screenshots are made with it. `run_window`
also calls it when the CLI passes `args.screenshot`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import pygame

from game.errors import ConfideError
from game.story.compiled import CompiledStory
from game.textplay import parse_choices
from game.ui.app import App
from game.ui.screens.scene import SceneScreen

SCREENS = ("title", "picker", "scene", "history", "pause", "settings", "saves", "ending")


def settle(scene: SceneScreen) -> None:
    """Finish every queued line until the choices (or the ending) are up."""
    app = scene.app
    for _ in range(500):
        if scene.choosing or app.top is not scene:
            return
        scene.complete_or_advance()


def play_to(app: App, story: CompiledStory, choices: list[int]) -> SceneScreen:
    app.start(story)
    scene = app.top
    assert isinstance(scene, SceneScreen)
    for n in choices:
        settle(scene)
        if app.top is not scene:
            raise ConfideError(f"the story ended before choice {n}")
        options = scene.view.choices
        if not 1 <= n <= len(options):
            raise ConfideError(f"{n} is not a choice in scene '{scene.view.scene}' "
                               f"(1-{len(options)})")
        scene.choose(options[n - 1].id)
    settle(scene)
    return scene


def open_screen(app: App, story: CompiledStory, choices: list[int], screen: str) -> None:
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.title import PickerScreen

    if screen == "title":
        return
    if screen == "picker":
        app.push(PickerScreen(app))
        return
    scene = play_to(app, story, choices)
    if screen == "ending":
        if app.top.name != "ending":
            raise ConfideError("these choices do not reach an ending")
        return
    if app.top is not scene:
        app.pop()
    if screen == "history":
        scene.open_history()
    elif screen == "pause":
        scene.open_pause()
    elif screen == "settings":
        app.push(SettingsScreen(app))
    elif screen == "saves":
        app.push(SavesScreen(app, "load"))


def scripted_screenshot(app: App, story: CompiledStory, args: argparse.Namespace) -> int:
    screen = getattr(args, "screen", None) or "scene"
    if screen not in SCREENS:
        print(f"confide: --screen must be one of: {', '.join(SCREENS)}", file=sys.stderr)
        return 2
    try:
        open_screen(app, story, parse_choices(getattr(args, "choices", None)), screen)
    except ConfideError as exc:
        print(f"confide: {exc}", file=sys.stderr)
        return 1
    app.run_frames(2, dt=0.0)
    out = app.screenshot(args.screenshot, window=True)
    print(f"wrote {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.ui.scripted")
    p.add_argument("story")
    p.add_argument("--choices")
    p.add_argument("--screen", choices=SCREENS, default="scene")
    p.add_argument("--out", dest="screenshot", required=True)
    p.add_argument("--size", default="1280x720")
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--facilitator", action="store_true")
    args = p.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.story.loader import load

    try:
        story = load(args.story)
    except ConfideError as exc:
        print(f"confide: {exc}", file=sys.stderr)
        return 1
    w, h = (int(v) for v in args.size.lower().split("x"))
    data = args.data_dir or Path(tempfile.mkdtemp(prefix="confide-shot-"))
    app = App(story, data_dir=data, seed=args.seed, facilitator=args.facilitator, size=(w, h))
    try:
        return scripted_screenshot(app, story, args)
    finally:
        pygame.quit()


if __name__ == "__main__":
    raise SystemExit(main())
