"""Every closing sentence each ending can get, with a run that shows it.

An ending's prose is written once; the sentences that close it ("What helped most: ...",
"What cost most: ...") are built from each run's own moves. When the prose names a cause,
it must agree with the sentence under it on every route that reaches it, and an author
cannot play every route. `confide simulate STORY --closings` plays the archetypes' runs
through a full session, groups the sentences by ending, and gives for each one the command
that plays a run ending with it, so the author can read the two together.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from game.analysis.simulate import play
from game.runtime.causes import Closing, closing_of
from game.runtime.sentences import closing_sentences
from game.runtime.session import Session
from game.runtime.state import Env
from game.story.compiled import CLine, CompiledStory

SHOWN_PER_ENDING = 12
"""Sentences listed per ending in the text report (most frequent first); --json has all."""


@dataclass(slots=True)
class EndingClosings:
    """The closing sentences one ending got, counted, each with its first run's command."""

    runs: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    example: dict[str, str] = field(default_factory=dict)
    # The ending's own lines that read its closing (`cost.ID`...): line index -> runs shown.
    lines: Counter[int] = field(default_factory=Counter)


def closings(story: CompiledStory, names: Iterable[str], runs: int,
             seed: int) -> dict[str, EndingClosings]:
    """Play `runs` runs of each policy in `names` (run i with seed + i, as `simulate` does)
    and collect, per ending scene, the closing sentences the runs were given."""
    out: dict[str, EndingClosings] = {}
    for name in names:
        for i in range(runs):
            run = play(story, name, seed + i)
            if run.ending is None:
                continue  # an unfinished run has no closing sentences
            # The player's own session, which is what the sentences are built from; it
            # takes the same path as the simulator's run (tests/analysis/test_closings.py).
            session = Session.start(story, seed=seed + i)
            for pick in run.picks:
                session.choose(pick[1])
            got = out.setdefault(session.state.ending or run.ending, EndingClosings())
            got.runs += 1
            positions = ",".join(str(pick[2]) for pick in run.picks)
            command = f"confide play {shlex.quote(story.source)} --text --seed {seed + i} " \
                f"--choices {positions}"
            found = closing_of(session)
            _count_lines(story, session, found, got, command)
            for sentence in closing_sentences(session, found):
                got.counts[sentence] += 1
                got.example.setdefault(sentence, command)
    return out


def _count_lines(story: CompiledStory, session: Session, found: Closing | None,
                 got: EndingClosings, command: str) -> None:
    """Count the ending's closing-reading lines this run showed (each with a run's command)."""
    scene = story.scenes[session.state.scene]
    if found is None:
        return
    env, words = Env(session.state, story.params, found.facts()), found.recalled()
    for i, line in enumerate(scene.lines):
        if line.reads_closing and line.shown(env, words):
            got.lines[i] += 1
            got.example.setdefault(f"line {i}", command)


def to_json(story: CompiledStory, found: dict[str, EndingClosings]) -> dict[str, Any]:
    return {
        "story": story.meta.id,
        "endings": {
            sid: {
                "title": _title(story, sid),
                "runs": got.runs,
                "sentences": [{"text": text, "runs": n, "example": got.example[text]}
                              for text, n in got.counts.most_common()],
                "lines": [{"line": i + 1, "reads": _what(line), "runs": got.lines[i],
                           "example": got.example.get(f"line {i}")}
                          for i, line in enumerate(story.scenes[sid].lines)
                          if line.reads_closing],
            }
            for sid, got in sorted(found.items())
        },
    }


def write_text(story: CompiledStory, found: dict[str, EndingClosings], out: TextIO) -> None:
    """The report a person reads: each ending, then its sentences, most frequent first."""
    if not found:
        out.write("No run reached an ending.\n")
        return
    for sid, got in sorted(found.items(), key=lambda item: -item[1].runs):
        out.write(f"\n{sid}: \u201c{_title(story, sid)}\u201d ({got.runs} runs)\n")
        common = got.counts.most_common()
        for text, n in common[:SHOWN_PER_ENDING]:
            out.write(f"  {n:>5}  {text}\n         {got.example[text]}\n")
        if len(common) > SHOWN_PER_ENDING:
            out.write(f"  ... and {len(common) - SHOWN_PER_ENDING} more (--json lists "
                      "every one)\n")
        _write_lines(story.scenes[sid].lines, got, out)


def _write_lines(lines: tuple[CLine, ...], got: EndingClosings, out: TextIO) -> None:
    """The ending's lines that read its closing, and how many runs showed each."""
    for i, line in enumerate(lines):
        if line.reads_closing:
            n = got.lines[i]
            out.write(f"  scene line {i + 1} ({_what(line)}): shown in {n} of {got.runs} "
                      "runs\n")
            if n:
                out.write(f"         {got.example[f'line {i}']}\n")


def _what(line: CLine) -> str:
    """What a closing-reading line reads: its condition and its placeholders."""
    parts = [f"if: {line.cond.source}"] if line.cond is not None else []
    return "; ".join(parts + ["{" + r + "}" for r in line.recalls])


def _title(story: CompiledStory, sid: str) -> str:
    ending = story.scenes[sid].ending
    return ending.title if ending is not None else sid
