"""`confide play STORY --text --watch`: the terminal game, reloading the story as you save.

Typed lines and file changes arrive on one queue, from a thread reading standard input and
the `Watcher` thread, so the game notices an edit even while it waits for the player. While
the story is broken (also when it is broken from the start) the game prints every error and
waits for the next save; once the story loads again it carries on from the player's place
(see `game.live.carry_over`).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from game.errors import ConfideError
from game.live import Watcher, carry_over, place_note
from game.story.compiled import CompiledStory
from game.story.diagnostics import Diagnostic
from game.story.loader import check
from game.textplay import MAX_UNRECOGNISED, RELOAD, TextGame, input_lines


class Inbox:
    """The player's lines and the watcher's "files changed", in the order they happen."""

    def __init__(self, path: Path, stdin: TextIO) -> None:
        self.watcher = Watcher(path)
        # None: standard input ended; an error: it sent something no player types
        self.lines: queue.Queue[str | ConfideError | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stdin,), daemon=True).start()
        threading.Thread(target=self._forward, daemon=True).start()
        self.watcher.start()

    def _read(self, stdin: TextIO) -> None:
        # The same capped reader as the game without --watch: an endless line (`< /dev/zero`)
        # must stop the game with its one-line error, not fill memory in this thread.
        try:
            for line in input_lines(stdin):
                self.lines.put(line)
        except ConfideError as exc:
            self.lines.put(exc)
            return
        self.lines.put(None)

    def _forward(self) -> None:
        while True:
            if self.watcher.wait(3600):
                self.lines.put(RELOAD)

    def inputs(self) -> Iterator[str]:
        """The player's lines and RELOADs; raises the reader's ConfideError where it stopped."""
        while (line := self.lines.get()) is not None:
            if isinstance(line, ConfideError):
                raise line
            yield line


def report_broken(out: TextIO, diags: list[Diagnostic]) -> None:
    errors = [d for d in diags if d.is_error]
    out.write(f"\n(the story has {len(errors)} error{'s' * (len(errors) != 1)}; fix and save, "
              "and the game goes on from here; q quits)\n")
    out.writelines(f"{d}\n" for d in errors)
    out.flush()


def wait_for_fix(inputs: Iterator[str], out: TextIO) -> bool:
    """Wait for the next save (True), or for the player to quit (False). A stream of
    other lines stops the game as it does in play (MAX_UNRECOGNISED in a row)."""
    for unrecognised, raw in enumerate(inputs, 1):
        if raw == RELOAD:
            return True
        if raw.strip().lower() in ("q", "quit"):
            out.write("Goodbye.\n")
            return False
        if unrecognised >= MAX_UNRECOGNISED:
            raise ConfideError(f"standard input: {MAX_UNRECOGNISED} lines in a row were not "
                               "commands while the story was broken; stopping")
        out.write("(waiting for the story to be fixed; q quits)\n")
        out.flush()
    return False


class LiveTextGame(TextGame):
    def __init__(self, story: CompiledStory, path: Path, out: TextIO, seed: int = 0,
                 show_meters: bool = False, depth_tags: bool | None = None) -> None:
        super().__init__(story, out, seed=seed, show_meters=show_meters, depth_tags=depth_tags)
        self.path = path

    def on_reload(self, inputs: Iterator[str]) -> bool:
        while True:
            story, diags = check(self.path)
            if story is not None:
                old = self.session
                self.session = carry_over(old, story)
                self.say()
                self.say(f"({place_note(old, self.session)})")
                return True
            report_broken(self.out, diags)
            if not wait_for_fix(inputs, self.out):
                return False


def play_watching(path: Path, out: TextIO, stdin: TextIO, seed: int, show_meters: bool,
                  scripted: list[int], depth_tags: bool | None = None) -> int:
    inbox = Inbox(path, stdin)
    out.write(f"(watching {inbox.watcher.folder} for changes; save a file to reload)\n")
    inputs = inbox.inputs()
    try:
        while True:
            story, diags = check(path)
            if story is not None:
                break
            report_broken(out, diags)
            if not wait_for_fix(inputs, out):
                return 0
        game = LiveTextGame(story, path, out, seed=seed, show_meters=show_meters,
                            depth_tags=depth_tags)
        return game.run(inputs, scripted)
    finally:
        inbox.watcher.stop()
