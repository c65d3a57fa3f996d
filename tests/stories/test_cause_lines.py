"""An ending's reflection says only what its branch guarantees; the tutorial's and classroom's
acquaintance endings name this playthrough's cause in lines guarded on the partner's state
(`hurt`, `reached`, `opened`, `heard`). Those guards must split every route into exactly one
cause: played at random, each such ending shows one cause line, never none and never two."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from game.runtime import Session
from game.story.compiled import CompiledStory
from game.story.loader import load
from tests.stories.storykit import ROOT

RUNS = 300  # seeded; a few seconds per story


def cause_lines(story: CompiledStory, scene: str) -> set[str]:
    """The ending scene's lines whose condition reads the partner's hurt: its cause lines."""
    return {line.text for line in story.scenes[scene].lines
            if line.cond is not None and any(name == "hurt" for _, name in line.cond.refs)}


def ending_of_random_run(story: CompiledStory, seed: int) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    session = Session.start(story, seed=seed)
    view = session.view()
    while view.choices:
        session.choose(rng.choice(view.choices).id)
        view = session.view()
    return session.state.scene, [line.text for line in view.lines]


@pytest.mark.parametrize(("name", "endings"), [
    ("tutorial", ("ending_friendly", "ending_buddies")),
    ("classroom", ("end_lab_partners", "end_polite")),
])
def test_each_acquaintance_ending_names_exactly_one_cause(name: str,
                                                         endings: tuple[str, ...]) -> None:
    story = load(ROOT / "stories" / name)
    shown: Counter[tuple[str, int]] = Counter()
    for seed in range(RUNS):
        scene, lines = ending_of_random_run(story, seed)
        if scene in endings:
            causes = cause_lines(story, scene)
            assert causes, f"{scene} has no cause lines"
            shown[scene, sum(text in causes for text in lines)] += 1
    assert {count for _, count in shown} == {1}, shown
    assert {scene for scene, _ in shown} == set(endings), shown  # both endings were reached
