"""`confide play STORY --text --watch`: the terminal game, reloading the story as you save.

Typed lines and file changes arrive on one queue, from a thread reading standard input and
the `Watcher` thread, so the game notices an edit even while it waits for the player. While
the story is broken the game prints every error and waits for the next save; once the story
loads again it carries on from the player's place (see `game.live.carry_over`).
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from game.live import Watcher, carry_over, place_note
from game.story.compiled import CompiledStory
from game.story.diagnostics import Diagnostic
from game.story.loader import check
from game.textplay import RELOAD, TextGame

_EOF = None


class LiveTextGame(TextGame):
    def __init__(self, story: CompiledStory, path: Path, out: TextIO, seed: int = 0,
                 show_meters: bool = False) -> None:
        super().__init__(story, out, seed=seed, show_meters=show_meters)
        self.path = path
        self.watcher = Watcher(path)
        self.lines_in: queue.Queue[str | None] = queue.Queue()

    def play(self, stdin: TextIO, scripted: list[int]) -> int:
        threading.Thread(target=self._read, args=(stdin,), daemon=True).start()
        threading.Thread(target=self._forward, daemon=True).start()
        self.watcher.start()
        self.say(f"(watching {self.watcher.folder} for changes; save a file to reload)")
        try:
            return self.run(self._inputs(), scripted)
        finally:
            self.watcher.stop()

    def _read(self, stdin: TextIO) -> None:
        for line in iter(stdin.readline, ""):
            self.lines_in.put(line)
        self.lines_in.put(_EOF)

    def _forward(self) -> None:
        while True:
            if self.watcher.wait(3600):
                self.lines_in.put(RELOAD)

    def _inputs(self) -> Iterator[str]:
        while (line := self.lines_in.get()) is not _EOF:
            yield line

    def on_reload(self, inputs: Iterator[str]) -> bool:
        while True:
            story, diags = check(self.path)
            if story is not None:
                old = self.session
                self.session = carry_over(old, story)
                self.say()
                self.say(f"({place_note(old, self.session)})")
                return True
            self.broken(diags)
            if not self._wait_for_fix(inputs):
                return False

    def broken(self, diags: list[Diagnostic]) -> None:
        errors = [d for d in diags if d.is_error]
        self.say()
        self.say(f"(the story has {len(errors)} error{'s' * (len(errors) != 1)}; fix and "
                 "save, and the game goes on from here; q quits)")
        for d in errors:
            self.say(str(d))

    def _wait_for_fix(self, inputs: Iterator[str]) -> bool:
        for raw in inputs:
            if raw == RELOAD:
                return True
            if raw.strip().lower() in ("q", "quit"):
                self.say("Goodbye.")
                return False
            self.say("(waiting for the story to be fixed; q quits)")
        return False


def play_watching(story: CompiledStory, path: Path, seed: int, show_meters: bool,
                  scripted: list[int]) -> int:
    game = LiveTextGame(story, path, sys.stdout, seed=seed, show_meters=show_meters)
    return game.play(sys.stdin, scripted)
