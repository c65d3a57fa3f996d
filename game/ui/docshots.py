"""Every screenshot in the docs, made again from the current window:

    python -m game.ui.docshots [--out ROOT] [NAME ...]

writes docs/window/*.png and docs/educators/*.png under ROOT (the current folder by
default), or only the pictures NAMEd. Each picture is taken in a fresh window with an empty
data folder, under SDL's dummy driver, by playing the bundled stories with real input: most
through the scripted screenshot mode (`game.ui.scripted`), the comforts that need a moment
of play (skip, rollback, save slots) by posting the keys and clicks a player would.
The phone's view of classroom live (docs/educators/classroom_live_phone.png) is a browser
page, not the window, and is not made here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pygame

from game.classroom import Live, Room
from game.resources import STORIES
from game.story.compiled import CompiledStory
from game.story.loader import load
from game.ui.app import App
from game.ui.classroom import ClassroomScene
from game.ui.scripted import play_to, scripted_screenshot

SIX = STORIES.parent / "tests" / "fixtures" / "six_long_choices.yaml"  # in a checkout
# the deepened path of tests/runtime/test_tutorial.py
TUTORIAL_END = "1,4,2,3,3,3,2,2,1,5,3,1,4,2,1"
CLASS: dict[str, object] = {"story": "classroom", "seed": 1, "size": "1920x1080"}

# name: (folder, story, scripted options); the options are those of `game.ui.scripted`
SCRIPTED: dict[str, tuple[str, str, dict[str, object]]] = {
    "title": ("window", "tutorial", {"screen": "title", "data": "played"}),
    "picker": ("window", "tutorial", {"screen": "picker"}),
    "scene": ("window", "tutorial", {"choices": "1,1", "screen": "scene"}),
    "history": ("window", "tutorial", {"choices": "1,1", "screen": "history"}),
    "pause": ("window", "tutorial", {"choices": "1,1", "screen": "pause"}),
    "settings": ("window", "tutorial", {"choices": "1,1", "screen": "settings"}),
    "saves": ("window", "tutorial", {"choices": "1,1", "screen": "saves", "data": "played"}),
    "scene_high_contrast": ("window", "tutorial", {"choices": "1,1", "screen": "scene",
                                                   "high_contrast": True}),
    "scene_facilitator_1920": ("window", "tutorial", {"choices": "1,1", "screen": "facilitator",
                                                      "size": "1920x1080"}),
    "ending": ("window", "tutorial", {"choices": TUTORIAL_END, "screen": "ending"}),
    "help": ("window", "tutorial", {"screen": "help"}),
    "hint": ("window", "tutorial", {"screen": "hint"}),
    "facilitator": ("educators", "classroom", {**CLASS, "choices": "1,3,2,2",
                                               "screen": "facilitator"}),
    "numbers": ("educators", "classroom", {**CLASS, "choices": "1,3,2,2",
                                           "screen": "facilitator", "numbers": True,
                                           "page": 2}),  # the numbers follow the sentences
    "timeline": ("educators", "classroom", {**CLASS, "choices": "1,3,2,2,3,1",
                                            "screen": "timeline"}),
    "compare": ("educators", "classroom", {**CLASS, "choices": "1,3,2,2,2,3,2,3,1,1",
                                           "branch": "1,3,2,1,3,3,1,4,1",
                                           "screen": "compare"}),
    "debrief_chart": ("educators", "classroom", {**CLASS, "choices": "1,3,2,2,3,1,2,1,1,1",
                                                 "screen": "debrief", "page": 1}),
    "debrief_layers": ("educators", "classroom", {**CLASS, "choices": "1,3,2,2,3,1,2,1,1,1",
                                                  "screen": "debrief", "page": 2}),
    "debrief_moments": ("educators", "classroom", {**CLASS, "choices": "1,3,2,2,3,1,2,1,1,1",
                                                   "screen": "debrief", "page": 3}),
    "projector": ("educators", "classroom", {**CLASS, "choices": "1,3,2", "screen": "scene",
                                             "projector": True}),
}


def key(app: App, k: int, frames: int = 2) -> None:
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=k, mod=0, unicode="", scancode=0))
    app.run_frames(frames, dt=1 / 60)


def click(app: App, pos: tuple[int, int]) -> None:
    window = app.to_window(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=window, rel=(0, 0),
                                         buttons=(0, 0, 0), touch=False))
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=window, button=1, touch=False))
    app.run_frames(2, dt=1 / 60)


def wheel(app: App, y: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False,
                                         precise_x=0.0, precise_y=float(y), touch=False))
    app.run_frames(1, dt=1 / 60)


def _reading(app: App, size: str, spacing: str, font: str = "standard") -> None:
    app.settings.text_size, app.settings.line_spacing, app.settings.font = size, spacing, font
    app.apply_settings()


def skip(app: App, story: CompiledStory) -> None:
    """Skip lit, running through lines read before (the scene played once, then rewound)."""
    play_to(app, story, [1, 1])
    app.start(story)
    scene = app.scene()
    assert scene is not None
    click(app, scene.tools.rects[3].center)  # the Skip button
    app.run_frames(3, dt=0.02)


def rollback(app: App, story: CompiledStory) -> None:
    """Wheel up over the scene: the last choice taken back, the message saying so."""
    play_to(app, story, [1, 1])
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=app.to_window((1100, 300)),
                                         rel=(0, 0), buttons=(0, 0, 0), touch=False))
    wheel(app, 1)


def save_slots(app: App, story: CompiledStory, overwrite: bool = False) -> None:
    """Two slots saved at different moments, each with its thumbnail; then the save list
    (or the question before saving over Slot 1)."""
    play_to(app, story, [1])
    app.save_to("slot1", quiet=True)
    play_to(app, story, [1, 1, 2, 4])
    app.save_to("slot2", quiet=True)
    app.push_screen("saves", "save")
    if overwrite:
        saves = app.top
        click(app, saves.widgets()["Slot 1"].center)


def settings_reading(app: App, story: CompiledStory) -> None:
    app.settings.auto_forward, app.settings.skip_seen = "normal", True
    app.apply_settings()
    play_to(app, story, [1])
    app.push_screen("settings")
    for _ in range(8):  # down to Auto-forward
        key(app, pygame.K_DOWN)


def depth_hidden(app: App, story: CompiledStory) -> None:
    """Settings > Depth on cards > Hidden: Table nine's cards say SHARE or ASK, not how deep."""
    app.settings.depth_on_cards = "hidden"
    app.apply_settings()
    play_to(app, story, [1])
    key(app, pygame.K_DOWN)


