"""Scripted screenshots: play some choices, open one screen, save a PNG, exit.

    python -m game.ui.scripted STORY --choices 2,1 --screen history --out shot.png
        [--size 1920x1080] [--data-dir DIR] [--seed N] [--facilitator] [--projector]
        [--high-contrast] [--numbers] [--branch 2,1,3] [--page N]

Facilitator screens: `facilitator` (the glass box; `--numbers` unfolds the numbers),
`timeline` (the strip focused, a marker's caption showing), `debrief` (`--page 1-3`),
`compare` (plays `--choices`, rewinds to where `--branch` differs, plays `--branch`).
`--projector` and `--high-contrast` turn those modes on for any screen, for the picture
only (the settings in `--data-dir` are not changed).

Works under SDL_VIDEODRIVER=dummy; the docs' screenshots are made with it. `run_window`
also calls it when the CLI passes `args.screenshot`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pygame

from game.errors import ConfideError
from game.playcli import parse_choices
from game.story.compiled import CompiledStory
from game.story.loader import load
from game.ui.app import App

if TYPE_CHECKING:
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.scene import SceneScreen

SCREENS = ("title", "picker", "scene", "history", "pause", "settings", "saves", "ending",
           "facilitator", "timeline", "debrief", "compare", "help", "hint", "comforts")
FACILITATOR_SCREENS = ("facilitator", "timeline", "debrief", "compare")
COMFORT_SCREENS = ("help", "hint", "comforts")


def settle(scene: SceneScreen) -> None:
    """Finish every queued line until the choices (or the ending) are up."""
    app = scene.app
    for _ in range(500):
        if scene.choosing or app.top is not scene:
            return
        scene.complete_or_advance()


def play_to(app: App, story: CompiledStory, choices: list[int]) -> SceneScreen:
    app.start(story)
    scene = app.scene()
    assert scene is not None
    play_on(scene, choices)
    return scene


def play_on(scene: SceneScreen, choices: list[int]) -> None:
    """Make `choices` from where the scene is now, then finish the lines."""
    app = scene.app
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


def back_to(scene: SceneScreen) -> None:
    """Close the ending and the debrief the story may have opened over the scene."""
    while scene.app.top is not scene:
        scene.app.pop()


def open_screen(app: App, story: CompiledStory, choices: list[int], screen: str,
                args: argparse.Namespace) -> None:
    if screen == "title":
        return
    if screen in COMFORT_SCREENS:
        open_comfort(app, story, choices, screen, args)
        return
    if screen == "picker":
        app.push_screen("picker")
        return
    scene = play_to(app, story, choices)
    if screen == "ending":
        if app.find("ending") is None:
            raise ConfideError("these choices do not reach an ending")
        while app.top.name != "ending":
            app.pop()
        return
    if screen in FACILITATOR_SCREENS:
        open_facilitator(scene, screen, choices, args)
        return
    back_to(scene)
    if screen == "history":
        scene.open_history()
    elif screen == "pause":
        scene.open_pause()
    elif screen == "settings":
        app.push_screen("settings")
    elif screen == "saves":
        app.push_screen("saves", "load")


def open_comfort(app: App, story: CompiledStory, choices: list[int], screen: str,
                 args: argparse.Namespace) -> None:
    """`help` (`--page N`) and `comforts` over the title; `hint` over the first choices."""
    if screen == "help":
        from game.ui.screens.help import PAGES  # lazy: start-up (only for --screen help)

        page = getattr(args, "page", None) or 1
        app.push_screen("help", max(0, min(len(PAGES), page) - 1))
    elif screen == "comforts":
        app.push_screen("comforts")
    else:
        back_to(play_to(app, story, choices))
        app.push_screen("hint")


def open_facilitator(scene: SceneScreen, screen: str, choices: list[int],
                     args: argparse.Namespace) -> None:
    app = scene.app
    if screen == "debrief":
        if app.top.name != "debrief":
            back_to(scene)
            scene.open_debrief()
        page = getattr(args, "page", None) or 1
        if app.top.name == "debrief":
            cast("DebriefScreen", app.top).tab = max(0, min(2, page - 1))
        return
    back_to(scene)
    if screen == "timeline":
        scene.timeline.active = True
        scene.timeline.focus = max(0, len(scene.timeline.rects) - 2)
    elif screen == "compare":
        branch = parse_choices(getattr(args, "branch", None))
        shared = next((i for i, (a, b) in enumerate(zip(choices, branch, strict=False))
                       if a != b), min(len(choices), len(branch)))
        scene.rewind_to(shared + 1)
        play_on(scene, branch[shared:])
        back_to(scene)
        scene.open_compare()
    scene.layout()
    if screen == "facilitator" and getattr(args, "page", None):  # the Why card's page N
        scene.glass.turn(int(args.page) - 1)
        scene.layout()


def scripted_screenshot(app: App, story: CompiledStory, args: argparse.Namespace) -> int:
    screen = getattr(args, "screen", None) or "scene"
    if screen not in SCREENS:
        print(f"confide: --screen must be one of: {', '.join(SCREENS)}", file=sys.stderr)
        return 2
    try:
        if screen in FACILITATOR_SCREENS:
            app.forced_facilitator = True
        if getattr(args, "projector", False):
            app.settings.projector = True  # for this picture only: the settings stay unsaved
        if getattr(args, "high_contrast", False):
            app.settings.high_contrast = True
        if getattr(args, "numbers", False):
            app.show_numbers = True
        app.theme.apply(app.settings)
        open_screen(app, story, parse_choices(getattr(args, "choices", None)), screen, args)
    except ConfideError as exc:
        print(f"confide: {exc}", file=sys.stderr)
        return 1
    app.toast_left = 0.0  # a screenshot shows the screen, not the last passing message
    app.run_frames(2, dt=0.0)
    try:
        out = app.screenshot(args.screenshot, window=True)
    except ConfideError as exc:  # a folder, a device, a full disk
        print(f"confide: error: {exc}", file=sys.stderr)
        return 1
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
    p.add_argument("--projector", action="store_true")
    p.add_argument("--high-contrast", action="store_true")
    p.add_argument("--numbers", action="store_true", help="unfold the numbers behind it")
    p.add_argument("--branch", help="compare: the other branch's choices")
    p.add_argument("--page", type=int,
                   help="debrief: page 1-3; help: page 1-5; facilitator: the Why card's page")
    args = p.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
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
