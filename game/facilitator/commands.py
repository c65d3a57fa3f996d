"""What `confide play --record/--replay` and `confide export` do; game/cli.py only parses."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from game.errors import UsageError
from game.facilitator.export import (
    CSV_ENCODING,
    FORMATS,
    ChartRenderer,
    export,
    to_csv,
    to_markdown,
)
from game.persist.record import build_record
from game.persist.recordjson import read_record, write_record
from game.persist.replay import choice_numbers
from game.story.compiled import CompiledStory
from game.textplay import TextGame

SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".png": "png"}


def play_recorded(game: TextGame, inputs: Iterator[str], scripted: list[int],
                  path: Path) -> int:
    """Play in the terminal and write the record when the game ends, quits or runs out of
    input; a half-played game is still worth keeping for the class."""
    try:
        return game.run(inputs, scripted)
    finally:
        write_record(build_record(game.session), path)
        n = len(game.session.history)
        print(f"confide: recorded {n} choice{'' if n == 1 else 's'} to {path}",
              file=sys.stderr)


def replay_record(story: CompiledStory, path: Path, out: TextIO,
                  show_meters: bool = False) -> int:
    """Check the record against the story, then print its transcript."""
    record = read_record(path)
    numbers = choice_numbers(story, record)  # raises ReplayError before anything is printed
    game = TextGame(story, out, seed=record.seed, show_meters=show_meters)
    game.session.noise = record.noise
    if record.ending is None:
        _play_unfinished(game, numbers)
    else:
        game.run(iter(()), numbers)
    edited = "" if record.story_hash == story.content_hash else (
        " (the story has been edited since, but not in a way that changes this playthrough)")
    plural = "" if len(numbers) == 1 else "s"
    out.write(f"\nReplayed {len(numbers)} choice{plural} from {path}: every step's meters "
              f"match the record{edited}.\n")
    return 0


def _play_unfinished(game: TextGame, numbers: list[int]) -> None:
    # run() would prompt for more input after the last recorded choice; show the moves only.
    for n in numbers:
        view = game.session.view()
        game.show(view)
        game.say(f"> {n}")
        game.result(game.session.choose(view.choices[n - 1].id))
    game.show(game.session.view())
    game.say()
    game.say("(the record stops here, before an ending)")


def export_command(path: Path, fmt: str | None, output: str | None, out: TextIO, *,
                   chart: ChartRenderer | None = None) -> int:
    """`confide export`: the format comes from --format or else from the output's suffix;
    a PNG is drawn by `chart`, which the front end running the command provides."""
    fmt = fmt or (SUFFIXES.get(Path(output).suffix.lower()) if output else None)
    if fmt is None:
        raise UsageError("export: say which format with --format "
                         f"{'|'.join(FORMATS)} (or give -o a .md, .csv or .png name)")
    record = read_record(path)
    if output == "-":
        if fmt == "png":
            raise UsageError("export: a PNG cannot go to standard output; give -o FILE.png")
        out.write(to_markdown(record) if fmt == "md" else to_csv(record))
        return 0
    target = Path(output) if output else path.with_suffix(f".{fmt}")
    if target.resolve() == path.resolve():
        raise UsageError(f"export: writing to {target} would overwrite the record")
    export(record, fmt, target, chart=chart)
    print(f"wrote {target}", file=out)
    return 0


__all__ = ["CSV_ENCODING", "export_command", "play_recorded", "replay_record"]
