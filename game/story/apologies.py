"""`sorry_for:`, the earlier choices an apology owns: its one reading, and the whole-story
check that every id it names is a choice of the story (E025).

The check runs on the whole story, not while a scene compiles: a scene the last load
compiled is reused when its own file is unchanged (game/story/memo.py), and this check
reads every other scene's choices."""

from __future__ import annotations

from collections.abc import Callable

from game.story.diagnostics import did_you_mean
from game.story.plain import Choice, Story
from game.story.yamlread import PathKey


def sorry_ids(choice: Choice) -> tuple[str, ...]:
    """The ids a choice says sorry for: one id or a list, as written."""
    named = choice.sorry_for
    return (named,) if isinstance(named, str) else tuple(named or ())


def check_apologies(story: Story, error: Callable[[PathKey, str, str], None]) -> None:
    """Report, through `error(location, code, message)`, each `sorry_for:` id that names no
    choice of `story`."""
    ids = {c.id for sc in story.scenes.values() for c in sc.choices}
    for sid, sc in story.scenes.items():
        for i, c in enumerate(sc.choices):
            at: PathKey = ("scenes", sid, "choices", i, "sorry_for")
            for j, cid in enumerate(sorry_ids(c)):
                if cid not in ids:
                    error(at if isinstance(c.sorry_for, str) else (*at, j), "E025",
                          f"choice '{c.id}' says sorry for '{cid}', but no choice in the "
                          f"story has that id{did_you_mean(cid, ids)}")
