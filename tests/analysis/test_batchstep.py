"""The batch run's live step (game/runtime/batch.py) against `transition`, move by move.

`LiveRun` keeps a run's state mutable and mirrors `transition`'s order of events; these
tests drive both with the same choices (every policy, many seeds, every bundled story and
fixture) and compare what each move shows (landing, the model's record, the scene entered),
the choices on offer and the whole state after every move.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from game.analysis.policies import POLICIES, Observation, policy
from game.analysis.simulate import MAX_TURNS, play, start_state
from game.runtime.batch import LiveRun
from game.runtime.moves import Transition, available, transition
from game.story.compiled import CompiledStory
from game.story.loader import bundled, load

from .helpers import FIXTURES, ROOT

STORIES = [*bundled(), *sorted(FIXTURES.glob("*.yaml")),
           *sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))]


def _lockstep(story: CompiledStory, name: str, seed: int, seen: Counter[str],
              max_turns: int = MAX_TURNS) -> None:
    """One run of policy `name`, each move taken by both steps and compared."""
    pick, rng = policy(name), random.Random(seed)
    state = start_state(story)
    live = LiveRun(story, state, seed)
    obs = Observation()
    obs.enter(story.scenes[state.scene])
    for turn in range(max_turns):
        options = available(story, state)
        assert live.available() == options, (name, seed, turn)
        if not options:
            break
        choice = pick(options, obs, rng)
        t = transition(story, state, choice, seed, True, False)
        assert live.step(choice) == (t.landing, t.explanation, t.target), \
            (name, seed, turn, choice.id)
        assert live.state() == t.state, (name, seed, turn, choice.id)
        _note(story, t, seen)
        obs.record(choice, t.landing, t.explanation)
        if story.scenes[t.target].disclosure is not None:
            obs.enter(story.scenes[t.target])
        state = t.state


def _note(story: CompiledStory, t: Transition, seen: Counter[str]) -> None:
    """Which of the step's rarer paths this move took, so a test can insist on them."""
    seen["moves"] += 1
    if t.ruptured:
        seen["ruptured"] += 1
        if not any(p.ruptured for p in t.after_move.partners.values()):
            seen["broken on entering"] += 1
    if t.explanation is not None and t.explanation.ruptured:
        seen["broken by the move"] += 1


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_the_live_step_is_transitions_step(path: Path) -> None:
    story = load(path)
    seen: Counter[str] = Counter()
    for name in POLICIES:
        for seed in range(6):
            _lockstep(story, name, seed, seen)
    assert seen["moves"] > 0


def test_the_rare_paths_are_compared_too() -> None:
    """The crowded fixture breaks relationships by a move, by a choice's effect and by a
    scene's on_enter effect (the rupture that cannot wait a move): each is compared above."""
    story = load(FIXTURES / "crowded.yaml")
    seen: Counter[str] = Counter()
    for name in POLICIES:
        for seed in range(30):
            _lockstep(story, name, seed, seen)
    assert seen["broken on entering"] > 0 and seen["broken by the move"] > 0
    assert seen["ruptured"] > seen["broken on entering"]


def test_a_batch_run_ends_in_the_state_a_session_reaches() -> None:
    """`play` without a referee runs live; with one, through `Session.choose`: same runs."""
    for path in (*bundled(), FIXTURES / "crowded.yaml"):
        story = load(path)
        for name in POLICIES:
            for seed in (3, 11):
                fast = play(story, name, seed)
                full = play(story, name, seed, hook=lambda *_: None)
                assert fast == full, (path.stem, name, seed)
