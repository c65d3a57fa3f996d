"""Facts about stories for `confide list` and the story picker: size, words, endings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.catalogcache import cached_catalog
from game.story.compiled import RUPTURE_FALLBACK, CLine, CompiledStory
from game.story.loader import bundled, check

WORD = re.compile(r"[\w'’-]+")


def visible_text(story: CompiledStory) -> Iterator[str]:
    """Every piece of text a player can see."""
    yield story.meta.title
    yield story.meta.summary
    for sid, scene in story.scenes.items():
        if sid == RUPTURE_FALLBACK:
            continue
        yield from _lines(scene.lines)
        if scene.title:
            yield scene.title
        for c in scene.choices:
            yield c.label
            if c.say:
                yield c.say
            for lines in c.reactions.values():
                yield from _lines(lines)
            # Read at the end: the closing sentences' reasons and an ending's {cost} words.
            yield from c.because.values()
            if c.recalled:
                yield c.recalled
        if scene.ending:
            yield scene.ending.title
            yield scene.ending.reflection


def _lines(lines: tuple[CLine, ...]) -> Iterator[str]:
    for ln in lines:
        yield ln.text


def word_count(story: CompiledStory) -> int:
    return sum(len(WORD.findall(t)) for t in visible_text(story))


@dataclass
class Entry:
    id: str
    path: str
    title: str = ""
    summary: str = ""
    minutes: int = 0
    content_notes: list[str] = field(default_factory=list)
    ages: str | None = None
    scenes: int = 0
    words: int = 0
    endings: dict[str, int] = field(
        default_factory=lambda: {"deepened": 0, "acquaintance": 0, "ruptured": 0})
    errors: int = 0

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


def describe(path: Path) -> Entry:
    story, diags = check(path)
    entry = Entry(id=path.stem, path=str(path))
    if story is None:
        entry.errors = sum(1 for d in diags if d.is_error)
        return entry
    meta = story.meta
    entry.id, entry.title, entry.summary = meta.id, meta.title, meta.summary
    entry.minutes, entry.content_notes = meta.minutes, list(meta.content_notes)
    entry.ages = meta.ages
    entry.scenes = len(meta.scenes)
    entry.words = word_count(story)
    for scene in meta.scenes.values():
        if scene.ending:
            entry.endings[scene.ending.outcome] += 1
    return entry


def catalog() -> list[Entry]:
    """Every bundled story's entry; unchanged stories come from the cache (catalogcache)."""
    return cached_catalog(bundled(), describe, Entry)
