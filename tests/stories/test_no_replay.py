"""No bundled story plays a scene twice unless the scene was written to be returned to.

A scene that is entered again replays its lines word for word (editor 8 found dead_air
going back from week three to week two's quiz and announcement, four times over). A scene
written to be returned to says so by testing its own visit count (`visits.SCENE`) to vary
what it shows, as the tutorial's sky and the flatmates' last kitchen do: those are hubs.
Every other scene may be entered at most once, checked over seeded random playthroughs
(cheap: a few hundred moves per story, no text).
"""

from __future__ import annotations

import random

import pytest

from game.runtime import Session
from game.story.compiled import CompiledStory, CScene
from game.story.loader import load
from tests.stories.storykit import ROOT, STORIES

PLAYS = 40  # random playthroughs per story; each seed is a different player


def is_hub(scene: CScene) -> bool:
    """True when the scene reads its own visit count: it was written to be re-entered."""
    own = ("visits", scene.id)
    conds = [ln.cond for ln in scene.lines]
    conds += [c.cond for c in scene.choices]
    conds += [ln.cond for c in scene.choices for lines in c.reactions.values() for ln in lines]
    return any(cond is not None and own in cond.refs for cond in conds)


def replayed(story: CompiledStory, seed: int) -> list[str]:
    """The non-hub scenes a random player (seeded) enters more than once."""
    rng = random.Random(seed)
    session = Session(story, seed)
    while not session.ended:
        session.choose(rng.choice(session.available()).id)
    return sorted(sid for sid, n in session.state.visits.items()
                  if n > 1 and not is_hub(story.scenes[sid]))


@pytest.mark.parametrize("name", sorted(STORIES))
def test_no_scene_is_replayed(name: str) -> None:
    story = load(ROOT / "stories" / name)
    found = {seed: scenes for seed in range(PLAYS) if (scenes := replayed(story, seed))}
    assert found == {}, f"{name}: scenes entered twice (seed: scenes) {found}"


def test_hubs_are_told_apart() -> None:
    """A scene that varies by its own visit count is a hub; week two's show is not (the
    check above found dead_air's old loop through it at seeds 0 and 6)."""
    story = load(ROOT / "stories" / "dead_air")
    assert not is_hub(story.scenes["show_two"])
    assert is_hub(load(ROOT / "stories" / "tutorial").scenes["the_sky"])