def comforts(app: App, story: CompiledStory) -> None:
    app.settings.font, app.settings.line_spacing = "hyperlegible", "relaxed"
    app.apply_settings()
    app.push_screen("comforts")


def hyperlegible(app: App, story: CompiledStory) -> None:
    _reading(app, "medium", "relaxed", "hyperlegible")
    play_to(app, story, [1, 1])


def many_choices(app: App, story: CompiledStory) -> None:
    _reading(app, "largest", "normal")
    scene = play_to(app, story, [])
    for _ in range(3):
        key(app, pygame.K_DOWN)
    assert scene.choosing


def answer_pages(app: App, story: CompiledStory) -> None:
    """A long line paged under the choices (facilitator mode's narrower panel, largest
    text, wide spacing): its first page, turned back to with Left."""
    app.forced_facilitator = True
    _reading(app, "largest", "wide")
    play_to(app, story, [1] * 10)
    key(app, pygame.K_LEFT)


def glass_pages(app: App, story: CompiledStory) -> None:
    """Facilitator mode at the largest text and widest spacing, the numbers unfolded."""
    app.forced_facilitator = True
    _reading(app, "largest", "wide")
    play_to(app, story, [1] * 10)
    key(app, pygame.K_n)


def why_card(app: App, story: CompiledStory) -> None:
    """The glass pages' moment, its Why opened whole with PageDown."""
    glass_pages(app, story)
    key(app, pygame.K_PAGEDOWN)


def facilitator_face(app: App, story: CompiledStory) -> None:
    app.forced_facilitator = True
    app.apply_settings()
    play_to(app, story, [1, 2])


def debrief_largest(app: App, story: CompiledStory) -> None:
    app.forced_facilitator = True
    _reading(app, "largest", "normal")
    play_to(app, story, [int(c) for c in TUTORIAL_END.split(",")])


def classroom_vote(app: App, story: CompiledStory) -> None:
    """Classroom live at the first decision: 21 phones joined, 19 voted (3, 9, 5, 2)."""
    app.settings.projector = True
    app.theme.apply(app.settings)
    room = Room(code="CP4AJY")
    app.classroom = Live(room, "http://192.168.1.20:8765/")
    scene = play_to(app, story, [1])  # past the introduction's one choice, to Table nine
    assert isinstance(scene, ClassroomScene) and scene.voting
    phones = [room.join(room.code, f"192.168.1.{100 + i}", None, 0.0).token
              for i in range(21)]
    letters = "A" * 3 + "B" * 9 + "C" * 5 + "D" * 2
    for token, letter in zip(phones, letters, strict=False):
        assert room.vote(token, scene.round, letter) == "ok"


