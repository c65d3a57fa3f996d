"""The belay story ("On Belay"), played the way a player plays it: `confide play belay --text`.

One golden transcript per outcome pins a whole playthrough. After a deliberate change to the
story, regenerate them with UPDATE_GOLDEN=1 and read the diff before keeping it.
"""

from __future__ import annotations

from typing import Any

import pytest

from game.analysis.simulate import play as simulated
from game.runtime import Session
from game.story.loader import load
from tests.stories.storykit import (
    SEED,
    assert_check_clean,
    assert_conforms,
    assert_flagship_counts,
    golden_transcript,
)
from tests.stories.storykit import catalog_entry as kit_catalog_entry
from tests.stories.storykit import play as kit_play

# Choice numbers, as listed in docs/educators/belay.md.
PATHS = {
    # one layer past what she has heard each time, every one of her stories met with care
    "deepened": "3,1,1,1,2,1,5,1,5,1,4,5,1,5,1,4,1,3,1,1,4,1,1,2,2,1,1,1",
    # friendly and personal, never private; her stories heard politely and no more
    "acquaintance": "2,3,2,3,1,2,3,2,1,2,4,1,1,2,5,2,4,2,2,1,5,1",
    # a core fear at hello, a joke about who she dropped, then more too soon and a pry
    "ruptured": "1,1,1,2,3,2,1,2,5",
}


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_golden_transcript(outcome: str) -> None:
    golden_transcript("belay", outcome, PATHS[outcome])


def play(numbers: str) -> Session:
    return kit_play("belay", numbers)


def test_the_careful_path_hears_why_she_goes_quiet() -> None:
    session = play(PATHS["deepened"])
    priya = session.state.partners["priya"]
    assert priya.trust >= 70 and priya.defence <= 35
    assert priya.reached == 3 and priya.opened == 3
    assert len(priya.topics) >= 3
    # Her core story was heard, so the finale picks the ending that pays it off.
    assert session.state.visits.get("priya_drop") == 1
    assert session.state.ending == "end_rope"


def test_she_warms_fast_and_stings_easily() -> None:
    story = load("belay")
    priya = Session(story, int(SEED)).state.partners["priya"]
    assert (priya.trust, priya.defence) == (38, 30)
    params = story.params["priya"]
    assert params.reciprocity == (25.0, 45.0, 65.0)
    assert params.judge_trust == 16.0
    assert params.respond_trust == 10.0


def test_a_fear_confessed_at_hello_is_too_much_on_any_seed() -> None:
    for seed in range(20):
        session = Session(load("belay"), seed)
        result = session.choose("scared_of_everything")
        assert result.landing == "judgemental"
        assert session.state.scene == "knots"  # she does not open up in return


def test_the_same_kind_of_secret_lands_once_trust_is_earned() -> None:
    # On the careful path the core secret at the cafe (choice 14) is met with care,
    # and she answers it with her own.
    session = play(",".join(PATHS["deepened"].split(",")[:13]))
    assert session.state.scene == "cafe"
    result = session.choose("dad_doesnt_know")
    assert result.landing == "reciprocated"
    assert session.state.scene == "cafe_turn"


def test_small_talk_all_the_way_leaves_her_where_she_started() -> None:
    session = Session(load("belay"), int(SEED))
    while session.ending() is None:
        safe = [c for c in session.available()
                if c.kind == "plain" or (c.kind in ("disclose", "ask") and c.layer == 0)
                or c.response == "neutral"]
        # A neutral answer before any plain choice: a plain one can now leave her unanswered.
        safe.sort(key=lambda c: c.response != "neutral")
        session.choose(safe[0].id)
    ending = session.ending()
    assert ending is not None and ending.outcome == "acquaintance"
    priya = session.state.partners["priya"]
    # Neutral answers cost a little trust in model v2: never closer than at the start.
    assert priya.trust <= 38 and (priya.defence, priya.reached) == (30, 0)


def test_random_play_visits_every_scene() -> None:
    # Random play seldom deepens under model v2, so the careful archetypes play too:
    # together they must visit every scene.
    story = load("belay")
    seen: set[str] = set()
    for run in range(150):
        for name in ("random", "gradual", "questioner", "misstep"):
            seen |= set(simulated(story, name, run).state.visits)
    assert seen == set(story.scenes), sorted(set(story.scenes) - seen)


def catalog_entry() -> dict[str, Any]:
    return kit_catalog_entry("belay")


def test_list_reports_a_flagship_story() -> None:
    assert_flagship_counts("belay")


def test_check_finds_nothing() -> None:
    assert_check_clean("belay")


def test_conformance_predictions_hold() -> None:
    assert_conforms("belay")
