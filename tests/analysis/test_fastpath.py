"""The simulator's fast move and `Session.choose` must leave identical states."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from game.analysis.simulate import play, start_state
from game.runtime.moves import available, transition
from game.runtime.state import Env
from game.story.loader import bundled, load

from .helpers import ARC, FIXTURES, MINI

CROWDED = FIXTURES / "crowded.yaml"
STORIES = [*bundled(), ARC, MINI, CROWDED, FIXTURES / "loop.yaml", FIXTURES / "deadend.yaml"]


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_fast_and_full_moves_agree(path: Path) -> None:
    story = load(path)
    for name in ("random", "gradual", "oversharer"):
        for seed in range(25):
            fast = play(story, name, seed, max_turns=80)
            full = play(story, name, seed, hook=lambda *_: None, max_turns=80)
            assert fast == full, (name, seed)


@pytest.mark.parametrize("explain", [False, True])
def test_a_step_leaves_its_input_untouched(explain: bool) -> None:
    """`transition` returns new states and never changes the one it is given: the Session's
    undo and the explorer keep earlier states, and a batch's runs share the start state."""
    story = load(CROWDED)
    for seed in range(40):
        state, rng = start_state(story), random.Random(seed)
        while options := available(story, state):
            choice = options[int(rng.random() * len(options))]
            kept = copy.deepcopy(state)
            t = transition(story, state, choice, seed, True, explain)
            assert state == kept, (seed, choice.id)
            state = t.state


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_a_flag_effect_gives_the_flags_own_type(path: Path) -> None:
    """`apply_effects` stores a flag effect's value as it comes (no conversion on the way):
    a whole-number flag must get an int and a true/false flag a bool, in every state a run
    reaches, or a save would hold `2.0` or `1` where the story declared `2` or `true`."""
    story = load(path)
    declared = story.meta.flags
    effects = [e for s in story.scenes.values()
               for e in (*s.on_enter, *(x for c in s.choices for x in c.effects))
               if e.target[0] == "flag"]
    for seed in range(10):
        state, rng = start_state(story), random.Random(seed)
        for _ in range(80):  # fixtures/loop.yaml never ends
            options = available(story, state)
            if not options:
                break
            env = Env(state, story.params)
            for effect in effects:
                value = effect.compute(env)
                assert type(value) is type(declared[effect.target[1]]), effect.source
            choice = options[int(rng.random() * len(options))]
            state = transition(story, state, choice, seed, True, False).state