# name: (story, how to reach the moment); a picture in docs/window (docs/educators when
# the name is in EDUCATORS)
EDUCATORS = {"classroom_live_projector"}
PLAYED: dict[str, tuple[Path, Callable[[App, CompiledStory], None]]] = {
    "scene_skip": (STORIES / "tutorial", skip),
    "scene_rollback": (STORIES / "tutorial", rollback),
    "save_slots_thumbnails": (STORIES / "tutorial", save_slots),
    "saves_overwrite": (STORIES / "tutorial", partial(save_slots, overwrite=True)),
    "settings_reading": (STORIES / "tutorial", settings_reading),
    "comforts": (STORIES / "tutorial", comforts),
    "scene_depth_hidden": (STORIES / "tutorial", depth_hidden),
    "scene_hyperlegible": (STORIES / "tutorial", hyperlegible),
    "scene_many_choices": (SIX, many_choices),
    "scene_answer_pages": (STORIES / "flatmates", answer_pages),
    "glass_pages": (STORIES / "flatmates", glass_pages),
    "why_card": (STORIES / "flatmates", why_card),
    "facilitator_face": (STORIES / "flatmates", facilitator_face),
    "debrief_largest_outcome": (STORIES / "tutorial", debrief_largest),
    "classroom_live_projector": (STORIES / "tutorial", classroom_vote),
}


def shoot_scripted(name: str, out: Path, data: Path) -> None:
    folder, story, opts = SCRIPTED[name]
    size = str(opts.get("size", "1280x720"))
    w, h = (int(v) for v in size.split("x"))
    options = {k: v for k, v in opts.items() if k not in ("story", "size", "data")}
    args = argparse.Namespace(**{"choices": None, "page": None, "branch": None,
                                 "numbers": False, "projector": False,
                                 "high_contrast": False, **options},
                              screenshot=out / "docs" / folder / f"{name}.png")
    compiled = load(STORIES / str(opts.get("story", story)))
    if opts.get("data") == "played":  # Continue and the slots show a game in progress
        prior = App(compiled, data_dir=data, seed=0)
        prior.comforts.hints = False
        play_to(prior, compiled, [1, 1])
        prior.autosave_here()
    app = App(compiled, data_dir=data, seed=int(str(opts.get("seed", 0))), size=(w, h))
    app.comforts.hints = False
    if scripted_screenshot(app, compiled, args) != 0:
        raise SystemExit(f"docshots: {name} failed")


def command_for(name: str) -> str:
    """The `game.ui.scripted` command that makes picture `name`, as the educators' appendix
    prints it (tests/ui/test_docshots_commands.py keeps the two the same)."""
    folder, story, opts = SCRIPTED[name]
    head = ["python -m game.ui.scripted", str(opts.get("story", story)),
            f"--seed {opts.get('seed', 0)}", f"--size {opts.get('size', '1280x720')}"]
    if opts.get("choices"):
        head.append(f"--choices {opts['choices']}")
    tail = [f"--screen {opts.get('screen', 'scene')}"]
    tail += [f"--{k} {opts[k]}" for k in ("branch", "page") if opts.get(k) is not None]
    tail += [f"--{k.replace('_', '-')}" for k in ("numbers", "projector", "high_contrast")
             if opts.get(k)]
    tail.append(f"--out docs/{folder}/{name}.png")
    return " ".join(head) + " \\\n        " + " ".join(tail)


def shoot_played(name: str, out: Path, data: Path) -> None:
    path, reach = PLAYED[name]
    story = load(path)
    app = App(story, data_dir=data, seed=0)
    app.comforts.hints = False
    reach(app, story)
    app.run_frames(2, dt=0.0)
    keep_toast = name == "scene_rollback"  # the message is the point of that picture
    if not keep_toast:
        app.toast_left = 0.0
    app.dirty = True
    folder = "educators" if name in EDUCATORS else "window"
    print(f"wrote {app.screenshot(out / 'docs' / folder / f'{name}.png', window=True)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.ui.docshots")
    p.add_argument("names", nargs="*", help="only these pictures")
    p.add_argument("--out", type=Path, default=Path("."), help="the folder that holds docs/")
    p.add_argument("--commands", action="store_true",
                   help="print the scripted commands for the educators' pictures, as the "
                   "appendix lists them, and make no picture")
    args = p.parse_args(argv)
    if args.commands:
        print("\n".join(f"    {command_for(n)}" for n, (folder, _, _) in SCRIPTED.items()
                        if folder == "educators"))
        return 0
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    names = args.names or [*SCRIPTED, *PLAYED]
    unknown = [n for n in names if n not in SCRIPTED and n not in PLAYED]
    if unknown:
        print(f"docshots: no such picture: {', '.join(unknown)}", file=sys.stderr)
        return 2
    for name in names:
        with tempfile.TemporaryDirectory(prefix="confide-docshot-") as data:
            (shoot_scripted if name in SCRIPTED else shoot_played)(name, args.out, Path(data))
        pygame.display.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
