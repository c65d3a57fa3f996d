"""`confide new` and `confide stats`: tools for writing your own story.

Registered in `game.cli` through `COMMANDS`, like the analysis and saves commands.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from game.errors import StoryError


def setup_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", type=Path, help="the folder to create, e.g. my_story")


def cmd_new(args: argparse.Namespace) -> int:
    """start a new story folder that passes confide check --strict and plays at once"""
    from game.story.scaffold import create  # lazy: start-up

    story, _ = create(args.name)
    folder = shlex.quote(str(args.name))
    print(f"created {story}")
    print(f"  play it:   confide play {folder} --text     (or without --text for the window)")
    print(f"  check it:  confide check --strict {folder}")
    print(f"  live:      confide play {folder} --watch    (reloads as you save)")
    print("  guide:     docs/authoring.md")
    return 0


def setup_stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", help="a bundled story id or a path to a story file or folder")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


def cmd_stats(args: argparse.Namespace) -> int:
    """scenes, words, endings, partners, topics and choices of any story"""
    from game.analysis.stats import stats_lines, story_stats  # lazy: start-up
    from game.story.loader import check, resolve  # lazy: start-up

    story, diags = check(resolve(args.story))
    if story is None:
        raise StoryError(list(diags))
    stats = story_stats(story)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write("\n".join(stats_lines(stats)) + "\n")
    return 0


Setup = Callable[[argparse.ArgumentParser], None]
COMMANDS: dict[str, tuple[Setup, Callable[[argparse.Namespace], int]]] = {
    "new": (setup_new, cmd_new),
    "stats": (setup_stats, cmd_stats),
}
