"""The archetypes pick what their definitions in docs/simulate.md say, seeing only metadata."""

from __future__ import annotations

import random

import pytest

from game.analysis.policies import BLIND, POLICIES, Observation, Seen, policy
from game.story.compiled import CChoice
from game.story.loader import load

from .helpers import ARC


@pytest.fixture(scope="module")
def beat() -> tuple[CChoice, ...]:
    return load(ARC).scenes["beat_1"].choices


def ids(name: str, options: tuple[CChoice, ...], obs: Observation, runs: int = 30) -> set[str]:
    """Every choice `name` makes over several seeds, so ties show up as several ids."""
    return {policy(name)(options, obs, random.Random(i)).id for i in range(runs)}


def test_every_archetype_is_registered() -> None:
    assert list(POLICIES) == ["random", "gradual", "oversharer", "guarded", "prober",
                              "nonreciprocal", "factual", "neutral", "ignorer", "questioner",
                              "turncoat"]
    with pytest.raises(KeyError, match="unknown policy 'nosy'"):
        policy("nosy")


def test_first_turn_choices(beat: tuple[CChoice, ...]) -> None:
    fresh = Observation()
    assert ids("gradual", beat, fresh) == {"share_light"}  # one layer past nothing
    assert ids("factual", beat, fresh) == {"share_light"}
    assert ids("oversharer", beat, fresh) == {"share_core"}
    assert ids("guarded", beat, fresh) == {"chat"}
    assert ids("prober", beat, fresh) == {"ask_core"}
    assert ids("nonreciprocal", beat, fresh) == {"share_light"}
    assert len(ids("random", beat, fresh, runs=200)) == len(beat)


def test_gradual_steps_one_layer_and_prefers_feelings(beat: tuple[CChoice, ...]) -> None:
    obs = Observation()
    obs.of("ada").reached = 1
    assert ids("gradual", beat, obs) == {"share_feeling"}
    assert ids("factual", beat, obs) == {"share_fact"}
    obs.of("ada").reached = 2
    assert ids("gradual", beat, obs) == {"share_core"}
    feelings_only = tuple(c for c in beat if c.id != "share_fact" and c.kind != "ask")
    obs.of("ada").reached = 1
    assert ids("gradual", feelings_only, obs) == {"share_feeling"}
    assert ids("factual", feelings_only, obs) == {"share_light"}  # a fact, one layer less


def test_gradual_asks_only_what_the_partner_is_ready_for(beat: tuple[CChoice, ...]) -> None:
    no_shares = tuple(c for c in beat if c.kind != "disclose" or c.layer == 0)
    obs = Observation()
    assert ids("gradual", no_shares, obs) == {"chat"}  # nothing earned: small talk
    obs.of("ada").reached = 2
    obs.of("ada").opened = 1
    assert ids("gradual", no_shares, obs) == {"ask_deeper"}  # <= opened + 1 and <= reached
    assert ids("nonreciprocal", no_shares, obs) == {"chat"}  # never asks


def test_responses_by_archetype() -> None:
    answers = load(ARC).scenes["answer_1"].choices
    obs = Observation()
    assert ids("gradual", answers, obs) == {"warm"}
    assert ids("guarded", answers, obs) == {"flat"}
    assert ids("nonreciprocal", answers, obs) == {"brush", "judge"}
    assert ids("oversharer", answers, obs) == {"warm"}


def test_guarded_never_hurts_when_it_can_help_it() -> None:
    answers = load(ARC).scenes["answer_1"].choices
    no_neutral = tuple(c for c in answers if c.response != "neutral")
    assert ids("guarded", no_neutral, Observation()) == {"warm"}


def test_observation_follows_visible_landings(beat: tuple[CChoice, ...]) -> None:
    from game.runtime import Session

    story = load(ARC)
    session = Session(story, 0)
    obs = Observation()
    session.choose("continue")
    session.choose("yes")
    result = session.choose("share_light")  # lands well with the arc's starting meters
    choice = story.scenes["beat_1"].choice("share_light")
    assert choice is not None
    obs.record(choice, result.landing, result.explanation)
    seen = obs.of("ada")
    assert result.landing in ("supportive", "reciprocated")
    assert seen.reached == 1 and seen.topics == {"work"}
    obs.record(choice, "judgemental", result.explanation)
    assert seen.reached == 0  # the partner visibly closed up a layer
    obs.enter(story.scenes["midpoint"])
    assert seen.opened == 2 and seen.pending


@pytest.mark.parametrize("name", sorted(BLIND))
def test_blind_archetypes_ignore_the_observation(name: str, beat: tuple[CChoice, ...]) -> None:
    """The simulator stops updating the observation for these, so what it holds must not
    change a single pick."""
    seen = Observation()
    seen.moves = 9
    seen.partners["ada"] = Seen(reached=3, opened=3, pending=True, topics={"work"})
    for i in range(50):
        fresh = policy(name)(beat, Observation(), random.Random(i))
        assert policy(name)(beat, seen, random.Random(i)) is fresh
