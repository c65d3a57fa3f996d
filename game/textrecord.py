"""The terminal game with a class record: `confide play --text --record` and `--replay`.

A front end: it wires the terminal game (game.textplay) to the facilitator's records, so the
facilitator core never imports a front end.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from game.persist.record import build_record
from game.persist.recordjson import check_record_target, read_record, write_record
from game.persist.replay import choice_numbers
from game.story.compiled import CompiledStory
from game.textplay import TextGame


def play_recorded(game: TextGame, inputs: Iterator[str], scripted: list[int],
                  path: Path) -> int:
    """Play in the terminal and write the record when the game ends, quits or runs out of
    input; a half-played game is still worth keeping for the class. A name the record
    could not be written to is refused before the first line is shown."""
    check_record_target(path)
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
