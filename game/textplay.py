"""The terminal game: the full story as plain text, for screen readers, SSH and tests.

Output is deterministic for a given story, seed and list of choices, so transcripts can be
compared byte for byte.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import TextIO

from game.errors import UsageError
from game.runtime import LineView, Result, Session, View
from game.story.compiled import CompiledStory

WIDTH = 78
HELP = "Type a choice number, u to undo, m to show or hide meters, q to quit."
RELOAD = "\x00reload"  # not something a player can type: the input stream's "files changed"


class TextGame:
    def __init__(self, story: CompiledStory, out: TextIO, seed: int = 0,
                 show_meters: bool = False) -> None:
        self.session = Session(story, seed)
        self.out = out
        self.show_meters = show_meters

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        for chunk in text.split("\n"):
            wrapped = textwrap.fill(chunk, WIDTH, initial_indent=indent,
                                    subsequent_indent=indent) if chunk.strip() else ""
            self.say(wrapped)

    def line(self, ln: LineView) -> None:
        if ln.speaker == "narrator":
            self.para(ln.text)
        else:
            self.para(f"{ln.name}: {ln.text}")

    def show(self, view: View) -> None:
        self.say()
        if view.title:
            self.say(f"-- {view.title} --")
        for ln in view.lines:
            self.line(ln)
        if view.ending:
            return
        self.say()
        for i, c in enumerate(view.choices, 1):
            badge = f"  {c.badge}" if c.badge else ""
            self.para(f"  {i}. {c.label}{badge}", "")

    def result(self, res: Result) -> None:
        if res.said:
            self.say()
            self.para(f"{self.session.story.meta.characters.player.name}: {res.said}")
        if res.reaction:
            self.say()
        for ln in res.reaction:
            self.line(ln)
        if self.show_meters and res.explanation is not None:
            self.meters(res)

    def meters(self, res: Result) -> None:
        assert res.explanation is not None
        name = self.session.story.name_of(res.partner)
        p = self.session.state.partners[res.partner]
        self.say()
        self.say(f"  [{name}: trust {p.trust:.1f}, defence {p.defence:.1f}, "
                 f"reached {p.reached}, opened {p.opened}, topics {len(p.topics)}; "
                 f"landed {res.landing}]")
        for sentence in self.session.story.sentences(res.explanation, res.partner):
            self.para(sentence, "    ")

    def ending(self, view: View) -> None:
        e = view.ending
        assert e is not None
        self.say()
        self.say(f"THE END: {e.title}")
        self.say(f"Outcome: {e.outcome}")
        if e.reflection:
            self.para(e.reflection)

    def run(self, inputs: Iterator[str], scripted: list[int]) -> int:
        queue = list(scripted)
        while True:
            view = self.session.view()
            self.show(view)
            if view.ending:
                self.ending(view)
                return 0
            pick = self.next_pick(view, queue, inputs)
            if pick is None:
                self.say()
                self.say("(end of input: stopping here)")
                return 0
            if pick == "quit":
                self.say("Goodbye.")
                return 0
            if pick == "undo":
                self.say("(undone)" if self.session.undo() else "(nothing to undo)")
                continue
            if pick == "meters":
                self.show_meters = not self.show_meters
                continue
            if pick == "reload":
                if not self.on_reload(inputs):
                    return 0
                continue
            self.say(f"> {pick}")
            self.result(self.session.choose(view.choices[int(pick) - 1].id))

    def on_reload(self, inputs: Iterator[str]) -> bool:
        """The story files changed (`--watch`); False to stop playing. See game.textlive."""
        return True

    def next_pick(self, view: View, queue: list[int], inputs: Iterator[str]) -> str | None:
        n = len(view.choices)
        if queue:
            num = queue.pop(0)
            if not 1 <= num <= n:
                raise UsageError(f"--choices: {num} is not a choice here (1-{n}) "
                                 f"in scene '{view.scene}'")
            return str(num)
        while True:
            self.out.write(f"\nChoose 1-{n} (u undo, q quit): ")
            self.out.flush()
            raw = next(inputs, None)
            if raw is None:
                self.say()
                return None
            if raw == RELOAD:
                return "reload"
            raw = raw.strip().lower()
            if raw in ("q", "quit"):
                return "quit"
            if raw in ("u", "undo"):
                return "undo"
            if raw in ("m", "meters"):
                return "meters"
            if raw.isdigit() and 1 <= int(raw) <= n:
                self.say()
                return raw
            self.say(HELP)


def parse_choices(raw: str | None) -> list[int]:
    if not raw:
        return []
    try:
        return [int(part) for part in raw.replace(" ", "").split(",") if part]
    except ValueError as exc:
        raise UsageError(f"--choices takes numbers separated by commas, like 2,1,3: "
                         f"{raw!r}") from exc
