"""The terminal game: the full story as plain text, for screen readers, SSH and tests.

Output is deterministic for a given story, seed and list of choices, so transcripts can be
compared byte for byte.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from typing import TextIO

from game.errors import ConfideError, UsageError
from game.glossary import LAYER_NAMES, SECTIONS
from game.model.wording import landing_words
from game.runtime import LineView, Result, Session, View
from game.runtime.sentences import closing_sentences
from game.safetext import terminal
from game.story.compiled import CompiledStory

WIDTH = 78
"""Columns of text: transcripts (a file or a pipe) are always this wide, byte for byte."""
MIN_WIDTH = 30
NBSP = "\u00a0"  # textwrap breaks only at ASCII whitespace: this space holds a tag together


def text_width(out: TextIO) -> int:
    """WIDTH, or less in a narrower terminal, so the terminal never breaks a line itself
    (mid-word, and through a choice's tag); a file or pipe always gets WIDTH."""
    isatty = getattr(out, "isatty", None)
    if not (callable(isatty) and isatty()):
        return WIDTH
    columns = shutil.get_terminal_size((WIDTH + 1, 24)).columns
    return max(MIN_WIDTH, min(WIDTH, columns - 1))
HELP = ("Type a choice number, u to undo, m to show or hide meters, d to show or hide the "
        "depth of sharing choices, h for help, q to quit.")
MAX_INPUT = 1000
"""Characters in one line of input: a choice is a few; `< /dev/zero` is endless."""
MAX_UNRECOGNISED = 100
"""Inputs in a row that are not commands before the game stops (a stream of garbage)."""


def input_lines(stream: TextIO) -> Iterator[str]:
    """Lines typed by the player, each read with a cap, so an endless line cannot fill
    memory; a line over the cap stops the game with an error."""
    while True:
        line = stream.readline(MAX_INPUT + 1)
        if not line:
            return
        if len(line) > MAX_INPUT:
            raise ConfideError(f"standard input: a line of more than {MAX_INPUT:,} "
                               "characters is not a choice; stopping")
        yield line
RELOAD = "\x00reload"  # not something a player can type: the input stream's "files changed"


class TextGame:
    def __init__(self, story: CompiledStory, out: TextIO, seed: int = 0,
                 show_meters: bool = False, depth_tags: bool | None = None) -> None:
        self.session = Session(story, seed)
        self.out = out
        self.width = text_width(out)
        self.show_meters = show_meters
        # Off, choices say "[share]", not which layer; None leaves it to the story's
        # `depth_on_cards`, scene by scene.
        self.depth_tags = depth_tags
        self.depth_noted = False  # the story's hiding is explained once, when it starts

    def say(self, text: str = "") -> None:
        # Story text has no control characters (the loader refuses them); this keeps any
        # other text that reaches a terminal just as harmless.
        self.out.write(terminal(text) + "\n")

    def para(self, text: str, indent: str = "", hanging: str | None = None) -> None:
        """Wrapped text; `hanging` indents the lines after the first (a choice's label lines
        up under its first word). A no-break space keeps what it joins on one line."""
        rest = indent if hanging is None else hanging
        for chunk in text.split("\n"):
            wrapped = textwrap.fill(chunk, self.width, initial_indent=indent,
                                    subsequent_indent=rest) if chunk.strip() else ""
            self.say(wrapped.replace(NBSP, " "))

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
        depth = self.depth_shown(view)
        layered = any(c.layer is not None for c in view.choices)
        if self.depth_tags is None and not depth and layered and not self.depth_noted:
            self.depth_noted = True
            # Said once, and true wherever it lands: a story may hide the depth on some
            # scenes and show it on others, so the note never says "from here".
            self.para("(This story leaves the depth of some sharing choices, like these, for "
                      "you to judge from the words; type d to show it.)")
        for i, c in enumerate(view.choices, 1):
            # The tag is one unit: a narrow terminal moves it whole to the next line rather
            # than splitting "[share, layer 2:" from "private]".
            tag = c.badge_for(depth).replace(" ", NBSP)
            number = f"  {i}. "
            self.para(f"{number}{c.label}{'  ' + tag if tag else ''}", "",
                      " " * len(number))

    def depth_shown(self, view: View) -> bool:
        return not view.hides_depth if self.depth_tags is None else self.depth_tags

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
        words = landing_words(res.choice.kind, res.landing, name, res.explanation.moved_on)
        self.say()
        self.say(f"  [{name}: trust {p.trust:.1f}, defence {p.defence:.1f}, "
                 f"you reached {LAYER_NAMES[p.reached]}, {name} opened "
                 f"{LAYER_NAMES[p.opened]}, topics {len(p.topics)}"
                 f"{'; ' + words if words else ''}]")
        for sentence in self.session.history[-1].explained(self.session.story):
            self.para(sentence, "    ")

    def ending(self, view: View) -> None:
        e = view.ending
        assert e is not None
        self.say()
        self.say(f"THE END: {e.title}")
        self.say(f"Outcome: {e.outcome}")
        if e.reflection:
            self.para(e.reflection)
        causes = closing_sentences(self.session)
        if causes:
            self.para(" ".join(causes))

    def glossary(self) -> None:
        """The window's help, as text: the same words as the pupil glossary."""
        for section in SECTIONS:
            self.say()
            self.say(section.title.upper())
            self.para(section.intro)
            for e in section.entries:
                self.para(f"{e.term}: {e.text}", "  ")
        self.say()
        self.say(HELP)

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
            if pick == "depth":
                self.depth_tags = not self.depth_shown(view)
                self.say("(depth of sharing choices " + ("shown)" if self.depth_tags
                                                           else "hidden)"))
                continue
            if pick == "help":
                self.glossary()
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
        for _ in range(MAX_UNRECOGNISED):
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
            if raw in ("d", "depth"):
                return "depth"
            if raw in ("h", "help", "?"):
                return "help"
            # isascii: "²" and other Unicode digits pass isdigit() but are not numbers.
            if raw.isascii() and raw.isdigit() and len(raw) <= 6 and 1 <= int(raw) <= n:
                self.say()
                return str(int(raw))
            self.say(HELP)
        raise ConfideError(f"standard input: {MAX_UNRECOGNISED} lines in a row were not "
                           "choices or commands; stopping")
