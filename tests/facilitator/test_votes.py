"""Class votes in records: written and read back, checked field by field, verified on
replay, and carried into the Markdown and CSV exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from game.facilitator import (
    PlaythroughRecord,
    RecordError,
    ReplayError,
    build_record,
    replay,
    to_csv,
    to_markdown,
)
from game.facilitator.votes import ClassVote, Option, class_split, split_text
from game.runtime import Session
from game.story.compiled import CompiledStory


def voted(mini: CompiledStory, first: ClassVote) -> PlaythroughRecord:
    """The mini story: the class chose at step 1, the teacher alone at step 2."""
    session = Session(mini, 1)
    session.choose("secret")
    session.choose("ask")
    return build_record(session, votes={1: first})


SPLIT = ClassVote((Option("weather", "Talk about the rain", 7),
                   Option("secret", "Confess your deepest fear", 12)), "class")


def test_votes_round_trip_and_replay(mini: CompiledStory) -> None:
    rec = voted(mini, SPLIT)
    data = rec.to_json()
    assert data["steps"][0]["votes"] == {
        "choices": [{"id": "weather", "label": "Talk about the rain", "votes": 7},
                    {"id": "secret", "label": "Confess your deepest fear", "votes": 12}],
        "total": 19, "decided": "class"}
    assert "votes" not in data["steps"][1]  # a step without a class vote has no key
    assert PlaythroughRecord.from_json(json.loads(json.dumps(data))) == rec
    replay(mini, rec)


@pytest.mark.parametrize(("change", "message"), [
    ({"decided": "majority"}, "steps[0].votes.decided must be one of class, tie, teacher"),
    ({"total": 20}, "steps[0].votes.total is not the sum of its votes"),
    ({"choices": [{"id": "a", "label": "A", "votes": -1}]}, "steps[0].votes.choices[0]"),
    ({"choices": [{"id": "a", "label": "A", "votes": 1}, {"id": "a", "label": "A",
                                                          "votes": 0}], "total": 1},
     "steps[0].votes.choices names a choice twice"),
    ({"choices": "lots"}, "steps[0].votes"),
])
def test_damaged_votes_are_named(mini: CompiledStory, change: dict[str, object],
                                 message: str) -> None:
    data = voted(mini, SPLIT).to_json()
    data["steps"][0]["votes"] |= change
    with pytest.raises(RecordError, match=message.replace("[", r"\[").replace("]", r"\]")):
        PlaythroughRecord.from_json(data)


def test_replay_refuses_votes_that_do_not_fit_the_story(mini: CompiledStory) -> None:
    stray = ClassVote((Option("weather", "x", 1), Option("dance", "y", 5)), "teacher")
    with pytest.raises(ReplayError, match="'dance', which was not offered there"):
        replay(mini, voted(mini, stray))
    lost = ClassVote((Option("weather", "x", 9), Option("secret", "y", 2)), "class")
    with pytest.raises(ReplayError, match="'secret' did not have the most votes alone"):
        replay(mini, voted(mini, lost))
    tie = ClassVote((Option("weather", "x", 3), Option("secret", "y", 3)), "class")
    with pytest.raises(ReplayError, match="most votes alone"):
        replay(mini, voted(mini, tie))
    replay(mini, voted(mini, ClassVote(tie.options, "tie")))  # a tie the teacher broke


def test_exports_carry_the_counts(mini: CompiledStory) -> None:
    rec = voted(mini, SPLIT)
    rows = list(csv.DictReader(io.StringIO(to_csv(rec))))
    assert [r["votes"] for r in rows] == ["", "19", ""]
    assert rows[1]["votes_for_choice"] == "12"
    assert rows[1]["split"] == "A 7 · B 12 (19 votes; the class chose B)"
    text = to_markdown(rec)
    assert ("- **The class voted:** Talk about the rain (7); Confess your deepest fear (12), "
            "19 in all") in text
    assert "| 1 | hello | A 7 · B 12 (19 votes; the class chose B) | B |" in text


def test_the_split_reads_in_step_order(mini: CompiledStory) -> None:
    rows = class_split(voted(mini, SPLIT))
    assert [(r.step, r.chosen, r.total) for r in rows] == [(1, "B", 19)]
    assert split_text(rows[0]).startswith("A 7 · B 12")
