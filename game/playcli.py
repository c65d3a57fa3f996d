"""`confide play`: its arguments, and which front end plays the story (the window, the
terminal, a record's replay, or `--watch`). The window's own code is imported only when it
is used."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import UsageError

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory

DEFAULT_STORY = "tutorial"


def seed_number(text: str) -> int:
    """An argparse type: a whole number that fits the 64-bit range saves accept."""
    from game.persist.savecheck import MAX_SEED  # lazy: start-up (only when --seed is given)

    try:
        value = int(text) if len(text) <= 25 else None
    except ValueError:
        value = None
    if value is None or abs(value) > MAX_SEED:
        shown = text if len(text) <= 25 else text[:22] + "..."
        raise argparse.ArgumentTypeError(f"expected a whole number of at most 19 digits, "
                                         f"got {shown!r}")
    return value


def parse_choices(raw: str | None) -> list[int]:
    """`--choices 2,1,3`: the choice numbers, or a UsageError saying what it takes."""
    if not raw:
        return []
    parts = [part for part in raw.replace(" ", "").split(",") if part]
    if not all(p.isascii() and p.isdigit() and len(p) <= 6 for p in parts):
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise UsageError(f"--choices takes choice numbers separated by commas, like 2,1,3: "
                         f"{shown!r}")
    return [int(part) for part in parts]


def setup_play(play: argparse.ArgumentParser) -> None:
    from game.safeio import data_folder  # lazy: start-up (tempfile; `--help` needs no play)

    play.add_argument("story", nargs="?", default=DEFAULT_STORY,
                      help="a bundled story id or a path to a story file or folder")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--seed", type=seed_number, default=0, help="seed for the model's noise")
    play.add_argument("--choices", help="scripted choices, e.g. 2,1,3")
    play.add_argument("--show-meters", action="store_true",
                      help="print meters and explanations after each move")
    depth = play.add_mutually_exclusive_group()
    depth.add_argument("--hide-depth", action="store_true",
                       help="terminal: sharing and asking choices do not name their layer, so "
                       "the player judges depth from the words (window: Settings)")
    depth.add_argument("--show-depth", action="store_true",
                       help="terminal: name the layer even where the story hides it "
                       "(default: as the story's depth_on_cards says)")
    play.add_argument("--facilitator", action="store_true",
                      help="start in facilitator mode (terminal: the meters and the "
                      "explanation of every change, as --show-meters)")
    play.add_argument("--data-dir", type=data_folder, help="where saves and settings live")
    play.add_argument("--screenshot", metavar="OUT.png",
                      help="window: play --choices, save a screenshot of --screen, exit")
    play.add_argument("--screen", default="scene",
                      help="which screen --screenshot captures (scene, history, ending, ...)")
    play.add_argument("--record", type=Path, metavar="FILE.json",
                      help="write a playthrough record when the game ends or stops "
                      "(plays in the terminal)")
    play.add_argument("--replay", type=Path, metavar="FILE.json",
                      help="replay a record in the terminal, checking every step's meters")
    play.add_argument("--watch", action="store_true",
                      help="reload the story whenever one of its files is saved")


def cmd_play(args: argparse.Namespace) -> int:
    if args.watch:
        return _play_watching(args)
    window = None
    if not args.text and args.record is None and args.replay is None:
        window = _window_runner()
        if window is not None and not args.screenshot and not args.choices:
            # The title screen needs no story, so it is loaded after the first frame.
            return window(None, args, later=partial(_load, args.story))
    story = _load(args.story)
    if args.replay is not None:
        from game.textrecord import replay_record  # lazy: start-up

        if args.record is not None or args.choices:
            raise UsageError("--replay plays the recorded choices; it cannot be combined "
                             "with --record or --choices")
        return replay_record(story, args.replay, sys.stdout, _meters(args))
    scripted = parse_choices(args.choices)
    if window is not None:
        return window(story, args)
    from game.textplay import TextGame, input_lines  # lazy: start-up (the terminal's game)

    if not args.text and args.record is None:
        print("confide: the window is not available here; playing in the terminal instead.")
    game = TextGame(story, sys.stdout, seed=args.seed, show_meters=_meters(args),
                    depth_tags=_depth(args))
    if args.record is not None:
        from game.textrecord import play_recorded  # lazy: start-up

        return play_recorded(game, input_lines(sys.stdin), scripted, args.record)
    return game.run(input_lines(sys.stdin), scripted)


def _play_watching(args: argparse.Namespace) -> int:
    """--watch: play on while the story is edited, even when it starts out broken."""
    from game.story.loader import check, resolve  # lazy: start-up
    from game.textlive import play_watching  # lazy: start-up

    if args.record is not None or args.replay is not None or args.screenshot:
        raise UsageError("--watch cannot be combined with --record, --replay or --screenshot")
    path = resolve(args.story)
    scripted = parse_choices(args.choices)
    window = None if args.text else _window_runner()
    if window is not None:
        return window(check(path)[0], args)
    return play_watching(path, sys.stdout, sys.stdin, args.seed, _meters(args), scripted,
                         depth_tags=_depth(args))


def _meters(args: argparse.Namespace) -> bool:
    """The terminal's facilitator mode is its glass box: the meters and why each moved."""
    return bool(args.show_meters or args.facilitator)


def _depth(args: argparse.Namespace) -> bool | None:
    """--hide-depth / --show-depth, or None: as the story's `depth_on_cards` says."""
    return False if args.hide_depth else True if args.show_depth else None


def _load(story: str) -> CompiledStory:
    from game.story.loader import load  # lazy: start-up

    return load(story)


def _window_runner() -> Callable[..., int] | None:
    # The collector stays off until the window's first frame (game/ui/launch.py turns it
    # back on): start-up makes tens of thousands of objects that live as long as the
    # process (modules, classes, the story), and collecting meanwhile only rescans them, a
    # tenth of the time to a scene's first frame. `main` restores it in any case.
    gc.disable()
    try:
        app = importlib.import_module("game.ui.launch")
    except ImportError:
        gc.enable()
        return None
    runner: Callable[..., int] = app.run_window
    return runner
