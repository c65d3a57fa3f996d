"""`sorry_for:`, the earlier choices an apology owns: its one reading, the whole-story
check that every id it names is a choice of the story (E025), and the warning for an id
whose choice can never have been picked before the apology is offered (W015).

The checks run on the whole story, not while a scene compiles: a scene the last load
compiled is reused when its own file is unchanged (game/story/memo.py), and these checks
read every other scene's choices."""

from __future__ import annotations

from collections.abc import Callable

from game.story.compiled import CChoice, CompiledStory
from game.story.diagnostics import Diagnostic, did_you_mean
from game.story.plain import Choice, Story
from game.story.scenegraph import onward, walk
from game.story.yamlread import Located, PathKey


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


WALK_BUDGET = 1_000_000
"""Scenes the W015 walks may pass in all, so a huge story's check stays quick: past it,
nothing more is warned about (the warning is never a guess)."""


def never_after(story: CompiledStory, located: Located) -> list[Diagnostic]:
    """W015 for each `sorry_for:` id whose choice can never have been picked before its
    apology is offered: no way in the scene graph leads from any choice with that id (once
    taken, through its `next:`, every branch counted as possible, endings leading nowhere)
    back to the apology's scene. A choice in the same menu, or only in a later scene, is the
    usual case. Conditions are ignored, so the warning is never a false alarm."""
    owners: dict[str, list[CChoice]] = {}
    for scene in story.scenes.values():
        for c in scene.choices:
            owners.setdefault(c.id, []).append(c)
    left = [WALK_BUDGET]
    out = []
    for sid, scene in story.scenes.items():
        for i, c in enumerate(scene.choices):
            for j, cid in enumerate(c.sorry_for):
                owned = owners.get(cid, [])  # none: E025 has stopped the load already
                if owned and not any(_leads_back(story, o, sid, left) for o in owned):
                    at = ("scenes", sid, "choices", i, "sorry_for", j)
                    out.append(located.mark_for(at).diag(
                        "W015", _never_message(c.id, cid, sid, {o.scene for o in owned})))
    return out


def _leads_back(story: CompiledStory, owned: CChoice, sid: str, left: list[int]) -> bool:
    """Whether some way on from taking `owned` comes to scene `sid`; True as well once the
    walks have used up their budget (`left`), since then nothing is proved."""
    for reached in walk(story, onward(story.scenes[owned.scene], owned)):
        left[0] -= 1
        if reached == sid or left[0] < 0:
            return True
    return False


def _never_message(apology: str, owned: str, sid: str, places: set[str]) -> str:
    others = sorted(places - {sid})
    if not others:
        said = "it is in the same menu, and the story never comes back here"
    else:
        where = [*(["in the same menu"] if sid in places else []),
                 *(f"in scene '{p}'" for p in others)]
        said = (f"it is only offered {' and '.join(where)}, and the story never comes back "
                f"here from {'there' if len(where) == 1 else 'any of them'}")
    return (f"choice '{apology}' says sorry for '{owned}', but a player can never have "
            f"chosen '{owned}' before reaching this card ({said})")
