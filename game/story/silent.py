"""Warnings for mistakes that YAML and the schema accept silently.

A dialogue line such as `- idris: "Left here."` indented under a `>-` paragraph is not a
line of its own: YAML folds it into the paragraph's text, and the narration then shows the
speaker's name and quotes (W009). A speech line without its colon, `- idris "Hi."`, is
narration that starts with the speaker's id (W012). Moves and landings that can never
happen are found in `game.story.landings` (W010, W011).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from game.story.compiled import CompiledStory
from game.story.diagnostics import Diagnostic, Mark
from game.story.landings import LandingBounds, landing_warnings
from game.story.plain import Line, Story
from game.story.yamlread import Located, PathKey

_COMMENT = re.compile(r"\s#[A-Za-z0-9]\S*")
_HASH = re.compile(r"#[A-Za-z0-9]")
_NO_COLON = re.compile(r"([a-z][a-z0-9_]*)\s*[\"“']")
_SPEECH = re.compile(r"(?:^|\s)- ?([a-z][a-z0-9_]*): ?[\"'“A-Za-z]", re.MULTILINE)


def authoring_warnings(story: CompiledStory, located: Located,
                       bounds: LandingBounds | None = None) -> list[Diagnostic]:
    return (swallowed_lines(story.meta, located) + speech_without_colon(story.meta, located)
            + cut_by_hash(story.meta, located) + landing_warnings(story, located, bounds))


def cut_by_hash(story: Story, located: Located) -> list[Diagnostic]:
    """W013: unquoted text such as `I'm your #1 fan`, which YAML cuts at ' #' (a comment).

    Only a '#' followed straight by a letter or digit is reported: '# note' after a line
    is how authors leave comments on purpose."""
    files: dict[str, list[str]] = {}
    if not _may_cut(story, located):
        return []
    keys = ("text", "narrator", "player", *story.characters.partners)
    out = []
    for text, loc in _texts(story):
        # The scalar itself: the line, or the value under its 'text' or speaker key.
        pos = next((located.marks[k] for k in (*((*loc, key) for key in keys), loc)
                    if k in located.marks), None)
        if pos is None or pos[3]:
            continue  # quoted text keeps its '#'
        source = _source(pos[0], files)
        here = source[pos[1] - 1][pos[2] - 1:] if 0 < pos[1] <= len(source) else ""
        m = _COMMENT.search(here)
        if m and text.rstrip() == here[: m.start()].strip():
            mark = Mark(pos[0], pos[1], pos[2] + m.start() + 1)
            out.append(mark.diag("W013", f"the text stops before '{m.group().strip()}': "
                                 "in YAML ' #' starts a comment; put the whole text in "
                                 "quotes to keep it"))
    return out


def _may_cut(story: Story, located: Located) -> bool:
    """Whether any file holding a scene has a ' #' followed by a letter or digit at all.

    Every text of a scene is written in the scene's own file, and a W013 needs such a
    match on the text's line, so one search per file rules most stories out at once
    instead of looking up where each of their texts is."""
    marks = located.marks
    paths = set()
    for sid in story.scenes:  # one question each: the positions may be asked file by file
        pos = marks.get(("scenes", sid))
        if pos is None:
            return True  # positions unknown: look at every text
        paths.add(pos[0])
    return any(_cut_in(_file_text(path)) for path in paths)


def _cut_in(text: str) -> bool:
    """`_COMMENT.search(text) is not None`, found from the rarer '#' onwards (faster)."""
    return any(m.start() and _COMMENT.match(text, m.start() - 1) for m in _HASH.finditer(text))


def speech_without_colon(story: Story, located: Located) -> list[Diagnostic]:
    """W012: narration written like `- idris "Left here."`, a speech line missing its ':'."""
    speakers = {"player", *story.characters.partners}
    out = []
    for sid, scene in story.scenes.items():
        for i, line in enumerate(scene.lines):
            m = _NO_COLON.match(line.text)
            if line.speaker == "narrator" and m and m.group(1) in speakers:
                mark = located.mark_for(("scenes", sid, "lines", i))
                out.append(mark.diag("W012", f"this narration starts with '{m.group(1)}' and a "
                                     f"quote: if {m.group(1)} says it, write "
                                     f"'- {m.group(1)}: \"...\"' (a ':' after the name)"))
    return out


def _texts(story: Story) -> Iterator[tuple[str, PathKey]]:
    """Every paragraph of player-visible text with where it is written."""
    for sid, scene in story.scenes.items():
        yield from _lines(scene.lines, ("scenes", sid, "lines"))
        if scene.because:
            yield scene.because, ("scenes", sid, "because")
        for i, c in enumerate(scene.choices):
            here: PathKey = ("scenes", sid, "choices", i)
            yield c.text, (*here, "text")
            if c.say:
                yield c.say, (*here, "say")
            if isinstance(c.because, str):
                yield c.because, (*here, "because")
            elif c.because:
                for key, reason in c.because.items():
                    yield reason, (*here, "because", key)
            if isinstance(c.reaction, str):
                yield c.reaction, (*here, "reaction")
            elif c.reaction is not None:
                yield from _lines(c.reaction, (*here, "reaction"))
            for key, value in c.reactions.items():
                if isinstance(value, str):
                    yield value, (*here, "reactions", key)
                else:
                    yield from _lines(value, (*here, "reactions", key))


def _lines(lines: list[Line], loc: PathKey) -> Iterator[tuple[str, PathKey]]:
    for i, line in enumerate(lines):
        yield line.text, (*loc, i)


def swallowed_lines(story: Story, located: Located) -> list[Diagnostic]:
    """W009: text holding '- name: ...' for a known speaker, where a new line was meant."""
    speakers = {"narrator", "player", *story.characters.partners}
    files: dict[str, list[str]] = {}
    out = []
    for text, loc in _texts(story):
        if "- " not in text and "-" not in text:
            continue
        for m in _SPEECH.finditer(text):
            if m.group(1) in speakers:
                mark = _locate(located.mark_for(loc), f"- {m.group(1)}:", files)
                out.append(mark.diag("W009", f"'- {m.group(1)}: ...' is part of the paragraph "
                                     "above it, not a line of its own: it is indented under "
                                     "a '>' or '|' text, or inside quotes; move it out to "
                                     "the same column as the other '- ' lines"))
                break
    return out


def _source(path: str, files: dict[str, list[str]]) -> list[str]:
    """The lines of a story file, read once per check."""
    if path not in files:
        files[path] = _file_text(path).splitlines()
    return files[path]


def _file_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def _locate(start: Mark, needle: str, files: dict[str, list[str]]) -> Mark:
    """The line at or after `start` that holds `needle`, where the author will look."""
    lines = _source(start.path, files)
    for n in range(start.line - 1, min(len(lines), start.line + 200)):
        col = lines[n].find(needle)
        if col < 0:
            col = lines[n].find(needle.replace(": ", ":"))
        if col >= 0:
            return Mark(start.path, n + 1, col + 1)
    return start
